/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgProcessScanner: finds the processes using the most memory, off the main loop. */

#define G_LOG_DOMAIN "memgauge-process-scanner"

#include "config.h"

#include <string.h>

#include "mg-process-scanner.h"

typedef struct {
  MgProcessUsage found[MG_PROCESS_SCAN_MAX];
  guint          n_found;
} ScanResult;

struct _MgProcessScanner {
  GObject         parent_instance;

  char           *proc_root;
  guint           n_results;
  guint           min_interval_s;
  MgTimeFunc      time_func;
  gpointer        time_func_data;

  /* Set while a worker runs, cancelled or not: there is never a second one. */
  GCancellable   *cancellable;
  gboolean        pending;

  /* The start of the last scan that was not cancelled, for the rate limit; the one
   * before it, to go back to when the running scan is cancelled. */
  gboolean        started;
  gint64          start_us;
  gboolean        previous_started;
  gint64          previous_start_us;

  MgProcessUsage  results[MG_PROCESS_SCAN_MAX];
  guint           n_found;
  GError         *error;
  guint           n_scans;
};

G_DEFINE_FINAL_TYPE (MgProcessScanner, mg_process_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROC_ROOT,
  PROP_N_RESULTS,
  PROP_MIN_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* smaps_rollup walks each process's page tables under its mmap lock, which can wait
 * when memory is tight, exactly when someone looks at the list: never on the main loop. */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MgProcessScanner *self = source_object;
  ScanResult *result = task_data;
  GError *error = NULL;

  /* proc_root and n_results are construct-only: reading them here races with nothing. */
  if (mg_process_scan_largest (self->proc_root, result->found, self->n_results,
                               &result->n_found, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_scan (MgProcessScanner *self);

static void
on_scan_done (GObject      *source,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (source);
  GTask *task = G_TASK (async_result);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_clear_object (&self->cancellable);
  ok = g_task_propagate_boolean (task, &error);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: nobody wants this one. A request that came since still does. */
    }
  else
    {
      const ScanResult *result = g_task_get_task_data (task);

      g_clear_error (&self->error);
      if (ok)
        {
          memcpy (self->results, result->found, sizeof self->results);
          self->n_found = result->n_found;
        }
      else
        {
          self->n_found = 0;
          self->error = g_steal_pointer (&error);
        }
      self->n_scans++;
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }

  if (self->pending && self->cancellable == NULL)
    start_scan (self);
}

static void
start_scan (MgProcessScanner *self)
{
  g_autoptr(GTask) task = NULL;

  self->pending = FALSE;
  self->previous_started = self->started;
  self->previous_start_us = self->start_us;
  self->started = TRUE;
  self->start_us = self->time_func (self->time_func_data);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, on_scan_done, NULL);
  g_task_set_source_tag (task, start_scan);
  g_task_set_name (task, "[memgauge] process scan");
  g_task_set_task_data (task, g_new0 (ScanResult, 1), g_free);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
mg_process_scanner_request (MgProcessScanner *self)
{
  gint64 now_us;

  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  now_us = self->time_func (self->time_func_data);
  if (self->started &&
      now_us - self->start_us < (gint64) self->min_interval_s * G_USEC_PER_SEC)
    return FALSE;

  if (self->cancellable != NULL)
    {
      /* Coalesced: one more scan when this one ends, however many requests come. */
      self->pending = TRUE;
      return TRUE;
    }

  start_scan (self);
  return TRUE;
}

void
mg_process_scanner_cancel (MgProcessScanner *self)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  self->pending = FALSE;
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->cancellable);
  /* A scan cut short found nothing: it does not hold the next one back. */
  self->started = self->previous_started;
  self->start_us = self->previous_start_us;
}

gboolean
mg_process_scanner_is_scanning (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  return self->cancellable != NULL;
}

guint
mg_process_scanner_get_results (MgProcessScanner      *self,
                                const MgProcessUsage **results)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), 0);
  g_return_val_if_fail (results != NULL, 0);

  *results = self->results;
  return self->n_found;
}

const GError *
mg_process_scanner_get_error (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), NULL);

  return self->error;
}

guint
mg_process_scanner_get_n_scans (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), 0);

  return self->n_scans;
}

const char *
mg_process_scanner_get_proc_root (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), NULL);

  return self->proc_root;
}

guint
mg_process_scanner_get_min_interval (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), 0);

  return self->min_interval_s;
}

void
mg_process_scanner_set_min_interval (MgProcessScanner *self,
                                     guint             seconds)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  if (self->min_interval_s == seconds)
    return;

  self->min_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INTERVAL]);
}

void
mg_process_scanner_set_time_func (MgProcessScanner *self,
                                  MgTimeFunc        func,
                                  gpointer          user_data)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  self->time_func = func != NULL ? func : default_time_func;
  self->time_func_data = func != NULL ? user_data : NULL;
}

static void
mg_process_scanner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      self->proc_root = g_value_dup_string (value);
      break;
    case PROP_N_RESULTS:
      self->n_results = g_value_get_uint (value);
      break;
    case PROP_MIN_INTERVAL:
      mg_process_scanner_set_min_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_process_scanner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      g_value_set_string (value, self->proc_root);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, self->n_results);
      break;
    case PROP_MIN_INTERVAL:
      g_value_set_uint (value, self->min_interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_process_scanner_dispose (GObject *object)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  /* A running worker holds a reference: this runs only once it has ended. */
  mg_process_scanner_cancel (self);

  G_OBJECT_CLASS (mg_process_scanner_parent_class)->dispose (object);
}

static void
mg_process_scanner_finalize (GObject *object)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->proc_root);

  G_OBJECT_CLASS (mg_process_scanner_parent_class)->finalize (object);
}

static void
mg_process_scanner_class_init (MgProcessScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_process_scanner_set_property;
  object_class->get_property = mg_process_scanner_get_property;
  object_class->dispose = mg_process_scanner_dispose;
  object_class->finalize = mg_process_scanner_finalize;

  properties[PROP_PROC_ROOT] =
    g_param_spec_string ("proc-root", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_RESULTS] =
    g_param_spec_uint ("n-results", NULL, NULL, 1, MG_PROCESS_SCAN_MAX, 5,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MIN_INTERVAL] =
    g_param_spec_uint ("min-interval", NULL, NULL, 0, G_MAXUINT,
                       MG_PROCESS_SCANNER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgProcessScanner::updated:
   *
   * A scan finished, on the scanner's main context: the results or the error changed.
   */
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_process_scanner_init (MgProcessScanner *self)
{
  self->n_results = 5;
  self->min_interval_s = MG_PROCESS_SCANNER_DEFAULT_INTERVAL;
  self->time_func = default_time_func;
}

MgProcessScanner *
mg_process_scanner_new (const char *proc_root)
{
  return g_object_new (MG_TYPE_PROCESS_SCANNER, "proc-root", proc_root, NULL);
}
