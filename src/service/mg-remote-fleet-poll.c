/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgRemoteFleet's polling: each source's timer and read, and each answer handed to the
 * machines it is about (created, kept or removed as a Prometheus server reports them). */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mg-remote-fleet-private.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

/* The keys every machine's level follows, as this machine's does. */
static const char *const level_keys[] = {
  "low-threshold", "medium-threshold", "high-threshold", "hysteresis-margin",
  "psi-raises-level",
};

/* The machines of one Prometheus server MemGauge follows, the first by name: a tray app
 * watches a home lab or a small cluster, and each machine costs a monitor and a row. */
#define MAX_MACHINES_PER_SERVER 100u

/* The history of a machine: an hour at its source's interval when it first appears (240
 * entries, 3.8 KiB, at 15 s; a fleet of 50 would hold 2.8 MiB at the local monitor's
 * 3,600). A later interval keeps the ring: shorter, it holds less than an hour. */
#define REMOTE_HISTORY_SECONDS 3600

/* Machines */

int
mg_remote_fleet_compare_machines (gconstpointer a,
                                  gconstpointer b,
                                  gpointer      user_data)
{
  return mg_remote_machine_compare ((MgRemoteMachine *) a, (MgRemoteMachine *) b);
}

MgRemoteMachine *
mg_remote_fleet_find_machine (MgRemoteFleet *self,
              const char    *id,
              guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->machines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (G_LIST_MODEL (self->machines), i);

      if (strcmp (mg_remote_machine_get_id (machine), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return machine;   /* the store keeps it */
        }
    }
  return NULL;
}

MgRemoteMachine *
mg_remote_source_add_machine (Source     *source,
             const char *id,
             const char *name)
{
  MgRemoteFleet *self = source->fleet;
  g_autofree char *url = source->uri != NULL
    ? g_uri_to_string_partial (source->uri, G_URI_HIDE_PASSWORD) : NULL;
  g_autoptr(MgRemoteMachine) machine = NULL;
  MgMonitor *monitor;

  machine = mg_remote_machine_new (id, name, source->id,
                                   source->uri != NULL ? url : source->url,
                                   REMOTE_HISTORY_SECONDS / source->interval_s);
  monitor = mg_remote_machine_get_monitor (machine);
  /* The history graph tells a gap from a few intervals without a sample. */
  mg_monitor_set_interval (monitor, source->interval_s);
  for (guint i = 0; i < G_N_ELEMENTS (level_keys); i++)
    g_settings_bind (self->settings, level_keys[i], monitor, level_keys[i], G_SETTINGS_BIND_GET);
  g_list_store_insert_sorted (self->machines, machine, mg_remote_fleet_compare_machines, NULL);
  return machine;
}

void
mg_remote_fleet_remove_machine_at (MgRemoteFleet *self,
                   guint          position)
{
  g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (G_LIST_MODEL (self->machines),
                                                              position);

  for (guint i = 0; i < G_N_ELEMENTS (level_keys); i++)
    g_settings_unbind (mg_remote_machine_get_monitor (machine), level_keys[i]);
  g_list_store_remove (self->machines, position);
}

/* Removes the machines of @source that @keep does not hold (all when it is %NULL). */
void
mg_remote_fleet_remove_machines_of (MgRemoteFleet *self,
                    const char    *source_id,
                    GHashTable    *keep)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->machines));

  for (guint i = n; i-- > 0;)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (G_LIST_MODEL (self->machines), i);

      if (strcmp (mg_remote_machine_get_source_id (machine), source_id) == 0 &&
          (keep == NULL || !g_hash_table_contains (keep, machine)))
        mg_remote_fleet_remove_machine_at (self, i);
    }
}

void
mg_remote_fleet_deliver (MgRemoteFleet   *self,
         MgRemoteMachine *machine,
         const MgSample  *sample,
         const GError    *error)
{
  mg_remote_machine_take (machine, sample, error);
  g_debug ("%s: %s", mg_remote_machine_get_name (machine),
           mg_monitor_get_reason (mg_remote_machine_get_monitor (machine)));
  mg_remote_fleet_emit_polled (self, machine);
}

/* The machine that stands for a source while it has no machine of its own to show. */
MgRemoteMachine *
mg_remote_source_machine (Source *source)
{
  MgRemoteMachine *machine = mg_remote_fleet_find_machine (source->fleet, source->id, NULL);

  return machine != NULL ? machine : mg_remote_source_add_machine (source, source->id, source->name);
}

/* Polling */

static void
poll_done (Source *source)
{
  source->busy = FALSE;
  g_clear_object (&source->cancellable);
}

static void
on_node_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Source *source = user_data;
  g_autoptr(GError) error = NULL;
  MgSample sample = { 0 };
  gboolean ok = mg_source_read_finish (MG_SOURCE (object), result, &sample, &error);

  /* A source removed or changed meanwhile cancelled its read: @source is gone. */
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  poll_done (source);
  mg_remote_fleet_deliver (source->fleet, mg_remote_source_machine (source), ok ? &sample : NULL, error);
}

static void
on_prometheus_read (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Source *source = user_data;
  MgRemoteFleet *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_source_prometheus_query_finish (MG_SOURCE_PROMETHEUS (object),
                                                                   result, &error);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) polled = NULL;

  if (hosts == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  poll_done (source);
  self = source->fleet;

  if (hosts != NULL && hosts->len == 0)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("Prometheus has no machine with node_exporter's memory metrics"));
  if (hosts == NULL || error != NULL)
    {
      /* The server did not answer: each machine it had shows why, or the source does. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->machines));
      gboolean any = FALSE;

      polled = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          MgRemoteMachine *machine = g_list_model_get_item (G_LIST_MODEL (self->machines), i);

          if (strcmp (mg_remote_machine_get_source_id (machine), source->id) == 0)
            g_ptr_array_add (polled, machine);
          else
            g_object_unref (machine);
        }
      for (guint i = 0; i < polled->len; i++, any = TRUE)
        mg_remote_fleet_deliver (self, g_ptr_array_index (polled, i), NULL, error);
      if (!any)
        mg_remote_fleet_deliver (self, mg_remote_source_machine (source), NULL, error);
      return;
    }

  if (hosts->len > MAX_MACHINES_PER_SERVER)
    {
      if (!source->told_too_many)
        g_message ("%s reports %u machines; MemGauge follows the first %u by name",
                   source->url, hosts->len, MAX_MACHINES_PER_SERVER);
      source->told_too_many = TRUE;
      g_ptr_array_set_size (hosts, MAX_MACHINES_PER_SERVER);
    }
  seen = g_hash_table_new (NULL, NULL);
  polled = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hosts->len; i++)
    {
      MgRemoteHost *host = g_ptr_array_index (hosts, i);
      g_autofree char *id = g_strconcat (source->id, "/", host->name, NULL);
      MgRemoteMachine *machine = mg_remote_fleet_find_machine (self, id, NULL);

      if (machine == NULL)
        machine = mg_remote_source_add_machine (source, id, host->name);
      g_hash_table_add (seen, machine);
      g_ptr_array_add (polled, g_object_ref (machine));
    }
  /* Machines Prometheus no longer reports leave, and so does the stand-in. */
  mg_remote_fleet_remove_machines_of (self, source->id, seen);

  for (guint i = 0; i < hosts->len; i++)
    {
      MgRemoteHost *host = g_ptr_array_index (hosts, i);
      g_autoptr(GError) host_error = NULL;

      if (host->error != NULL)
        host_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, host->error);
      mg_remote_fleet_deliver (self, g_ptr_array_index (polled, i), host->error == NULL ? &host->sample : NULL,
               host_error);
    }
}

void
mg_remote_source_poll (Source *source)
{
  if (source->busy || source->reader == NULL || source->waiting_for_credentials)
    return;

  source->busy = TRUE;
  source->cancellable = g_cancellable_new ();
  if (source->kind == MG_REMOTE_KIND_NODE_EXPORTER)
    mg_source_read_async (MG_SOURCE (source->reader), source->cancellable, on_node_read, source);
  else
    mg_source_prometheus_query_async (MG_SOURCE_PROMETHEUS (source->reader), source->cancellable,
                                      on_prometheus_read, source);
}

static gboolean
on_timer (gpointer user_data)
{
  mg_remote_source_poll (user_data);
  return G_SOURCE_CONTINUE;
}

void
mg_remote_source_start_timer (Source *source)
{
  MgRemoteFleet *self = source->fleet;
  g_autofree char *name = NULL;

  g_clear_handle_id (&source->timer_id, g_source_remove);
  if (!self->running || source->reader == NULL)
    return;

  /* Whole seconds let GLib wake once for every source due in the same second. */
  if (self->test_interval_ms != 0)
    source->timer_id = g_timeout_add (self->test_interval_ms, on_timer, source);
  else
    source->timer_id = g_timeout_add_seconds (source->interval_s, on_timer, source);
  name = g_strdup_printf ("[memgauge] poll %s", source->id);
  g_source_set_name_by_id (source->timer_id, name);
}

