/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gauge window tests' fixture: a copy of a fixture proc root with fake processes, a
 * monitor and a scanner on a fake clock, the window, and what the tests read it with. */

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gauge-window-fixture.h"
#include "mg-gauge.h"
#include "mg-style.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

#define SCHEMA_ID "io.github.memgauge.MemGauge"
/* The system's data folders, from before G_TEST_OPTION_ISOLATE_DIRS emptied them. */
static char *system_data_dirs;

static const char *fixture_files[] = {
  "meminfo", "vmstat", "pressure/memory", "sys/vm/swappiness",
};


static const struct {
  guint       pid;
  const char *name;
  guint64     pss_kib;
  guint64     rss_pages;
  const char *cmdline;
  guint32     uid;
} processes[] = {
  { 1, "systemd", 11800, 3200, "/sbin/init", 0 },
  { 612, "pipewire", 14500, 4000, "/usr/bin/pipewire", 0 },
  { 977, "postgres", 0, 300000, "postgres: 15/main: checkpointer ", UNKNOWN_UID },
  { 1820, "gnome-shell", 634880, 190000, "/usr/bin/gnome-shell", 0 },
  { 2301, "firefox", 2202009, 700000, "/usr/lib/firefox-esr/firefox-esr|--new-window|about:blank",
    0 },
  { 3002, "Isolated Web Co", 552960, 160000,
    "/usr/lib/firefox-esr/firefox-esr|-contentproc|-childID|3|-isForBrowser|tab", 0 },
  { 4410, "code", 911360, 260000, "/usr/share/code/code|--unity-launch", 0 },
  { 5123, "evolution", 215040, 60000, "evolution", 0 },
};

char *
gw_format_kib (guint64 kib)
{
  return g_format_size_full (kib * 1024, G_FORMAT_SIZE_IEC_UNITS);
}

static void
gw_copy_fixture (const char *root,
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
void
gw_advance_vmstat (const char *root,
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
 * readable (a directory: root reads any file whatever its mode). @cmdline separates the
 * arguments with '|' for the NULs of the real file; @uid is the effective uid in status. */
static void
gw_add_process (const char *root,
                guint       pid,
                const char *comm,
                guint64     pss_kib,
                guint64     rss_pages,
                const char *cmdline,
                guint32     uid)
{
  g_autofree char *cmdline_path = g_strdup_printf ("%s/%u/cmdline", root, pid);
  g_autofree char *cmdline_text = g_strdup_printf ("%s|", cmdline);
  g_autofree char *status_path = g_strdup_printf ("%u/status", pid);
  g_autofree char *status = g_strdup_printf ("Name:\t%s\nPid:\t%u\nUid:\t%u\t%u\t%u\t%u\n",
                                             comm, pid, uid, uid, uid, uid);
  g_autofree char *dir = g_strdup_printf ("%u", pid);
  g_autofree char *smaps_path = g_build_filename (dir, "smaps_rollup", NULL);
  g_autofree char *statm_path = g_build_filename (dir, "statm", NULL);
  g_autofree char *comm_path = g_build_filename (dir, "comm", NULL);
  g_autofree char *comm_text = g_strdup_printf ("%s\n", comm);
  g_autofree char *statm = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                            " 900 100 0 3000 0\n", rss_pages * 2, rss_pages);

  mg_test_write_file (root, statm_path, statm);
  mg_test_write_file (root, comm_path, comm_text);
  mg_test_write_file (root, status_path, status);
  g_strdelimit (cmdline_text, "|", '\0');
  g_assert_true (g_file_set_contents (cmdline_path, cmdline_text, (gssize) strlen (cmdline) + 1,
                                      NULL));
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

guint64
gw_page_kib (void)
{
  return (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

void
gw_write_meminfo (Fixture *fixture,
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

static gint64
gw_fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

void
gw_fixture_set_up (Fixture       *fixture,
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
  gw_copy_fixture (fixture->root, name != NULL ? name : "linux-6.18-idle");
  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    gw_add_process (fixture->root, processes[i].pid, processes[i].name, processes[i].pss_kib,
                 processes[i].rss_pages, processes[i].cmdline, processes[i].uid);

  fixture->monitor = mg_test_monitor_new (fixture->root);
  fixture->now_us = (gint64) 5000 * G_USEC_PER_SEC;
  mg_monitor_set_time_func (fixture->monitor, gw_fake_time, fixture);
  /* The scanner's rate limit (one scan in 10 s) runs on the same fake clock. */
  fixture->scanner = mg_process_scanner_new (fixture->root);
  mg_process_scanner_set_time_func (fixture->scanner, gw_fake_time, fixture);

  /* The memory backend is shared by the whole process: start every test from defaults. */
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "history-range");
  g_settings_reset (fixture->settings, "gauge-width");
  g_settings_reset (fixture->settings, "gauge-height");

  fixture->window = mg_gauge_window_new (NULL, fixture->monitor, fixture->scanner,
                                         fixture->settings);
}

void
gw_fixture_tear_down (Fixture       *fixture,
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
GtkWidget *
gw_find_widget (Fixture    *fixture,
                const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (fixture->window), name);
}

/* Part @part ("row", "name", "size", "measure") of the consumer list's row @i. */
GtkWidget *
gw_consumer_widget (Fixture    *fixture,
                    const char *part,
                    guint       i)
{
  g_autofree char *id = g_strdup_printf ("consumer_%s_%u", part, i);
  GtkWidget *widget = gw_find_widget (fixture, id);

  g_assert_nonnull (widget);
  return widget;
}

const char *
gw_label_text (Fixture    *fixture,
               const char *name)
{
  return gtk_label_get_text (GTK_LABEL (gw_find_widget (fixture, name)));
}

const char *
gw_accessible_name (Fixture    *fixture,
                    const char *name)
{
  return atk_object_get_name (gtk_widget_get_accessible (gw_find_widget (fixture, name)));
}

/* One sample, 3 s after the last on the fake clock. */
void
gw_sample (Fixture *fixture)
{
  fixture->now_us += 3 * G_USEC_PER_SEC;
  mg_monitor_sample_now (fixture->monitor);
}

void
gw_show_window (Fixture *fixture)
{
  guint scans = mg_gauge_window_get_n_scans (fixture->window);
  MgGauge *gauge = MG_GAUGE (gw_find_widget (fixture, "gauge"));
  guint draws = mg_gauge_get_n_draws (gauge);
  guint64 samples = mg_monitor_get_n_samples (fixture->monitor);

  gtk_window_present (GTK_WINDOW (fixture->window));
  mg_test_ui_focus (GTK_WIDGET (fixture->window));
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_scans (fixture->window) > scans);
  MG_TEST_WAIT_FOR (mg_gauge_get_n_draws (gauge) > draws);
  /* Shown, it asks the monitor for a fresh gw_sample (mg_monitor_request_sample()). */
  MG_TEST_WAIT_FOR (mg_monitor_get_n_samples (fixture->monitor) > samples);
}

int
gw_window_width (Fixture *fixture)
{
  int width = 0;

  gtk_window_get_size (GTK_WINDOW (fixture->window), &width, NULL);
  return width;
}

/* Lets the window grow, at its width, to show all of its content, so that a picture shows
 * everything (the content may have grown since the window was sized to it). */
void
gw_fit_window (Fixture *fixture)
{
  GtkWidget *scrolled = gw_find_widget (fixture, "scrolled");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  int width = gw_window_width (fixture);
  int height;

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

cairo_surface_t *
gw_snapshot (Fixture *fixture)
{
  return mg_test_ui_snapshot (GTK_WIDGET (fixture->window));
}

void
gw_save_artefact (cairo_surface_t *surface,
                  const char      *name)
{
  g_autofree char *stem = g_strdup_printf ("gauge-window-%s", name);

  mg_test_ui_save_surface (surface, stem);
}

void
gw_read_pixel (Fixture         *fixture,
               cairo_surface_t *surface,
               GtkWidget       *widget,
               double           x,
               double           y,
               GdkRGBA         *out)
{
  mg_test_ui_read_pixel (surface, GTK_WIDGET (fixture->window), widget, x, y, out);
}

void
gw_send_key (Fixture *fixture,
             guint    keyval)
{
  mg_test_ui_send_key (GTK_WIDGET (fixture->window), keyval, 0);
}

void
gw_init (int    *argc,
         char ***argv)
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  if (system_data_dirs == NULL)
    system_data_dirs = g_strdup ("/usr/local/share:/usr/share");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init (argc, argv);
  /* The application's stylesheet, as MgApplication adds it at startup. */
  mg_ui_style_ensure ();
}
