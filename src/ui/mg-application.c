/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgApplication: one instance per session; owns the monitor and the views. */

#define G_LOG_DOMAIN "memgauge-app"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "mg-app-machines.h"
#include "mg-application.h"
#include "mg-autostart.h"
#include "mg-cli-options.h"
#include "mg-dbus-service.h"
#include "mg-env.h"
#include "mg-gauge-window.h"
#include "mg-history-keeper.h"
#include "mg-group-notifier.h"
#include "mg-notifier.h"
#include "mg-pace-watch.h"
#include "mg-preferences-window.h"
#include "mg-remote-fetch.h"
#include "mg-resident.h"
#include "mg-source-procfs.h"
#include "mg-style.h"
#include "mg-swappiness-dialog.h"
#include "mg-tray.h"

#define SCHEMA_ID "io.github.memgauge.MemGauge"

struct _MgApplication {
  GtkApplication  parent_instance;

  char           *proc_root;
  GSettings      *settings;
  MgMonitor      *monitor;
  MgAutostart    *autostart;
  MgTray         *tray;
  MgNotifier     *notifier;
  MgPaceWatch    *pace_watch;
  MgGroupNotifier *group_notifier;
  MgDbusService  *dbus_service;
  MgRemoteFleet  *fleet;

  GDBusConnection *bus;
  gulong          bus_closed_handler;
  guint           sigterm_id;
  guint           sigint_id;
  gulong          embedded_handler;
  gulong          host_known_handler;
  gboolean        host_check_pending;
  gboolean        activated;
  gboolean        told_no_tray;
};

G_DEFINE_FINAL_TYPE (MgApplication, mg_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_PROC_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each window exists once: opening it again brings the open one forward. */
static GtkWindow *
find_window (MgApplication *self,
             GType          type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
        return GTK_WINDOW (l->data);
    }

  return NULL;
}

static void
show_gauge (MgApplication *self)
{
  /* Created once: closing only hides it, so it stays in the application's list. */
  GtkWindow *window = find_window (self, MG_TYPE_GAUGE_WINDOW);

  g_debug ("app.show-gauge: %s the gauge window", window == NULL ? "creating" : "presenting");
  if (window == NULL)
    {
      /* The window owns the scanner: only it asks for scans, while it is visible. */
      g_autoptr(MgProcessScanner) scanner = mg_process_scanner_new (self->proc_root);

      window = GTK_WINDOW (mg_gauge_window_new (GTK_APPLICATION (self), self->monitor,
                                                scanner, self->settings));
      mg_gauge_window_set_group_watch (MG_GAUGE_WINDOW (window),
                                       mg_group_notifier_get_watch (self->group_notifier));
      mg_gauge_window_set_fleet (MG_GAUGE_WINDOW (window), self->fleet);
    }

  gtk_window_present (window);
}

static void
on_show_gauge (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  show_gauge (MG_APPLICATION (user_data));
}

static void
on_swappiness (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MgApplication *self = MG_APPLICATION (user_data);
  GtkWindow *dialog = find_window (self, MG_TYPE_SWAPPINESS_DIALOG);

  if (dialog == NULL)
    dialog = GTK_WINDOW (mg_swappiness_dialog_new (GTK_APPLICATION (self), self->monitor));
  gtk_window_present (dialog);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MgApplication *self = MG_APPLICATION (user_data);
  GtkWindow *window = find_window (self, MG_TYPE_PREFERENCES_WINDOW);

  if (window == NULL)
    window = GTK_WINDOW (mg_preferences_window_new (GTK_APPLICATION (self), self->settings,
                                                    self->autostart, self->monitor));
  gtk_window_present (window);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* Silences high-pressure notifications for an hour; the key holds wall-clock time so
 * that the snooze outlives a restart. */
static void
on_snooze_notifications (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MgApplication *self = MG_APPLICATION (user_data);

  g_debug ("app.snooze-notifications");
  g_settings_set_int64 (self->settings, "snooze-until",
                        g_get_real_time () + (gint64) 60 * 60 * G_USEC_PER_SEC);
}

static const GActionEntry app_actions[] = {
  { "show-gauge", on_show_gauge, NULL, NULL, NULL },
  { "snooze-notifications", on_snooze_notifications, NULL, NULL, NULL },
  { "swappiness", on_swappiness, NULL, NULL, NULL },
  { "preferences", on_preferences, NULL, NULL, NULL },
  { "quit", on_quit, NULL, NULL, NULL },
};

static gboolean
on_unix_signal (gpointer user_data)
{
  g_debug ("Quitting on a signal");
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

/* Without the session bus there is no icon, no notification and no single instance, and a
 * session whose bus is gone is ending: leave cleanly, saying why. */
static void
on_bus_closed (GDBusConnection *connection,
               gboolean         remote_peer_vanished,
               GError          *error,
               MgApplication   *self)
{
  g_message ("The session bus connection was lost (%s): quitting",
             error != NULL ? error->message : "closed");
  g_application_quit (G_APPLICATION (self));
}

/* Without a panel host (GNOME without the AppIndicator extension) nothing shows the
 * icon: say so once, and let the launcher open the gauge instead. */
static void
tell_no_tray (MgApplication *self)
{
  g_autoptr(GNotification) notification = NULL;

  if (self->told_no_tray)
    return;
  self->told_no_tray = TRUE;

  g_message ("No panel tray host (org.kde.StatusNotifierWatcher) on the session bus: "
             "MemGauge keeps watching memory and shows its icon when one appears");

  notification = g_notification_new (_("MemGauge is running without a panel icon"));
  g_notification_set_body (notification,
                           _("This desktop has no tray for status icons. MemGauge keeps "
                             "watching memory and warns you when it runs low; open it "
                             "from the application launcher to see the gauge."));
  g_notification_set_default_action (notification, "app.show-gauge");
  g_application_send_notification (G_APPLICATION (self), "no-tray", notification);
}

static void
on_embedded_changed (MgTray        *tray,
                     GParamSpec    *pspec,
                     MgApplication *self)
{
  if (mg_tray_get_embedded (tray))
    g_application_withdraw_notification (G_APPLICATION (self), "no-tray");
}

/* At the start, with no host the gauge opens instead of the icon. */
static void
check_tray_host (MgApplication *self)
{
  if (!mg_tray_get_embedded (self->tray))
    {
      tell_no_tray (self);
      show_gauge (self);
    }
}

static void
on_host_known (MgTray        *tray,
               GParamSpec    *pspec,
               MgApplication *self)
{
  if (self->host_check_pending)
    {
      self->host_check_pending = FALSE;
      check_tray_host (self);
    }
}

/* --- History kept across restarts (issue 13, point 10) -----------------------------
 * The keeper restores the last hour at the first sample, writes it at most every five
 * minutes at a sample, and here once more on quit: "shutdown" runs its handlers before
 * the class handler stops the monitor, on app.quit, SIGTERM, SIGINT and a lost bus. */
static void
on_shutdown_save_history (GApplication    *app,
                          MgHistoryKeeper *keeper)
{
  mg_history_keeper_save (keeper);
}

static void
free_history_keeper (gpointer  keeper,
                     GClosure *closure)
{
  g_object_unref (keeper);
}

static void
keep_history (MgApplication *self)
{
  MgHistoryKeeper *keeper = mg_history_keeper_new (self->monitor, NULL);

  g_signal_connect_data (self, "shutdown", G_CALLBACK (on_shutdown_save_history), keeper,
                         free_history_keeper, 0);
}
/* --- (history: end) ----------------------------------------------------------------- */

static gboolean
schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return FALSE;

  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  return schema != NULL;
}

static void
mg_application_startup (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);
  g_autoptr(MgSource) source = NULL;
  g_autofree char *exec = NULL;
  guint test_interval_ms = mg_env_get_test_interval_ms ();
  const char *bound[] = {
    "low-threshold", "medium-threshold", "high-threshold", "hysteresis-margin",
    "psi-raises-level",
  };
  const char *notifier_keys[] = {
    "notify-on-high", "notify-on-critical", "renotify-minutes", "snooze-until",
  };

  G_APPLICATION_CLASS (mg_application_parent_class)->startup (app);

  g_set_application_name (_("MemGauge"));
  mg_ui_style_ensure ();
  gtk_window_set_default_icon_name (APPLICATION_ID);
  if (g_file_test (SOURCE_ICON_DIR, G_FILE_TEST_IS_DIR))
    gtk_icon_theme_append_search_path (gtk_icon_theme_get_default (), SOURCE_ICON_DIR);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });

  self->settings = g_settings_new (SCHEMA_ID);
  source = mg_source_procfs_new (self->proc_root);
  self->monitor = mg_monitor_new (source);
  mg_resident_lock ();
  /* Tests only: the long run (build-aux/long-run.sh) takes 10,000 samples in minutes. */
  if (test_interval_ms != 0)
    mg_monitor_set_test_interval_ms (self->monitor, test_interval_ms);
  g_settings_bind (self->settings, "sample-interval", self->monitor, "interval",
                   G_SETTINGS_BIND_GET);
  for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
    g_settings_bind (self->settings, bound[i], self->monitor, bound[i], G_SETTINGS_BIND_GET);

  self->notifier = mg_notifier_new (app, self->monitor);
  for (guint i = 0; i < G_N_ELEMENTS (notifier_keys); i++)
    g_settings_bind (self->settings, notifier_keys[i], self->notifier, notifier_keys[i],
                     G_SETTINGS_BIND_GET);
  self->group_notifier = mg_group_notifier_new (app, self->monitor, self->notifier,
                                                self->settings, mg_env_get_cgroup_root ());

  exec = mg_autostart_exec_of_self ();
  self->autostart = mg_autostart_new (exec);

  self->pace_watch = mg_pace_watch_new (self->monitor, self->settings);
  keep_history (self);
  mg_monitor_start (self->monitor);
  self->fleet = mg_app_machines_start (app, self->settings, test_interval_ms);
  if (self->dbus_service != NULL)
    mg_dbus_service_set_monitor (self->dbus_service, self->monitor);

  self->tray = mg_tray_new (app, self->monitor, self->autostart);
  g_settings_bind (self->settings, "show-percentage-label", self->tray, "show-percentage",
                   G_SETTINGS_BIND_GET);
  mg_app_machines_show (app, self->fleet, self->tray, self->settings);
  self->embedded_handler = g_signal_connect (self->tray, "notify::embedded",
                                             G_CALLBACK (on_embedded_changed), self);
  self->host_known_handler = g_signal_connect (self->tray, "notify::host-known",
                                               G_CALLBACK (on_host_known), self);

  /* A tray app has no window to keep it alive. */
  g_application_hold (app);

  self->sigterm_id = g_unix_signal_add (SIGTERM, on_unix_signal, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_unix_signal, self);

  /* GDBus's exit-on-close would raise SIGTERM and the reason would be lost. */
  self->bus = g_application_get_dbus_connection (app);
  if (self->bus != NULL)
    {
      g_object_ref (self->bus);
      g_dbus_connection_set_exit_on_close (self->bus, FALSE);
      self->bus_closed_handler = g_signal_connect (self->bus, "closed",
                                                   G_CALLBACK (on_bus_closed), self);
    }
}

static void
mg_application_activate (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);

  /* The first activation is the start; any later one is someone launching MemGauge
   * again to look at it. */
  if (!self->activated)
    {
      self->activated = TRUE;
      /* The bus answers whether a panel host exists a moment after startup. */
      if (mg_tray_get_host_known (self->tray))
        check_tray_host (self);
      else
        self->host_check_pending = TRUE;
      return;
    }

  show_gauge (self);
}

static void
mg_application_shutdown (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  if (self->bus != NULL)
    g_clear_signal_handler (&self->bus_closed_handler, self->bus);
  g_clear_object (&self->bus);
  if (self->tray != NULL)
    {
      g_clear_signal_handler (&self->embedded_handler, self->tray);
      g_clear_signal_handler (&self->host_known_handler, self->tray);
    }
  /* A warning about memory is not true any more once nobody watches it. */
  g_application_withdraw_notification (app, "pressure");
  g_application_withdraw_notification (app, "no-tray");
  g_clear_object (&self->tray);
  g_clear_object (&self->group_notifier);
  g_clear_object (&self->notifier);
  g_clear_object (&self->pace_watch);
  if (self->monitor != NULL)
    mg_monitor_stop (self->monitor);
  /* The remote machines' requests end before the remote I/O thread does. */
  g_clear_object (&self->fleet);
  mg_remote_io_shutdown ();

  G_APPLICATION_CLASS (mg_application_parent_class)->shutdown (app);
}

static int
mg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  MgApplication *self = MG_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  int status = mg_cli_options_run (options, self->proc_root);

  /* --version, --json, --print, --follow, or a refused combination: done, without a
   * display and without becoming the app. */
  if (status >= 0)
    return status;

  if (!gtk_init_check (NULL, NULL))
    {
      g_printerr ("memgauge: %s\n",
                  _("cannot open a display; run MemGauge in a desktop session, "
                    "or use --json or --print"));
      return 1;
    }

  if (!schema_installed ())
    {
      g_printerr ("memgauge: ");
      g_printerr (/* Translators: %s is the schema id, io.github.memgauge.MemGauge */
                  _("the settings schema %s is not installed; install MemGauge or set "
                    "GSETTINGS_SCHEMA_DIR to the build tree’s data folder\n"), SCHEMA_ID);
      return 1;
    }

  if (g_variant_dict_contains (options, "show"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("memgauge: %s\n", error->message);
          return 1;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-gauge", NULL);
      if (g_application_get_is_remote (app))
        return 0;
      /* The first instance: the gauge is open, so no later activation should think
       * it is the start. */
      self->activated = TRUE;
    }

  /* Like --show: the first instance starts with the window open, a second one asks the
   * first to open it. The first one's activation stays the start (the tray host check),
   * so that it does not open the gauge as well. */
  if (g_variant_dict_contains (options, "preferences"))
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("memgauge: %s\n", error->message);
          return 1;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
      if (g_application_get_is_remote (app))
        return 0;
    }

  return -1;
}

/* Exported before the name is owned, so a client that sees the name finds the object; the
 * monitor comes in startup, which runs before any call is answered. */
static gboolean
mg_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  MgApplication *self = MG_APPLICATION (app);

  if (!G_APPLICATION_CLASS (mg_application_parent_class)->dbus_register (app, connection,
                                                                          object_path, error))
    return FALSE;

  self->dbus_service = mg_dbus_service_new ();
  return mg_dbus_service_export (self->dbus_service, connection, error);
}

static void
mg_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  /* Its dispose unexports it. */
  g_clear_object (&MG_APPLICATION (app)->dbus_service);

  G_APPLICATION_CLASS (mg_application_parent_class)->dbus_unregister (app, connection,
                                                                      object_path);
}

static void
mg_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MgApplication *self = MG_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      self->proc_root = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_application_dispose (GObject *object)
{
  MgApplication *self = MG_APPLICATION (object);

  g_clear_object (&self->tray);
  g_clear_object (&self->group_notifier);
  g_clear_object (&self->notifier);
  g_clear_object (&self->dbus_service);
  g_clear_object (&self->fleet);
  g_clear_object (&self->autostart);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_application_parent_class)->dispose (object);
}

static void
mg_application_finalize (GObject *object)
{
  MgApplication *self = MG_APPLICATION (object);

  g_free (self->proc_root);

  G_OBJECT_CLASS (mg_application_parent_class)->finalize (object);
}

static void
mg_application_class_init (MgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->set_property = mg_application_set_property;
  object_class->dispose = mg_application_dispose;
  object_class->finalize = mg_application_finalize;

  app_class->startup = mg_application_startup;
  app_class->activate = mg_application_activate;
  app_class->shutdown = mg_application_shutdown;
  app_class->handle_local_options = mg_application_handle_local_options;
  app_class->dbus_register = mg_application_dbus_register;
  app_class->dbus_unregister = mg_application_dbus_unregister;

  properties[PROP_PROC_ROOT] =
    g_param_spec_string ("proc-root", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_application_init (MgApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), mg_cli_options_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show memory pressure in the panel."));
}

MgApplication *
mg_application_new (const char *proc_root)
{
  return g_object_new (MG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "proc-root", proc_root,
                       NULL);
}
