/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgRemoteFleet over HTTP on loopback: the `remote-sources` setting followed live, one
 * monitor per machine, Prometheus's machines appearing and leaving, errors in words and
 * credentials handed over. The server is a small one in this test that serves captures of
 * node_exporter 1.5 and Prometheus 2.42 (tests/fixtures/remote/); the real servers are in
 * tests/integration/test-remote.py and the machines tests. */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <string.h>

#include "mg-remote-fetch.h"
#include "mg-remote-fleet.h"
#include "mg-test-util.h"

/* What the server answers, changed by the tests while it runs (its threads read it). */
typedef struct {
  GMutex   lock;
  guint    status;
  char    *content_type;
  GBytes  *body;
  char    *authorization;   /* the header that must come, or NULL */
  char    *last_authorization;
  guint    n_requests;
  guint16  port;
  GSocketService *service;
} Server;

static Server server;

static char *
read_request (GInputStream *in)
{
  GString *request = g_string_new (NULL);
  char c;

  while (g_input_stream_read (in, &c, 1, NULL, NULL) == 1 && request->len < 16384)
    {
      g_string_append_c (request, c);
      if (g_str_has_suffix (request->str, "\r\n\r\n"))
        break;
    }
  return g_string_free (request, FALSE);
}

static char *
header_of (const char *request,
           const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s: ", name);
  const char *at = strstr (request, needle);
  const char *end;

  if (at == NULL)
    return NULL;
  at += strlen (needle);
  end = strstr (at, "\r\n");
  return g_strndup (at, end - at);
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autofree char *request = read_request (in);
  g_autofree char *authorization = header_of (request, "Authorization");
  g_autofree char *head = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  g_mutex_lock (&server.lock);
  server.n_requests++;
  g_free (server.last_authorization);
  server.last_authorization = g_strdup (authorization);
  status = server.status;
  if (server.authorization != NULL && g_strcmp0 (authorization, server.authorization) != 0)
    status = 401;
  body = status == 200 ? g_bytes_ref (server.body) : g_bytes_new_static ("no\n", 3);
  head = g_strdup_printf ("HTTP/1.1 %u X\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n", status,
                          status == 200 ? server.content_type : "text/plain",
                          g_bytes_get_size (body));
  g_mutex_unlock (&server.lock);

  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL,
                             NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
serve (guint       status,
       const char *content_type,
       GBytes     *body)
{
  g_mutex_lock (&server.lock);
  server.status = status;
  g_free (server.content_type);
  server.content_type = g_strdup (content_type);
  g_clear_pointer (&server.body, g_bytes_unref);
  server.body = body != NULL ? g_bytes_ref (body) : NULL;
  g_mutex_unlock (&server.lock);
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "remote", name, NULL);
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&text), len);
}

static void
serve_node_exporter (void)
{
  g_autoptr(GBytes) body = fixture ("node-exporter-1.5-meminfo-pressure.txt");

  serve (200, "text/plain; version=0.0.4; charset=utf-8", body);
}

/* A Prometheus answer for the machines named, each with the same figures. */
static void
serve_prometheus (const char *const *instances)
{
  static const struct { const char *metric; const char *value; } metrics[] = {
    { "node_memory_MemTotal_bytes", "8000000000" },
    { "node_memory_MemAvailable_bytes", "600000000" },
    { "node_memory_SwapTotal_bytes", "0" },
    { "node_memory_SwapFree_bytes", "0" },
  };
  GString *json = g_string_new ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                                "\"result\":[");
  g_autoptr(GBytes) body = NULL;

  for (guint i = 0; instances[i] != NULL; i++)
    for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
      g_string_append_printf (json, "%s{\"metric\":{\"__name__\":\"%s\",\"instance\":\"%s\"},"
                              "\"value\":[1796414608.055,\"%s\"]}",
                              i == 0 && m == 0 ? "" : ",", metrics[m].metric, instances[i],
                              metrics[m].value);
  g_string_append (json, "]}}");
  body = g_string_free_to_bytes (json);
  serve (200, "application/json", body);
}

static GSettings *
settings_new (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend ("io.github.memgauge.MemGauge", backend);
}

static void
set_sources (GSettings *settings,
             const char *text)
{
  g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE ("a(sssssu)"), text, NULL, NULL,
                                               NULL);

  g_assert_nonnull (value);
  g_assert_true (g_settings_set_value (settings, "remote-sources", value));
}

static char *
url (const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server.port, path);
}

static guint polled;

static void
on_polled (MgRemoteFleet   *fleet,
           MgRemoteMachine *machine,
           gpointer         user_data)
{
  polled++;
}

/* Runs the main loop until @n more machines were polled. */
static void
wait_polled (guint n)
{
  guint until = polled + n;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (polled < until)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static MgRemoteMachine *
machine_at (MgRemoteFleet *fleet,
            guint          position)
{
  GListModel *machines = mg_remote_fleet_get_machines (fleet);
  g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (machines, position);

  g_assert_nonnull (machine);
  return machine;   /* the fleet keeps it */
}

static const char *
reason_of (MgRemoteMachine *machine)
{
  return mg_monitor_get_reason (mg_remote_machine_get_monitor (machine));
}

static void
test_node_exporter (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *metrics = url ("/metrics");
  g_autofree char *text = g_strdup_printf ("[('box', 'build box', '%s', '', '', 15)]", metrics);
  g_autoptr(MgRemoteFleet) fleet = NULL;
  MgRemoteMachine *machine;
  MgMonitor *monitor;
  const MgSample *sample;

  serve_node_exporter ();
  set_sources (settings, text);
  fleet = mg_remote_fleet_new (settings);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);

  /* Listed at once, unknown until it answers. */
  g_assert_cmpuint (g_list_model_get_n_items (mg_remote_fleet_get_machines (fleet)), ==, 1);
  machine = machine_at (fleet, 0);
  monitor = mg_remote_machine_get_monitor (machine);
  g_assert_cmpstr (mg_remote_machine_get_name (machine), ==, "build box");
  g_assert_cmpstr (mg_remote_machine_get_id (machine), ==, "box");
  g_assert_cmpstr (mg_remote_machine_get_url (machine), ==, metrics);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_cmpint (mg_remote_machine_get_last_contact (machine), ==, 0);

  mg_remote_fleet_start (fleet);
  wait_polled (1);
  sample = mg_monitor_get_sample (monitor);
  g_assert_nonnull (sample);
  /* The capture: 25,276,502,016 bytes in all, 2,050,977,792 available (8.1 %): critical. */
  g_assert_cmpuint (mg_sample_total_kib (sample), ==, 25276502016 / 1024);
  g_assert_cmpuint (mg_sample_available_kib (sample), ==, 2050977792 / 1024);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_cmpint (mg_remote_machine_get_last_contact (machine), >, 0);
  g_assert_cmpint (mg_remote_machine_get_failing_since (machine), ==, 0);
  g_assert_true (mg_remote_fleet_get_worst (fleet) == machine);

  /* Unreachable: unknown, the reason in words, failing since the first failure. */
  serve (500, "text/plain", NULL);
  mg_remote_fleet_poll_now (fleet);
  wait_polled (1);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_nonnull (strstr (reason_of (machine), "HTTP 500"));
  g_assert_cmpint (mg_remote_machine_get_failing_since (machine), >, 0);
  g_assert_cmpint (mg_remote_machine_get_last_contact (machine), >, 0);
}

static void
test_prometheus (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *base = url ("");
  g_autofree char *text = g_strdup_printf ("[('prom', 'monitor', 'prometheus+%s', '', '', 15)]",
                                           base);
  g_autoptr(MgRemoteFleet) fleet = NULL;
  g_autoptr(GBytes) fifty = fixture ("prometheus-2.42-50-hosts.json");
  GListModel *machines;
  MgRemoteMachine *machine;

  serve (200, "application/json", fifty);
  set_sources (settings, text);
  fleet = mg_remote_fleet_new (settings);
  machines = mg_remote_fleet_get_machines (fleet);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);
  /* Its machines are known only from its answer. */
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 0);

  mg_remote_fleet_start (fleet);
  wait_polled (50);
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 50);
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 0)), ==, "host-01");
  g_assert_cmpstr (mg_remote_machine_get_id (machine_at (fleet, 49)), ==, "prom/host-50");
  g_assert_cmpstr (mg_remote_machine_get_source_id (machine_at (fleet, 7)), ==, "prom");

  /* Two machines left, and one new: the others leave the list. */
  serve_prometheus ((const char *[]) { "web", "host-02", "db", NULL });
  mg_remote_fleet_poll_now (fleet);
  wait_polled (3);
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 3);
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 0)), ==, "db");
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 1)), ==, "host-02");
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 2)), ==, "web");
  /* 600 MB of 8 GB available, 7.5 %: critical, as on this machine. */
  g_assert_cmpint (mg_monitor_get_level (mg_remote_machine_get_monitor (machine_at (fleet, 2))),
                   ==, MG_LEVEL_CRITICAL);

  /* A server with more machines than a tray app follows: the first 100 by name. */
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < 150; i++)
      g_ptr_array_add (many, g_strdup_printf ("node-%03u", 149 - i));
    g_ptr_array_add (many, NULL);
    serve_prometheus ((const char *const *) many->pdata);
    mg_remote_fleet_poll_now (fleet);
    wait_polled (100);
    g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 100);
    g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 99)), ==, "node-099");
  }
  serve_prometheus ((const char *[]) { "web", "host-02", "db", NULL });
  mg_remote_fleet_poll_now (fleet);
  wait_polled (3);

  /* The server down: each of its machines shows why. */
  serve (500, "text/plain", NULL);
  mg_remote_fleet_poll_now (fleet);
  wait_polled (3);
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 3);
  machine = machine_at (fleet, 1);
  g_assert_cmpint (mg_monitor_get_level (mg_remote_machine_get_monitor (machine)), ==,
                   MG_LEVEL_UNKNOWN);
  g_assert_nonnull (strstr (reason_of (machine), "HTTP 500"));
}

static void
test_settings_followed (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *metrics = url ("/metrics");
  g_autofree char *two = g_strdup_printf ("[('a', 'zeta', '%s', '', '', 15),"
                                          " ('b', 'alpha', '%s', '', '', 15),"
                                          " ('a', 'duplicate', '%s', '', '', 15)]",
                                          metrics, metrics, metrics);
  g_autofree char *renamed = g_strdup_printf ("[('a', 'aardvark', '%s', '', '', 60),"
                                              " ('b', 'alpha', '%s', '', '', 15)]",
                                              metrics, metrics);
  g_autoptr(MgRemoteFleet) fleet = NULL;
  g_autoptr(MgRemoteMachine) kept = NULL;
  GListModel *machines;

  serve_node_exporter ();
  set_sources (settings, two);
  fleet = mg_remote_fleet_new (settings);
  machines = mg_remote_fleet_get_machines (fleet);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);
  mg_remote_fleet_start (fleet);
  wait_polled (2);

  /* Sorted by name; the duplicate id counts once. */
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 2);
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 0)), ==, "alpha");
  kept = g_object_ref (machine_at (fleet, 1));
  g_assert_cmpstr (mg_remote_machine_get_name (kept), ==, "zeta");

  /* Renamed (and a new interval): the same machine, its history kept, sorted again. */
  set_sources (settings, renamed);
  g_assert_true (machine_at (fleet, 0) == kept);
  g_assert_cmpstr (mg_remote_machine_get_name (kept), ==, "aardvark");
  g_assert_cmpint (mg_monitor_get_level (mg_remote_machine_get_monitor (kept)), ==,
                   MG_LEVEL_CRITICAL);

  /* A URL that cannot be used: listed, unknown, with the reason. */
  set_sources (settings, "[('c', 'typo', 'ftp://box/metrics', '', '', 15)]");
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 1);
  g_assert_cmpstr (mg_remote_machine_get_name (machine_at (fleet, 0)), ==, "typo");
  g_assert_cmpint (mg_monitor_get_level (mg_remote_machine_get_monitor (machine_at (fleet, 0))),
                   ==, MG_LEVEL_UNKNOWN);
  g_assert_cmpstr (reason_of (machine_at (fleet, 0)), !=, "");

  /* Removed: nothing left, nothing polled. */
  set_sources (settings, "[]");
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, 0);
  g_assert_null (mg_remote_fleet_get_worst (fleet));
}

static char *needed_id;
static char *needed_kind;

static void
on_credentials_needed (MgRemoteFleet *fleet,
                       const char    *source_id,
                       const char    *kind,
                       gpointer       user_data)
{
  g_free (needed_id);
  g_free (needed_kind);
  needed_id = g_strdup (source_id);
  needed_kind = g_strdup (kind);
}

static void
test_credentials (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  g_autofree char *metrics = url ("/metrics");
  g_autofree char *text = g_strdup_printf ("[('s', 'secret box', '%s', 'bearer', '', 15)]",
                                           metrics);
  g_autoptr(MgRemoteFleet) fleet = mg_remote_fleet_new (settings);
  MgRemoteMachine *machine;
  guint requests;

  serve_node_exporter ();
  g_mutex_lock (&server.lock);
  server.authorization = g_strdup ("Bearer s3cret");
  requests = server.n_requests;
  g_mutex_unlock (&server.lock);

  g_signal_connect (fleet, "credentials-needed", G_CALLBACK (on_credentials_needed), NULL);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);
  mg_remote_fleet_start (fleet);
  set_sources (settings, text);
  g_assert_cmpstr (needed_id, ==, "s");
  g_assert_cmpstr (needed_kind, ==, "bearer");

  /* It waits for the keyring and asks nothing meanwhile. */
  machine = machine_at (fleet, 0);
  g_assert_true (g_str_has_suffix (reason_of (machine), "Waiting for the password from the keyring"));
  g_main_context_iteration (NULL, FALSE);
  g_mutex_lock (&server.lock);
  g_assert_cmpuint (server.n_requests, ==, requests);
  g_mutex_unlock (&server.lock);

  /* No credentials found: it asks without, and the server says what is missing. */
  mg_remote_fleet_set_authorization (fleet, "s", NULL);
  wait_polled (1);
  g_assert_nonnull (strstr (reason_of (machine), "HTTP 401"));
  g_assert_nonnull (strstr (reason_of (machine), "asks for"));

  /* The right token: the header goes to the server, the machine answers. */
  mg_remote_fleet_set_authorization (fleet, "s", "Bearer s3cret");
  mg_remote_fleet_poll_now (fleet);
  wait_polled (1);
  g_mutex_lock (&server.lock);
  g_assert_cmpstr (server.last_authorization, ==, "Bearer s3cret");
  g_clear_pointer (&server.authorization, g_free);
  g_mutex_unlock (&server.lock);
  g_assert_cmpint (mg_monitor_get_level (mg_remote_machine_get_monitor (machine)), ==,
                   MG_LEVEL_CRITICAL);

  /* A wrong one is refused in words. */
  g_mutex_lock (&server.lock);
  server.authorization = g_strdup ("Bearer other");
  g_mutex_unlock (&server.lock);
  mg_remote_fleet_poll_now (fleet);
  wait_polled (1);
  g_assert_nonnull (strstr (reason_of (machine), "refused"));
  g_mutex_lock (&server.lock);
  g_clear_pointer (&server.authorization, g_free);
  g_mutex_unlock (&server.lock);
}

static void
test_rank (void)
{
  g_assert_cmpuint (mg_remote_fleet_rank (MG_LEVEL_LOW), <, mg_remote_fleet_rank (MG_LEVEL_MEDIUM));
  g_assert_cmpuint (mg_remote_fleet_rank (MG_LEVEL_MEDIUM), <,
                    mg_remote_fleet_rank (MG_LEVEL_UNKNOWN));
  g_assert_cmpuint (mg_remote_fleet_rank (MG_LEVEL_UNKNOWN), <, mg_remote_fleet_rank (MG_LEVEL_HIGH));
  g_assert_cmpuint (mg_remote_fleet_rank (MG_LEVEL_HIGH), <,
                    mg_remote_fleet_rank (MG_LEVEL_CRITICAL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_unsetenv ("http_proxy");
  g_unsetenv ("no_proxy");
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_mutex_init (&server.lock);
  server.service = g_threaded_socket_service_new (4);
  server.port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server.service), NULL,
                                                     &error);
  g_assert_no_error (error);
  g_signal_connect (server.service, "run", G_CALLBACK (on_run), NULL);
  g_socket_service_start (server.service);

  g_test_add_func ("/remote-fleet/node-exporter", test_node_exporter);
  g_test_add_func ("/remote-fleet/prometheus", test_prometheus);
  g_test_add_func ("/remote-fleet/settings-followed", test_settings_followed);
  g_test_add_func ("/remote-fleet/credentials", test_credentials);
  g_test_add_func ("/remote-fleet/rank", test_rank);
  status = g_test_run ();

  g_socket_service_stop (server.service);
  g_socket_listener_close (G_SOCKET_LISTENER (server.service));
  g_clear_object (&server.service);
  mg_remote_io_shutdown ();
  g_clear_pointer (&server.body, g_bytes_unref);
  g_free (server.content_type);
  g_free (server.last_authorization);
  g_free (needed_id);
  g_free (needed_kind);
  return status;
}
