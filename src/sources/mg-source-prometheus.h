/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourcePrometheus: samples every machine a Prometheus server scrapes, with one instant
 * query per poll. */
#pragma once

#include <gio/gio.h>

#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * MgRemoteHost:
 * @name: the machine's `instance` label
 * @sample: its sample, valid when @error is %NULL (see mg_remote_memory_to_sample())
 * @error: (nullable): why it has no sample, in words
 */
typedef struct {
  char     *name;
  MgSample  sample;
  char     *error;
} MgRemoteHost;

void mg_remote_host_free (MgRemoteHost *host);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgRemoteHost, mg_remote_host_free)

#define MG_TYPE_SOURCE_PROMETHEUS (mg_source_prometheus_get_type ())
G_DECLARE_FINAL_TYPE (MgSourcePrometheus, mg_source_prometheus, MG, SOURCE_PROMETHEUS, GObject)

/**
 * mg_source_prometheus_new:
 * @uri: the server's base URL, such as `http://monitor:9090` (a path prefix is kept)
 * @fingerprint: (nullable): as for mg_source_node_exporter_new()
 *
 * Returns: (transfer full): the source
 */
MgSourcePrometheus *mg_source_prometheus_new   (GUri                *uri,
                                                const char          *fingerprint);

/**
 * mg_source_prometheus_query_async:
 * @self: a source
 * @cancellable: (nullable): cancels the query
 * @callback: called on the thread-default main context
 * @user_data: for @callback
 *
 * Sends MG_PROM_QUERY to `/api/v1/query` (one request for the whole fleet) within the
 * limits of mg-remote-fetch.h. A query while one is in flight fails with
 * %G_IO_ERROR_PENDING. No timer runs between queries.
 */
void       mg_source_prometheus_query_async     (MgSourcePrometheus  *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

/**
 * mg_source_prometheus_query_finish:
 * @self: a source
 * @result: the result given to the callback
 * @error: why the server gave no usable answer (%MG_REMOTE_ERROR, in words)
 *
 * Returns: (transfer full) (element-type MgRemoteHost): one per machine, sorted by name;
 *   each with a sample or an error of its own
 */
GPtrArray *mg_source_prometheus_query_finish    (MgSourcePrometheus  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

GUri       *mg_source_prometheus_get_uri         (MgSourcePrometheus *self);
/* As mg_source_node_exporter_get_peer_fingerprint(). */
const char *mg_source_prometheus_get_peer_fingerprint (MgSourcePrometheus *self);

/**
 * mg_source_prometheus_set_authorization:
 * @self: a source
 * @authorization: (nullable): the `Authorization` header's value for the next reads
 *   (`Basic …` or `Bearer …`, see mg_remote_fetch_async()), %NULL for none
 *
 * The copy held is wiped when it is replaced or the source ends.
 */
void mg_source_prometheus_set_authorization (MgSourcePrometheus *self,
                                             const char         *authorization);

G_END_DECLS
