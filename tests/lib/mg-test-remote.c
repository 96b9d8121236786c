/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Remote machines for the C tests: real servers on loopback, started and waited for. */

#include "config.h"

#include <signal.h>

#include "mg-test-files.h"
#include "mg-test-remote.h"

#define NODE_EXPORTER "/usr/bin/prometheus-node-exporter"

guint
mg_test_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Polls until something accepts on @port: the server has bound it. */
static void
wait_for_port (guint port)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  /* Loopback needs no proxy, and GIO's resolver would read GNOME's proxy settings. */
  g_socket_client_set_enable_proxy (client, FALSE);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return;
      g_usleep (20 * 1000);
    }
  g_error ("nothing listens on port %u after 10 s", port);
}

GSubprocess *
mg_test_node_exporter_start (const char  *fixture,
                             const char  *tmp,
                             char       **url)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", fixture,
                                                   NULL);
  g_autofree char *root = g_build_filename (tmp, fixture, NULL);
  g_autofree char *sysfs = g_build_filename (tmp, "sys", NULL);
  g_autofree char *meminfo = NULL;
  g_autofree char *procfs_arg = NULL;
  g_autofree char *sysfs_arg = NULL;
  g_autofree char *listen_arg = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  guint port;

  if (!g_file_test (NODE_EXPORTER, G_FILE_TEST_IS_EXECUTABLE))
    {
      if (g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL)
        g_error (NODE_EXPORTER " is missing (build-aux/packages.sh installs it)");
      g_test_skip (NODE_EXPORTER " is missing");
      return NULL;
    }

  meminfo = mg_test_read_file (source, "meminfo");
  mg_test_write_file (root, "meminfo", meminfo);
  mg_test_write_file (sysfs, ".keep", "");
  port = mg_test_free_port ();
  procfs_arg = g_strdup_printf ("--path.procfs=%s", root);
  sysfs_arg = g_strdup_printf ("--path.sysfs=%s", sysfs);
  listen_arg = g_strdup_printf ("--web.listen-address=127.0.0.1:%u", port);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, NODE_EXPORTER, listen_arg, "--collector.disable-defaults",
                              "--collector.meminfo", procfs_arg, sysfs_arg, NULL);
  g_assert_no_error (error);
  wait_for_port (port);
  *url = g_strdup_printf ("http://127.0.0.1:%u/metrics", port);
  return process;
}

GSubprocess *
mg_test_auth_server_start (const char  *credentials,
                           const char  *cert,
                           const char  *key,
                           char       **url)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "lib", "basic_auth_server.py",
                                                   NULL);
  g_autofree char *metrics = g_test_build_filename (G_TEST_DIST, "fixtures", "remote",
                                                    "node-exporter-1.5.txt", NULL);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "python3", script,
                              credentials, metrics, cert, key, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* The port, printed once it is bound: nothing to wait for afterwards. */
  line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  *url = g_strdup_printf ("%s://127.0.0.1:%s/metrics", cert != NULL ? "https" : "http",
                          g_strstrip (line));
  return process;
}

void
mg_test_server_stop (GSubprocess *server)
{
  if (server == NULL)
    return;
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_object_unref (server);
}
