/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineNotifier: notifications about the remote machines: their pressure, and when
 * one does not answer and answers again. */

#define G_LOG_DOMAIN "memgauge-machine-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-env.h"
#include "mg-format.h"
#include "mg-level-style.h"
#include "mg-machine-notifier.h"
#include "mg-notify-rules.h"
#include "mg-unreachable-rule.h"

/* The action of a machine's own gauge, when the app has one; else this machine's gauge. */
#define SHOW_MACHINE_ACTION "show-machine"

typedef struct {
  char              *id;
  char              *notification_id;
  MgNotifyRules      rules;
  MgUnreachableRule  unreachable;
  gint64             down_since_wall_us;
  gint64             last_poll_us;
} Entry;

struct _MgMachineNotifier {
  GObject        parent_instance;

  GApplication  *app;
  MgRemoteFleet *fleet;
  GSettings     *settings;

  GHashTable    *entries;   /* machine id -> Entry */
  MgNotifyRules  settings_rules;   /* only the settings' fields are used */
  gint64         unreachable_us;

  gulong         polled_handler;
  gulong         machines_handler;
  gulong         settings_handler;
  guint          prune_id;
};

G_DEFINE_FINAL_TYPE (MgMachineNotifier, mg_machine_notifier, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->id);
  g_free (entry->notification_id);
  g_free (entry);
}

static void
apply_settings (MgMachineNotifier *self,
                Entry             *entry)
{
  entry->rules.notify_on_high = self->settings_rules.notify_on_high;
  entry->rules.notify_on_critical = self->settings_rules.notify_on_critical;
  entry->rules.renotify_us = self->settings_rules.renotify_us;
  entry->rules.snooze_until_wall_us = self->settings_rules.snooze_until_wall_us;
}

static Entry *
lookup_entry (MgMachineNotifier *self,
              const char        *id)
{
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry != NULL)
    return entry;

  entry = g_new0 (Entry, 1);
  entry->id = g_strdup (id);
  entry->notification_id = g_strconcat (MG_MACHINE_NOTIFIER_ID_PREFIX, id, NULL);
  mg_notify_rules_init (&entry->rules);
  apply_settings (self, entry);
  g_hash_table_insert (self->entries, entry->id, entry);
  return entry;
}

static char *
time_of_day (gint64 wall_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (wall_us / G_USEC_PER_SEC);

  /* The locale's way of writing a time of day. */
  return time != NULL ? g_date_time_format (time, "%X") : g_strdup ("?");
}

/* "Show Details" opens the machine's own gauge where the app has it, else the gauge. */
static void
add_show_details (MgMachineNotifier *self,
                  GNotification     *notification,
                  Entry             *entry)
{
  GActionGroup *actions = G_ACTION_GROUP (self->app);
  const GVariantType *type = NULL;

  if (g_action_group_query_action (actions, SHOW_MACHINE_ACTION, NULL, &type, NULL, NULL, NULL) &&
      type != NULL && g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      g_notification_set_default_action_and_target (notification, "app." SHOW_MACHINE_ACTION,
                                                    "s", entry->id);
      /* Translators: a button on a remote machine's notification */
      g_notification_add_button_with_target (notification, _("Show Details"),
                                             "app." SHOW_MACHINE_ACTION, "s", entry->id);
      return;
    }

  g_notification_set_default_action (notification, "app.show-gauge");
  g_notification_add_button (notification, _("Show Details"), "app.show-gauge");
}

static void
send (MgMachineNotifier *self,
      Entry             *entry,
      const char        *title,
      const char        *body,
      MgLevel            icon_level,
      GNotificationPriority priority)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (mg_level_style_get (icon_level)->icon_name);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, priority);
  add_show_details (self, notification, entry);
  g_debug ("Sending %s: %s", entry->notification_id, title);
  g_application_send_notification (self->app, entry->notification_id, notification);
}

/* The figures of the poll that raised the level, with its time: unlike this machine's
 * notification (whose figures the tray shows one click away), a remote machine's are
 * far, and saying when they were read keeps them true while the notification stays. */
static char *
figures (MgMonitor *monitor)
{
  const MgSample *sample = mg_monitor_get_sample (monitor);
  g_autofree char *total = NULL;
  g_autofree char *available = NULL;
  g_autofree char *when = time_of_day (g_get_real_time ());
  guint used = 0;
  guint64 swap_total;

  if (sample == NULL || !mg_monitor_get_shown_percent (monitor, NULL, &used))
    return g_strdup ("");

  total = mg_format_size_kib (mg_sample_total_kib (sample));
  available = mg_format_size_kib (mg_sample_available_kib (sample));
  swap_total = sample->meminfo.kib[MG_MEMINFO_SWAP_TOTAL];
  if (swap_total > 0)
    /* Translators: a remote machine's figures in its notification: the time they were
     * read, the share of memory in use, the memory size, what is available and the share
     * of swap in use: "At 14:02:33: 91 % of 15.6 GiB in use, 1.4 GiB available, swap 40 %
     * in use." */
    return g_strdup_printf (_("At %s: %u %% of %s in use, %s available, swap %u %% in use."),
                            when, used, total, available,
                            mg_format_percent_of (mg_sample_swap_used_kib (sample),
                                                  swap_total));

  /* Translators: as above, for a machine without swap */
  return g_strdup_printf (_("At %s: %u %% of %s in use, %s available, no swap."),
                          when, used, total, available);
}

static void
send_pressure (MgMachineNotifier *self,
               Entry             *entry,
               MgRemoteMachine   *machine,
               MgLevel            level)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  const char *name = mg_remote_machine_get_name (machine);
  g_autofree char *title = NULL;
  g_autofree char *numbers = figures (monitor);
  g_autofree char *advice = NULL;
  g_autofree char *body = NULL;

  if (level == MG_LEVEL_CRITICAL)
    {
      /* Translators: notification title; %s is a remote machine's name */
      title = g_strdup_printf (_("%s: memory is almost full"), name);
      /* Translators: %s is a remote machine's name */
      advice = g_strdup_printf (_("Programs on %s may soon be ended to free memory. Stop "
                                  "programs or services there that you do not need."), name);
    }
  else if (mg_monitor_get_raised_by_stalls (monitor))
    {
      /* Translators: notification title; %s is a remote machine's name */
      title = g_strdup_printf (_("%s: programs are waiting for memory"), name);
      /* Translators: %s is a remote machine's name */
      advice = g_strdup_printf (_("Memory on %s is not short, yet programs there keep "
                                  "waiting for it: a program held to a memory limit, or "
                                  "heavy disk use, can cause this."), name);
    }
  else
    {
      /* Translators: notification title; %s is a remote machine's name */
      title = g_strdup_printf (_("%s: memory pressure is high"), name);
      /* Translators: %s is a remote machine's name */
      advice = g_strdup_printf (_("Memory on %s is running short. Stop programs or "
                                  "services there that you do not need."), name);
    }

  body = g_strdup_printf ("%s\n%s", numbers, advice);
  send (self, entry, title, body, level, level == MG_LEVEL_CRITICAL
                                           ? G_NOTIFICATION_PRIORITY_URGENT
                                           : G_NOTIFICATION_PRIORITY_NORMAL);
}

static void
send_down (MgMachineNotifier *self,
           Entry             *entry,
           MgRemoteMachine   *machine)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  const GError *error = mg_monitor_get_error (monitor);
  const char *name = mg_remote_machine_get_name (machine);
  gint64 failing_for = g_get_monotonic_time () - mg_remote_machine_get_failing_since (machine);
  g_autofree char *since = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  entry->down_since_wall_us = g_get_real_time () - MAX (failing_for, 0);
  since = time_of_day (entry->down_since_wall_us);
  /* Translators: notification title; %s is a remote machine's name */
  title = g_strdup_printf (_("%s does not answer"), name);
  /* Translators: a notification's body: the time of the first failure, then the reason
   * in words ("connection refused") */
  body = g_strdup_printf (_("No answer since %s: %s\nMemGauge keeps trying and tells you "
                            "when it answers again."),
                          since, error != NULL ? error->message
                                               : mg_monitor_get_reason (monitor));
  send (self, entry, title, body, MG_LEVEL_UNKNOWN, G_NOTIFICATION_PRIORITY_NORMAL);
}

static void
send_back (MgMachineNotifier *self,
           Entry             *entry,
           MgRemoteMachine   *machine)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  const char *name = mg_remote_machine_get_name (machine);
  g_autofree char *since = time_of_day (entry->down_since_wall_us);
  g_autofree char *now = time_of_day (g_get_real_time ());
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  /* Translators: notification title; %s is a remote machine's name */
  title = g_strdup_printf (_("%s answers again"), name);
  /* Translators: a notification's body: the time the machine stopped answering, the
   * time it answered again, then its level in words ("High pressure") */
  body = g_strdup_printf (_("It did not answer from %s to %s. Now: %s."), since, now,
                          mg_level_style_get_label (mg_monitor_get_level (monitor)));
  send (self, entry, title, body, mg_monitor_get_level (monitor),
        G_NOTIFICATION_PRIORITY_NORMAL);
}

static gint64
unreachable_delay_us (MgMachineNotifier *self)
{
  guint test_ms;

  if (self->unreachable_us <= 0)
    return 0;   /* the setting is the switch, also in tests */
  test_ms = mg_env_get_test_unreachable_ms ();
  if (test_ms != 0)
    return (gint64) test_ms * 1000;
  return self->unreachable_us;
}

/* Waiting for the keyring is not the machine failing to answer. */
static gboolean
waiting (MgMonitor *monitor)
{
  const GError *error = mg_monitor_get_error (monitor);

  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING);
}

static void
update (MgMachineNotifier *self,
        MgRemoteMachine   *machine,
        gint64             now_us)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  Entry *entry = lookup_entry (self, mg_remote_machine_get_id (machine));
  MgNotifyDecision decision;
  gboolean sent = FALSE;

  entry->last_poll_us = now_us;
  /* Remote samples carry no OOM kill counter (node_exporter's vmstat collector is off by
   * default): the pressure rule alone. */
  mg_notify_rules_update (&entry->rules, mg_monitor_get_level (monitor), FALSE, 0, now_us,
                          g_get_real_time (), &decision);
  switch (decision.pressure)
    {
    case MG_NOTIFY_ACTION_SEND:
      send_pressure (self, entry, machine, decision.level);
      sent = TRUE;
      break;
    case MG_NOTIFY_ACTION_WITHDRAW:
      g_debug ("Withdrawing %s", entry->notification_id);
      g_application_withdraw_notification (self->app, entry->notification_id);
      break;
    case MG_NOTIFY_ACTION_NONE:
    default:
      break;
    }

  if (waiting (monitor))
    return;
  switch (mg_unreachable_rule_update (&entry->unreachable,
                                      mg_remote_machine_get_failing_since (machine), now_us,
                                      unreachable_delay_us (self)))
    {
    case MG_UNREACHABLE_ACTION_DOWN:
      send_down (self, entry, machine);
      break;
    case MG_UNREACHABLE_ACTION_BACK:
      /* A pressure notification sent by this poll says more and replaced the outage's. */
      if (!sent)
        send_back (self, entry, machine);
      break;
    case MG_UNREACHABLE_ACTION_NONE:
    default:
      break;
    }
}

static void
on_machine_polled (MgRemoteFleet     *fleet,
                   MgRemoteMachine   *machine,
                   MgMachineNotifier *self)
{
  update (self, machine, g_get_monotonic_time ());
}

/* Later, not at each items-changed: renaming a source removes its machine and inserts it
 * again, and that is no reason to withdraw what it said. */
static gboolean
prune (gpointer user_data)
{
  MgMachineNotifier *self = MG_MACHINE_NOTIFIER (user_data);
  GListModel *machines = mg_remote_fleet_get_machines (self->fleet);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  Entry *entry;

  self->prune_id = 0;
  for (guint i = 0; i < g_list_model_get_n_items (machines); i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (machines, i);

      /* The ids live as long as the machines, which the list keeps until the next change. */
      g_hash_table_add (present, (gpointer) mg_remote_machine_get_id (machine));
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (g_hash_table_contains (present, entry->id))
        continue;
      g_debug ("Machine %s left: withdrawing %s", entry->id, entry->notification_id);
      g_application_withdraw_notification (self->app, entry->notification_id);
      g_hash_table_iter_remove (&iter);
    }

  return G_SOURCE_REMOVE;
}

static void
on_machines_changed (GListModel        *machines,
                     guint              position,
                     guint              removed,
                     guint              added,
                     MgMachineNotifier *self)
{
  if (removed > 0 && self->prune_id == 0)
    self->prune_id = g_idle_add (prune, self);
}

static void
read_settings (MgMachineNotifier *self)
{
  self->settings_rules.notify_on_high = g_settings_get_boolean (self->settings, "notify-on-high");
  self->settings_rules.notify_on_critical = g_settings_get_boolean (self->settings,
                                                                    "notify-on-critical");
  self->settings_rules.renotify_us = (gint64) g_settings_get_uint (self->settings,
                                                                   "renotify-minutes") *
                                     60 * G_USEC_PER_SEC;
  self->settings_rules.snooze_until_wall_us = g_settings_get_int64 (self->settings,
                                                                    "snooze-until");
  self->unreachable_us = (gint64) g_settings_get_uint (self->settings, "unreachable-minutes") *
                         60 * G_USEC_PER_SEC;
}

/* As this machine's notifier does: a notification just switched off or snoozed leaves
 * the screen now, not at the next poll (the rules decide nothing twice for one poll). */
static void
on_settings_changed (GSettings         *settings,
                     const char        *key,
                     MgMachineNotifier *self)
{
  const char *keys[] = {
    "notify-on-high", "notify-on-critical", "renotify-minutes", "snooze-until",
    "unreachable-minutes", NULL,
  };
  GListModel *machines = mg_remote_fleet_get_machines (self->fleet);

  if (!g_strv_contains (keys, key))
    return;
  read_settings (self);
  for (guint i = 0; i < g_list_model_get_n_items (machines); i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (machines, i);
      Entry *entry = g_hash_table_lookup (self->entries, mg_remote_machine_get_id (machine));

      if (entry == NULL)
        continue;
      apply_settings (self, entry);
      update (self, machine, entry->last_poll_us);
    }
}

static void
stop (MgMachineNotifier *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_clear_handle_id (&self->prune_id, g_source_remove);
  if (self->fleet != NULL)
    {
      g_clear_signal_handler (&self->polled_handler, self->fleet);
      g_clear_signal_handler (&self->machines_handler, mg_remote_fleet_get_machines (self->fleet));
    }
  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_handler, self->settings);

  /* A warning about a machine is not true any more once nobody watches it. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (self->app != NULL)
        g_application_withdraw_notification (self->app, entry->notification_id);
      g_hash_table_iter_remove (&iter);
    }

  g_clear_object (&self->fleet);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->app);
}

static void
on_app_shutdown (GApplication      *app,
                 MgMachineNotifier *self)
{
  stop (self);
}

static void
mg_machine_notifier_dispose (GObject *object)
{
  stop (MG_MACHINE_NOTIFIER (object));

  G_OBJECT_CLASS (mg_machine_notifier_parent_class)->dispose (object);
}

static void
mg_machine_notifier_finalize (GObject *object)
{
  g_hash_table_unref (MG_MACHINE_NOTIFIER (object)->entries);

  G_OBJECT_CLASS (mg_machine_notifier_parent_class)->finalize (object);
}

static void
mg_machine_notifier_class_init (MgMachineNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_machine_notifier_dispose;
  object_class->finalize = mg_machine_notifier_finalize;
}

static void
mg_machine_notifier_init (MgMachineNotifier *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  mg_notify_rules_init (&self->settings_rules);
}

static void
release (gpointer  data,
         GClosure *closure)
{
  g_object_unref (data);
}

void
mg_machine_notifier_attach (GApplication  *app,
                            MgRemoteFleet *fleet,
                            GSettings     *settings)
{
  MgMachineNotifier *self;

  g_return_if_fail (G_IS_APPLICATION (app));
  g_return_if_fail (MG_IS_REMOTE_FLEET (fleet));
  g_return_if_fail (G_IS_SETTINGS (settings));

  self = g_object_new (MG_TYPE_MACHINE_NOTIFIER, NULL);
  /* The application holds the notifier (through the handler below): a reference back
   * would be a cycle. */
  g_set_weak_pointer (&self->app, app);
  self->fleet = g_object_ref (fleet);
  self->settings = g_object_ref (settings);
  read_settings (self);

  self->polled_handler = g_signal_connect (fleet, "machine-polled",
                                           G_CALLBACK (on_machine_polled), self);
  self->machines_handler = g_signal_connect (mg_remote_fleet_get_machines (fleet),
                                             "items-changed",
                                             G_CALLBACK (on_machines_changed), self);
  self->settings_handler = g_signal_connect (settings, "changed",
                                             G_CALLBACK (on_settings_changed), self);
  g_signal_connect_data (app, "shutdown", G_CALLBACK (on_app_shutdown), self, release, 0);
}
