/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of MgGaugeWindow on fixture proc roots: texts, accessibility, pixels, PNGs. */

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <unistd.h>

#include "mg-gauge-window.h"
#include "mg-gauge.h"
#include "mg-sparkline.h"
#include "mg-style.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

#define SCHEMA_ID "io.github.memgauge.MemGauge"
/* The system's data folders, from before G_TEST_OPTION_ISOLATE_DIRS emptied them. */
static char *system_data_dirs;

typedef struct {
  char          *root;
  MgMonitor        *monitor;
  MgProcessScanner *scanner;
  GSettings        *settings;
  MgGaugeWindow *window;
  gint64         now_us;
} Fixture;

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

static const char *fixture_files[] = {
  "meminfo", "vmstat", "pressure/memory", "sys/vm/swappiness",
};

static char *
format_kib (guint64 kib)
{
  return g_format_size_full (kib * 1024, G_FORMAT_SIZE_IEC_UNITS);
}

static void
copy_fixture (const char *root,
              const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", name,
                                                       fixture_files[i], NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (source, &contents, NULL, NULL))
        mg_test_write_file (root, fixture_files[i], contents);
    }
}

/* Adds @deltas to the vmstat counters the monitor follows, as if time had passed. */
static void
advance_vmstat (const char *root,
                guint64     swap_in,
                guint64     swap_out,
                guint64     faults)
{
  g_autofree char *path = g_build_filename (root, "vmstat", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);
      guint64 delta = 0;

      if (lines[i][0] == '\0')
        continue;
      if (g_str_equal (fields[0], "pswpin"))
        delta = swap_in;
      else if (g_str_equal (fields[0], "pswpout"))
        delta = swap_out;
      else if (g_str_equal (fields[0], "pgmajfault"))
        delta = faults;

      if (delta > 0)
        g_string_append_printf (out, "%s %" G_GUINT64_FORMAT "\n", fields[0],
                                g_ascii_strtoull (fields[1], NULL, 10) + delta);
      else
        g_string_append_printf (out, "%s\n", lines[i]);
    }

  mg_test_write_file (root, "vmstat", out->str);
}

/* A process directory as the kernel shows it; @pss_kib 0 means smaps_rollup is not
 * readable (a directory: root reads any file whatever its mode). */
static void
add_process (const char *root,
             guint       pid,
             const char *comm,
             guint64     pss_kib,
             guint64     rss_pages)
{
  g_autofree char *dir = g_strdup_printf ("%u", pid);
  g_autofree char *smaps_path = g_build_filename (dir, "smaps_rollup", NULL);
  g_autofree char *statm_path = g_build_filename (dir, "statm", NULL);
  g_autofree char *comm_path = g_build_filename (dir, "comm", NULL);
  g_autofree char *comm_text = g_strdup_printf ("%s\n", comm);
  g_autofree char *statm = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                            " 900 100 0 3000 0\n", rss_pages * 2, rss_pages);

  mg_test_write_file (root, statm_path, statm);
  mg_test_write_file (root, comm_path, comm_text);
  if (pss_kib > 0)
    {
      g_autofree char *smaps = g_strdup_printf ("0-0 ---p 00000000 00:00 0 [rollup]\n"
                                                "Rss: %" G_GUINT64_FORMAT " kB\n"
                                                "Pss: %" G_GUINT64_FORMAT " kB\n",
                                                pss_kib + 1000, pss_kib);

      mg_test_write_file (root, smaps_path, smaps);
    }
  else
    {
      g_autofree char *path = g_build_filename (root, smaps_path, NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
    }
}

static guint64
page_kib (void)
{
  return (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static const struct {
  guint       pid;
  const char *name;
  guint64     pss_kib;
  guint64     rss_pages;
} processes[] = {
  { 1, "systemd", 11800, 3200 },
  { 612, "pipewire", 14500, 4000 },
  { 977, "postgres", 0, 300000 },
  { 1820, "gnome-shell", 634880, 190000 },
  { 2301, "firefox", 2202009, 700000 },
  { 3002, "Isolated Web Co", 552960, 160000 },
  { 4410, "code", 911360, 260000 },
  { 5123, "evolution", 215040, 60000 },
};

static void
sample (Fixture *fixture);

static void
write_meminfo (Fixture *fixture,
               guint64  total,
               guint64  available)
{
  g_autofree char *meminfo = g_strdup_printf ("MemTotal:       %" G_GUINT64_FORMAT " kB\n"
                                              "MemFree:        %" G_GUINT64_FORMAT " kB\n"
                                              "MemAvailable:   %" G_GUINT64_FORMAT " kB\n"
                                              "Buffers:           1024 kB\n"
                                              "Cached:          204800 kB\n"
                                              "SwapTotal:      2097152 kB\n"
                                              "SwapFree:       2097152 kB\n",
                                              total, available / 2, available);

  mg_test_write_file (fixture->root, "meminfo", meminfo);
}

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

      write_meminfo (fixture, c->total_kib, (guint64) (available * c->total_kib));
      sample (fixture);
    }
  mg_test_write_file (fixture->root, "meminfo", fixture_meminfo);
  if (fixture_psi != NULL)
    mg_test_write_file (fixture->root, "pressure/memory", fixture_psi);
}

static gint64
fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *name = data;

  /* Isolation is for what the test writes; GTK still needs the icon theme and the MIME
   * database (for its own symbolic icons) from the system's data folders. */
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  fixture->root = g_dir_make_tmp ("memgauge-ui-proc-XXXXXX", &error);
  g_assert_no_error (error);
  copy_fixture (fixture->root, name != NULL ? name : "linux-6.18-idle");
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    add_process (fixture->root, processes[i].pid, processes[i].name, processes[i].pss_kib,
                 processes[i].rss_pages);

  fixture->monitor = mg_test_monitor_new (fixture->root);
  fixture->now_us = (gint64) 5000 * G_USEC_PER_SEC;
  mg_monitor_set_time_func (fixture->monitor, fake_time, fixture);
  /* The scanner's rate limit (one scan in 10 s) runs on the same fake clock. */
  fixture->scanner = mg_process_scanner_new (fixture->root);
  mg_process_scanner_set_time_func (fixture->scanner, fake_time, fixture);

  /* The memory backend is shared by the whole process: start every test from defaults. */
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "history-range");
  g_settings_reset (fixture->settings, "gauge-width");
  g_settings_reset (fixture->settings, "gauge-height");

  fixture->window = mg_gauge_window_new (NULL, fixture->monitor, fixture->scanner,
                                         fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->root);

  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  /* A scan under way holds the scanner until its result is delivered. */
  while (mg_process_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->scanner);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->monitor);
  /* The tree is ours and small: remove it with the shell rather than a walker. */
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->root);
}

/* A template child by its id in mg-gauge-window.ui. */
static GtkWidget *
find_widget (Fixture    *fixture,
             const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (fixture->window), name);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find_widget (fixture, name)));
}

static const char *
accessible_name (Fixture    *fixture,
                 const char *name)
{
  return atk_object_get_name (gtk_widget_get_accessible (find_widget (fixture, name)));
}

static void
sample (Fixture *fixture)
{
  fixture->now_us += 3 * G_USEC_PER_SEC;
  mg_monitor_sample_now (fixture->monitor);
}

static void
show_window (Fixture *fixture)
{
  guint scans = mg_gauge_window_get_n_scans (fixture->window);
  MgGauge *gauge = MG_GAUGE (find_widget (fixture, "gauge"));
  guint draws = mg_gauge_get_n_draws (gauge);
  guint64 samples = mg_monitor_get_n_samples (fixture->monitor);

  gtk_window_present (GTK_WINDOW (fixture->window));
  mg_test_ui_focus (GTK_WIDGET (fixture->window));
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_scans (fixture->window) > scans);
  MG_TEST_WAIT_FOR (mg_gauge_get_n_draws (gauge) > draws);
  /* Shown, it asks the monitor for a fresh sample (mg_monitor_request_sample()). */
  MG_TEST_WAIT_FOR (mg_monitor_get_n_samples (fixture->monitor) > samples);
}

static int
window_width (Fixture *fixture)
{
  int width = 0;

  gtk_window_get_size (GTK_WINDOW (fixture->window), &width, NULL);
  return width;
}

/* Lets the window grow to show all of its content, so that a picture shows everything. */
static void
fit_window (Fixture *fixture,
            int      width)
{
  GtkWidget *scrolled = find_widget (fixture, "scrolled");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  int height;

  gtk_window_get_size (GTK_WINDOW (fixture->window), NULL, &height);
  gtk_window_resize (GTK_WINDOW (fixture->window), width, height);
  MG_TEST_WAIT_FOR (window_width (fixture) == width);

  /* Whatever the scrolled window cannot show, the window adds to its height; wrapped
   * labels may take another round to settle. */
  for (guint round = 0; round < 5; round++)
    {
      int missing;
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      mg_test_ui_iterate_pending ();
      missing = (int) (gtk_adjustment_get_upper (adjustment) -
                       gtk_adjustment_get_page_size (adjustment));
      if (missing <= 0)
        return;

      gtk_window_get_size (GTK_WINDOW (fixture->window), NULL, &height);
      gtk_window_resize (GTK_WINDOW (fixture->window), width, height + missing);
      while (gtk_adjustment_get_page_size (adjustment) < gtk_adjustment_get_upper (adjustment) &&
             g_get_monotonic_time () < until)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
    }

  g_test_message ("The window does not fit its content: the picture is cut off");
}

static cairo_surface_t *
snapshot (Fixture *fixture)
{
  return mg_test_ui_snapshot (GTK_WIDGET (fixture->window));
}

static void
save_artefact (cairo_surface_t *surface,
               const char      *name)
{
  g_autofree char *stem = g_strdup_printf ("gauge-window-%s", name);

  mg_test_ui_save_surface (surface, stem);
}

static void
read_pixel (Fixture         *fixture,
            cairo_surface_t *surface,
            GtkWidget       *widget,
            double           x,
            double           y,
            GdkRGBA         *out)
{
  mg_test_ui_read_pixel (surface, GTK_WIDGET (fixture->window), widget, x, y, out);
}

static void
assert_value (Fixture    *fixture,
              const char *id,
              const char *key,
              const char *expected)
{
  g_autofree char *value_id = g_strdup_printf ("%s_value", id);
  g_autofree char *name = g_strdup_printf ("%s: %s", key, expected);

  g_assert_cmpstr (label_text (fixture, value_id), ==, expected);
  g_assert_cmpstr (accessible_name (fixture, value_id), ==, name);
}

static void
assert_value_kib (Fixture    *fixture,
                  const char *id,
                  const char *key,
                  guint64     kib)
{
  g_autofree char *expected = format_kib (kib);

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
  sample (fixture);
  advance_vmstat (fixture->root, c->swap_in_delta, c->swap_out_delta, c->faults_delta);
  fixture->now_us += 3 * G_USEC_PER_SEC;

  show_window (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, c->level);
  g_assert_true (mg_monitor_get_sample (fixture->monitor)->has_rates);
  fit_window (fixture, 420);

  used = format_kib (c->total_kib - c->available_kib);
  total = format_kib (c->total_kib);
  of_total = g_strdup_printf ("%s of %s used", used, total);

  g_assert_cmpstr (label_text (fixture, "used_percent_label"), ==, c->percent);
  g_assert_cmpstr (label_text (fixture, "used_of_total_label"), ==, of_total);
  level_text = g_strdup_printf ("● %s", c->level_words);
  g_assert_cmpstr (label_text (fixture, "level_label"), ==, level_text);
  g_assert_cmpstr (accessible_name (fixture, "level_label"), ==, c->level_words);
  g_assert_cmpstr (label_text (fixture, "reason_label"), ==,
                   mg_monitor_get_reason (fixture->monitor));
  g_assert_true (g_str_has_prefix (label_text (fixture, "reason_label"),
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
      g_autofree char *swap_used = format_kib (c->swap_total_kib - c->swap_free_kib);
      g_autofree char *swap_total = format_kib (c->swap_total_kib);

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
      g_autofree char *bytes = g_format_size_full (pages * page_kib () * 1024,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      swap_in = g_strdup_printf ("%" G_GUINT64_FORMAT " pages/s (%s/s)", pages, bytes);
    }
  assert_value (fixture, "swap_in", "Swap-in", swap_in);
  assert_value (fixture, "faults", "Major faults", c->faults);
  assert_value (fixture, "oom", "OOM kills", "0 since boot");
  g_assert_cmpstr (label_text (fixture, "used_note"), ==,
                   "Total minus available, as free counts it");

  /* The gauge: fraction, color, and what a screen reader hears. */
  gauge = MG_GAUGE (find_widget (fixture, "gauge"));
  fraction = (double) (c->total_kib - c->available_kib) / (double) c->total_kib;
  g_assert_cmpfloat_with_epsilon (mg_gauge_get_fraction (gauge), fraction, 1e-9);
  g_assert_cmpint (mg_gauge_get_level (gauge), ==, c->level);
  g_assert_cmpstr (accessible_name (fixture, "gauge"), ==, "Memory used");
  g_assert_cmpint (atk_object_get_role (gtk_widget_get_accessible (GTK_WIDGET (gauge))), ==,
                   ATK_ROLE_LEVEL_BAR);
  g_assert_true (g_str_has_prefix (atk_object_get_description (
                                     gtk_widget_get_accessible (GTK_WIDGET (gauge))),
                                   c->percent));
  g_assert_nonnull (strstr (atk_object_get_description (
                              gtk_widget_get_accessible (GTK_WIDGET (gauge))),
                            c->level_words));
  g_assert_cmpstr (accessible_name (fixture, "sparkline"), ==, "Memory use history");
  g_assert_cmpint (atk_object_get_role (gtk_widget_get_accessible (find_widget (fixture,
                                                                                 "sparkline"))),
                   ==, ATK_ROLE_CHART);

  surface = snapshot (fixture);
  file = g_strdup_printf ("level-%s", mg_level_to_nick (c->level));
  save_artefact (surface, file);

  /* The middle of the filled part, on the bar's center line. */
  mg_level_get_color (c->level, &expected);
  read_pixel (fixture, surface, GTK_WIDGET (gauge),
              gtk_widget_get_allocated_width (GTK_WIDGET (gauge)) * fraction / 2.0,
              gtk_widget_get_allocated_height (GTK_WIDGET (gauge)) / 2.0, &pixel);
  mg_test_ui_assert_color (&pixel, &expected, "gauge fill");
  /* Beyond the fill, the trough is not the level's color. */
  read_pixel (fixture, surface, GTK_WIDGET (gauge),
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
  GtkGrid *grid;
  guint64 postgres_kib = 300000 * page_kib ();
  guint64 sizes[] = { 2202009, postgres_kib, 911360, 634880, 552960 };

  sample (fixture);
  show_window (fixture);

  grid = GTK_GRID (find_widget (fixture, "consumers_grid"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *name = gtk_grid_get_child_at (grid, 0, (int) i);
      GtkWidget *size = gtk_grid_get_child_at (grid, 1, (int) i);
      GtkWidget *measure = gtk_grid_get_child_at (grid, 2, (int) i);
      g_autofree char *size_text = format_kib (sizes[i]);
      g_autofree char *accessible = g_strdup_printf ("%s: %s, %s", expected[i].name, size_text,
                                                     g_str_equal (expected[i].measure, "PSS")
                                                     ? "proportional set size"
                                                     : "resident set size");

      g_assert_true (gtk_widget_get_visible (name));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name)), ==, expected[i].name);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (size)), ==, size_text);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (measure)), ==, expected[i].measure);
      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (size)), ==, accessible);
    }
  /* One of them is RSS: the caption explains both. */
  g_assert_nonnull (strstr (label_text (fixture, "consumers_caption"), "RSS"));

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
      sample (fixture);
      mg_test_ui_iterate_pending ();
      g_assert_false (mg_process_scanner_is_scanning (fixture->scanner));
      g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->window), ==, 1);
    }
  sample (fixture);
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_scans (fixture->window) == 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, 0))), ==,
                   "postgres");
}

static void
test_no_psi (Fixture       *fixture,
             gconstpointer  data)
{
  sample (fixture);
  show_window (fixture);

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
  sample (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  show_window (fixture);

  g_assert_cmpstr (label_text (fixture, "level_label"), ==, "● Pressure unknown");
  g_assert_cmpstr (accessible_name (fixture, "level_label"), ==, "Pressure unknown");
  g_assert_cmpstr (label_text (fixture, "used_of_total_label"), ==, "Memory use unknown");
  g_assert_cmpstr (accessible_name (fixture, "used_percent_label"), ==, "Memory use unknown");
  g_assert_true (g_str_has_prefix (label_text (fixture, "reason_label"), "unknown: "));
  assert_value (fixture, "available", "Available", "Unknown");

  gauge = MG_GAUGE (find_widget (fixture, "gauge"));
  g_assert_cmpfloat (mg_gauge_get_fraction (gauge), ==, 0.0);
  g_assert_cmpint (mg_gauge_get_level (gauge), ==, MG_LEVEL_UNKNOWN);

  surface = snapshot (fixture);
  save_artefact (surface, "level-unknown");
  /* No fill: the trough, not a level color, at the bar's start. */
  mg_level_get_color (MG_LEVEL_LOW, &expected);
  read_pixel (fixture, surface, GTK_WIDGET (gauge), 3,
              gtk_widget_get_allocated_height (GTK_WIDGET (gauge)) / 2.0, &pixel);
  g_assert_false (gdk_rgba_equal (&pixel, &expected));
  cairo_surface_destroy (surface);
}

static const guint history_available_percent[] = { 50, 30, 15, 5 };
#define HISTORY_TOTAL_KIB (16 * 1024 * 1024)

/* 200 samples 3 s apart: 50 in each of low, medium, high and critical; the first @first
 * of them already taken. */
static void
feed_history (Fixture *fixture,
              guint    first)
{
  for (guint i = first; i < 200; i++)
    {
      write_meminfo (fixture, HISTORY_TOTAL_KIB,
                     HISTORY_TOTAL_KIB * history_available_percent[i / 50] / 100);
      sample (fixture);
    }
}

static void
assert_sparkline_extent (MgSparkline *sparkline,
                         guint        range_s)
{
  double width = gtk_widget_get_allocated_width (GTK_WIDGET (sparkline));
  double first = -1;
  double last = -1;
  /* The oldest of the 200 samples is 199 × 3 s before the newest, at the right edge. */
  double expected_first = width * (1.0 - 597.0 / range_s);

  g_assert_true (mg_sparkline_get_extent (sparkline, &first, &last));
  g_test_message ("range %u s: drawn from %.1f to %.1f of %.0f, expected from %.1f",
                  range_s, first, last, width, expected_first);
  g_assert_cmpfloat_with_epsilon (first, expected_first, 1.5);
  g_assert_cmpfloat (last, ==, width);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *range = NULL;
  MgSparkline *sparkline;
  cairo_surface_t *surface;
  const char *description;
  GdkRGBA background;
  double width;
  double height;
  guint draws;

  /* The first of the 200 is the sample the window asks for when it is shown. */
  write_meminfo (fixture, HISTORY_TOTAL_KIB,
                 HISTORY_TOTAL_KIB * history_available_percent[0] / 100);
  show_window (fixture);
  sparkline = MG_SPARKLINE (find_widget (fixture, "sparkline"));
  feed_history (fixture, 1);
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_updates (fixture->window) >= 200);
  draws = mg_sparkline_get_n_draws (sparkline);
  MG_TEST_WAIT_FOR (mg_sparkline_get_n_draws (sparkline) > draws);

  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 600);
  assert_sparkline_extent (sparkline, 600);
  g_assert_cmpstr (label_text (fixture, "history_start_label"), ==, "10 minutes ago");
  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "95 %, now 95 % (Critical pressure)");

  fit_window (fixture, 420);
  surface = snapshot (fixture);
  save_artefact (surface, "history-10m");

  /* Each quarter in its level's color: the area under the line, blended over the
   * graph's background, which shows above the line in the low quarter. */
  width = gtk_widget_get_allocated_width (GTK_WIDGET (sparkline));
  height = gtk_widget_get_allocated_height (GTK_WIDGET (sparkline));
  read_pixel (fixture, surface, GTK_WIDGET (sparkline), width * 0.1, 3, &background);
  for (guint phase = 0; phase < 4; phase++)
    {
      /* The middle sample of the phase, 25 samples in. */
      guint age = 199 - (phase * 50 + 25);
      double x = width * (1.0 - age * 3.0 / 600.0);
      g_autofree char *what = g_strdup_printf ("history, %s quarter",
                                               mg_level_to_nick (MG_LEVEL_LOW + phase));
      GdkRGBA color;
      GdkRGBA expected;
      GdkRGBA pixel;

      mg_level_get_color (MG_LEVEL_LOW + phase, &color);
      expected.red = background.red * (1 - MG_SPARKLINE_FILL_ALPHA) +
                     color.red * MG_SPARKLINE_FILL_ALPHA;
      expected.green = background.green * (1 - MG_SPARKLINE_FILL_ALPHA) +
                       color.green * MG_SPARKLINE_FILL_ALPHA;
      expected.blue = background.blue * (1 - MG_SPARKLINE_FILL_ALPHA) +
                      color.blue * MG_SPARKLINE_FILL_ALPHA;
      expected.alpha = 1.0;
      read_pixel (fixture, surface, GTK_WIDGET (sparkline), x, height - 4, &pixel);
      mg_test_ui_assert_color (&pixel, &expected, what);
    }
  cairo_surface_destroy (surface);

  /* Switching the range redraws with the history in the last sixth of the width. */
  draws = mg_sparkline_get_n_draws (sparkline);
  g_settings_set_string (fixture->settings, "history-range", "1h");
  MG_TEST_WAIT_FOR (mg_sparkline_get_n_draws (sparkline) > draws);
  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 3600);
  assert_sparkline_extent (sparkline, 3600);
  g_assert_cmpstr (label_text (fixture, "history_start_label"), ==, "1 hour ago");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_widget (fixture,
                                                                               "range_1h_button"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_widget (fixture,
                                                                                "range_10m_button"))));
  surface = snapshot (fixture);
  save_artefact (surface, "history-1h");
  cairo_surface_destroy (surface);

  /* And the buttons switch the setting back. */
  gtk_button_clicked (GTK_BUTTON (find_widget (fixture, "range_10m_button")));
  range = g_settings_get_string (fixture->settings, "history-range");
  g_assert_cmpstr (range, ==, "10m");
  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 600);
}

static void
send_key (Fixture *fixture,
          guint    keyval)
{
  mg_test_ui_send_key (GTK_WIDGET (fixture->window), keyval, 0);
}

static guint
count_draws (Fixture *fixture)
{
  return mg_gauge_get_n_draws (MG_GAUGE (find_widget (fixture, "gauge"))) +
         mg_sparkline_get_n_draws (MG_SPARKLINE (find_widget (fixture, "sparkline")));
}

/* A sample that fails after good ones: the history says it does not know the present,
 * instead of "now 0 %", and the failed sample is no fake zero in the graph. */
static void
test_history_failed_sample (Fixture       *fixture,
                            gconstpointer  data)
{
  MgSparkline *sparkline;
  const char *description;
  double first = -1;
  double last = -1;

  write_meminfo (fixture, HISTORY_TOTAL_KIB, HISTORY_TOTAL_KIB / 2);
  show_window (fixture);
  sparkline = MG_SPARKLINE (find_widget (fixture, "sparkline"));
  for (guint i = 0; i < 10; i++)
    sample (fixture);

  mg_test_write_file (fixture->root, "meminfo", "");
  sample (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_false (mg_history_get (mg_monitor_get_history (fixture->monitor), 0)->valid);

  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_test_message ("after a failed sample: %s", description);
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "50 %, now unknown");
  g_assert_true (mg_sparkline_get_extent (sparkline, &first, &last));
  g_assert_cmpfloat (last, ==, gtk_widget_get_allocated_width (GTK_WIDGET (sparkline)));

  /* Readable again: the present is known again. */
  write_meminfo (fixture, HISTORY_TOTAL_KIB, HISTORY_TOTAL_KIB / 4);
  sample (fixture);
  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "75 %, now 75 % (Medium pressure)");
}

static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  guint draws;
  guint updates;
  guint scans;

  sample (fixture);
  show_window (fixture);

  /* Escape closes; the window is hidden, not destroyed. */
  send_key (fixture, GDK_KEY_Escape);
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  mg_test_ui_run_for (200);

  draws = count_draws (fixture);
  updates = mg_gauge_window_get_n_updates (fixture->window);
  scans = mg_gauge_window_get_n_scans (fixture->window);
  for (guint i = 0; i < 10; i++)
    {
      sample (fixture);
      mg_test_ui_run_for (200);
    }
  g_test_message ("after 10 hidden samples: %u draws, %u updates, %u scans (before: %u, %u, %u)",
                  count_draws (fixture), mg_gauge_window_get_n_updates (fixture->window),
                  mg_gauge_window_get_n_scans (fixture->window), draws, updates, scans);
  g_assert_cmpuint (count_draws (fixture), ==, draws);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates);
  g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->window), ==, scans);

  /* Shown again, it catches up at once and follows the monitor again. */
  show_window (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), >, updates);
  updates = mg_gauge_window_get_n_updates (fixture->window);
  sample (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates + 1);

  /* The close button's way (delete-event) hides it too. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  updates = mg_gauge_window_get_n_updates (fixture->window);
  sample (fixture);
  g_assert_cmpuint (mg_gauge_window_get_n_updates (fixture->window), ==, updates);
}

static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  int width = 0;
  int height = 0;

  sample (fixture);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 420);
  g_assert_cmpint (height, ==, 560);

  show_window (fixture);
  gtk_window_resize (GTK_WINDOW (fixture->window), 500, 640);
  MG_TEST_WAIT_FOR (gtk_widget_get_allocated_width (GTK_WIDGET (fixture->window)) >= 500);
  mg_test_ui_run_for (200);
  gtk_window_close (GTK_WINDOW (fixture->window));
  MG_TEST_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-width"), ==, 500);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "gauge-height"), ==, 640);

  /* A new window starts at the remembered size. */
  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  fixture->window = mg_gauge_window_new (NULL, fixture->monitor, fixture->scanner,
                                         fixture->settings);
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 500);
  g_assert_cmpint (height, ==, 640);
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
  const char *expected[] = {
    "gauge", "range_10m_button", "range_1h_button", "sparkline", "swappiness_button",
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("swappiness", NULL);
  GtkWidget *button;
  guint activations = 0;

  /* Stands in for the application's actions. */
  g_signal_connect (action, "activate", G_CALLBACK (on_swappiness), &activations);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app", G_ACTION_GROUP (group));

  sample (fixture);
  show_window (fixture);

  /* Tab goes through everything that does something, in reading order, and wraps. */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  for (guint i = 0; i <= G_N_ELEMENTS (expected); i++)
    {
      const char *want = expected[i % G_N_ELEMENTS (expected)];
      GtkWidget *focus;

      send_key (fixture, GDK_KEY_Tab);
      focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s (%s)", i + 1, gtk_buildable_get_name (GTK_BUILDABLE (focus)),
                      G_OBJECT_TYPE_NAME (focus));
      g_assert_cmpstr (gtk_buildable_get_name (GTK_BUILDABLE (focus)), ==, want);
    }

  /* "Change…" opens the swappiness dialog through app.swappiness. */
  button = find_widget (fixture, "swappiness_button");
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  send_key (fixture, GDK_KEY_space);
  MG_TEST_WAIT_FOR (activations == 1);
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  if (system_data_dirs == NULL)
    system_data_dirs = g_strdup ("/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init (&argc, &argv);
  /* The application's stylesheet, as MgApplication adds it at startup. */
  mg_ui_style_ensure ();

  for (guint i = 0; i < G_N_ELEMENTS (level_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gauge-window/level/%s",
                                               mg_level_to_nick (level_cases[i].level));

      g_test_add (path, Fixture, level_cases[i].name,
                  fixture_set_up, test_level, fixture_tear_down);
    }
  g_test_add ("/gauge-window/level/unknown", Fixture, "broken-empty",
              fixture_set_up, test_unknown, fixture_tear_down);
  g_test_add ("/gauge-window/no-psi", Fixture, "linux-6.18-no-psi",
              fixture_set_up, test_no_psi, fixture_tear_down);
  g_test_add ("/gauge-window/consumers", Fixture, NULL,
              fixture_set_up, test_consumers, fixture_tear_down);
  g_test_add ("/gauge-window/history", Fixture, NULL,
              fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/gauge-window/history/failed-sample", Fixture, NULL,
              fixture_set_up, test_history_failed_sample, fixture_tear_down);
  g_test_add ("/gauge-window/hidden", Fixture, NULL,
              fixture_set_up, test_hidden, fixture_tear_down);
  g_test_add ("/gauge-window/size", Fixture, NULL,
              fixture_set_up, test_size, fixture_tear_down);
  g_test_add ("/gauge-window/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);

  return g_test_run ();
}
