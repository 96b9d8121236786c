/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgScanRunner: one worker at most, cancellable, rate limited and coalesced, for the scanners. */

#define G_LOG_DOMAIN "memgauge-scan-runner"

#include "config.h"

#include "mg-scan-runner.h"

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

void
mg_scan_runner_init (MgScanRunner     *runner,
                     GObject          *owner,
                     const char       *task_name,
                     GTaskThreadFunc   thread_func,
                     gsize             task_data_size,
                     MgScanFinishFunc  finish)
{
  g_return_if_fail (runner != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));

  runner->owner = owner;
  runner->task_name = task_name;
  runner->thread_func = thread_func;
  runner->task_data_size = task_data_size;
  runner->finish = finish;
  runner->time_func = default_time_func;
}

void
mg_scan_runner_clear (MgScanRunner *runner)
{
  g_clear_object (&runner->cancellable);
}

static void start_scan (MgScanRunner *runner);

static void
on_scan_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MgScanRunner *runner = user_data;

  g_clear_object (&runner->cancellable);

  /* Cancelled: nobody wants this one. A request that came since still does. */
  if (runner->finish (source, G_TASK (result)))
    runner->n_scans++;

  if (runner->pending && runner->cancellable == NULL)
    start_scan (runner);
}

static void
start_scan (MgScanRunner *runner)
{
  g_autoptr(GTask) task = NULL;

  runner->pending = FALSE;
  runner->previous_started = runner->started;
  runner->previous_start_us = runner->start_us;
  runner->started = TRUE;
  runner->start_us = runner->time_func (runner->time_func_data);
  runner->cancellable = g_cancellable_new ();

  task = g_task_new (runner->owner, runner->cancellable, on_scan_done, runner);
  g_task_set_source_tag (task, start_scan);
  g_task_set_name (task, runner->task_name);
  if (runner->task_data_size > 0)
    g_task_set_task_data (task, g_malloc0 (runner->task_data_size), g_free);
  g_task_run_in_thread (task, runner->thread_func);
}

gboolean
mg_scan_runner_request (MgScanRunner *runner)
{
  gint64 now_us = runner->time_func (runner->time_func_data);

  if (runner->started &&
      now_us - runner->start_us < (gint64) runner->min_interval_s * G_USEC_PER_SEC)
    return FALSE;

  if (runner->cancellable != NULL)
    {
      /* Coalesced: one more scan when this one ends, however many requests come. */
      runner->pending = TRUE;
      return TRUE;
    }

  start_scan (runner);
  return TRUE;
}

gboolean
mg_scan_runner_request_now (MgScanRunner *runner)
{
  if (runner->cancellable != NULL)
    {
      runner->pending = TRUE;
      return TRUE;
    }

  start_scan (runner);
  return TRUE;
}

void
mg_scan_runner_cancel (MgScanRunner *runner)
{
  runner->pending = FALSE;
  if (runner->cancellable == NULL || g_cancellable_is_cancelled (runner->cancellable))
    return;

  g_cancellable_cancel (runner->cancellable);
  /* A scan cut short found nothing: it does not hold the next one back. */
  runner->started = runner->previous_started;
  runner->start_us = runner->previous_start_us;
}

gboolean
mg_scan_runner_is_scanning (MgScanRunner *runner)
{
  return runner->cancellable != NULL;
}

guint
mg_scan_runner_get_n_scans (MgScanRunner *runner)
{
  return runner->n_scans;
}

void
mg_scan_runner_set_time_func (MgScanRunner *runner,
                              MgTimeFunc    func,
                              gpointer      user_data)
{
  runner->time_func = func != NULL ? func : default_time_func;
  runner->time_func_data = func != NULL ? user_data : NULL;
}
