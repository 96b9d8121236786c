/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-client: runs pkexec and the privileged helper, and says what its exit status means. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <sys/wait.h>

#include <glib/gi18n-lib.h>

#include "mg-helper-client.h"

const char *
mg_swappiness_outcome_get_message (MgSwappinessOutcome outcome)
{
  switch (outcome)
    {
    case MG_SWAPPINESS_OUTCOME_CHANGED:
      return _("Swappiness was changed.");
    case MG_SWAPPINESS_OUTCOME_CANCELLED:
      /* Translators: the person closed the password dialog. */
      return _("Swappiness was not changed because authentication was cancelled.");
    case MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED:
      return _("Swappiness was not changed because you are not allowed to change it.");
    case MG_SWAPPINESS_OUTCOME_HELPER_MISSING:
      /* Translators: pkexec and the helper are program names; do not translate them. */
      return _("Swappiness cannot be changed because pkexec or memgauge-swappiness-helper "
               "is not installed.");
    case MG_SWAPPINESS_OUTCOME_INVALID_VALUE:
      return _("Swappiness was not changed because the value is not valid.");
    case MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED:
      /* Translators: "Linux 5.8" is a kernel version. */
      return _("Swappiness was not changed because the kernel refused the value. "
               "Kernels before Linux 5.8 accept at most 100.");
    case MG_SWAPPINESS_OUTCOME_WRITE_FAILED:
      return _("Swappiness could not be set to the new value.");
    case MG_SWAPPINESS_OUTCOME_PERSIST_FAILED:
      return _("Swappiness was changed, but it could not be saved, so it will be reset when "
               "the computer restarts.");
    case MG_SWAPPINESS_OUTCOME_FAILED:
    default:
      /* Translators: the dialog shows the value read from the kernel next to this. */
      return _("Something went wrong while changing swappiness. The value shown is the one "
               "in use now.");
    }
}

MgSwappinessOutcome
mg_swappiness_outcome_from_wait_status (int           wait_status,
                                        const char  **out_message)
{
  MgSwappinessOutcome outcome = MG_SWAPPINESS_OUTCOME_FAILED;

  if (WIFEXITED (wait_status))
    {
      switch (WEXITSTATUS (wait_status))
        {
        case MG_SWAPPINESS_EXIT_OK:
          outcome = MG_SWAPPINESS_OUTCOME_CHANGED;
          break;
        case MG_SWAPPINESS_PKEXEC_DISMISSED:
          outcome = MG_SWAPPINESS_OUTCOME_CANCELLED;
          break;
        case MG_SWAPPINESS_PKEXEC_NOT_AUTHORIZED:
          outcome = MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED;
          break;
        case MG_SWAPPINESS_EXIT_INVALID_VALUE:
          outcome = MG_SWAPPINESS_OUTCOME_INVALID_VALUE;
          break;
        case MG_SWAPPINESS_EXIT_KERNEL_REFUSED:
          outcome = MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED;
          break;
        case MG_SWAPPINESS_EXIT_WRITE_FAILED:
          outcome = MG_SWAPPINESS_OUTCOME_WRITE_FAILED;
          break;
        case MG_SWAPPINESS_EXIT_PERSIST_FAILED:
          outcome = MG_SWAPPINESS_OUTCOME_PERSIST_FAILED;
          break;
        default:
          /* USAGE and NOT_ROOT cannot happen through pkexec with the app's own arguments. */
          outcome = MG_SWAPPINESS_OUTCOME_FAILED;
          break;
        }
    }

  if (out_message != NULL)
    *out_message = mg_swappiness_outcome_get_message (outcome);

  return outcome;
}

MgSwappinessOutcome
mg_swappiness_outcome_confirm (MgSwappinessOutcome    outcome,
                               guint                  requested,
                               gboolean               persist,
                               gboolean               overridden,
                               gboolean               have_now,
                               guint                  now,
                               MgSwappinessSeverity  *out_severity,
                               char                 **out_message)
{
  MgSwappinessSeverity severity = MG_SWAPPINESS_SEVERITY_ERROR;
  char *message;

  g_return_val_if_fail (out_severity != NULL, outcome);
  g_return_val_if_fail (out_message != NULL, outcome);

  if (outcome == MG_SWAPPINESS_OUTCOME_CHANGED || outcome == MG_SWAPPINESS_OUTCOME_PERSIST_FAILED)
    {
      if (!have_now)
        {
          outcome = MG_SWAPPINESS_OUTCOME_FAILED;
          severity = MG_SWAPPINESS_SEVERITY_WARNING;
          message = g_strdup (_("The helper reported success, but MemGauge cannot read "
                                "swappiness back from the kernel to confirm it."));
        }
      else if (now != requested)
        {
          outcome = MG_SWAPPINESS_OUTCOME_FAILED;
          /* Translators: both are swappiness values, 0 to 200. */
          message = g_strdup_printf (_("Swappiness was not changed as asked: the kernel "
                                       "reports %u instead of %u."), now, requested);
        }
      else if (outcome == MG_SWAPPINESS_OUTCOME_PERSIST_FAILED)
        {
          severity = MG_SWAPPINESS_SEVERITY_WARNING;
          /* Translators: %s is a sentence saying the value could not be saved; %u is the
           * swappiness the kernel reports now. */
          message = g_strdup_printf (_("%s The kernel now reports %u."),
                                     mg_swappiness_outcome_get_message (outcome), now);
        }
      else
        {
          const char *lasting;

          severity = MG_SWAPPINESS_SEVERITY_SUCCESS;
          if (!persist)
            lasting = _("It will be reset when the computer restarts.");
          else if (overridden)
            lasting = _("It was saved, but another sysctl file overrides it when the computer "
                        "starts.");
          else
            lasting = _("It was saved and will be kept after a restart.");

          /* Translators: %u is the swappiness read back from the kernel; the last %s says
           * whether it lasts after a restart. */
          message = g_strdup_printf (_("Swappiness was changed. The kernel now reports %u. %s"),
                                     now, lasting);
        }
    }
  else
    {
      if (outcome == MG_SWAPPINESS_OUTCOME_CANCELLED)
        severity = MG_SWAPPINESS_SEVERITY_INFO;
      message = g_strdup (mg_swappiness_outcome_get_message (outcome));
    }

  *out_severity = severity;
  *out_message = message;
  return outcome;
}

char *
mg_helper_client_host_command (guint    value,
                               gboolean persist)
{
  if (persist)
    return g_strdup_printf ("sudo sysctl -w vm.swappiness=%u && "
                            "echo 'vm.swappiness = %u' | "
                            "sudo tee " MG_SWAPPINESS_SYSCTL_DIR "/" MG_SWAPPINESS_CONF_NAME,
                            value, value);

  return g_strdup_printf ("sudo sysctl -w vm.swappiness=%u", value);
}

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

GStrv
mg_helper_client_build_argv (guint      value,
                             gboolean   persist,
                             GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *command = mg_env_get_swappiness_command ();
  char value_text[4];

  g_return_val_if_fail (value <= MG_SWAPPINESS_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (command != NULL)
    {
      if (!is_executable_file (command))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s=%s is not an executable file", MG_SWAPPINESS_COMMAND_ENV, command);
          return NULL;
        }
      g_strv_builder_add (builder, command);
    }
  else
    {
      g_autofree char *pkexec = g_find_program_in_path ("pkexec");

      if (pkexec == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "pkexec is not installed");
          return NULL;
        }
      if (!is_executable_file (HELPER_PATH))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s is missing or not executable", HELPER_PATH);
          return NULL;
        }
      g_strv_builder_add (builder, pkexec);
      g_strv_builder_add (builder, HELPER_PATH);
    }

  g_snprintf (value_text, sizeof value_text, "%u", value);
  g_strv_builder_add (builder, value_text);
  if (persist)
    g_strv_builder_add (builder, "--persist");

  return g_strv_builder_end (builder);
}

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *subprocess = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  MgSwappinessOutcome outcome;

  if (!g_subprocess_wait_finish (subprocess, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* pkexec still waiting for a password is stopped, so its dialog goes away. */
          g_subprocess_force_exit (subprocess);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_warning ("Could not wait for the swappiness helper: %s", error->message);
      g_task_return_int (task, MG_SWAPPINESS_OUTCOME_FAILED);
      return;
    }

  outcome = mg_swappiness_outcome_from_wait_status (g_subprocess_get_status (subprocess), NULL);
  if (outcome == MG_SWAPPINESS_OUTCOME_FAILED)
    {
      if (g_subprocess_get_if_exited (subprocess))
        g_message ("The swappiness helper exited with status %d",
                   g_subprocess_get_exit_status (subprocess));
      else if (g_subprocess_get_if_signaled (subprocess))
        g_message ("The swappiness helper was killed by signal %d",
                   g_subprocess_get_term_sig (subprocess));
    }

  g_task_return_int (task, outcome);
}

void
mg_helper_client_set_swappiness_async (guint                value,
                                       gboolean             persist,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (value <= MG_SWAPPINESS_MAX);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_helper_client_set_swappiness_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  argv = mg_helper_client_build_argv (value, persist, &error);
  if (argv == NULL)
    {
      g_message ("%s", error != NULL ? error->message : "No command to run");
      g_task_return_int (task, MG_SWAPPINESS_OUTCOME_HELPER_MISSING);
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  /* GIO sets @error exactly when it returns %NULL; testing @error tells the analyzer too. */
  if (error != NULL)
    {
      /* An executable whose interpreter is missing fails here rather than in the check. */
      gboolean missing = g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT) ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

      g_message ("Could not run %s: %s", argv[0], error->message);
      g_task_return_int (task, missing ? MG_SWAPPINESS_OUTCOME_HELPER_MISSING
                                       : MG_SWAPPINESS_OUTCOME_FAILED);
      return;
    }

  g_subprocess_wait_async (subprocess, cancellable, on_wait_done, g_steal_pointer (&task));
}

gboolean
mg_helper_client_set_swappiness_finish (GAsyncResult         *result,
                                        MgSwappinessOutcome  *out_outcome,
                                        GError              **error)
{
  gssize outcome;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        mg_helper_client_set_swappiness_async, FALSE);
  g_return_val_if_fail (out_outcome != NULL, FALSE);

  outcome = g_task_propagate_int (G_TASK (result), error);
  if (outcome < 0)
    return FALSE;

  *out_outcome = (MgSwappinessOutcome) outcome;
  return TRUE;
}
