/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the adaptive sampling pace: tables of available memory over simulated time. */

#include "mg-sample-pace.h"

#define MS(ms) ((gint64) (ms) * 1000)

static const double thresholds[] = { 40.0, 20.0, 10.0 };

/* One sample: when, how much is available, and the delay the pace must give. */
typedef struct {
  gint64 at_us;
  double percent;
  guint  delay_ms;
} Step;

static void
run_steps (const Step *steps,
           gsize       n_steps,
           guint       calm_ms)
{
  MgSamplePace pace;

  mg_sample_pace_init (&pace);
  for (gsize i = 0; i < n_steps; i++)
    {
      guint delay = mg_sample_pace_update (&pace, MS (100000) + steps[i].at_us,
                                           steps[i].percent, thresholds,
                                           G_N_ELEMENTS (thresholds), calm_ms);

      g_test_message ("step %" G_GSIZE_FORMAT ": %u ms", i, delay);
      g_assert_cmpuint (delay, ==, steps[i].delay_ms);
    }
}

#define RUN(steps, calm) run_steps ((steps), G_N_ELEMENTS (steps), (calm))

static void
test_calm (void)
{
  const Step steps[] = {
    /* No rate from one sample. */
    { MS (0), 60.0, 3000 },
    /* Steady, then being freed. */
    { MS (3000), 60.0, 3000 },
    { MS (6000), 65.0, 3000 },
    /* Noise: 0.1 point in 3 s is 600 s from 40 %. */
    { MS (9000), 64.9, 3000 },
    { MS (12000), 64.8, 3000 },
  };

  RUN (steps, 3000);
}

/* A runaway at 4 points a second from 60 %: the pace closes in on each threshold. */
static void
test_filling (void)
{
  const Step steps[] = {
    { MS (0), 60.0, 3000 },
    /* 40 % is 8 points, 2 s away: sample again in half that. */
    { MS (3000), 48.0, 1000 },
    { MS (4000), 44.0, 500 },
    { MS (4500), 42.0, 250 },
    /* Closer still: never sooner than 250 ms. */
    { MS (4750), 41.0, 250 },
    /* At 40 %, the next threshold is 20 %: 5 s away. */
    { MS (5000), 40.0, 2500 },
    { MS (7500), 30.0, 1250 },
    { MS (8750), 25.0, 625 },
    { MS (9375), 22.5, 312 },
    { MS (9750), 21.0, 250 },
    { MS (10000), 20.0, 1250 },
    { MS (11250), 15.0, 625 },
    { MS (11875), 12.5, 312 },
    { MS (12250), 11.0, 250 },
    /* Below the last threshold the edge is 0 %: 10 points, 2.5 s. */
    { MS (12500), 10.0, 1250 },
    { MS (13750), 5.0, 625 },
    /* The OOM killer ended it: memory comes back, calm at once. */
    { MS (14375), 60.0, 3000 },
    { MS (17375), 60.0, 3000 },
  };

  RUN (steps, 3000);
}

/* A slower step within a run keeps the faster rate; a freeing step ends it. */
static void
test_slower_step (void)
{
  const Step steps[] = {
    { MS (0), 30.0, 3000 },
    /* 5 points/s: 20 % is 1 s away. */
    { MS (1000), 25.0, 500 },
    /* 1 point/s for this step, but 5 remembered: 4.5 points, 0.9 s. */
    { MS (1500), 24.5, 450 },
    /* Freed a little: calm. */
    { MS (1950), 24.6, 3000 },
  };

  RUN (steps, 3000);
}

/* A power-saver calm of 6 s; a sample at the same time as the last gives no rate. */
static void
test_calm_limit (void)
{
  const Step steps[] = {
    { MS (0), 70.0, 6000 },
    { MS (6000), 70.0, 6000 },
    { MS (6000), 50.0, 6000 },
    /* 0.5 point/s from 70 %: 40 % is 54 s away: calm. */
    { MS (12000), 67.0, 6000 },
    /* 3 points/s: 8 s away; 4 s is sooner than the calm 6 s. */
    { MS (13000), 64.0, 4000 },
  };

  RUN (steps, 6000);
}

static void
test_forget (void)
{
  MgSamplePace pace;

  mg_sample_pace_init (&pace);
  g_assert_cmpuint (mg_sample_pace_update (&pace, MS (0), 50.0, thresholds, 3, 3000), ==, 3000);
  g_assert_cmpuint (mg_sample_pace_update (&pace, MS (1000), 45.0, thresholds, 3, 3000), ==, 500);
  /* A failed sample between: no rate across the gap. */
  mg_sample_pace_forget (&pace);
  g_assert_cmpuint (mg_sample_pace_update (&pace, MS (4000), 41.0, thresholds, 3, 3000), ==, 3000);
  /* Odd inputs: no thresholds at all, a calm below the floor. */
  g_assert_cmpuint (mg_sample_pace_update (&pace, MS (5000), 40.0, NULL, 0, 100), ==, 250);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample-pace/calm", test_calm);
  g_test_add_func ("/sample-pace/filling", test_filling);
  g_test_add_func ("/sample-pace/slower-step", test_slower_step);
  g_test_add_func ("/sample-pace/calm-limit", test_calm_limit);
  g_test_add_func ("/sample-pace/forget", test_forget);

  return g_test_run ();
}
