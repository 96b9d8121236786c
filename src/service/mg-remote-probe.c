/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-probe: "Test Connection" in the machine dialog: one read of the source a person
 * is entering, with the credentials and certificate entered, answered in words. */

#define G_LOG_DOMAIN "memgauge-probe"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-format.h"
#include "mg-remote-probe.h"
#include "mg-remote-url.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

typedef struct {
  GObject *source;
  char    *peer_fingerprint;
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->source);
  g_free (probe->peer_fingerprint);
  g_free (probe);
}

/* The figures as the gauge shows them: used is 100 minus the rounded available. */
static char *
describe_sample (const char     *name,
                 const MgSample *sample)
{
  guint64 total = mg_sample_total_kib (sample);
  guint64 available = mg_sample_available_kib (sample);
  double available_percent = total > 0 ? 100.0 * (double) available / (double) total : 0.0;
  guint used = 100 - mg_format_available_percent (available_percent, MG_LEVEL_UNKNOWN, NULL);
  g_autofree char *size = mg_format_size_kib (total);

  /* Translators: the answer of Test Connection: the machine's name, the percentage of its
   * memory in use and its size, as in “Connected: build-box, 42 % used of 15.6 GiB”. */
  return g_strdup_printf (_("Connected: %s, %u %% used of %s"), name, used, size);
}

static void
on_node_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  MgSourceNodeExporter *source = MG_SOURCE_NODE_EXPORTER (object);
  g_autoptr(GError) error = NULL;
  MgSample sample = { 0, };

  if (!mg_source_read_finish (MG_SOURCE (object), result, &sample, &error))
    {
      probe->peer_fingerprint = g_strdup (mg_source_node_exporter_get_peer_fingerprint (source));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, describe_sample (mg_source_node_exporter_get_name (source),
                                                &sample), g_free);
}

static void
on_prometheus_read (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  MgSourcePrometheus *source = MG_SOURCE_PROMETHEUS (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_source_prometheus_query_finish (source, result, &error);

  if (hosts == NULL)
    {
      probe->peer_fingerprint = g_strdup (mg_source_prometheus_get_peer_fingerprint (source));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (hosts->len == 0)
    {
      g_task_return_pointer (task,
                             g_strdup (_("Connected to Prometheus, but it has no machine with "
                                         "node_exporter's memory metrics")), g_free);
      return;
    }
  /* Translators: the answer of Test Connection for a Prometheus server. */
  g_task_return_pointer (task,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Connected to Prometheus: %u machine",
                                                       "Connected to Prometheus: %u machines",
                                                       hosts->len), hosts->len), g_free);
}

void
mg_remote_probe_async (const char          *url,
                       const char          *authorization,
                       const char          *fingerprint,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Probe *probe = g_new0 (Probe, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  MgRemoteKind kind;

  g_task_set_source_tag (task, mg_remote_probe_async);
  g_task_set_task_data (task, probe, (GDestroyNotify) probe_free);
  if (fingerprint != NULL && *fingerprint == '\0')
    fingerprint = NULL;

  if (!mg_remote_url_parse (url, &kind, &uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (kind == MG_REMOTE_KIND_NODE_EXPORTER)
    {
      probe->source = G_OBJECT (mg_source_node_exporter_new (uri, fingerprint));
      mg_source_node_exporter_set_authorization (MG_SOURCE_NODE_EXPORTER (probe->source),
                                                 authorization);
      mg_source_read_async (MG_SOURCE (probe->source), cancellable, on_node_read, task);
    }
  else
    {
      probe->source = G_OBJECT (mg_source_prometheus_new (uri, fingerprint));
      mg_source_prometheus_set_authorization (MG_SOURCE_PROMETHEUS (probe->source),
                                              authorization);
      mg_source_prometheus_query_async (MG_SOURCE_PROMETHEUS (probe->source), cancellable,
                                        on_prometheus_read, task);
    }
}

char *
mg_remote_probe_finish (GAsyncResult  *result,
                        char         **peer_fingerprint,
                        GError       **error)
{
  Probe *probe = g_task_get_task_data (G_TASK (result));

  if (peer_fingerprint != NULL)
    *peer_fingerprint = g_strdup (probe->peer_fingerprint);
  return g_task_propagate_pointer (G_TASK (result), error);
}
