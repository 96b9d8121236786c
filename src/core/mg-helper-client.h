/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-client: runs pkexec and memgauge-helper without blocking, and says what happened. */
#pragma once

#include <gio/gio.h>

#include "mg-env.h"
#include "mg-helper-protocol.h"
#include "mg-helper-report.h"

G_BEGIN_DECLS

/* The swappiness API below predates the general calls at the end of this file and is now
 * built on them: `memgauge-helper sysctl vm.swappiness=VALUE [--persist]`. */
#define MG_SWAPPINESS_PKEXEC_DISMISSED MG_HELPER_PKEXEC_DISMISSED
#define MG_SWAPPINESS_PKEXEC_NOT_AUTHORIZED MG_HELPER_PKEXEC_NOT_AUTHORIZED

/**
 * MgSwappinessOutcome:
 * @MG_SWAPPINESS_OUTCOME_CHANGED: the kernel now has the new value (and it was persisted when
 *   asked); the dialog should sample again and show the value read back
 * @MG_SWAPPINESS_OUTCOME_CANCELLED: the person dismissed the authentication dialog (pkexec 126)
 * @MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED: polkit refused (pkexec 127)
 * @MG_SWAPPINESS_OUTCOME_HELPER_MISSING: pkexec or the helper is not installed
 * @MG_SWAPPINESS_OUTCOME_INVALID_VALUE: the helper rejected the value; nothing changed
 * @MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED: the kernel rejected the value; nothing changed
 * @MG_SWAPPINESS_OUTCOME_WRITE_FAILED: the value could not be written or verified
 * @MG_SWAPPINESS_OUTCOME_PERSIST_FAILED: the value changed for now but will be lost at restart
 * @MG_SWAPPINESS_OUTCOME_FAILED: anything else (the helper crashed, was misused, or returned
 *   an unknown code); nothing is claimed about the value
 *
 * What happened when the dialog ran `pkexec HELPER sysctl vm.swappiness=VALUE [--persist]`,
 * as far as the person is concerned. Only @MG_SWAPPINESS_OUTCOME_CHANGED and
 * @MG_SWAPPINESS_OUTCOME_PERSIST_FAILED mean the running value changed.
 */
typedef enum {
  MG_SWAPPINESS_OUTCOME_CHANGED,
  MG_SWAPPINESS_OUTCOME_CANCELLED,
  MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED,
  MG_SWAPPINESS_OUTCOME_HELPER_MISSING,
  MG_SWAPPINESS_OUTCOME_INVALID_VALUE,
  MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED,
  MG_SWAPPINESS_OUTCOME_WRITE_FAILED,
  MG_SWAPPINESS_OUTCOME_PERSIST_FAILED,
  MG_SWAPPINESS_OUTCOME_FAILED,
} MgSwappinessOutcome;

/**
 * mg_swappiness_outcome_from_wait_status:
 * @wait_status: the raw wait status of pkexec, as g_subprocess_get_status() returns it
 * @out_message: (out) (optional) (transfer none): the translated message for the outcome
 *
 * Maps the wait status of `pkexec HELPER sysctl vm.swappiness=VALUE [--persist]` to what
 * happened, from the exit code alone (mg_helper_client_set_swappiness_async() also reads the
 * helper's report lines):
 *
 * | pkexec / helper exit (key: swappiness)     | outcome                               |
 * |--------------------------------------------|---------------------------------------|
 * | 0                                          | %MG_SWAPPINESS_OUTCOME_CHANGED        |
 * | 126 (dismissed)                            | %MG_SWAPPINESS_OUTCOME_CANCELLED      |
 * | 127 (not authorized)                       | %MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED |
 * | INVALID, OUT_OF_RANGE + key                | %MG_SWAPPINESS_OUTCOME_INVALID_VALUE  |
 * | KERNEL_REFUSED + key                       | %MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED |
 * | UNSUPPORTED, WRITE_FAILED, RESTORE_FAILED + key | %MG_SWAPPINESS_OUTCOME_WRITE_FAILED |
 * | PERSIST_FAILED                             | %MG_SWAPPINESS_OUTCOME_PERSIST_FAILED |
 * | usage, not root, other codes, a signal     | %MG_SWAPPINESS_OUTCOME_FAILED         |
 *
 * pkexec also exits 127 when the program it should run does not exist, so check that
 * `HELPER_PATH` is executable before spawning and use %MG_SWAPPINESS_OUTCOME_HELPER_MISSING
 * when it is not, or when spawning pkexec fails with %G_SPAWN_ERROR_NOENT /
 * %G_IO_ERROR_NOT_FOUND (see mg_swappiness_outcome_get_message()).
 *
 * Returns: the outcome
 */
MgSwappinessOutcome mg_swappiness_outcome_from_wait_status (int           wait_status,
                                                            const char  **out_message);

/**
 * mg_swappiness_outcome_get_message:
 * @outcome: an outcome
 *
 * Returns: (transfer none): a translated sentence for the person, which never claims a change
 *   that did not happen
 */
const char *mg_swappiness_outcome_get_message (MgSwappinessOutcome outcome);

/**
 * MgSwappinessSeverity:
 * @MG_SWAPPINESS_SEVERITY_SUCCESS: the value changed as asked
 * @MG_SWAPPINESS_SEVERITY_INFO: nothing changed, by the person's choice
 * @MG_SWAPPINESS_SEVERITY_WARNING: something the person should know, such as a change that
 *   will not last or cannot be confirmed
 * @MG_SWAPPINESS_SEVERITY_ERROR: the value was not changed as asked
 *
 * How a view should present the message of mg_swappiness_outcome_confirm().
 */
typedef enum {
  MG_SWAPPINESS_SEVERITY_SUCCESS,
  MG_SWAPPINESS_SEVERITY_INFO,
  MG_SWAPPINESS_SEVERITY_WARNING,
  MG_SWAPPINESS_SEVERITY_ERROR,
} MgSwappinessSeverity;

/**
 * mg_swappiness_outcome_confirm:
 * @outcome: what the helper reported
 * @requested: the value asked for
 * @persist: whether `--persist` was asked for
 * @overridden: whether another sysctl file applied after MemGauge's wins at boot
 * @have_now: whether the kernel's value could be read after the helper finished
 * @now: that value, when @have_now
 * @out_severity: (out): how to present the message
 * @out_message: (out) (transfer full): a translated message for the person
 *
 * Checks the helper's word against the kernel's: a change is claimed only when the kernel
 * reports the value asked for; otherwise the outcome becomes %MG_SWAPPINESS_OUTCOME_FAILED.
 *
 * Returns: the outcome after that check
 */
MgSwappinessOutcome mg_swappiness_outcome_confirm (MgSwappinessOutcome    outcome,
                                                   guint                  requested,
                                                   gboolean               persist,
                                                   gboolean               overridden,
                                                   gboolean               have_now,
                                                   guint                  now,
                                                   MgSwappinessSeverity  *out_severity,
                                                   char                 **out_message);

/**
 * mg_helper_client_host_command:
 * @value: the swappiness to set
 * @persist: whether to keep it after a restart
 *
 * The shell command a person runs on the host when MemGauge runs in a sandbox and cannot
 * run the helper: the same in every language.
 *
 * Returns: (transfer full): the command
 */
char *mg_helper_client_host_command (guint    value,
                                     gboolean persist);

/**
 * mg_helper_client_host_command_values:
 * @values: the keys to set
 * @persist: whether to keep them after a restart in MemGauge's sysctl.d file
 *
 * mg_helper_client_host_command() for several keys at once, as the Tuning page sets them.
 *
 * Returns: (transfer full) (nullable): the command, or %NULL when @values sets no key
 */
char *mg_helper_client_host_command_values (const MgSysctlValues *values,
                                            gboolean              persist);

/**
 * mg_helper_client_build_argv:
 * @value: the swappiness to ask for, at most #MG_SWAPPINESS_MAX
 * @persist: whether to add `--persist`
 * @error: return location for a #GError
 *
 * The command Apply runs: `pkexec HELPER_PATH sysctl vm.swappiness=VALUE [--persist]`, or,
 * when #MG_HELPER_COMMAND_ENV names a program, `PROGRAM sysctl vm.swappiness=VALUE
 * [--persist]`. pkexec exits 127 for a missing program just as for "not authorized", so a
 * missing pkexec, helper or stand-in is found here, before anything runs.
 *
 * Returns: (transfer full) (nullable): the argument vector, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when a program is missing or not executable
 */
GStrv mg_helper_client_build_argv (guint      value,
                                   gboolean   persist,
                                   GError   **error);

/**
 * mg_helper_client_set_swappiness_async:
 * @value: the swappiness to ask for, at most #MG_SWAPPINESS_MAX
 * @persist: whether the helper should also write the sysctl.d file
 * @cancellable: (nullable): cancelling it stops pkexec (and with it a pending
 *   authentication dialog); a helper already running as root cannot be signalled and
 *   finishes on its own
 * @callback: called on the thread-default main context when the command has finished
 * @user_data: for @callback
 *
 * mg_helper_client_set_sysctl_async() with vm.swappiness alone.
 */
void     mg_helper_client_set_swappiness_async  (guint                 value,
                                                 gboolean              persist,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);

/**
 * mg_helper_client_set_swappiness_finish:
 * @result: the result given to the callback
 * @out_outcome: (out): what happened, as mg_swappiness_outcome_from_wait_status() says when
 *   the helper's report lines agree with its exit code (%MG_SWAPPINESS_OUTCOME_FAILED when
 *   they do not), or %MG_SWAPPINESS_OUTCOME_HELPER_MISSING when nothing could be run; it says
 *   what the helper reported, not what the kernel now holds
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @out_outcome set, or %FALSE with %G_IO_ERROR_CANCELLED
 */
gboolean mg_helper_client_set_swappiness_finish (GAsyncResult         *result,
                                                 MgSwappinessOutcome  *out_outcome,
                                                 GError              **error);

/* --- the general calls ------------------------------------------------------------------- */

/**
 * mg_helper_client_build_sysctl_argv:
 * @request: the keys to set, at least one
 * @persist: whether to add `--persist`
 * @error: return location for a #GError
 *
 * `pkexec HELPER_PATH sysctl KEY=VALUE... [--persist]` with the keys in table order, or
 * `PROGRAM sysctl ...` when #MG_HELPER_COMMAND_ENV names a program.
 *
 * Returns: (transfer full) (nullable): the argument vector, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when a program is missing or not executable
 */
GStrv    mg_helper_client_build_sysctl_argv  (const MgSysctlValues  *request,
                                              gboolean               persist,
                                              GError               **error);

/**
 * mg_helper_client_build_compact_argv:
 * @error: return location for a #GError
 *
 * `pkexec HELPER_PATH compact`, or `PROGRAM compact` with #MG_HELPER_COMMAND_ENV.
 *
 * Returns: (transfer full) (nullable): the argument vector, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND
 */
GStrv    mg_helper_client_build_compact_argv (GError               **error);

/**
 * mg_helper_client_set_sysctl_async:
 * @request: the keys to set and their values, at least one
 * @persist: whether the helper should also write MemGauge's sysctl.d file
 * @cancellable: (nullable): cancelling it stops pkexec (and with it a pending
 *   authentication dialog); a helper already running as root finishes on its own
 * @callback: called on the thread-default main context when the command has finished
 * @user_data: for @callback
 *
 * Runs mg_helper_client_build_sysctl_argv()'s command with GSubprocess, standard input from
 * `/dev/null` (from a terminal pkexec would otherwise ask for the password there), reading its
 * report lines, without blocking the caller. One password covers every key.
 */
void     mg_helper_client_set_sysctl_async   (const MgSysctlValues  *request,
                                              gboolean               persist,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);

/**
 * mg_helper_client_set_sysctl_finish:
 * @result: the result given to the callback
 * @out_report: (out caller-allocates): what happened, overall and per key, as
 *   mg_helper_report_parse_sysctl() reads it; %MG_HELPER_OUTCOME_HELPER_MISSING when nothing
 *   could be run
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @out_report set, or %FALSE with %G_IO_ERROR_CANCELLED
 */
gboolean mg_helper_client_set_sysctl_finish  (GAsyncResult          *result,
                                              MgHelperReport        *out_report,
                                              GError               **error);

/**
 * mg_helper_client_compact_async:
 * @cancellable: (nullable): as for mg_helper_client_set_sysctl_async()
 * @callback: called when the command has finished
 * @user_data: for @callback
 *
 * Runs `pkexec HELPER_PATH compact`: the kernel compacts every zone before the helper exits.
 * Measure what it gained by sampling before and after.
 */
void     mg_helper_client_compact_async      (GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);

/**
 * mg_helper_client_compact_finish:
 * @result: the result given to the callback
 * @out_report: (out caller-allocates): what happened; only @outcome is meaningful
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @out_report set, or %FALSE with %G_IO_ERROR_CANCELLED
 */
gboolean mg_helper_client_compact_finish     (GAsyncResult          *result,
                                              MgHelperReport        *out_report,
                                              GError               **error);

G_END_DECLS
