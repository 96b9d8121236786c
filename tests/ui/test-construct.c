/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests that the tray, notifier and autostart objects come out whole from g_object_new (). */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "mg-autostart.h"
#include "mg-notifier.h"
#include "mg-test-util.h"
#include "mg-tray.h"

static MgMonitor *
monitor_of_fixture (void)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                 "linux-6.18-idle", NULL);
  MgMonitor *monitor = mg_test_monitor_new (root);

  g_assert_true (mg_monitor_sample_now (monitor));

  return monitor;
}

/* The default is the installed command; the file and the watch are set up as by _new (). */
static void
test_autostart_bare (void)
{
  g_autoptr(MgAutostart) autostart = g_object_new (MG_TYPE_AUTOSTART, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *contents = NULL;

  g_object_get (autostart, "exec", &exec, NULL);
  g_assert_cmpstr (exec, ==, "memgauge");
  g_assert_true (g_str_has_suffix (mg_autostart_get_path (autostart),
                                   "/autostart/" APPLICATION_ID ".desktop"));
  g_assert_false (mg_autostart_get_enabled (autostart));

  g_assert_true (mg_autostart_set_enabled (autostart, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (mg_autostart_get_path (autostart), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\nExec=memgauge\n"));
}

static void
test_notifier_bare (void)
{
  g_autoptr(MgNotifier) notifier = NULL;

  g_test_expect_message ("memgauge-notifier", G_LOG_LEVEL_CRITICAL, "*G_IS_APPLICATION*");
  notifier = g_object_new (MG_TYPE_NOTIFIER, NULL);
  g_test_assert_expected_messages ();

  /* Inert, not broken: settings bound to it still apply. */
  g_object_set (notifier, "notify-on-high", FALSE, "snooze-until", (gint64) 1, NULL);
}

static void
test_notifier_minimum (void)
{
  g_autoptr(GApplication) app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr(MgMonitor) monitor = monitor_of_fixture ();
  g_autoptr(MgNotifier) notifier = NULL;
  g_autoptr(GApplication) got_app = NULL;
  g_autoptr(MgMonitor) got_monitor = NULL;

  notifier = g_object_new (MG_TYPE_NOTIFIER, "application", app, "monitor", monitor, NULL);
  g_object_get (notifier, "application", &got_app, "monitor", &got_monitor, NULL);
  g_assert_true (got_app == app);
  g_assert_true (got_monitor == monitor);

  /* It follows the monitor from the start; a sample reaches it without a crash. */
  g_assert_true (mg_monitor_sample_now (monitor));
  g_clear_object (&notifier);
  g_assert_true (mg_monitor_sample_now (monitor));
}

static void
test_tray_bare (void)
{
  g_autoptr(MgTray) tray = NULL;

  g_test_expect_message ("memgauge-tray", G_LOG_LEVEL_CRITICAL, "*G_IS_APPLICATION*");
  tray = g_object_new (MG_TYPE_TRAY, NULL);
  g_test_assert_expected_messages ();

  g_object_set (tray, "show-percentage", TRUE, NULL);
  g_assert_false (mg_tray_get_embedded (tray));
}

static void
test_tray_minimum (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_autoptr(MgMonitor) monitor = monitor_of_fixture ();
  g_autoptr(MgAutostart) autostart = g_object_new (MG_TYPE_AUTOSTART, NULL);
  g_autoptr(MgTray) tray = NULL;
  g_autoptr(MgMonitor) got_monitor = NULL;
  g_autoptr(MgAutostart) got_autostart = NULL;
  gboolean shown = FALSE;

  tray = g_object_new (MG_TYPE_TRAY,
                       "application", app,
                       "monitor", monitor,
                       "autostart", autostart,
                       "show-percentage", TRUE,
                       NULL);
  g_object_get (tray, "monitor", &got_monitor, "autostart", &got_autostart, NULL);
  g_assert_true (got_monitor == monitor);
  g_assert_true (got_autostart == autostart);
  g_object_get (tray, "show-percentage", &shown, NULL);
  g_assert_true (shown);

  g_assert_true (mg_monitor_sample_now (monitor));
  g_assert_true (mg_autostart_set_enabled (autostart, TRUE, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init (&argc, &argv);

  g_test_add_func ("/construct/autostart-bare", test_autostart_bare);
  g_test_add_func ("/construct/notifier-bare", test_notifier_bare);
  g_test_add_func ("/construct/notifier-minimum", test_notifier_minimum);
  g_test_add_func ("/construct/tray-bare", test_tray_bare);
  g_test_add_func ("/construct/tray-minimum", test_tray_minimum);

  return g_test_run ();
}
