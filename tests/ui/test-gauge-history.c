/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of the gauge window's history graph on a fed history: extent, colours, the
 * percentage axis, the read-out under the pointer and the keyboard, failed samples. */

#include <gtk/gtk.h>

#include "gauge-window-fixture.h"
#include "mg-gauge.h"
#include "mg-sparkline.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

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
      gw_write_meminfo (fixture, HISTORY_TOTAL_KIB,
                     HISTORY_TOTAL_KIB * history_available_percent[i / 50] / 100);
      gw_sample (fixture);
    }
}

static void
assert_sparkline_extent (MgSparkline *sparkline,
                         guint        range_s)
{
  GdkRectangle plot;
  double first = -1;
  double last = -1;
  double expected_first;

  /* The oldest of the 200 samples is 199 × 3 s before the newest, at the right edge. */
  mg_sparkline_get_plot_area (sparkline, &plot);
  expected_first = plot.x + plot.width * (1.0 - 597.0 / range_s);
  g_assert_true (mg_sparkline_get_extent (sparkline, &first, &last));
  g_test_message ("range %u s: drawn from %.1f to %.1f of %d..%d, expected from %.1f",
                  range_s, first, last, plot.x, plot.x + plot.width, expected_first);
  g_assert_cmpfloat_with_epsilon (first, expected_first, 1.5);
  g_assert_cmpfloat (last, ==, plot.x + plot.width);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *range = NULL;
  MgSparkline *sparkline;
  cairo_surface_t *surface;
  const char *description;
  GdkRectangle plot;
  GdkRGBA background;
  guint draws;

  /* The first of the 200 is the sample the window asks for when it is shown. */
  gw_write_meminfo (fixture, HISTORY_TOTAL_KIB,
                 HISTORY_TOTAL_KIB * history_available_percent[0] / 100);
  gw_show_window (fixture);
  sparkline = MG_SPARKLINE (gw_find_widget (fixture, "sparkline"));
  feed_history (fixture, 1);
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_updates (fixture->window) >= 200);
  draws = mg_sparkline_get_n_draws (sparkline);
  MG_TEST_WAIT_FOR (mg_sparkline_get_n_draws (sparkline) > draws);

  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 600);
  assert_sparkline_extent (sparkline, 600);
  g_assert_cmpstr (gw_label_text (fixture, "history_start_label"), ==, "10 minutes ago");
  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "95 %, now 95 % (Critical pressure)");

  gw_fit_window (fixture);
  surface = gw_snapshot (fixture);
  gw_save_artefact (surface, "history-10m");

  /* Each quarter in its level's color: the area under the line, blended over the
   * graph's background, which shows above the line in the low quarter. */
  mg_sparkline_get_plot_area (sparkline, &plot);
  gw_read_pixel (fixture, surface, GTK_WIDGET (sparkline), plot.x + plot.width * 0.1, plot.y + 3,
              &background);
  for (guint phase = 0; phase < 4; phase++)
    {
      /* The middle sample of the phase, 25 samples in. */
      guint age = 199 - (phase * 50 + 25);
      double x = plot.x + plot.width * (1.0 - age * 3.0 / 600.0);
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
      gw_read_pixel (fixture, surface, GTK_WIDGET (sparkline), x, plot.y + plot.height - 4, &pixel);
      mg_test_ui_assert_color (&pixel, &expected, what);
    }
  cairo_surface_destroy (surface);

  /* Switching the range redraws with the history in the last sixth of the width. */
  draws = mg_sparkline_get_n_draws (sparkline);
  g_settings_set_string (fixture->settings, "history-range", "1h");
  MG_TEST_WAIT_FOR (mg_sparkline_get_n_draws (sparkline) > draws);
  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 3600);
  assert_sparkline_extent (sparkline, 3600);
  g_assert_cmpstr (gw_label_text (fixture, "history_start_label"), ==, "1 hour ago");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gw_find_widget (fixture,
                                                                               "range_1h_button"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gw_find_widget (fixture,
                                                                                "range_10m_button"))));
  surface = gw_snapshot (fixture);
  gw_save_artefact (surface, "history-1h");
  cairo_surface_destroy (surface);

  /* And the buttons switch the setting back. */
  gtk_button_clicked (GTK_BUTTON (gw_find_widget (fixture, "range_10m_button")));
  range = g_settings_get_string (fixture->settings, "history-range");
  g_assert_cmpstr (range, ==, "10m");
  g_assert_cmpuint (mg_sparkline_get_range (sparkline), ==, 600);
}

/* What the graph says about one gw_sample, under the graph, to a screen reader and in the
 * stack below the graph. */
static void
assert_readout (Fixture    *fixture,
                const char *expected)
{
  MgSparkline *sparkline = MG_SPARKLINE (gw_find_widget (fixture, "sparkline"));
  GtkStack *footer = GTK_STACK (gw_find_widget (fixture, "history_footer"));

  g_test_message ("read-out: %s", mg_sparkline_get_readout (sparkline));
  g_assert_cmpstr (mg_sparkline_get_readout (sparkline), ==, expected);
  g_assert_cmpstr (gw_label_text (fixture, "history_readout_label"), ==, expected);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (footer), ==, "readout");
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline))),
                   ==, expected);
}

/* The graph's percentage axis, and its read-out of the sample under the pointer or the
 * keyboard's cursor: time, used percentage and level. */
static void
test_history_readout (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *summary = "Used memory over the last 10 minutes: between 50 % and 95 %, "
                               "now 95 % (Critical pressure)";
  static const char *axis_texts[] = { "0 %", "50 %", "100 %" };
  MgSparkline *sparkline;
  GtkWidget *widget;
  cairo_surface_t *surface;
  GdkRectangle plot;
  GdkRectangle previous = { 0, G_MAXINT / 2, 0, 0 };

  gw_write_meminfo (fixture, HISTORY_TOTAL_KIB,
                 HISTORY_TOTAL_KIB * history_available_percent[0] / 100);
  gw_show_window (fixture);
  sparkline = MG_SPARKLINE (gw_find_widget (fixture, "sparkline"));
  widget = GTK_WIDGET (sparkline);
  feed_history (fixture, 1);
  MG_TEST_WAIT_FOR (mg_gauge_window_get_n_updates (fixture->window) >= 200);
  mg_sparkline_get_plot_area (sparkline, &plot);
  g_assert_null (mg_sparkline_get_readout (sparkline));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gw_find_widget (fixture,
                                                                             "history_footer"))),
                   ==, "edges");

  /* The axis: 0 %, 50 % and 100 % beside the bottom, the middle and the top of the plot,
   * in pixels that stand out of the background (the dark theme and scale 2 included). */
  surface = gw_snapshot (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (axis_texts); i++)
    {
      const char *text = NULL;
      GdkRectangle rect;
      GdkRGBA background;
      double middle;
      guint unlike;

      g_assert_true (mg_sparkline_get_axis_label (sparkline, i, &text, &rect));
      g_assert_cmpstr (text, ==, axis_texts[i]);
      middle = rect.y + rect.height / 2.0;
      g_assert_cmpfloat_with_epsilon (middle, plot.y + plot.height * (1.0 - i / 2.0), 1.0);
      g_assert_cmpint (rect.x, >=, 0);
      g_assert_cmpint (rect.x + rect.width, <, plot.x);
      g_assert_cmpint (rect.y, >=, 0);
      g_assert_cmpint (rect.y + rect.height, <=, gtk_widget_get_allocated_height (widget));
      g_assert_cmpint (rect.y + rect.height, <=, previous.y);
      previous = rect;

      /* Between the labels and the plot nothing is drawn. */
      gw_read_pixel (fixture, surface, widget, plot.x - 2, middle, &background);
      unlike = mg_test_ui_count_unlike (surface, GTK_WIDGET (fixture->window), widget, &rect,
                                        &background, 0.25);
      g_test_message ("axis label %s at %d,%d %dx%d: %u pixels unlike the background", text,
                      rect.x, rect.y, rect.width, rect.height, unlike);
      g_assert_cmpuint (unlike, >=, 8);
    }
  g_assert_false (mg_sparkline_get_axis_label (sparkline, G_N_ELEMENTS (axis_texts), NULL, NULL));
  cairo_surface_destroy (surface);

  /* The pointer halfway: the sample 300 s before the newest, the 100th of the 200, in
   * the medium quarter (70 % used). */
  mg_test_ui_send_motion (widget, plot.x + plot.width * 0.5, plot.y + plot.height / 2.0);
  assert_readout (fixture, "5 min ago: 70 % used, Medium pressure");
  /* At the right edge, the newest. */
  mg_test_ui_send_motion (widget, plot.x + plot.width - 0.5, plot.y + 2);
  assert_readout (fixture, "Now: 95 % used, Critical pressure");
  /* Left of the oldest gw_sample (597 s ago), the oldest. */
  mg_test_ui_send_motion (widget, plot.x + 0.5, plot.y + 2);
  assert_readout (fixture, "9 min 57 s ago: 50 % used, Low pressure");
  mg_test_ui_send_motion (widget, plot.x + plot.width * 0.25, plot.y + 2);
  surface = gw_snapshot (fixture);
  gw_save_artefact (surface, "history-readout");
  cairo_surface_destroy (surface);
  /* Leaving ends it. */
  mg_test_ui_send_leave (widget);
  g_assert_null (mg_sparkline_get_readout (sparkline));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gw_find_widget (fixture,
                                                                             "history_footer"))),
                   ==, "edges");
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (widget)), ==, summary);

  /* The keyboard: focus starts at the newest gw_sample, Left and Right step by one, Home
   * and End go to the ends. */
  gtk_widget_grab_focus (widget);
  g_assert_true (gtk_widget_has_focus (widget));
  assert_readout (fixture, "Now: 95 % used, Critical pressure");
  gw_send_key (fixture, GDK_KEY_Left);
  assert_readout (fixture, "3 s ago: 95 % used, Critical pressure");
  for (guint i = 0; i < 50; i++)
    gw_send_key (fixture, GDK_KEY_Left);
  assert_readout (fixture, "2 min 33 s ago: 85 % used, High pressure");
  gw_send_key (fixture, GDK_KEY_Home);
  assert_readout (fixture, "9 min 57 s ago: 50 % used, Low pressure");
  gw_send_key (fixture, GDK_KEY_Left);
  assert_readout (fixture, "9 min 57 s ago: 50 % used, Low pressure");
  gw_send_key (fixture, GDK_KEY_Right);
  assert_readout (fixture, "9 min 54 s ago: 50 % used, Low pressure");
  gw_send_key (fixture, GDK_KEY_End);
  assert_readout (fixture, "Now: 95 % used, Critical pressure");
  /* Still the graph's: the arrows did not move the focus. */
  g_assert_true (gtk_widget_has_focus (widget));

  /* A new sample: the cursor stays on its gw_sample, which is now 3 s old. */
  gw_sample (fixture);
  assert_readout (fixture, "3 s ago: 95 % used, Critical pressure");

  /* Tab away: the read-out ends, the summary is back. */
  gw_send_key (fixture, GDK_KEY_Tab);
  g_assert_false (gtk_widget_has_focus (widget));
  g_assert_null (mg_sparkline_get_readout (sparkline));
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (widget)), !=, NULL);
  g_assert_true (g_str_has_prefix (atk_object_get_description (gtk_widget_get_accessible (widget)),
                                   "Used memory over the last 10 minutes"));
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

  gw_write_meminfo (fixture, HISTORY_TOTAL_KIB, HISTORY_TOTAL_KIB / 2);
  gw_show_window (fixture);
  sparkline = MG_SPARKLINE (gw_find_widget (fixture, "sparkline"));
  for (guint i = 0; i < 10; i++)
    gw_sample (fixture);

  mg_test_write_file (fixture->root, "meminfo", "");
  gw_sample (fixture);
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_false (mg_history_get (mg_monitor_get_history (fixture->monitor), 0)->valid);

  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_test_message ("after a failed sample: %s", description);
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "50 %, now unknown");
  g_assert_true (mg_sparkline_get_extent (sparkline, &first, &last));
  g_assert_cmpfloat (last, ==, gtk_widget_get_allocated_width (GTK_WIDGET (sparkline)));
  g_assert_cmpfloat (first, <, last);

  /* Readable again: the present is known again. */
  gw_write_meminfo (fixture, HISTORY_TOTAL_KIB, HISTORY_TOTAL_KIB / 4);
  gw_sample (fixture);
  description = atk_object_get_description (gtk_widget_get_accessible (GTK_WIDGET (sparkline)));
  g_assert_cmpstr (description, ==, "Used memory over the last 10 minutes: between 50 % and "
                                    "75 %, now 75 % (Medium pressure)");
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);

  g_test_add ("/gauge-window/history", Fixture, NULL,
              gw_fixture_set_up, test_history, gw_fixture_tear_down);
  g_test_add ("/gauge-window/history/readout", Fixture, NULL,
              gw_fixture_set_up, test_history_readout, gw_fixture_tear_down);
  g_test_add ("/gauge-window/history/failed-sample", Fixture, NULL,
              gw_fixture_set_up, test_history_failed_sample, gw_fixture_tear_down);

  return g_test_run ();
}
