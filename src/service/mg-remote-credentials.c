/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-credentials: remote sources' secrets in the Secret Service, and the
 * `Authorization` header made of them. A basic source's secret is "user:password" in one
 * item (the user name is no attribute, so that nothing but "source-id" is searchable in
 * clear); a bearer source's secret is its token. */

#define G_LOG_DOMAIN "memgauge-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "mg-remote-credentials.h"

struct _MgRemoteCredentials {
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MgRemoteCredentials, mg_remote_credentials, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The default object first: its class, and so the signal, exist from then on. */
static void
emit_changed (const char *source_id)
{
  MgRemoteCredentials *credentials = mg_remote_credentials_get_default ();

  g_signal_emit (credentials, signals[SIGNAL_CHANGED], 0, source_id);
}

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    MG_REMOTE_CREDENTIALS_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { "source-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

MgRemoteAuth
mg_remote_auth_from_string (const char *text)
{
  if (g_strcmp0 (text, "basic") == 0)
    return MG_REMOTE_AUTH_BASIC;
  if (g_strcmp0 (text, "bearer") == 0)
    return MG_REMOTE_AUTH_BEARER;
  return MG_REMOTE_AUTH_NONE;
}

const char *
mg_remote_auth_to_string (MgRemoteAuth auth)
{
  switch (auth)
    {
    case MG_REMOTE_AUTH_BASIC:
      return "basic";
    case MG_REMOTE_AUTH_BEARER:
      return "bearer";
    case MG_REMOTE_AUTH_NONE:
    default:
      return "";
    }
}

void
mg_remote_credentials_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

char *
mg_remote_credentials_join (const char *user,
                            const char *password)
{
  return g_strconcat (user != NULL ? user : "", ":", password != NULL ? password : "", NULL);
}

void
mg_remote_credentials_split (const char  *secret,
                             char       **user,
                             char       **password)
{
  const char *colon = secret != NULL ? strchr (secret, ':') : NULL;

  if (colon == NULL)
    {
      *user = g_strdup (secret != NULL ? secret : "");
      *password = g_strdup ("");
      return;
    }
  *user = g_strndup (secret, colon - secret);
  *password = g_strdup (colon + 1);
}

char *
mg_remote_credentials_header (MgRemoteAuth  auth,
                              const char   *secret)
{
  g_autofree char *encoded = NULL;
  char *header;

  if (secret == NULL || *secret == '\0')
    return NULL;

  switch (auth)
    {
    case MG_REMOTE_AUTH_BASIC:
      encoded = g_base64_encode ((const guchar *) secret, strlen (secret));
      header = g_strconcat ("Basic ", encoded, NULL);
      explicit_bzero (encoded, strlen (encoded));
      return header;
    case MG_REMOTE_AUTH_BEARER:
      return g_strconcat ("Bearer ", secret, NULL);
    case MG_REMOTE_AUTH_NONE:
    default:
      return NULL;
    }
}

/* libsecret's messages name D-Bus: say first what it means for the person. */
static GError *
keyring_error (const GError *error,
               const char   *what)
{
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s (%s)", what, error->message);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, _("The keyring (Secret Service) could not save the credentials: "
                                                     "it is not running or it is locked")));
      return;
    }
  emit_changed (g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
mg_remote_credentials_store_async (const char          *source_id,
                                   const char          *name,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* Translators: the label of the keyring item; %s is the machine's name. */
  g_autofree char *label = g_strdup_printf (_("MemGauge: %s"), name);

  g_task_set_source_tag (task, mg_remote_credentials_store_async);
  g_task_set_task_data (task, g_strdup (source_id), g_free);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, on_stored, task,
                         "source-id", source_id,
                         NULL);
}

gboolean
mg_remote_credentials_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, _("The keyring (Secret Service) could not give the credentials: "
                                                     "it is not running or it is locked")));
      return;
    }
  /* A copy MemGauge wipes itself; libsecret's own is wiped by secret_password_free(). */
  g_task_return_pointer (task, g_strdup (secret), (GDestroyNotify) mg_remote_credentials_free);
  secret_password_free (secret);
}

void
mg_remote_credentials_lookup_async (const char          *source_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mg_remote_credentials_lookup_async);
  secret_password_lookup (get_schema (), cancellable, on_looked_up, task,
                          "source-id", source_id,
                          NULL);
}

char *
mg_remote_credentials_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to clear, which is what was wanted. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, keyring_error (error, _("The keyring (Secret Service) could not remove the credentials: "
                                                     "it is not running or it is locked")));
      return;
    }
  emit_changed (g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
mg_remote_credentials_clear_async (const char          *source_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, mg_remote_credentials_clear_async);
  g_task_set_task_data (task, g_strdup (source_id), g_free);
  secret_password_clear (get_schema (), cancellable, on_cleared, task,
                         "source-id", source_id,
                         NULL);
}

gboolean
mg_remote_credentials_clear_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mg_remote_credentials_class_init (MgRemoteCredentialsClass *klass)
{
  /**
   * MgRemoteCredentials::changed:
   * @credentials: the default object
   * @source_id: the source whose secret was stored or cleared
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mg_remote_credentials_init (MgRemoteCredentials *self)
{
}

MgRemoteCredentials *
mg_remote_credentials_get_default (void)
{
  /* Used from the main thread only, as every view and the fleet are. */
  static MgRemoteCredentials *instance;

  if (instance == NULL)
    instance = g_object_new (MG_TYPE_REMOTE_CREDENTIALS, NULL);
  return instance;
}
