/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-probe: "Test Connection": one read of a remote source with what a person has
 * entered, answered in words. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * mg_remote_probe_async:
 * @url: the address as entered (see mg_remote_url_parse())
 * @authorization: (nullable): the `Authorization` header's value, %NULL for none
 * @fingerprint: (nullable): a certificate's SHA-256 to accept although it fails verification
 * @cancellable: (nullable): cancels the read (a closed dialog)
 *
 * Reads a node_exporter once, or queries a Prometheus server once, with the limits of
 * mg-remote-fetch.h (so at most %MG_REMOTE_TIMEOUT_S); the main loop never waits.
 */
void  mg_remote_probe_async  (const char           *url,
                              const char           *authorization,
                              const char           *fingerprint,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);

/**
 * mg_remote_probe_finish:
 * @result: the result given to the callback
 * @peer_fingerprint: (out) (optional) (nullable): the SHA-256 of a certificate that did not
 *   verify, for a person to accept; %NULL otherwise
 * @error: what went wrong, in words (%MG_REMOTE_ERROR), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): what was found, in words: "Connected: build-box,
 *   42 % used of 15.6 GiB" or "Connected to Prometheus: 3 machines"
 */
char *mg_remote_probe_finish (GAsyncResult         *result,
                              char                **peer_fingerprint,
                              GError              **error);

G_END_DECLS
