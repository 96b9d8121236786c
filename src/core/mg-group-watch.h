/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupWatch: the limited groups' counters on every sample, and the hourly leak fit. */
#pragma once

#include <gio/gio.h>

#include "mg-group-scanner.h"
#include "mg-group.h"
#include "mg-sample.h"
#include "mg-source.h"

G_BEGIN_DECLS

/* A full scan refreshes the set of limited groups and feeds the leak fit this often. */
#define MG_GROUP_WATCH_RESCAN_US ((gint64) 60 * G_USEC_PER_SEC)
/* The limited groups read on every sample: the largest this many. */
#define MG_GROUP_WATCH_MAX_LIMITED 32
/* The groups whose usage is kept for the leak fit: the largest this many. */
#define MG_GROUP_WATCH_LEAK_SLOTS 20
/* How long after an unexplained OOM kill scans may still name its group. */
#define MG_GROUP_WATCH_CULPRIT_US ((gint64) 60 * G_USEC_PER_SEC)

#define MG_TYPE_GROUP_WATCH (mg_group_watch_get_type ())
G_DECLARE_FINAL_TYPE (MgGroupWatch, mg_group_watch, MG, GROUP_WATCH, GObject)

/**
 * MgGroupWatch:
 *
 * Rides on the local monitor's sample (mg_source_set_sample_hook()): no timer of its
 * own. On each sample it re-reads usage, OOM kills and pressure of the groups that have
 * a limit (at most #MG_GROUP_WATCH_MAX_LIMITED; none, and it reads nothing), and asks the
 * scanner for a full scan once a minute; each scan refreshes that set, and the usage of
 * the #MG_GROUP_WATCH_LEAK_SLOTS largest groups goes into fixed rings for the leak fit
 * (mg-leak-fit.h), whose result it writes into each scanned group's
 * @growth_kib_per_hour.
 *
 * Signals, on the thread of the sample:
 * - #MgGroupWatch::limit-reached (group, percent): mg_limit_episode_update() says so
 * - #MgGroupWatch::limit-cleared (group): that episode ended (a minute below the percent
 *   minus the margin), so its notification is out of date
 * - #MgGroupWatch::group-oom (group, kills): a limited group's `oom_kill` rose while it
 *   was at its own limit (its limit-hit counter rose too)
 * - #MgGroupWatch::oom-culprit (group, kills): after a machine OOM kill that no limited
 *   group's limit explains, the group whose `oom_kill` rose, found by the next scan
 * - #MgGroupWatch::leak (group): a scanned group the leak rule holds for
 * Each passes a #MgGroup valid during the emission only.
 */

/**
 * mg_group_watch_new:
 * @source: (nullable): the local source, whose samples it rides on; %NULL for tests,
 *   which call mg_group_watch_on_sample() themselves
 * @scanner: the scanner for the full scans (shared with whoever shows the groups)
 * @walker: re-reads the counters (mg_group_walker_read_counters())
 *
 * Returns: (transfer full): a watch
 */
MgGroupWatch   *mg_group_watch_new               (MgSource       *source,
                                                  MgGroupScanner *scanner,
                                                  MgGroupWalker  *walker);

/**
 * mg_group_watch_on_sample:
 * @self: a watch
 * @sample: a good sample, `time_us` set; its @psi_from_limited_groups is set here
 *
 * The per-sample work (what the source's hook runs).
 */
void            mg_group_watch_on_sample         (MgGroupWatch   *self,
                                                  MgSample       *sample);

/* The percentage of its limit at which a group is announced (group-limit-percent). */
void            mg_group_watch_set_limit_percent (MgGroupWatch   *self,
                                                  guint           percent);

/**
 * mg_group_watch_account_oom:
 * @self: a watch
 * @machine_kills: the rise of the machine's `oom_kill` the caller is about to announce
 * @victim: (out) (transfer none) (nullable): when some kills remain unexplained and a
 *   limited group's `oom_kill` rose without its limit being hit, that group (valid until
 *   the next sample); else %NULL
 *
 * How many of @machine_kills were OOM kills of limited groups at their own limits,
 * announced through #MgGroupWatch::group-oom: the machine did not run out for them.
 * They are consumed. When kills remain and no @victim is known, the next scans look for
 * the group whose `oom_kill` rose (#MgGroupWatch::oom-culprit).
 *
 * Returns: at most @machine_kills
 */
guint64         mg_group_watch_account_oom       (MgGroupWatch   *self,
                                                  guint64         machine_kills,
                                                  const MgGroup **victim);

/* The limited groups as last read (element-type MgGroup), largest first. */
GPtrArray      *mg_group_watch_get_limited       (MgGroupWatch   *self);

/**
 * mg_group_watch_apply_growth:
 * @self: a watch
 * @groups: (element-type MgGroup): groups of another scan
 *
 * Sets @growth_kib_per_hour of each of @groups from the leak fit (0 for those without
 * one), for views that scan on their own.
 */
void            mg_group_watch_apply_growth      (MgGroupWatch   *self,
                                                  GPtrArray      *groups);

G_END_DECLS
