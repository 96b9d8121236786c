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

G_END_DECLS
