/* SPDX-License-Identifier: GPL-3.0-or-later */
/* UI tests of "Machines" in the gauge window and a machine's own window, over real
 * node_exporters (tests/lib/remote_servers.py) and a port nobody listens on. */

#include <gtk/gtk.h>
#include <string.h>

#include "gauge-window-fixture.h"
#include "mg-level-style.h"
#include "mg-machine-list.h"
#include "mg-machine-row.h"
#include "mg-machine-window.h"
#include "mg-remote-fleet.h"
#include "mg-sparkline.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

/* Each machine: the fixture its exporter reads, and what a person should read. Percentages
 * and words are literal, as in test-gauge-window.c. The idle exporter runs no pressure
 * collector, so it shows no stalls; the others export PSI as counters, whose rate between
 * two polls of a fixture that does not change is 0. */
typedef struct {
  const char *id;
  const char *fixture;
  MgLevel     level;
  const char *level_words;
  const char *used;
  const char *big_percent;
  guint64     swap_total_kib;
  guint64     swap_free_kib;
  const char *stalls;
} MachineCase;

static const MachineCase cases[] = {
  { "idle", "linux-6.18-idle", MG_LEVEL_LOW, "Low pressure", "2 % used", "2 %", 0, 0, NULL },
  { "medium", "linux-6.18-medium", MG_LEVEL_MEDIUM, "Medium pressure", "70 % used", "70 %",
    4194300, 4194124, "stalls 0 %" },
  { "high", "linux-6.18-high", MG_LEVEL_HIGH, "High pressure", "85 % used", "85 %",
    4194300, 4194124, "stalls 0 %" },
  { "critical", "linux-6.18-critical-swapping", MG_LEVEL_CRITICAL, "Critical pressure",
    "92 % used", "92 %", 4194300, 3667516, "stalls 0 %" },
};

/* The order of the rows: the worst first, "unknown" between high and medium. */
static const char *sorted_ids[] = { "critical", "high", "down", "medium", "idle" };

static GHashTable *urls;   /* fixture or "closed" → URL */

typedef struct {
  Fixture        gw;
  MgRemoteFleet *fleet;
} MachinesFixture;

static char *
machine_name (const char *id)
{
  return g_strdup_printf ("%s-box", id);
}

static void
set_sources (GSettings *settings,
             gboolean   all)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssssu)"));
  for (guint i = 0; all && i <= G_N_ELEMENTS (cases); i++)
    {
      const char *id = i < G_N_ELEMENTS (cases) ? cases[i].id : "down";
      const char *key = i < G_N_ELEMENTS (cases) ? cases[i].fixture : "closed";
      g_autofree char *name = machine_name (id);

      g_variant_builder_add (&builder, "(sssssu)", id, name,
                             (const char *) g_hash_table_lookup (urls, key), "", "", 15u);
    }
  g_settings_set_value (settings, "remote-sources", g_variant_builder_end (&builder));
}

static MgRemoteMachine *
find_machine (MachinesFixture *fixture,
              const char      *id)
{
  GListModel *model = mg_remote_fleet_get_machines (fixture->fleet);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (model, i);

      if (g_str_equal (mg_remote_machine_get_id (machine), id))
        return machine;
    }
  return NULL;
}

static gboolean
all_polled (MachinesFixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MgRemoteMachine *machine = find_machine (fixture, cases[i].id);

      MgMonitor *monitor = machine != NULL ? mg_remote_machine_get_monitor (machine) : NULL;

      /* Stalls are a rate: they come with the second answer. */
      if (monitor == NULL || mg_monitor_get_level (monitor) == MG_LEVEL_UNKNOWN ||
          (cases[i].stalls != NULL && !mg_monitor_get_sample (monitor)->has_psi))
        return FALSE;
    }
  return find_machine (fixture, "down") != NULL &&
         mg_remote_machine_get_failing_since (find_machine (fixture, "down")) != 0;
}

static void
fixture_set_up (MachinesFixture *fixture,
                gconstpointer    data)
{
  gw_fixture_set_up (&fixture->gw, NULL);
  set_sources (fixture->gw.settings, data == NULL);
  fixture->fleet = mg_remote_fleet_new (fixture->gw.settings);
  mg_remote_fleet_set_test_interval_ms (fixture->fleet, 200);
  mg_remote_fleet_start (fixture->fleet);
  mg_gauge_window_set_fleet (fixture->gw.window, fixture->fleet);
  if (data == NULL)
    MG_TEST_WAIT_FOR (all_polled (fixture));
}

static void
fixture_tear_down (MachinesFixture *fixture,
                   gconstpointer    data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (MG_IS_MACHINE_WINDOW (l->data))
      gtk_widget_destroy (l->data);
  mg_remote_fleet_stop (fixture->fleet);
  g_settings_reset (fixture->gw.settings, "remote-sources");
  gw_fixture_tear_down (&fixture->gw, data);
  g_clear_object (&fixture->fleet);
}

static GtkWidget *
row_part (GtkWidget  *row,
          const char *part)
{
  GtkWidget *widget = mg_test_ui_find_widget (row, part);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
row_text (GtkWidget  *row,
          const char *part)
{
  return gtk_label_get_text (GTK_LABEL (row_part (row, part)));
}

static MgMachineList *
show_machines (MachinesFixture *fixture)
{
  GtkStack *stack = GTK_STACK (gw_find_widget (&fixture->gw, "consumers_stack"));
  MgMachineList *list = NULL;

  /* As a person does: the window opens on "Processes", sized to it. */
  gw_show_window (&fixture->gw);
  g_assert_true (gtk_widget_get_visible (gtk_stack_get_child_by_name (stack, "machines")));
  gtk_stack_set_visible_child_name (stack, "machines");
  list = MG_MACHINE_LIST (gtk_stack_get_visible_child (stack));
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (list)));
  return list;
}

/* Every machine's row: name, level in words and colour, used %, swap, stalls, last
 * contact; the one that does not answer says why; the worst first; the window fits. */
static void
test_list (MachinesFixture *fixture,
           gconstpointer    data)
{
  MgMachineList *list = show_machines (fixture);
  GtkWidget *listbox = gw_find_widget (&fixture->gw, "machines_list");
  g_autoptr(GList) rows = NULL;
  cairo_surface_t *surface;
  GtkWidget *down;
  guint i = 0;
  int height;

  g_assert_cmpstr (gw_label_text (&fixture->gw, "consumers_heading"), ==, "Other Machines");
  rows = gtk_container_get_children (GTK_CONTAINER (listbox));
  g_assert_cmpuint (g_list_length (rows), ==, G_N_ELEMENTS (sorted_ids));
  for (GList *l = rows; l != NULL; l = l->next, i++)
    g_assert_cmpstr (mg_remote_machine_get_id (mg_machine_row_get_machine (l->data)), ==,
                     sorted_ids[i]);

  /* The page scrolls inside the window, which stays as tall as test-gauge-window wants. */
  height = gtk_widget_get_allocated_height (GTK_WIDGET (fixture->gw.window));
  g_test_message ("window %dx%d with the machines", gw_window_width (&fixture->gw), height);
  g_assert_cmpint (height, <=, 700);

  gw_fit_window (&fixture->gw);
  surface = gw_snapshot (&fixture->gw);
  gw_save_artefact (surface, "machines");
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MachineCase *c = &cases[i];
      GtkWidget *row = mg_machine_list_get_row (list, c->id);
      g_autofree char *name = machine_name (c->id);
      g_autofree char *swap = NULL;
      g_autofree char *details = NULL;
      g_autofree char *spoken = NULL;
      g_autofree char *tooltip = gtk_widget_get_tooltip_text (row);
      const MgLevelStyle *style = mg_level_style_get (c->level);
      GdkRGBA expected = { style->red, style->green, style->blue, 1.0 };
      GdkRGBA pixel;

      if (c->swap_total_kib == 0)
        {
          swap = g_strdup ("no swap");
        }
      else
        {
          g_autofree char *used = gw_format_kib (c->swap_total_kib - c->swap_free_kib);
          g_autofree char *total = gw_format_kib (c->swap_total_kib);

          swap = g_strdup_printf ("swap %s of %s", used, total);
        }
      details = c->stalls != NULL
                ? g_strdup_printf ("%s · %s · last contact just now", swap, c->stalls)
                : g_strdup_printf ("%s · last contact just now", swap);
      spoken = c->stalls != NULL
               ? g_strdup_printf ("%s: %s, %s, %s, %s, last contact just now", name,
                                  c->level_words, c->used, swap, c->stalls)
               : g_strdup_printf ("%s: %s, %s, %s, last contact just now", name,
                                  c->level_words, c->used, swap);

      g_assert_cmpstr (row_text (row, "machine_name"), ==, name);
      g_assert_cmpstr (row_text (row, "machine_level"), ==, c->level_words);
      g_assert_cmpstr (row_text (row, "machine_used"), ==, c->used);
      g_assert_cmpstr (row_text (row, "machine_details"), ==, details);
      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (row)), ==, spoken);
      g_assert_cmpstr (tooltip, ==, g_hash_table_lookup (urls, c->fixture));
      g_assert_true (gtk_widget_get_can_focus (row));
      /* Polled every 15 s, the history graph must not take each 15 s for a gap. */
      g_assert_cmpuint (mg_monitor_get_interval (mg_remote_machine_get_monitor (
                          mg_machine_row_get_machine (MG_MACHINE_ROW (row)))), ==, 15);
      /* The dot's centre is the level's colour, as the tray icon's. */
      gw_read_pixel (&fixture->gw, surface, row_part (row, "machine_dot"), 6, 6, &pixel);
      mg_test_ui_assert_color (&pixel, &expected, c->level_words);
    }

  down = mg_machine_list_get_row (list, "down");
  g_assert_cmpstr (row_text (down, "machine_level"), ==, "Pressure unknown");
  g_assert_cmpstr (row_text (down, "machine_used"), ==, "");
  g_assert_cmpstr (row_text (down, "machine_details"), ==,
                   "connection refused · for less than a minute · last contact never");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (down)), ==,
                   "down-box: Pressure unknown, connection refused, for less than a minute, "
                   "last contact never");
  cairo_surface_destroy (surface);
}

static MgMachineWindow *
find_machine_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (MG_IS_MACHINE_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Enter on a row opens that machine's gauge; again, the same window; it closes when the
 * machine leaves the settings. */
static void
test_open_by_keyboard (MachinesFixture *fixture,
                       gconstpointer    data)
{
  MgMachineList *list = show_machines (fixture);
  GtkWidget *row = mg_machine_list_get_row (list, "critical");
  MgMachineWindow *window = NULL;
  g_autoptr(GList) toplevels = NULL;
  guint n_windows = 0;
  GtkWidget *top;
  g_autofree char *total = gw_format_kib (24684084);

  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_has_focus (row));
  gw_send_key (&fixture->gw, GDK_KEY_Return);
  MG_TEST_WAIT_FOR ((window = find_machine_window ()) != NULL);
  g_assert_nonnull (window);
  top = GTK_WIDGET (window);
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (top));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "critical-box");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "used_percent_label"))),
                   ==, "92 %");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "level_label"))),
                   ==, "● Critical pressure");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "total_value"))),
                   ==, total);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "stalls_value"))),
                   ==, "some 0.0 %");
  g_assert_false (gtk_widget_get_visible (mg_test_ui_find_widget (top, "problem_value")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "url_value"))),
                   ==, g_hash_table_lookup (urls, "linux-6.18-critical-swapping"));
  /* The graph is the machine's history: its polls so far, drawn at the right edge. */
  {
    MgSparkline *sparkline = MG_SPARKLINE (mg_test_ui_find_widget (top, "sparkline"));
    double first = 0;
    double last = 0;

    MG_TEST_WAIT_FOR (mg_sparkline_get_n_draws (sparkline) > 0);
    g_assert_true (mg_sparkline_get_extent (sparkline, &first, &last));
    g_assert_cmpfloat (last, >, gtk_widget_get_allocated_width (GTK_WIDGET (sparkline)) * 0.9);
  }
  mg_test_ui_save_png (top, "machine-window-critical");

  /* Once per machine: activating the row again presents the same window. */
  gtk_widget_grab_focus (row);
  gw_send_key (&fixture->gw, GDK_KEY_Return);
  mg_test_ui_iterate_pending ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    n_windows += MG_IS_MACHINE_WINDOW (l->data);
  g_assert_cmpuint (n_windows, ==, 1);

  /* Its source removed, the window goes. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  set_sources (fixture->gw.settings, FALSE);
  MG_TEST_WAIT_FOR (window == NULL);
}

/* The machine that does not answer: why, and since when, instead of figures. */
static void
test_unreachable_window (MachinesFixture *fixture,
                         gconstpointer    data)
{
  MgMachineWindow *window = mg_machine_window_present (GTK_WINDOW (fixture->gw.window),
                                                       fixture->fleet,
                                                       find_machine (fixture, "down"));
  GtkWidget *top = GTK_WIDGET (window);
  const char *problem;

  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (top));
  mg_test_ui_iterate_pending ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "down-box");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "used_percent_label"))),
                   ==, "—");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "reason_label"))),
                   ==, "unknown: connection refused");
  problem = gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "problem_value")));
  g_assert_cmpstr (problem, ==, "connection refused, for less than a minute");
  g_assert_false (gtk_widget_get_visible (mg_test_ui_find_widget (top, "total_value")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (top, "contact_value"))),
                   ==, "never");
  mg_test_ui_save_png (top, "machine-window-unreachable");

  /* Escape closes it, as it closes the gauge window. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  mg_test_ui_focus (top);
  mg_test_ui_send_key (top, GDK_KEY_Escape, 0);
  MG_TEST_WAIT_FOR (window == NULL);
}

/* A machine whose memory fills up: its row says so at the next poll and moves up. */
static void
test_live_update (MachinesFixture *fixture,
                  gconstpointer    data)
{
  MgMachineList *list = show_machines (fixture);
  GtkWidget *listbox = gw_find_widget (&fixture->gw, "machines_list");
  GtkWidget *row = mg_machine_list_get_row (list, "idle");
  const char *root = g_hash_table_lookup (urls, "root:linux-6.18-idle");
  g_autofree char *critical = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                     "linux-6.18-critical-swapping", "meminfo",
                                                     NULL);
  g_autofree char *idle = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                 "linux-6.18-idle", "meminfo", NULL);
  g_autofree char *contents = NULL;

  g_assert_nonnull (root);
  g_assert_cmpstr (row_text (row, "machine_level"), ==, "Low pressure");
  g_assert_true (g_file_get_contents (critical, &contents, NULL, NULL));
  mg_test_write_file (root, "meminfo", contents);
  MG_TEST_WAIT_FOR (g_str_equal (row_text (row, "machine_level"), "Critical pressure"));
  g_assert_cmpstr (row_text (row, "machine_used"), ==, "92 % used");
  /* Second, after critical-box: the worst first, then by name. */
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 1);
  g_assert_true (gtk_list_box_get_row_at_index (GTK_LIST_BOX (listbox), 1) == GTK_LIST_BOX_ROW (row));

  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (idle, &contents, NULL, NULL));
  mg_test_write_file (root, "meminfo", contents);
  MG_TEST_WAIT_FOR (g_str_equal (row_text (row, "machine_level"), "Low pressure"));
  g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, 4);
}

/* Without remote sources there is no "Machines"; shown, the list follows the polls, hidden
 * it follows nothing. */
static void
test_follows_only_while_shown (MachinesFixture *fixture,
                               gconstpointer    data)
{
  GtkStack *stack = GTK_STACK (gw_find_widget (&fixture->gw, "consumers_stack"));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "machines");
  guint polled = g_signal_lookup ("machine-polled", MG_TYPE_REMOTE_FLEET);

  gw_show_window (&fixture->gw);
  g_assert_false (gtk_widget_get_visible (page));
  g_assert_false (g_signal_has_handler_pending (fixture->fleet, polled, 0, FALSE));

  set_sources (fixture->gw.settings, TRUE);
  MG_TEST_WAIT_FOR (gtk_widget_get_visible (page));
  gtk_stack_set_visible_child (stack, page);
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (page));
  g_assert_true (g_signal_has_handler_pending (fixture->fleet, polled, 0, FALSE));

  gtk_widget_hide (GTK_WIDGET (fixture->gw.window));
  g_assert_false (g_signal_has_handler_pending (fixture->fleet, polled, 0, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) servers = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *script = NULL;
  const char *args[16] = { "/usr/bin/python3", NULL, };
  guint n_args = 2;
  int status;

  gw_init (&argc, &argv);

  script = g_test_build_filename (G_TEST_DIST, "lib", "remote_servers.py", NULL);
  args[1] = script;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    args[n_args++] = cases[i].fixture;
  servers = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (servers));
  urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      char *space;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_equal (line, "ready"))
        break;
      if (g_str_has_prefix (line, "skip "))
        {
          if (g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL)
            g_error ("%s", line);
          g_printerr ("SKIP: %s\n", line + 5);
          return 77;
        }
      space = strchr (line, ' ');
      g_assert_nonnull (space);
      *space = '\0';
      g_hash_table_insert (urls, g_strdup (line), g_strdup (space + 1));
    }

  g_test_add ("/machines/list", MachinesFixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/machines/open-by-keyboard", MachinesFixture, NULL, fixture_set_up,
              test_open_by_keyboard, fixture_tear_down);
  g_test_add ("/machines/live-update", MachinesFixture, NULL, fixture_set_up,
              test_live_update, fixture_tear_down);
  g_test_add ("/machines/unreachable-window", MachinesFixture, NULL, fixture_set_up,
              test_unreachable_window, fixture_tear_down);
  g_test_add ("/machines/follows-only-while-shown", MachinesFixture, "empty", fixture_set_up,
              test_follows_only_while_shown, fixture_tear_down);
  status = g_test_run ();

  /* Its stdin closed, the helper stops the exporters. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (servers), NULL, NULL);
  g_subprocess_wait (servers, NULL, NULL);
  g_hash_table_unref (urls);
  return status;
}
