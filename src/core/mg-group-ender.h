/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-ender: ends every process of a control group of the user's own, or one process
 * of the user's, or says why not. */
#pragma once

#include <gio/gio.h>

#include "mg-group.h"
#include "mg-process-scan.h"

G_BEGIN_DECLS

/* How long processes get after SIGTERM before SIGKILL, in milliseconds. */
#define MG_GROUP_END_GRACE_MS 5000

/* Tests may make it shorter: MG_END_GRACE_MS_ENV in mg-env.h. */

#define MG_GROUP_END_ERROR (mg_group_end_error_quark ())
GQuark mg_group_end_error_quark (void);

/**
 * MgGroupEndError:
 * @MG_GROUP_END_ERROR_UNREADABLE: its list of processes cannot be read
 * @MG_GROUP_END_ERROR_EMPTY: it has no process
 * @MG_GROUP_END_ERROR_OTHER_USER: a process in it belongs to another user
 * @MG_GROUP_END_ERROR_SELF: MemGauge itself runs in it
 * @MG_GROUP_END_ERROR_SESSION: it is the login session, the user's service manager, the
 *   desktop's shell or compositor, or the message bus or login service
 * @MG_GROUP_END_ERROR_NOT_PERMITTED: the kernel refused a signal
 */
typedef enum {
  MG_GROUP_END_ERROR_UNREADABLE,
  MG_GROUP_END_ERROR_EMPTY,
  MG_GROUP_END_ERROR_OTHER_USER,
  MG_GROUP_END_ERROR_SELF,
  MG_GROUP_END_ERROR_SESSION,
  MG_GROUP_END_ERROR_NOT_PERMITTED,
} MgGroupEndError;

/**
 * mg_group_is_session:
 * @path: a group's path, such as `/user.slice/user-1000.slice/session-2.scope`
 *
 * Returns: %TRUE when ending the group would end the person's session: a
 *   `session-N.scope`, the user's manager `user@UID.service` (or its `init.scope`), the
 *   desktop's shell or compositor, the message bus or the login service
 */
gboolean mg_group_is_session  (const char     *path);

/**
 * mg_group_end_check:
 * @group: the group, as a scan found it (its path and @procs_path)
 * @n_processes: (out) (optional): how many processes it has
 * @error: why it may not be ended
 *
 * Reads its processes and refuses a group of the session, one MemGauge runs in, and
 * one with a process of another user (the owner of `/proc/PID`). Reads a few small
 * files: cheap enough for the main loop.
 *
 * Returns: %TRUE when the user may end it
 */
gboolean mg_group_end_check   (const MgGroup  *group,
                               guint          *n_processes,
                               GError        **error);

/**
 * mg_group_end_async:
 * @group: the group; what is needed of it is copied
 * @cancellable: (nullable): stops the wait before SIGKILL (nothing is killed then)
 * @callback: called when the group was ended, or could not be
 * @user_data: for @callback
 *
 * Checks as mg_group_end_check() does, then writes `1` to the group's `cgroup.kill` when
 * it exists and may be written (the kernel ends every process at once), else sends
 * SIGTERM to every process, and after #MG_GROUP_END_GRACE_MS SIGKILL to those of the
 * user's that are still in the group. Completes as soon as none is left. Never blocks.
 */
void     mg_group_end_async   (const MgGroup       *group,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

/**
 * mg_group_end_finish:
 * @result: the result of mg_group_end_async() or mg_process_end_async()
 * @n_killed: (out) (optional): how many processes needed SIGKILL
 * @error: why not
 *
 * Returns: %TRUE when the group was ended
 */
gboolean mg_group_end_finish  (GAsyncResult   *result,
                               guint          *n_killed,
                               GError        **error);

/**
 * mg_process_is_session:
 * @pid: a process id
 * @comm: its name
 *
 * Returns: %TRUE for init (pid 1) and for the processes whose end ends the person's
 *   session by their name: the user's systemd, the message bus, the X server, the
 *   desktop's shell or compositor (the same words as mg_group_is_session()), login services
 */
gboolean mg_process_is_session   (guint32               pid,
                                  const char           *comm);

/**
 * mg_process_end_offered:
 * @usage: a process as a scan found it
 *
 * Whether a list offers "End…" for it, from what the scan read: the user's own (its
 * effective uid), with a known start time, neither MemGauge nor init nor a session
 * process by name (mg_process_is_session()). mg_process_end_check() decides for real.
 */
gboolean mg_process_end_offered  (const MgProcessUsage *usage);

/**
 * mg_process_end_check:
 * @usage: a process as a scan found it (its pid, start time)
 * @error: why it may not be ended
 *
 * Reads the real `/proc/PID` (whatever root the scan read): refuses a process that is
 * gone or whose pid now names another one (another start time), MemGauge, a process of
 * the session (mg_process_is_session(), the leader of a login session's scope, or one in
 * a group mg_group_is_session() names), and another user's.
 *
 * Returns: %TRUE when the user may end it
 */
gboolean mg_process_end_check    (const MgProcessUsage  *usage,
                                  GError               **error);

/**
 * mg_process_end_async:
 * @usage: the process; what is needed of it is copied
 * @cancellable: (nullable): stops the wait before SIGKILL
 * @callback: called when it was ended, or could not be; finish with mg_group_end_finish()
 * @user_data: for @callback
 *
 * Checks as mg_process_end_check() does, sends SIGTERM, and after #MG_GROUP_END_GRACE_MS
 * SIGKILL if the same process (by its start time) is still there. Completes as soon as
 * it is gone. Never blocks.
 */
void     mg_process_end_async    (const MgProcessUsage *usage,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);

G_END_DECLS
