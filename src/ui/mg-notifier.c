/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgNotifier: desktop notifications on high and critical pressure and on OOM kills. */

#define G_LOG_DOMAIN "memgauge-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-level-style.h"
#include "mg-group-end-offer.h"
#include "mg-notifier.h"
#include "mg-notify-rules.h"

struct _MgNotifier {
  GObject        parent_instance;

  GApplication  *app;
  MgMonitor     *monitor;

  gulong         sample_handler;

  MgNotifyRules  rules;
  guint          renotify_minutes;

  MgNotifierOomHook oom_hook;
  gpointer       oom_hook_data;
};

G_DEFINE_FINAL_TYPE (MgNotifier, mg_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_MONITOR,
  PROP_NOTIFY_ON_HIGH,
  PROP_NOTIFY_ON_CRITICAL,
  PROP_RENOTIFY_MINUTES,
  PROP_SNOOZE_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
advice (void)
{
  return _("Save your work and close applications you do not need.");
}

/* The body carries no live figure: GNotification cannot tell whether a notification is
 * still on screen (GLib's freedesktop backend forgets it when the daemon reports it
 * closed, expired or dismissed), so updating the figure in place every few points would
 * pop a dismissed warning up again and again while memory drifts, and GNOME Shell shows
 * a replaced notification's banner anew. A figure left as it was would be wrong within
 * a minute. So the text says what is happening and what to do, which stays true while
 * the level lasts (falling below high withdraws it); the tray and the gauge window,
 * one click away, carry the figures. */
static void
pressure_text (MgNotifier  *self,
               MgLevel      level,
               const char **title,
               char       **body)
{
  if (level == MG_LEVEL_CRITICAL)
    {
      *title = _("Memory is almost full");
      *body = g_strdup_printf ("%s\n%s",
                               _("The system may soon end programs to free memory, and "
                                 "their unsaved work would be lost."),
                               advice ());
    }
  else if (mg_monitor_get_raised_by_stalls (self->monitor))
    {
      /* Stalls alone raised the level: closing applications is not the answer. */
      *title = _("Programs are waiting for memory");
      *body = g_strdup_printf ("%s\n%s",
                               _("Memory is not short, yet programs keep waiting while the "
                                 "system frees some: a program held to a memory limit, or "
                                 "heavy disk use, can cause this."),
                               _("Show Details lists the programs that use the most."));
    }
  else
    {
      *title = _("Memory pressure is high");
      *body = g_strdup_printf ("%s\n%s",
                               _("Memory is running short, and the system is slowing "
                                 "programs down to find more."),
                               advice ());
    }
}

static GIcon *
level_icon (MgLevel level)
{
  return g_themed_icon_new (mg_level_style_get (level)->icon_name);
}

static void
send_pressure (MgNotifier *self,
               MgLevel     level)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = level_icon (level);
  g_autofree char *body = NULL;
  const char *title;

  pressure_text (self, level, &title, &body);
  notification = g_notification_new (title);
  g_notification_set_priority (notification, level == MG_LEVEL_CRITICAL
                                               ? G_NOTIFICATION_PRIORITY_URGENT
                                               : G_NOTIFICATION_PRIORITY_NORMAL);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-gauge");
  /* Translators: a button on the memory pressure notification */
  g_notification_add_button (notification, _("Show Details"), "app.show-gauge");
  /* Critical is never snoozed, so offering it there would be a button that lies. */
  if (level != MG_LEVEL_CRITICAL)
    {
      /* Translators: a button on the memory pressure notification; silences high
       * pressure notifications for an hour */
      g_notification_add_button (notification, _("Snooze for 1 Hour"),
                                 "app.snooze-notifications");
    }

  g_debug ("Sending the %s pressure notification", mg_level_to_nick (level));
  /* Critical: sent once the largest app is known (a scan of a few milliseconds), with
   * "End <app>" when there is one; sending twice would show two (GLib learns the first
   * one's id only later). */
  if (level == MG_LEVEL_CRITICAL)
    mg_group_end_offer_send (self->app, MG_NOTIFIER_ID_PRESSURE, notification);
  else
    g_application_send_notification (self->app, MG_NOTIFIER_ID_PRESSURE, notification);
}

static void
send_oom (MgNotifier *self,
          guint64     kills)
{
  /* More than four billion kills in one sample interval is not a thing, but clamp
   * rather than wrap. */
  guint n = (guint) MIN (kills, G_MAXUINT);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = level_icon (MG_LEVEL_CRITICAL);
  g_autofree char *title = NULL;
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;

  /* Translators: notification title after the kernel's out-of-memory killer ended
   * one or more programs */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "A program was stopped to free memory",
                                        "%u programs were stopped to free memory", n),
                           n);
  /* Translators: notification body after the kernel's out-of-memory killer ended
   * one or more programs */
  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Memory ran out, so the system ended a program to keep "
                                       "running. Its unsaved work may be lost.",
                                       "Memory ran out, so the system ended %u programs to "
                                       "keep running. Their unsaved work may be lost.", n),
                          n);
  body = g_strdup_printf ("%s\n%s", what, advice ());

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-gauge");
  g_notification_add_button (notification, _("Show Details"), "app.show-gauge");

  g_debug ("Sending the OOM notification for %u kills", n);
  g_application_send_notification (self->app, MG_NOTIFIER_ID_OOM, notification);
}

/* Sending goes through GApplication, which talks to org.freedesktop.Notifications
 * asynchronously: with no daemon on the bus, one restarting or one that ignores
 * actions, the call fails or is ignored in the background (GLib warns once) and the
 * next notification is tried afresh, so nothing here waits or needs to retry. */
static void
update (MgNotifier *self)
{
  const MgSample *sample = mg_monitor_get_sample (self->monitor);
  MgNotifyDecision decision;
  gboolean has_oom_kill;

  /* No sample means the level is unknown: the rules would not act on it anyway. */
  if (sample == NULL || self->app == NULL)
    return;

  has_oom_kill = sample->has_vmstat && mg_vmstat_has (&sample->vmstat, MG_VMSTAT_OOM_KILL);

  /* The monitor owns the clock: its sample times are what the rules measure. The
   * wall clock is only for the snooze, which must survive a restart. */
  mg_notify_rules_update (&self->rules, mg_monitor_get_level (self->monitor),
                          has_oom_kill, sample->vmstat.count[MG_VMSTAT_OOM_KILL],
                          sample->time_us, g_get_real_time (), &decision);

  switch (decision.pressure)
    {
    case MG_NOTIFY_ACTION_SEND:
      send_pressure (self, decision.level);
      break;
    case MG_NOTIFY_ACTION_WITHDRAW:
      g_debug ("Withdrawing the pressure notification");
      mg_group_end_offer_cancel (self->app);
      g_application_withdraw_notification (self->app, MG_NOTIFIER_ID_PRESSURE);
      break;
    case MG_NOTIFY_ACTION_NONE:
    default:
      break;
    }

  if (decision.oom_kills > 0 && self->oom_hook != NULL)
    decision.oom_kills = self->oom_hook (decision.oom_kills, self->oom_hook_data);
  if (decision.oom_kills > 0)
    send_oom (self, decision.oom_kills);
}

void
mg_notifier_set_oom_hook (MgNotifier        *self,
                          MgNotifierOomHook  hook,
                          gpointer           user_data)
{
  g_return_if_fail (MG_IS_NOTIFIER (self));

  self->oom_hook = hook;
  self->oom_hook_data = user_data;
}

/* The one signal followed: the level only changes with a sample, and the monitor emits
 * sample-updated after notify::level, so the rules see each sample once with its level.
 * Every sample moves the rules' clock (the 30 s that end an episode, the 15 s gap) and
 * may carry an OOM kill, which also ends an episode, even when the level stayed. */
static void
on_sample_updated (MgMonitor  *monitor,
                   MgNotifier *self)
{
  update (self);
}

static void
mg_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MgNotifier *self = MG_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->app);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_NOTIFY_ON_HIGH:
      g_value_set_boolean (value, self->rules.notify_on_high);
      break;
    case PROP_NOTIFY_ON_CRITICAL:
      g_value_set_boolean (value, self->rules.notify_on_critical);
      break;
    case PROP_RENOTIFY_MINUTES:
      g_value_set_uint (value, self->renotify_minutes);
      break;
    case PROP_SNOOZE_UNTIL:
      g_value_set_int64 (value, self->rules.snooze_until_wall_us);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_notifier_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MgNotifier *self = MG_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      /* The application owns the notifier: a reference back would be a cycle. */
      g_set_weak_pointer (&self->app, g_value_get_object (value));
      return;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      return;
    case PROP_NOTIFY_ON_HIGH:
      if (self->rules.notify_on_high == g_value_get_boolean (value))
        return;
      self->rules.notify_on_high = g_value_get_boolean (value);
      break;
    case PROP_NOTIFY_ON_CRITICAL:
      if (self->rules.notify_on_critical == g_value_get_boolean (value))
        return;
      self->rules.notify_on_critical = g_value_get_boolean (value);
      break;
    case PROP_RENOTIFY_MINUTES:
      if (self->renotify_minutes == g_value_get_uint (value))
        return;
      self->renotify_minutes = g_value_get_uint (value);
      self->rules.renotify_us = (gint64) self->renotify_minutes * 60 * G_USEC_PER_SEC;
      break;
    case PROP_SNOOZE_UNTIL:
      if (self->rules.snooze_until_wall_us == g_value_get_int64 (value))
        return;
      self->rules.snooze_until_wall_us = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_object_notify_by_pspec (object, pspec);

  /* A notification that was just switched off or snoozed leaves the screen now, not
   * at the next sample; the rules decide nothing twice for the same sample. */
  if (self->sample_handler != 0)
    update (self);
}

static void
mg_notifier_constructed (GObject *object)
{
  MgNotifier *self = MG_NOTIFIER (object);

  G_OBJECT_CLASS (mg_notifier_parent_class)->constructed (object);

  /* Without them the notifier would have nothing to follow or nobody to send through:
   * a programmer error, so it stays inert rather than half-working. */
  g_return_if_fail (G_IS_APPLICATION (self->app));
  g_return_if_fail (MG_IS_MONITOR (self->monitor));

  self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                           G_CALLBACK (on_sample_updated), self);
  /* app.end-group, for the critical notification's "End “NAME”". */
  mg_group_end_offer_install (self->app);

  /* Already in trouble when MemGauge starts: that is news too. */
  update (self);
}

static void
mg_notifier_dispose (GObject *object)
{
  MgNotifier *self = MG_NOTIFIER (object);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (mg_notifier_parent_class)->dispose (object);
}

static void
mg_notifier_class_init (MgNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = mg_notifier_get_property;
  object_class->set_property = mg_notifier_set_property;
  object_class->constructed = mg_notifier_constructed;
  object_class->dispose = mg_notifier_dispose;

  /* Required: a bare g_object_new () gives a critical and a notifier that does nothing. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFY_ON_HIGH] =
    g_param_spec_boolean ("notify-on-high", NULL, NULL, TRUE, rw);
  properties[PROP_NOTIFY_ON_CRITICAL] =
    g_param_spec_boolean ("notify-on-critical", NULL, NULL, TRUE, rw);
  properties[PROP_RENOTIFY_MINUTES] =
    g_param_spec_uint ("renotify-minutes", NULL, NULL, 1, 1440, 30, rw);
  /* Wall-clock µs since the epoch, as the GSettings key. */
  properties[PROP_SNOOZE_UNTIL] =
    g_param_spec_int64 ("snooze-until", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_notifier_init (MgNotifier *self)
{
  mg_notify_rules_init (&self->rules);
  self->renotify_minutes = 30;
  self->rules.renotify_us = (gint64) self->renotify_minutes * 60 * G_USEC_PER_SEC;
}

MgNotifier *
mg_notifier_new (GApplication *app,
                 MgMonitor    *monitor)
{
  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);

  return g_object_new (MG_TYPE_NOTIFIER, "application", app, "monitor", monitor, NULL);
}
