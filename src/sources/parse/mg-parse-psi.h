/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-psi: the pure parser of /proc/pressure/memory; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * mg_proc_parse_psi:
 * @text: the contents of /proc/pressure/memory, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out): the "some" line and, when present, the "full" line
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Returns: %TRUE if @text holds a well-formed "some" line
 */
gboolean mg_proc_parse_psi (const char  *text,
                            gsize        len,
                            MgPsi       *out,
                            GError     **error);

/**
 * mg_proc_parse_psi_named:
 * @text: the contents of a pressure file, such as a cgroup's `memory.pressure`
 * @len: the length of @text in bytes
 * @what: the file's name for messages
 * @out: (out): as for mg_proc_parse_psi()
 * @error: set in the %MG_PROC_ERROR domain
 *
 * mg_proc_parse_psi() for a file of the same format with another name.
 */
gboolean mg_proc_parse_psi_named (const char  *text,
                                  gsize        len,
                                  const char  *what,
                                  MgPsi       *out,
                                  GError     **error);

G_END_DECLS
