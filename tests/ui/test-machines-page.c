/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui test of MgMachinesPage and MgMachineDialog under Xvfb: the empty list, a source added
 * through the dialog, an address that cannot be used, Test Connection against a real
 * node_exporter and a closed port, rename and remove, and the keyboard. PNGs of each state
 * in tests/artefacts/ (machines-page-*-light|dark.png). */

#define G_LOG_DOMAIN "memgauge-machines"

#include "config.h"

#include <gtk/gtk.h>

#include "mg-format.h"
#include "mg-machines-page.h"
#include "mg-remote-url.h"
#include "mg-style.h"
#include "mg-test-files.h"
#include "mg-test-remote.h"
#include "mg-test-ui.h"

/* linux-6.18-medium: MemTotal 24684084 kB, MemAvailable 7448000 kB. */
#define FIXTURE "linux-6.18-medium"
#define FIXTURE_TOTAL_KIB 24684084
#define FIXTURE_AVAILABLE_KIB 7448000

typedef struct {
  char           *tmp;
  GSettings      *settings;
  GtkWidget      *window;
  MgMachinesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmp = g_dir_make_tmp ("test-machines-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new ("io.github.memgauge.MemGauge");
  fixture->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 560, -1);
  fixture->page = g_object_new (MG_TYPE_MACHINES_PAGE, "margin", 18, NULL);
  mg_machines_page_set_settings (fixture->page, fixture->settings);
  gtk_container_add (GTK_CONTAINER (fixture->window), GTK_WIDGET (fixture->page));
  gtk_widget_show (fixture->window);
  mg_test_ui_focus (fixture->window);
  mg_test_ui_iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  mg_test_ui_iterate_pending ();
  g_settings_reset (fixture->settings, "remote-sources");
  g_clear_object (&fixture->settings);
  mg_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
}

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (fixture->page), name);
}

static MgMachineDialog *
open_add_dialog (Fixture *fixture)
{
  MgMachineDialog *dialog;

  mg_machines_page_add (fixture->page);
  dialog = mg_machines_page_get_dialog (fixture->page);
  g_assert_nonnull (dialog);
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static void
test_connection (MgMachineDialog *dialog)
{
  mg_machine_dialog_test_connection (dialog);
  g_assert_true (mg_machine_dialog_get_busy (dialog));
  {
    gboolean active = FALSE;

    g_object_get (mg_test_ui_child (dialog, "spinner"), "active", &active, NULL);
    g_assert_true (active);
  }
  MG_TEST_WAIT_FOR (!mg_machine_dialog_get_busy (dialog));
  g_test_message ("Test Connection: %s", mg_test_ui_label_text (dialog, "result_label"));
}

static guint
n_sources (Fixture *fixture)
{
  g_autoptr(GVariant) sources = g_settings_get_value (fixture->settings, "remote-sources");

  return g_variant_n_children (sources);
}

static GList *
rows (Fixture *fixture)
{
  return gtk_container_get_children (GTK_CONTAINER (page_child (fixture, "list")));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *list = page_child (fixture, "list");
  g_autoptr(GList) children = rows (fixture);
  GtkWidget *placeholder = mg_test_ui_find_widget (list, "empty_state");
  g_autofree char *tray_shows = NULL;

  g_assert_null (children);
  g_assert_nonnull (placeholder);
  g_assert_true (gtk_widget_get_mapped (placeholder));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (placeholder)),
                            "node_exporter, such as\nhttp://build-box:9100/metrics"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (placeholder)),
                            "Prometheus server, such as\nhttp://monitor:9090"));
  g_assert_false (gtk_widget_get_sensitive (page_child (fixture, "edit_button")));
  g_assert_false (gtk_widget_get_sensitive (page_child (fixture, "remove_button")));

  /* The two settings below the list, both ways, and 0 said in words. */
  g_settings_set_string (fixture->settings, "tray-shows", "worst");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (fixture, "tray_combo"))),
                   ==, "worst");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (fixture, "tray_combo")), "this-machine");
  tray_shows = g_settings_get_string (fixture->settings, "tray-shows");
  g_assert_cmpstr (tray_shows, ==, "this-machine");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (fixture, "unreachable_spin")), 0);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "unreachable-minutes"), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "unreachable_caption"))),
                   ==, "0: never. No notification when a machine does not answer.");
  mg_test_ui_save_png (fixture->window, "machines-page-never");
  g_settings_reset (fixture->settings, "unreachable-minutes");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "unreachable_caption"))),
                   ==, "One notification after 2 minutes without an answer, another when "
                       "the machine answers again.");
  mg_test_ui_save_png (fixture->window, "machines-page-empty");
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *url = NULL;
  GSubprocess *exporter = mg_test_node_exporter_start (FIXTURE, fixture->tmp, &url);
  g_autofree char *size = mg_format_size_kib (FIXTURE_TOTAL_KIB);
  g_autofree char *expected = NULL;
  g_autoptr(GVariant) sources = NULL;
  g_autoptr(GList) children = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *name = NULL;
  MgMachineDialog *dialog;
  MgRemoteKind kind;
  const char *id, *saved_name, *saved_url, *auth, *fingerprint;
  guint32 interval;
  guint used;

  if (exporter == NULL)
    return;

  dialog = open_add_dialog (fixture);
  /* The new source's id is made when the dialog opens. */
  g_assert_cmpuint (strlen (mg_machine_dialog_get_source_id (dialog)), >, 0);
  g_assert_false (gtk_widget_get_sensitive (mg_test_ui_child (dialog, "save_button")));
  mg_test_ui_set_entry (dialog, "name_entry", "build-box");
  mg_test_ui_set_entry (dialog, "url_entry", url);
  g_assert_true (gtk_widget_get_sensitive (mg_test_ui_child (dialog, "save_button")));
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "url_message"), ==,
                   "A node_exporter: MemGauge reads this machine");

  /* The figures of the fixture, as a person works them out: used = 100 − available. */
  test_connection (dialog);
  used = 100 - (guint) (100.0 * FIXTURE_AVAILABLE_KIB / FIXTURE_TOTAL_KIB + 0.5);
  g_assert_true (mg_remote_url_parse (url, &kind, &uri, NULL));
  name = mg_remote_url_name (uri);
  expected = g_strdup_printf ("Connected: %s, %u %% used of %s", name, used, size);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==, expected);
  g_assert_cmpuint (used, ==, 70);
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machines-page-dialog-connected");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mg_test_ui_child (dialog, "interval_spin")), 30);
  gtk_button_clicked (GTK_BUTTON (mg_test_ui_child (dialog, "save_button")));
  /* No credentials: written at once, and the dialog is gone. */
  g_assert_null (mg_machines_page_get_dialog (fixture->page));

  sources = g_settings_get_value (fixture->settings, "remote-sources");
  g_assert_cmpuint (g_variant_n_children (sources), ==, 1);
  g_variant_get_child (sources, 0, "(&s&s&s&s&su)", &id, &saved_name, &saved_url, &auth,
                       &fingerprint, &interval);
  g_assert_cmpuint (strlen (id), >, 0);
  g_assert_cmpstr (saved_name, ==, "build-box");
  g_assert_cmpstr (saved_url, ==, url);
  g_assert_cmpstr (auth, ==, "");
  g_assert_cmpstr (fingerprint, ==, "");
  g_assert_cmpuint (interval, ==, 30);

  mg_test_ui_iterate_pending ();
  children = rows (fixture);
  g_assert_cmpuint (g_list_length (children), ==, 1);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (children->data)), ==,
                   "build-box");
  expected = (g_free (expected), g_strdup_printf ("%s · node_exporter · every 30 seconds", url));
  g_assert_cmpstr (atk_object_get_description (gtk_widget_get_accessible (children->data)), ==,
                   expected);
  gtk_list_box_select_row (GTK_LIST_BOX (page_child (fixture, "list")), children->data);
  mg_test_ui_save_png (fixture->window, "machines-page-one");

  mg_test_server_stop (exporter);
}

static void
test_invalid_url (Fixture       *fixture,
                  gconstpointer  data)
{
  MgMachineDialog *dialog = open_add_dialog (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  MgRemoteKind kind;

  g_assert_cmpstr (mg_test_ui_label_text (dialog, "url_message"), ==,
                   "The address of a node_exporter, such as http://build-box:9100/metrics, "
                   "or of a Prometheus server, such as http://monitor:9090");
  mg_test_ui_set_entry (dialog, "url_entry", "ftp://build-box/metrics");
  g_assert_false (mg_remote_url_parse ("ftp://build-box/metrics", &kind, &uri, &error));
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "url_message"), ==, error->message);
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (
                   mg_test_ui_child (dialog, "url_message")), "mg-error"));
  g_assert_false (gtk_widget_get_sensitive (mg_test_ui_child (dialog, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (mg_test_ui_child (dialog, "test_button")));
  mg_machine_dialog_save (dialog);
  g_assert_cmpuint (n_sources (fixture), ==, 0);
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machines-page-dialog-invalid");
}

static void
test_closed_port (Fixture       *fixture,
                  gconstpointer  data)
{
  MgMachineDialog *dialog = open_add_dialog (fixture);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/metrics", mg_test_free_port ());

  mg_test_ui_set_entry (dialog, "url_entry", url);
  test_connection (dialog);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==, "Not connected: connection refused");
  g_assert_true (gtk_widget_get_sensitive (mg_test_ui_child (dialog, "test_button")));

  /* Closing while a test runs cancels it; nothing is written. */
  mg_machine_dialog_test_connection (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (mg_machines_page_get_dialog (fixture->page));
  mg_test_ui_run_for (100);
  g_assert_cmpuint (n_sources (fixture), ==, 0);
}

static void
test_rename_remove (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GList) children = NULL;
  g_autoptr(GVariant) sources = NULL;
  MgMachineDialog *dialog;
  GtkWidget *question;
  const char *name = NULL;

  g_settings_set_value (fixture->settings, "remote-sources",
                        g_variant_new_parsed ("[('one', 'build-box', 'http://build-box:9100/metrics', '', '', uint32 15),"
                                              " ('two', 'monitor', 'http://monitor:9090', '', '', uint32 60)]"));
  children = rows (fixture);
  g_assert_cmpuint (g_list_length (children), ==, 2);

  /* Activating a row (Enter, double click) edits it. */
  g_signal_emit_by_name (page_child (fixture, "list"), "row-activated", children->data);
  dialog = mg_machines_page_get_dialog (fixture->page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (mg_test_ui_child (dialog, "name_entry"))), ==,
                   "build-box");
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "url_message"), ==,
                   "A node_exporter: MemGauge reads this machine");
  mg_test_ui_set_entry (dialog, "name_entry", "builder");
  mg_machine_dialog_save (dialog);
  sources = g_settings_get_value (fixture->settings, "remote-sources");
  g_assert_cmpuint (g_variant_n_children (sources), ==, 2);
  g_variant_get_child (sources, 0, "(s&ssssu)", NULL, &name, NULL, NULL, NULL, NULL);
  g_assert_cmpstr (name, ==, "builder");

  /* Remove asks first; Cancel keeps it. */
  g_clear_pointer (&children, g_list_free);
  children = rows (fixture);
  gtk_list_box_select_row (GTK_LIST_BOX (page_child (fixture, "list")), children->next->data);
  gtk_button_clicked (GTK_BUTTON (page_child (fixture, "remove_button")));
  question = mg_machines_page_get_remove_question (fixture->page);
  g_assert_nonnull (question);
  g_object_get (question, "text", &name, NULL);
  g_assert_cmpstr (name, ==, "Remove “monitor”?");
  g_free ((char *) name);
  g_object_get (question, "secondary-text", &name, NULL);
  g_assert_cmpstr (name, ==, "MemGauge stops watching it.");
  g_free ((char *) name);
  mg_test_ui_save_png (question, "machines-page-remove-question");
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
  g_assert_cmpuint (n_sources (fixture), ==, 2);

  gtk_button_clicked (GTK_BUTTON (page_child (fixture, "remove_button")));
  gtk_dialog_response (GTK_DIALOG (mg_machines_page_get_remove_question (fixture->page)),
                       GTK_RESPONSE_ACCEPT);
  g_clear_pointer (&sources, g_variant_unref);
  sources = g_settings_get_value (fixture->settings, "remote-sources");
  g_assert_cmpuint (g_variant_n_children (sources), ==, 1);
  g_variant_get_child (sources, 0, "(&sssssu)", &name, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpstr (name, ==, "one");
  g_clear_pointer (&children, g_list_free);
  children = rows (fixture);
  g_assert_cmpuint (g_list_length (children), ==, 1);
}

/* The SHA-256 of a PEM certificate's DER form, lower-case hex. */
static char *
certificate_sha256 (const char *cert)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (cert, &error);
  g_autoptr(GByteArray) der = NULL;

  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

/* A self-signed certificate for another name: the dialog shows its fingerprint, and only
 * with "Accept this certificate" checked does a test connect and Save keep it. */
static void
test_certificate (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *cert = g_build_filename (fixture->tmp, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (fixture->tmp, "key.pem", NULL);
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
    "-days", "1", "-subj", "/CN=wrong.example", "-addext", "subjectAltName=DNS:wrong.example",
    NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GVariant) source = NULL;
  GSubprocess *server;
  MgMachineDialog *dialog;
  const char *fingerprint = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sha256 = certificate_sha256 (cert);
  server = mg_test_auth_server_start ("", cert, key, &url);

  dialog = open_add_dialog (fixture);
  mg_test_ui_set_entry (dialog, "url_entry", url);
  test_connection (dialog);
  g_assert_true (g_str_has_prefix (mg_test_ui_label_text (dialog, "result_label"), "Not connected: "));
  g_assert_true (gtk_widget_get_visible (mg_test_ui_child (dialog, "fingerprint_label")));
  g_assert_true (gtk_widget_get_visible (mg_test_ui_child (dialog, "accept_check")));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mg_test_ui_child (dialog,
                                                                                 "accept_check"))));
  /* Shown as AB:CD:…, upper case. */
  {
    GString *pairs = g_string_new (NULL);

    for (guint i = 0; sha256[i] != '\0'; i += 2)
      g_string_append_printf (pairs, "%s%c%c", i > 0 ? ":" : "", g_ascii_toupper (sha256[i]),
                              g_ascii_toupper (sha256[i + 1]));
    shown = g_string_free (pairs, FALSE);
  }
  g_assert_nonnull (strstr (mg_test_ui_label_text (dialog, "fingerprint_label"), shown));
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machines-page-dialog-certificate");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (mg_test_ui_child (dialog, "accept_check")), TRUE);
  test_connection (dialog);
  g_assert_true (g_str_has_prefix (mg_test_ui_label_text (dialog, "result_label"), "Connected: 127.0.0.1:"));
  mg_machine_dialog_save (dialog);
  g_assert_null (mg_machines_page_get_dialog (fixture->page));
  {
    g_autoptr(GVariant) sources = g_settings_get_value (fixture->settings, "remote-sources");

    g_variant_get_child (sources, 0, "(sssssu)", NULL, NULL, NULL, NULL, &fingerprint, NULL);
    g_assert_cmpstr (fingerprint, ==, sha256);
    g_free ((char *) fingerprint);
  }

  /* Edited again: the certificate is still accepted, and a test still connects. */
  {
    g_autoptr(GList) children = rows (fixture);

    g_signal_emit_by_name (page_child (fixture, "list"), "row-activated", children->data);
  }
  dialog = mg_machines_page_get_dialog (fixture->page);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mg_test_ui_child (dialog,
                                                                                "accept_check"))));
  g_assert_true (g_str_has_prefix (mg_test_ui_label_text (dialog, "fingerprint_label"),
                                   "Accepted certificate: SHA-256 "));
  test_connection (dialog);
  g_assert_true (g_str_has_prefix (mg_test_ui_label_text (dialog, "result_label"), "Connected: 127.0.0.1:"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  mg_test_server_stop (server);
}

/* A Prometheus server (tests/lib/basic_auth_server.py answering with the capture of one
 * with 50 machines): the address says so, and the test counts its machines. */
static void
test_prometheus (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = NULL;
  GSubprocess *server = mg_test_auth_server_start ("", NULL, NULL, &url);
  MgMachineDialog *dialog = open_add_dialog (fixture);

  /* The server's base URL: no /metrics, not port 9100. */
  *strstr (url, "/metrics") = '\0';
  mg_test_ui_set_entry (dialog, "url_entry", url);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "url_message"), ==,
                   "A Prometheus server: MemGauge shows every machine it scrapes");
  test_connection (dialog);
  g_assert_cmpstr (mg_test_ui_label_text (dialog, "result_label"), ==, "Connected to Prometheus: 50 machines");
  mg_machine_dialog_save (dialog);
  {
    g_autoptr(GList) children = rows (fixture);

    g_assert_cmpuint (g_list_length (children), ==, 1);
    g_assert_true (g_str_has_suffix (atk_object_get_description (gtk_widget_get_accessible (
                                       children->data)), " · Prometheus · every 15 seconds"));
  }
  mg_test_server_stop (server);
}

/* Tab from nothing visits @expected in order; each has an accessible name. */
static void
check_tab_order (GtkWidget         *window,
                 GtkWidget * const *expected,
                 gsize              n_expected)
{
  gsize next = 0;

  for (gsize i = 0; i < n_expected; i++)
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (expected[i]));

      g_test_message ("%s is called \"%s\"", G_OBJECT_TYPE_NAME (expected[i]), name);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
    }
  /* Laid out first, as a person's Tab comes after the window is drawn: GTK orders the
   * focus chain by position. */
  mg_test_ui_focus (window);
  mg_test_ui_run_for (100);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 40 && next < n_expected; i++)
    {
      GtkWidget *focus;

      mg_test_ui_send_key (window, GDK_KEY_Tab, 0);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_nonnull (focus);
      if (focus == expected[next] || gtk_widget_is_ancestor (focus, expected[next]))
        next++;
    }
  g_assert_cmpuint (next, ==, n_expected);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GList) children = NULL;
  MgMachineDialog *dialog;

  g_settings_set_value (fixture->settings, "remote-sources",
                        g_variant_new_parsed ("[('one', 'build-box', 'http://build-box:9100/metrics', 'basic', '', uint32 15)]"));
  children = rows (fixture);
  gtk_list_box_select_row (GTK_LIST_BOX (page_child (fixture, "list")), children->data);
  {
    GtkWidget *order[] = {
      children->data, page_child (fixture, "add_button"), page_child (fixture, "edit_button"),
      page_child (fixture, "remove_button"), page_child (fixture, "tray_combo"),
      page_child (fixture, "unreachable_spin"),
    };

    check_tab_order (fixture->window, order, G_N_ELEMENTS (order));
  }
  /* Delete on the list asks to remove the row. */
  gtk_widget_grab_focus (children->data);
  mg_test_ui_send_key (fixture->window, GDK_KEY_Delete, 0);
  g_assert_nonnull (mg_machines_page_get_remove_question (fixture->page));
  gtk_dialog_response (GTK_DIALOG (mg_machines_page_get_remove_question (fixture->page)),
                       GTK_RESPONSE_CANCEL);

  /* The dialog, with the fields of a user name and password. */
  dialog = open_add_dialog (fixture);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mg_test_ui_child (dialog, "auth_combo")), "basic");
  g_assert_true (gtk_widget_get_visible (mg_test_ui_child (dialog, "user_entry")));
  g_assert_false (gtk_widget_get_visible (mg_test_ui_child (dialog, "token_entry")));
  mg_test_ui_set_entry (dialog, "url_entry", "http://build-box:9100/metrics");
  {
    GtkWidget *order[] = {
      mg_test_ui_child (dialog, "name_entry"), mg_test_ui_child (dialog, "url_entry"),
      mg_test_ui_child (dialog, "interval_spin"), mg_test_ui_child (dialog, "auth_combo"),
      mg_test_ui_child (dialog, "user_entry"), mg_test_ui_child (dialog, "password_entry"),
      mg_test_ui_child (dialog, "test_button"), mg_test_ui_child (dialog, "cancel_button"),
      mg_test_ui_child (dialog, "save_button"),
    };

    check_tab_order (GTK_WIDGET (dialog), order, G_N_ELEMENTS (order));
  }
  mg_test_ui_save_png (GTK_WIDGET (dialog), "machines-page-dialog-basic");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (mg_test_ui_child (dialog, "auth_combo")), "bearer");
  g_assert_false (gtk_widget_get_visible (mg_test_ui_child (dialog, "user_entry")));
  g_assert_true (gtk_widget_get_visible (mg_test_ui_child (dialog, "token_entry")));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (mg_test_ui_child (dialog,
                                                                                 "token_entry"))),
                   ==, "Token");
}

int
main (int   argc,
      char *argv[])
{
  if (!mg_test_ui_init (&argc, &argv))
    {
      g_printerr ("test-machines-page: no display; run it through tests/lib/ui-session.sh\n");
      return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
    }
  mg_ui_style_ensure ();

#define ADD(path, func) \
  g_test_add ("/machines-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("add", test_add);
  ADD ("invalid-url", test_invalid_url);
  if (g_getenv ("MEMGAUGE_TEST_PICTURES_ONLY") == NULL)
    {
      ADD ("closed-port", test_closed_port);
      ADD ("certificate", test_certificate);
      ADD ("prometheus", test_prometheus);
      ADD ("rename-remove", test_rename_remove);
      ADD ("keyboard", test_keyboard);
    }
#undef ADD

  return g_test_run ();
}
