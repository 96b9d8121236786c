/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgRemoteMachine: one remote machine of MgRemoteFleet, its monitor and its last contact. */

#include "config.h"

#include <string.h>

#include "mg-remote-machine-private.h"
#include "mg-source-relay.h"

struct _MgRemoteMachine {
  GObject        parent_instance;

  char          *id;
  char          *name;
  char          *sort_key;    /* g_utf8_collate_key() of the name */
  char          *source_id;
  char          *url;
  MgSourceRelay *relay;
  MgMonitor     *monitor;
  gint64         last_contact;
  gint64         failing_since;
};

G_DEFINE_FINAL_TYPE (MgRemoteMachine, mg_remote_machine, G_TYPE_OBJECT)

static void
mg_remote_machine_finalize (GObject *object)
{
  MgRemoteMachine *self = MG_REMOTE_MACHINE (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->relay);
  g_free (self->id);
  g_free (self->name);
  g_free (self->sort_key);
  g_free (self->source_id);
  g_free (self->url);

  G_OBJECT_CLASS (mg_remote_machine_parent_class)->finalize (object);
}

static void
mg_remote_machine_class_init (MgRemoteMachineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_remote_machine_finalize;
}

static void
mg_remote_machine_init (MgRemoteMachine *self)
{
}

MgRemoteMachine *
mg_remote_machine_new (const char *id,
                       const char *name,
                       const char *source_id,
                       const char *url,
                       guint       history_capacity)
{
  MgRemoteMachine *self = g_object_new (MG_TYPE_REMOTE_MACHINE, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->sort_key = g_utf8_collate_key (name, -1);
  self->source_id = g_strdup (source_id);
  self->url = g_strdup (url);
  self->relay = MG_SOURCE_RELAY (mg_source_relay_new ());
  self->monitor = mg_monitor_new_with_history (MG_SOURCE (self->relay), history_capacity);
  return self;
}

void
mg_remote_machine_set_name (MgRemoteMachine *self,
                            const char      *name)
{
  g_return_if_fail (MG_IS_REMOTE_MACHINE (self));

  g_free (self->name);
  self->name = g_strdup (name);
  g_free (self->sort_key);
  self->sort_key = g_utf8_collate_key (name, -1);
}

int
mg_remote_machine_compare (MgRemoteMachine *a,
                           MgRemoteMachine *b)
{
  int order = strcmp (a->sort_key, b->sort_key);

  return order != 0 ? order : strcmp (a->id, b->id);
}

void
mg_remote_machine_take (MgRemoteMachine *self,
                        const MgSample  *sample,
                        const GError    *error)
{
  g_return_if_fail (MG_IS_REMOTE_MACHINE (self));

  if (sample != NULL)
    {
      self->last_contact = g_get_real_time ();
      self->failing_since = 0;
    }
  else if (self->failing_since == 0)
    self->failing_since = g_get_monotonic_time ();
  mg_source_relay_set (self->relay, sample, error);
  mg_monitor_sample_now (self->monitor);
}

const char *
mg_remote_machine_get_id (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), NULL);
  return self->id;
}

const char *
mg_remote_machine_get_name (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), NULL);
  return self->name;
}

const char *
mg_remote_machine_get_source_id (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), NULL);
  return self->source_id;
}

const char *
mg_remote_machine_get_url (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), NULL);
  return self->url;
}

MgMonitor *
mg_remote_machine_get_monitor (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), NULL);
  return self->monitor;
}

gint64
mg_remote_machine_get_last_contact (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), 0);
  return self->last_contact;
}

gint64
mg_remote_machine_get_failing_since (MgRemoteMachine *self)
{
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (self), 0);
  return self->failing_since;
}
