/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share: a monitor of a proc root, parser inputs; the file helpers
 * are in mg-test-files.h. */
#pragma once

#include <glib.h>

#include "mg-monitor.h"
#include "mg-parse.h"
#include "mg-test-files.h"

G_BEGIN_DECLS

/* A monitor of a MgSourceProcfs reading below @proc_root (%NULL: /proc). */
MgMonitor *mg_test_monitor_new (const char *proc_root);

/* A string literal and its length, so that a table's texts can hold NUL bytes. */
#define MG_TEST_TEXT(s) (s), (sizeof (s) - 1)

/* A parser seen through a common type; wrap each real one rather than cast it, since a
 * call through a mismatched function type is undefined (clang's -fsanitize=function). */
typedef gboolean (*MgTestParseFunc) (const char *text,
                                     gsize       len,
                                     gpointer    out,
                                     GError    **error);

/* A hostile text and the MG_PROC_ERROR code the parser must answer it with. */
typedef struct {
  const char *name;
  const char *text;
  gsize       len;
  MgProcError code;
} MgTestErrorCase;

/* An exact-size heap copy of @text, so that ASan catches any read past its end; an
 * empty text still gets a valid one-byte buffer, as a reader would pass. */
char *mg_test_copy_text       (const char            *text,
                               gsize                  len);
/* The contents of tests/fixtures/proc/@fixture/@file; asserts on failure. */
char *mg_test_load_fixture    (const char            *fixture,
                               const char            *file,
                               gsize                 *len);
/* Asserts that @parse fails on each case with its code; @out_size is what it writes. */
void  mg_test_run_error_cases (MgTestParseFunc        parse,
                               gsize                  out_size,
                               const MgTestErrorCase *cases,
                               gsize                  n_cases);

G_END_DECLS
