/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-vmstat: the pure parser of /proc/vmstat; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * mg_proc_parse_vmstat:
 * @text: the contents of /proc/vmstat, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out): the counters MemGauge uses, with a bit in @present for each one found
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Returns: %TRUE if @text holds pgmajfault and each counter MemGauge uses is a number
 */
gboolean mg_proc_parse_vmstat (const char  *text,
                               gsize        len,
                               MgVmstat    *out,
                               GError     **error);

G_END_DECLS
