/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-meminfo: the pure parser of /proc/meminfo; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * mg_proc_parse_meminfo:
 * @text: the contents of /proc/meminfo, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out): the fields found; MemAvailable is estimated when the kernel has none
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Returns: %TRUE if @text holds MemTotal and MemFree and consistent numbers
 */
gboolean mg_proc_parse_meminfo (const char  *text,
                                gsize        len,
                                MgMeminfo   *out,
                                GError     **error);

G_END_DECLS
