/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli-remote: `memgauge --json --source URL…` and `--print --source URL…`, remote
 * machines through node_exporter and Prometheus. */
#pragma once

#include "mg-cli.h"

G_BEGIN_DECLS

/**
 * mg_cli_print_remote:
 * @urls: (array zero-terminated=1): the `--source` arguments (see mg_remote_url_parse())
 * @format: JSON for scripts or text for people
 *
 * Reads every source at once (one request each, within their 5 s deadline) and prints
 * `{"hosts": [...]}`, one object per machine with the original API's fields (`swappiness`
 * null) plus `name`, `source` and `error` (null when fine); or the same as text.
 *
 * Returns: the exit status: 0 when every machine answered, 1 when one did not, 2 when a
 *   URL cannot be used (one line on stderr, nothing read)
 */
int mg_cli_print_remote (const char *const *urls,
                         MgCliFormat        format);

G_END_DECLS
