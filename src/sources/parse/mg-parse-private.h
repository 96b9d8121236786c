/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-private: the text and number scanning the /proc parsers share; not public API. */
#pragma once

#include <glib.h>

#include "mg-parse.h"

G_BEGIN_DECLS

/* A key as the kernel spells it, with its length so that matching needs no strlen (). */
typedef struct {
  const char *name;
  guint8      len;
} MgKey;

#define MG_KEY(s) { s, sizeof (s) - 1 }

/* Inline: called for every line, and the parsers live in separate units. */
static inline const char *
mg_parse_skip_blanks (const char *p,
                      const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Fails unless @text is non-empty printable ASCII (plus tabs) ending in a newline;
 * @what names the file in the message. */
gboolean mg_parse_check_text      (const char  *text,
                                   gsize        len,
                                   const char  *what,
                                   GError     **error);
/* Parses the digits at *p into *out, moving *p past them; @line is for the message. */
gboolean mg_parse_u64             (const char **p,
                                   const char  *end,
                                   guint64     *out,
                                   const char  *what,
                                   guint        line,
                                   GError     **error);
/* Fails unless only blanks remain between @p and @end. */
gboolean mg_parse_expect_line_end (const char  *p,
                                   const char  *end,
                                   const char  *what,
                                   guint        line,
                                   GError     **error);
/* Sets a %MG_PROC_ERROR_MISSING_KEY error for @key in @what; always returns %FALSE. */
gboolean mg_parse_missing_key     (const char  *what,
                                   const char  *key,
                                   GError     **error);

G_END_DECLS
