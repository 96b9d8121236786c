/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgPaceWatch: a real GPowerProfileMonitor talking to python-dbusmock's
 * power-profiles-daemon on a private bus standing in for the system bus, and the PSI
 * trigger's fallback over a test's proc root. */

#include "mg-pace-watch.h"
#include "mg-source-procfs.h"
#include "mg-test-files.h"
#include "mg-test-util.h"

#define PPD_NAME "net.hadess.PowerProfiles"
#define PPD_PATH "/net/hadess/PowerProfiles"

static gboolean
on_guard (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the monitor's next delay is @ms, for at most 10 s. */
static void
wait_for_delay (MgMonitor *monitor,
                guint      ms)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (10, on_guard, &expired);

  while (mg_monitor_get_next_delay_ms (monitor) != ms && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (guard);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (monitor), ==, ms);
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
set_profile (GDBusConnection *bus,
             const char      *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, PPD_NAME, PPD_PATH,
                                       "org.freedesktop.DBus.Properties", "Set",
                                       g_variant_new ("(ssv)", PPD_NAME, "ActiveProfile",
                                                      g_variant_new_string (profile)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

static void
test_power_saver (void)
{
  g_autoptr(GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgMonitor) monitor = NULL;
  g_autoptr(MgPaceWatch) watch = NULL;
  g_autofree char *root = g_dir_make_tmp ("memgauge-proc-XXXXXX", &error);
  gboolean appeared = FALSE;
  guint watch_id;

  g_assert_no_error (error);
  g_test_dbus_up (test_bus);
  /* GIO's power profile monitor asks the system bus: this private one stands in. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (test_bus), TRUE);
  /* Its log goes to stdout, which is the TAP stream: silenced. */
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "/usr/bin/python3", "-m",
                           "dbusmock", "--system", "-t", "power_profiles_daemon", "-p",
                           "{\"ActiveProfile\": \"power-saver\"}", NULL);
  g_assert_no_error (error);
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  watch_id = g_bus_watch_name_on_connection (bus, PPD_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                             on_name_appeared, NULL, &appeared, NULL);
  while (!appeared)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch_id);

  mg_test_write_file (root, "meminfo", "MemTotal: 8000000 kB\nMemFree: 4000000 kB\n"
                                       "MemAvailable: 6000000 kB\n");
  mg_test_write_file (root, "vmstat", "pswpin 1\npswpout 1\npgmajfault 1\noom_kill 0\n");
  monitor = mg_test_monitor_new (root);
  mg_monitor_start (monitor);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (monitor), ==, 3000);

  /* Power saver on: the calm interval doubles. */
  watch = mg_pace_watch_new (monitor, NULL);
  wait_for_delay (monitor, 6000);
  /* The test proc root is not the kernel's: no trigger, and nothing else changes. */
  g_assert_false (mg_pace_watch_has_psi_trigger (watch));

  /* Switched off in the settings, then on again. */
  g_object_set (watch, "slower-in-power-saver", FALSE, NULL);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (monitor), ==, 3000);
  g_object_set (watch, "slower-in-power-saver", TRUE, NULL);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (monitor), ==, 6000);

  /* Back to balanced on the (mock) daemon: the interval itself. */
  set_profile (bus, "balanced");
  wait_for_delay (monitor, 3000);
  set_profile (bus, "power-saver");
  wait_for_delay (monitor, 6000);

  /* The watch gone, the monitor is as before. */
  g_clear_object (&watch);
  g_assert_cmpuint (mg_monitor_get_next_delay_ms (monitor), ==, 3000);
  mg_monitor_stop (monitor);

  g_subprocess_send_signal (mock, SIGTERM);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&bus);
  g_test_dbus_down (test_bus);
  mg_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pace-watch/power-saver", test_power_saver);

  return g_test_run ();
}
