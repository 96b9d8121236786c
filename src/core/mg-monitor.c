/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMonitor: the model; owns the sampling clock, the latest sample, history and level. */

#define G_LOG_DOMAIN "memgauge-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-enums.h"
#include "mg-monitor.h"
#include "mg-monitor-clock.h"
#include "mg-rates.h"

#define MG_MONITOR_MIN_INTERVAL 1
#define MG_MONITOR_MAX_INTERVAL 60
#define MG_MONITOR_DEFAULT_INTERVAL 3

struct _MgMonitor {
  GObject         parent_instance;

  MgSource       *source;
  guint           interval;
  MgMonitorClock  clock;
  /* A requested sample not taken yet, and for sources that cannot read at once, the read
   * in flight: at most one of each. */
  guint           request_id;
  guint           reevaluate_id;
  GCancellable   *cancellable;
  gboolean        reading;
  gboolean        read_again;

  MgTimeFunc      time_func;
  gpointer        time_func_data;

  /* Thresholds, level, hysteresis and reason. */
  MgLevelTracker  tracker;

  /* The last good reading; still used for rates after a failed sample. */
  MgSample        sample;
  gboolean        has_sample;
  gboolean        has_previous;
  GError         *error;
  guint64         n_samples;

  MgHistory      *history;
};

G_DEFINE_FINAL_TYPE (MgMonitor, mg_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_INTERVAL,
  PROP_LEVEL,
  PROP_LOW_THRESHOLD,
  PROP_MEDIUM_THRESHOLD,
  PROP_HIGH_THRESHOLD,
  PROP_HYSTERESIS_MARGIN,
  PROP_PSI_RAISES_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAMPLE_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
on_reevaluate (gpointer user_data)
{
  MgMonitor *self = user_data;

  self->reevaluate_id = 0;
  mg_monitor_reevaluate (self);
  return G_SOURCE_REMOVE;
}

/* Settings arrive one key at a time and Restore Defaults resets several: once they have
 * all arrived, on the next main-loop iteration, the level and every view follow the new
 * rule without waiting for the next sample. Nothing runs unless a threshold changed. */
static void
queue_reevaluate (MgMonitor *self)
{
  if (self->reevaluate_id != 0)
    return;
  self->reevaluate_id = g_idle_add (on_reevaluate, self);
  g_source_set_name_by_id (self->reevaluate_id, "[memgauge] new thresholds");
}

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void take_sample (MgMonitor *self);

static void
on_tick (gpointer user_data)
{
  take_sample (user_data);
}

static void
mg_monitor_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MgMonitor *self = MG_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      mg_monitor_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_LOW_THRESHOLD:
    case PROP_MEDIUM_THRESHOLD:
    case PROP_HIGH_THRESHOLD:
    case PROP_HYSTERESIS_MARGIN:
    case PROP_PSI_RAISES_LEVEL:
      if (mg_level_tracker_set_param (&self->tracker, pspec->name, value))
        {
          g_object_notify_by_pspec (object, pspec);
          queue_reevaluate (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_monitor_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MgMonitor *self = MG_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->tracker.level);
      break;
    case PROP_LOW_THRESHOLD:
    case PROP_MEDIUM_THRESHOLD:
    case PROP_HIGH_THRESHOLD:
    case PROP_HYSTERESIS_MARGIN:
    case PROP_PSI_RAISES_LEVEL:
      mg_level_tracker_get_param (&self->tracker, pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_monitor_dispose (GObject *object)
{
  MgMonitor *self = MG_MONITOR (object);

  mg_monitor_clock_stop (&self->clock);
  g_clear_handle_id (&self->request_id, g_source_remove);
  g_clear_handle_id (&self->reevaluate_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (mg_monitor_parent_class)->dispose (object);
}

static void
mg_monitor_finalize (GObject *object)
{
  MgMonitor *self = MG_MONITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->history, mg_history_free);

  G_OBJECT_CLASS (mg_monitor_parent_class)->finalize (object);
}

static void
mg_monitor_constructed (GObject *object)
{
  MgMonitor *self = MG_MONITOR (object);

  G_OBJECT_CLASS (mg_monitor_parent_class)->constructed (object);

  /* Programmer error: a monitor without a source could never leave "unknown". */
  g_return_if_fail (MG_IS_SOURCE (self->source));
}

static void
mg_monitor_class_init (MgMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = mg_monitor_set_property;
  object_class->get_property = mg_monitor_get_property;
  object_class->constructed = mg_monitor_constructed;
  object_class->dispose = mg_monitor_dispose;
  object_class->finalize = mg_monitor_finalize;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, MG_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       MG_MONITOR_MIN_INTERVAL, MG_MONITOR_MAX_INTERVAL,
                       MG_MONITOR_DEFAULT_INTERVAL, rw);
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, MG_TYPE_LEVEL, MG_LEVEL_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOW_THRESHOLD] =
    g_param_spec_uint ("low-threshold", NULL, NULL, 1, 99, 40, rw);
  properties[PROP_MEDIUM_THRESHOLD] =
    g_param_spec_uint ("medium-threshold", NULL, NULL, 1, 99, 20, rw);
  properties[PROP_HIGH_THRESHOLD] =
    g_param_spec_uint ("high-threshold", NULL, NULL, 1, 99, 10, rw);
  properties[PROP_HYSTERESIS_MARGIN] =
    g_param_spec_uint ("hysteresis-margin", NULL, NULL, 0, 10, 2, rw);
  properties[PROP_PSI_RAISES_LEVEL] =
    g_param_spec_boolean ("psi-raises-level", NULL, NULL, TRUE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgMonitor::sample-updated:
   *
   * Emitted after every sample, good or bad, once the level is up to date, and after
   * mg_monitor_reevaluate().
   */
  signals[SIGNAL_SAMPLE_UPDATED] =
    g_signal_new ("sample-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_monitor_init (MgMonitor *self)
{
  self->interval = MG_MONITOR_DEFAULT_INTERVAL;
  mg_monitor_clock_init (&self->clock, self->interval, on_tick, self);
  self->time_func = default_time_func;
  mg_level_tracker_init (&self->tracker);
  self->history = mg_history_new (MG_MONITOR_HISTORY_CAPACITY);
  self->cancellable = g_cancellable_new ();
}

MgMonitor *
mg_monitor_new (MgSource *source)
{
  g_return_val_if_fail (MG_IS_SOURCE (source), NULL);

  return g_object_new (MG_TYPE_MONITOR, "source", source, NULL);
}

MgMonitor *
mg_monitor_new_with_history (MgSource *source,
                             guint     capacity)
{
  MgMonitor *self = mg_monitor_new (source);

  g_return_val_if_fail (capacity > 0, self);
  mg_history_free (self->history);
  self->history = mg_history_new (capacity);
  return self;
}

MgSource *
mg_monitor_get_source (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return self->source;
}

void
mg_monitor_start (MgMonitor *self)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  take_sample (self);
  mg_monitor_clock_start (&self->clock);
}

void
mg_monitor_stop (MgMonitor *self)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  mg_monitor_clock_stop (&self->clock);
}

/* Takes over one reading (or its error): rates, level, history, signals. */
static void
finish_sample (MgMonitor *self,
               MgSample  *sample,
               GError    *error)
{
  MgLevel previous_level = self->tracker.level;

  self->n_samples++;
  /* The long-run test (build-aux/long-run.sh) counts samples by these lines. */
  if (self->clock.test_interval_ms != 0 && self->n_samples % 500 == 0)
    g_debug ("%" G_GUINT64_FORMAT " samples taken", self->n_samples);

  if (error == NULL)
    {
      mg_rates_compute (sample, self->has_previous ? &self->sample : NULL);
      self->sample = *sample;
      self->has_sample = TRUE;
      self->has_previous = TRUE;
      g_clear_error (&self->error);
      mg_level_tracker_update (&self->tracker, &self->sample);
    }
  else
    {
      g_debug ("Cannot sample memory: %s", error->message);
      g_clear_error (&self->error);
      self->error = error;
      self->has_sample = FALSE;
      mg_level_tracker_fail (&self->tracker, self->error->message);
    }

  mg_history_record (self->history, sample->time_us, self->has_sample ? &self->sample : NULL,
                     self->tracker.level);

  mg_monitor_clock_sampled (&self->clock, self->has_sample ? &self->sample : NULL,
                            &self->tracker.params);
  if (self->tracker.level != previous_level)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);

  g_signal_emit (self, signals[SIGNAL_SAMPLE_UPDATED], 0);
}

static void
on_read_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MgMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  MgSample sample = { 0 };
  gint64 time_us = self->time_func (self->time_func_data);

  self->reading = FALSE;
  if (!mg_source_read_finish (MG_SOURCE (object), result, &sample, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The reading is as old as its answer: rates are per second of the monitor's clock. */
  sample.time_us = time_us;
  finish_sample (self, &sample, g_steal_pointer (&error));

  if (self->read_again)
    {
      self->read_again = FALSE;
      take_sample (self);
    }
}

/* One sample from the source: in place when it cannot block, which allocates nothing;
 * otherwise one read in flight at a time, a request meanwhile served by one more read
 * when it ends. */
static void
take_sample (MgMonitor *self)
{
  if (mg_source_can_read_now (self->source))
    {
      mg_monitor_sample_now (self);
      return;
    }

  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }

  self->reading = TRUE;
  mg_source_read_async (self->source, self->cancellable, on_read_done, g_object_ref (self));
}

gboolean
mg_monitor_sample_now (MgMonitor *self)
{
  GError *error = NULL;
  MgSample sample = { 0 };

  g_return_val_if_fail (MG_IS_MONITOR (self), FALSE);
  g_return_val_if_fail (mg_source_can_read_now (self->source), FALSE);

  sample.time_us = self->time_func (self->time_func_data);
  mg_source_read_now (self->source, &sample, &error);
  finish_sample (self, &sample, error);

  return self->has_sample;
}

static gboolean
on_request (gpointer user_data)
{
  MgMonitor *self = MG_MONITOR (user_data);

  self->request_id = 0;
  take_sample (self);

  return G_SOURCE_REMOVE;
}

void
mg_monitor_request_sample (MgMonitor *self)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  if (self->request_id != 0)
    return;

  self->request_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_request, self, NULL);
  g_source_set_name_by_id (self->request_id, "[memgauge] requested sample");
}

guint
mg_monitor_get_interval (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), 0);

  return self->interval;
}

void
mg_monitor_set_interval (MgMonitor *self,
                         guint      seconds)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  seconds = CLAMP (seconds, MG_MONITOR_MIN_INTERVAL, MG_MONITOR_MAX_INTERVAL);
  if (self->interval == seconds)
    return;

  self->interval = seconds;
  mg_monitor_clock_set_interval (&self->clock, seconds);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

MgLevel
mg_monitor_get_level (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), MG_LEVEL_UNKNOWN);

  return self->tracker.level;
}

const char *
mg_monitor_get_reason (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return self->tracker.reason;
}

const MgSample *
mg_monitor_get_sample (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return self->has_sample ? &self->sample : NULL;
}

const GError *
mg_monitor_get_error (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return self->error;
}

guint64
mg_monitor_get_n_samples (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), 0);

  return self->n_samples;
}

const MgLevelParams *
mg_monitor_get_level_params (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return &self->tracker.params;
}

gboolean
mg_monitor_get_shown_percent (MgMonitor *self,
                              guint     *available,
                              guint     *used)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), FALSE);

  if (!self->has_sample)
    return FALSE;

  mg_level_tracker_shown_percent (&self->tracker, &self->sample, available, used);
  return TRUE;
}

gboolean
mg_monitor_get_raised_by_stalls (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), FALSE);

  return self->has_sample && mg_level_state_raised_by_stalls (&self->tracker.state);
}

const MgHistory *
mg_monitor_get_history (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), NULL);

  return self->history;
}

guint
mg_monitor_restore_history (MgMonitor            *self,
                            const MgHistoryEntry *entries,
                            guint                 n_entries)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), 0);

  return mg_history_restore (self->history, entries, n_entries);
}

void
mg_monitor_set_test_interval_ms (MgMonitor *self,
                                 guint      milliseconds)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  mg_monitor_clock_set_test_interval_ms (&self->clock, milliseconds);
}

void
mg_monitor_set_power_saver (MgMonitor *self,
                            gboolean   power_saver)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  mg_monitor_clock_set_power_saver (&self->clock, power_saver);
}

guint
mg_monitor_get_next_delay_ms (MgMonitor *self)
{
  g_return_val_if_fail (MG_IS_MONITOR (self), 0);

  return mg_monitor_clock_get_delay_ms (&self->clock);
}

void
mg_monitor_set_time_func (MgMonitor  *self,
                          MgTimeFunc  func,
                          gpointer    user_data)
{
  g_return_if_fail (MG_IS_MONITOR (self));

  self->time_func = func != NULL ? func : default_time_func;
  self->time_func_data = user_data;
}

void
mg_monitor_reevaluate (MgMonitor *self)
{
  MgLevel previous_level;

  g_return_if_fail (MG_IS_MONITOR (self));

  /* Nothing to weigh: a failed or missing sample stays unknown until the next one. */
  if (!self->has_sample || self->error != NULL)
    return;

  previous_level = self->tracker.level;
  mg_level_tracker_update (&self->tracker, &self->sample);
  if (self->tracker.level != previous_level)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);

  /* The views follow the level through this one signal; no sample was taken, so
   * n-samples and the history stay as they are. */
  g_signal_emit (self, signals[SIGNAL_SAMPLE_UPDATED], 0);
}
