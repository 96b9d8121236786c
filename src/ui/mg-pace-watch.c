/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPaceWatch: what makes the local monitor sample sooner or later: PSI trigger, power profile. */

#define G_LOG_DOMAIN "memgauge-pace-watch"

#include "config.h"

#include "mg-pace-watch.h"
#include "mg-psi-trigger.h"
#include "mg-source-procfs.h"

struct _MgPaceWatch {
  GObject               parent_instance;

  MgMonitor            *monitor;
  MgPsiTrigger         *trigger;
  GPowerProfileMonitor *power;
  gulong                power_handler;
  gboolean              slower_in_power_saver;
};

G_DEFINE_FINAL_TYPE (MgPaceWatch, mg_pace_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLOWER_IN_POWER_SAVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_power_saver (MgPaceWatch *self)
{
  gboolean saver = self->power != NULL &&
                   g_power_profile_monitor_get_power_saver_enabled (self->power);

  g_debug ("Power saver %s", saver ? "on" : "off");
  mg_monitor_set_power_saver (self->monitor, saver && self->slower_in_power_saver);
}

static void
on_power_saver_changed (GPowerProfileMonitor *power,
                        GParamSpec           *pspec,
                        MgPaceWatch          *self)
{
  update_power_saver (self);
}

/* Stalls started: a sample now shows them, and its fill rate re-times the clock. */
static void
on_trigger (gpointer user_data)
{
  MgPaceWatch *self = user_data;

  g_debug ("PSI trigger fired");
  mg_monitor_request_sample (self->monitor);
}

static void
mg_pace_watch_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MgPaceWatch *self = MG_PACE_WATCH (object);

  switch (prop_id)
    {
    case PROP_SLOWER_IN_POWER_SAVER:
      if (self->slower_in_power_saver == g_value_get_boolean (value))
        return;
      self->slower_in_power_saver = g_value_get_boolean (value);
      update_power_saver (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_pace_watch_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MgPaceWatch *self = MG_PACE_WATCH (object);

  switch (prop_id)
    {
    case PROP_SLOWER_IN_POWER_SAVER:
      g_value_set_boolean (value, self->slower_in_power_saver);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_pace_watch_dispose (GObject *object)
{
  MgPaceWatch *self = MG_PACE_WATCH (object);

  g_clear_pointer (&self->trigger, mg_psi_trigger_free);
  g_clear_signal_handler (&self->power_handler, self->power);
  g_clear_object (&self->power);
  if (self->monitor != NULL)
    mg_monitor_set_power_saver (self->monitor, FALSE);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_pace_watch_parent_class)->dispose (object);
}

static void
mg_pace_watch_class_init (MgPaceWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_pace_watch_set_property;
  object_class->get_property = mg_pace_watch_get_property;
  object_class->dispose = mg_pace_watch_dispose;

  properties[PROP_SLOWER_IN_POWER_SAVER] =
    g_param_spec_boolean ("slower-in-power-saver", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_pace_watch_init (MgPaceWatch *self)
{
  self->slower_in_power_saver = TRUE;
}

MgPaceWatch *
mg_pace_watch_new (MgMonitor *monitor,
                   GSettings *settings)
{
  MgSource *source;
  MgPaceWatch *self;

  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_PACE_WATCH, NULL);
  self->monitor = g_object_ref (monitor);
  source = mg_monitor_get_source (monitor);
  if (MG_IS_SOURCE_PROCFS (source))
    self->trigger = mg_psi_trigger_new (mg_source_procfs_get_root (MG_SOURCE_PROCFS (source)),
                                        MG_PSI_TRIGGER_DEFAULT, on_trigger, self);
  if (settings != NULL)
    g_settings_bind (settings, "slower-in-power-saver", self, "slower-in-power-saver",
                     G_SETTINGS_BIND_GET);
  /* Without power-profiles-daemon on the system bus, GIO's default monitor reports
   * power-saver off: the interval stays as set. */
  self->power = g_power_profile_monitor_dup_default ();
  if (self->power != NULL)
    self->power_handler = g_signal_connect (self->power, "notify::power-saver-enabled",
                                            G_CALLBACK (on_power_saver_changed), self);
  update_power_saver (self);

  return self;
}

gboolean
mg_pace_watch_has_psi_trigger (MgPaceWatch *self)
{
  g_return_val_if_fail (MG_IS_PACE_WATCH (self), FALSE);

  return self->trigger != NULL && mg_psi_trigger_is_armed (self->trigger);
}
