/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-credentials: the remote sources' user names, passwords and tokens, kept in the
 * Secret Service (libsecret), never in GSettings; and the `Authorization` header made of them. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema's name; its one attribute is "source-id" (the id in `remote-sources`). */
#define MG_REMOTE_CREDENTIALS_SCHEMA "io.github.memgauge.MemGauge.Remote"

/* What `remote-sources` says about a source's credentials (its fourth field). */
typedef enum {
  MG_REMOTE_AUTH_NONE,
  MG_REMOTE_AUTH_BASIC,
  MG_REMOTE_AUTH_BEARER,
} MgRemoteAuth;

/* "" → none, "basic", "bearer"; anything else is none. */
MgRemoteAuth mg_remote_auth_from_string (const char   *text);
const char  *mg_remote_auth_to_string   (MgRemoteAuth  auth);

/**
 * mg_remote_credentials_header:
 * @auth: basic or bearer
 * @secret: for basic, "user:password" (RFC 7617: a user name has no colon); for bearer,
 *   the token
 *
 * Returns: (transfer full) (nullable): "Basic base64(user:password)" or "Bearer token";
 *   %NULL for none or an empty secret. Free it with mg_remote_credentials_free().
 */
char        *mg_remote_credentials_header (MgRemoteAuth  auth,
                                           const char   *secret);

/* Joins a user name and password as the secret of a basic source ("user:password"). */
char        *mg_remote_credentials_join   (const char   *user,
                                           const char   *password);
/* Splits it again; @password gets "" when there is no colon. */
void         mg_remote_credentials_split  (const char   *secret,
                                           char        **user,
                                           char        **password);
/* Wipes and frees a secret or header. */
void         mg_remote_credentials_free   (char         *secret);

/**
 * mg_remote_credentials_store_async:
 * @source_id: the source's id
 * @name: the source's name, for the item's label "MemGauge: <name>"
 * @secret: as for mg_remote_credentials_header()
 *
 * Stores the secret in the default collection, replacing the source's previous one. On
 * success #MgRemoteCredentials::changed is emitted on the default object.
 */
void         mg_remote_credentials_store_async  (const char          *source_id,
                                                 const char          *name,
                                                 const char          *secret,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* @error says in words that the keyring is absent or locked. */
gboolean     mg_remote_credentials_store_finish (GAsyncResult        *result,
                                                 GError             **error);

/**
 * mg_remote_credentials_lookup_async:
 * @source_id: the source's id
 *
 * Looks the source's secret up. A locked keyring shows its own unlock prompt (that is the
 * Secret Service's, outside MemGauge); if it stays locked, or there is no Secret Service, the
 * lookup fails with a message in words.
 */
void         mg_remote_credentials_lookup_async  (const char          *source_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Returns: (transfer full) (nullable): the secret (free with mg_remote_credentials_free()),
 *   %NULL with no error when there is none. */
char        *mg_remote_credentials_lookup_finish (GAsyncResult        *result,
                                                  GError             **error);

/* Removes the source's secret; emits #MgRemoteCredentials::changed on success. */
void         mg_remote_credentials_clear_async   (const char          *source_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean     mg_remote_credentials_clear_finish  (GAsyncResult        *result,
                                                  GError             **error);

#define MG_TYPE_REMOTE_CREDENTIALS (mg_remote_credentials_get_type ())
G_DECLARE_FINAL_TYPE (MgRemoteCredentials, mg_remote_credentials, MG, REMOTE_CREDENTIALS, GObject)

/**
 * mg_remote_credentials_get_default:
 *
 * The process's one object to follow: #MgRemoteCredentials::changed (source_id) after a
 * source's secret was stored or cleared here, so that the fleet looks it up again.
 *
 * Returns: (transfer none): the object
 */
MgRemoteCredentials *mg_remote_credentials_get_default (void);

G_END_DECLS
