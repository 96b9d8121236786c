/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for "Apps and Containers" in the gauge window (MgGroupList, MgGroupRow and the End
 * confirmation) over copies of tests/fixtures/cgroup: scanning only while shown, each
 * state (no groups, many, a limited one at 95 %, an OOM badge, a leaking one), the
 * keyboard through the switch and the rows, and the End question and refusal. Each state
 * is saved as artefacts/group-list-STATE-VARIANT.png (light, dark, scale 2). */

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "group-list-fixture.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"

#define FLATPAK_FIREFOX "/user.slice/user-1000.slice/user@1000.service/app.slice/" \
  "app-flatpak-org.mozilla.firefox-5151.scope"
#define FIREFOX "/user.slice/user-1000.slice/user@1000.service/app.slice/" \
  "app-gnome-firefox\\x2desr-7777.scope"
#define TERMINAL "/user.slice/user-1000.slice/user@1000.service/app.slice/" \
  "app-gnome-org.gnome.Terminal-4242.scope"

static void
test_scans_only_when_shown (ListFixture   *fixture,
                            gconstpointer  data)
{
  guint scans;

  gw_sample (&fixture->gw);
  gw_show_window (&fixture->gw);
  /* "Processes" is the page shown: nothing reads the control groups. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack_of (fixture)), ==, "processes");
  gw_sample (&fixture->gw);
  mg_test_ui_run_for (200);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, 0);

  gtk_stack_set_visible_child_name (stack_of (fixture), "groups");
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) == 1);
  /* Shown, it follows the samples. */
  gw_sample (&fixture->gw);
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) == 2);

  /* Back to "Processes", then the window hidden: samples scan nothing. */
  gtk_stack_set_visible_child_name (stack_of (fixture), "processes");
  mg_test_ui_iterate_pending ();
  scans = mg_group_scanner_get_n_scans (fixture->scanner);
  gw_sample (&fixture->gw);
  mg_test_ui_run_for (200);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, scans);
  g_assert_false (mg_group_scanner_is_scanning (fixture->scanner));

  gtk_stack_set_visible_child_name (stack_of (fixture), "groups");
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) == scans + 1);
  gtk_widget_hide (GTK_WIDGET (fixture->gw.window));
  gw_sample (&fixture->gw);
  mg_test_ui_run_for (200);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, scans + 1);
}

static void
test_no_groups (ListFixture   *fixture,
                gconstpointer  data)
{
  show_groups (fixture);
  g_assert_false (gtk_widget_get_visible (gw_find_widget (&fixture->gw, "groups_list")));
  g_assert_cmpstr (gw_label_text (&fixture->gw, "groups_caption"), ==,
                   "No apps, services or containers use memory of their own here.");
  save (fixture, "empty");
}

static void
test_many (ListFixture   *fixture,
           gconstpointer  data)
{
  guint firefox;
  g_autofree char *tooltip = NULL;
  GtkWidget *row;

  show_groups (fixture);
  g_assert_true (gtk_widget_get_visible (gw_find_widget (&fixture->gw, "groups_list")));

  /* Largest first: the flatpak Firefox, 1.5\u00a0GiB and stalls, then Firefox ESR, 900 MiB of
   * its 1 GiB limit, with 3 OOM kills. */
  g_assert_cmpuint (row_of (fixture, FLATPAK_FIREFOX), ==, 0);
  g_assert_cmpstr (row_text (fixture, 0, "group_name"), ==, "Firefox");
  g_assert_cmpstr (row_text (fixture, 0, "group_usage"), ==, "1.5\u00a0GiB");
  g_assert_cmpstr (row_text (fixture, 0, "group_stalls"), ==, "stalls 2 %");
  g_assert_null (row_text (fixture, 0, "group_limit"));
  g_assert_false (gtk_widget_get_visible (row_part (fixture, 0, "group_bar")));
  g_assert_null (row_text (fixture, 0, "group_oom"));

  firefox = row_of (fixture, FIREFOX);
  g_assert_cmpuint (firefox, ==, 1);
  g_assert_cmpstr (row_text (fixture, 1, "group_name"), ==, "Firefox ESR");
  g_assert_cmpstr (row_text (fixture, 1, "group_kind"), ==, "App");
  g_assert_cmpstr (row_text (fixture, 1, "group_usage"), ==, "900.0\u00a0MiB");
  g_assert_cmpstr (row_text (fixture, 1, "group_limit"), ==, "87 % of its 1.0\u00a0GiB limit");
  g_assert_cmpstr (row_text (fixture, 1, "group_oom"), ==, "3 OOM kills");
  g_assert_null (row_text (fixture, 1, "group_growth"));
  g_assert_null (row_text (fixture, 1, "group_stalls"));
  g_assert_true (gtk_widget_get_visible (row_part (fixture, 1, "group_bar")));
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (row_part (fixture, 1,
                                                                                    "group_bar"))),
                                  0.87890625, 1e-6);
  /* The desktop's shell offers no "End…"; apps do. */
  g_assert_cmpstr (row_text (fixture, 2, "group_name"), ==, "org.gnome.Shell@wayland");
  g_assert_false (gtk_widget_get_child_visible (row_part (fixture, 2, "group_end")));
  g_assert_true (gtk_widget_get_child_visible (row_part (fixture, 1, "group_end")));
  /* Eight rows of the fifteen groups. */
  g_assert_true (gtk_widget_get_visible (row_at (fixture, MG_GROUP_LIST_N_ROWS - 1)));

  /* The full path in the tooltip, and everything in the accessible name. */
  row = row_at (fixture, 1);
  tooltip = gtk_widget_get_tooltip_text (row);
  g_assert_cmpstr (tooltip, ==, FIREFOX);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (row)), ==,
                   "Firefox ESR, App: 900.0\u00a0MiB, 87 % of its 1.0\u00a0GiB limit, 3 OOM kills");

  /* An app without a limit has no bar. */
  g_assert_cmpstr (row_text (fixture, row_of (fixture, TERMINAL), "group_name"), ==, "Terminal");
  g_assert_false (gtk_widget_get_visible (row_part (fixture, row_of (fixture, TERMINAL),
                                                    "group_bar")));
  save (fixture, "many");
}

static void
test_limit_95 (ListFixture   *fixture,
               gconstpointer  data)
{
  /* 996 160 KiB of its 1 048 576 KiB: 95.0 %. */
  g_autofree char *current = g_build_filename (fixture->cgroup_root, FIREFOX, NULL);

  mg_test_write_file (current, "memory.current", "1020067840\n");
  guint i;

  show_groups (fixture);
  i = row_of (fixture, FIREFOX);
  g_assert_cmpstr (row_text (fixture, i, "group_limit"), ==, "95 % of its 1.0\u00a0GiB limit");
  g_assert_cmpstr (row_text (fixture, i, "group_usage"), ==, "972.8\u00a0MiB");
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (row_part (fixture, i,
                                                                                    "group_bar"))),
                                  0.95, 1e-4);
  save (fixture, "limit-95");
}

static void
test_oom_badge (ListFixture   *fixture,
                gconstpointer  data)
{
  /* podman's web container: 64 MiB limit, 2 OOM kills in its memory.events. */
  guint i;

  show_groups (fixture);
  for (i = 0; i < MG_GROUP_LIST_N_ROWS; i++)
    if (g_strcmp0 (row_text (fixture, i, "group_kind"), "Container") == 0 &&
        row_text (fixture, i, "group_oom") != NULL)
      break;
  g_assert_cmpuint (i, <, MG_GROUP_LIST_N_ROWS);
  g_test_message ("container row %u: %s", i, row_text (fixture, i, "group_name"));
  g_assert_nonnull (strstr (row_text (fixture, i, "group_limit"), "of its 64.0\u00a0MiB limit"));
  g_assert_true (g_str_has_suffix (row_text (fixture, i, "group_oom"), "OOM kill") ||
                 g_str_has_suffix (row_text (fixture, i, "group_oom"), "OOM kills"));
  save (fixture, "oom");
}

static void
test_leaking (ListFixture   *fixture,
              gconstpointer  data)
{
  guint terminal;

  /* 1.2 GiB an hour, as the leak watch would set it. */
  fixture->walker->path = TERMINAL;
  fixture->walker->growth_kib_per_hour = 1258292;
  show_groups (fixture);
  terminal = row_of (fixture, TERMINAL);
  g_assert_cmpstr (row_text (fixture, terminal, "group_growth"), ==, "grows 1.2\u00a0GiB/h");
  g_assert_null (row_text (fixture, 0, "group_growth"));
  g_assert_nonnull (strstr (atk_object_get_name (gtk_widget_get_accessible (row_at (fixture,
                                                                                    terminal))),
                            ", grows 1.2\u00a0GiB/h"));
  save (fixture, "leaking");
}

static void
test_keyboard (ListFixture   *fixture,
               gconstpointer  data)
{
  GtkWindow *window;
  GtkWidget *focus;
  GtkWidget *groups_button = NULL;
  g_autoptr(GList) buttons = NULL;
  g_autofree char *end_name = NULL;

  gw_sample (&fixture->gw);
  gw_show_window (&fixture->gw);
  window = GTK_WINDOW (fixture->gw.window);

  /* Tab to the switch's "Apps and Containers" and press Space. */
  buttons = gtk_container_get_children (GTK_CONTAINER (gw_find_widget (&fixture->gw,
                                                                       "consumers_switcher")));
  for (GList *l = buttons; l != NULL; l = l->next)
    if (g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_bin_get_child (l->data))),
                     "Apps and Containers"))
      groups_button = l->data;
  g_assert_nonnull (groups_button);
  for (guint i = 0; i < 12 && gtk_window_get_focus (window) != groups_button; i++)
    gw_send_key (&fixture->gw, GDK_KEY_Tab);
  g_assert_true (gtk_window_get_focus (window) == groups_button);
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) >= 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack_of (fixture)), ==, "groups");
  mg_test_ui_iterate_pending ();

  /* The next Tab reaches the first row; Down goes through the rows. */
  gw_send_key (&fixture->gw, GDK_KEY_Tab);
  focus = gtk_window_get_focus (window);
  g_assert_true (focus == row_at (fixture, 0));
  gw_send_key (&fixture->gw, GDK_KEY_Down);
  g_assert_true (gtk_window_get_focus (window) == row_at (fixture, 1));
  gw_send_key (&fixture->gw, GDK_KEY_Down);
  g_assert_true (gtk_window_get_focus (window) == row_at (fixture, 2));
  gw_send_key (&fixture->gw, GDK_KEY_Up);
  g_assert_true (gtk_window_get_focus (window) == row_at (fixture, 1));
  /* Tab from a row goes to its "End…". */
  gw_send_key (&fixture->gw, GDK_KEY_Tab);
  g_assert_true (gtk_window_get_focus (window) == row_part (fixture, 1, "group_end"));
  end_name = g_strconcat ("End ", row_text (fixture, 1, "group_name"), NULL);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (row_part (fixture, 1,
                                                                             "group_end"))),
                   ==, end_name);
}


static void
put_in_firefox (ListFixture *fixture,
                pid_t        pid)
{
  g_autofree char *dir = g_build_filename (fixture->cgroup_root, FIREFOX, NULL);
  g_autofree char *text = g_strdup_printf ("%d\n", (int) pid);

  mg_test_write_file (dir, "cgroup.procs", text);
}

static void
test_end_confirmation (ListFixture   *fixture,
                       gconstpointer  data)
{
  const char *argv[] = { "sleep", "60", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;
  guint scans;
  int status = 0;

  /* A real process of the user's in Firefox's group (its cgroup.procs in the copy). */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                NULL, NULL, &fixture->child, &error));
  g_assert_no_error (error);
  put_in_firefox (fixture, fixture->child);

  show_groups (fixture);
  gtk_widget_grab_focus (row_part (fixture, row_of (fixture, FIREFOX), "group_end"));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") != NULL);
  dialog = find_toplevel ("group-end-question");
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (text, ==, "End “Firefox ESR”?");
  g_assert_cmpstr (secondary, ==,
                   "This ends 1 process and frees about 900.0\u00a0MiB. Unsaved work in it is lost.");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->gw.window));
  mg_test_ui_focus (dialog);
  mg_test_ui_save_png (dialog, "group-list-end-question");

  /* Escape keeps it running. */
  mg_test_ui_send_key (dialog, GDK_KEY_Escape, 0);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") == NULL);
  mg_test_ui_run_for (100);
  g_assert_cmpint (waitpid (fixture->child, NULL, WNOHANG), ==, 0);

  /* Again, and "End": SIGTERM (the copy has no cgroup.kill). */
  gtk_widget_grab_focus (row_part (fixture, row_of (fixture, FIREFOX), "group_end"));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") != NULL);
  dialog = find_toplevel ("group-end-question");
  scans = mg_group_scanner_get_n_scans (fixture->scanner);
  gtk_dialog_response (GTK_DIALOG (dialog), 1);
  MG_TEST_WAIT_FOR (waitpid (fixture->child, &status, WNOHANG) == fixture->child);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGTERM);
  fixture->child = 0;
  /* Done, the list scans again at once, without waiting for a sample. */
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) > scans);
}

static void
test_end_refused (ListFixture   *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;

  /* MemGauge (this test) in the group: refused, with the reason. */
  put_in_firefox (fixture, getpid ());
  show_groups (fixture);
  gtk_widget_grab_focus (row_part (fixture, row_of (fixture, FIREFOX), "group_end"));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-error") != NULL);
  dialog = find_toplevel ("group-end-error");
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (text, ==, "Cannot end “Firefox ESR”");
  g_assert_cmpstr (secondary, ==, "MemGauge itself runs in it.");
  g_assert_null (find_toplevel ("group-end-question"));
  mg_test_ui_save_png (dialog, "group-list-end-refused");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-error") == NULL);
}


int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);
  /* The icon theme took its folders from the isolated XDG_DATA_DIRS of g_test_init(): the
   * rows' icons (apps', and Adwaita's for the kinds) come from the system's. */
  gtk_icon_theme_prepend_search_path (gtk_icon_theme_get_default (), "/usr/share/icons");

#define ADD(path, data, func) \
  g_test_add (path, ListFixture, data, list_set_up, func, list_tear_down)
  ADD ("/group-list/scans-only-when-shown", "v2-gnome", test_scans_only_when_shown);
  ADD ("/group-list/no-groups", NULL, test_no_groups);
  ADD ("/group-list/many", "v2-gnome", test_many);
  ADD ("/group-list/limit-95", "v2-gnome", test_limit_95);
  ADD ("/group-list/oom-badge", "v2-podman-rootful", test_oom_badge);
  ADD ("/group-list/leaking", "v2-gnome", test_leaking);
  ADD ("/group-list/keyboard", "v2-gnome", test_keyboard);
  ADD ("/group-list/end-confirmation", "v2-gnome", test_end_confirmation);
  ADD ("/group-list/end-refused", "v2-gnome", test_end_refused);
#undef ADD

  return g_test_run ();
}