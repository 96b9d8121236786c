/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-end-dialog: "End “Firefox”?" — the question before a group or a process is
 * ended, and what went wrong if it could not be. */
#pragma once

#include <gtk/gtk.h>

#include "mg-group.h"
#include "mg-process-scan.h"

G_BEGIN_DECLS

/* Called once an End that was confirmed has finished, ended or not. */
typedef void (*MgEndDoneFunc) (gpointer user_data);

/**
 * mg_group_end_dialog_run:
 * @parent: (nullable): the window it belongs to
 * @group: the group (copied)
 * @done: (nullable): called when the End that was confirmed has finished, so that a
 *   list can scan again at once
 * @done_data: for @done
 * @done_destroy: (nullable): frees @done_data when the dialog is done with it
 *
 * Checks that the user may end @group (mg_group_end_check()); if not, says why in an
 * error dialog. Else asks, naming it, how many processes end and how much memory that
 * frees; "End" ends it (mg_group_end_async()), "Cancel" (the default) does nothing.
 * Returns at once; the dialogs are modal to @parent.
 *
 * Returns: (transfer none): the dialog shown (for tests)
 */
GtkWidget *mg_group_end_dialog_run          (GtkWindow      *parent,
                                             const MgGroup  *group,
                                             MgEndDoneFunc   done,
                                             gpointer        done_data,
                                             GDestroyNotify  done_destroy);

/**
 * mg_process_end_dialog_run:
 * @parent: (nullable): the window it belongs to
 * @process: the process as a scan found it (copied)
 * @done: (nullable): as for mg_group_end_dialog_run()
 * @done_data: for @done
 * @done_destroy: (nullable): frees @done_data
 *
 * The same for one process: mg_process_end_check(), then "End “firefox”? This ends 1
 * process and frees about 2.1 GiB…", and mg_process_end_async().
 *
 * Returns: (transfer none): the dialog shown (for tests)
 */
GtkWidget *mg_process_end_dialog_run        (GtkWindow            *parent,
                                             const MgProcessUsage *process,
                                             MgEndDoneFunc         done,
                                             gpointer              done_data,
                                             GDestroyNotify        done_destroy);

/**
 * mg_group_end_dialog_run_for_path:
 * @app: the application, whose active window (if any) is the parent
 * @path: the group's path, as a scan gave it (the notification's target)
 *
 * Scans the groups in a worker thread, then does what mg_group_end_dialog_run() does
 * for the one at @path, or says that it is gone.
 */
void       mg_group_end_dialog_run_for_path (GtkApplication *app,
                                             const char     *path);

/**
 * mg_group_end_collect_async:
 * @cancellable: (nullable): stops the scan
 * @callback: gets a #GTask whose pointer is a #GPtrArray of #MgGroup, largest first
 * @user_data: for @callback
 *
 * One scan of MEMGAUGE_CGROUP_ROOT (or `/sys/fs/cgroup`) in a worker thread, named, for
 * finding the group to end.
 */
void       mg_group_end_collect_async       (GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/* Returns: (transfer full): the question's secondary text (also for tests) */
char      *mg_group_end_dialog_describe     (const MgGroup  *group,
                                             guint           n_processes);

G_END_DECLS
