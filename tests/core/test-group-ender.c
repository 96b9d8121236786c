/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-group-ender on real control groups this test makes (root, cgroup v1
 * memory and the unified hierarchy): its refusals (another user's process, MemGauge
 * itself, the session) and ending real processes by cgroup.kill, and by SIGTERM then
 * SIGKILL for one that ignores SIGTERM; and the same for one process (mg_process_end_*),
 * whose start time keeps a later process with its pid safe. */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mg-env.h"
#include "mg-group-ender.h"
#include "mg-test-util.h"

#define MEMORY_ROOT "/sys/fs/cgroup/memory"
#define UNIFIED_ROOT "/sys/fs/cgroup/unified"

typedef struct {
  char    *name;          /* the group's path, "/memgauge-test-ender-PID[/...]" */
  char    *memory_dir;
  char    *unified_dir;   /* NULL without a unified twin */
  GArray  *children;      /* pid_t, spawned by the test */
  MgGroup *group;
  gboolean done;
  gboolean ended;
  guint    n_killed;
  GError  *error;
} Fixture;

static gboolean
need_root (void)
{
  if (geteuid () == 0)
    return TRUE;
  if (g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL)
    {
      g_test_message ("MEMGAUGE_TEST_NO_SKIP is set, but this needs root to make cgroups");
      g_test_fail ();
    }
  else
    g_test_skip ("making control groups needs root");
  return FALSE;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  int fd = open (path, O_WRONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  close (fd);
}

static void
move_pid (const char *dir,
          pid_t       pid)
{
  g_autofree char *procs = g_build_filename (dir, "cgroup.procs", NULL);
  g_autofree char *text = g_strdup_printf ("%d\n", (int) pid);

  write_text (procs, text);
}

/* Starts argv and puts it in the group (both hierarchies). */
static pid_t
spawn_in_group (Fixture            *fixture,
                const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  move_pid (fixture->memory_dir, pid);
  if (fixture->unified_dir != NULL)
    move_pid (fixture->unified_dir, pid);
  g_array_append_val (fixture->children, pid);
  return pid;
}

static void
make_group (Fixture    *fixture,
            const char *leaf,
            gboolean    unified)
{
  g_autofree char *top = g_strdup_printf ("/memgauge-test-ender-%d", (int) getpid ());

  fixture->name = leaf != NULL ? g_strconcat (top, "/", leaf, NULL) : g_strdup (top);
  fixture->memory_dir = g_strconcat (MEMORY_ROOT, fixture->name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->memory_dir, 0755), ==, 0);
  if (unified)
    {
      fixture->unified_dir = g_strconcat (UNIFIED_ROOT, fixture->name, NULL);
      g_assert_cmpint (g_mkdir_with_parents (fixture->unified_dir, 0755), ==, 0);
    }

  fixture->group = mg_group_new (fixture->name);
  fixture->group->procs_path = g_build_filename (fixture->memory_dir, "cgroup.procs", NULL);
  /* As the walker sets it on a hybrid system: where the unified twin would be. */
  fixture->group->kill_path = g_strconcat (UNIFIED_ROOT, fixture->name, "/cgroup.kill", NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->children = g_array_new (FALSE, FALSE, sizeof (pid_t));
}

static void
remove_dirs (const char *root,
             const char *name)
{
  g_autofree char *path = g_strconcat (root, name, NULL);

  /* The leaf, then the test's own top folder above it. */
  rmdir (path);
  if (strchr (name + 1, '/') != NULL)
    {
      *strrchr (path, '/') = '\0';
      rmdir (path);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < fixture->children->len; i++)
    {
      pid_t pid = g_array_index (fixture->children, pid_t, i);

      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
    }
  if (fixture->name != NULL)
    {
      remove_dirs (MEMORY_ROOT, fixture->name);
      if (fixture->unified_dir != NULL)
        remove_dirs (UNIFIED_ROOT, fixture->name);
    }
  g_array_unref (fixture->children);
  g_clear_pointer (&fixture->group, mg_group_free);
  g_clear_error (&fixture->error);
  g_free (fixture->name);
  g_free (fixture->memory_dir);
  g_free (fixture->unified_dir);
}

static void
on_ended (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->ended = mg_group_end_finish (result, &fixture->n_killed, &fixture->error);
  fixture->done = TRUE;
}

static void
end_and_wait (Fixture *fixture)
{
  mg_group_end_async (fixture->group, NULL, on_ended, fixture);
  while (!fixture->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The signal that ended a child, or 0 if it still runs. */
static int
reap (pid_t pid)
{
  int status = 0;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        return 0;
      g_usleep (10000);
    }
  return WIFSIGNALED (status) ? WTERMSIG (status) : -1;
}

static gboolean
is_running (pid_t pid)
{
  return waitpid (pid, NULL, WNOHANG) == 0;
}

static const char *const sleeper[] = { "sleep", "60", NULL };

static void
test_session_names (void)
{
  static const struct {
    const char *path;
    gboolean    session;
  } cases[] = {
    { "/user.slice/user-1000.slice/session-2.scope", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service/init.scope", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service/session.slice/"
      "org.gnome.Shell@wayland.service", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service/session.slice/dbus-broker.service", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/"
      "app-org.kde.plasmashell.service", TRUE },
    { "/system.slice/dbus.service", TRUE },
    { "/system.slice/systemd-logind.service", TRUE },
    { "/system.slice/gdm.service", TRUE },
    { "/init.scope", TRUE },
    { "/", TRUE },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/"
      "app-gnome-firefox-4242.scope", FALSE },
    { "/machine.slice/libpod-3f2a9c1b4b5e.scope", FALSE },
    { "/system.slice/postgresql.service", FALSE },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/app-session-helper.scope", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (mg_group_is_session (cases[i].path), ==, cases[i].session);
    }
}

static void
test_refuses_other_user (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *const as_nobody[] = {
    "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sleep", "60", NULL,
  };
  pid_t mine, theirs;
  g_autofree char *expected = NULL;

  if (!need_root ())
    return;

  make_group (fixture, NULL, TRUE);
  mine = spawn_in_group (fixture, sleeper);
  theirs = spawn_in_group (fixture, as_nobody);

  /* setpriv changes its user before it runs sleep: wait for that. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;;)
    {
      g_autofree char *proc = g_strdup_printf ("/proc/%d", (int) theirs);
      struct stat st;

      g_assert_cmpint (stat (proc, &st), ==, 0);
      if (st.st_uid == 65534)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }

  g_assert_false (mg_group_end_check (fixture->group, NULL, &fixture->error));
  g_assert_error (fixture->error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_OTHER_USER);
  expected = g_strdup_printf ("Process %d in it belongs to another user.", (int) theirs);
  g_assert_cmpstr (fixture->error->message, ==, expected);
  g_clear_error (&fixture->error);

  end_and_wait (fixture);
  g_assert_false (fixture->ended);
  g_assert_error (fixture->error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_OTHER_USER);
  /* Nothing was ended: not even the user's own process beside it. */
  g_usleep (100000);
  g_assert_true (is_running (mine));
  g_assert_true (is_running (theirs));
}

static void
test_refuses_self (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pid_t other;

  if (!need_root ())
    return;

  make_group (fixture, NULL, FALSE);
  other = spawn_in_group (fixture, sleeper);
  move_pid (fixture->memory_dir, getpid ());

  g_assert_false (mg_group_end_check (fixture->group, NULL, &fixture->error));
  g_assert_error (fixture->error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SELF);
  g_assert_cmpstr (fixture->error->message, ==, "MemGauge itself runs in it.");
  g_clear_error (&fixture->error);

  end_and_wait (fixture);
  g_assert_error (fixture->error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SELF);
  move_pid (MEMORY_ROOT, getpid ());
  g_assert_true (is_running (other));
}

static void
test_refuses_session (Fixture       *fixture,
                      gconstpointer  user_data)
{
  pid_t pid;

  if (!need_root ())
    return;

  make_group (fixture, "session-7.scope", TRUE);
  pid = spawn_in_group (fixture, sleeper);

  end_and_wait (fixture);
  g_assert_false (fixture->ended);
  g_assert_error (fixture->error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SESSION);
  g_assert_cmpstr (fixture->error->message, ==,
                   "It holds your session or the desktop itself: ending it would log you out.");
  g_usleep (100000);
  g_assert_true (is_running (pid));
}

static void
test_cgroup_kill (Fixture       *fixture,
                  gconstpointer  user_data)
{
  pid_t pids[3];
  guint n = 0;

  if (!need_root ())
    return;

  make_group (fixture, "app-gnome-org.example.Sleepy-77.scope", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    pids[i] = spawn_in_group (fixture, sleeper);

  g_assert_true (mg_group_end_check (fixture->group, &n, &fixture->error));
  g_assert_no_error (fixture->error);
  g_assert_cmpuint (n, ==, 3);

  end_and_wait (fixture);
  g_assert_no_error (fixture->error);
  g_assert_true (fixture->ended);
  /* cgroup.kill sends SIGKILL itself, at once: none needed one from MemGauge. */
  g_assert_cmpuint (fixture->n_killed, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    g_assert_cmpint (reap (pids[i]), ==, SIGKILL);
  g_array_set_size (fixture->children, 0);
}

static void
test_term_then_kill (Fixture       *fixture,
                     gconstpointer  user_data)
{
  /* An ignored signal stays ignored across exec: this sleep ignores SIGTERM. */
  static const char *const stubborn[] = { "sh", "-c", "trap '' TERM; exec sleep 60", NULL };
  pid_t polite1, polite2, deaf;
  gint64 start;

  if (!need_root ())
    return;

  /* Without a unified twin there is no cgroup.kill: signals it is. */
  make_group (fixture, NULL, FALSE);
  polite1 = spawn_in_group (fixture, sleeper);
  polite2 = spawn_in_group (fixture, sleeper);
  deaf = spawn_in_group (fixture, stubborn);
  /* Wait until sh has run exec and the trap holds. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;;)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", (int) deaf);
      g_autofree char *comm = NULL;

      g_file_get_contents (comm_path, &comm, NULL, NULL);
      if (g_strcmp0 (comm, "sleep\n") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }

  g_setenv (MG_END_GRACE_MS_ENV, "400", TRUE);
  start = g_get_monotonic_time ();
  end_and_wait (fixture);
  g_unsetenv (MG_END_GRACE_MS_ENV);

  g_assert_no_error (fixture->error);
  g_assert_true (fixture->ended);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (fixture->n_killed, ==, 1);
  g_assert_cmpint (reap (polite1), ==, SIGTERM);
  g_assert_cmpint (reap (polite2), ==, SIGTERM);
  g_assert_cmpint (reap (deaf), ==, SIGKILL);
  g_array_set_size (fixture->children, 0);
}

static void
test_default_grace (void)
{
  g_unsetenv (MG_END_GRACE_MS_ENV);
  g_assert_cmpuint (mg_env_get_end_grace_ms (MG_GROUP_END_GRACE_MS), ==, 5000);
  g_setenv (MG_END_GRACE_MS_ENV, "250", TRUE);
  g_assert_cmpuint (mg_env_get_end_grace_ms (MG_GROUP_END_GRACE_MS), ==, 250);
  g_unsetenv (MG_END_GRACE_MS_ENV);
}

static void
test_process_stat (void)
{
  MgProcessStat stat;

  /* A comm with ") " in it, a negative priority and nice (fields 18, 19). */
  g_assert_true (mg_process_parse_stat ("4242 (evil) (x) S 1 4242 4242 0 -1 4194560 95 0 0 "
                                        "0 0 0 0 0 -2 -20 1 0 987654 5738496 120 ...\n",
                                        &stat));
  g_assert_cmpstr (stat.comm, ==, "evil) (x");
  g_assert_cmpint (stat.state, ==, 'S');
  g_assert_cmpuint (stat.session, ==, 4242);
  g_assert_cmpuint (stat.start_time, ==, 987654);
  g_assert_false (mg_process_parse_stat ("", &stat));
  g_assert_false (mg_process_parse_stat ("12 (cut) S 1 2 3", &stat));
  g_assert_false (mg_process_parse_stat ("12 (x) S 1 2 x 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5", &stat));
}

static void
test_process_session_names (void)
{
  g_assert_true (mg_process_is_session (1, "process_api"));
  g_assert_true (mg_process_is_session (900, "systemd"));
  g_assert_true (mg_process_is_session (901, "dbus-daemon"));
  g_assert_true (mg_process_is_session (902, "dbus-broker"));
  g_assert_true (mg_process_is_session (903, "gnome-shell"));
  g_assert_true (mg_process_is_session (904, "gnome-session-b"));
  g_assert_true (mg_process_is_session (905, "kwin_wayland"));
  g_assert_true (mg_process_is_session (906, "Xwayland"));
  g_assert_false (mg_process_is_session (907, "firefox-esr"));
  g_assert_false (mg_process_is_session (908, "systemd-analyze"));
}

static void
on_process_ended (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->ended = mg_group_end_finish (result, &fixture->n_killed, &fixture->error);
  fixture->done = TRUE;
}

static void
test_process_term_then_kill (void)
{
  const char *argv[] = { "sh", "-c", "trap '' TERM; exec sleep 60", NULL };
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  MgProcessUsage usage = { 0 };
  GPid deaf;
  gint64 start;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                NULL, NULL, &deaf, &error));
  g_assert_no_error (error);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;;)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) deaf);
      g_autofree char *text = NULL;
      MgProcessStat stat;

      if (g_file_get_contents (stat_path, &text, NULL, NULL) &&
          mg_process_parse_stat (text, &stat) && g_str_equal (stat.comm, "sleep"))
        {
          usage.start_time = stat.start_time;
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5000);
    }
  usage.pid = (guint32) deaf;
  usage.has_start_time = TRUE;
  g_strlcpy (usage.name, "sleep", sizeof usage.name);

  /* Another start time is another process, which happens to have the pid: refused. */
  usage.start_time++;
  g_assert_false (mg_process_end_check (&usage, &error));
  g_assert_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_EMPTY);
  g_clear_error (&error);
  usage.start_time--;
  g_assert_true (mg_process_end_check (&usage, &error));
  g_assert_no_error (error);

  /* It ignores SIGTERM: SIGKILL after the grace. */
  g_setenv (MG_END_GRACE_MS_ENV, "300", TRUE);
  start = g_get_monotonic_time ();
  mg_process_end_async (&usage, NULL, on_process_ended, &fixture);
  while (!fixture.done)
    g_main_context_iteration (NULL, TRUE);
  g_unsetenv (MG_END_GRACE_MS_ENV);
  g_assert_no_error (fixture.error);
  g_assert_true (fixture.ended);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (fixture.n_killed, ==, 1);
  g_assert_cmpint (reap (deaf), ==, SIGKILL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/group-ender/session-names", test_session_names);
  g_test_add_func ("/group-ender/default-grace", test_default_grace);
  g_test_add_func ("/group-ender/process-stat", test_process_stat);
  g_test_add_func ("/group-ender/process-session-names", test_process_session_names);
  g_test_add_func ("/group-ender/process-term-then-kill", test_process_term_then_kill);
  g_test_add ("/group-ender/refuses-other-user", Fixture, NULL, fixture_setup,
              test_refuses_other_user, fixture_teardown);
  g_test_add ("/group-ender/refuses-self", Fixture, NULL, fixture_setup,
              test_refuses_self, fixture_teardown);
  g_test_add ("/group-ender/refuses-session", Fixture, NULL, fixture_setup,
              test_refuses_session, fixture_teardown);
  g_test_add ("/group-ender/cgroup-kill", Fixture, NULL, fixture_setup,
              test_cgroup_kill, fixture_teardown);
  g_test_add ("/group-ender/term-then-kill", Fixture, NULL, fixture_setup,
              test_term_then_kill, fixture_teardown);

  return g_test_run ();
}
