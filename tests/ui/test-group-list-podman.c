/* SPDX-License-Identifier: GPL-3.0-or-later */
/* As root, a real podman container "web" (--memory=64m, holding 40 MiB; started by
 * tests/lib/podman-web.sh) in "Apps and Containers", read from /sys/fs/cgroup and named
 * from podman's own metadata; ending it from its row ends it. Its own meson test,
 * group-list-podman, never in parallel with another. */

#include <sys/wait.h>
#include <unistd.h>

#include "group-list-fixture.h"
#include "mg-test-ui.h"

/* Rootful podman reads its configuration below HOME and the XDG folders, which the
 * GLib test isolation points at places that are not folders: the system's, then. */
static char **
podman_environ (void)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "HOME");
  env = g_environ_unsetenv (env, "XDG_CONFIG_HOME");
  env = g_environ_unsetenv (env, "XDG_CONFIG_DIRS");
  env = g_environ_unsetenv (env, "XDG_DATA_HOME");
  env = g_environ_unsetenv (env, "XDG_RUNTIME_DIR");
  return g_environ_setenv (env, "HOME", "/root", TRUE);
}

/* Runs tests/lib/podman-web.sh; returns its exit status and its output. */
static int
podman_web (const char * const *args,
            char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MEMGAUGE_PODMAN_WEB"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_auto(GStrv) env = podman_environ ();

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  if (err[0] != '\0')
    g_test_message ("podman-web.sh: %s", err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gboolean
container_exists (const char *name)
{
  const char *argv[] = { "podman", "container", "exists", name, NULL };
  g_auto(GStrv) env = podman_environ ();
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                               NULL));
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* As root, a real podman container "web" (--memory=64m, holding 40 MiB) in the window,
 * read from /sys/fs/cgroup and named from podman's own metadata; ending it from its row
 * ends it. */
static void
test_podman (ListFixture   *fixture,
             gconstpointer  data)
{
  static const char *const start[] = { "start", "web", "64m", "40", NULL };
  static const char *const stop[] = { "stop", "web", NULL };
  g_autoptr(TestGrowingWalker) walker = g_object_new (TEST_TYPE_GROWING_WALKER, NULL);
  g_autoptr(MgGroupScanner) scanner = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  const char *limit;
  GtkWidget *dialog;
  guint web = MG_GROUP_LIST_N_ROWS;

  if (geteuid () != 0)
    {
      if (g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL)
        g_test_fail_printf ("MEMGAUGE_TEST_NO_SKIP is set, but this needs root");
      else
        g_test_skip ("needs root: runs a rootful podman container");
      return;
    }
  g_assert_cmpint (podman_web (start, &id), ==, 0);
  g_strstrip (id);
  g_test_message ("container %s", id);

  /* The real tree, but without the sandbox's own groups (process_api, hundreds of MiB
   * each): how many of those a machine runs must not push "web" off the eight rows. */
  walker->inner = mg_cgroup_walker_new ("/sys/fs/cgroup");
  walker->drop_prefix = "/process_api/";
  scanner = mg_group_scanner_new (MG_GROUP_WALKER (walker), mg_group_namer_new (NULL, NULL));
  mg_group_scanner_set_min_interval (scanner, 0);
  mg_group_list_set_scanner (fixture->list, scanner);
  g_set_object (&fixture->scanner, scanner);
  show_groups (fixture);
  for (guint i = 0; i < MG_GROUP_LIST_N_ROWS; i++)
    if (gtk_widget_get_visible (row_at (fixture, i)) &&
        g_str_has_suffix (mg_group_row_get_group (MG_GROUP_ROW (row_at (fixture, i)))->path, id))
      web = i;
  g_assert_cmpuint (web, <, MG_GROUP_LIST_N_ROWS);
  g_assert_cmpstr (row_text (fixture, web, "group_name"), ==, "web");
  g_assert_cmpstr (row_text (fixture, web, "group_kind"), ==, "Container");
  limit = row_text (fixture, web, "group_limit");
  g_assert_nonnull (limit);
  g_assert_true (g_str_has_suffix (limit, " % of its 64.0\u00a0MiB limit"));
  save (fixture, "podman");

  gtk_widget_grab_focus (row_part (fixture, web, "group_end"));
  gw_send_key (&fixture->gw, GDK_KEY_space);
  MG_TEST_WAIT_FOR (find_toplevel ("group-end-question") != NULL);
  dialog = find_toplevel ("group-end-question");
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "End “web”?");
  gtk_dialog_response (GTK_DIALOG (dialog), 1);
  MG_TEST_WAIT_FOR (!container_exists ("web"));
  podman_web (stop, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);
  gtk_icon_theme_prepend_search_path (gtk_icon_theme_get_default (), "/usr/share/icons");
  g_test_add ("/group-list/podman", ListFixture, "v2-gnome", list_set_up, test_podman,
              list_tear_down);
  return g_test_run ();
}
