/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-client: runs pkexec and memgauge-helper without blocking, and says what happened. */

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
      /* Translators: pkexec and memgauge-helper are program names; do not translate them. */
      return _("Swappiness cannot be changed because pkexec or memgauge-helper is not "
               "installed.");
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

/* The swappiness outcome of a helper exit code, or of a general outcome (with the key it
 * names): the two agree by construction. */
static MgSwappinessOutcome
swappiness_outcome (MgHelperOutcome outcome)
{
  switch (outcome)
    {
    case MG_HELPER_OUTCOME_DONE:
      return MG_SWAPPINESS_OUTCOME_CHANGED;
    case MG_HELPER_OUTCOME_CANCELLED:
      return MG_SWAPPINESS_OUTCOME_CANCELLED;
    case MG_HELPER_OUTCOME_NOT_AUTHORIZED:
      return MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED;
    case MG_HELPER_OUTCOME_HELPER_MISSING:
      return MG_SWAPPINESS_OUTCOME_HELPER_MISSING;
    case MG_HELPER_OUTCOME_INVALID:
    case MG_HELPER_OUTCOME_OUT_OF_RANGE:
      return MG_SWAPPINESS_OUTCOME_INVALID_VALUE;
    case MG_HELPER_OUTCOME_KERNEL_REFUSED:
      return MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED;
    case MG_HELPER_OUTCOME_UNSUPPORTED:
    case MG_HELPER_OUTCOME_WRITE_FAILED:
    case MG_HELPER_OUTCOME_RESTORE_FAILED:
      return MG_SWAPPINESS_OUTCOME_WRITE_FAILED;
    case MG_HELPER_OUTCOME_PERSIST_FAILED:
      return MG_SWAPPINESS_OUTCOME_PERSIST_FAILED;
    case MG_HELPER_OUTCOME_COMPACT_FAILED:
    case MG_HELPER_OUTCOME_FAILED:
    default:
      return MG_SWAPPINESS_OUTCOME_FAILED;
    }
}

MgSwappinessOutcome
mg_swappiness_outcome_from_wait_status (int           wait_status,
                                        const char  **out_message)
{
  MgHelperOutcome general = MG_HELPER_OUTCOME_FAILED;

  if (WIFEXITED (wait_status))
    {
      int code = WEXITSTATUS (wait_status);

      switch (code)
        {
        case MG_HELPER_EXIT_OK:
          general = MG_HELPER_OUTCOME_DONE;
          break;
        case MG_HELPER_PKEXEC_DISMISSED:
          general = MG_HELPER_OUTCOME_CANCELLED;
          break;
        case MG_HELPER_PKEXEC_NOT_AUTHORIZED:
          general = MG_HELPER_OUTCOME_NOT_AUTHORIZED;
          break;
        case MG_HELPER_EXIT_INVALID:
        case MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_SWAPPINESS:
          general = MG_HELPER_OUTCOME_INVALID;
          break;
        case MG_HELPER_EXIT_KERNEL_REFUSED + MG_SYSCTL_SWAPPINESS:
          general = MG_HELPER_OUTCOME_KERNEL_REFUSED;
          break;
        case MG_HELPER_EXIT_UNSUPPORTED + MG_SYSCTL_SWAPPINESS:
        case MG_HELPER_EXIT_WRITE_FAILED + MG_SYSCTL_SWAPPINESS:
        case MG_HELPER_EXIT_RESTORE_FAILED + MG_SYSCTL_SWAPPINESS:
          general = MG_HELPER_OUTCOME_WRITE_FAILED;
          break;
        case MG_HELPER_EXIT_PERSIST_FAILED:
          general = MG_HELPER_OUTCOME_PERSIST_FAILED;
          break;
        default:
          /* USAGE, NOT_ROOT, SETUP_FAILED and other keys' codes cannot happen through pkexec
           * with the app's own arguments for swappiness alone. */
          break;
        }
    }

  if (out_message != NULL)
    *out_message = mg_swappiness_outcome_get_message (swappiness_outcome (general));

  return swappiness_outcome (general);
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

/* MemGauge's own file, where memgauge-helper keeps every key it persisted: the command
 * replaces only the lines of the keys it sets, so the other keys saved there stay, and it
 * never writes the old helper's 99-memgauge-swappiness.conf. Every step runs only if the one
 * before it worked; touch lets sed work on a file that does not exist yet. */
char *
mg_helper_client_host_command_values (const MgSysctlValues *values,
                                      gboolean              persist)
{
  const char *file = MG_SYSCTL_DIR "/" MG_SYSCTL_CONF_NAME;
  g_autoptr(GString) set = g_string_new ("sudo sysctl -w");
  g_autoptr(GString) sed = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (values != NULL, NULL);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = NULL;
      const char *name = mg_sysctl_key_name ((MgSysctlKey) k);

      if (!values->set[k])
        continue;
      n++;
      g_string_append_printf (set, " %s=%" G_GUINT64_FORMAT, name, values->value[k]);
      /* The names hold only letters, digits, '_' and '.': a dot is the one to escape. */
      parts = g_strsplit (name, ".", -1);
      escaped = g_strjoinv ("\\.", parts);
      g_string_append_printf (sed, "%s/^%s *=/d", sed->len > 0 ? ";" : "", escaped);
      g_string_append_printf (lines, " '%s = %" G_GUINT64_FORMAT "'", name, values->value[k]);
    }
  if (n == 0)
    return NULL;
  if (!persist)
    return g_strdup (set->str);

  /* One line is echoed, as a person would type it; several go through printf. */
  return g_strdup_printf ("%s && sudo touch %s && sudo sed -i '%s' %s && %s%s | sudo tee -a %s",
                          set->str, file, sed->str, file,
                          n == 1 ? "echo" : "printf '%s\\n'", lines->str, file);
}

char *
mg_helper_client_host_command (guint    value,
                               gboolean persist)
{
  MgSysctlValues values = { { 0 } };

  values.set[MG_SYSCTL_SWAPPINESS] = TRUE;
  values.value[MG_SYSCTL_SWAPPINESS] = value;
  return mg_helper_client_host_command_values (&values, persist);
}

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

/* The program to run and its first arguments: the stand-in of the tests, or pkexec and the
 * installed helper. pkexec exits 127 for a missing program just as for "not authorized", so
 * a missing one is found here, before anything runs. */
static gboolean
add_command (GStrvBuilder  *builder,
             GError       **error)
{
  const char *command = mg_env_get_helper_command ();

  if (command != NULL)
    {
      if (!is_executable_file (command))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s=%s is not an executable file", MG_HELPER_COMMAND_ENV, command);
          return FALSE;
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
          return FALSE;
        }
      if (!is_executable_file (HELPER_PATH))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s is missing or not executable", HELPER_PATH);
          return FALSE;
        }
      g_strv_builder_add (builder, pkexec);
      g_strv_builder_add (builder, HELPER_PATH);
    }

  return TRUE;
}

GStrv
mg_helper_client_build_sysctl_argv (const MgSysctlValues  *request,
                                    gboolean               persist,
                                    GError               **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!add_command (builder, error))
    return NULL;

  g_strv_builder_add (builder, "sysctl");
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (request->set[k])
      {
        g_autofree char *pair = g_strdup_printf ("%s=%" G_GUINT64_FORMAT,
                                                 mg_sysctl_key_name ((MgSysctlKey) k),
                                                 request->value[k]);

        g_strv_builder_add (builder, pair);
        n++;
      }
  g_return_val_if_fail (n > 0, NULL);
  if (persist)
    g_strv_builder_add (builder, "--persist");

  return g_strv_builder_end (builder);
}

GStrv
mg_helper_client_build_compact_argv (GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!add_command (builder, error))
    return NULL;
  g_strv_builder_add (builder, "compact");

  return g_strv_builder_end (builder);
}

GStrv
mg_helper_client_build_argv (guint      value,
                             gboolean   persist,
                             GError   **error)
{
  MgSysctlValues request = { 0 };

  g_return_val_if_fail (value <= MG_SWAPPINESS_MAX, NULL);

  request.set[MG_SYSCTL_SWAPPINESS] = TRUE;
  request.value[MG_SYSCTL_SWAPPINESS] = value;

  return mg_helper_client_build_sysctl_argv (&request, persist, error);
}

/* What a running call needs to read its report. */
typedef struct {
  MgSysctlValues request;
  gboolean       persist;
  gboolean       compact;
} Call;

static void
return_report (GTask           *task,
               MgHelperOutcome  outcome)
{
  MgHelperReport *report = g_new0 (MgHelperReport, 1);

  report->outcome = outcome;
  report->failed_key = MG_SYSCTL_N_KEYS;
  g_task_return_pointer (task, report, g_free);
}

static void
on_communicate_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *subprocess = G_SUBPROCESS (source);
  const Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  MgHelperReport *report;
  const char *text = NULL;
  gsize len = 0;

  if (!g_subprocess_communicate_finish (subprocess, result, &out, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* pkexec still waiting for a password is stopped, so its dialog goes away. */
          g_subprocess_force_exit (subprocess);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_warning ("Could not run the helper: %s", error->message);
      return_report (task, MG_HELPER_OUTCOME_FAILED);
      return;
    }

  if (out != NULL)
    text = g_bytes_get_data (out, &len);

  report = g_new0 (MgHelperReport, 1);
  if (call->compact)
    mg_helper_report_parse_compact (g_subprocess_get_status (subprocess), text, len, report);
  else
    mg_helper_report_parse_sysctl (&call->request, call->persist,
                                   g_subprocess_get_status (subprocess), text, len, report);

  if (report->outcome == MG_HELPER_OUTCOME_FAILED)
    {
      if (g_subprocess_get_if_exited (subprocess))
        g_message ("The helper exited with status %d and a report of %" G_GSIZE_FORMAT
                   " bytes that does not say what changed",
                   g_subprocess_get_exit_status (subprocess), len);
      else if (g_subprocess_get_if_signaled (subprocess))
        g_message ("The helper was killed by signal %d", g_subprocess_get_term_sig (subprocess));
    }

  g_task_return_pointer (task, report, g_free);
}

static void
run_async (Call                *call,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  argv = call->compact ? mg_helper_client_build_compact_argv (&error)
                       : mg_helper_client_build_sysctl_argv (&call->request, call->persist,
                                                             &error);
  if (argv == NULL)
    {
      g_message ("%s", error != NULL ? error->message : "No command to run");
      return_report (task, MG_HELPER_OUTCOME_HELPER_MISSING);
      return;
    }

  /* Standard error stays the app's: the helper's English messages end up in its log. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  /* GIO sets @error exactly when it returns %NULL; testing @error tells the analyzer too. */
  if (error != NULL)
    {
      /* An executable whose interpreter is missing fails here rather than in the check. */
      gboolean missing = g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT) ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

      g_message ("Could not run %s: %s", argv[0], error->message);
      return_report (task, missing ? MG_HELPER_OUTCOME_HELPER_MISSING : MG_HELPER_OUTCOME_FAILED);
      return;
    }

  g_subprocess_communicate_async (subprocess, NULL, cancellable, on_communicate_done,
                                  g_steal_pointer (&task));
}

static gboolean
finish_report (GAsyncResult    *result,
               gconstpointer    source_tag,
               MgHelperReport  *out_report,
               GError         **error)
{
  g_autofree MgHelperReport *report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return FALSE;

  *out_report = *report;
  return TRUE;
}

void
mg_helper_client_set_sysctl_async (const MgSysctlValues *request,
                                   gboolean              persist,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  Call *call;

  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (Call, 1);
  call->request = *request;
  call->persist = persist;
  run_async (call, mg_helper_client_set_sysctl_async, cancellable, callback, user_data);
}

gboolean
mg_helper_client_set_sysctl_finish (GAsyncResult    *result,
                                    MgHelperReport  *out_report,
                                    GError         **error)
{
  return finish_report (result, mg_helper_client_set_sysctl_async, out_report, error);
}

void
mg_helper_client_compact_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Call *call;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (Call, 1);
  call->compact = TRUE;
  run_async (call, mg_helper_client_compact_async, cancellable, callback, user_data);
}

gboolean
mg_helper_client_compact_finish (GAsyncResult    *result,
                                 MgHelperReport  *out_report,
                                 GError         **error)
{
  return finish_report (result, mg_helper_client_compact_async, out_report, error);
}

void
mg_helper_client_set_swappiness_async (guint                value,
                                       gboolean             persist,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Call *call;

  g_return_if_fail (value <= MG_SWAPPINESS_MAX);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (Call, 1);
  call->request.set[MG_SYSCTL_SWAPPINESS] = TRUE;
  call->request.value[MG_SYSCTL_SWAPPINESS] = value;
  call->persist = persist;
  run_async (call, mg_helper_client_set_swappiness_async, cancellable, callback, user_data);
}

gboolean
mg_helper_client_set_swappiness_finish (GAsyncResult         *result,
                                        MgSwappinessOutcome  *out_outcome,
                                        GError              **error)
{
  MgHelperReport report;

  g_return_val_if_fail (out_outcome != NULL, FALSE);

  if (!finish_report (result, mg_helper_client_set_swappiness_async, &report, error))
    return FALSE;

  *out_outcome = swappiness_outcome (report.outcome);
  return TRUE;
}
