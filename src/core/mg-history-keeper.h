/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgHistoryKeeper: keeps a monitor's last hour in a state file across restarts. */
#pragma once

#include <glib-object.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

/* Written at most this often while running, and once more on quit. */
#define MG_HISTORY_KEEPER_PERIOD_US ((gint64) 5 * 60 * G_USEC_PER_SEC)

#define MG_TYPE_HISTORY_KEEPER (mg_history_keeper_get_type ())
G_DECLARE_FINAL_TYPE (MgHistoryKeeper, mg_history_keeper, MG, HISTORY_KEEPER, GObject)

/**
 * mg_history_keeper_new:
 * @monitor: a monitor timed by the default monotonic clock, before its first sample
 * @path: (nullable): the state file; %NULL for `$XDG_STATE_HOME/memgauge/history`
 *
 * At the monitor's first valid sample (which gives MemTotal for the identity check) the
 * keeper puts the file's last hour behind it; a corrupt or foreign file is ignored with
 * one message and replaced at the next write. Afterwards it writes the file from a
 * worker thread when #MG_HISTORY_KEEPER_PERIOD_US has passed since the last write, at a
 * sample: it adds no timer and so no wakeup of its own.
 *
 * Returns: (transfer full): a keeper
 */
MgHistoryKeeper *mg_history_keeper_new      (MgMonitor       *monitor,
                                             const char      *path);
const char      *mg_history_keeper_get_path (MgHistoryKeeper *self);

/**
 * mg_history_keeper_save:
 * @self: a keeper
 *
 * Writes the file now, in this thread, if anything changed since the last write: on
 * quit. A write in flight finishes first, and never replaces a newer file.
 *
 * Returns: %FALSE if writing failed (said once in the log)
 */
gboolean         mg_history_keeper_save     (MgHistoryKeeper *self);

G_END_DECLS
