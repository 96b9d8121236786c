/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourceNodeExporter: samples a remote machine from its node_exporter's /metrics. */
#pragma once

#include "mg-source.h"

G_BEGIN_DECLS

#define MG_TYPE_SOURCE_NODE_EXPORTER (mg_source_node_exporter_get_type ())
G_DECLARE_FINAL_TYPE (MgSourceNodeExporter, mg_source_node_exporter, MG, SOURCE_NODE_EXPORTER,
                      GObject)

/**
 * mg_source_node_exporter_new:
 * @uri: the exporter's URL, such as `http://build-box:9100/metrics`
 * @fingerprint: (nullable): a certificate's SHA-256 to accept although it fails
 *   verification (see mg_remote_fetch_async())
 *
 * One scrape per mg_source_read_async() (asking node_exporter for its `meminfo` and
 * `pressure` collectors only, unless @uri has a query; an exporter that refuses that with
 * HTTP 400, not running one of them, is asked again without), read with libsoup 3 within the limits of
 * mg-remote-fetch.h and parsed by mg_parse_exposition(). The sample has MemTotal,
 * MemAvailable and swap; PSI (avg10 only) is the rate of node_exporter's stall counters
 * since the previous successful scrape, so the first has none. A read while one is in
 * flight fails with %G_IO_ERROR_PENDING. No timer runs between reads.
 *
 * Returns: (transfer full): the source
 */
MgSource   *mg_source_node_exporter_new      (GUri       *uri,
                                              const char *fingerprint);

/* The machine's name (host, and port unless 9100) and the URL it scrapes. */
const char *mg_source_node_exporter_get_name (MgSourceNodeExporter *self);
GUri       *mg_source_node_exporter_get_uri  (MgSourceNodeExporter *self);

/**
 * mg_source_node_exporter_get_peer_fingerprint:
 * @self: a source
 *
 * Returns: (nullable): the SHA-256 of the certificate the last read refused, for a person
 *   to accept; %NULL when none was refused
 */
const char *mg_source_node_exporter_get_peer_fingerprint (MgSourceNodeExporter *self);

/**
 * mg_source_node_exporter_set_authorization:
 * @self: a source
 * @authorization: (nullable): the `Authorization` header's value for the next reads
 *   (`Basic …` or `Bearer …`, see mg_remote_fetch_async()), %NULL for none
 *
 * The copy held is wiped when it is replaced or the source ends.
 */
void mg_source_node_exporter_set_authorization (MgSourceNodeExporter *self,
                                                const char           *authorization);

G_END_DECLS
