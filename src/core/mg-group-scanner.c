/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupScanner: the leaf control groups by memory use, named, off the main loop. */

#define G_LOG_DOMAIN "memgauge-group-scanner"

#include "config.h"

#include "mg-group-scanner.h"
#include "mg-scan-runner.h"

struct _MgGroupScanner {
  GObject         parent_instance;

  MgGroupWalker  *walker;
  /* Used by the worker only, and there is one worker at most. */
  MgGroupNamer   *namer;
  MgScanRunner    runner;

  GPtrArray      *groups;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (MgGroupScanner, mg_group_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WALKER,
  PROP_MIN_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_sorted (GPtrArray *groups)
{
  for (guint i = 1; i < groups->len; i++)
    if (mg_group_compare_usage (&groups->pdata[i - 1], &groups->pdata[i]) > 0)
      return FALSE;
  return TRUE;
}

GPtrArray *
mg_group_collect (MgGroupWalker  *walker,
                  MgGroupNamer   *namer,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);

  g_return_val_if_fail (MG_IS_GROUP_WALKER (walker), NULL);
  g_return_val_if_fail (namer != NULL, NULL);

  if (!mg_group_walker_walk (walker, groups, cancellable, error))
    return NULL;

  for (guint i = 0; i < groups->len; i++)
    mg_group_namer_name (namer, g_ptr_array_index (groups, i));
  /* The cgroup walker hands them over sorted already; sorting again cost a sixth of a
   * scan's instructions (callgrind, 500 groups). */
  if (!is_sorted (groups))
    g_ptr_array_sort (groups, mg_group_compare_usage);

  return g_steal_pointer (&groups);
}

/* Walking a few hundred directories of cgroupfs takes milliseconds and desktop files
 * and container metadata are read from disk: never on the main loop. */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MgGroupScanner *self = source_object;
  GError *error = NULL;
  GPtrArray *groups;

  /* walker and namer are set at construction and used by this one worker only. */
  groups = mg_group_collect (self->walker, self->namer, cancellable, &error);
  if (groups != NULL)
    g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static gboolean
finish_scan (GObject *owner,
             GTask   *task)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (owner);
  g_autoptr(GError) error = NULL;
  GPtrArray *groups = g_task_propagate_pointer (task, &error);

  if (groups == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_error (&self->error);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  if (groups != NULL)
    self->groups = groups;
  else
    {
      self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
      self->error = g_steal_pointer (&error);
    }
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  return TRUE;
}

gboolean
mg_group_scanner_request (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), FALSE);

  return mg_scan_runner_request (&self->runner);
}

gboolean
mg_group_scanner_request_now (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), FALSE);

  return mg_scan_runner_request_now (&self->runner);
}

void
mg_group_scanner_cancel (MgGroupScanner *self)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  mg_scan_runner_cancel (&self->runner);
}

gboolean
mg_group_scanner_is_scanning (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), FALSE);

  return mg_scan_runner_is_scanning (&self->runner);
}

GPtrArray *
mg_group_scanner_get_groups (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), NULL);

  return self->groups;
}

const GError *
mg_group_scanner_get_error (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), NULL);

  return self->error;
}

guint
mg_group_scanner_get_n_scans (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), 0);

  return mg_scan_runner_get_n_scans (&self->runner);
}

guint
mg_group_scanner_get_min_interval (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), 0);

  return self->runner.min_interval_s;
}

void
mg_group_scanner_set_min_interval (MgGroupScanner *self,
                                   guint           seconds)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  if (self->runner.min_interval_s == seconds)
    return;

  self->runner.min_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INTERVAL]);
}

void
mg_group_scanner_set_time_func (MgGroupScanner *self,
                                MgTimeFunc      func,
                                gpointer        user_data)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  mg_scan_runner_set_time_func (&self->runner, func, user_data);
}

static void
mg_group_scanner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (object);

  switch (prop_id)
    {
    case PROP_WALKER:
      self->walker = g_value_dup_object (value);
      break;
    case PROP_MIN_INTERVAL:
      mg_group_scanner_set_min_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_group_scanner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (object);

  switch (prop_id)
    {
    case PROP_WALKER:
      g_value_set_object (value, self->walker);
      break;
    case PROP_MIN_INTERVAL:
      g_value_set_uint (value, self->runner.min_interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_group_scanner_constructed (GObject *object)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (object);

  G_OBJECT_CLASS (mg_group_scanner_parent_class)->constructed (object);

  g_return_if_fail (MG_IS_GROUP_WALKER (self->walker));
  if (self->namer == NULL)
    self->namer = mg_group_namer_new (NULL, NULL);
}

static void
mg_group_scanner_dispose (GObject *object)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (object);

  /* A running worker holds a reference: this runs only once it has ended. */
  mg_group_scanner_cancel (self);

  G_OBJECT_CLASS (mg_group_scanner_parent_class)->dispose (object);
}

static void
mg_group_scanner_finalize (GObject *object)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (object);

  mg_scan_runner_clear (&self->runner);
  g_clear_object (&self->walker);
  g_clear_pointer (&self->namer, mg_group_namer_free);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mg_group_scanner_parent_class)->finalize (object);
}

static void
mg_group_scanner_class_init (MgGroupScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_group_scanner_set_property;
  object_class->get_property = mg_group_scanner_get_property;
  object_class->constructed = mg_group_scanner_constructed;
  object_class->dispose = mg_group_scanner_dispose;
  object_class->finalize = mg_group_scanner_finalize;

  properties[PROP_WALKER] =
    g_param_spec_object ("walker", NULL, NULL, MG_TYPE_GROUP_WALKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MIN_INTERVAL] =
    g_param_spec_uint ("min-interval", NULL, NULL, 0, G_MAXUINT,
                       MG_GROUP_SCANNER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgGroupScanner::updated:
   *
   * A scan finished, on the scanner's main context: the groups or the error changed.
   */
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_group_scanner_init (MgGroupScanner *self)
{
  mg_scan_runner_init (&self->runner, G_OBJECT (self), "[memgauge] group scan",
                       scan_thread, 0, finish_scan);
  self->runner.min_interval_s = MG_GROUP_SCANNER_DEFAULT_INTERVAL;
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
}

MgGroupScanner *
mg_group_scanner_new (MgGroupWalker *walker,
                      MgGroupNamer  *namer)
{
  MgGroupScanner *self;

  g_return_val_if_fail (MG_IS_GROUP_WALKER (walker), NULL);

  self = g_object_new (MG_TYPE_GROUP_SCANNER, "walker", walker, NULL);
  if (namer != NULL)
    {
      mg_group_namer_free (self->namer);
      self->namer = namer;
    }
  return self;
}
