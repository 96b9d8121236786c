/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-exposition: the pure parser of Prometheus's text exposition format (what
 * node_exporter serves at /metrics); no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse-remote.h"

G_BEGIN_DECLS

/**
 * mg_parse_exposition:
 * @text: a node_exporter response body, not necessarily NUL-terminated
 * @len: its length in bytes, at most %MG_REMOTE_MAX_RESPONSE
 * @out: (out): the metrics of #MgRemoteField that @text holds
 * @error: set in the %MG_REMOTE_ERROR domain, naming the line
 *
 * Checks every line against the text format 0.0.4 (metric name, labels, value, optional
 * timestamp; `#` comments), within %MG_REMOTE_MAX_LINE, %MG_REMOTE_MAX_LABELS and
 * %MG_REMOTE_MAX_LABEL, and reads the metrics of #MgRemoteField, which must appear once,
 * without labels, with a finite value in range. It does not require any of them: see
 * mg_remote_memory_check().
 *
 * Returns: %TRUE when @text is well-formed
 */
gboolean mg_parse_exposition (const char      *text,
                              gsize            len,
                              MgRemoteMemory  *out,
                              GError         **error);

G_END_DECLS
