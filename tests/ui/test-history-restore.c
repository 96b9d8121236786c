/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI test: the history graph of a monitor whose history a keeper restored from the file
 * an earlier run wrote draws the restored readings, and the time MemGauge was not running
 * as a gap, not as a line. */

#include <gtk/gtk.h>

#include "mg-history-keeper.h"
#include "mg-sparkline.h"
#include "mg-test-util.h"

#define TOTAL_KIB 8000000
/* One device pixel per second over the 10-minute range. */
#define WIDTH 600
#define HEIGHT 100

/* The earlier run: samples 3 s apart from 8 to 3 minutes ago. */
#define FIRST_AGO_S 480
#define LAST_AGO_S 180
#define STEP_S 3

static gint64
past_clock (gpointer user_data)
{
  const gint64 *ago_s = user_data;

  return g_get_monotonic_time () - *ago_s * G_USEC_PER_SEC;
}

static void
write_meminfo (const char *proc,
               guint       used_percent)
{
  g_autofree char *text = g_strdup_printf ("MemTotal:       %u kB\n"
                                           "MemFree:        %u kB\n"
                                           "MemAvailable:   %u kB\n",
                                           TOTAL_KIB, TOTAL_KIB / 200 * (100 - used_percent),
                                           TOTAL_KIB / 100 * (100 - used_percent));

  mg_test_write_file (proc, "meminfo", text);
}

/* The x where a sample @age_s seconds old is drawn, in a 10-minute plot. */
static int
x_of_age (const GdkRectangle *plot,
          int                 age_s)
{
  return plot->x + plot->width - age_s * plot->width / 600;
}

static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            guint32         *pixel)
{
  cairo_surface_flush (surface);
  *pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                         y * cairo_image_surface_get_stride (surface) + x * 4);
}

static void
test_restored_with_gap (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("memgauge-restore-XXXXXX", &error);
  g_autofree char *proc = g_build_filename (root, "proc", NULL);
  g_autofree char *path = g_build_filename (root, "state", "memgauge", "history", NULL);
  g_autoptr(MgMonitor) earlier = NULL;
  g_autoptr(MgHistoryKeeper) earlier_keeper = NULL;
  g_autoptr(MgMonitor) monitor = NULL;
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  GtkWidget *window;
  GtkWidget *sparkline;
  cairo_surface_t *surface;
  cairo_t *cr;
  double first = -1;
  double last = -1;
  GdkRectangle plot;
  int bottom;
  gint64 ago_s;
  guint32 background;
  guint32 restored;
  guint32 gap;

  g_assert_no_error (error);

  /* The earlier run at 30 % used, written on quit. */
  write_meminfo (proc, 30);
  earlier = mg_test_monitor_new (proc);
  earlier_keeper = mg_history_keeper_new (earlier, path);
  mg_monitor_set_time_func (earlier, past_clock, &ago_s);
  for (ago_s = FIRST_AGO_S; ago_s >= LAST_AGO_S; ago_s -= STEP_S)
    mg_monitor_sample_now (earlier);
  g_assert_true (mg_history_keeper_save (earlier_keeper));

  /* This run, at 80 % used, restores it at its first sample. */
  write_meminfo (proc, 80);
  monitor = mg_test_monitor_new (proc);
  keeper = mg_history_keeper_new (monitor, path);
  mg_monitor_sample_now (monitor);
  g_assert_cmpuint (mg_history_get_length (mg_monitor_get_history (monitor)), ==,
                    (FIRST_AGO_S - LAST_AGO_S) / STEP_S + 2);

  window = gtk_offscreen_window_new ();
  sparkline = mg_sparkline_new ();
  gtk_widget_set_size_request (sparkline, WIDTH, HEIGHT);
  gtk_container_add (GTK_CONTAINER (window), sparkline);
  mg_sparkline_set_monitor (MG_SPARKLINE (sparkline), monitor);
  gtk_widget_show_all (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (gtk_widget_get_allocated_width (sparkline), ==, WIDTH);

  /* What a person reads, and where the graph starts: 8 minutes back of 10. */
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (sparkline)), ==,
                   "Used memory over the last 10 minutes: between 30 % and 80 %, now 80 % "
                   "(High pressure)");
  g_assert_true (mg_sparkline_get_extent (MG_SPARKLINE (sparkline), &first, &last));
  g_test_message ("drawn from %.0f to %.0f of %d", first, last, WIDTH);
  mg_sparkline_get_plot_area (MG_SPARKLINE (sparkline), &plot);
  g_assert_cmpfloat_with_epsilon (first, x_of_age (&plot, FIRST_AGO_S), 2.0);
  g_assert_cmpfloat (last, ==, plot.x + plot.width);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  gtk_widget_draw (sparkline, cr);
  cairo_destroy (cr);
  if (g_getenv ("MEMGAUGE_ARTEFACTS") != NULL)
    {
      g_autofree char *png = g_build_filename (g_getenv ("MEMGAUGE_ARTEFACTS"),
                                               "history-restored.png", NULL);

      g_mkdir_with_parents (g_getenv ("MEMGAUGE_ARTEFACTS"), 0755);
      cairo_surface_write_to_png (surface, png);
    }

  /* Near the bottom: the fill under the line where readings are, the graph's background
   * before them and in the minutes MemGauge did not run (a line across the gap would
   * fill there too). */
  bottom = plot.y + plot.height - 6;
  read_pixel (surface, (plot.x + x_of_age (&plot, FIRST_AGO_S)) / 2, bottom, &background);
  read_pixel (surface, x_of_age (&plot, (FIRST_AGO_S + LAST_AGO_S) / 2), bottom, &restored);
  read_pixel (surface, x_of_age (&plot, LAST_AGO_S / 2), bottom, &gap);
  g_test_message ("background %08x, restored %08x, gap %08x", background, restored, gap);
  g_assert_cmphex (restored, !=, background);
  g_assert_cmphex (gap, ==, background);
  cairo_surface_destroy (surface);

  gtk_widget_destroy (window);
  mg_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init (&argc, &argv);
  g_test_add_func ("/history-restore/restored-with-gap", test_restored_with_gap);

  return g_test_run ();
}
