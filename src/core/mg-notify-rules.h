/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-notify-rules: when to send, keep or withdraw a notification; pure, clock passed in. */
#pragma once

#include <glib.h>

#include "mg-level.h"

G_BEGIN_DECLS

/* Fewer than this between two pressure notifications is spam, unless one is critical. */
#define MG_NOTIFY_MIN_GAP_US ((gint64) 15 * G_USEC_PER_SEC)
/* Pressure below high for this long ends an episode: the next rise is news again. Not a
 * span of *low*: after an OOM kill, stalls often hold the level at medium for minutes. */
#define MG_NOTIFY_REARM_US ((gint64) 30 * G_USEC_PER_SEC)
/* OOM kills closer together than this are one burst and one notification. */
#define MG_NOTIFY_OOM_BURST_US ((gint64) 60 * G_USEC_PER_SEC)

/**
 * MgNotifyAction:
 * @MG_NOTIFY_ACTION_NONE: leave the "pressure" notification as it is
 * @MG_NOTIFY_ACTION_SEND: send (or replace) it for #MgNotifyDecision.level
 * @MG_NOTIFY_ACTION_WITHDRAW: withdraw it
 */
typedef enum {
  MG_NOTIFY_ACTION_NONE,
  MG_NOTIFY_ACTION_SEND,
  MG_NOTIFY_ACTION_WITHDRAW,
} MgNotifyAction;

/**
 * MgNotifyDecision:
 * @pressure: what to do with the "pressure" notification
 * @level: for %MG_NOTIFY_ACTION_SEND, %MG_LEVEL_HIGH or %MG_LEVEL_CRITICAL
 * @oom_kills: when not 0, send the "oom" notification for this many kills
 */
typedef struct {
  MgNotifyAction pressure;
  MgLevel        level;
  guint64        oom_kills;
} MgNotifyDecision;

/**
 * MgNotifyRules:
 * @notify_on_high: announce rises into high pressure
 * @notify_on_critical: announce rises into critical pressure
 * @renotify_us: how long after announcing a level it may be announced again
 * @snooze_until_wall_us: wall-clock time (µs since the epoch) until which high
 *   pressure is not announced; 0 for none
 *
 * The settings above are the caller's to change at any time; the fields below are
 * the rules' own state, set up by mg_notify_rules_init().
 */
typedef struct {
  gboolean notify_on_high;
  gboolean notify_on_critical;
  gint64   renotify_us;
  gint64   snooze_until_wall_us;

  /*< private >*/
  MgLevel  last_level;
  MgLevel  shown_level;
  gint64   announced_us[MG_LEVEL_CRITICAL + 1];
  gint64   last_sent_us;
  gint64   below_high_since_us;
  gboolean pending;

  gboolean has_oom_count;
  guint64  oom_count;
  gint64   oom_last_rise_us;
} MgNotifyRules;

/**
 * mg_notify_rules_init:
 * @rules: (out caller-allocates): rules to set up
 *
 * Both kinds switched on, 30 minutes between repeats, no snooze, nothing shown.
 */
void mg_notify_rules_init   (MgNotifyRules    *rules);

/**
 * mg_notify_rules_update:
 * @rules: rules
 * @level: the monitor's level after a sample; %MG_LEVEL_UNKNOWN changes nothing
 * @has_oom_kill: whether the sample has the vmstat `oom_kill` counter
 * @oom_kill: its value
 * @now_us: monotonic time of the sample in µs, never going backwards
 * @now_wall_us: wall-clock time in µs since the epoch, for the snooze
 * @decision: (out caller-allocates): what the caller must do
 *
 * Feeds one sample to the rules. An episode of pressure ends with an OOM kill (@oom_kill
 * rising) or with %MG_NOTIFY_REARM_US below high; within one episode a level is announced
 * again only after @renotify_us, but entering critical from below high is always
 * announced. Calling it twice with the same arguments decides nothing the second time.
 */
void mg_notify_rules_update (MgNotifyRules    *rules,
                             MgLevel           level,
                             gboolean          has_oom_kill,
                             guint64           oom_kill,
                             gint64            now_us,
                             gint64            now_wall_us,
                             MgNotifyDecision *decision);

/**
 * mg_notify_rules_get_shown_level:
 * @rules: rules
 *
 * Returns: the level of the "pressure" notification the rules last sent and did not
 *   withdraw since, or %MG_LEVEL_UNKNOWN when none is shown
 */
MgLevel mg_notify_rules_get_shown_level (const MgNotifyRules *rules);

G_END_DECLS
