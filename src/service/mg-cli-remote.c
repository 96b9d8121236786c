/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli-remote: `--json --source URL…` and `--print --source URL…`: every source read at
 * once, one line or object per machine. */

#define G_LOG_DOMAIN "memgauge-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-cli-remote.h"
#include "mg-format.h"
#include "mg-level-style.h"
#include "mg-level.h"
#include "mg-remote-fetch.h"
#include "mg-remote-url.h"
#include "mg-serializer.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

typedef struct {
  const char   *url;
  MgRemoteKind  kind;
  GUri         *uri;
  GObject      *source;
  GPtrArray    *hosts;   /* MgRemoteHost, filled when the read is done */
} Request;

typedef struct {
  Request   *requests;
  guint      n_requests;
  guint      n_pending;
  GMainLoop *loop;
} Run;

static void
request_done (Run *run)
{
  if (--run->n_pending == 0)
    g_main_loop_quit (run->loop);
}

static MgRemoteHost *
failed_host (const char *name,
             const char *message)
{
  MgRemoteHost *host = g_new0 (MgRemoteHost, 1);

  host->name = g_strdup (name);
  host->error = g_strdup (message);
  return host;
}

static Request *
find_request (Run           *run,
              const GObject *source)
{
  for (guint i = 0; i < run->n_requests; i++)
    if (run->requests[i].source == source)
      return &run->requests[i];
  g_assert_not_reached ();
}

static void
on_node_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  Request *request = find_request (run, object);
  MgSource *source = MG_SOURCE (object);
  const char *name = mg_source_node_exporter_get_name (MG_SOURCE_NODE_EXPORTER (source));
  g_autoptr(GError) error = NULL;
  MgRemoteHost *host = failed_host (name, NULL);

  if (!mg_source_read_finish (source, result, &host->sample, &error))
    host->error = g_strdup (error->message);
  g_ptr_array_add (request->hosts, host);
  request_done (run);
}

static void
on_prometheus_read (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  Request *request = find_request (run, object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_source_prometheus_query_finish (MG_SOURCE_PROMETHEUS (object),
                                                                   result, &error);
  g_autofree char *server = g_uri_to_string_partial (request->uri, G_URI_HIDE_PASSWORD);

  if (hosts == NULL)
    g_ptr_array_add (request->hosts, failed_host (server, error->message));
  else if (hosts->len == 0)
    g_ptr_array_add (request->hosts,
                     failed_host (server,
                                  _("Prometheus has no machine with node_exporter's memory metrics")));
  else
    g_ptr_array_extend_and_steal (request->hosts, g_steal_pointer (&hosts));
  request_done (run);
}

static GVariant *
host_to_variant (const MgRemoteHost *host,
                 const char         *source,
                 MgLevel             level,
                 const char         *reason)
{
  GVariantBuilder builder;
  g_autofree char *name = g_utf8_make_valid (host->name, -1);
  g_autofree char *valid_source = g_utf8_make_valid (source, -1);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (host->error == NULL)
    {
      g_autoptr(GVariant) sample = mg_serializer_to_variant (&host->sample, level, reason);
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, sample);
      while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
        g_variant_builder_add (&builder, "{sv}", key, value);
    }
  else
    {
      const char *const absent[] = {
        "total_mb", "available_mb", "swap_total_mb", "swap_free_mb", "swappiness",
      };

      for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
        g_variant_builder_add (&builder, "{sv}", absent[i],
                               g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL));
      g_variant_builder_add (&builder, "{sv}", "pressure_level",
                             g_variant_new_string (mg_level_to_nick (MG_LEVEL_UNKNOWN)));
    }
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&builder, "{sv}", "source", g_variant_new_string (valid_source));
  if (host->error == NULL)
    g_variant_builder_add (&builder, "{sv}", "error",
                           g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL));
  else
    {
      g_autofree char *message = g_utf8_make_valid (host->error, -1);

      g_variant_builder_add (&builder, "{sv}", "error", g_variant_new_string (message));
    }
  return g_variant_builder_end (&builder);
}

static void
append_text (GString            *out,
             const MgRemoteHost *host,
             const char         *source,
             MgLevel             level,
             const char         *reason)
{
  const MgSample *sample = &host->sample;
  const guint64 *kib = sample->meminfo.kib;

  g_string_append_printf (out, "%s (%s): %s\n", host->name, source, mg_level_style_get_label (level));
  if (host->error != NULL)
    {
      g_string_append (out, "  ");
      /* Translators: %s says why a remote machine could not be read */
      g_string_append_printf (out, _("Error: %s\n"), host->error);
      return;
    }

  {
    g_autofree char *total = mg_format_size_kib (kib[MG_MEMINFO_MEM_TOTAL]);
    g_autofree char *available = mg_format_size_kib (mg_sample_available_kib (sample));
    g_autofree char *swap_used = mg_format_size_kib (mg_sample_swap_used_kib (sample));
    g_autofree char *swap_total = mg_format_size_kib (kib[MG_MEMINFO_SWAP_TOTAL]);

    g_string_append (out, "  ");
    g_string_append_printf (out, _("Available: %s of %s\n"), available, total);
    g_string_append (out, "  ");
    if (kib[MG_MEMINFO_SWAP_TOTAL] > 0)
      g_string_append_printf (out, _("Swap used: %s of %s\n"), swap_used, swap_total);
    else
      g_string_append_printf (out, "%s\n", _("Swap: none"));
    if (sample->has_psi)
      {
        g_string_append (out, "  ");
        g_string_append_printf (out, _("Stalled on memory: some %.1f %% (last 10 s)\n"),
                                sample->psi.some.avg10);
      }
    g_string_append (out, "  ");
    g_string_append_printf (out, _("Reason: %s\n"), reason);
  }
}

static gboolean
start_requests (Run                *run,
                const char *const  *urls)
{
  for (guint i = 0; i < run->n_requests; i++)
    {
      Request *request = &run->requests[i];
      g_autoptr(GError) error = NULL;

      request->url = urls[i];
      request->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_remote_host_free);
      if (!mg_remote_url_parse (urls[i], &request->kind, &request->uri, &error))
        {
          g_printerr ("memgauge: %s\n", error->message);
          return FALSE;
        }
    }

  for (guint i = 0; i < run->n_requests; i++)
    {
      Request *request = &run->requests[i];

      run->n_pending++;
      if (request->kind == MG_REMOTE_KIND_NODE_EXPORTER)
        {
          request->source = G_OBJECT (mg_source_node_exporter_new (request->uri, NULL));
          mg_source_read_async (MG_SOURCE (request->source), NULL, on_node_read, run);
        }
      else
        {
          request->source = G_OBJECT (mg_source_prometheus_new (request->uri, NULL));
          mg_source_prometheus_query_async (MG_SOURCE_PROMETHEUS (request->source), NULL,
                                            on_prometheus_read, run);
        }
    }
  return TRUE;
}

static int
print_hosts (Run         *run,
             MgCliFormat  format)
{
  GVariantBuilder hosts;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *json = NULL;
  MgLevelParams params;
  int status = 0;

  mg_level_params_init_default (&params);
  g_variant_builder_init (&hosts, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < run->n_requests; i++)
    for (guint j = 0; j < run->requests[i].hosts->len; j++)
      {
        MgRemoteHost *host = g_ptr_array_index (run->requests[i].hosts, j);
        char reason[MG_LEVEL_REASON_SIZE] = "";
        MgLevel level = MG_LEVEL_UNKNOWN;
        MgLevelState state;

        if (host->error == NULL)
          {
            mg_level_state_init (&state);
            host->sample.time_us = g_get_monotonic_time ();
            level = mg_level_state_update (&state, &host->sample, &params, reason, sizeof reason);
          }
        else
          status = 1;
        if (format == MG_CLI_FORMAT_JSON)
          g_variant_builder_add_value (&hosts, host_to_variant (host, run->requests[i].url,
                                                                level, reason));
        else
          append_text (text, host, run->requests[i].url, level, reason);
      }

  if (format == MG_CLI_FORMAT_JSON)
    {
      GVariantBuilder top;
      g_autoptr(GVariant) object = NULL;

      g_variant_builder_init (&top, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&top, "{sv}", "hosts", g_variant_builder_end (&hosts));
      object = g_variant_ref_sink (g_variant_builder_end (&top));
      json = mg_serializer_variant_to_json (object);
      g_string_append (text, json);
    }
  else
    g_variant_builder_clear (&hosts);

  fputs (text->str, stdout);
  if (fflush (stdout) != 0)
    {
      g_printerr ("memgauge: %s\n", g_strerror (errno));
      return 1;
    }
  return status;
}

int
mg_cli_print_remote (const char *const *urls,
                     MgCliFormat        format)
{
  Run run = { 0 };
  int status = 2;

  g_return_val_if_fail (urls != NULL && urls[0] != NULL, 2);

  run.n_requests = g_strv_length ((char **) urls);
  run.requests = g_new0 (Request, run.n_requests);
  run.loop = g_main_loop_new (NULL, FALSE);

  if (start_requests (&run, urls))
    {
      /* Every request ends by its own deadline (mg-remote-fetch.h): the loop cannot hang. */
      if (run.n_pending > 0)
        g_main_loop_run (run.loop);
      status = print_hosts (&run, format);
    }

  for (guint i = 0; i < run.n_requests; i++)
    {
      g_clear_object (&run.requests[i].source);
      g_clear_pointer (&run.requests[i].uri, g_uri_unref);
      g_clear_pointer (&run.requests[i].hosts, g_ptr_array_unref);
    }
  g_free (run.requests);
  g_main_loop_unref (run.loop);
  mg_remote_io_shutdown ();
  return status;
}
