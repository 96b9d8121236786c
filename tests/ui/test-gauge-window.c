/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of MgGaugeWindow on fixture proc roots: texts, accessibility, pixels, PNGs. */

#include <gtk/gtk.h>
#include <string.h>

#include "gauge-window-fixture.h"
#include "mg-gauge.h"
#include "mg-sparkline.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

/* What a person should read for each real fixture. Sizes are computed with the same
 * g_format_size_full() call on the KiB typed in from the files; the percentages and
 * level words are literal. */
typedef struct {
  const char *name;
  MgLevel     level;
  const char *level_words;
  const char *percent;
  guint64     total_kib;
  guint64     available_kib;
  guint64     cache_kib;
  guint64     swap_total_kib;
  guint64     swap_free_kib;
  const char *psi10;
  const char *psi60;
  /* vmstat deltas over the 3 s between the two samples the test takes */
  guint64     swap_in_delta;
  guint64     swap_out_delta;
  guint64     faults_delta;
  const char *faults;
} LevelCase;

static const LevelCase level_cases[] = {
  {
    "linux-6.18-idle", MG_LEVEL_LOW, "Low pressure", "2 %",
    24684084, 24272124, 8984 + 206152 + 78752, 0, 0,
    "some 0.0 %, full 0.0 %", "some 0.0 %, full 0.0 %",
    0, 0, 30, "10/s",
  },
  {
    "linux-6.18-medium", MG_LEVEL_MEDIUM, "Medium pressure", "70 %",
    24684084, 7448000, 4200 + 158816 + 79712, 4194300, 4194124,
    "some 0.0 %, full 0.0 %", "some 0.0 %, full 0.0 %",
    0, 300, 90, "30/s",
  },
  {
    "linux-6.18-high", MG_LEVEL_HIGH, "High pressure", "85 %",
    24684084, 3706404, 3596 + 197724 + 79680, 4194300, 4194124,
    "some 0.0 %, full 0.0 %", "some 0.0 %, full 0.0 %",
    300, 1500, 600, "200/s",
  },
  {
    "linux-6.18-critical-swapping", MG_LEVEL_CRITICAL, "Critical pressure", "92 %",
    24684084, 2002908, 4360 + 167824 + 81028, 4194300, 3667516,
    "some 45.7 %, full 44.6 %", "some 14.2 %, full 13.7 %",
    9600, 12000, 3000, "1000/s",
  },
};

static void
feed_ramp (Fixture         *fixture,
           const LevelCase *c)
{
  g_autofree char *path = g_build_filename (fixture->root, "meminfo", NULL);
  g_autofree char *fixture_meminfo = NULL;
  g_autofree char *psi_path = g_build_filename (fixture->root, "pressure", "memory", NULL);
  g_autofree char *fixture_psi = NULL;
  double end = (double) c->available_kib / (double) c->total_kib;

  g_assert_true (g_file_get_contents (path, &fixture_meminfo, NULL, NULL));
  /* The kernel stalls only at the end: the climb goes through the levels by the ratio. */
  if (g_file_get_contents (psi_path, &fixture_psi, NULL, NULL))
    mg_test_write_file (fixture->root, "pressure/memory",
                "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
  for (guint i = 0; i < 120; i++)
    {
      double t = i / 119.0;
      /* A little unrest, as real use has. */
      double wobble = 0.02 * ((int) ((i * 7) % 5) - 2) / 2.0;
      double available = CLAMP (0.75 + (end - 0.75) * t * t + wobble * (1 - t), 0.01, 0.99);

      gw_write_meminfo (fixture, c->total_kib, (guint64) (available * c->total_kib));
      gw_sample (fixture);
    }
  mg_test_write_file (fixture->root, "meminfo", fixture_meminfo);
  if (fixture_psi != NULL)
    mg_test_write_file (fixture->root, "pressure/memory", fixture_psi);
}

static void
assert_value (Fixture    *fixture,
              const char *id,
              const char *key,
              const char *expected)
{
  g_autofree char *value_id = g_strdup_printf ("%s_value", id);
  g_autofree char *name = g_strdup_printf ("%s: %s", key, expected);

  g_assert_cmpstr (gw_label_text (fixture, value_id), ==, expected);
  g_assert_cmpstr (gw_accessible_name (fixture, value_id), ==, name);
}

static void
assert_value_kib (Fixture    *fixture,
                  const char *id,
                  const char *key,
                  guint64     kib)
{
  g_autofree char *expected = gw_format_kib (kib);

  assert_value (fixture, id, key, expected);
}

static void
test_level (Fixture       *fixture,
            gconstpointer  data)
{
  const LevelCase *c = NULL;
  g_autofree char *used = NULL;
  g_autofree char *total = NULL;
  g_autofree char *of_total = NULL;
  g_autofree char *swap = NULL;
  g_autofree char *file = NULL;
  g_autofree char *level_text = NULL;
  g_autofree char *swap_in = NULL;
  cairo_surface_t *surface;
  MgGauge *gauge;
  GdkRGBA pixel;
  GdkRGBA expected;
  double fraction;

  for (guint i = 0; i < G_N_ELEMENTS (level_cases); i++)
    if (g_str_equal (level_cases[i].name, data))
      c = &level_cases[i];
  g_assert_nonnull (c);

  /* Six minutes of history climbing (or falling) from a quarter used to the fixture's
   * level, then two samples of the fixture itself 3 s apart, so that there are rates:
   * the second is the one the window asks for when it is shown. */
  feed_ramp (fixture, c);
  gw_sample (fixture);
  gw_advance_vmstat (fixture->root, c->swap_in_delta, c->swap_out_delta, c->faults_delta);
  fixture->now_us += 3 * G_USEC_PER_SEC;

  gw_show_window (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, c->level);
  g_assert_true (mg_monitor_get_sample (fixture->monitor)->has_rates);
  gw_fit_window (fixture);

  used = gw_format_kib (c->total_kib - c->available_kib);
  total = gw_format_kib (c->total_kib);
  of_total = g_strdup_printf ("%s of %s used", used, total);

  g_assert_cmpstr (gw_label_text (fixture, "used_percent_label"), ==, c->percent);
  g_assert_cmpstr (gw_label_text (fixture, "used_of_total_label"), ==, of_total);
  level_text = g_strdup_printf ("● %s", c->level_words);
  g_assert_cmpstr (gw_label_text (fixture, "level_label"), ==, level_text);
  g_assert_cmpstr (gw_accessible_name (fixture, "level_label"), ==, c->level_words);
  g_assert_cmpstr (gw_label_text (fixture, "reason_label"), ==,
                   mg_monitor_get_reason (fixture->monitor));
  g_assert_true (g_str_has_prefix (gw_label_text (fixture, "reason_label"),
                                   mg_level_to_nick (c->level)));

  assert_value_kib (fixture, "available", "Available", c->available_kib);
  assert_value_kib (fixture, "used", "Used", c->total_kib - c->available_kib);
  assert_value_kib (fixture, "cache", "Cache", c->cache_kib);
  if (c->swap_total_kib == 0)
    {
      assert_value (fixture, "swap", "Swap", "No swap");
    }
  else
    {
      g_autofree char *swap_used = gw_format_kib (c->swap_total_kib - c->swap_free_kib);
      g_autofree char *swap_total = gw_format_kib (c->swap_total_kib);

      swap = g_strdup_printf ("%s of %s", swap_used, swap_total);
      assert_value (fixture, "swap", "Swap", swap);
    }
  assert_value (fixture, "swappiness", "Swappiness", "60");
  assert_value (fixture, "psi10", "Stalled, last 10 s", c->psi10);
  assert_value (fixture, "psi60", "Stalled, last minute", c->psi60);
  if (c->swap_in_delta == 0)
    {
      swap_in = g_strdup ("none");
    }
  else
    {
      guint64 pages = c->swap_in_delta / 3;
      g_autofree char *bytes = g_format_size_full (pages * gw_page_kib () * 1024,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      swap_in = g_strdup_printf ("%" G_GUINT64_FORMAT " pages/s (%s/s)", pages, bytes);
    }
  assert_value (fixture, "swap_in", "Swap-in", swap_in);
  assert_value (fixture, "faults", "Major faults", c->faults);
  assert_value (fixture, "oom", "OOM kills", "0 since boot");
  g_assert_cmpstr (gw_label_text (fixture, "used_note"), ==,
                   "Total minus available, as free counts it");

  /* The gauge: fraction, color, and what a screen reader hears. */
  gauge = MG_GAUGE (gw_find_widget (fixture, "gauge"));
  fraction = (double) (c->total_kib - c->available_kib) / (double) c->total_kib;
  g_assert_cmpfloat_with_epsilon (mg_gauge_get_fraction (gauge), fraction, 1e-9);
  g_assert_cmpint (mg_gauge_get_level (gauge), ==, c->level);
  g_assert_cmpstr (gw_accessible_name (fixture, "gauge"), ==, "Memory used");
  g_assert_cmpint (atk_object_get_role (gtk_widget_get_accessible (GTK_WIDGET (gauge))), ==,
                   ATK_ROLE_LEVEL_BAR);
  g_assert_true (g_str_has_prefix (atk_object_get_description (
                                     gtk_widget_get_accessible (GTK_WIDGET (gauge))),
                                   c->percent));
  g_assert_nonnull (strstr (atk_object_get_description (
                              gtk_widget_get_accessible (GTK_WIDGET (gauge))),
                            c->level_words));
  g_assert_cmpstr (gw_accessible_name (fixture, "sparkline"), ==, "Memory use history");
  g_assert_cmpint (atk_object_get_role (gtk_widget_get_accessible (gw_find_widget (fixture,
                                                                                 "sparkline"))),
                   ==, ATK_ROLE_CHART);

  surface = gw_snapshot (fixture);
  file = g_strdup_printf ("level-%s", mg_level_to_nick (c->level));
  gw_save_artefact (surface, file);

  /* The middle of the filled part, on the bar's center line. */
  mg_level_get_color (c->level, &expected);
  gw_read_pixel (fixture, surface, GTK_WIDGET (gauge),
              gtk_widget_get_allocated_width (GTK_WIDGET (gauge)) * fraction / 2.0,
              gtk_widget_get_allocated_height (GTK_WIDGET (gauge)) / 2.0, &pixel);
  mg_test_ui_assert_color (&pixel, &expected, "gauge fill");
  /* Beyond the fill, the trough is not the level's color. */
  gw_read_pixel (fixture, surface, GTK_WIDGET (gauge),
              gtk_widget_get_allocated_width (GTK_WIDGET (gauge)) * (fraction + 1.0) / 2.0 + 3,
              gtk_widget_get_allocated_height (GTK_WIDGET (gauge)) / 2.0, &pixel);
  g_assert_false (gdk_rgba_equal (&pixel, &expected));

  cairo_surface_destroy (surface);
}

static void
test_consumers (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *measure;
  } expected[] = {
    { "firefox", "PSS" },
    { "postgres", "RSS" },
    { "code", "PSS" },
    { "gnome-shell", "PSS" },
    { "Isolated Web Co", "PSS" },
  };
  g_autofree char *command = NULL;
  guint64 postgres_kib = 300000 * gw_page_kib ();
  guint64 sizes[] = { 2202009, postgres_kib, 911360, 634880, 552960 };

  gw_sample (fixture);
  gw_show_window (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *row = gw_consumer_widget (fixture, "row", i);
      GtkWidget *name = gw_consumer_widget (fixture, "name", i);
      GtkWidget *size = gw_consumer_widget (fixture, "size", i);
      GtkWidget *measure = gw_consumer_widget (fixture, "measure", i);
      g_autofree char *size_text = gw_format_kib (sizes[i]);
      g_autofree char *accessible = g_strdup_printf ("%s: %s, %s", expected[i].name, size_text,
                                                     g_str_equal (expected[i].measure, "PSS")
                                                     ? "proportional set size"
                                                     : "resident set size");

      g_assert_true (gtk_widget_get_visible (row));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, expected[i].name);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (size)), ==, size_text);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (measure)), ==, expected[i].measure);
      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (row)), ==, accessible);
    }
  /* Who runs it and how, in the tooltip and for screen readers; a uid without a name is
   * the number. */
  {
    GtkWidget *firefox_row = gw_consumer_widget (fixture, "row", 0);
    GtkWidget *postgres_row = gw_consumer_widget (fixture, "row", 1);
    g_autofree char *firefox = gtk_widget_get_tooltip_text (firefox_row);
    g_autofree char *postgres = gtk_widget_get_tooltip_text (postgres_row);
    g_autofree char *unknown = g_strdup_printf ("User: %u", UNKNOWN_UID);

    g_test_message ("firefox's tooltip: %s", firefox);
    g_assert_cmpstr (firefox, ==, "/usr/lib/firefox-esr/firefox-esr --new-window about:blank\n"
                                  "User: root\nProcess ID: 2301");
    g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (
                       gw_consumer_widget (fixture, "row", 0))), ==, firefox);
    g_assert_nonnull (strstr (postgres, "postgres: 15/main: checkpointer"));
    g_assert_nonnull (strstr (postgres, unknown));
  }

  /* One of them is RSS: the caption explains both. */
  g_assert_nonnull (strstr (gw_label_text (fixture, "consumers_caption"), "RSS"));

  /* At most one scan in 10 s: showing again at once scans nothing. */
  gtk_widget_hide (GTK_WIDGET (fixture->window));
  gtk_window_present (GTK_WINDOW (fixture->window));
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->window), ==, 1);

  /* A process that goes away disappears from the list at the first sample 10 s after
   * the last scan; the samples before it do not scan. */
  command = g_strdup_printf ("rm -rf '%s/2301'", fixture->root);
  g_assert_cmpint (system (command), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      gw_sample (fixture);
      mg_test_ui_iterate_pending ();
      g_assert_false (mg_process_scanner_is_scanning (fixture->scanner));
      g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->window), ==, 1);
    }
  gw_sample (fixture);
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_scans (fixture->window) == 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gw_consumer_widget (fixture, "name", 0))), ==,
                   "postgres");
}

static void
test_no_psi (Fixture       *fixture,
             gconstpointer  data)
{
  gw_sample (fixture);
  gw_show_window (fixture);

  assert_value (fixture, "psi10", "Stalled, last 10 s", "Not available on this kernel");
  assert_value (fixture, "psi60", "Stalled, last minute", "Not available on this kernel");
  /* Rates need two samples. */
  assert_value (fixture, "swap_in", "Swap-in", "Measuring…");
}

/* A sample that cannot be read: the window says so and does not pretend to know. */
static void
test_unknown (Fixture       *fixture,
              gconstpointer  data)
{
  MgGauge *gauge;
  cairo_surface_t *surface;
  GdkRGBA expected;
  GdkRGBA pixel;

  g_assert_false (mg_monitor_get_sample (fixture->monitor) != NULL);
  gw_sample (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  gw_show_window (fixture);

  g_assert_cmpstr (gw_label_text (fixture, "level_label"), ==, "● Pressure unknown");
  g_assert_cmpstr (gw_accessible_name (fixture, "level_label"), ==, "Pressure unknown");
  g_assert_cmpstr (gw_label_text (fixture, "used_of_total_label"), ==, "Memory use unknown");
  g_assert_cmpstr (gw_accessible_name (fixture, "used_percent_label"), ==, "Memory use unknown");
  g_assert_true (g_str_has_prefix (gw_label_text (fixture, "reason_label"), "unknown: "));
  assert_value (fixture, "available", "Available", "Unknown");

  gauge = MG_GAUGE (gw_find_widget (fixture, "gauge"));
  g_assert_cmpfloat (mg_gauge_get_fraction (gauge), ==, 0.0);
  g_assert_cmpint (mg_gauge_get_level (gauge), ==, MG_LEVEL_UNKNOWN);

  surface = gw_snapshot (fixture);
  gw_save_artefact (surface, "level-unknown");
  /* No fill: the trough, not a level color, at the bar's start. */
  mg_level_get_color (MG_LEVEL_LOW, &expected);
  gw_read_pixel (fixture, surface, GTK_WIDGET (gauge), 3,
              gtk_widget_get_allocated_height (GTK_WIDGET (gauge)) / 2.0, &pixel);
  g_assert_false (gdk_rgba_equal (&pixel, &expected));
  cairo_surface_destroy (surface);
}

static guint
count_draws (Fixture *fixture)
{
  return mg_gauge_get_n_draws (MG_GAUGE (gw_find_widget (fixture, "gauge"))) +
         mg_sparkline_get_n_draws (MG_SPARKLINE (gw_find_widget (fixture, "sparkline")));
}

static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  guint draws;
  guint updates;
  guint scans;

  gw_sample (fixture);
  gw_show_window (fixture);

  /* Escape closes; the window is hidden, not destroyed. */
  gw_send_key (fixture, GDK_KEY_Escape);
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  mg_test_ui_run_for (200);

  draws = count_draws (fixture);
  updates = mg_gauge_window_get_n_updates (fixture->window);
  scans = mg_gauge_window_get_n_scans (fixture->window);
  for (guint i = 0; i < 10; i++)
    {
      gw_sample (fixture);
      mg_test_ui_run_for (200);
    }
  g_test_message ("after 10 hidden samples: %u draws, %u updates, %u scans (before: %u, %u, %u)",
                  count_draws (fixture), mg_gauge_window_get_n_updates (fixture->window),
                  mg_gauge_window_get_n_scans (fixture->window), draws, updates, scans);
  g_assert_cmpuint (count_draws (fixture), ==, draws);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates);
  g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->window), ==, scans);

  /* Shown again, it catches up at once and follows the monitor again. */
  gw_show_window (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), >, updates);
  updates = mg_gauge_window_get_n_updates (fixture->window);
  gw_sample (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates + 1);

  /* The close button's way (delete-event) hides it too. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  updates = mg_gauge_window_get_n_updates (fixture->window);
  gw_sample (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates);
}

static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  int width = 0;
  int height = 0;

  gw_sample (fixture);
  /* Nothing remembered: sized to the content when shown (test_default_size). */
  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-width"), ==, 0);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-height"), ==, 0);

  gw_show_window (fixture);
  gtk_window_resize (GTK_WINDOW (fixture->window), 800, 720);
  MG_TEST_WAIT_FOR (gtk_widget_get_allocated_width (GTK_WIDGET (fixture->window)) >= 800);
  mg_test_ui_run_for (200);
  gtk_window_close (GTK_WINDOW (fixture->window));
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-height"), ==, 720);

  /* A new window starts at the remembered size. */
  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  fixture->window = mg_gauge_window_new (NULL, fixture->monitor, fixture->scanner,
                                         fixture->settings);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 720);
}

/* The screen the tests run on (tests/lib/ui-session.sh: 1024x768, or 2048x1536 at scale
 * 2), and the most the window may take of its height: a panel or a top bar takes the rest. */
#define SCREEN_HEIGHT 768
#define MAX_WINDOW_HEIGHT 700

/* Fails unless @widget is shown whole inside the scrolled window's visible page. */
static void
assert_in_view (Fixture    *fixture,
                GtkWidget  *widget,
                const char *what)
{
  GtkWidget *scrolled = gw_find_widget (fixture, "scrolled");
  int width = gtk_widget_get_allocated_width (scrolled);
  int height = gtk_widget_get_allocated_height (scrolled);
  GtkAllocation allocation;
  int x = 0;
  int y = 0;

  g_assert_true (gtk_widget_is_drawable (widget));
  gtk_widget_get_allocation (widget, &allocation);
  /* Through the viewport's window: the scroll offset is counted. */
  g_assert_true (gtk_widget_translate_coordinates (widget, scrolled, 0, 0, &x, &y));
  g_test_message ("%s: %d,%d %dx%d in a page of %dx%d", what, x, y, allocation.width,
                  allocation.height, width, height);
  if (x < 0 || y < 0 || x + allocation.width > width || y + allocation.height > height)
    g_error ("%s (%d,%d %dx%d) is not inside the visible %dx%d", what, x, y,
             allocation.width, allocation.height, width, height);
}

/* At its default size, on a 1024x768 screen, the window shows everything: every detail,
 * every consumer row, without scrolling, and it is not taller than the screen leaves. */
static void
test_default_size (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *details[] = {
    "available", "used", "cache", "swap", "swappiness", "psi10", "psi60", "swap_in",
    "swap_out", "faults", "oom",
  };
  GdkRectangle geometry;
  GdkMonitor *monitor;
  int height;

  /* The longest texts: PSI and rates of a machine that swaps. */
  gw_sample (fixture);
  gw_advance_vmstat (fixture->root, 9600, 12000, 3000);
  fixture->now_us += 3 * G_USEC_PER_SEC;
  gw_show_window (fixture);
  g_assert_true (mg_monitor_get_sample (fixture->monitor)->has_rates);
  MG_TEST_WAIT_FOR (gtk_widget_get_visible (gw_consumer_widget (fixture, "row", 4)));
  mg_test_ui_save_png (GTK_WIDGET (fixture->window), "gauge-window-default-size");

  monitor = gdk_display_get_monitor_at_window (gtk_widget_get_display (GTK_WIDGET (fixture->window)),
                                               gtk_widget_get_window (GTK_WIDGET (fixture->window)));
  gdk_monitor_get_geometry (monitor, &geometry);
  g_test_message ("screen %dx%d (logical), scale %d", geometry.width, geometry.height,
                  gdk_monitor_get_scale_factor (monitor));
  g_assert_cmpint (geometry.height, ==, SCREEN_HEIGHT);

  height = gtk_widget_get_allocated_height (GTK_WIDGET (fixture->window));
  g_test_message ("window %dx%d", gw_window_width (fixture), height);
  g_assert_cmpint (height, <=, MAX_WINDOW_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s_key", details[i]);
      g_autofree char *value = g_strdup_printf ("%s_value", details[i]);

      assert_in_view (fixture, gw_find_widget (fixture, key), key);
      assert_in_view (fixture, gw_find_widget (fixture, value), value);
    }
  assert_in_view (fixture, gw_find_widget (fixture, "used_note"), "used_note");
  assert_in_view (fixture, gw_find_widget (fixture, "swappiness_button"), "swappiness_button");
  assert_in_view (fixture, gw_find_widget (fixture, "consumers_heading"), "consumers_heading");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *what = g_strdup_printf ("consumer row %u", i);

      assert_in_view (fixture, gw_consumer_widget (fixture, "row", i), what);
    }
  assert_in_view (fixture, gw_find_widget (fixture, "consumers_caption"), "consumers_caption");
}

static void
on_swappiness (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  guint *activations = user_data;

  (*activations)++;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  /* Top to bottom, left to right, as a person reads the window. */
  const char *expected[] = {
    "gauge", "range_10m_button", "range_1h_button", "sparkline", "swappiness_button",
    "switch:Processes", "switch:Apps and Containers", "consumer_row_0", "consumer_row_1", "consumer_row_2", "consumer_row_3", "consumer_row_4",
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("swappiness", NULL);
  GtkWidget *button;
  guint activations = 0;

  /* Stands in for the application's actions. */
  g_signal_connect (action, "activate", G_CALLBACK (on_swappiness), &activations);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app", G_ACTION_GROUP (group));

  gw_sample (fixture);
  gw_show_window (fixture);

  /* From the start: the first Tab goes to the top, nothing is skipped, and it wraps. */
  g_assert_null (gtk_window_get_focus (GTK_WINDOW (fixture->window)));
  for (guint i = 0; i <= G_N_ELEMENTS (expected); i++)
    {
      const char *want = expected[i % G_N_ELEMENTS (expected)];
      GtkWidget *focus;

      gw_send_key (fixture, GDK_KEY_Tab);
      focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s (%s)", i + 1, gtk_buildable_get_name (GTK_BUILDABLE (focus)),
                      G_OBJECT_TYPE_NAME (focus));
      /* The switcher's buttons have no id: they are known by their labels. */
      if (g_str_has_prefix (want, "switch:"))
        {
          g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
          g_assert_true (gtk_widget_is_ancestor (focus, gw_find_widget (fixture,
                                                                        "consumers_switcher")));
          g_assert_true (GTK_IS_LABEL (gtk_bin_get_child (GTK_BIN (focus))));
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_bin_get_child (GTK_BIN (focus)))),
                           ==, want + strlen ("switch:"));
          continue;
        }
      g_assert_cmpstr (gtk_buildable_get_name (GTK_BUILDABLE (focus)), ==, want);
    }

  /* "Change…" opens the swappiness dialog through app.swappiness. */
  button = gw_find_widget (fixture, "swappiness_button");
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  gw_send_key (fixture, GDK_KEY_space);
  MG_TEST_WAIT_FOR (activations == 1);
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (level_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gauge-window/level/%s",
                                               mg_level_to_nick (level_cases[i].level));

      g_test_add (path, Fixture, level_cases[i].name,
                  gw_fixture_set_up, test_level, gw_fixture_tear_down);
    }
  g_test_add ("/gauge-window/level/unknown", Fixture, "broken-empty",
              gw_fixture_set_up, test_unknown, gw_fixture_tear_down);
  g_test_add ("/gauge-window/no-psi", Fixture, "linux-6.18-no-psi",
              gw_fixture_set_up, test_no_psi, gw_fixture_tear_down);
  g_test_add ("/gauge-window/consumers", Fixture, NULL,
              gw_fixture_set_up, test_consumers, gw_fixture_tear_down);
  g_test_add ("/gauge-window/hidden", Fixture, NULL,
              gw_fixture_set_up, test_hidden, gw_fixture_tear_down);
  g_test_add ("/gauge-window/default-size", Fixture, "linux-6.18-critical-swapping",
              gw_fixture_set_up, test_default_size, gw_fixture_tear_down);
  g_test_add ("/gauge-window/size", Fixture, NULL,
              gw_fixture_set_up, test_size, gw_fixture_tear_down);
  g_test_add ("/gauge-window/keyboard", Fixture, NULL,
              gw_fixture_set_up, test_keyboard, gw_fixture_tear_down);

  return g_test_run ();
}
