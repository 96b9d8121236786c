/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-url: the rule that tells a node_exporter URL from a Prometheus one. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mg-parse-remote.h"
#include "mg-remote-url.h"

/* node_exporter's port in Prometheus's list of default ports. */
#define NODE_EXPORTER_PORT 9100

gboolean
mg_remote_url_parse (const char    *text,
                     MgRemoteKind  *kind,
                     GUri         **uri,
                     GError       **error)
{
  g_autoptr(GUri) parsed = NULL;
  gboolean explicit_kind = TRUE;
  const char *scheme;
  const char *path;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_str_has_prefix (text, "node_exporter+"))
    {
      *kind = MG_REMOTE_KIND_NODE_EXPORTER;
      text += strlen ("node_exporter+");
    }
  else if (g_str_has_prefix (text, "prometheus+"))
    {
      *kind = MG_REMOTE_KIND_PROMETHEUS;
      text += strlen ("prometheus+");
    }
  else
    explicit_kind = FALSE;

  parsed = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (parsed == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_autofree char *valid = g_utf8_make_valid (text, (gssize) strnlen (text, 200));

      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_URL,
                   /* Translators: %s is what the user gave */
                   _("“%s” is not an http:// or https:// address"), valid);
      return FALSE;
    }

  path = g_uri_get_path (parsed);
  if (!explicit_kind)
    *kind = g_uri_get_port (parsed) == NODE_EXPORTER_PORT || g_str_has_suffix (path, "/metrics")
              ? MG_REMOTE_KIND_NODE_EXPORTER : MG_REMOTE_KIND_PROMETHEUS;

  *uri = g_steal_pointer (&parsed);
  return TRUE;
}

char *
mg_remote_url_name (GUri *uri)
{
  int port = g_uri_get_port (uri);

  g_return_val_if_fail (uri != NULL, NULL);

  if (port < 0 || port == NODE_EXPORTER_PORT)
    return g_strdup (g_uri_get_host (uri));
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}
