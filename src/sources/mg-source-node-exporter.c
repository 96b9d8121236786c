/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourceNodeExporter: samples a remote machine from its node_exporter's /metrics. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-exposition.h"
#include "mg-remote-fetch.h"
#include "mg-remote-url.h"
#include "mg-source-node-exporter.h"

struct _MgSourceNodeExporter {
  GObject       parent_instance;

  GUri         *uri;
  GUri         *scrape_uri;  /* @uri naming the collectors, or @uri */
  char         *name;
  char         *fingerprint;
  char         *peer_fingerprint;
  char         *authorization;
  gboolean      busy;
  /* The stall counters of the previous good scrape, for their rate. */
  gboolean      has_previous;
  double        previous_some_s;
  double        previous_full_s;
  gboolean      previous_has_full;
  gint64        previous_us;
};

static void mg_source_node_exporter_source_init (MgSourceInterface *iface);

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (MgSourceNodeExporter, mg_source_node_exporter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MG_TYPE_SOURCE,
                                                      mg_source_node_exporter_source_init))

/* Rates of the counters since the last good scrape; a counter that went back (the exporter's
 * machine rebooted) gives none this time. */
static void
to_sample (MgSourceNodeExporter *self,
           const MgRemoteMemory *memory,
           gint64                now_us,
           MgSample             *sample)
{
  gboolean has_some = mg_remote_memory_has (memory, MG_REMOTE_PSI_SOME);
  gboolean has_full = mg_remote_memory_has (memory, MG_REMOTE_PSI_FULL);
  double some_s = memory->value[MG_REMOTE_PSI_SOME];
  double full_s = memory->value[MG_REMOTE_PSI_FULL];
  double some = 0.0;
  double full = 0.0;
  gboolean rate_some = FALSE;
  gboolean rate_full = FALSE;

  if (self->has_previous && has_some && now_us > self->previous_us &&
      some_s >= self->previous_some_s)
    {
      double seconds = (double) (now_us - self->previous_us) / G_USEC_PER_SEC;

      some = (some_s - self->previous_some_s) / seconds;
      rate_some = TRUE;
      if (has_full && self->previous_has_full && full_s >= self->previous_full_s)
        {
          full = (full_s - self->previous_full_s) / seconds;
          rate_full = TRUE;
        }
    }

  mg_remote_memory_to_sample (memory, rate_some ? &some : NULL, rate_full ? &full : NULL, sample);
  self->has_previous = has_some;
  self->previous_some_s = some_s;
  self->previous_full_s = full_s;
  self->previous_has_full = has_full;
  self->previous_us = now_us;
}

static void on_fetched (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
fetch (MgSourceNodeExporter *self,
       GTask                *task)
{
  /* The text format 0.0.4: node_exporter would otherwise choose OpenMetrics or protobuf
   * from what the client accepts. */
  mg_remote_fetch_async (self->scrape_uri, "text/plain", "; version=0.0.4",
                         self->fingerprint, self->authorization,
                         g_task_get_cancellable (task), on_fetched, task);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MgSourceNodeExporter *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *peer_fingerprint = NULL;
  g_autoptr(GBytes) body = mg_remote_fetch_finish (result, &peer_fingerprint, &error);
  g_autofree MgSample *sample = NULL;
  MgRemoteMemory memory;
  gsize len = 0;
  const char *text;

  /* An exporter without the pressure collector refuses a scrape naming it: from then on
   * this source scrapes everything it runs. */
  if (g_error_matches (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_BAD_REQUEST) &&
      self->scrape_uri != self->uri)
    {
      g_uri_unref (self->scrape_uri);
      self->scrape_uri = g_uri_ref (self->uri);
      fetch (self, g_steal_pointer (&task));
      return;
    }

  self->busy = FALSE;
  g_free (self->peer_fingerprint);
  self->peer_fingerprint = g_steal_pointer (&peer_fingerprint);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  text = g_bytes_get_data (body, &len);
  if (!mg_parse_exposition (text, len, &memory, &error) ||
      !mg_remote_memory_check (&memory, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sample = g_new0 (MgSample, 1);
  to_sample (self, &memory, g_get_monotonic_time (), sample);
  g_task_return_pointer (task, g_steal_pointer (&sample), g_free);
}

static void
mg_source_node_exporter_read_async (MgSource            *source,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MgSourceNodeExporter *self = MG_SOURCE_NODE_EXPORTER (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mg_source_node_exporter_read_async);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A read of %s is already in flight", self->name);
      return;
    }

  self->busy = TRUE;
  fetch (self, g_steal_pointer (&task));
}

static gboolean
mg_source_node_exporter_read_finish (MgSource      *source,
                                     GAsyncResult  *result,
                                     MgSample      *sample,
                                     GError       **error)
{
  g_autofree MgSample *read = g_task_propagate_pointer (G_TASK (result), error);

  if (read == NULL)
    return FALSE;
  *sample = *read;
  return TRUE;
}

static void
mg_source_node_exporter_source_init (MgSourceInterface *iface)
{
  iface->read_async = mg_source_node_exporter_read_async;
  iface->read_finish = mg_source_node_exporter_read_finish;
}

static void
mg_source_node_exporter_finalize (GObject *object)
{
  MgSourceNodeExporter *self = MG_SOURCE_NODE_EXPORTER (object);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->scrape_uri, g_uri_unref);
  g_free (self->name);
  g_free (self->fingerprint);
  clear_secret (&self->authorization);
  g_free (self->peer_fingerprint);

  G_OBJECT_CLASS (mg_source_node_exporter_parent_class)->finalize (object);
}

static void
mg_source_node_exporter_class_init (MgSourceNodeExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_source_node_exporter_finalize;
}

static void
mg_source_node_exporter_init (MgSourceNodeExporter *self)
{
}

MgSource *
mg_source_node_exporter_new (GUri       *uri,
                             const char *fingerprint)
{
  MgSourceNodeExporter *self;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (MG_TYPE_SOURCE_NODE_EXPORTER, NULL);
  /* node_exporter runs only the collectors a scrape names (collect[], since 0.16): the
   * memory figures and the stalls, a sixth of a default scrape of a server. A URL that
   * has a query of its own is left as it is. */
  self->uri = g_uri_ref (uri);
  if (g_uri_get_query (uri) == NULL)
    self->scrape_uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (uri),
                                    g_uri_get_userinfo (uri), g_uri_get_host (uri),
                                    g_uri_get_port (uri), g_uri_get_path (uri),
                                    "collect%5B%5D=meminfo&collect%5B%5D=pressure", NULL);
  else
    self->scrape_uri = g_uri_ref (uri);
  self->name = mg_remote_url_name (uri);
  self->fingerprint = g_strdup (fingerprint);
  return MG_SOURCE (self);
}

const char *
mg_source_node_exporter_get_name (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return self->name;
}

GUri *
mg_source_node_exporter_get_uri (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return self->uri;
}

const char *
mg_source_node_exporter_get_peer_fingerprint (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return self->peer_fingerprint;
}

void
mg_source_node_exporter_set_authorization (MgSourceNodeExporter *self,
                                            const char           *authorization)
{
  g_return_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self));

  clear_secret (&self->authorization);
  self->authorization = g_strdup (authorization);
}
