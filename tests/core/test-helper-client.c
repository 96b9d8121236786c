/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-helper-client and mg-env: the command, running it, what its status means. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-env.h"
#include "mg-enums.h"
#include "mg-helper-client.h"
#include "mg-test-files.h"

/* --- outcomes ------------------------------------------------------------------------------ */

static void
test_outcome_table (void)
{
  const struct {
    int wait_status;
    MgSwappinessOutcome outcome;
  } cases[] = {
    { W_EXITCODE (0, 0), MG_SWAPPINESS_OUTCOME_CHANGED },
    { W_EXITCODE (126, 0), MG_SWAPPINESS_OUTCOME_CANCELLED },
    { W_EXITCODE (127, 0), MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED },
    { W_EXITCODE (MG_HELPER_EXIT_INVALID, 0), MG_SWAPPINESS_OUTCOME_INVALID_VALUE },
    { W_EXITCODE (10, 0), MG_SWAPPINESS_OUTCOME_INVALID_VALUE },
    { W_EXITCODE (30, 0), MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED },
    { W_EXITCODE (20, 0), MG_SWAPPINESS_OUTCOME_WRITE_FAILED },
    { W_EXITCODE (40, 0), MG_SWAPPINESS_OUTCOME_WRITE_FAILED },
    { W_EXITCODE (50, 0), MG_SWAPPINESS_OUTCOME_WRITE_FAILED },
    { W_EXITCODE (MG_HELPER_EXIT_PERSIST_FAILED, 0), MG_SWAPPINESS_OUTCOME_PERSIST_FAILED },
    { W_EXITCODE (MG_HELPER_EXIT_USAGE, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (MG_HELPER_EXIT_NOT_ROOT, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (MG_HELPER_EXIT_SETUP_FAILED, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    /* Another key's codes: not swappiness's outcome. */
    { W_EXITCODE (31, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (16, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (1, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (255, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGKILL), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGSEGV) | WCOREFLAG, MG_SWAPPINESS_OUTCOME_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *message = NULL;

      g_test_message ("wait status 0x%x", (guint) cases[i].wait_status);
      g_assert_cmpint (mg_swappiness_outcome_from_wait_status (cases[i].wait_status, &message),
                       ==, cases[i].outcome);
      g_assert_cmpstr (message, ==, mg_swappiness_outcome_get_message (cases[i].outcome));
    }

  /* The message is optional. */
  g_assert_cmpint (mg_swappiness_outcome_from_wait_status (W_EXITCODE (127, 0), NULL),
                   ==, MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED);
}

static void
test_outcome_codes (void)
{
  int codes[6 + 5 * MG_SYSCTL_N_KEYS] = {
    MG_HELPER_EXIT_USAGE,
    MG_HELPER_EXIT_INVALID,
    MG_HELPER_EXIT_NOT_ROOT,
    MG_HELPER_EXIT_SETUP_FAILED,
    MG_HELPER_EXIT_PERSIST_FAILED,
    MG_HELPER_EXIT_COMPACT_FAILED,
  };
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      codes[6 + 5 * k] = MG_HELPER_EXIT_OUT_OF_RANGE + (int) k;
      codes[7 + 5 * k] = MG_HELPER_EXIT_UNSUPPORTED + (int) k;
      codes[8 + 5 * k] = MG_HELPER_EXIT_KERNEL_REFUSED + (int) k;
      codes[9 + 5 * k] = MG_HELPER_EXIT_WRITE_FAILED + (int) k;
      codes[10 + 5 * k] = MG_HELPER_EXIT_RESTORE_FAILED + (int) k;
    }

  /* Distinct, non-zero, and clear of pkexec's 126/127 and the harness's 77. */
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpint (codes[i], >, 0);
      g_assert_cmpint (codes[i], <, 126);
      g_assert_cmpint (codes[i], !=, 77);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpint (codes[i], !=, codes[j]);
    }

  /* Each outcome has a message of its own. */
  for (int o = MG_SWAPPINESS_OUTCOME_CHANGED; o <= MG_SWAPPINESS_OUTCOME_FAILED; o++)
    {
      const char *message = mg_swappiness_outcome_get_message ((MgSwappinessOutcome) o);

      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 0);
      g_assert_false (g_hash_table_contains (messages, message));
      g_hash_table_add (messages, (gpointer) message);
    }
}

/* --- confirming against the kernel --------------------------------------------------------- */

static void
test_confirm (void)
{
  const struct {
    MgSwappinessOutcome reported;
    gboolean persist;
    gboolean overridden;
    gboolean have_now;
    guint now;
    MgSwappinessOutcome outcome;
    MgSwappinessSeverity severity;
    const char *message;
  } cases[] = {
    { MG_SWAPPINESS_OUTCOME_CHANGED, FALSE, FALSE, TRUE, 10, MG_SWAPPINESS_OUTCOME_CHANGED,
      MG_SWAPPINESS_SEVERITY_SUCCESS,
      "Swappiness was changed. The kernel now reports 10. It will be reset when the computer "
      "restarts." },
    { MG_SWAPPINESS_OUTCOME_CHANGED, TRUE, FALSE, TRUE, 10, MG_SWAPPINESS_OUTCOME_CHANGED,
      MG_SWAPPINESS_SEVERITY_SUCCESS,
      "Swappiness was changed. The kernel now reports 10. It was saved and will be kept after "
      "a restart." },
    { MG_SWAPPINESS_OUTCOME_CHANGED, TRUE, TRUE, TRUE, 10, MG_SWAPPINESS_OUTCOME_CHANGED,
      MG_SWAPPINESS_SEVERITY_SUCCESS,
      "Swappiness was changed. The kernel now reports 10. It was saved, but another sysctl "
      "file overrides it when the computer starts." },
    /* The helper's word alone is not enough. */
    { MG_SWAPPINESS_OUTCOME_CHANGED, FALSE, FALSE, TRUE, 60, MG_SWAPPINESS_OUTCOME_FAILED,
      MG_SWAPPINESS_SEVERITY_ERROR,
      "Swappiness was not changed as asked: the kernel reports 60 instead of 10." },
    { MG_SWAPPINESS_OUTCOME_CHANGED, FALSE, FALSE, FALSE, 0, MG_SWAPPINESS_OUTCOME_FAILED,
      MG_SWAPPINESS_SEVERITY_WARNING,
      "The helper reported success, but MemGauge cannot read swappiness back from the kernel "
      "to confirm it." },
    { MG_SWAPPINESS_OUTCOME_PERSIST_FAILED, TRUE, FALSE, TRUE, 10,
      MG_SWAPPINESS_OUTCOME_PERSIST_FAILED, MG_SWAPPINESS_SEVERITY_WARNING,
      "Swappiness was changed, but it could not be saved, so it will be reset when the "
      "computer restarts. The kernel now reports 10." },
    { MG_SWAPPINESS_OUTCOME_CANCELLED, FALSE, FALSE, TRUE, 60, MG_SWAPPINESS_OUTCOME_CANCELLED,
      MG_SWAPPINESS_SEVERITY_INFO,
      "Swappiness was not changed because authentication was cancelled." },
    { MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED, FALSE, FALSE, TRUE, 60,
      MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED, MG_SWAPPINESS_SEVERITY_ERROR, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      MgSwappinessSeverity severity;
      MgSwappinessOutcome outcome;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      outcome = mg_swappiness_outcome_confirm (cases[i].reported, 10, cases[i].persist,
                                               cases[i].overridden, cases[i].have_now,
                                               cases[i].now, &severity, &message);
      g_assert_cmpint (outcome, ==, cases[i].outcome);
      g_assert_cmpint (severity, ==, cases[i].severity);
      g_assert_cmpstr (message, ==, cases[i].message != NULL ? cases[i].message
                                    : mg_swappiness_outcome_get_message (cases[i].outcome));
    }
}

static void
test_enum_types (void)
{
  GEnumClass *klass = g_type_class_ref (MG_TYPE_SWAPPINESS_OUTCOME);

  /* The applied signal carries this type: each outcome has a registered value. */
  for (int o = MG_SWAPPINESS_OUTCOME_CHANGED; o <= MG_SWAPPINESS_OUTCOME_FAILED; o++)
    g_assert_nonnull (g_enum_get_value (klass, o));
  g_assert_cmpstr (g_enum_get_value (klass, MG_SWAPPINESS_OUTCOME_PERSIST_FAILED)->value_nick,
                   ==, "persist-failed");
  g_type_class_unref (klass);
}

static void
test_host_command (void)
{
  g_autofree char *plain = mg_helper_client_host_command (10, FALSE);
  g_autofree char *persist = mg_helper_client_host_command (200, TRUE);

  g_assert_cmpstr (plain, ==, "sudo sysctl -w vm.swappiness=10");
  /* MemGauge's own file, only its swappiness line replaced: never the old helper's file. */
  g_assert_cmpstr (persist, ==,
                   "sudo sysctl -w vm.swappiness=200 && sudo touch /etc/sysctl.d/99-memgauge.conf && "
                   "sudo sed -i '/^vm\\.swappiness *=/d' /etc/sysctl.d/99-memgauge.conf && "
                   "echo 'vm.swappiness = 200' | sudo tee -a /etc/sysctl.d/99-memgauge.conf");
}

/* --- the environment ----------------------------------------------------------------------- */

static void
test_env_interval (void)
{
  const char *rejected[] = {
    "", "0", "-1", "+5", " 5", "5 ", "5ms", "0x10", "1e3", "60001", "99999999999999999999",
    "\xef\xbc\x95", "5\n",
  };
  const struct {
    const char *text;
    guint value;
  } accepted[] = {
    { "1", 1 }, { "50", 50 }, { "007", 7 }, { "60000", 60000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      guint value = 12345;

      g_test_message ("rejected: \"%s\"", rejected[i]);
      g_assert_false (mg_env_parse_interval_ms (rejected[i], &value));
      g_assert_cmpuint (value, ==, 12345);
    }
  g_assert_false (mg_env_parse_interval_ms (NULL, &(guint) { 0 }));

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      guint value = 0;

      g_assert_true (mg_env_parse_interval_ms (accepted[i].text, &value));
      g_assert_cmpuint (value, ==, accepted[i].value);
    }

  g_unsetenv (MG_TEST_INTERVAL_MS_ENV);
  g_assert_cmpuint (mg_env_get_test_interval_ms (), ==, 0);
  g_setenv (MG_TEST_INTERVAL_MS_ENV, "250", TRUE);
  g_assert_cmpuint (mg_env_get_test_interval_ms (), ==, 250);

  /* One warning naming the variable and the value, and the value is ignored. */
  g_setenv (MG_TEST_INTERVAL_MS_ENV, "-3", TRUE);
  g_test_expect_message ("memgauge-env", G_LOG_LEVEL_WARNING,
                         "Ignoring MEMGAUGE_TEST_INTERVAL_MS=-3:*");
  g_assert_cmpuint (mg_env_get_test_interval_ms (), ==, 0);
  g_test_assert_expected_messages ();
  g_unsetenv (MG_TEST_INTERVAL_MS_ENV);
}

/* --- the command --------------------------------------------------------------------------- */

/* A stand-in for pkexec and the helper; returns its path. */
static char *
write_command (MgTestTempDir *fixture,
               const char *name,
               const char *script,
               int         mode)
{
  g_autofree char *path = g_build_filename (fixture->path, name, NULL);

  mg_test_write_file (fixture->path, name, script);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);

  return g_steal_pointer (&path);
}

static void
test_argv (MgTestTempDir *fixture,
           gconstpointer  user_data)
{
  g_autofree char *command = write_command (fixture, "stand-in", "#!/bin/sh\nexit 0\n", 0755);
  g_autofree char *plain = write_command (fixture, "plain", "#!/bin/sh\nexit 0\n", 0644);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;

  MgSysctlValues request = { 0 };
  g_autofree char *joined = NULL;

  g_assert_cmpstr (MG_SWAPPINESS_COMMAND_ENV, ==, "MEMGAUGE_HELPER_COMMAND");
  g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
  argv = mg_helper_client_build_argv (10, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 3);
  g_assert_cmpstr (argv[0], ==, command);
  g_assert_cmpstr (argv[1], ==, "sysctl");
  g_assert_cmpstr (argv[2], ==, "vm.swappiness=10");
  g_clear_pointer (&argv, g_strfreev);

  argv = mg_helper_client_build_argv (200, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 4);
  g_assert_cmpstr (argv[2], ==, "vm.swappiness=200");
  g_assert_cmpstr (argv[3], ==, "--persist");
  g_clear_pointer (&argv, g_strfreev);

  /* Several keys: table order, whatever order they were set in. */
  request.set[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = TRUE;
  request.value[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = 5;
  request.set[MG_SYSCTL_VFS_CACHE_PRESSURE] = TRUE;
  request.value[MG_SYSCTL_VFS_CACHE_PRESSURE] = 50;
  request.set[MG_SYSCTL_MIN_FREE_KBYTES] = TRUE;
  request.value[MG_SYSCTL_MIN_FREE_KBYTES] = 1258291;
  argv = mg_helper_client_build_sysctl_argv (&request, TRUE, &error);
  g_assert_no_error (error);
  joined = g_strjoinv (" ", argv + 1);
  g_assert_cmpstr (joined, ==, "sysctl vm.vfs_cache_pressure=50 vm.min_free_kbytes=1258291 "
                               "vm.dirty_background_ratio=5 --persist");
  g_clear_pointer (&argv, g_strfreev);
  g_clear_pointer (&joined, g_free);

  argv = mg_helper_client_build_compact_argv (&error);
  g_assert_no_error (error);
  joined = g_strjoinv (" ", argv + 1);
  g_assert_cmpstr (joined, ==, "compact");
  g_clear_pointer (&argv, g_strfreev);

  /* Not executable, or missing: found before anything runs. */
  g_setenv (MG_HELPER_COMMAND_ENV, plain, TRUE);
  argv = mg_helper_client_build_argv (10, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (argv);
  g_clear_error (&error);

  g_setenv (MG_HELPER_COMMAND_ENV, "/nonexistent/helper", TRUE);
  argv = mg_helper_client_build_argv (10, FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Empty counts as unset: then the command is pkexec and the installed helper. */
  g_setenv (MG_HELPER_COMMAND_ENV, "", TRUE);
  g_assert_null (mg_env_get_helper_command ());
  g_assert_true (g_str_has_suffix (HELPER_PATH, "/memgauge/memgauge-helper"));
  argv = mg_helper_client_build_argv (10, TRUE, &error);
  if (argv != NULL)
    {
      g_assert_true (g_str_has_suffix (argv[0], "/pkexec"));
      g_assert_cmpstr (argv[1], ==, HELPER_PATH);
      g_assert_cmpstr (argv[2], ==, "sysctl");
      g_assert_cmpstr (argv[3], ==, "vm.swappiness=10");
      g_assert_cmpstr (argv[4], ==, "--persist");
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    }
}

typedef struct {
  gboolean done;
  gboolean ok;
  MgSwappinessOutcome outcome;
  GError *error;
} RunResult;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunResult *run = user_data;

  run->ok = mg_helper_client_set_swappiness_finish (result, &run->outcome, &run->error);
  run->done = TRUE;
}

static void
run_until_done (RunResult *run)
{
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_run (MgTestTempDir *fixture,
          gconstpointer  user_data)
{
  const struct {
    const char *script;
    MgSwappinessOutcome outcome;
  } cases[] = {
    { "#!/bin/sh\n[ \"$*\" = 'sysctl vm.swappiness=10 --persist' ] || exit 1\n"
      "printf 'vm.swappiness=10 ok\\nvm.swappiness=10 persisted\\n'\n",
      MG_SWAPPINESS_OUTCOME_CHANGED },
    { "#!/bin/sh\necho vm.swappiness=10 ok\nexit 7\n", MG_SWAPPINESS_OUTCOME_PERSIST_FAILED },
    { "#!/bin/sh\necho vm.swappiness=10 refused\nexit 30\n",
      MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED },
    /* The exit code alone is not enough: success without the report claims nothing. */
    { "#!/bin/sh\nexit 0\n", MG_SWAPPINESS_OUTCOME_FAILED },
    { "#!/bin/sh\necho vm.swappiness=10 ok\nexit 0\n", MG_SWAPPINESS_OUTCOME_FAILED },
    { "#!/bin/sh\necho vm.swappiness=20 ok\necho vm.swappiness=20 persisted\nexit 0\n",
      MG_SWAPPINESS_OUTCOME_FAILED },
    { "#!/bin/sh\nexit 126\n", MG_SWAPPINESS_OUTCOME_CANCELLED },
    { "#!/bin/sh\nkill -s KILL $$\n", MG_SWAPPINESS_OUTCOME_FAILED },
    /* Executable, but its interpreter is missing: spawning fails. */
    { "#!/nonexistent/interpreter\nexit 0\n", MG_SWAPPINESS_OUTCOME_HELPER_MISSING },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("command-%" G_GSIZE_FORMAT, i);
      g_autofree char *command = write_command (fixture, name, cases[i].script, 0755);
      RunResult run = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
      mg_helper_client_set_swappiness_async (10, TRUE, NULL, on_run_done, &run);
      /* Never synchronous, even when nothing could be spawned. */
      g_assert_false (run.done);
      run_until_done (&run);
      g_assert_no_error (run.error);
      g_assert_true (run.ok);
      g_assert_cmpint (run.outcome, ==, cases[i].outcome);
    }
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_run_cancelled (MgTestTempDir *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *pid_file = g_build_filename (fixture->path, "pid", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho $$ > '%s'\nexec sleep 30\n",
                                             pid_file);
  g_autofree char *command = write_command (fixture, "slow", script, 0755);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pid_text = NULL;
  gint64 start = g_get_monotonic_time ();
  RunResult run = { 0 };
  pid_t pid;

  g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
  mg_helper_client_set_swappiness_async (10, FALSE, cancellable, on_run_done, &run);
  g_timeout_add (200, cancel_cb, cancellable);
  run_until_done (&run);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  /* The command was stopped (as pkexec waiting for a password would be), not waited for. */
  pid_text = mg_test_read_file (fixture->path, "pid");
  g_assert_nonnull (pid_text);
  pid = (pid_t) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  while (kill (pid, 0) == 0 && g_get_monotonic_time () - start < 10 * (gint64) G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  g_clear_pointer (&pid_text, g_free);

  /* Already cancelled: nothing runs. */
  run = (RunResult) { 0 };
  g_assert_cmpint (g_unlink (pid_file), ==, 0);
  mg_helper_client_set_swappiness_async (10, FALSE, cancellable, on_run_done, &run);
  run_until_done (&run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  pid_text = mg_test_read_file (fixture->path, "pid");
  g_assert_null (pid_text);
}

typedef struct {
  gboolean done;
  gboolean ok;
  MgHelperReport report;
  GError *error;
} GeneralResult;

static void
on_sysctl_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GeneralResult *run = user_data;

  run->ok = mg_helper_client_set_sysctl_finish (result, &run->report, &run->error);
  run->done = TRUE;
}

static void
on_compact_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GeneralResult *run = user_data;

  run->ok = mg_helper_client_compact_finish (result, &run->report, &run->error);
  run->done = TRUE;
}

/* Two keys with one password, each outcome read from the stand-in's report and exit code. */
static void
test_run_sysctl (MgTestTempDir *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *log = g_build_filename (fixture->path, "args", NULL);
  g_autofree char *script = g_strdup_printf (
    "#!/bin/sh\necho \"$*\" > '%s'\n"
    "echo vm.vfs_cache_pressure=50 ok\n"
    "echo vm.compaction_proactiveness=20 refused\n"
    "echo vm.vfs_cache_pressure=100 restored\n"
    "exit 32\n", log);
  g_autofree char *command = write_command (fixture, "stand-in", script, 0755);
  g_autofree char *args = NULL;
  MgSysctlValues request = { 0 };
  GeneralResult run = { 0 };

  request.set[MG_SYSCTL_COMPACTION_PROACTIVENESS] = TRUE;
  request.value[MG_SYSCTL_COMPACTION_PROACTIVENESS] = 20;
  request.set[MG_SYSCTL_VFS_CACHE_PRESSURE] = TRUE;
  request.value[MG_SYSCTL_VFS_CACHE_PRESSURE] = 50;

  g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
  mg_helper_client_set_sysctl_async (&request, TRUE, NULL, on_sysctl_done, &run);
  g_assert_false (run.done);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpint (run.report.outcome, ==, MG_HELPER_OUTCOME_KERNEL_REFUSED);
  g_assert_cmpint (run.report.failed_key, ==, MG_SYSCTL_COMPACTION_PROACTIVENESS);
  g_assert_cmpint (run.report.state[MG_SYSCTL_VFS_CACHE_PRESSURE], ==, MG_SYSCTL_STATE_RESTORED);
  g_assert_cmpint (run.report.state[MG_SYSCTL_COMPACTION_PROACTIVENESS], ==,
                   MG_SYSCTL_STATE_REFUSED);
  args = mg_test_read_file (fixture->path, "args");
  g_assert_cmpstr (args, ==,
                   "sysctl vm.vfs_cache_pressure=50 vm.compaction_proactiveness=20 --persist\n");

  /* Missing: found before anything runs, never synchronous. */
  run = (GeneralResult) { 0 };
  g_setenv (MG_HELPER_COMMAND_ENV, "/nonexistent/helper", TRUE);
  mg_helper_client_set_sysctl_async (&request, FALSE, NULL, on_sysctl_done, &run);
  g_assert_false (run.done);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run.ok);
  g_assert_cmpint (run.report.outcome, ==, MG_HELPER_OUTCOME_HELPER_MISSING);
}

static void
test_run_compact (MgTestTempDir *fixture,
                  gconstpointer  user_data)
{
  const struct {
    const char *script;
    MgHelperOutcome outcome;
  } cases[] = {
    { "#!/bin/sh\n[ \"$*\" = compact ] || exit 2\necho vm.compact_memory=1 ok\n",
      MG_HELPER_OUTCOME_DONE },
    { "#!/bin/sh\nexit 8\n", MG_HELPER_OUTCOME_COMPACT_FAILED },
    { "#!/bin/sh\nexit 0\n", MG_HELPER_OUTCOME_FAILED },
    { "#!/bin/sh\nexit 127\n", MG_HELPER_OUTCOME_NOT_AUTHORIZED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("compact-%" G_GSIZE_FORMAT, i);
      g_autofree char *command = write_command (fixture, name, cases[i].script, 0755);
      GeneralResult run = { 0 };

      g_test_message ("compact case %" G_GSIZE_FORMAT, i);
      g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
      mg_helper_client_compact_async (NULL, on_compact_done, &run);
      while (!run.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (run.error);
      g_assert_true (run.ok);
      g_assert_cmpint (run.report.outcome, ==, cases[i].outcome);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  mg_test_add_in_temp_dir ("/helper-client/run/sysctl", test_run_sysctl);
  mg_test_add_in_temp_dir ("/helper-client/run/compact", test_run_compact);
  g_test_add_func ("/helper-client/outcome/table", test_outcome_table);
  g_test_add_func ("/helper-client/outcome/codes", test_outcome_codes);
  g_test_add_func ("/helper-client/outcome/confirm", test_confirm);
  g_test_add_func ("/helper-client/outcome/enum-types", test_enum_types);
  g_test_add_func ("/helper-client/host-command", test_host_command);
  g_test_add_func ("/helper-client/env/interval", test_env_interval);
  mg_test_add_in_temp_dir ("/helper-client/argv", test_argv);
  mg_test_add_in_temp_dir ("/helper-client/run/outcomes", test_run);
  mg_test_add_in_temp_dir ("/helper-client/run/cancelled", test_run_cancelled);

  return g_test_run ();
}
