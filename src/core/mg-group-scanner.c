/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupScanner: the leaf control groups by memory use, named, off the main loop. */

#define G_LOG_DOMAIN "memgauge-group-scanner"

#include "config.h"

#include "mg-group-scanner.h"

struct _MgGroupScanner {
  GObject         parent_instance;

  MgGroupWalker  *walker;
  /* Used by the worker only, and there is one worker at most. */
  MgGroupNamer   *namer;
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

  GPtrArray      *groups;
  GError         *error;
  guint           n_scans;
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

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
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

static void start_scan (MgGroupScanner *self);

static void
on_scan_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MgGroupScanner *self = MG_GROUP_SCANNER (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  g_clear_object (&self->cancellable);
  groups = g_task_propagate_pointer (G_TASK (result), &error);

  if (groups == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: nobody wants this one. A request that came since still does. */
    }
  else
    {
      g_clear_error (&self->error);
      g_clear_pointer (&self->groups, g_ptr_array_unref);
      if (groups != NULL)
        self->groups = groups;
      else
        {
          self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
          self->error = g_steal_pointer (&error);
        }
      self->n_scans++;
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }

  if (self->pending && self->cancellable == NULL)
    start_scan (self);
}

static void
start_scan (MgGroupScanner *self)
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
  g_task_set_name (task, "[memgauge] group scan");
  g_task_run_in_thread (task, scan_thread);
}

gboolean
mg_group_scanner_request (MgGroupScanner *self)
{
  gint64 now_us;

  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), FALSE);

  now_us = self->time_func (self->time_func_data);
  if (self->started &&
      now_us - self->start_us < (gint64) self->min_interval_s * G_USEC_PER_SEC)
    return FALSE;

  if (self->cancellable != NULL)
    {
      self->pending = TRUE;
      return TRUE;
    }

  start_scan (self);
  return TRUE;
}

void
mg_group_scanner_cancel (MgGroupScanner *self)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  self->pending = FALSE;
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->cancellable);
  self->started = self->previous_started;
  self->start_us = self->previous_start_us;
}

gboolean
mg_group_scanner_is_scanning (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), FALSE);

  return self->cancellable != NULL;
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

  return self->n_scans;
}

guint
mg_group_scanner_get_min_interval (MgGroupScanner *self)
{
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (self), 0);

  return self->min_interval_s;
}

void
mg_group_scanner_set_min_interval (MgGroupScanner *self,
                                   guint           seconds)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  if (self->min_interval_s == seconds)
    return;

  self->min_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INTERVAL]);
}

void
mg_group_scanner_set_time_func (MgGroupScanner *self,
                                MgTimeFunc      func,
                                gpointer        user_data)
{
  g_return_if_fail (MG_IS_GROUP_SCANNER (self));

  self->time_func = func != NULL ? func : default_time_func;
  self->time_func_data = func != NULL ? user_data : NULL;
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
      g_value_set_uint (value, self->min_interval_s);
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

  g_clear_object (&self->cancellable);
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
  self->min_interval_s = MG_GROUP_SCANNER_DEFAULT_INTERVAL;
  self->time_func = default_time_func;
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
