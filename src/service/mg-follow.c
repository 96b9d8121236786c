/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-follow: `memgauge --follow`, a line at start and one per change, for status bars. */

#define G_LOG_DOMAIN "memgauge-follow"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "mg-dbus-service.h"
#include "mg-env.h"
#include "mg-follow.h"
#include "mg-resident.h"
#include "mg-source-procfs.h"

#define SCHEMA_ID "io.github.memgauge.MemGauge"

typedef struct {
  GMainLoop       *loop;
  MgFollowFormat   format;
  const char      *proc_root;
  char            *last_line;

  GDBusConnection *bus;
  guint            watch_id;
  GCancellable    *cancellable;
  MgDbusMemGauge1 *proxy;
  gulong           proxy_handler;

  /* Only while no app runs. */
  MgMonitor       *monitor;
  MgDbusService   *service;
  gulong           service_handler;
  GSettings       *settings;

  guint            sigint_id;
  guint            sigterm_id;
  guint            stdout_id;
} Follow;

static void
stop (Follow *follow)
{
  g_main_loop_quit (follow->loop);
}

/* Prints @state's line unless it is the one printed last. A reader that went away (a
 * status bar restarting its module) ends the stream: that is its normal end, exit 0. */
static void
print_state (Follow          *follow,
             MgDbusMemGauge1 *state)
{
  g_autofree char *line = mg_follow_format_line (state, follow->format);

  if (g_strcmp0 (line, follow->last_line) == 0)
    return;

  g_free (follow->last_line);
  follow->last_line = g_steal_pointer (&line);
  if (fputs (follow->last_line, stdout) == EOF || fflush (stdout) != 0)
    {
      g_debug ("stdout closed (%s): stopping", g_strerror (errno));
      stop (follow);
    }
}

static void
on_service_changed (MgDbusService *service,
                    Follow        *follow)
{
  print_state (follow, mg_dbus_service_get_interface (service));
}

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

/* Settings keys and the monitor properties they drive, as the app binds them. */
static const struct {
  const char *key;
  const char *property;
} bound[] = {
  { "sample-interval", "interval" },
  { "low-threshold", "low-threshold" },
  { "medium-threshold", "medium-threshold" },
  { "high-threshold", "high-threshold" },
  { "hysteresis-margin", "hysteresis-margin" },
  { "psi-raises-level", "psi-raises-level" },
};

/* The same monitor the app would run: its interval and thresholds from the settings. */
static void
start_own (Follow *follow)
{
  g_autoptr(MgSource) source = NULL;
  guint test_interval_ms = mg_env_get_test_interval_ms ();

  if (follow->monitor != NULL)
    return;

  g_debug ("No MemGauge on the session bus: sampling %s by itself",
           follow->proc_root != NULL ? follow->proc_root : "/proc");
  source = mg_source_procfs_new (follow->proc_root);
  follow->monitor = mg_monitor_new (source);
  if (test_interval_ms != 0)
    mg_monitor_set_test_interval_ms (follow->monitor, test_interval_ms);
  if (follow->settings == NULL && schema_installed ())
    follow->settings = g_settings_new (SCHEMA_ID);
  if (follow->settings != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
        g_settings_bind (follow->settings, bound[i].key, follow->monitor, bound[i].property,
                         G_SETTINGS_BIND_GET);
    }

  follow->service = mg_dbus_service_new ();
  follow->service_handler = g_signal_connect (follow->service, "changed",
                                              G_CALLBACK (on_service_changed), follow);
  mg_dbus_service_set_monitor (follow->service, follow->monitor);
  mg_monitor_start (follow->monitor);
}

static void
stop_own (Follow *follow)
{
  if (follow->monitor == NULL)
    return;

  g_debug ("Stopping the own sampler");
  mg_monitor_stop (follow->monitor);
  g_clear_signal_handler (&follow->service_handler, follow->service);
  g_clear_object (&follow->service);
  if (follow->settings != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (bound); i++)
        g_settings_unbind (follow->monitor, bound[i].property);
    }
  g_clear_object (&follow->monitor);
}

static void
drop_proxy (Follow *follow)
{
  g_cancellable_cancel (follow->cancellable);
  g_clear_object (&follow->cancellable);
  if (follow->proxy != NULL)
    g_clear_signal_handler (&follow->proxy_handler, follow->proxy);
  g_clear_object (&follow->proxy);
}

static void
on_properties_changed (GDBusProxy *proxy,
                       GVariant   *changed,
                       GStrv       invalidated,
                       Follow     *follow)
{
  print_state (follow, MG_DBUS_MEM_GAUGE1 (proxy));
}

static void
on_proxy_ready (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Follow *follow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgDbusMemGauge1) proxy = mg_dbus_mem_gauge1_proxy_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* An app without this interface (an older version) leaves the properties unset. */
  if (proxy == NULL || mg_dbus_mem_gauge1_get_level (proxy) == NULL)
    {
      g_debug ("The app exports no %s (%s): sampling by itself",
               "io.github.memgauge.MemGauge1",
               error != NULL ? error->message : "no properties");
      start_own (follow);
      return;
    }

  g_debug ("Following the app over D-Bus");
  follow->proxy = g_steal_pointer (&proxy);
  follow->proxy_handler = g_signal_connect (follow->proxy, "g-properties-changed",
                                            G_CALLBACK (on_properties_changed), follow);
  print_state (follow, follow->proxy);
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  Follow *follow = user_data;

  g_debug ("%s appeared (%s)", name, owner);
  stop_own (follow);
  drop_proxy (follow);
  follow->cancellable = g_cancellable_new ();
  mg_dbus_mem_gauge1_proxy_new (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, name,
                                MG_DBUS_OBJECT_PATH, follow->cancellable, on_proxy_ready,
                                follow);
}

static void
on_name_vanished (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Follow *follow = user_data;

  drop_proxy (follow);
  start_own (follow);
}

static gboolean
on_signal (gpointer user_data)
{
  stop (user_data);

  return G_SOURCE_CONTINUE;
}

/* A pipe whose reader closed polls as an error at once, so the stream ends then and not
 * at the next change, and without a timer. */
static gboolean
on_stdout_closed (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  Follow *follow = user_data;

  g_debug ("stdout closed: stopping");
  follow->stdout_id = 0;
  stop (follow);

  return G_SOURCE_REMOVE;
}

int
mg_follow_run (const char     *proc_root,
               MgFollowFormat  format)
{
  Follow follow = { .format = format, .proc_root = proc_root };
  g_autoptr(GError) error = NULL;

  /* A closed stdout must come back as EPIPE from write, not kill the process. */
  signal (SIGPIPE, SIG_IGN);
  /* GLib writes debug messages to stdout by default: they would be taken for lines. */
  g_log_writer_default_set_use_stderr (TRUE);
  /* A stream that stalls while the machine thrashes is no use: see mg-resident.h. */
  mg_resident_lock ();

  follow.loop = g_main_loop_new (NULL, FALSE);
  follow.sigint_id = g_unix_signal_add (SIGINT, on_signal, &follow);
  follow.sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &follow);
  follow.stdout_id = g_unix_fd_add (STDOUT_FILENO, G_IO_ERR | G_IO_HUP, on_stdout_closed, &follow);

  follow.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (follow.bus != NULL)
    {
      /* The stream outlives the bus: on its loss, it samples by itself. */
      g_dbus_connection_set_exit_on_close (follow.bus, FALSE);
      follow.watch_id = g_bus_watch_name_on_connection (follow.bus, APPLICATION_ID,
                                                        G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                        on_name_appeared, on_name_vanished,
                                                        &follow, NULL);
    }
  else
    {
      g_debug ("No session bus (%s)", error->message);
      start_own (&follow);
    }

  g_main_loop_run (follow.loop);

  g_clear_handle_id (&follow.watch_id, g_bus_unwatch_name);
  drop_proxy (&follow);
  stop_own (&follow);
  g_clear_object (&follow.settings);
  g_clear_object (&follow.bus);
  g_clear_handle_id (&follow.sigint_id, g_source_remove);
  g_clear_handle_id (&follow.sigterm_id, g_source_remove);
  g_clear_handle_id (&follow.stdout_id, g_source_remove);
  g_main_loop_unref (follow.loop);
  g_free (follow.last_line);

  return 0;
}
