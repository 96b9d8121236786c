/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourcePrometheus: every machine a Prometheus server scrapes, one query per poll. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <string.h>

#include "mg-parse-prom-query.h"
#include "mg-remote-fetch.h"
#include "mg-source-prometheus.h"

struct _MgSourcePrometheus {
  GObject      parent_instance;

  GUri        *uri;
  GUri        *query_uri;
  char        *fingerprint;
  char        *peer_fingerprint;
  char        *authorization;
  gboolean     busy;
};

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

G_DEFINE_FINAL_TYPE (MgSourcePrometheus, mg_source_prometheus, G_TYPE_OBJECT)

void
mg_remote_host_free (MgRemoteHost *host)
{
  if (host == NULL)
    return;
  g_free (host->name);
  g_free (host->error);
  g_free (host);
}

static GPtrArray *
to_hosts (GPtrArray *parsed)
{
  GPtrArray *hosts = g_ptr_array_new_full (parsed->len, (GDestroyNotify) mg_remote_host_free);

  for (guint i = 0; i < parsed->len; i++)
    {
      MgPromHost *from = g_ptr_array_index (parsed, i);
      MgRemoteHost *host = g_new0 (MgRemoteHost, 1);
      const double *v = from->memory.value;

      host->name = g_strdup (from->instance);
      host->error = g_strdup (from->error);
      if (host->error == NULL)
        mg_remote_memory_to_sample (&from->memory,
                                    mg_remote_memory_has (&from->memory, MG_REMOTE_PSI_SOME)
                                      ? &v[MG_REMOTE_PSI_SOME] : NULL,
                                    mg_remote_memory_has (&from->memory, MG_REMOTE_PSI_FULL)
                                      ? &v[MG_REMOTE_PSI_FULL] : NULL,
                                    &host->sample);
      g_ptr_array_add (hosts, host);
    }
  return hosts;
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MgSourcePrometheus *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *peer_fingerprint = NULL;
  g_autoptr(GBytes) body = mg_remote_fetch_finish (result, &peer_fingerprint, &error);
  g_autoptr(GPtrArray) parsed = NULL;
  gsize len = 0;
  const char *text;

  self->busy = FALSE;
  g_free (self->peer_fingerprint);
  self->peer_fingerprint = g_steal_pointer (&peer_fingerprint);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  text = g_bytes_get_data (body, &len);
  parsed = mg_parse_prom_query (text, len, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, to_hosts (parsed), (GDestroyNotify) g_ptr_array_unref);
}

void
mg_source_prometheus_query_async (MgSourcePrometheus  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MG_IS_SOURCE_PROMETHEUS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_source_prometheus_query_async);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A query of %s is already in flight", g_uri_get_host (self->uri));
      return;
    }

  self->busy = TRUE;
  mg_remote_fetch_async (self->query_uri, "application/json", NULL,
                         self->fingerprint, self->authorization, cancellable, on_fetched,
                         g_steal_pointer (&task));
}

GPtrArray *
mg_source_prometheus_query_finish (MgSourcePrometheus  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mg_source_prometheus_finalize (GObject *object)
{
  MgSourcePrometheus *self = MG_SOURCE_PROMETHEUS (object);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->query_uri, g_uri_unref);
  g_free (self->fingerprint);
  clear_secret (&self->authorization);
  g_free (self->peer_fingerprint);

  G_OBJECT_CLASS (mg_source_prometheus_parent_class)->finalize (object);
}

static void
mg_source_prometheus_class_init (MgSourcePrometheusClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_source_prometheus_finalize;
}

static void
mg_source_prometheus_init (MgSourcePrometheus *self)
{
}

MgSourcePrometheus *
mg_source_prometheus_new (GUri       *uri,
                          const char *fingerprint)
{
  MgSourcePrometheus *self;
  const char *path;
  g_autofree char *query_path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped = g_uri_escape_string (MG_PROM_QUERY, NULL, FALSE);

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (MG_TYPE_SOURCE_PROMETHEUS, NULL);
  self->uri = g_uri_ref (uri);
  self->fingerprint = g_strdup (fingerprint);

  /* A server behind a path prefix (--web.route-prefix) keeps it. */
  path = g_uri_get_path (uri);
  query_path = g_strconcat (path, g_str_has_suffix (path, "/") ? "" : "/", "api/v1/query", NULL);
  query = g_strconcat ("query=", escaped, NULL);
  self->query_uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (uri),
                                 g_uri_get_userinfo (uri), g_uri_get_host (uri),
                                 g_uri_get_port (uri), query_path, query, NULL);
  return self;
}

GUri *
mg_source_prometheus_get_uri (MgSourcePrometheus *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_PROMETHEUS (self), NULL);

  return self->uri;
}

const char *
mg_source_prometheus_get_peer_fingerprint (MgSourcePrometheus *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_PROMETHEUS (self), NULL);

  return self->peer_fingerprint;
}

void
mg_source_prometheus_set_authorization (MgSourcePrometheus *self,
                                         const char         *authorization)
{
  g_return_if_fail (MG_IS_SOURCE_PROMETHEUS (self));

  clear_secret (&self->authorization);
  self->authorization = g_strdup (authorization);
}
