/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgMonitor, driven by rewriting files in a temporary proc root. */

#include <glib/gstdio.h>

#include "mg-monitor.h"
#include "mg-parse.h"
#include "mg-test-util.h"

typedef struct {
  char      *root;
  MgMonitor *monitor;
  gint64     now_us;
  guint      level_notifies;
  guint      updates;
} Fixture;

static void
remove_file (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* A meminfo with the given total and available KiB and swap. */
static void
write_meminfo (Fixture *fixture,
               guint64  total,
               guint64  available,
               guint64  swap_total,
               guint64  swap_free)
{
  g_autofree char *text = g_strdup_printf ("MemTotal:       %" G_GUINT64_FORMAT " kB\n"
                                           "MemFree:        %" G_GUINT64_FORMAT " kB\n"
                                           "MemAvailable:   %" G_GUINT64_FORMAT " kB\n"
                                           "Buffers:           1024 kB\n"
                                           "Cached:          204800 kB\n"
                                           "SwapCached:           0 kB\n"
                                           "SwapTotal:      %" G_GUINT64_FORMAT " kB\n"
                                           "SwapFree:       %" G_GUINT64_FORMAT " kB\n",
                                           total, available / 2, available,
                                           swap_total, swap_free);

  mg_test_write_file (fixture->root, "meminfo", text);
}

static void
write_vmstat (Fixture *fixture,
              guint64  pswpin,
              guint64  oom_kill)
{
  g_autofree char *text = g_strdup_printf ("nr_free_pages 12345\n"
                                           "pswpin %" G_GUINT64_FORMAT "\n"
                                           "pswpout 40\n"
                                           "pgmajfault 1000\n"
                                           "oom_kill %" G_GUINT64_FORMAT "\n",
                                           pswpin, oom_kill);

  mg_test_write_file (fixture->root, "vmstat", text);
}

static gint64
fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
on_level_notify (MgMonitor  *monitor,
                 GParamSpec *pspec,
                 Fixture    *fixture)
{
  fixture->level_notifies++;
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

  write_meminfo (fixture, 8000000, 6000000, 2000000, 2000000);
  write_vmstat (fixture, 100, 0);
  mg_test_write_file (fixture->root, "pressure/memory",
              "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
              "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
  mg_test_write_file (fixture->root, "sys/vm/swappiness", "60\n");

  fixture->monitor = mg_test_monitor_new (fixture->root);
  fixture->now_us = 1000 * G_USEC_PER_SEC;
  mg_monitor_set_time_func (fixture->monitor, fake_time, fixture);
  g_signal_connect (fixture->monitor, "notify::level", G_CALLBACK (on_level_notify), fixture);
  g_signal_connect (fixture->monitor, "sample-updated", G_CALLBACK (on_sample_updated), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = NULL;

  g_assert_finalize_object (fixture->monitor);
  /* The tree is ours and small: remove it with the shell rather than a walker. */
  command = g_strdup_printf ("rm -rf '%s'", fixture->root);
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->root);
}

static void
test_first_sample (Fixture       *fixture,
                   gconstpointer  data)
{
  const MgSample *sample;

  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_null (mg_monitor_get_sample (fixture->monitor));

  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  sample = mg_monitor_get_sample (fixture->monitor);
  g_assert_nonnull (sample);
  g_assert_cmpuint (mg_sample_total_kib (sample), ==, 8000000);
  g_assert_cmpuint (mg_sample_available_kib (sample), ==, 6000000);
  g_assert_cmpuint (sample->swappiness, ==, 60);
  g_assert_true (sample->has_psi);
  g_assert_true (sample->has_vmstat);
  g_assert_false (sample->has_rates);
  g_assert_cmpint (sample->time_us, ==, 1000 * G_USEC_PER_SEC);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_LOW);
  g_assert_cmpstr (mg_monitor_get_reason (fixture->monitor), ==, "low: 75 % available");
  g_assert_cmpuint (fixture->level_notifies, ==, 1);
  g_assert_cmpuint (fixture->updates, ==, 1);
  g_assert_null (mg_monitor_get_error (fixture->monitor));
}

static void
test_level_notifies_on_change_only (Fixture       *fixture,
                                    gconstpointer  data)
{
  mg_monitor_sample_now (fixture->monitor);
  write_meminfo (fixture, 8000000, 5000000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpuint (fixture->level_notifies, ==, 1);
  g_assert_cmpuint (fixture->updates, ==, 3);

  /* 12 % available: high. */
  write_meminfo (fixture, 8000000, 960000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_cmpuint (fixture->level_notifies, ==, 2);

  /* 21 % is above the threshold but not past the margin: still high, no notify. */
  write_meminfo (fixture, 8000000, 1680000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_cmpuint (fixture->level_notifies, ==, 2);

  write_meminfo (fixture, 8000000, 1840000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_MEDIUM);
  g_assert_cmpuint (fixture->level_notifies, ==, 3);
}

static void
test_rates (Fixture       *fixture,
            gconstpointer  data)
{
  const MgSample *sample;

  mg_monitor_sample_now (fixture->monitor);

  fixture->now_us += 2 * G_USEC_PER_SEC;
  write_vmstat (fixture, 700, 3);
  mg_monitor_sample_now (fixture->monitor);
  sample = mg_monitor_get_sample (fixture->monitor);
  g_assert_true (sample->has_rates);
  g_assert_cmpfloat_with_epsilon (sample->rate_per_s[MG_VMSTAT_PSWPIN], 300.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sample->rate_per_s[MG_VMSTAT_PSWPOUT], 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sample->rate_per_s[MG_VMSTAT_OOM_KILL], 1.5, 1e-9);
  g_assert_cmpstr (mg_monitor_get_reason (fixture->monitor), ==,
                   "low: 75 % available, swap-in 300 pages/s");

  /* A counter that goes backwards is a reset, not a negative rate. */
  fixture->now_us += 3 * G_USEC_PER_SEC;
  write_vmstat (fixture, 50, 3);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_false (mg_monitor_get_sample (fixture->monitor)->has_rates);

  fixture->now_us += 3 * G_USEC_PER_SEC;
  write_vmstat (fixture, 350, 3);
  mg_monitor_sample_now (fixture->monitor);
  sample = mg_monitor_get_sample (fixture->monitor);
  g_assert_true (sample->has_rates);
  g_assert_cmpfloat_with_epsilon (sample->rate_per_s[MG_VMSTAT_PSWPIN], 100.0, 1e-9);
}

static void
test_failure_and_recovery (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *expected = NULL;
  const GError *error;

  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_LOW);

  remove_file (fixture, "meminfo");
  g_assert_false (mg_monitor_sample_now (fixture->monitor));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_null (mg_monitor_get_sample (fixture->monitor));
  error = mg_monitor_get_error (fixture->monitor);
  g_assert_error ((GError *) error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE);
  expected = g_strdup_printf ("unknown: %s/meminfo: No such file or directory", fixture->root);
  g_assert_cmpstr (mg_monitor_get_reason (fixture->monitor), ==, expected);
  g_assert_cmpuint (fixture->level_notifies, ==, 2);

  mg_test_write_file (fixture->root, "meminfo", "MemTotal: 12x kB\nMemFree: 1 kB\n");
  g_assert_false (mg_monitor_sample_now (fixture->monitor));
  g_assert_error ((GError *) mg_monitor_get_error (fixture->monitor),
                  MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER);
  g_assert_cmpuint (fixture->level_notifies, ==, 2);

  write_meminfo (fixture, 8000000, 400000, 0, 0);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_null (mg_monitor_get_error (fixture->monitor));
  g_assert_cmpuint (fixture->level_notifies, ==, 3);
}

/* A failed read shows unknown, but the next good sample still honours the margin that
 * held the level before it. */
static void
test_failure_keeps_hysteresis (Fixture       *fixture,
                               gconstpointer  data)
{
  /* 9 % available: critical; then 11 %, held at critical by the 2-point margin. */
  write_meminfo (fixture, 8000000, 720000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  write_meminfo (fixture, 8000000, 880000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);

  remove_file (fixture, "meminfo");
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);

  write_meminfo (fixture, 8000000, 880000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
}

static void
test_optional_files (Fixture       *fixture,
                     gconstpointer  data)
{
  const MgSample *sample;

  remove_file (fixture, "pressure/memory");
  remove_file (fixture, "vmstat");
  remove_file (fixture, "sys/vm/swappiness");
  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  sample = mg_monitor_get_sample (fixture->monitor);
  g_assert_false (sample->has_psi);
  g_assert_false (sample->has_vmstat);
  g_assert_false (sample->has_swappiness);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_LOW);
}

static void
test_psi_raises_level (Fixture       *fixture,
                       gconstpointer  data)
{
  mg_test_write_file (fixture->root, "pressure/memory",
              "some avg10=31.50 avg60=10.00 avg300=2.00 total=9000000\n"
              "full avg10=12.25 avg60=4.00 avg300=1.00 total=3000000\n");
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);

  g_object_set (fixture->monitor, "psi-raises-level", FALSE, NULL);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_LOW);
}

static void
write_psi (Fixture *fixture,
           double   some,
           double   full)
{
  g_autofree char *text = g_strdup_printf ("some avg10=%.2f avg60=1.00 avg300=0.50 total=9000000\n"
                                           "full avg10=%.2f avg60=0.50 avg300=0.20 total=3000000\n",
                                           some, full);

  mg_test_write_file (fixture->root, "pressure/memory", text);
}

/* Issue 13: with 97 % available, a neighbour's bursty stalls took the icon low, medium,
 * high, medium, low within 20 s. Sampled every 3 s, the level now rises with the stalls
 * and falls only 30 s after they last justified it. */
static void
test_psi_does_not_flap (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    double  some;
    double  full;
    MgLevel expected;
  } trace[] = {
    { 2.0, 0.0, MG_LEVEL_LOW },
    { 12.0, 3.0, MG_LEVEL_MEDIUM },
    { 25.0, 11.0, MG_LEVEL_HIGH },
    { 9.0, 6.0, MG_LEVEL_HIGH },
    { 5.0, 1.0, MG_LEVEL_HIGH },
    { 3.0, 0.5, MG_LEVEL_HIGH },
    { 1.0, 0.0, MG_LEVEL_HIGH },
  };

  write_meminfo (fixture, 8000000, 7760000, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (trace); i++)
    {
      write_psi (fixture, trace[i].some, trace[i].full);
      mg_monitor_sample_now (fixture->monitor);
      g_test_message ("%u s: %s", 3 * i, mg_monitor_get_reason (fixture->monitor));
      g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, trace[i].expected);
      fixture->now_us += 3 * G_USEC_PER_SEC;
    }
  /* Two rises within those 20 s, no fall. */
  g_assert_cmpuint (fixture->level_notifies, ==, 3);

  /* 30 s after the 11 % sample (at 6 s), and the 9 % "some" (at 9 s): low again. */
  fixture->now_us += 20 * G_USEC_PER_SEC;
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_LOW);
}

/* The figures every view shows: used and available add up to 100 and stay on the level's
 * side of its threshold. */
static void
test_shown_percent (Fixture       *fixture,
                    gconstpointer  data)
{
  guint available = 7, used = 7;

  remove_file (fixture, "meminfo");
  g_assert_false (mg_monitor_sample_now (fixture->monitor));
  g_assert_false (mg_monitor_get_shown_percent (fixture->monitor, &available, &used));
  g_assert_cmpuint (available, ==, 7);

  /* 97.5 %: the tooltip said 98 % available, the menu 3 % used. */
  write_meminfo (fixture, 8000000, 7800000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_true (mg_monitor_get_shown_percent (fixture->monitor, &available, &used));
  g_assert_cmpuint (available, ==, 98);
  g_assert_cmpuint (used, ==, 2);

  /* 10.3 %: high, so 11 % available, 89 % used; the reason says the same. */
  write_meminfo (fixture, 8000000, 824000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_true (mg_monitor_get_shown_percent (fixture->monitor, &available, &used));
  g_assert_cmpuint (available, ==, 11);
  g_assert_cmpuint (used, ==, 89);
  g_assert_cmpstr (mg_monitor_get_reason (fixture->monitor), ==, "high: 11 % available");

  /* 9 % then 11.5 %: critical, held by the margin, shows 10. */
  write_meminfo (fixture, 8000000, 720000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  write_meminfo (fixture, 8000000, 920000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_true (mg_monitor_get_shown_percent (fixture->monitor, &available, &used));
  g_assert_cmpuint (available, ==, 10);
  g_assert_cmpuint (used, ==, 90);
  g_assert_false (mg_monitor_get_raised_by_stalls (fixture->monitor));

  /* Stalls with 97 % available: high, and the figure stays 97. */
  write_meminfo (fixture, 8000000, 7760000, 0, 0);
  write_psi (fixture, 30.0, 12.0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_true (mg_monitor_get_raised_by_stalls (fixture->monitor));
  g_assert_true (mg_monitor_get_shown_percent (fixture->monitor, &available, &used));
  g_assert_cmpuint (available, ==, 97);
  g_assert_cmpuint (used, ==, 3);
}

static void
test_thresholds (Fixture       *fixture,
                 gconstpointer  data)
{
  const MgLevelParams *params = mg_monitor_get_level_params (fixture->monitor);

  /* 15 % available: high by default, critical once "high" starts at 20 %. */
  write_meminfo (fixture, 8000000, 1200000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);

  /* 20 is not below medium's 20: refused until medium moves. */
  g_object_set (fixture->monitor, "high-threshold", 20, NULL);
  g_assert_cmpfloat (params->high_percent, ==, 10.0);
  g_object_set (fixture->monitor, "medium-threshold", 30, NULL);
  g_assert_cmpfloat (params->high_percent, ==, 20.0);
  g_assert_cmpfloat (params->medium_percent, ==, 30.0);

  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
}

/* New thresholds apply to the last sample at once, with no new reading, whoever set them
 * (the settings window, gsettings, Restore Defaults): the views hear it through
 * sample-updated on the next main-loop iteration, once per burst of changes. */
static void
test_thresholds_apply_at_once (Fixture       *fixture,
                               gconstpointer  data)
{
  guint64 samples;
  guint updates;

  write_meminfo (fixture, 8000000, 1200000, 0, 0);
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  samples = mg_monitor_get_n_samples (fixture->monitor);
  updates = fixture->updates;

  g_object_set (fixture->monitor, "medium-threshold", 30, "high-threshold", 20, NULL);
  /* Not before the burst has ended. */
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_cmpuint (fixture->updates, ==, updates + 1);
  g_assert_cmpuint (mg_monitor_get_n_samples (fixture->monitor), ==, samples);

  /* The same values again change nothing and wake nobody. */
  g_object_set (fixture->monitor, "high-threshold", 20, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->updates, ==, updates + 1);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  const MgHistoryEntry *entry;

  for (guint i = 0; i < 5; i++)
    {
      fixture->now_us += 3 * G_USEC_PER_SEC;
      mg_monitor_sample_now (fixture->monitor);
    }
  g_assert_cmpuint (mg_history_get_length (mg_monitor_get_history (fixture->monitor)), ==, 5);

  write_meminfo (fixture, 8000000, 800000, 0, 0);
  fixture->now_us += 3 * G_USEC_PER_SEC;
  mg_monitor_sample_now (fixture->monitor);

  entry = mg_history_get (mg_monitor_get_history (fixture->monitor), 0);
  g_assert_cmpint (entry->level, ==, MG_LEVEL_CRITICAL);
  g_assert_cmpfloat_with_epsilon (entry->used_fraction, 0.9, 1e-6);
  g_assert_cmpint (entry->time_us, ==, fixture->now_us);

  entry = mg_history_get (mg_monitor_get_history (fixture->monitor), 1);
  g_assert_cmpint (entry->level, ==, MG_LEVEL_LOW);
  g_assert_cmpfloat_with_epsilon (entry->used_fraction, 0.25, 1e-6);
  g_assert_cmpint (entry->time_us, ==, fixture->now_us - 3 * G_USEC_PER_SEC);

  /* The ring keeps the newest hour at 1 s and forgets the rest. */
  for (guint i = 0; i < MG_MONITOR_HISTORY_CAPACITY; i++)
    {
      fixture->now_us += G_USEC_PER_SEC;
      mg_monitor_sample_now (fixture->monitor);
    }
  g_assert_cmpuint (mg_history_get_length (mg_monitor_get_history (fixture->monitor)), ==,
                    MG_MONITOR_HISTORY_CAPACITY);
  entry = mg_history_get (mg_monitor_get_history (fixture->monitor), MG_MONITOR_HISTORY_CAPACITY - 1);
  g_assert_cmpint (entry->time_us, ==,
                   fixture->now_us - (gint64) (MG_MONITOR_HISTORY_CAPACITY - 1) * G_USEC_PER_SEC);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_update_quit (MgMonitor  *monitor,
                GMainLoop  *loop)
{
  g_main_loop_quit (loop);
}

static void
test_timer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint guard;
  gulong handler;

  /* Real time for this one: the timer is what is tested. */
  mg_monitor_set_time_func (fixture->monitor, NULL, NULL);
  g_object_set (fixture->monitor, "interval", 1, NULL);
  mg_monitor_start (fixture->monitor);
  g_assert_cmpuint (fixture->updates, ==, 1);

  handler = g_signal_connect (fixture->monitor, "sample-updated",
                              G_CALLBACK (on_update_quit), loop);
  guard = g_timeout_add_seconds (10, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (fixture->updates, ==, 2);

  /* A longer interval takes effect at once: nothing in the next 1.5 s. */
  mg_monitor_set_interval (fixture->monitor, 60);
  g_assert_cmpuint (mg_monitor_get_interval (fixture->monitor), ==, 60);
  g_source_remove (guard);
  guard = g_timeout_add (1500, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (fixture->updates, ==, 2);

  mg_monitor_stop (fixture->monitor);
  g_signal_handler_disconnect (fixture->monitor, handler);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/monitor/first-sample", test_first_sample);
  ADD ("/monitor/level-notifies-on-change-only", test_level_notifies_on_change_only);
  ADD ("/monitor/rates", test_rates);
  ADD ("/monitor/failure-and-recovery", test_failure_and_recovery);
  ADD ("/monitor/failure-keeps-hysteresis", test_failure_keeps_hysteresis);
  ADD ("/monitor/optional-files", test_optional_files);
  ADD ("/monitor/psi-raises-level", test_psi_raises_level);
  ADD ("/monitor/psi-does-not-flap", test_psi_does_not_flap);
  ADD ("/monitor/shown-percent", test_shown_percent);
  ADD ("/monitor/thresholds", test_thresholds);
  ADD ("/monitor/thresholds-apply-at-once", test_thresholds_apply_at_once);
  ADD ("/monitor/history", test_history);
  ADD ("/monitor/timer", test_timer);

#undef ADD

  return g_test_run ();
}
