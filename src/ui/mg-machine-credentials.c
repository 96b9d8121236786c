/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-machine-credentials: the fleet's sources with credentials get them from the Secret
 * Service, looked up without blocking; nothing of them is logged. */

#define G_LOG_DOMAIN "memgauge-credentials"

#include "config.h"

#include "mg-machine-credentials.h"
#include "mg-remote-credentials.h"

typedef struct {
  GWeakRef      fleet;
  GSettings    *settings;
  GCancellable *cancellable;
  gulong        changed_handler;
} Attachment;

typedef struct {
  Attachment   *attachment;
  char         *source_id;
  MgRemoteAuth  auth;
} Lookup;

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_cancellable_cancel (attachment->cancellable);
  g_clear_signal_handler (&attachment->changed_handler, mg_remote_credentials_get_default ());
  g_weak_ref_clear (&attachment->fleet);
  g_clear_object (&attachment->cancellable);
  g_clear_object (&attachment->settings);
  g_free (attachment);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = mg_remote_credentials_lookup_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(MgRemoteFleet) fleet = g_weak_ref_get (&lookup->attachment->fleet);
      char *header = mg_remote_credentials_header (lookup->auth, secret);

      if (error != NULL)
        g_message ("No credentials for remote source %s: %s", lookup->source_id, error->message);
      else if (secret == NULL)
        g_message ("No credentials for remote source %s in the keyring", lookup->source_id);
      if (fleet != NULL)
        mg_remote_fleet_set_authorization (fleet, lookup->source_id, header);
      mg_remote_credentials_free (header);
    }
  mg_remote_credentials_free (secret);
  g_free (lookup->source_id);
  g_free (lookup);
}

static void
look_up (Attachment   *attachment,
         const char   *source_id,
         MgRemoteAuth  auth)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->attachment = attachment;
  lookup->source_id = g_strdup (source_id);
  lookup->auth = auth;
  mg_remote_credentials_lookup_async (source_id, attachment->cancellable, on_looked_up, lookup);
}

static void
on_credentials_needed (MgRemoteFleet *fleet,
                       const char    *source_id,
                       const char    *kind,
                       Attachment    *attachment)
{
  look_up (attachment, source_id, mg_remote_auth_from_string (kind));
}

/* Looks up the secret of @source_id, or of every source when %NULL, that has credentials
 * in `remote-sources` (with none, the fleet sends nothing anyway). */
static void
look_up_sources (Attachment *attachment,
                 const char *source_id)
{
  g_autoptr(GVariant) sources = g_settings_get_value (attachment->settings, "remote-sources");
  const char *id, *name, *url, *auth, *fingerprint;
  guint32 interval;
  GVariantIter iter;

  g_variant_iter_init (&iter, sources);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&su)", &id, &name, &url, &auth, &fingerprint,
                              &interval))
    {
      if ((source_id == NULL || g_strcmp0 (id, source_id) == 0) &&
          mg_remote_auth_from_string (auth) != MG_REMOTE_AUTH_NONE)
        look_up (attachment, id, mg_remote_auth_from_string (auth));
    }
}

/* A secret was stored or cleared in the Machines page. */
static void
on_secret_changed (MgRemoteCredentials *credentials,
                   const char          *source_id,
                   Attachment          *attachment)
{
  look_up_sources (attachment, source_id);
}

void
mg_machine_credentials_attach (MgRemoteFleet *fleet,
                               GSettings     *settings)
{
  Attachment *attachment;

  g_return_if_fail (MG_IS_REMOTE_FLEET (fleet));
  g_return_if_fail (G_IS_SETTINGS (settings));

  attachment = g_new0 (Attachment, 1);
  g_weak_ref_init (&attachment->fleet, fleet);
  attachment->cancellable = g_cancellable_new ();
  attachment->settings = g_object_ref (settings);
  g_signal_connect (fleet, "credentials-needed", G_CALLBACK (on_credentials_needed), attachment);
  attachment->changed_handler = g_signal_connect (mg_remote_credentials_get_default (), "changed",
                                                  G_CALLBACK (on_secret_changed), attachment);
  g_object_set_data_full (G_OBJECT (fleet), "mg-machine-credentials", attachment,
                          attachment_free);
  /* The sources the fleet loaded when it was made asked before anyone could answer. */
  look_up_sources (attachment, NULL);
}
