/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the unreachable rule: polls of a remote machine over simulated time. */

#include "mg-unreachable-rule.h"

#define SECONDS(s) ((gint64) (s) * G_USEC_PER_SEC)
#define MINUTES(m) SECONDS ((m) * 60)

/* Far from 0, so that nothing works by accident of a zero clock (0 means "answering"). */
#define BASE SECONDS (12345)

#define NONE MG_UNREACHABLE_ACTION_NONE
#define DOWN MG_UNREACHABLE_ACTION_DOWN
#define BACK MG_UNREACHABLE_ACTION_BACK
#define UP (-1)

/* One poll: its time since the start, since when the machine has failed (UP: it
 * answered) and what must be said. */
typedef struct {
  gint64              at_us;
  gint64              failing_since_us;
  MgUnreachableAction action;
} Poll;

static void
run (const Poll *polls,
     gsize       n_polls,
     gint64      delay_us)
{
  MgUnreachableRule rule = { 0 };
  gboolean down = FALSE;

  for (gsize i = 0; i < n_polls; i++)
    {
      gint64 since = polls[i].failing_since_us == UP ? 0 : BASE + polls[i].failing_since_us;
      MgUnreachableAction action = mg_unreachable_rule_update (&rule, since,
                                                               BASE + polls[i].at_us, delay_us);

      g_test_message ("poll %" G_GSIZE_FORMAT " at %" G_GINT64_FORMAT " µs", i, polls[i].at_us);
      g_assert_cmpint (action, ==, polls[i].action);
      if (action != NONE)
        down = action == DOWN;
      g_assert_cmpint (mg_unreachable_rule_is_down (&rule), ==, down);
    }
}

/* Down for longer than the delay: one "does not answer" when the delay has passed, never
 * again while it stays down, one "answers again" at the first answer. */
static void
test_outage (void)
{
  const Poll polls[] = {
    { SECONDS (0), UP, NONE },
    { SECONDS (15), SECONDS (15), NONE },
    { SECONDS (60), SECONDS (15), NONE },
    { SECONDS (134), SECONDS (15), NONE },
    { SECONDS (135), SECONDS (15), DOWN },
    { SECONDS (150), SECONDS (15), NONE },
    { MINUTES (30), SECONDS (15), NONE },
    { MINUTES (31), UP, BACK },
    { MINUTES (32), UP, NONE },
  };

  run (polls, G_N_ELEMENTS (polls), MINUTES (2));
}

/* Failures shorter than the delay are not news, neither when they start nor when they
 * end; the next outage is measured from its own first failure. */
static void
test_short_failures (void)
{
  const Poll polls[] = {
    { SECONDS (0), SECONDS (0), NONE },
    { SECONDS (100), SECONDS (0), NONE },
    { SECONDS (115), UP, NONE },
    { SECONDS (130), SECONDS (130), NONE },
    { SECONDS (200), SECONDS (130), NONE },
    { SECONDS (249), SECONDS (130), NONE },
    { SECONDS (250), SECONDS (130), DOWN },
    { SECONDS (265), UP, BACK },
    { SECONDS (280), SECONDS (280), NONE },
    { SECONDS (400), SECONDS (280), DOWN },
  };

  run (polls, G_N_ELEMENTS (polls), MINUTES (2));
}

/* 0 minutes: never said, also after hours down, and so no "answers again" either. */
static void
test_never (void)
{
  const Poll polls[] = {
    { SECONDS (0), SECONDS (0), NONE },
    { MINUTES (600), SECONDS (0), NONE },
    { MINUTES (601), UP, NONE },
  };

  run (polls, G_N_ELEMENTS (polls), 0);
}

/* A machine that never answered since MemGauge started counts from its first poll. */
static void
test_never_answered (void)
{
  const Poll polls[] = {
    { SECONDS (0), SECONDS (0), NONE },
    { SECONDS (1), SECONDS (0), DOWN },
    { SECONDS (2), SECONDS (0), NONE },
  };

  run (polls, G_N_ELEMENTS (polls), SECONDS (1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/unreachable-rule/outage", test_outage);
  g_test_add_func ("/unreachable-rule/short-failures", test_short_failures);
  g_test_add_func ("/unreachable-rule/never", test_never);
  g_test_add_func ("/unreachable-rule/never-answered", test_never_answered);

  return g_test_run ();
}
