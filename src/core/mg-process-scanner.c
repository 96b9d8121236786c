/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgProcessScanner: finds the processes using the most memory, off the main loop. */

#define G_LOG_DOMAIN "memgauge-process-scanner"

#include "config.h"

#include <string.h>

#include "mg-process-scanner.h"
#include "mg-scan-runner.h"

typedef struct {
  MgProcessUsage found[MG_PROCESS_SCAN_MAX];
  guint          n_found;
} ScanResult;

struct _MgProcessScanner {
  GObject         parent_instance;

  char           *proc_root;
  guint           n_results;
  MgScanRunner    runner;

  MgProcessUsage  results[MG_PROCESS_SCAN_MAX];
  guint           n_found;
  GError         *error;
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

static gboolean
finish_scan (GObject *owner,
             GTask   *task)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (owner);
  const ScanResult *result = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (task, &error);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

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
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  return TRUE;
}

gboolean
mg_process_scanner_request (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  return mg_scan_runner_request (&self->runner);
}

gboolean
mg_process_scanner_request_now (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  return mg_scan_runner_request_now (&self->runner);
}

void
mg_process_scanner_cancel (MgProcessScanner *self)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  mg_scan_runner_cancel (&self->runner);
}

gboolean
mg_process_scanner_is_scanning (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  return mg_scan_runner_is_scanning (&self->runner);
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

  return mg_scan_runner_get_n_scans (&self->runner);
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

  return self->runner.min_interval_s;
}

void
mg_process_scanner_set_min_interval (MgProcessScanner *self,
                                     guint             seconds)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  if (self->runner.min_interval_s == seconds)
    return;

  self->runner.min_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INTERVAL]);
}

void
mg_process_scanner_set_time_func (MgProcessScanner *self,
                                  MgTimeFunc        func,
                                  gpointer          user_data)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  mg_scan_runner_set_time_func (&self->runner, func, user_data);
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
      g_value_set_uint (value, self->runner.min_interval_s);
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

  mg_scan_runner_clear (&self->runner);
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
  mg_scan_runner_init (&self->runner, G_OBJECT (self), "[memgauge] process scan",
                       scan_thread, sizeof (ScanResult), finish_scan);
  self->runner.min_interval_s = MG_PROCESS_SCANNER_DEFAULT_INTERVAL;
}

MgProcessScanner *
mg_process_scanner_new (const char *proc_root)
{
  return g_object_new (MG_TYPE_PROCESS_SCANNER, "proc-root", proc_root, NULL);
}
