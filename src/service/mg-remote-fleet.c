/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgRemoteFleet: turns the `remote-sources` setting into polled sources and one monitor per
 * remote machine. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mg-remote-fleet-private.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

G_DEFINE_FINAL_TYPE (MgRemoteFleet, mg_remote_fleet, G_TYPE_OBJECT)

enum {
  SIGNAL_CREDENTIALS_NEEDED,
  SIGNAL_MACHINE_POLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
mg_remote_fleet_emit_polled (MgRemoteFleet   *self,
                             MgRemoteMachine *machine)
{
  g_signal_emit (self, signals[SIGNAL_MACHINE_POLLED], 0, machine);
}

/* Sources */

static void
source_free (Source *source)
{
  g_clear_handle_id (&source->timer_id, g_source_remove);
  if (source->cancellable != NULL)
    g_cancellable_cancel (source->cancellable);
  g_clear_object (&source->cancellable);
  g_clear_object (&source->reader);
  g_clear_pointer (&source->uri, g_uri_unref);
  g_clear_error (&source->url_error);
  g_free (source->id);
  g_free (source->name);
  g_free (source->url);
  g_free (source->auth);
  g_free (source->fingerprint);
  g_free (source);
}

static Source *
find_source (MgRemoteFleet *self,
             const char    *id)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);

      if (strcmp (source->id, id) == 0)
        return source;
    }
  return NULL;
}

static Source *
source_new (MgRemoteFleet *self,
            const char    *id,
            const char    *name,
            const char    *url,
            const char    *auth,
            const char    *fingerprint,
            guint          interval_s)
{
  Source *source = g_new0 (Source, 1);
  const char *pin = *fingerprint != '\0' ? fingerprint : NULL;

  source->fleet = self;
  source->id = g_strdup (id);
  source->url = g_strdup (url);
  source->auth = g_strdup (auth);
  source->fingerprint = g_strdup (fingerprint);
  source->interval_s = CLAMP (interval_s, MG_REMOTE_INTERVAL_MIN, MG_REMOTE_INTERVAL_MAX);

  if (mg_remote_url_parse (url, &source->kind, &source->uri, &source->url_error))
    {
      if (source->kind == MG_REMOTE_KIND_NODE_EXPORTER)
        source->reader = G_OBJECT (mg_source_node_exporter_new (source->uri, pin));
      else
        source->reader = G_OBJECT (mg_source_prometheus_new (source->uri, pin));
    }
  if (*name != '\0')
    source->name = g_strdup (name);
  else if (source->uri != NULL)
    source->name = mg_remote_url_name (source->uri);
  else
    source->name = g_strdup (url);
  source->waiting_for_credentials = source->reader != NULL && *auth != '\0';
  return source;
}

/* Shows what a source is doing before its first answer: a URL that cannot be used, or the
 * wait for its credentials. */
static void
show_initial_state (Source *source)
{
  g_autoptr(GError) waiting = NULL;

  if (source->url_error != NULL)
    mg_remote_fleet_deliver (source->fleet, mg_remote_source_machine (source), NULL, source->url_error);
  else if (source->waiting_for_credentials)
    {
      waiting = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PENDING,
                                     _("Waiting for the password from the keyring"));
      mg_remote_fleet_deliver (source->fleet, mg_remote_source_machine (source), NULL, waiting);
    }
  else if (source->kind == MG_REMOTE_KIND_NODE_EXPORTER)
    mg_remote_source_machine (source);   /* listed at once, unknown until it answers */
}

static void
rename_source (Source     *source,
               const char *name)
{
  MgRemoteFleet *self = source->fleet;
  guint position;
  MgRemoteMachine *machine;

  g_free (source->name);
  source->name = g_strdup (name);
  /* Machines of Prometheus keep their instance names; the one standing for it is renamed. */
  machine = mg_remote_fleet_find_machine (self, source->id, &position);
  if (machine == NULL)
    return;
  g_object_ref (machine);
  g_list_store_remove (self->machines, position);
  mg_remote_machine_set_name (machine, name);
  g_list_store_insert_sorted (self->machines, machine, mg_remote_fleet_compare_machines, NULL);
  g_object_unref (machine);
}

static void
set_machines_interval (Source *source)
{
  GListModel *machines = G_LIST_MODEL (source->fleet->machines);

  for (guint i = 0; i < g_list_model_get_n_items (machines); i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (machines, i);

      if (g_str_equal (mg_remote_machine_get_source_id (machine), source->id))
        mg_monitor_set_interval (mg_remote_machine_get_monitor (machine), source->interval_s);
    }
}

static void
load_sources (MgRemoteFleet *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "remote-sources");
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GVariantIter iter;
  const char *id, *name, *url, *auth, *fingerprint;
  guint32 interval;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&su)", &id, &name, &url, &auth, &fingerprint,
                              &interval))
    {
      Source *source = find_source (self, id);
      Source *fresh;

      if (*id == '\0' || g_ptr_array_find (kept, source, NULL))
        continue;   /* a duplicate id: the first one counts */
      fresh = source_new (self, id, name, url, auth, fingerprint, interval);
      if (source != NULL && strcmp (source->url, url) == 0 && strcmp (source->auth, auth) == 0 &&
          strcmp (source->fingerprint, fingerprint) == 0)
        {
          /* The same reader: only the name or the interval changed. */
          if (strcmp (source->name, fresh->name) != 0)
            rename_source (source, fresh->name);
          if (source->interval_s != fresh->interval_s)
            {
              source->interval_s = fresh->interval_s;
              mg_remote_source_start_timer (source);
              set_machines_interval (source);
            }
          source_free (fresh);
          g_ptr_array_add (kept, source);
          continue;
        }

      if (source != NULL)
        {
          mg_remote_fleet_remove_machines_of (self, source->id, NULL);
          g_ptr_array_remove (self->sources, source);
        }
      g_ptr_array_add (self->sources, fresh);
      g_ptr_array_add (kept, fresh);
      show_initial_state (fresh);
      if (fresh->waiting_for_credentials)
        g_signal_emit (self, signals[SIGNAL_CREDENTIALS_NEEDED], 0, fresh->id, fresh->auth);
      mg_remote_source_start_timer (fresh);
      if (self->running)
        mg_remote_source_poll (fresh);
    }

  for (guint i = self->sources->len; i-- > 0;)
    {
      Source *source = g_ptr_array_index (self->sources, i);

      if (!g_ptr_array_find (kept, source, NULL))
        {
          mg_remote_fleet_remove_machines_of (self, source->id, NULL);
          g_ptr_array_remove_index (self->sources, i);
        }
    }
}

static void
on_sources_changed (GSettings  *settings,
                    const char *key,
                    gpointer    user_data)
{
  load_sources (user_data);
}

/* The object */

static void
mg_remote_fleet_dispose (GObject *object)
{
  MgRemoteFleet *self = MG_REMOTE_FLEET (object);

  g_clear_signal_handler (&self->changed_handler, self->settings);
  g_clear_handle_id (&self->poll_now_id, g_source_remove);
  if (self->sources != NULL)
    g_ptr_array_set_size (self->sources, 0);
  if (self->machines != NULL)
    while (g_list_model_get_n_items (G_LIST_MODEL (self->machines)) > 0)
      mg_remote_fleet_remove_machine_at (self, 0);

  G_OBJECT_CLASS (mg_remote_fleet_parent_class)->dispose (object);
}

static void
mg_remote_fleet_finalize (GObject *object)
{
  MgRemoteFleet *self = MG_REMOTE_FLEET (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->machines);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_remote_fleet_parent_class)->finalize (object);
}

static void
mg_remote_fleet_class_init (MgRemoteFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_remote_fleet_dispose;
  object_class->finalize = mg_remote_fleet_finalize;

  signals[SIGNAL_CREDENTIALS_NEEDED] =
    g_signal_new ("credentials-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_MACHINE_POLLED] =
    g_signal_new ("machine-polled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_REMOTE_MACHINE);
}

static void
mg_remote_fleet_init (MgRemoteFleet *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->machines = g_list_store_new (MG_TYPE_REMOTE_MACHINE);
}

MgRemoteFleet *
mg_remote_fleet_new (GSettings *settings)
{
  MgRemoteFleet *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_REMOTE_FLEET, NULL);
  self->settings = g_object_ref (settings);
  self->changed_handler = g_signal_connect (settings, "changed::remote-sources",
                                            G_CALLBACK (on_sources_changed), self);
  load_sources (self);
  return self;
}

void
mg_remote_fleet_start (MgRemoteFleet *self)
{
  g_return_if_fail (MG_IS_REMOTE_FLEET (self));

  if (self->running)
    return;
  self->running = TRUE;
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);

      mg_remote_source_start_timer (source);
      mg_remote_source_poll (source);
    }
}

void
mg_remote_fleet_stop (MgRemoteFleet *self)
{
  g_return_if_fail (MG_IS_REMOTE_FLEET (self));

  self->running = FALSE;
  for (guint i = 0; i < self->sources->len; i++)
    mg_remote_source_start_timer (g_ptr_array_index (self->sources, i));
}

GListModel *
mg_remote_fleet_get_machines (MgRemoteFleet *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_FLEET (self), NULL);

  return G_LIST_MODEL (self->machines);
}

guint
mg_remote_fleet_rank (MgLevel level)
{
  switch (level)
    {
    case MG_LEVEL_LOW:
      return 0;
    case MG_LEVEL_MEDIUM:
      return 1;
    case MG_LEVEL_UNKNOWN:
      return 2;
    case MG_LEVEL_HIGH:
      return 3;
    case MG_LEVEL_CRITICAL:
      return 4;
    default:
      return 2;
    }
}

MgRemoteMachine *
mg_remote_fleet_get_worst (MgRemoteFleet *self)
{
  guint n;
  MgRemoteMachine *worst = NULL;
  guint worst_rank = 0;

  g_return_val_if_fail (MG_IS_REMOTE_FLEET (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->machines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (G_LIST_MODEL (self->machines), i);
      guint rank = mg_remote_fleet_rank (mg_monitor_get_level (mg_remote_machine_get_monitor (machine)));

      if (worst == NULL || rank > worst_rank)
        {
          worst = machine;
          worst_rank = rank;
        }
    }
  return worst;   /* the store keeps it */
}

void
mg_remote_fleet_set_authorization (MgRemoteFleet *self,
                                   const char    *source_id,
                                   const char    *authorization)
{
  Source *source;

  g_return_if_fail (MG_IS_REMOTE_FLEET (self));
  g_return_if_fail (source_id != NULL);

  source = find_source (self, source_id);
  if (source == NULL || source->reader == NULL)
    return;
  if (source->kind == MG_REMOTE_KIND_NODE_EXPORTER)
    mg_source_node_exporter_set_authorization (MG_SOURCE_NODE_EXPORTER (source->reader),
                                               authorization);
  else
    mg_source_prometheus_set_authorization (MG_SOURCE_PROMETHEUS (source->reader), authorization);
  if (source->waiting_for_credentials)
    {
      source->waiting_for_credentials = FALSE;
      if (self->running)
        mg_remote_source_poll (source);
    }
}

static gboolean
on_poll_now (gpointer user_data)
{
  MgRemoteFleet *self = user_data;

  self->poll_now_id = 0;
  for (guint i = 0; i < self->sources->len; i++)
    mg_remote_source_poll (g_ptr_array_index (self->sources, i));
  return G_SOURCE_REMOVE;
}

void
mg_remote_fleet_poll_now (MgRemoteFleet *self)
{
  g_return_if_fail (MG_IS_REMOTE_FLEET (self));

  if (self->poll_now_id != 0 || !self->running)
    return;
  self->poll_now_id = g_idle_add (on_poll_now, self);
  g_source_set_name_by_id (self->poll_now_id, "[memgauge] poll remote machines now");
}

void
mg_remote_fleet_set_test_interval_ms (MgRemoteFleet *self,
                                      guint          milliseconds)
{
  g_return_if_fail (MG_IS_REMOTE_FLEET (self));

  self->test_interval_ms = milliseconds;
  for (guint i = 0; i < self->sources->len; i++)
    mg_remote_source_start_timer (g_ptr_array_index (self->sources, i));
}
