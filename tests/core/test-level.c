/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-level: the default rule, hysteresis, PSI with its hold time, the reasons. */

#include <string.h>

#include "mg-level.h"

static MgSample
make_sample (double available_percent)
{
  MgSample sample = { 0 };

  /* A round total keeps percentages such as 20.0 exact, so the boundaries are tested
   * where they are, not one rounding error away. */
  sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = 10000000;
  sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE] = (guint64) (available_percent * 100000.0 + 0.5);
  sample.meminfo.present = (1u << MG_MEMINFO_MEM_TOTAL) | (1u << MG_MEMINFO_MEM_AVAILABLE);

  return sample;
}

static MgSample
make_psi_sample (double available_percent,
                 double some_avg10,
                 double full_avg10)
{
  MgSample sample = make_sample (available_percent);

  sample.has_psi = TRUE;
  sample.psi.some.avg10 = some_avg10;
  sample.psi.full.avg10 = full_avg10;
  sample.psi.has_full = TRUE;

  return sample;
}

/* The level of one sample after a state whose memory rule gave @previous. */
static MgLevel
evaluate (const MgSample      *sample,
          MgLevel              previous,
          const MgLevelParams *params,
          char                *reason,
          gsize                reason_size)
{
  MgLevelState state;

  mg_level_state_init (&state);
  state.memory_level = previous;

  return mg_level_state_update (&state, sample, params, reason, reason_size);
}

typedef struct {
  double  available_percent;
  MgLevel previous;
  MgLevel expected;
} RuleCase;

static void
test_default_rule (void)
{
  static const RuleCase cases[] = {
    /* Boundaries: "above 40 % low, above 20 % medium, above 10 % high, else critical". */
    { 100.0, MG_LEVEL_UNKNOWN, MG_LEVEL_LOW },
    { 40.1, MG_LEVEL_UNKNOWN, MG_LEVEL_LOW },
    { 40.0, MG_LEVEL_UNKNOWN, MG_LEVEL_MEDIUM },
    { 20.1, MG_LEVEL_UNKNOWN, MG_LEVEL_MEDIUM },
    { 20.0, MG_LEVEL_UNKNOWN, MG_LEVEL_HIGH },
    { 10.1, MG_LEVEL_UNKNOWN, MG_LEVEL_HIGH },
    { 10.0, MG_LEVEL_UNKNOWN, MG_LEVEL_CRITICAL },
    { 0.0, MG_LEVEL_UNKNOWN, MG_LEVEL_CRITICAL },
    /* Rising is immediate, whatever the margin. */
    { 39.9, MG_LEVEL_LOW, MG_LEVEL_MEDIUM },
    { 19.9, MG_LEVEL_LOW, MG_LEVEL_HIGH },
    { 5.0, MG_LEVEL_LOW, MG_LEVEL_CRITICAL },
    { 9.9, MG_LEVEL_HIGH, MG_LEVEL_CRITICAL },
    /* Falling needs the threshold plus the 2-point margin. */
    { 41.0, MG_LEVEL_MEDIUM, MG_LEVEL_MEDIUM },
    { 42.0, MG_LEVEL_MEDIUM, MG_LEVEL_MEDIUM },
    { 42.1, MG_LEVEL_MEDIUM, MG_LEVEL_LOW },
    { 21.5, MG_LEVEL_HIGH, MG_LEVEL_HIGH },
    { 22.1, MG_LEVEL_HIGH, MG_LEVEL_MEDIUM },
    { 11.0, MG_LEVEL_CRITICAL, MG_LEVEL_CRITICAL },
    { 12.1, MG_LEVEL_CRITICAL, MG_LEVEL_HIGH },
    /* A big recovery drops several levels at once, still honouring the margin. */
    { 50.0, MG_LEVEL_CRITICAL, MG_LEVEL_LOW },
    { 41.0, MG_LEVEL_CRITICAL, MG_LEVEL_MEDIUM },
    { 30.0, MG_LEVEL_HIGH, MG_LEVEL_MEDIUM },
  };
  MgLevelParams params;

  mg_level_params_init_default (&params);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MgSample sample = make_sample (cases[i].available_percent);
      MgLevel level = evaluate (&sample, cases[i].previous, &params, NULL, 0);

      g_test_message ("case %u: %.1f %% after %s", i, cases[i].available_percent,
                      mg_level_to_nick (cases[i].previous));
      g_assert_cmpstr (mg_level_to_nick (level), ==, mg_level_to_nick (cases[i].expected));
    }
}

static void
test_custom_thresholds (void)
{
  MgLevelParams params;
  MgSample sample = make_sample (15.0);

  mg_level_params_init_default (&params);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_UNKNOWN, &params, NULL, 0), ==,
                   MG_LEVEL_HIGH);

  params.high_percent = 20.0;
  params.medium_percent = 30.0;
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_HIGH, &params, NULL, 0), ==,
                   MG_LEVEL_CRITICAL);

  params.margin_percent = 0.0;
  sample = make_sample (20.5);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_CRITICAL, &params, NULL, 0), ==,
                   MG_LEVEL_HIGH);
}

/* Counts level changes over a sequence of readings, as the monitor would see them. */
static guint
count_changes (const double *percents,
               guint         n,
               MgLevel      *last)
{
  MgLevelParams params;
  MgLevelState state;
  MgLevel level = MG_LEVEL_UNKNOWN;
  guint changes = 0;

  mg_level_params_init_default (&params);
  mg_level_state_init (&state);

  for (guint i = 0; i < n; i++)
    {
      MgSample sample = make_sample (percents[i]);
      MgLevel next = mg_level_state_update (&state, &sample, &params, NULL, 0);

      if (level != MG_LEVEL_UNKNOWN && next != level)
        changes++;
      level = next;
    }

  *last = level;
  return changes;
}

static void
test_hover_does_not_flap (void)
{
  /* A browser tab opening and closing around the 20 % line. */
  static const double around_20[] = {
    20.5, 19.5, 20.5, 21.9, 19.9, 21.0, 20.1, 19.8, 21.5, 20.0, 21.9,
  };
  static const double around_40[] = {
    39.5, 40.5, 39.5, 40.5, 41.9, 39.0, 42.0, 40.1, 38.0,
  };
  double slow_walk[600];
  MgLevel last;

  /* Down into high once, then it stays there: one change. */
  g_assert_cmpuint (count_changes (around_20, G_N_ELEMENTS (around_20), &last), ==, 1);
  g_assert_cmpint (last, ==, MG_LEVEL_HIGH);

  /* Starts at medium and never clears 42 %: no change at all. */
  g_assert_cmpuint (count_changes (around_40, G_N_ELEMENTS (around_40), &last), ==, 0);
  g_assert_cmpint (last, ==, MG_LEVEL_MEDIUM);

  /* Thirty minutes at 3 s of a triangle wave 1.5 points either side of 10 %. */
  for (guint i = 0; i < G_N_ELEMENTS (slow_walk); i++)
    slow_walk[i] = 10.0 + 1.5 * ((i % 4 < 2) ? 1.0 : -1.0) * ((i % 2) ? 0.5 : 1.0);
  g_assert_cmpuint (count_changes (slow_walk, G_N_ELEMENTS (slow_walk), &last), ==, 1);
  g_assert_cmpint (last, ==, MG_LEVEL_CRITICAL);
}

/* One sample of a PSI sequence: seconds since the start, the avg10 values, and the level
 * expected after it. */
typedef struct {
  double  seconds;
  double  some;
  double  full;
  MgLevel expected;
} PsiStep;

/* Runs @steps through one state, memory plentiful (80 % available), and asserts each level.
 * Returns the number of level changes. */
static guint
run_psi_steps (const PsiStep *steps,
               guint          n,
               gboolean       enabled)
{
  MgLevelParams params;
  MgLevelState state;
  MgLevel level = MG_LEVEL_UNKNOWN;
  guint changes = 0;

  mg_level_params_init_default (&params);
  params.psi_enabled = enabled;
  mg_level_state_init (&state);

  for (guint i = 0; i < n; i++)
    {
      MgSample sample = make_psi_sample (80.0, steps[i].some, steps[i].full);
      MgLevel next;

      sample.time_us = (gint64) (steps[i].seconds * G_USEC_PER_SEC);
      next = mg_level_state_update (&state, &sample, &params, NULL, 0);
      g_test_message ("step %u: %.0f s, some %.1f, full %.1f: %s", i, steps[i].seconds,
                      steps[i].some, steps[i].full, mg_level_to_nick (next));
      g_assert_cmpstr (mg_level_to_nick (next), ==, mg_level_to_nick (steps[i].expected));
      /* Memory is plentiful: whatever PSI raised, the memory rule stays low. */
      g_assert_cmpint (state.memory_level, ==, MG_LEVEL_LOW);
      g_assert_true (mg_level_state_raised_by_stalls (&state) == (next > MG_LEVEL_LOW));
      if (level != MG_LEVEL_UNKNOWN && next != level)
        changes++;
      level = next;
    }

  return changes;
}

static void
test_psi_raises (void)
{
  /* Each step enters at its threshold, immediately. */
  static const PsiStep entering[] = {
    { 0, 0.0, 0.0, MG_LEVEL_LOW },
    { 3, 9.99, 0.0, MG_LEVEL_LOW },
    { 6, 10.0, 0.0, MG_LEVEL_MEDIUM },
    { 9, 35.0, 9.9, MG_LEVEL_MEDIUM },
    { 12, 35.0, 10.0, MG_LEVEL_HIGH },
  };
  static const PsiStep switched_off[] = {
    { 0, 80.0, 80.0, MG_LEVEL_LOW },
    { 3, 80.0, 80.0, MG_LEVEL_LOW },
  };

  run_psi_steps (entering, G_N_ELEMENTS (entering), TRUE);
  run_psi_steps (switched_off, G_N_ELEMENTS (switched_off), FALSE);
}

/* What a neighbour's bursty workload does to avg10 (issue 13): with the margin alone the
 * level went low, medium, high, medium, low within 20 s. Held 30 s after the stalls last
 * justified it, it rises twice and falls only after a quiet half minute, one step at a
 * time. */
static void
test_psi_does_not_flap (void)
{
  static const PsiStep bursty[] = {
    { 0, 2.0, 0.5, MG_LEVEL_LOW },
    { 3, 12.0, 4.0, MG_LEVEL_MEDIUM },
    { 6, 26.0, 11.0, MG_LEVEL_HIGH },
    /* Under high's 10 - 2 = 8 and medium's 8: the old rule fell to medium, then low. */
    { 9, 9.0, 6.0, MG_LEVEL_HIGH },
    { 12, 5.0, 1.0, MG_LEVEL_HIGH },
    { 15, 3.0, 0.5, MG_LEVEL_HIGH },
    /* Another burst within the hold restarts it. */
    { 18, 14.0, 9.0, MG_LEVEL_HIGH },
    { 21, 4.0, 1.0, MG_LEVEL_HIGH },
    { 45, 2.0, 0.0, MG_LEVEL_HIGH },
    /* 30 s after full was last at 9 (>= 8): high ends; medium was seen then too. */
    { 48, 2.0, 0.0, MG_LEVEL_LOW },
    { 51, 2.0, 0.0, MG_LEVEL_LOW },
  };
  static const PsiStep steps_down[] = {
    { 0, 30.0, 12.0, MG_LEVEL_HIGH },
    /* full quiet, some still busy: high holds 30 s, then medium while some lasts. */
    { 3, 20.0, 0.0, MG_LEVEL_HIGH },
    { 27, 20.0, 0.0, MG_LEVEL_HIGH },
    { 30, 20.0, 0.0, MG_LEVEL_MEDIUM },
    { 33, 8.5, 0.0, MG_LEVEL_MEDIUM },
    /* some under 8 from 36 s: medium lasts until 63 s, 30 s after 8.5 was seen. */
    { 36, 7.9, 0.0, MG_LEVEL_MEDIUM },
    { 60, 1.0, 0.0, MG_LEVEL_MEDIUM },
    { 63, 1.0, 0.0, MG_LEVEL_LOW },
  };

  g_assert_cmpuint (run_psi_steps (bursty, G_N_ELEMENTS (bursty), TRUE), ==, 3);
  g_assert_cmpuint (run_psi_steps (steps_down, G_N_ELEMENTS (steps_down), TRUE), ==, 2);
}

/* The memory rule's margin holds a level memory made, not one PSI raised: once stalls
 * stop, memory at 41 % is low (it would read medium if the high that stalls raised
 * counted as memory's previous level). And the PSI margin holds only what PSI raised. */
static void
test_psi_and_memory_margins_apart (void)
{
  MgLevelParams params;
  MgLevelState state;
  MgSample sample;

  mg_level_params_init_default (&params);
  mg_level_state_init (&state);

  /* Memory makes it high; PSI is quiet. */
  sample = make_psi_sample (15.0, 2.0, 1.0);
  g_assert_cmpint (mg_level_state_update (&state, &sample, &params, NULL, 0), ==, MG_LEVEL_HIGH);
  g_assert_cmpint (state.psi_level, ==, MG_LEVEL_LOW);
  g_assert_false (mg_level_state_raised_by_stalls (&state));

  /* Memory recovers while full avg10 sits at 8.5 %, under the 10 % threshold: low. */
  sample = make_psi_sample (60.0, 9.0, 8.5);
  g_assert_cmpint (mg_level_state_update (&state, &sample, &params, NULL, 0), ==, MG_LEVEL_LOW);

  /* Stalls raise it at 41 % available; memory alone says low. */
  sample = make_psi_sample (41.0, 30.0, 12.0);
  sample.time_us = 3 * G_USEC_PER_SEC;
  g_assert_cmpint (mg_level_state_update (&state, &sample, &params, NULL, 0), ==, MG_LEVEL_HIGH);
  g_assert_cmpint (state.memory_level, ==, MG_LEVEL_LOW);
  g_assert_true (mg_level_state_raised_by_stalls (&state));

  /* Stalls gone and the hold over: low, not held at medium by memory's margin. */
  sample = make_psi_sample (41.0, 0.0, 0.0);
  sample.time_us = 40 * G_USEC_PER_SEC;
  g_assert_cmpint (mg_level_state_update (&state, &sample, &params, NULL, 0), ==, MG_LEVEL_LOW);
}

/* Memory and stalls at the same level: memory's words, not "programs are waiting". */
static void
test_psi_same_as_memory (void)
{
  MgLevelParams params;
  MgLevelState state;
  MgSample sample = make_psi_sample (15.0, 40.0, 12.0);

  mg_level_params_init_default (&params);
  mg_level_state_init (&state);
  g_assert_cmpint (mg_level_state_update (&state, &sample, &params, NULL, 0), ==, MG_LEVEL_HIGH);
  g_assert_false (mg_level_state_raised_by_stalls (&state));
}

static void
test_psi_never_lowers (void)
{
  MgLevelParams params;
  MgSample sample = make_psi_sample (5.0, 0.0, 0.0);

  mg_level_params_init_default (&params);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_UNKNOWN, &params, NULL, 0), ==,
                   MG_LEVEL_CRITICAL);

  sample = make_psi_sample (15.0, 50.0, 12.0);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_UNKNOWN, &params, NULL, 0), ==,
                   MG_LEVEL_HIGH);
}

static void
test_reasons (void)
{
  MgLevelParams params;
  char reason[MG_LEVEL_REASON_SIZE];
  MgSample sample;
  MgLevel level;

  mg_level_params_init_default (&params);

  sample = make_sample (8.0);
  level = evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpint (level, ==, MG_LEVEL_CRITICAL);
  g_assert_cmpstr (reason, ==, "critical: 8 % available");

  sample = make_sample (15.0);
  sample.has_rates = TRUE;
  sample.rate_per_s[MG_VMSTAT_PSWPIN] = 3210.0;
  evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "high: 15 % available, swap-in 3.2k pages/s");

  sample.rate_per_s[MG_VMSTAT_PSWPIN] = 12.0;
  evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "high: 15 % available, swap-in 12 pages/s");

  sample = make_sample (60.0);
  sample.meminfo.mem_available_estimated = TRUE;
  evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "low: 60 % available (estimated)");

  /* Stalls with memory plentiful: who waits first, and the figure says memory is there. */
  sample = make_psi_sample (60.0, 23.4, 2.0);
  evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==,
                   "medium: programs waited for memory 23 % of the last 10 s, 60 % available");

  sample = make_psi_sample (97.0, 40.0, 12.0);
  evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==,
                   "high: all programs waited for memory 12 % of the last 10 s, "
                   "97 % available");

  /* Held by the hold time: when they last waited, not a stale share. */
  {
    MgLevelState state;

    mg_level_state_init (&state);
    sample.time_us = 100 * G_USEC_PER_SEC;
    mg_level_state_update (&state, &sample, &params, NULL, 0);
    sample = make_psi_sample (97.0, 1.0, 0.0);
    sample.time_us = 112 * G_USEC_PER_SEC;
    g_assert_cmpint (mg_level_state_update (&state, &sample, &params, reason, sizeof reason), ==,
                     MG_LEVEL_HIGH);
    g_assert_cmpstr (reason, ==, "high: programs were waiting for memory 12 s ago, 97 % available");
  }

  /* Words and figures agree at the thresholds, and when the margin holds a level. */
  sample = make_sample (10.3);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_UNKNOWN, &params, reason, sizeof reason), ==,
                   MG_LEVEL_HIGH);
  g_assert_cmpstr (reason, ==, "high: 11 % available");
  sample = make_sample (11.5);
  g_assert_cmpint (evaluate (&sample, MG_LEVEL_CRITICAL, &params, reason, sizeof reason), ==,
                   MG_LEVEL_CRITICAL);
  g_assert_cmpstr (reason, ==, "critical: 10 % available");

  level = evaluate (NULL, MG_LEVEL_HIGH, &params, reason, sizeof reason);
  g_assert_cmpint (level, ==, MG_LEVEL_UNKNOWN);
  g_assert_cmpstr (reason, ==, "unknown: no memory reading");

  /* A small buffer truncates, it never overflows. */
  {
    char tiny[8];

    sample = make_sample (15.0);
    evaluate (&sample, MG_LEVEL_UNKNOWN, &params, tiny, sizeof tiny);
    g_assert_cmpstr (tiny, ==, "high: 1");
  }
}

static void
test_params_validity (void)
{
  MgLevelParams params, bad;

  mg_level_params_init_default (&params);
  g_assert_true (mg_level_params_are_valid (&params));

  bad = params;
  bad.high_percent = bad.medium_percent;
  g_assert_false (mg_level_params_are_valid (&bad));

  bad = params;
  bad.medium_percent = 45.0;
  g_assert_false (mg_level_params_are_valid (&bad));

  bad = params;
  bad.high_percent = 0.0;
  g_assert_false (mg_level_params_are_valid (&bad));

  bad = params;
  bad.low_percent = 100.0;
  g_assert_false (mg_level_params_are_valid (&bad));

  bad = params;
  bad.margin_percent = 11.0;
  g_assert_false (mg_level_params_are_valid (&bad));
}

static void
test_nicks (void)
{
  g_assert_cmpstr (mg_level_to_nick (MG_LEVEL_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (mg_level_to_nick (MG_LEVEL_LOW), ==, "low");
  g_assert_cmpstr (mg_level_to_nick (MG_LEVEL_MEDIUM), ==, "medium");
  g_assert_cmpstr (mg_level_to_nick (MG_LEVEL_HIGH), ==, "high");
  g_assert_cmpstr (mg_level_to_nick (MG_LEVEL_CRITICAL), ==, "critical");
  /* Out of range: the nick of unknown, not NULL for a printf. */
  g_assert_cmpstr (mg_level_to_nick ((MgLevel) 99), ==, "unknown");
  g_assert_cmpstr (mg_level_to_nick ((MgLevel) -1), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/level/default-rule", test_default_rule);
  g_test_add_func ("/level/custom-thresholds", test_custom_thresholds);
  g_test_add_func ("/level/hover-does-not-flap", test_hover_does_not_flap);
  g_test_add_func ("/level/psi-raises", test_psi_raises);
  g_test_add_func ("/level/psi-does-not-flap", test_psi_does_not_flap);
  g_test_add_func ("/level/psi-and-memory-margins-apart", test_psi_and_memory_margins_apart);
  g_test_add_func ("/level/psi-same-as-memory", test_psi_same_as_memory);
  g_test_add_func ("/level/psi-never-lowers", test_psi_never_lowers);
  g_test_add_func ("/level/reasons", test_reasons);
  g_test_add_func ("/level/params-validity", test_params_validity);
  g_test_add_func ("/level/nicks", test_nicks);

  return g_test_run ();
}
