/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-report: what memgauge-helper's exit status and report lines say happened, per key. */
#pragma once

#include <glib.h>

#include "mg-helper-protocol.h"

G_BEGIN_DECLS

/**
 * MG_HELPER_PKEXEC_DISMISSED:
 *
 * pkexec's exit code when the person dismissed the authentication dialog.
 */
#define MG_HELPER_PKEXEC_DISMISSED 126

/**
 * MG_HELPER_PKEXEC_NOT_AUTHORIZED:
 *
 * pkexec's exit code when polkit said no (and also when the program it should run is missing).
 */
#define MG_HELPER_PKEXEC_NOT_AUTHORIZED 127

/**
 * MG_HELPER_REPORT_MAX:
 *
 * The most standard output the app reads from the helper: two lines per key (written, then
 * restored or persisted) are under 700 bytes, so more is not the helper speaking.
 */
#define MG_HELPER_REPORT_MAX 4096

/**
 * MgHelperOutcome:
 * @MG_HELPER_OUTCOME_DONE: everything asked was done and confirmed by the report (each value
 *   written and read back, persisted when asked; or memory compacted)
 * @MG_HELPER_OUTCOME_CANCELLED: the person dismissed the authentication dialog (pkexec 126)
 * @MG_HELPER_OUTCOME_NOT_AUTHORIZED: polkit refused (pkexec 127)
 * @MG_HELPER_OUTCOME_HELPER_MISSING: pkexec or the helper is not installed
 * @MG_HELPER_OUTCOME_INVALID: the helper refused the arguments; nothing changed
 * @MG_HELPER_OUTCOME_OUT_OF_RANGE: a value is outside its key's range; nothing changed
 * @MG_HELPER_OUTCOME_UNSUPPORTED: the running kernel lacks a key; nothing changed
 * @MG_HELPER_OUTCOME_KERNEL_REFUSED: the kernel refused a value; the keys written before it
 *   were restored
 * @MG_HELPER_OUTCOME_WRITE_FAILED: a value could not be written or confirmed; the keys written
 *   before it were restored
 * @MG_HELPER_OUTCOME_RESTORE_FAILED: a value failed and an earlier one could not be restored;
 *   the per-key states say what is in effect
 * @MG_HELPER_OUTCOME_PERSIST_FAILED: the values changed but could not be saved for restarts
 * @MG_HELPER_OUTCOME_COMPACT_FAILED: memory could not be compacted
 * @MG_HELPER_OUTCOME_FAILED: anything else (the helper crashed, was misused, returned an
 *   unknown code, or its report does not match its exit code); nothing is claimed
 *
 * What happened when the app ran the helper, as far as the person is concerned.
 */
typedef enum {
  MG_HELPER_OUTCOME_DONE,
  MG_HELPER_OUTCOME_CANCELLED,
  MG_HELPER_OUTCOME_NOT_AUTHORIZED,
  MG_HELPER_OUTCOME_HELPER_MISSING,
  MG_HELPER_OUTCOME_INVALID,
  MG_HELPER_OUTCOME_OUT_OF_RANGE,
  MG_HELPER_OUTCOME_UNSUPPORTED,
  MG_HELPER_OUTCOME_KERNEL_REFUSED,
  MG_HELPER_OUTCOME_WRITE_FAILED,
  MG_HELPER_OUTCOME_RESTORE_FAILED,
  MG_HELPER_OUTCOME_PERSIST_FAILED,
  MG_HELPER_OUTCOME_COMPACT_FAILED,
  MG_HELPER_OUTCOME_FAILED,
} MgHelperOutcome;

/**
 * MgSysctlState:
 * @MG_SYSCTL_STATE_UNTOUCHED: not written (not asked for, refused before writing, or after
 *   the key that failed)
 * @MG_SYSCTL_STATE_CHANGED: the kernel now holds the value asked for
 * @MG_SYSCTL_STATE_REFUSED: the kernel refused the value; unchanged
 * @MG_SYSCTL_STATE_FAILED: writing or confirming the value failed
 * @MG_SYSCTL_STATE_RESTORED: it was changed, then put back because a later key failed
 * @MG_SYSCTL_STATE_UNRESTORED: it was changed, and putting it back failed: it may still hold
 *   the new value
 *
 * What happened to one key.
 */
typedef enum {
  MG_SYSCTL_STATE_UNTOUCHED,
  MG_SYSCTL_STATE_CHANGED,
  MG_SYSCTL_STATE_REFUSED,
  MG_SYSCTL_STATE_FAILED,
  MG_SYSCTL_STATE_RESTORED,
  MG_SYSCTL_STATE_UNRESTORED,
} MgSysctlState;

/**
 * MgSysctlValues:
 * @set: whether each key has a value here
 * @value: the value of each key whose @set is %TRUE
 *
 * A value for some of the keys: a request, or what a file holds.
 */
typedef struct {
  gboolean set[MG_SYSCTL_N_KEYS];
  guint64  value[MG_SYSCTL_N_KEYS];
} MgSysctlValues;

/**
 * MgHelperReport:
 * @outcome: what happened overall
 * @failed_key: the key the exit code names, or %MG_SYSCTL_N_KEYS
 * @state: what happened to each key
 * @persisted: the keys MemGauge's sysctl.d file sets now, as the helper reported them
 *
 * The result of a helper call. Only keys in %MG_SYSCTL_STATE_CHANGED (and, when the outcome
 * is %MG_HELPER_OUTCOME_RESTORE_FAILED, %MG_SYSCTL_STATE_UNRESTORED) may differ from before.
 */
typedef struct {
  MgHelperOutcome outcome;
  MgSysctlKey     failed_key;
  MgSysctlState   state[MG_SYSCTL_N_KEYS];
  MgSysctlValues  persisted;
} MgHelperReport;

/**
 * mg_helper_report_parse_sysctl:
 * @request: the values asked for
 * @persist: whether `--persist` was asked for
 * @wait_status: the raw wait status of pkexec (or the stand-in)
 * @text: (nullable): its standard output
 * @len: the length of @text
 * @out: (out caller-allocates): the report
 *
 * Reads the exit code and the lines of mg-helper-protocol.h strictly: every line must be of
 * the grammar, name a key of the table, come in the order the helper writes them and agree
 * with the exit code and @request; otherwise the outcome is %MG_HELPER_OUTCOME_FAILED and
 * nothing is claimed.
 *
 * Returns: @out->outcome
 */
MgHelperOutcome mg_helper_report_parse_sysctl  (const MgSysctlValues *request,
                                                gboolean              persist,
                                                int                   wait_status,
                                                const char           *text,
                                                gsize                 len,
                                                MgHelperReport       *out);

/**
 * mg_helper_report_parse_compact:
 * @wait_status: the raw wait status of pkexec (or the stand-in)
 * @text: (nullable): its standard output
 * @len: the length of @text
 * @out: (out caller-allocates): the report
 *
 * Like mg_helper_report_parse_sysctl() for `compact`: done only with exit 0 and exactly the
 * line "vm.compact_memory=1 ok".
 *
 * Returns: @out->outcome
 */
MgHelperOutcome mg_helper_report_parse_compact (int                   wait_status,
                                                const char           *text,
                                                gsize                 len,
                                                MgHelperReport       *out);

/**
 * mg_helper_outcome_get_message:
 * @outcome: an outcome
 *
 * Returns: (transfer none): a translated sentence for the person that never claims a change
 *   that did not happen
 */
const char     *mg_helper_outcome_get_message  (MgHelperOutcome       outcome);

/**
 * mg_sysctl_key_from_name:
 * @name: a name such as "vm.swappiness"
 * @out: (out): the key
 *
 * Returns: %TRUE if @name is exactly one of the table's keys
 */
gboolean        mg_sysctl_key_from_name        (const char           *name,
                                                MgSysctlKey          *out);

G_END_DECLS
