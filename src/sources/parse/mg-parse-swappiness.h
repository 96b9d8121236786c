/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-swappiness: pure parsers of /proc/sys/vm/swappiness and other one-int sysctl files. */
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

/**
 * mg_proc_parse_sysctl_int:
 * @text: the contents of a /proc/sys file that holds one int, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @what: the file's name for messages, such as "sys/vm/dirty_ratio"
 * @out: (out): the value, 0 to `G_MAXINT`
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Returns: %TRUE if @text is one non-negative number that fits the kernel's int, and a
 *   newline
 */
gboolean mg_proc_parse_sysctl_int (const char  *text,
                                   gsize        len,
                                   const char  *what,
                                   guint64     *out,
                                   GError     **error);

G_END_DECLS
