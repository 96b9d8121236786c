/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-level: the default rule, hysteresis, PSI and the reason strings. */

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
      MgLevel level = mg_level_evaluate (&sample, cases[i].previous, NULL, &params, NULL, 0);

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
  g_assert_cmpint (mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, NULL, 0), ==,
                   MG_LEVEL_HIGH);

  params.high_percent = 20.0;
  params.medium_percent = 30.0;
  g_assert_cmpint (mg_level_evaluate (&sample, MG_LEVEL_HIGH, NULL, &params, NULL, 0), ==,
                   MG_LEVEL_CRITICAL);

  params.margin_percent = 0.0;
  sample = make_sample (20.5);
  g_assert_cmpint (mg_level_evaluate (&sample, MG_LEVEL_CRITICAL, NULL, &params, NULL, 0), ==,
                   MG_LEVEL_HIGH);
}

/* Counts level changes over a sequence of readings, as the monitor would see them. */
static guint
count_changes (const double *percents,
               guint         n,
               MgLevel      *last)
{
  MgLevelParams params;
  MgLevel level = MG_LEVEL_UNKNOWN;
  guint changes = 0;

  mg_level_params_init_default (&params);

  for (guint i = 0; i < n; i++)
    {
      MgSample sample = make_sample (percents[i]);
      MgLevel next = mg_level_evaluate (&sample, level, NULL, &params, NULL, 0);

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

typedef struct {
  double   some;
  double   full;
  MgLevel  previous;
  gboolean enabled;
  MgLevel  expected;
} PsiCase;

static void
test_psi_raises (void)
{
  static const PsiCase cases[] = {
    { 0.0, 0.0, MG_LEVEL_UNKNOWN, TRUE, MG_LEVEL_LOW },
    { 9.99, 0.0, MG_LEVEL_UNKNOWN, TRUE, MG_LEVEL_LOW },
    { 10.0, 0.0, MG_LEVEL_UNKNOWN, TRUE, MG_LEVEL_MEDIUM },
    { 35.0, 9.9, MG_LEVEL_UNKNOWN, TRUE, MG_LEVEL_MEDIUM },
    { 35.0, 10.0, MG_LEVEL_UNKNOWN, TRUE, MG_LEVEL_HIGH },
    /* Held by the margin on the way down. */
    { 8.5, 0.0, MG_LEVEL_MEDIUM, TRUE, MG_LEVEL_MEDIUM },
    { 7.9, 0.0, MG_LEVEL_MEDIUM, TRUE, MG_LEVEL_LOW },
    { 20.0, 8.5, MG_LEVEL_HIGH, TRUE, MG_LEVEL_HIGH },
    { 20.0, 7.9, MG_LEVEL_HIGH, TRUE, MG_LEVEL_MEDIUM },
    /* Switched off. */
    { 80.0, 80.0, MG_LEVEL_UNKNOWN, FALSE, MG_LEVEL_LOW },
  };
  MgLevelParams params;

  mg_level_params_init_default (&params);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MgSample sample = make_psi_sample (80.0, cases[i].some, cases[i].full);

      params.psi_enabled = cases[i].enabled;
      g_test_message ("case %u", i);
      g_assert_cmpstr (mg_level_to_nick (mg_level_evaluate (&sample, cases[i].previous,
                                                            NULL, &params, NULL, 0)),
                       ==, mg_level_to_nick (cases[i].expected));
    }
}

/* The margin on the way down holds a level PSI raised, not one memory made: once memory
 * recovers, stalls under the threshold do not keep the level up. */
static void
test_psi_margin_only_for_psi (void)
{
  MgLevelParams params;
  char reason[MG_LEVEL_REASON_SIZE];
  MgSample sample;
  MgLevel psi = MG_LEVEL_UNKNOWN;
  MgLevel level;

  mg_level_params_init_default (&params);

  /* Memory makes it high; PSI is quiet. */
  sample = make_psi_sample (15.0, 2.0, 1.0);
  level = mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, &psi, &params, NULL, 0);
  g_assert_cmpint (level, ==, MG_LEVEL_HIGH);
  g_assert_cmpint (psi, ==, MG_LEVEL_LOW);

  /* Memory recovers while full avg10 sits at 8.5 %, under the 10 % threshold. */
  sample = make_psi_sample (60.0, 9.0, 8.5);
  level = mg_level_evaluate (&sample, level, &psi, &params, reason, sizeof reason);
  g_assert_cmpint (level, ==, MG_LEVEL_LOW);
  g_assert_cmpstr (reason, ==, "low: 60 % available");

  /* When PSI did raise it, the same 8.5 % holds it. */
  sample = make_psi_sample (60.0, 30.0, 12.0);
  level = mg_level_evaluate (&sample, level, &psi, &params, NULL, 0);
  g_assert_cmpint (level, ==, MG_LEVEL_HIGH);
  g_assert_cmpint (psi, ==, MG_LEVEL_HIGH);
  sample = make_psi_sample (60.0, 9.0, 8.5);
  level = mg_level_evaluate (&sample, level, &psi, &params, NULL, 0);
  g_assert_cmpint (level, ==, MG_LEVEL_HIGH);
}

static void
test_psi_never_lowers (void)
{
  MgLevelParams params;
  MgSample sample = make_psi_sample (5.0, 0.0, 0.0);

  mg_level_params_init_default (&params);
  g_assert_cmpint (mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, NULL, 0), ==,
                   MG_LEVEL_CRITICAL);

  sample = make_psi_sample (15.0, 50.0, 12.0);
  g_assert_cmpint (mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, NULL, 0), ==,
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
  level = mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpint (level, ==, MG_LEVEL_CRITICAL);
  g_assert_cmpstr (reason, ==, "critical: 8 % available");

  sample = make_sample (15.0);
  sample.has_rates = TRUE;
  sample.rate_per_s[MG_VMSTAT_PSWPIN] = 3210.0;
  mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "high: 15 % available, swap-in 3.2k pages/s");

  sample.rate_per_s[MG_VMSTAT_PSWPIN] = 12.0;
  mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "high: 15 % available, swap-in 12 pages/s");

  sample = make_sample (60.0);
  sample.meminfo.mem_available_estimated = TRUE;
  mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==, "low: 60 % available (estimated)");

  sample = make_psi_sample (60.0, 23.4, 2.0);
  mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==,
                   "medium: 60 % available, tasks stalled on memory 23 % of the last 10 s");

  sample = make_psi_sample (60.0, 40.0, 12.0);
  mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, reason, sizeof reason);
  g_assert_cmpstr (reason, ==,
                   "high: 60 % available, all tasks stalled on memory 12 % of the last 10 s");

  level = mg_level_evaluate (NULL, MG_LEVEL_HIGH, NULL, &params, reason, sizeof reason);
  g_assert_cmpint (level, ==, MG_LEVEL_UNKNOWN);
  g_assert_cmpstr (reason, ==, "unknown: no memory reading");

  /* A small buffer truncates, it never overflows. */
  {
    char tiny[8];

    sample = make_sample (15.0);
    mg_level_evaluate (&sample, MG_LEVEL_UNKNOWN, NULL, &params, tiny, sizeof tiny);
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
  g_test_add_func ("/level/psi-margin-only-for-psi", test_psi_margin_only_for_psi);
  g_test_add_func ("/level/psi-never-lowers", test_psi_never_lowers);
  g_test_add_func ("/level/reasons", test_reasons);
  g_test_add_func ("/level/params-validity", test_params_validity);
  g_test_add_func ("/level/nicks", test_nicks);

  return g_test_run ();
}
