/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgMonitor's adaptive clock: a real monitor and timer over a temporary proc root. */

#include <glib/gstdio.h>

#include "mg-monitor.h"
#include "mg-test-files.h"
#include "mg-test-util.h"

#define TOTAL_KIB G_GUINT64_CONSTANT (8000000)

typedef struct {
  char      *root;
  MgMonitor *monitor;
  gint64     now_us;
  guint      updates;
} Fixture;

static void
write_available (Fixture *fixture,
                 double   percent)
{
  guint64 available = (guint64) (TOTAL_KIB * percent / 100.0);
  g_autofree char *text = g_strdup_printf ("MemTotal:       %" G_GUINT64_FORMAT " kB\n"
                                           "MemFree:        %" G_GUINT64_FORMAT " kB\n"
                                           "MemAvailable:   %" G_GUINT64_FORMAT " kB\n"
                                           "SwapTotal:            0 kB\n"
                                           "SwapFree:             0 kB\n",
                                           TOTAL_KIB, available / 2, available);

  mg_test_write_file (fixture->root, "meminfo", text);
}

static gint64
fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
on_sample_updated (MgMonitor *monitor,
                   Fixture   *fixture)
{
  fixture->updates++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-proc-XXXXXX", &error);
  g_assert_no_error (error);
  write_available (fixture, 60.0);
  mg_test_write_file (fixture->root, "vmstat", "pswpin 1\npswpout 1\npgmajfault 1\noom_kill 0\n");

  fixture->monitor = mg_test_monitor_new (fixture->root);
  fixture->now_us = 1000 * G_USEC_PER_SEC;
  mg_monitor_set_time_func (fixture->monitor, fake_time, fixture);
  g_signal_connect (fixture->monitor, "sample-updated", G_CALLBACK (on_sample_updated), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->monitor);
  mg_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

/* One more sample, @ms later on the monitor's clock, with @percent available. */
static void
sample_at (Fixture *fixture,
           guint    ms,
           double   percent)
{
  fixture->now_us += (gint64) ms * 1000;
  write_available (fixture, percent);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));
}

static gboolean
on_guard (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the monitor samples by itself; FALSE after @limit_ms. */
static gboolean
wait_for_timer_sample (Fixture *fixture,
                       guint    limit_ms)
{
  guint before = fixture->updates;
  gboolean expired = FALSE;
  guint guard = g_timeout_add (limit_ms, on_guard, &expired);

  while (fixture->updates == before && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (guard);

  return !expired;
}

static void
test_calm (Fixture       *fixture,
           gconstpointer  data)
{
  mg_monitor_start (fixture->monitor);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);

  /* Steady and being freed: the sample interval, nothing sooner. */
  sample_at (fixture, 3000, 60.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  sample_at (fixture, 3000, 70.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  /* The interval setting is the calm pace. */
  mg_monitor_set_interval (fixture->monitor, 10);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 10000);
  g_assert_false (wait_for_timer_sample (fixture, 1500));
  mg_monitor_stop (fixture->monitor);
}

/* Filling towards high: the real timer fires well before the 3 s interval, and once
 * memory is freed the clock is back to 3 s. */
static void
test_near_the_edge (Fixture       *fixture,
                    gconstpointer  data)
{
  write_available (fixture, 26.0);
  mg_monitor_start (fixture->monitor);
  /* 3 points a second from 14 %: 10 % is 1.33 s away: sample in 666 ms. */
  sample_at (fixture, 3000, 23.0);
  sample_at (fixture, 3000, 14.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 666);

  fixture->now_us += 666 * 1000;
  write_available (fixture, 12.0);
  g_assert_true (wait_for_timer_sample (fixture, 2000));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 333);
  fixture->now_us += 333 * 1000;
  write_available (fixture, 11.0);
  g_assert_true (wait_for_timer_sample (fixture, 2000));
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 250);

  /* The OOM killer freed memory: calm again, and the timer does not fire within 2 s. */
  sample_at (fixture, 500, 60.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  g_assert_false (wait_for_timer_sample (fixture, 2000));
  mg_monitor_stop (fixture->monitor);
}

static void
test_power_saver (Fixture       *fixture,
                  gconstpointer  data)
{
  mg_monitor_start (fixture->monitor);
  mg_monitor_set_power_saver (fixture->monitor, TRUE);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 6000);
  sample_at (fixture, 6000, 60.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 6000);

  /* Near the edge the fill rate still rules: 4 points/s from 24 %, 20 % is 1 s away. */
  sample_at (fixture, 6000, 54.0);
  sample_at (fixture, 6000, 48.0);
  sample_at (fixture, 6000, 24.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 500);

  /* Back to balanced while calm: the interval itself. */
  sample_at (fixture, 500, 30.0);
  mg_monitor_set_power_saver (fixture->monitor, FALSE);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  mg_monitor_stop (fixture->monitor);
}

/* A failed sample gives no rate across the gap; the clock is calm until two good ones. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *meminfo = g_build_filename (fixture->root, "meminfo", NULL);

  mg_monitor_start (fixture->monitor);
  sample_at (fixture, 1000, 30.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), <, 3000);

  g_assert_cmpint (g_unlink (meminfo), ==, 0);
  fixture->now_us += G_USEC_PER_SEC;
  g_assert_false (mg_monitor_sample_now (fixture->monitor));
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  sample_at (fixture, 1000, 11.0);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (fixture->monitor), ==, 3000);
  mg_monitor_stop (fixture->monitor);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/monitor-clock/calm", test_calm);
  ADD ("/monitor-clock/near-the-edge", test_near_the_edge);
  ADD ("/monitor-clock/power-saver", test_power_saver);
  ADD ("/monitor-clock/failure", test_failure);

#undef ADD

  return g_test_run ();
}
