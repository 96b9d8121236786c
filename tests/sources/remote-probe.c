/* SPDX-License-Identifier: GPL-3.0-or-later */
/* remote-probe: reads remote sources as the app's main loop would, all at once, and reports
 * each one's error and the longest main-loop iteration (tests/integration/test-remote.py). */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mg-remote-fetch.h"
#include "mg-remote-url.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

/* An iteration is the work between two polls: measured from poll's return to the next call,
 * so that waiting for the network does not count but anything blocking in the loop does. */
static GPollFunc default_poll;
static gint64 poll_returned_us;
static gint64 longest_us;

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  if (poll_returned_us != 0)
    longest_us = MAX (longest_us, now - poll_returned_us);
  result = default_poll (fds, n_fds, timeout);
  poll_returned_us = g_get_monotonic_time ();
  return result;
}

typedef struct {
  const char *url;
  char       *error;
  guint      *pending;
  GMainLoop  *loop;
} Probe;

static void
finish (Probe  *probe,
        GError *error)
{
  probe->error = g_strdup (error != NULL ? error->message : "");
  if (--*probe->pending == 0)
    g_main_loop_quit (probe->loop);
}

static void
on_node (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MgSample sample;

  mg_source_read_finish (MG_SOURCE (object), result, &sample, &error);
  finish (user_data, error);
}

static void
on_prometheus (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_source_prometheus_query_finish (MG_SOURCE_PROMETHEUS (object),
                                                                   result, &error);

  finish (user_data, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Probe *probes = g_new0 (Probe, MAX (argc, 1));
  guint pending = 0;

  setlocale (LC_ALL, "");
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = NULL;
      MgRemoteKind kind;
      Probe *probe = &probes[i - 1];

      if (!mg_remote_url_parse (argv[i], &kind, &uri, &error))
        {
          g_printerr ("remote-probe: %s\n", error->message);
          return 2;
        }
      probe->url = argv[i];
      probe->pending = &pending;
      probe->loop = loop;
      pending++;
      if (kind == MG_REMOTE_KIND_NODE_EXPORTER)
        {
          MgSource *source = mg_source_node_exporter_new (uri, NULL);

          g_ptr_array_add (sources, source);
          mg_source_read_async (source, NULL, on_node, probe);
        }
      else
        {
          MgSourcePrometheus *source = mg_source_prometheus_new (uri, NULL);

          g_ptr_array_add (sources, source);
          mg_source_prometheus_query_async (source, NULL, on_prometheus, probe);
        }
    }

  if (pending > 0)
    g_main_loop_run (loop);

  for (int i = 1; i < argc; i++)
    {
      g_print ("%s\t%s\n", probes[i - 1].url, probes[i - 1].error);
      g_free (probes[i - 1].error);
    }
  g_print ("longest-iteration-ms\t%.1f\n", (double) longest_us / 1000.0);
  g_ptr_array_set_size (sources, 0);
  mg_remote_io_shutdown ();
  return 0;
}
