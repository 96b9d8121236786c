/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-swappiness: the pure parser of /proc/sys/vm/swappiness; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"

G_BEGIN_DECLS

/**
 * mg_proc_parse_swappiness:
 * @text: the contents of /proc/sys/vm/swappiness, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out): the value, 0 to 200
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Returns: %TRUE if @text is one number from 0 to 200 and a newline
 */
gboolean mg_proc_parse_swappiness (const char  *text,
                                   gsize        len,
                                   guint       *out,
                                   GError     **error);

G_END_DECLS
