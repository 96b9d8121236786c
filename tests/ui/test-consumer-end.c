/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for "End…" in the gauge window's Processes list (MgConsumerList and the End
 * confirmation) with real processes: the proc root is the gauge window fixture's copy with
 * its fake processes replaced by links to real /proc entries, so that the list shows a
 * real child of the test, which End really ends, and a process of another user or init,
 * which it never offers to end. */

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "group-list-fixture.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"

/* nobody, on Debian. */
#define OTHER_UID 65534

typedef struct {
  Fixture gw;
  GPid    children[2];
} EndFixture;

/* Leaves only the links to real processes that the tests add in the proc root. */
static void
end_set_up (EndFixture    *fixture,
            gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gw_fixture_set_up (&fixture->gw, NULL);
  dir = g_dir_open (fixture->gw.root, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_ascii_isdigit (name[0]))
      {
        g_autofree char *path = g_build_filename (fixture->gw.root, name, NULL);

        mg_test_remove_tree (path);
      }
}

static void
end_tear_down (EndFixture    *fixture,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->children); i++)
    if (fixture->children[i] != 0)
      {
        kill (fixture->children[i], SIGKILL);
        waitpid (fixture->children[i], NULL, 0);
      }
  gw_fixture_tear_down (&fixture->gw, data);
}

static void
link_process (EndFixture *fixture,
              GPid        pid)
{
  g_autofree char *target = g_strdup_printf ("/proc/%d", (int) pid);
  g_autofree char *link = g_strdup_printf ("%s/%d", fixture->gw.root, (int) pid);

  g_assert_cmpint (symlink (target, link), ==, 0);
}

static void
become_other_user (gpointer user_data)
{
  if (setgid (OTHER_UID) < 0 || setuid (OTHER_UID) < 0)
    _exit (126);
}

static GPid
spawn_sleep (gboolean other_user)
{
  const char *argv[] = { "sleep", "300", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                other_user ? become_other_user : NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* The row that shows @pid (by its tooltip's "Process ID"), or -1. */
static int
row_of_pid (EndFixture *fixture,
            GPid        pid)
{
  g_autofree char *want = g_strdup_printf ("Process ID: %d", (int) pid);

  for (guint i = 0; i < 5; i++)
    {
      GtkWidget *row = gw_consumer_widget (&fixture->gw, "row", i);
      g_autofree char *tooltip = gtk_widget_get_tooltip_text (row);

      if (gtk_widget_get_visible (row) && tooltip != NULL && g_str_has_suffix (tooltip, want))
        return (int) i;
    }
  return -1;
}

static gboolean
end_offered (EndFixture *fixture,
             int         row)
{
  GtkWidget *button = gw_consumer_widget (&fixture->gw, "end", (guint) row);

  return gtk_widget_get_child_visible (button) && gtk_widget_get_mapped (button);
}

static void
test_end (EndFixture    *fixture,
          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *window;
  GtkWidget *dialog;
  guint scans;
  int status = 0;
  int row;

  fixture->children[0] = spawn_sleep (FALSE);
  link_process (fixture, fixture->children[0]);
  gw_show_window (&fixture->gw);
  window = GTK_WINDOW (fixture->gw.window);

  row = row_of_pid (fixture, fixture->children[0]);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gw_consumer_widget (&fixture->gw, "name", row))),
                   ==, "sleep");
  g_assert_true (end_offered (fixture, row));

  /* The row keeps the focus; Tab from it reaches its "End…", named for a screen reader. */
  gtk_widget_grab_focus (gw_consumer_widget (&fixture->gw, "row", row));
  g_assert_true (gtk_widget_has_focus (gw_consumer_widget (&fixture->gw, "row", row)));
  gw_send_key (&fixture->gw, GDK_KEY_Tab);
  g_assert_true (gtk_window_get_focus (window) == gw_consumer_widget (&fixture->gw, "end", row));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (
                     gw_consumer_widget (&fixture->gw, "end", row))), ==, "End sleep");

  /* The question names it and what it frees; Escape keeps it running. */
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") != NULL);
  dialog = find_toplevel ("group-end-question");
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (text, ==, "End “sleep”?");
  expected = g_strdup_printf ("This ends 1 process and frees about %s. Unsaved work in it "
                              "is lost.",
                              gtk_label_get_text (GTK_LABEL (gw_consumer_widget (&fixture->gw,
                                                                                 "size", row))));
  g_assert_cmpstr (secondary, ==, expected);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  mg_test_ui_focus (dialog);
  mg_test_ui_save_png (dialog, "consumer-end-question");
  mg_test_ui_send_key (dialog, GDK_KEY_Escape, 0);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") == NULL);
  mg_test_ui_run_for (100);
  g_assert_cmpint (waitpid (fixture->children[0], NULL, WNOHANG), ==, 0);

  /* Again, and "End": SIGTERM ends it. */
  gtk_widget_grab_focus (gw_consumer_widget (&fixture->gw, "end", row));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") != NULL);
  scans = mg_gauge_window_get_n_scans (fixture->gw.window);
  gtk_dialog_response (GTK_DIALOG (find_toplevel ("group-end-question")), 1);
  MG_TEST_WAIT_FOR (waitpid (fixture->children[0], &status, WNOHANG) == fixture->children[0]);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGTERM);

  /* Its row goes without a new sample: the list scans again once the End is done (the
   * scanner's rate limit, on the fixture's clock that stands still, would hold a plain
   * request back). */
  MG_TEST_WAIT_FOR (row_of_pid (fixture, fixture->children[0]) < 0);
  g_assert_cmpuint (mg_gauge_window_get_n_scans (fixture->gw.window), >, scans);
  g_assert_cmpstr (gw_label_text (&fixture->gw, "consumers_caption"), ==, "No processes found.");
  fixture->children[0] = 0;
}

static void
test_refused (EndFixture    *fixture,
              gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;
  GtkWidget *dialog;
  GPid other;
  int row;

  /* Another user's: as root a child that became nobody, else init (root's). */
  if (getuid () == 0)
    other = fixture->children[1] = spawn_sleep (TRUE);
  else
    other = 1;
  link_process (fixture, other);
  if (other != 1)
    link_process (fixture, 1);
  fixture->children[0] = spawn_sleep (FALSE);
  link_process (fixture, fixture->children[0]);
  gw_show_window (&fixture->gw);

  /* The processes have started when the list shows their names. */
  row = row_of_pid (fixture, other);
  g_assert_cmpint (row, >=, 0);
  g_assert_false (end_offered (fixture, row));
  row = row_of_pid (fixture, 1);
  g_assert_cmpint (row, >=, 0);
  g_assert_false (end_offered (fixture, row));

  /* The user's own, but gone before End is pressed: the error says so, no question. */
  row = row_of_pid (fixture, fixture->children[0]);
  g_assert_cmpint (row, >=, 0);
  g_assert_true (end_offered (fixture, row));
  kill (fixture->children[0], SIGKILL);
  waitpid (fixture->children[0], NULL, 0);
  fixture->children[0] = 0;
  gtk_widget_grab_focus (gw_consumer_widget (&fixture->gw, "end", row));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-error") != NULL);
  dialog = find_toplevel ("group-end-error");
  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (text, ==, "Cannot end “sleep”");
  g_assert_cmpstr (secondary, ==, "It is no longer running.");
  g_assert_null (find_toplevel ("group-end-question"));
  mg_test_ui_save_png (dialog, "consumer-end-refused");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-error") == NULL);
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);

  g_test_add ("/consumer-end/end", EndFixture, NULL, end_set_up, test_end, end_tear_down);
  g_test_add ("/consumer-end/refused", EndFixture, NULL, end_set_up, test_refused,
              end_tear_down);

  return g_test_run ();
}
