/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgScanRunner: one worker at most, cancellable, rate limited and coalesced, for the scanners. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

/**
 * MgScanFinishFunc:
 * @owner: the scanner
 * @task: the finished task (its task data is what @new_data made)
 *
 * Takes the result of a finished scan on the owner's main context.
 *
 * Returns: %FALSE when the scan was cancelled (nothing was taken, nothing emitted)
 */
typedef gboolean (*MgScanFinishFunc) (GObject *owner,
                                      GTask   *task);

/**
 * MgScanRunner:
 *
 * The part MgProcessScanner and MgGroupScanner share: a #GTask in a worker thread, never
 * two at once; a request while one runs makes one more follow it; a request less than
 * @min_interval_s after the start of the last scan is dropped; a cancelled scan does not
 * count for that limit. Embed it in the scanner's instance struct: the task holds a
 * reference to @owner, which keeps the runner alive while a worker runs.
 */
typedef struct {
  /*< private >*/
  GObject          *owner;
  const char       *task_name;
  GTaskThreadFunc   thread_func;
  gsize             task_data_size;
  MgScanFinishFunc  finish;

  guint             min_interval_s;
  MgTimeFunc        time_func;
  gpointer          time_func_data;

  /* Set while a worker runs, cancelled or not: there is never a second one. */
  GCancellable     *cancellable;
  gboolean          pending;

  /* The start of the last scan that was not cancelled, for the rate limit; the one
   * before it, to go back to when the running scan is cancelled. */
  gboolean          started;
  gint64            start_us;
  gboolean          previous_started;
  gint64            previous_start_us;

  guint             n_scans;
} MgScanRunner;

/**
 * mg_scan_runner_init:
 * @runner: the runner, zeroed (an instance struct's field)
 * @owner: (not nullable): the scanner: the task's source object
 * @task_name: a static name for the task
 * @thread_func: what the worker runs
 * @task_data_size: the size of zeroed task data for each scan (g_free()d), or 0 for none
 * @finish: takes the result on the main context
 */
void      mg_scan_runner_init          (MgScanRunner     *runner,
                                        GObject          *owner,
                                        const char       *task_name,
                                        GTaskThreadFunc   thread_func,
                                        gsize             task_data_size,
                                        MgScanFinishFunc  finish);

/* Clears what the runner holds; call from the owner's finalize. */
void      mg_scan_runner_clear         (MgScanRunner     *runner);

/* Returns: %TRUE if a scan was started or will follow the running one */
gboolean  mg_scan_runner_request       (MgScanRunner     *runner);
/* As mg_scan_runner_request(), without the rate limit: something just changed (a process
 * or group was ended) and the list should show it at once. */
gboolean  mg_scan_runner_request_now   (MgScanRunner     *runner);
void      mg_scan_runner_cancel        (MgScanRunner     *runner);
gboolean  mg_scan_runner_is_scanning   (MgScanRunner     *runner);
guint     mg_scan_runner_get_n_scans   (MgScanRunner     *runner);
void      mg_scan_runner_set_time_func (MgScanRunner     *runner,
                                        MgTimeFunc        func,
                                        gpointer          user_data);

G_END_DECLS
