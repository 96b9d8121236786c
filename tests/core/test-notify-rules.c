/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the notification rules: tables of levels over simulated time. */

#include "mg-notify-rules.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define MINUTES(m) SECONDS ((m) * 60)

/* Arbitrary, far from 0 so that nothing works by accident of a zero clock. */
#define MONOTONIC_BASE SECONDS (12345)
#define WALL_BASE SECONDS (1700000000)

#define NONE MG_NOTIFY_ACTION_NONE
#define SEND MG_NOTIFY_ACTION_SEND
#define WITHDRAW MG_NOTIFY_ACTION_WITHDRAW
#define UNKNOWN MG_LEVEL_UNKNOWN
#define LOW MG_LEVEL_LOW
#define MEDIUM MG_LEVEL_MEDIUM
#define HIGH MG_LEVEL_HIGH
#define CRITICAL MG_LEVEL_CRITICAL

/* One sample: its time since the start, its level, and what the rules must say. For
 * SEND, @sent is the level announced. */
typedef struct {
  gint64         at_us;
  MgLevel        level;
  MgNotifyAction action;
  MgLevel        sent;
} Step;

static void
feed (MgNotifyRules    *rules,
      gint64            at_us,
      MgLevel           level,
      MgNotifyDecision *decision)
{
  mg_notify_rules_update (rules, level, FALSE, 0, MONOTONIC_BASE + at_us, WALL_BASE + at_us,
                          decision);
}

static void
run_steps (MgNotifyRules *rules,
           const Step    *steps,
           gsize          n_steps)
{
  for (gsize i = 0; i < n_steps; i++)
    {
      MgNotifyDecision decision;

      feed (rules, steps[i].at_us, steps[i].level, &decision);
      if (decision.pressure != steps[i].action ||
          (steps[i].action == SEND && decision.level != steps[i].sent))
        g_test_message ("step %" G_GSIZE_FORMAT " at %" G_GINT64_FORMAT " s", i,
                        steps[i].at_us / G_USEC_PER_SEC);
      g_assert_cmpint (decision.pressure, ==, steps[i].action);
      if (steps[i].action == SEND)
        g_assert_cmpint (decision.level, ==, steps[i].sent);
      g_assert_cmpuint (decision.oom_kills, ==, 0);
    }
}

#define RUN(rules, steps) run_steps ((rules), (steps), G_N_ELEMENTS (steps))

static void
test_rise (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), LOW, NONE },
    { SECONDS (3), MEDIUM, NONE },
    { SECONDS (6), HIGH, SEND, HIGH },
    /* Staying at a level is not news. */
    { SECONDS (9), HIGH, NONE },
    { MINUTES (45), HIGH, NONE },
    { MINUTES (90), HIGH, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
  g_assert_cmpint (mg_notify_rules_get_shown_level (&rules), ==, HIGH);
}

static void
test_start_in_trouble (void)
{
  MgNotifyRules rules;
  /* The first sample already critical: announced at once. */
  const Step steps[] = {
    { SECONDS (0), CRITICAL, SEND, CRITICAL },
    { SECONDS (3), CRITICAL, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
}

static void
test_escalation (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), MEDIUM, NONE },
    { SECONDS (3), HIGH, SEND, HIGH },
    /* Within 15 s of the last one, but critical goes out at once. */
    { SECONDS (6), CRITICAL, SEND, CRITICAL },
    { SECONDS (9), CRITICAL, NONE },
    /* Easing back to high keeps the notification and sends nothing. */
    { SECONDS (30), HIGH, NONE },
    { SECONDS (60), HIGH, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
  g_assert_cmpint (mg_notify_rules_get_shown_level (&rules), ==, CRITICAL);
}

static void
test_recovery (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), LOW, NONE },
    { SECONDS (3), CRITICAL, SEND, CRITICAL },
    { SECONDS (6), HIGH, NONE },
    /* Below high: gone. */
    { SECONDS (9), MEDIUM, WITHDRAW },
    { SECONDS (12), LOW, NONE },
    { SECONDS (15), LOW, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
  g_assert_cmpint (mg_notify_rules_get_shown_level (&rules), ==, UNKNOWN);
}

/* Five minutes of the worst case: the level crosses the medium/high boundary at every
 * 3 s sample. A person is told once. */
static void
test_flapping_high (void)
{
  MgNotifyRules rules;
  guint sent = 0;
  guint withdrawn = 0;

  mg_notify_rules_init (&rules);
  for (gint64 t = 0; t <= MINUTES (5); t += SECONDS (3))
    {
      MgNotifyDecision decision;

      feed (&rules, t, (t / SECONDS (3)) % 2 == 0 ? MEDIUM : HIGH, &decision);
      sent += decision.pressure == SEND;
      withdrawn += decision.pressure == WITHDRAW;
    }

  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (withdrawn, ==, 1);
}

/* The same around the other high threshold, the high/critical boundary: high once,
 * critical once, nothing more. */
static void
test_flapping_critical (void)
{
  MgNotifyRules rules;
  guint sent[MG_LEVEL_CRITICAL + 1] = { 0 };
  guint withdrawn = 0;

  mg_notify_rules_init (&rules);
  for (gint64 t = 0; t <= MINUTES (5); t += SECONDS (3))
    {
      MgNotifyDecision decision;

      feed (&rules, t, (t / SECONDS (3)) % 2 == 0 ? HIGH : CRITICAL, &decision);
      if (decision.pressure == SEND)
        sent[decision.level]++;
      withdrawn += decision.pressure == WITHDRAW;
    }

  g_assert_cmpuint (sent[HIGH], ==, 1);
  g_assert_cmpuint (sent[CRITICAL], ==, 1);
  g_assert_cmpuint (withdrawn, ==, 0);
}

static void
test_rearm_below_high (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), HIGH, SEND, HIGH },
    { SECONDS (3), LOW, WITHDRAW },
    /* 29 s below high is not enough. */
    { SECONDS (30), LOW, NONE },
    { SECONDS (32), HIGH, NONE },
    /* Medium counts as below high: stalls keep the level there long after a kill. */
    { SECONDS (36), MEDIUM, NONE },
    { SECONDS (63), MEDIUM, NONE },
    { SECONDS (66), MEDIUM, NONE },
    /* 30 s below high ends the episode. */
    { SECONDS (69), HIGH, SEND, HIGH },
    { SECONDS (90), CRITICAL, SEND, CRITICAL },
    { SECONDS (93), MEDIUM, WITHDRAW },
    { SECONDS (96), MEDIUM, NONE },
    { SECONDS (126), HIGH, SEND, HIGH },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
}

/* Within one episode, the repeat limit holds high back; critical entered from below high
 * is always said, whatever was said before. */
static void
test_critical_from_below_high (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), MEDIUM, NONE },
    { SECONDS (3), CRITICAL, SEND, CRITICAL },
    { SECONDS (6), MEDIUM, WITHDRAW },
    /* Back at once (no 30 s below high): high waits for the 15 s gap ... */
    { SECONDS (9), HIGH, NONE },
    { SECONDS (18), HIGH, SEND, HIGH },
    /* ... and is not said again within the episode ... */
    { SECONDS (21), MEDIUM, WITHDRAW },
    { SECONDS (24), HIGH, NONE },
    /* ... critical straight from below high is, however soon. */
    { SECONDS (27), MEDIUM, NONE },
    { SECONDS (30), CRITICAL, SEND, CRITICAL },
    /* Flapping between high and critical stays one announcement. */
    { SECONDS (33), HIGH, NONE },
    { SECONDS (36), CRITICAL, NONE },
    { SECONDS (39), HIGH, NONE },
    { SECONDS (42), CRITICAL, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
}

/* One sample of a scenario with the vmstat oom_kill counter. */
typedef struct {
  gint64         at_us;
  MgLevel        level;
  guint64        oom_kill;
  MgNotifyAction action;
  MgLevel        sent;
  guint64        kills;
} KillStep;

static void
run_kill_steps (MgNotifyRules  *rules,
                const KillStep *steps,
                gsize           n_steps)
{
  for (gsize i = 0; i < n_steps; i++)
    {
      MgNotifyDecision decision;

      mg_notify_rules_update (rules, steps[i].level, TRUE, steps[i].oom_kill,
                              MONOTONIC_BASE + steps[i].at_us,
                              WALL_BASE + steps[i].at_us, &decision);
      g_test_message ("step %" G_GSIZE_FORMAT " at %" G_GINT64_FORMAT " ms: %d", i,
                      steps[i].at_us / 1000, decision.pressure);
      g_assert_cmpint (decision.pressure, ==, steps[i].action);
      if (steps[i].action == SEND)
        g_assert_cmpint (decision.level, ==, steps[i].sent);
      g_assert_cmpuint (decision.oom_kills, ==, steps[i].kills);
    }
}

/* The second runaway: the person restarts the program that was just killed and
 * it runs away again while stalls still hold the level at medium. */
static void
test_kill_recovery_runaway (void)
{
  MgNotifyRules rules;
  const KillStep steps[] = {
    { SECONDS (0), LOW, 2, NONE, 0, 0 },
    /* First runaway: high, then critical, then the kernel's OOM killer. */
    { SECONDS (3), HIGH, 2, SEND, HIGH, 0 },
    { SECONDS (4), CRITICAL, 2, SEND, CRITICAL, 0 },
    { SECONDS (5), CRITICAL, 2, NONE, 0, 0 },
    { SECONDS (6), MEDIUM, 3, WITHDRAW, 0, 1 },
    /* Recovery, only 9 s below high ... */
    { SECONDS (9), MEDIUM, 3, NONE, 0, 0 },
    { SECONDS (15), MEDIUM, 3, NONE, 0, 0 },
    /* ... second runaway: the kill ended the episode, both levels are news again. */
    { SECONDS (21), HIGH, 3, SEND, HIGH, 0 },
    { SECONDS (21) + 500000, CRITICAL, 3, SEND, CRITICAL, 0 },
    /* Killed again within the minute: no second "oom" notification for the burst, but
     * the episode ends all the same. */
    { SECONDS (22), HIGH, 4, NONE, 0, 0 },
    { SECONDS (23), MEDIUM, 4, WITHDRAW, 0, 0 },
    /* Third runaway, 86 s later: medium all along, so the 30 s rule re-armed too. */
    { SECONDS (109), MEDIUM, 4, NONE, 0, 0 },
    { SECONDS (112), HIGH, 4, SEND, HIGH, 0 },
    { SECONDS (113), CRITICAL, 4, SEND, CRITICAL, 0 },
    /* A kill while critical is still shown: the next rise to critical is news. */
    { SECONDS (114), CRITICAL, 5, NONE, 0, 1 },
    { SECONDS (115), HIGH, 5, NONE, 0, 0 },
    { SECONDS (116), CRITICAL, 5, SEND, CRITICAL, 0 },
  };

  mg_notify_rules_init (&rules);
  run_kill_steps (&rules, steps, G_N_ELEMENTS (steps));
}

/* Within one episode (never 30 s below high), a level comes back after renotify-minutes. */
static void
test_rearm_after_renotify_minutes (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), HIGH, SEND, HIGH },
    { SECONDS (30), MEDIUM, WITHDRAW },
    { SECONDS (45), HIGH, NONE },
    { MINUTES (29), HIGH, NONE },
    { MINUTES (29) + SECONDS (30), MEDIUM, NONE },
    { MINUTES (29) + SECONDS (45), HIGH, NONE },
    { MINUTES (29) + SECONDS (50), MEDIUM, NONE },
    /* 30 minutes after the announcement: again. */
    { MINUTES (30), HIGH, SEND, HIGH },
    { MINUTES (30) + SECONDS (10), MEDIUM, WITHDRAW },
  };
  const Step shorter[] = {
    { MINUTES (30) + SECONDS (20), HIGH, NONE },
    { MINUTES (34), MEDIUM, NONE },
    { MINUTES (34) + SECONDS (10), HIGH, NONE },
    { MINUTES (34) + SECONDS (50), MEDIUM, NONE },
    /* renotify-minutes 5, changed live. */
    { MINUTES (35), HIGH, SEND, HIGH },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
  rules.renotify_us = MINUTES (5);
  RUN (&rules, shorter);
}

static void
test_min_gap (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    { SECONDS (0), CRITICAL, SEND, CRITICAL },
    { SECONDS (3), MEDIUM, WITHDRAW },
    /* High was never announced, but only 6 s after the last notification: held back
     * until 15 s have passed, and sent then because the pressure is still there. */
    { SECONDS (6), HIGH, NONE },
    { SECONDS (9), HIGH, NONE },
    { SECONDS (12), HIGH, NONE },
    { SECONDS (15), HIGH, SEND, HIGH },
    { SECONDS (18), HIGH, NONE },
  };
  const Step gone_before[] = {
    { SECONDS (0), CRITICAL, SEND, CRITICAL },
    { SECONDS (3), MEDIUM, WITHDRAW },
    { SECONDS (6), HIGH, NONE },
    /* Gone before the gap passed: nothing to say any more. */
    { SECONDS (9), MEDIUM, NONE },
    { SECONDS (15), MEDIUM, NONE },
    { SECONDS (18), MEDIUM, NONE },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
  mg_notify_rules_init (&rules);
  RUN (&rules, gone_before);
}

static void
test_snooze (void)
{
  MgNotifyRules rules;
  const Step snoozed[] = {
    { SECONDS (0), LOW, NONE },
    { SECONDS (3), HIGH, NONE },
    /* Critical is never snoozed. */
    { SECONDS (6), CRITICAL, SEND, CRITICAL },
    { SECONDS (9), MEDIUM, WITHDRAW },
    { MINUTES (10), LOW, NONE },
    { MINUTES (12), HIGH, NONE },
    { MINUTES (20), LOW, NONE },
    /* The hour is over and the episode re-armed: high is news again. */
    { MINUTES (61), LOW, NONE },
    { MINUTES (61) + SECONDS (3), HIGH, SEND, HIGH },
  };
  const Step snooze_while_shown[] = {
    { SECONDS (0), HIGH, SEND, HIGH },
    /* The person pressed "Snooze for 1 Hour" (set below): the notification goes. */
    { SECONDS (3), HIGH, WITHDRAW },
    { SECONDS (6), HIGH, NONE },
    { SECONDS (9), CRITICAL, SEND, CRITICAL },
    /* A snooze does not take a critical notification away. */
    { SECONDS (12), CRITICAL, NONE },
  };

  mg_notify_rules_init (&rules);
  rules.snooze_until_wall_us = WALL_BASE + MINUTES (60);
  RUN (&rules, snoozed);

  mg_notify_rules_init (&rules);
  run_steps (&rules, snooze_while_shown, 1);
  rules.snooze_until_wall_us = WALL_BASE + SECONDS (3) + MINUTES (60);
  run_steps (&rules, snooze_while_shown + 1, G_N_ELEMENTS (snooze_while_shown) - 1);
}

static void
test_switches (void)
{
  MgNotifyRules rules;
  const Step high_off[] = {
    { SECONDS (0), HIGH, NONE },
    { SECONDS (3), CRITICAL, SEND, CRITICAL },
  };
  const Step critical_off[] = {
    { SECONDS (0), HIGH, SEND, HIGH },
    { SECONDS (3), CRITICAL, NONE },
    { SECONDS (6), CRITICAL, NONE },
  };
  const Step both_off[] = {
    { SECONDS (0), HIGH, NONE },
    { SECONDS (3), CRITICAL, NONE },
    { SECONDS (6), MEDIUM, NONE },
  };
  const Step switched_off_while_shown[] = {
    { SECONDS (0), CRITICAL, SEND, CRITICAL },
  };
  const Step after_switch[] = {
    { SECONDS (3), CRITICAL, WITHDRAW },
    { SECONDS (6), CRITICAL, NONE },
  };

  mg_notify_rules_init (&rules);
  rules.notify_on_high = FALSE;
  RUN (&rules, high_off);

  mg_notify_rules_init (&rules);
  rules.notify_on_critical = FALSE;
  RUN (&rules, critical_off);

  mg_notify_rules_init (&rules);
  rules.notify_on_high = FALSE;
  rules.notify_on_critical = FALSE;
  RUN (&rules, both_off);

  mg_notify_rules_init (&rules);
  RUN (&rules, switched_off_while_shown);
  rules.notify_on_critical = FALSE;
  RUN (&rules, after_switch);
}

static void
test_unknown (void)
{
  MgNotifyRules rules;
  const Step steps[] = {
    /* Nothing known yet: nothing to say. */
    { SECONDS (0), UNKNOWN, NONE },
    { SECONDS (3), HIGH, SEND, HIGH },
    /* A bad sample neither withdraws ... */
    { SECONDS (6), UNKNOWN, NONE },
    { SECONDS (9), UNKNOWN, NONE },
    /* ... nor makes the next good one a rise. */
    { SECONDS (30), HIGH, NONE },
    { SECONDS (33), MEDIUM, WITHDRAW },
    /* Nor does it interrupt the calm half minute that re-arms. */
    { SECONDS (36), LOW, NONE },
    { SECONDS (48), UNKNOWN, NONE },
    { SECONDS (66), LOW, NONE },
    { SECONDS (69), HIGH, SEND, HIGH },
  };

  mg_notify_rules_init (&rules);
  RUN (&rules, steps);
}

static void
test_idempotent (void)
{
  MgNotifyRules rules;
  MgNotifyDecision decision;

  mg_notify_rules_init (&rules);
  mg_notify_rules_update (&rules, HIGH, TRUE, 3, MONOTONIC_BASE, WALL_BASE, &decision);
  g_assert_cmpint (decision.pressure, ==, SEND);
  mg_notify_rules_update (&rules, HIGH, TRUE, 3, MONOTONIC_BASE, WALL_BASE, &decision);
  g_assert_cmpint (decision.pressure, ==, NONE);
  mg_notify_rules_update (&rules, HIGH, TRUE, 4, MONOTONIC_BASE, WALL_BASE, &decision);
  g_assert_cmpuint (decision.oom_kills, ==, 1);
  mg_notify_rules_update (&rules, HIGH, TRUE, 4, MONOTONIC_BASE, WALL_BASE, &decision);
  g_assert_cmpuint (decision.oom_kills, ==, 0);
}

typedef struct {
  gint64   at_us;
  gboolean has_count;
  guint64  count;
  guint64  kills;
} OomStep;

static void
test_oom_bursts (void)
{
  MgNotifyRules rules;
  const OomStep steps[] = {
    /* Kills before MemGauge started are not news. */
    { SECONDS (0), TRUE, 5, 0 },
    { SECONDS (3), TRUE, 5, 0 },
    /* A burst: one notification with the kills so far ... */
    { SECONDS (6), TRUE, 7, 2 },
    /* ... then silence while kills keep coming within a minute of each other, even
     * when the whole burst lasts longer than a minute. */
    { SECONDS (30), TRUE, 8, 0 },
    { SECONDS (80), TRUE, 9, 0 },
    { SECONDS (120), TRUE, 10, 0 },
    /* A sample without the counter changes nothing. */
    { SECONDS (150), FALSE, 0, 0 },
    { SECONDS (170), TRUE, 10, 0 },
    /* A minute without kills ends the burst: the next one is news. */
    { SECONDS (180), TRUE, 11, 1 },
    /* A counter that went backwards was reset: a new baseline, not a kill. */
    { SECONDS (300), TRUE, 0, 0 },
    { SECONDS (303), TRUE, 0, 0 },
    { SECONDS (400), TRUE, 1, 1 },
  };

  mg_notify_rules_init (&rules);
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      MgNotifyDecision decision;

      mg_notify_rules_update (&rules, LOW, steps[i].has_count, steps[i].count,
                              MONOTONIC_BASE + steps[i].at_us, WALL_BASE + steps[i].at_us,
                              &decision);
      g_assert_cmpuint (decision.oom_kills, ==, steps[i].kills);
      g_assert_cmpint (decision.pressure, ==, NONE);
    }
}

/* A day at 3 s per sample: every hour, ten minutes of pressure that flaps between
 * medium and high and touches critical for a minute, then calm. Each hour is a new
 * episode (the calm is longer than the re-arm half minute), so each brings exactly one high
 * and one critical notification and one withdrawal. */
static void
test_day (void)
{
  MgNotifyRules rules;
  guint sent[MG_LEVEL_CRITICAL + 1] = { 0 };
  guint withdrawn = 0;
  gint64 start = g_get_monotonic_time ();

  mg_notify_rules_init (&rules);
  for (gint64 t = 0; t < MINUTES (24 * 60); t += SECONDS (3))
    {
      gint64 in_hour = t % MINUTES (60);
      MgNotifyDecision decision;
      MgLevel level;

      if (in_hour < MINUTES (5))
        level = (t / SECONDS (3)) % 2 == 0 ? MEDIUM : HIGH;
      else if (in_hour < MINUTES (6))
        level = CRITICAL;
      else if (in_hour < MINUTES (10))
        level = (t / SECONDS (3)) % 2 == 0 ? MEDIUM : HIGH;
      else
        level = LOW;

      feed (&rules, t, level, &decision);
      if (decision.pressure == SEND)
        sent[decision.level]++;
      withdrawn += decision.pressure == WITHDRAW;
    }

  g_assert_cmpuint (sent[HIGH], ==, 24);
  g_assert_cmpuint (sent[CRITICAL], ==, 24);
  /* Once after the first high (flapping to medium), once after critical. */
  g_assert_cmpuint (withdrawn, ==, 48);
  /* Hours of simulated time in milliseconds of real time. */
  g_test_message ("a simulated day took %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - start);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/notify-rules/rise", test_rise);
  g_test_add_func ("/notify-rules/start-in-trouble", test_start_in_trouble);
  g_test_add_func ("/notify-rules/escalation", test_escalation);
  g_test_add_func ("/notify-rules/recovery", test_recovery);
  g_test_add_func ("/notify-rules/flapping/high", test_flapping_high);
  g_test_add_func ("/notify-rules/flapping/critical", test_flapping_critical);
  g_test_add_func ("/notify-rules/rearm/below-high", test_rearm_below_high);
  g_test_add_func ("/notify-rules/critical-from-below-high", test_critical_from_below_high);
  g_test_add_func ("/notify-rules/kill-recovery-runaway", test_kill_recovery_runaway);
  g_test_add_func ("/notify-rules/rearm/renotify-minutes", test_rearm_after_renotify_minutes);
  g_test_add_func ("/notify-rules/min-gap", test_min_gap);
  g_test_add_func ("/notify-rules/snooze", test_snooze);
  g_test_add_func ("/notify-rules/switches", test_switches);
  g_test_add_func ("/notify-rules/unknown", test_unknown);
  g_test_add_func ("/notify-rules/idempotent", test_idempotent);
  g_test_add_func ("/notify-rules/oom-bursts", test_oom_bursts);
  g_test_add_func ("/notify-rules/day", test_day);

  return g_test_run ();
}
