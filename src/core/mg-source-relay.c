/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourceRelay: hands a monitor the sample another part read for it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-source-relay.h"

struct _MgSourceRelay {
  GObject   parent_instance;

  MgSample  sample;
  GError   *error;
};

static void mg_source_relay_iface_init (MgSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgSourceRelay, mg_source_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MG_TYPE_SOURCE, mg_source_relay_iface_init))

static gboolean
mg_source_relay_read_now (MgSource  *source,
                          MgSample  *sample,
                          GError   **error)
{
  MgSourceRelay *self = MG_SOURCE_RELAY (source);
  gint64 time_us = sample->time_us;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  /* The monitor times the sample; the rest is the relayed reading. */
  *sample = self->sample;
  sample->time_us = time_us;
  return TRUE;
}

static void
mg_source_relay_iface_init (MgSourceInterface *iface)
{
  iface->read_now = mg_source_relay_read_now;
}

static void
mg_source_relay_finalize (GObject *object)
{
  g_clear_error (&MG_SOURCE_RELAY (object)->error);

  G_OBJECT_CLASS (mg_source_relay_parent_class)->finalize (object);
}

static void
mg_source_relay_class_init (MgSourceRelayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mg_source_relay_finalize;
}

static void
mg_source_relay_init (MgSourceRelay *self)
{
  self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                     _("No answer yet"));
}

MgSource *
mg_source_relay_new (void)
{
  return g_object_new (MG_TYPE_SOURCE_RELAY, NULL);
}

void
mg_source_relay_set (MgSourceRelay  *self,
                     const MgSample *sample,
                     const GError   *error)
{
  g_return_if_fail (MG_IS_SOURCE_RELAY (self));
  g_return_if_fail ((sample == NULL) != (error == NULL));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  else
    self->sample = *sample;
}
