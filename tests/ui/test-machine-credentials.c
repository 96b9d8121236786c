/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Credentials of remote sources against a real gnome-keyring-daemon on the ui-session's
 * private bus: store, lookup and clear (mg-remote-credentials), the machine dialog's Test
 * Connection and Save with a user name and password against a stand-in that wants them
 * (tests/lib/basic_auth_server.py), the fleet given them (mg-machine-credentials), and
 * nothing of them in GSettings. With MG_TEST_NO_SECRET_SERVICE=1 the session bus is out of
 * reach instead, and the dialog says that the credentials cannot be saved.
 *
 * The keyring: tests/lib/ui-session.sh gives the test empty XDG_DATA_HOME and
 * XDG_RUNTIME_DIR and its own session bus; `gnome-keyring-daemon --unlock
 * --components=secrets --daemonize` with a password on stdin then creates the "login"
 * keyring there, unlocked and the default collection, and owns org.freedesktop.secrets on
 * that bus (gnome-keyring 42 on Debian 12; no prompt is ever needed). ui-session.sh stops the
 * daemon with the session. The settings use GSETTINGS_BACKEND=keyfile (see tests/meson.build)
 * so that `gsettings list-recursively` reads what the test wrote. */

#define G_LOG_DOMAIN "memgauge-credentials"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <gtk/gtk.h>

#include "mg-machine-credentials.h"
#include "mg-machine-dialog.h"
#include "mg-remote-credentials.h"
#include "mg-remote-fleet.h"
#include "mg-style.h"
#include "mg-test-remote.h"
#include "mg-test-ui.h"

#define USER_PASSWORD "alice:s3cret-pw"
/* node-exporter-1.5.txt: MemAvailable 2050977792 of MemTotal 25276502016 bytes (8.1 %). */
#define FIXTURE_FIGURES "92 % used of 23.5\u00a0GiB"

typedef struct {
  GMainLoop *loop;
  GObject   *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (G_OBJECT (result));
  g_main_loop_quit (wait->loop);
}

/* Runs the main loop until the async call started with on_done finishes. */
static GAsyncResult *
wait_result (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return G_ASYNC_RESULT (wait->result);
}

#define WAIT_INIT { g_main_loop_new (NULL, FALSE), NULL }

static char *
lookup (const char *id)
{
  Wait wait = WAIT_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *secret;

  mg_remote_credentials_lookup_async (id, NULL, on_done, &wait);
  result = wait_result (&wait);
  secret = mg_remote_credentials_lookup_finish (result, &error);
  g_assert_no_error (error);
  return secret;
}

static void
store (const char *id,
       const char *secret)
{
  Wait wait = WAIT_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  mg_remote_credentials_store_async (id, "build-box", secret, NULL, on_done, &wait);
  result = wait_result (&wait);
  g_assert_true (mg_remote_credentials_store_finish (result, &error));
  g_assert_no_error (error);
}

static void
on_changed (MgRemoteCredentials *credentials,
            const char          *id,
            GPtrArray           *changed)
{
  g_ptr_array_add (changed, g_strdup (id));
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  gulong handler = g_signal_connect (mg_remote_credentials_get_default (), "changed",
                                     G_CALLBACK (on_changed), changed);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basic = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *header = NULL;
  g_autofree char *gone = NULL;
  Wait wait = WAIT_INIT;

  g_assert_null (lookup ("never-stored"));

  store ("src-basic", USER_PASSWORD);
  store ("src-bearer", "tok-123");
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpstr (changed->pdata[0], ==, "src-basic");

  basic = lookup ("src-basic");
  g_assert_cmpstr (basic, ==, USER_PASSWORD);
  header = mg_remote_credentials_header (MG_REMOTE_AUTH_BASIC, basic);
  /* base64("alice:s3cret-pw") */
  g_assert_cmpstr (header, ==, "Basic YWxpY2U6czNjcmV0LXB3");
  g_free (header);
  bearer = lookup ("src-bearer");
  header = mg_remote_credentials_header (MG_REMOTE_AUTH_BEARER, bearer);
  g_assert_cmpstr (header, ==, "Bearer tok-123");

  /* Storing again replaces. */
  store ("src-bearer", "tok-456");
  g_free (bearer);
  bearer = lookup ("src-bearer");
  g_assert_cmpstr (bearer, ==, "tok-456");

  mg_remote_credentials_clear_async ("src-basic", NULL, on_done, &wait);
  result = wait_result (&wait);
  g_assert_true (mg_remote_credentials_clear_finish (result, &error));
  g_assert_no_error (error);
  gone = lookup ("src-basic");
  g_assert_null (gone);
  g_assert_cmpuint (changed->len, ==, 4);
  g_assert_cmpstr (changed->pdata[3], ==, "src-basic");
  g_free (bearer);
  bearer = lookup ("src-bearer");
  g_assert_cmpstr (bearer, ==, "tok-456");

  g_signal_handler_disconnect (mg_remote_credentials_get_default (), handler);
}

static void
test_connection (MgMachineDialog *dialog)
{
  mg_machine_dialog_test_connection (dialog);
  MG_TEST_WAIT_FOR (!mg_machine_dialog_get_busy (dialog));
  g_test_message ("Test Connection: %s", mg_test_ui_label_text (dialog, "result_label"));
}

/* What `gsettings list-recursively` prints for MemGauge, from the keyfile the test wrote. */
static char *
gsettings_output (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;
  const char *argv[] = { "gsettings", "list-recursively", "io.github.memgauge.MemGauge", NULL };
  /* The test's own folder: the keyfile backend keeps its file below it. */
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME",
                                         g_get_user_config_dir (), TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&output);
}

static MgMachineDialog *
basic_auth_dialog (GSettings  *settings,
                   const char *url)
{
  MgMachineDialog *dialog = MG_MACHINE_DIALOG (mg_machine_dialog_new (NULL, settings, NULL));

  g_object_ref_sink (dialog);
  gtk_widget_show (GTK_WIDGET (dialog));
  mg_test_ui_set_entry (dialog, "name_entry", "build-box");
  mg_test_ui_set_entry (dialog, "url_entry", url);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mg_test_ui_child (dialog, "auth_combo")), "basic");
  mg_test_ui_set_entry (dialog, "user_entry", "alice");
  return dialog;
}

static void
test_dialog_basic_auth (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.memgauge.MemGauge");
  g_autofree char *url = NULL;
  GSubprocess *server = mg_test_auth_server_start (USER_PASSWORD, NULL, NULL, &url);
  g_autoptr(MgMachineDialog) dialog = basic_auth_dialog (settings, url);
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GVariant) sources = NULL;
  const char *auth = NULL;

  /* Without the password, then with a wrong one: the server's refusal in words. */
  test_connection (dialog);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==,
                   "Not connected: the server refused the user name, password or token (HTTP 401)");
  mg_test_ui_set_entry (dialog, "password_entry", "wrong");
  test_connection (dialog);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==,
                   "Not connected: the server refused the user name, password or token (HTTP 401)");
  mg_test_ui_set_entry (dialog, "password_entry", "s3cret-pw");
  test_connection (dialog);
  /* "http://127.0.0.1:PORT/metrics" → "Connected: 127.0.0.1:PORT, 92 % used of 23.5 GiB" */
  expected = g_strdup (url + strlen ("http://"));
  *strstr (expected, "/metrics") = '\0';
  {
    g_autofree char *answer = g_strdup_printf ("Connected: %s, %s", expected, FIXTURE_FIGURES);

    g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==, answer);
  }
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machine-credentials-connected");

  /* Save: the secret into the keyring, then the source without it into the settings. */
  id = g_strdup (mg_machine_dialog_get_source_id (dialog));
  mg_machine_dialog_save (dialog);
  MG_TEST_WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (dialog)));
  sources = g_settings_get_value (settings, "remote-sources");
  g_assert_cmpuint (g_variant_n_children (sources), ==, 1);
  g_variant_get_child (sources, 0, "(sss&ssu)", NULL, NULL, NULL, &auth, NULL, NULL);
  g_assert_cmpstr (auth, ==, "basic");
  secret = lookup (id);
  g_assert_cmpstr (secret, ==, USER_PASSWORD);

  g_settings_sync ();
  listing = gsettings_output ();
  g_test_message ("gsettings list-recursively:\n%s", listing);
  g_assert_nonnull (strstr (listing, id));
  g_assert_null (strstr (listing, "s3cret"));
  g_assert_null (strstr (listing, "YWxpY2U6czNjcmV0LXB3"));
  g_assert_null (strstr (listing, "alice"));

  g_settings_reset (settings, "remote-sources");
  mg_test_server_stop (server);
}

/* A token: Test Connection sends it as "Bearer …". */
static void
test_dialog_token (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.memgauge.MemGauge");
  g_autofree char *url = NULL;
  GSubprocess *server = mg_test_auth_server_start ("Bearer tok-789", NULL, NULL, &url);
  g_autoptr(MgMachineDialog) dialog = basic_auth_dialog (settings, url);

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mg_test_ui_child (dialog, "auth_combo")), "bearer");
  mg_test_ui_set_entry (dialog, "token_entry", "tok-wrong");
  test_connection (dialog);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==,
                   "Not connected: the server refused the user name, password or token (HTTP 401)");
  mg_test_ui_set_entry (dialog, "token_entry", "tok-789");
  test_connection (dialog);
  g_assert_true (g_str_has_suffix (mg_test_ui_label_text (dialog, "result_label"), FIXTURE_FIGURES));
  gtk_widget_destroy (GTK_WIDGET (dialog));
  mg_test_server_stop (server);
}

/* The fleet polls a source with a password once mg-machine-credentials handed it over. */
static void
test_fleet (void)
{
  /* In memory: the keyfile backend went with the previous test's folder. */
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                     "io.github.memgauge.MemGauge", FALSE);
  g_autoptr(GSettings) settings = g_settings_new_full (schema, backend, NULL);
  g_autofree char *url = NULL;
  GSubprocess *server = mg_test_auth_server_start (USER_PASSWORD, NULL, NULL, &url);
  g_autoptr(MgRemoteFleet) fleet = NULL;
  GListModel *machines;
  g_autoptr(MgRemoteMachine) machine = NULL;
  MgMonitor *monitor;

  store ("fleet-src", USER_PASSWORD);
  g_settings_set_value (settings, "remote-sources",
                        g_variant_new_parsed ("[('fleet-src', 'build-box', %s, 'basic', '', uint32 5)]",
                                              url));
  fleet = mg_remote_fleet_new (settings);
  mg_machine_credentials_attach (fleet, settings);
  mg_remote_fleet_set_test_interval_ms (fleet, 200);
  mg_remote_fleet_start (fleet);
  machines = mg_remote_fleet_get_machines (fleet);
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 1);
  machine = g_list_model_get_item (machines, 0);
  monitor = mg_remote_machine_get_monitor (machine);
  MG_TEST_WAIT_FOR (mg_remote_machine_get_last_contact (machine) != 0);
  g_test_message ("build-box: %s, %s", mg_level_to_nick (mg_monitor_get_level (monitor)),
                  mg_monitor_get_reason (monitor));
  /* 8 % available: critical with the default thresholds, as the server's figures say. */
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_CRITICAL);

  mg_remote_fleet_stop (fleet);
  g_settings_reset (settings, "remote-sources");
  mg_test_server_stop (server);
}

/* No session bus, so no Secret Service: Save says so and keeps the source, without. */
static void
test_no_secret_service (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.memgauge.MemGauge");
  g_autoptr(MgMachineDialog) dialog = basic_auth_dialog (settings, "http://build-box:9100/metrics");
  g_autoptr(GVariant) sources = NULL;
  const char *message;

  mg_test_ui_set_entry (dialog, "password_entry", "s3cret-pw");
  mg_machine_dialog_save (dialog);
  MG_TEST_WAIT_FOR (!mg_machine_dialog_get_busy (dialog));
  message = mg_test_ui_label_text (dialog, "keyring_message");
  g_test_message ("%s", message);
  g_assert_true (gtk_widget_get_visible (mg_test_ui_child (dialog, "keyring_message")));
  g_assert_true (g_str_has_prefix (message, "The keyring (Secret Service) could not save the "
                                            "credentials: it is not running or it is locked ("));
  g_assert_true (g_str_has_suffix (message, "The machine is saved and polled without them."));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (mg_test_ui_child (dialog, "cancel_button"))),
                   ==, "_Close");
  sources = g_settings_get_value (settings, "remote-sources");
  g_assert_cmpuint (g_variant_n_children (sources), ==, 1);
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machine-credentials-no-keyring");
  gtk_widget_destroy (GTK_WIDGET (dialog));
  g_settings_reset (settings, "remote-sources");
}

/* Starts the keyring daemon (see the header comment) and waits until it owns its name. */
static void
start_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static ("test-login-pw", 13);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                             &error, "gnome-keyring-daemon", "--unlock", "--components=secrets",
                             "--daemonize", NULL);
  g_assert_no_error (error);
  /* --daemonize: the process given the password returns once the daemon runs. */
  g_subprocess_communicate (daemon, password, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply =
        g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "NameHasOwner",
                                     g_variant_new ("(s)", "org.freedesktop.secrets"),
                                     G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                     &error);
      gboolean owned = FALSE;

      g_assert_no_error (error);
      g_variant_get (reply, "(b)", &owned);
      if (owned)
        return;
      g_usleep (20 * 1000);
    }
  g_error ("gnome-keyring-daemon did not own org.freedesktop.secrets within 10 s");
}

int
main (int   argc,
      char *argv[])
{
  gboolean no_secret_service = g_getenv ("MG_TEST_NO_SECRET_SERVICE") != NULL;

  if (no_secret_service)
    {
      /* No bus to reach: what a session without a Secret Service (or D-Bus) gives. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/memgauge-test-bus", TRUE);
      g_setenv ("NO_AT_BRIDGE", "1", TRUE);
    }
  else if (g_getenv ("DISPLAY") != NULL)
    {
      g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");

      if (daemon == NULL)
        {
          g_printerr ("gnome-keyring-daemon is missing (build-aux/packages.sh installs it)\n");
          return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
        }
      /* Before g_test_init(): the daemon keeps the session's XDG_RUNTIME_DIR and
       * XDG_DATA_HOME, not the per-test ones G_TEST_OPTION_ISOLATE_DIRS sets. */
      start_keyring ();
    }
  if (!mg_test_ui_init (&argc, &argv))
    {
      g_printerr ("test-machine-credentials: no display; run it through tests/lib/ui-session.sh\n");
      return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
    }
  mg_ui_style_ensure ();

  if (no_secret_service)
    g_test_add_func ("/machine-credentials/no-secret-service", test_no_secret_service);
  else
    {
      g_test_add_func ("/machine-credentials/store-lookup-clear", test_store_lookup_clear);
      g_test_add_func ("/machine-credentials/dialog-basic-auth", test_dialog_basic_auth);
      g_test_add_func ("/machine-credentials/dialog-token", test_dialog_token);
      g_test_add_func ("/machine-credentials/fleet", test_fleet);
    }

  return g_test_run ();
}
