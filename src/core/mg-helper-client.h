/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-client: what the privileged helper's exit status means, in the person's words. */
#pragma once

#include <glib.h>

#include "mg-swappiness.h"

G_BEGIN_DECLS

/**
 * MG_SWAPPINESS_PKEXEC_DISMISSED:
 *
 * pkexec's exit code when the person dismissed the authentication dialog.
 */
#define MG_SWAPPINESS_PKEXEC_DISMISSED 126

/**
 * MG_SWAPPINESS_PKEXEC_NOT_AUTHORIZED:
 *
 * pkexec's exit code when polkit said no (and also when the program it should run is missing).
 */
#define MG_SWAPPINESS_PKEXEC_NOT_AUTHORIZED 127

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
 * What happened when the dialog ran `pkexec HELPER VALUE [--persist]`, as far as the person is
 * concerned. Only @MG_SWAPPINESS_OUTCOME_CHANGED and @MG_SWAPPINESS_OUTCOME_PERSIST_FAILED mean
 * the running value changed.
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
 * Maps the wait status of `pkexec HELPER VALUE [--persist]` to what happened:
 *
 * | pkexec / helper exit               | outcome                                |
 * |------------------------------------|----------------------------------------|
 * | 0                                  | %MG_SWAPPINESS_OUTCOME_CHANGED         |
 * | 126 (dismissed)                    | %MG_SWAPPINESS_OUTCOME_CANCELLED       |
 * | 127 (not authorized)               | %MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED  |
 * | %MG_SWAPPINESS_EXIT_INVALID_VALUE  | %MG_SWAPPINESS_OUTCOME_INVALID_VALUE   |
 * | %MG_SWAPPINESS_EXIT_KERNEL_REFUSED | %MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED  |
 * | %MG_SWAPPINESS_EXIT_WRITE_FAILED   | %MG_SWAPPINESS_OUTCOME_WRITE_FAILED    |
 * | %MG_SWAPPINESS_EXIT_PERSIST_FAILED | %MG_SWAPPINESS_OUTCOME_PERSIST_FAILED  |
 * | usage, not root, any other code, a signal | %MG_SWAPPINESS_OUTCOME_FAILED   |
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

G_END_DECLS
