/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-module: the memgauge-remote module's one export, the table of its remote
 * functions (libsoup 3 and json-glib live in this module only; see mg-remote-loader.c). */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <gmodule.h>

#include "mg-remote-module.h"

static const MgRemoteModule module = {
  .version = MG_REMOTE_MODULE_VERSION,
  .size = sizeof (MgRemoteModule),
  .package_version = PACKAGE_VERSION,

  .fetch_async = mg_remote_fetch_async,
  .fetch_finish = mg_remote_fetch_finish,
  .io_shutdown = mg_remote_io_shutdown,
  .certificate_fingerprint = mg_remote_certificate_fingerprint,
  .session_new = mg_remote_session_new,

  .node_exporter_get_type = mg_source_node_exporter_get_type,
  .node_exporter_new = mg_source_node_exporter_new,
  .node_exporter_get_name = mg_source_node_exporter_get_name,
  .node_exporter_get_uri = mg_source_node_exporter_get_uri,
  .node_exporter_get_peer_fingerprint = mg_source_node_exporter_get_peer_fingerprint,
  .node_exporter_set_authorization = mg_source_node_exporter_set_authorization,

  .prometheus_get_type = mg_source_prometheus_get_type,
  .prometheus_new = mg_source_prometheus_new,
  .prometheus_query_async = mg_source_prometheus_query_async,
  .prometheus_query_finish = mg_source_prometheus_query_finish,
  .prometheus_get_uri = mg_source_prometheus_get_uri,
  .prometheus_get_peer_fingerprint = mg_source_prometheus_get_peer_fingerprint,
  .prometheus_set_authorization = mg_source_prometheus_set_authorization,
};

G_MODULE_EXPORT const MgRemoteModule *
mg_remote_module_get (void)
{
  return &module;
}
