/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-notify-rules: when to send, keep or withdraw a notification; pure, clock passed in. */

#define G_LOG_DOMAIN "memgauge-notify-rules"

#include "config.h"

#include "mg-notify-rules.h"

/* Monotonic times are only ever compared with each other, so any value can be a real
 * time, including 0 from a test clock: "never" needs its own marker. */
#define NEVER G_MININT64

static gboolean
elapsed (gint64 now_us,
         gint64 since_us,
         gint64 span_us)
{
  return since_us == NEVER || now_us - since_us >= span_us;
}

void
mg_notify_rules_init (MgNotifyRules *rules)
{
  g_return_if_fail (rules != NULL);

  *rules = (MgNotifyRules) {
    .notify_on_high = TRUE,
    .notify_on_critical = TRUE,
    .renotify_us = (gint64) 30 * 60 * G_USEC_PER_SEC,
    .snooze_until_wall_us = 0,
    .last_level = MG_LEVEL_UNKNOWN,
    .shown_level = MG_LEVEL_UNKNOWN,
    .last_sent_us = NEVER,
    .below_high_since_us = NEVER,
    .oom_last_rise_us = NEVER,
  };
  for (guint i = 0; i < G_N_ELEMENTS (rules->announced_us); i++)
    rules->announced_us[i] = NEVER;
}

/* Snooze is for the person who already knows memory is tight; critical means data is
 * about to be lost, so nothing but its own switch silences it. */
static gboolean
kind_enabled (const MgNotifyRules *rules,
              MgLevel              level,
              gint64               now_wall_us)
{
  if (level == MG_LEVEL_CRITICAL)
    return rules->notify_on_critical;

  return rules->notify_on_high && now_wall_us >= rules->snooze_until_wall_us;
}

/* The next rise is news again, whatever this episode announced. */
static void
end_episode (MgNotifyRules *rules)
{
  rules->announced_us[MG_LEVEL_HIGH] = NEVER;
  rules->announced_us[MG_LEVEL_CRITICAL] = NEVER;
}

static guint64
update_oom (MgNotifyRules *rules,
            gboolean       has_oom_kill,
            guint64        oom_kill,
            gint64         now_us)
{
  guint64 kills = 0;

  if (!has_oom_kill)
    return 0;

  /* The first reading is a baseline (kills before MemGauge started are old news), and
   * a counter that went backwards was reset: neither is a kill. */
  if (rules->has_oom_count && oom_kill > rules->oom_count)
    {
      /* The kernel often kills several tasks within seconds while it digs itself out:
       * one notification per burst, and a burst lasts while kills keep coming. */
      if (elapsed (now_us, rules->oom_last_rise_us, MG_NOTIFY_OOM_BURST_US))
        kills = oom_kill - rules->oom_count;
      rules->oom_last_rise_us = now_us;
      /* Every kill ends the episode, also one inside a burst: a person who restarts the
       * program that was just killed must be warned again before the next kill. */
      end_episode (rules);
    }

  rules->oom_count = oom_kill;
  rules->has_oom_count = TRUE;

  return kills;
}

static void
withdraw (MgNotifyRules    *rules,
          MgNotifyDecision *decision)
{
  rules->shown_level = MG_LEVEL_UNKNOWN;
  decision->pressure = MG_NOTIFY_ACTION_WITHDRAW;
}

static void
update_pressure (MgNotifyRules    *rules,
                 MgLevel           level,
                 gint64            now_us,
                 gint64            now_wall_us,
                 MgNotifyDecision *decision)
{
  MgLevel previous = rules->last_level;

  rules->last_level = level;

  /* Half a minute below high ends the episode: whatever comes next is news. A sample
   * at high closes the stretch too, so that sparse samples (the calm interval can be a
   * minute) measure the time from the fall to the rise. */
  if (rules->below_high_since_us == NEVER && level < MG_LEVEL_HIGH)
    rules->below_high_since_us = now_us;
  if (rules->below_high_since_us != NEVER &&
      now_us - rules->below_high_since_us >= MG_NOTIFY_REARM_US)
    end_episode (rules);
  if (level >= MG_LEVEL_HIGH)
    rules->below_high_since_us = NEVER;

  if (level < MG_LEVEL_HIGH)
    {
      rules->pending = FALSE;
      if (rules->shown_level != MG_LEVEL_UNKNOWN)
        withdraw (rules, decision);
      return;
    }

  /* Switched off or snoozed while on screen: the person asked not to see it. */
  if (rules->shown_level != MG_LEVEL_UNKNOWN &&
      !kind_enabled (rules, rules->shown_level, now_wall_us))
    withdraw (rules, decision);

  /* Staying at a level, or easing from critical to high, is not news. */
  if (level <= previous && !rules->pending)
    return;
  rules->pending = FALSE;

  if (!kind_enabled (rules, level, now_wall_us))
    return;
  /* The repeat limit is for a level that flaps within an episode. Critical reached from
   * below high is a new rush towards the OOM killer (memory rose by the whole high band
   * between two samples, or came back after falling well clear): always said. */
  if (!(level == MG_LEVEL_CRITICAL && previous < MG_LEVEL_HIGH) &&
      !elapsed (now_us, rules->announced_us[level], rules->renotify_us))
    return;
  if (level != MG_LEVEL_CRITICAL &&
      !elapsed (now_us, rules->last_sent_us, MG_NOTIFY_MIN_GAP_US))
    {
      /* Too soon after the last one: announce it once the gap has passed, if the
       * pressure is still there then. */
      rules->pending = TRUE;
      return;
    }

  rules->announced_us[level] = now_us;
  rules->last_sent_us = now_us;
  rules->shown_level = level;
  decision->pressure = MG_NOTIFY_ACTION_SEND;
  decision->level = level;
}

void
mg_notify_rules_update (MgNotifyRules    *rules,
                        MgLevel           level,
                        gboolean          has_oom_kill,
                        guint64           oom_kill,
                        gint64            now_us,
                        gint64            now_wall_us,
                        MgNotifyDecision *decision)
{
  g_return_if_fail (rules != NULL);
  g_return_if_fail (decision != NULL);

  *decision = (MgNotifyDecision) {
    .pressure = MG_NOTIFY_ACTION_NONE,
    .level = MG_LEVEL_UNKNOWN,
    .oom_kills = 0,
  };

  decision->oom_kills = update_oom (rules, has_oom_kill, oom_kill, now_us);

  /* A sample that could not be read says nothing about memory: it neither starts nor
   * ends an episode, and the next good sample compares with the last good one. */
  if (level == MG_LEVEL_UNKNOWN)
    return;

  update_pressure (rules, level, now_us, now_wall_us, decision);
}

MgLevel
mg_notify_rules_get_shown_level (const MgNotifyRules *rules)
{
  g_return_val_if_fail (rules != NULL, MG_LEVEL_UNKNOWN);

  return rules->shown_level;
}
