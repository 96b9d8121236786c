/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupScanner: the leaf control groups by memory use, named, off the main loop. */
#pragma once

#include <gio/gio.h>

#include "mg-group-naming.h"
#include "mg-group.h"
#include "mg-monitor.h"

G_BEGIN_DECLS

/* The default minimum time between the starts of two scans, in seconds. */
#define MG_GROUP_SCANNER_DEFAULT_INTERVAL 5

#define MG_TYPE_GROUP_SCANNER (mg_group_scanner_get_type ())
G_DECLARE_FINAL_TYPE (MgGroupScanner, mg_group_scanner, MG, GROUP_SCANNER, GObject)

/**
 * MgGroupScanner:
 *
 * Walks the control groups (through a #MgGroupWalker) and names them (#MgGroupNamer)
 * in a worker thread: one worker at most, cancellable, rate limited, requests during a
 * scan coalesced into one more. It scans only when asked: nothing runs while nobody
 * looks. Results arrive on the main context of the thread that created the scanner,
 * through #MgGroupScanner::updated, as an array of #MgGroup sorted by usage, largest
 * first (mg_group_compare_usage()).
 *
 * Properties: "walker" (construct-only) and "min-interval" (seconds between the starts
 * of two scans, default 5).
 */

/**
 * mg_group_scanner_new:
 * @walker: where the groups come from, such as mg_cgroup_walker_new()
 * @namer: (nullable) (transfer full): the namer to use; %NULL for one over the user's
 *   and the system's real engine folders
 *
 * Returns: (transfer full): a scanner
 */
MgGroupScanner *mg_group_scanner_new           (MgGroupWalker  *walker,
                                                MgGroupNamer   *namer);

/**
 * mg_group_scanner_request:
 * @self: a scanner
 *
 * Asks for a scan. Nothing happens if the last one started less than "min-interval"
 * ago; a request while a scan runs makes one more follow it, however many came.
 * Never blocks.
 *
 * Returns: %TRUE if a scan was started or will follow the running one
 */
gboolean        mg_group_scanner_request       (MgGroupScanner *self);

/* As mg_group_scanner_request(), but at once whatever the rate limit: what it lists has
 * just changed (a process or group was ended). */
gboolean mg_group_scanner_request_now (MgGroupScanner *self);

/**
 * mg_group_scanner_cancel:
 * @self: a scanner
 *
 * Cancels the running scan, if any, and forgets a coalesced request. A cancelled scan
 * emits nothing and does not count for the rate limit.
 */
void            mg_group_scanner_cancel        (MgGroupScanner *self);

gboolean        mg_group_scanner_is_scanning   (MgGroupScanner *self);

/**
 * mg_group_scanner_get_groups:
 * @self: a scanner
 *
 * Returns: (transfer none) (element-type MgGroup): the last finished scan's leaf groups,
 *   largest first; empty before the first scan or after a failed one. Valid until the
 *   next #MgGroupScanner::updated; g_ptr_array_ref() it to keep it longer.
 */
GPtrArray      *mg_group_scanner_get_groups    (MgGroupScanner *self);

/* Why the last finished scan found nothing at all (no memory controller), or %NULL. */
const GError   *mg_group_scanner_get_error     (MgGroupScanner *self);

guint           mg_group_scanner_get_n_scans   (MgGroupScanner *self);

guint           mg_group_scanner_get_min_interval (MgGroupScanner *self);
void            mg_group_scanner_set_min_interval (MgGroupScanner *self,
                                                   guint           seconds);

/* Tests: the clock of the rate limit, in microseconds (default: monotonic time). */
void            mg_group_scanner_set_time_func (MgGroupScanner *self,
                                                MgTimeFunc      func,
                                                gpointer        user_data);

/**
 * mg_group_collect:
 * @walker: where the groups come from
 * @namer: names them
 * @cancellable: (nullable): cancels the walk
 * @error: why no group could be read
 *
 * One scan, synchronously (what the scanner's worker and `--json` run): walks, names
 * and sorts.
 *
 * Returns: (transfer full) (element-type MgGroup) (nullable): the leaf groups, largest
 *   first, or %NULL with @error set
 */
GPtrArray      *mg_group_collect               (MgGroupWalker  *walker,
                                                MgGroupNamer   *namer,
                                                GCancellable   *cancellable,
                                                GError        **error);

G_END_DECLS
