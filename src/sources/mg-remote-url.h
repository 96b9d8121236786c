/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-url: which kind of remote source a URL names, and the name it shows. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MG_REMOTE_KIND_NODE_EXPORTER,
  MG_REMOTE_KIND_PROMETHEUS,
} MgRemoteKind;

/**
 * mg_remote_url_parse:
 * @text: what a person gave: an http(s) URL, optionally prefixed with `node_exporter+` or
 *   `prometheus+` to say its kind
 * @kind: (out): the kind: as the prefix says; otherwise node_exporter when the port is
 *   9100 (node_exporter's registered port) or the path ends in `/metrics`, else Prometheus
 * @uri: (out) (transfer full): the URL without the prefix
 * @error: in %MG_REMOTE_ERROR_URL when @text is no http(s) URL with a host
 *
 * Returns: whether @text can be used
 */
gboolean mg_remote_url_parse (const char    *text,
                              MgRemoteKind  *kind,
                              GUri         **uri,
                              GError       **error);

/**
 * mg_remote_url_name:
 * @uri: a URL from mg_remote_url_parse()
 *
 * Returns: (transfer full): the machine's name for a node_exporter URL: its host, with
 *   the port unless it is 9100
 */
char    *mg_remote_url_name  (GUri          *uri);

G_END_DECLS
