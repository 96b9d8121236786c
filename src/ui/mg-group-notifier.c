/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupNotifier: notifications that name the group: near its limit, OOM kills, leaks. */

#define G_LOG_DOMAIN "memgauge-group-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-cgroup-walker.h"
#include "mg-format.h"
#include "mg-group-naming.h"
#include "mg-group-notifier.h"
#include "mg-level-style.h"

/* A leak is worth one reminder a day per group. */
#define LEAK_REMIND_US ((gint64) 24 * 3600 * G_USEC_PER_SEC)

struct _MgGroupNotifier {
  GObject         parent_instance;

  GApplication   *app;
  MgNotifier     *notifier;
  GSettings      *settings;
  MgGroupWalker  *walker;
  MgGroupScanner *scanner;
  MgGroupWatch   *watch;
  gulong          settings_handler;

  /* path -> wall-clock µs of its last leak notification; entries older than a day go. */
  GHashTable     *leaks_told;
};

G_DEFINE_FINAL_TYPE (MgGroupNotifier, mg_group_notifier, G_TYPE_OBJECT)

/* "web (podman)": a container's name with its engine; an app or unit by its name. */
static char *
who (const MgGroup *group)
{
  MgGroupIdentity identity;
  const char *name = group->name != NULL ? group->name : group->path;
  char *text;

  mg_group_identify (group->path, &identity);
  if (identity.engine != NULL && !g_str_has_prefix (name, identity.engine))
    /* Translators: a container's name and its engine, as in “web (podman)” */
    text = g_strdup_printf (_("%s (%s)"), name, identity.engine);
  else
    text = g_strdup (name);
  mg_group_identity_clear (&identity);
  return text;
}

static char *
group_id (const char    *prefix,
          const MgGroup *group)
{
  return g_strdup_printf ("%s-%08x", prefix, g_str_hash (group->path));
}

static void
send (MgGroupNotifier *self,
      const char      *id,
      const char      *title,
      const char      *body,
      MgLevel          level)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (mg_level_style_get (level)->icon_name);

  if (self->app == NULL)
    return;
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.show-gauge");
  g_notification_add_button (notification, _("Show Details"), "app.show-gauge");
  g_debug ("Sending %s: %s", id, title);
  g_application_send_notification (self->app, id, notification);
}

static void
on_limit_reached (MgGroupWatch    *watch,
                  const MgGroup   *group,
                  double           percent,
                  MgGroupNotifier *self)
{
  g_autofree char *name = who (group);
  g_autofree char *limit = mg_format_size_kib (group->limit_kib);
  g_autofree char *id = group_id ("group", group);
  g_autofree char *title = NULL;
  const char *body;

  /* Translators: “web (podman) is at 95 % of its 512 MiB limit”: a control group (an
   * app, service or container) near the memory limit it was given */
  title = g_strdup_printf (_("%s is at %u %% of its %s limit"), name,
                           (guint) MIN (percent, 999.0), limit);
  if (group->limit_is_high)
    body = _("At its limit the system slows it down to keep it there. Only this group is "
             "short of memory, not the computer.");
  else
    body = _("At its limit the kernel ends one of its processes. Only this group is short "
             "of memory, not the computer.");
  send (self, id, title, body, MG_LEVEL_HIGH);
}

static void
on_limit_cleared (MgGroupWatch    *watch,
                  const MgGroup   *group,
                  MgGroupNotifier *self)
{
  g_autofree char *id = group_id ("group", group);

  /* As the machine's notification goes on recovery: the group is no longer near it. */
  if (self->app != NULL)
    g_application_withdraw_notification (self->app, id);
}

static void
on_group_oom (MgGroupWatch    *watch,
              const MgGroup   *group,
              guint64          kills,
              MgGroupNotifier *self)
{
  guint n = (guint) MIN (kills, G_MAXUINT);
  g_autofree char *name = who (group);
  g_autofree char *limit = mg_format_size_kib (group->limit_kib);
  g_autofree char *id = group_id ("group", group);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  /* Translators: “web (podman) ran out of memory at its 64 MiB limit” */
  title = g_strdup_printf (_("%s ran out of memory at its %s limit"), name, limit);
  /* Translators: after a control group ran out of memory at its own limit */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The kernel ended a process in it. The computer "
                                       "itself did not run out of memory.",
                                       "The kernel ended %u processes in it. The computer "
                                       "itself did not run out of memory.", n),
                          n);
  send (self, id, title, body, MG_LEVEL_HIGH);
}

/* The machine's own OOM notification, naming the group a process was ended in. Same
 * id and title as MgNotifier's, so it replaces the unnamed one in place. */
static void
send_machine_oom (MgGroupNotifier *self,
                  const MgGroup   *group,
                  guint64          kills)
{
  guint n = (guint) MIN (kills, G_MAXUINT);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (mg_level_style_get (MG_LEVEL_CRITICAL)->icon_name);
  g_autofree char *name = who (group);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (self->app == NULL)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "A program was stopped to free memory",
                                        "%u programs were stopped to free memory", n),
                           n);
  /* Translators: %s is an app, service or container, as in “Firefox” or “web (podman)” */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Memory ran out, so the system ended a program in %s "
                                       "to keep running. Its unsaved work may be lost.",
                                       "Memory ran out, so the system ended programs in %s "
                                       "to keep running. Their unsaved work may be lost.", n),
                          name);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-gauge");
  g_notification_add_button (notification, _("Show Details"), "app.show-gauge");
  g_debug ("Sending the OOM notification naming %s", group->path);
  g_application_send_notification (self->app, MG_NOTIFIER_ID_OOM, notification);
}

static void
on_oom_culprit (MgGroupWatch    *watch,
                const MgGroup   *group,
                guint64          kills,
                MgGroupNotifier *self)
{
  send_machine_oom (self, group, kills);
}

/* Kills that were limited groups' own were announced as theirs: the machine's
 * notification (which says memory ran out) is only for the rest. */
static guint64
on_machine_oom (guint64  kills,
                gpointer user_data)
{
  MgGroupNotifier *self = user_data;
  const MgGroup *victim = NULL;
  guint64 rest = kills - mg_group_watch_account_oom (self->watch, kills, &victim);

  if (rest > 0 && victim != NULL)
    {
      send_machine_oom (self, victim, rest);
      return 0;
    }
  return rest;
}

static gboolean
drop_old (gpointer key,
          gpointer value,
          gpointer user_data)
{
  return *(gint64 *) user_data - *(gint64 *) value >= LEAK_REMIND_US;
}

static void
on_leak (MgGroupWatch    *watch,
         const MgGroup   *group,
         MgGroupNotifier *self)
{
  gint64 now = g_get_real_time ();
  g_autofree char *name = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;

  if (!g_settings_get_boolean (self->settings, "notify-on-leaks"))
    return;
  g_hash_table_foreach_remove (self->leaks_told, drop_old, &now);
  if (g_hash_table_contains (self->leaks_told, group->path))
    return;
  g_hash_table_insert (self->leaks_told, g_strdup (group->path), g_memdup2 (&now, sizeof now));

  name = who (group);
  rate = mg_format_size_kib (group->growth_kib_per_hour);
  id = group_id ("leak", group);
  /* Translators: “Firefox grows 1.2 GiB per hour” */
  title = g_strdup_printf (_("%s grows %s per hour"), name, rate);
  send (self, id, title,
        _("It may be leaking memory: its use has risen steadily for at least 20 minutes. "
          "Restarting it gives the memory back."), MG_LEVEL_MEDIUM);
}

static void
on_settings_changed (GSettings       *settings,
                     const char      *key,
                     MgGroupNotifier *self)
{
  if (key == NULL || g_str_equal (key, "group-limit-percent"))
    mg_group_watch_set_limit_percent (self->watch,
                                      g_settings_get_uint (settings, "group-limit-percent"));
}

MgGroupScanner *
mg_group_notifier_get_scanner (MgGroupNotifier *self)
{
  g_return_val_if_fail (MG_IS_GROUP_NOTIFIER (self), NULL);

  return self->scanner;
}

MgGroupWatch *
mg_group_notifier_get_watch (MgGroupNotifier *self)
{
  g_return_val_if_fail (MG_IS_GROUP_NOTIFIER (self), NULL);

  return self->watch;
}

static void
mg_group_notifier_dispose (GObject *object)
{
  MgGroupNotifier *self = MG_GROUP_NOTIFIER (object);

  if (self->notifier != NULL)
    mg_notifier_set_oom_hook (self->notifier, NULL, NULL);
  g_clear_object (&self->notifier);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (self->scanner != NULL)
    mg_group_scanner_cancel (self->scanner);
  g_clear_object (&self->scanner);
  g_clear_object (&self->walker);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (mg_group_notifier_parent_class)->dispose (object);
}

static void
mg_group_notifier_finalize (GObject *object)
{
  MgGroupNotifier *self = MG_GROUP_NOTIFIER (object);

  g_clear_pointer (&self->leaks_told, g_hash_table_unref);

  G_OBJECT_CLASS (mg_group_notifier_parent_class)->finalize (object);
}

static void
mg_group_notifier_class_init (MgGroupNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_group_notifier_dispose;
  object_class->finalize = mg_group_notifier_finalize;
}

static void
mg_group_notifier_init (MgGroupNotifier *self)
{
  self->leaks_told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MgGroupNotifier *
mg_group_notifier_new (GApplication *app,
                       MgMonitor    *monitor,
                       MgNotifier   *notifier,
                       GSettings    *settings,
                       const char   *cgroup_root)
{
  MgGroupNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (MG_IS_NOTIFIER (notifier), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_GROUP_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->notifier = g_object_ref (notifier);
  self->settings = g_object_ref (settings);
  self->walker = mg_cgroup_walker_new (cgroup_root);
  self->scanner = mg_group_scanner_new (self->walker, NULL);
  self->watch = mg_group_watch_new (mg_monitor_get_source (monitor), self->scanner,
                                    self->walker);

  g_signal_connect (self->watch, "limit-reached", G_CALLBACK (on_limit_reached), self);
  g_signal_connect (self->watch, "limit-cleared", G_CALLBACK (on_limit_cleared), self);
  g_signal_connect (self->watch, "group-oom", G_CALLBACK (on_group_oom), self);
  g_signal_connect (self->watch, "oom-culprit", G_CALLBACK (on_oom_culprit), self);
  g_signal_connect (self->watch, "leak", G_CALLBACK (on_leak), self);
  mg_notifier_set_oom_hook (notifier, on_machine_oom, self);
  self->settings_handler = g_signal_connect (settings, "changed",
                                             G_CALLBACK (on_settings_changed), self);
  on_settings_changed (settings, NULL, self);

  return self;
}
