/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMonitor: the model; owns the sampling clock, the latest sample, history and level. */
#pragma once

#include <glib-object.h>

#include "mg-history.h"
#include "mg-level-tracker.h"
#include "mg-sample.h"
#include "mg-source.h"

G_BEGIN_DECLS

#define MG_TYPE_MONITOR (mg_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MgMonitor, mg_monitor, MG, MONITOR, GObject)

/* One hour at the shortest interval (1 s), three hours at the default 3 s. */
#define MG_MONITOR_HISTORY_CAPACITY 3600

typedef gint64 (*MgTimeFunc) (gpointer user_data);

/**
 * mg_monitor_new:
 * @source: where samples come from
 *
 * Returns: (transfer full): a monitor that samples nothing until mg_monitor_start(),
 *   mg_monitor_request_sample() or mg_monitor_sample_now()
 */
MgMonitor            *mg_monitor_new                (MgSource    *source);
/* As mg_monitor_new() with room for @capacity history entries: a remote machine polled
 * every 15 s needs 240 for an hour, not %MG_MONITOR_HISTORY_CAPACITY. */
MgMonitor            *mg_monitor_new_with_history   (MgSource    *source,
                                                     guint        capacity);
MgSource             *mg_monitor_get_source         (MgMonitor   *self);
void                  mg_monitor_start              (MgMonitor   *self);
void                  mg_monitor_stop               (MgMonitor   *self);

/**
 * mg_monitor_request_sample:
 * @self: a monitor
 *
 * Asks for a fresh sample soon (on the next main-loop iteration), for a view that has
 * just become visible or an action that changed what the kernel reports. Requests made
 * before that sample, or while a read is in flight, are served by one sample. The
 * periodic clock keeps its phase.
 */
void                  mg_monitor_request_sample     (MgMonitor   *self);

/**
 * mg_monitor_sample_now:
 * @self: a monitor whose source can read without blocking (mg_source_can_read_now())
 *
 * Samples at once, updates the level and emits #MgMonitor::sample-updated: for the
 * command line and tests. Views call mg_monitor_request_sample() instead.
 *
 * Returns: %TRUE when the sample was valid
 */
gboolean              mg_monitor_sample_now         (MgMonitor   *self);

/**
 * mg_monitor_reevaluate:
 * @self: a monitor
 *
 * Weighs the last good sample again with the current thresholds, margin and PSI setting,
 * as the next sample would, and emits #MgMonitor::sample-updated so that the views show
 * the result at once: for a person who has just changed the thresholds. Takes no sample
 * (mg_monitor_get_n_samples() and the history stay as they are); does nothing while there
 * is no good sample.
 */
void                  mg_monitor_reevaluate         (MgMonitor   *self);

guint                 mg_monitor_get_interval       (MgMonitor   *self);
void                  mg_monitor_set_interval       (MgMonitor   *self,
                                                     guint        seconds);
MgLevel               mg_monitor_get_level          (MgMonitor   *self);
const char           *mg_monitor_get_reason         (MgMonitor   *self);

/* The latest valid sample, or %NULL while the level is unknown. */
const MgSample       *mg_monitor_get_sample         (MgMonitor   *self);
/* The error of the last sample, or %NULL when it was good. */
const GError         *mg_monitor_get_error          (MgMonitor   *self);
guint64               mg_monitor_get_n_samples      (MgMonitor   *self);

const MgLevelParams  *mg_monitor_get_level_params   (MgMonitor   *self);

/**
 * mg_monitor_get_shown_percent:
 * @self: a monitor
 * @available: (out) (optional): the available percentage every view shows
 * @used: (out) (optional): the used percentage every view shows, 100 − @available
 *
 * The latest sample's figures, rounded by mg_format_available_percent() so that they
 * never contradict the level's words.
 *
 * Returns: %FALSE, leaving @available and @used alone, while there is no valid sample
 */
gboolean              mg_monitor_get_shown_percent  (MgMonitor   *self,
                                                     guint       *available,
                                                     guint       *used);

/* Whether the level comes from stalls (PSI) while memory itself is at a lower level:
 * programs wait for memory that is not short. */
gboolean              mg_monitor_get_raised_by_stalls (MgMonitor *self);

/* The last %MG_MONITOR_HISTORY_CAPACITY samples, failed ones included. */
const MgHistory      *mg_monitor_get_history        (MgMonitor   *self);

/**
 * mg_monitor_restore_history:
 * @self: a monitor
 * @entries: (array length=n_entries): entries oldest first, timed on the monitor's clock
 * @n_entries: how many
 *
 * Puts history kept from an earlier run behind the samples taken so far, for the views
 * to draw as if the monitor had taken them. Entries not older than the monitor's oldest
 * entry, or not in order, are left out. Emits nothing: call it before a view shows the
 * history, or queue the views' update.
 *
 * Returns: how many entries were restored
 */
guint                 mg_monitor_restore_history    (MgMonitor            *self,
                                                     const MgHistoryEntry *entries,
                                                     guint                 n_entries);

/* Tests: sample every @milliseconds (0: back to the interval in seconds), so that a test
 * runs through thousands of samples in a minute. */
void                  mg_monitor_set_test_interval_ms (MgMonitor *self,
                                                       guint      milliseconds);
/**
 * mg_monitor_set_power_saver:
 * @self: a monitor
 * @power_saver: whether to double the calm interval
 *
 * For power-saver mode: the clock samples every twice `interval` seconds while memory is
 * steady; near a threshold it still samples as soon as the fill rate asks.
 */
void                  mg_monitor_set_power_saver    (MgMonitor   *self,
                                                     gboolean     power_saver);
/* The delay before the next sample in ms: the calm interval, or sooner near a threshold. */
guint                 mg_monitor_get_next_delay_ms  (MgMonitor   *self);
/* Tests: replace the monotonic clock used for timestamps and rates. */
void                  mg_monitor_set_time_func      (MgMonitor   *self,
                                                     MgTimeFunc   func,
                                                     gpointer     user_data);

G_END_DECLS
