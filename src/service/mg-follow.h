/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-follow: `memgauge --follow`, a line at start and one per change, for status bars. */
#pragma once

#include <glib.h>

#include "mg-follow-format.h"

G_BEGIN_DECLS

/**
 * mg_follow_run:
 * @proc_root: (nullable): the proc root to sample when no app runs; %NULL for `/proc`
 * @format: the line format
 *
 * Prints a line on stdout at start and one whenever it would change, until SIGINT,
 * SIGTERM or stdout closes. While the app owns its name on the session bus it follows the
 * app's io.github.memgauge.MemGauge1 properties (no second sampler, no timer of its own);
 * otherwise, and whenever the app quits, it samples @proc_root itself at the
 * `sample-interval` setting (3 s without the schema), and goes back to following the app
 * when it appears. It never starts the app.
 *
 * Returns: the exit status for main(): 0
 */
int mg_follow_run (const char     *proc_root,
                   MgFollowFormat  format);

G_END_DECLS
