/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-module: the table the memgauge-remote module hands to the program's loader,
 * the only symbol the module exports (private to src/sources). */
#pragma once

#include "mg-remote-fetch.h"
#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

G_BEGIN_DECLS

/* Raised when a member changes or moves; the loader refuses a module of another version. */
#define MG_REMOTE_MODULE_VERSION 1
/* The module's file, in MG_REMOTE_MODULE_DIR once installed. */
#define MG_REMOTE_MODULE_FILE "memgauge-remote.so"
/* What the module exports. */
#define MG_REMOTE_MODULE_SYMBOL "mg_remote_module_get"

/**
 * MgRemoteModule:
 * @version: %MG_REMOTE_MODULE_VERSION of the module's build
 * @size: sizeof (MgRemoteModule) in the module's build
 * @package_version: PACKAGE_VERSION of the module's build: a module left behind by another
 *   release is refused
 *
 * The rest are the functions of mg-remote-fetch.h, mg-source-node-exporter.h and
 * mg-source-prometheus.h, as the module's copy of each.
 */
typedef struct {
  guint        version;
  gsize        size;
  const char  *package_version;

  void         (*fetch_async)             (GUri                 *uri,
                                           const char           *content_type,
                                           const char           *accept_params,
                                           const char           *fingerprint,
                                           const char           *authorization,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  GBytes      *(*fetch_finish)            (GAsyncResult         *result,
                                           char                **peer_fingerprint,
                                           GError              **error);
  void         (*io_shutdown)             (void);
  char        *(*certificate_fingerprint) (GTlsCertificate      *certificate);
  SoupSession *(*session_new)             (void);

  GType        (*node_exporter_get_type)  (void);
  MgSource    *(*node_exporter_new)       (GUri                 *uri,
                                           const char           *fingerprint);
  const char  *(*node_exporter_get_name)  (MgSourceNodeExporter *self);
  GUri        *(*node_exporter_get_uri)   (MgSourceNodeExporter *self);
  const char  *(*node_exporter_get_peer_fingerprint) (MgSourceNodeExporter *self);
  void         (*node_exporter_set_authorization)    (MgSourceNodeExporter *self,
                                                      const char           *authorization);

  GType        (*prometheus_get_type)     (void);
  MgSourcePrometheus *(*prometheus_new)   (GUri                 *uri,
                                           const char           *fingerprint);
  void         (*prometheus_query_async)  (MgSourcePrometheus   *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
  GPtrArray   *(*prometheus_query_finish) (MgSourcePrometheus   *self,
                                           GAsyncResult         *result,
                                           GError              **error);
  GUri        *(*prometheus_get_uri)      (MgSourcePrometheus   *self);
  const char  *(*prometheus_get_peer_fingerprint) (MgSourcePrometheus *self);
  void         (*prometheus_set_authorization)    (MgSourcePrometheus *self,
                                                   const char         *authorization);
} MgRemoteModule;

/* The module's one export; G_MODULE_EXPORT on its definition. */
const MgRemoteModule *mg_remote_module_get (void);

G_END_DECLS
