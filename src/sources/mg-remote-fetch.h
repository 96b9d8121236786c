/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-fetch: one bounded HTTP(S) GET with libsoup 3 for the remote sources: a
 * deadline, few redirects, a size cap, the content type checked, errors in words. */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The longest a request may take, from sending to the body's last byte. */
#define MG_REMOTE_TIMEOUT_S 5
/* Redirects followed before giving up. */
#define MG_REMOTE_MAX_REDIRECTS 3

/**
 * mg_remote_session_new:
 *
 * Returns: (transfer full): a session as remote sources use: TLS verified against the
 *   system's authorities, keep-alive, an I/O timeout of %MG_REMOTE_TIMEOUT_S, the
 *   environment's proxies or none, no compression
 */
SoupSession *mg_remote_session_new (void);

/**
 * mg_remote_fetch_async:
 * @uri: http or https
 * @content_type: the one media type accepted (`text/plain`, `application/json`); also
 *   sent in `Accept:`, with @accept_params appended
 * @accept_params: (nullable): parameters for `Accept:` such as `; version=0.0.4`
 * @fingerprint: (nullable): the SHA-256 of a certificate (hex, colons allowed) to accept
 *   although it fails verification: a choice its owner made for a self-signed one
 * @authorization: (nullable): the `Authorization` header's value (`Basic …`, `Bearer …`),
 *   sent to @uri's scheme, host and port only: a redirect elsewhere drops it
 * @cancellable: (nullable): cancels the request
 * @callback: called on the thread-default main context
 * @user_data: for @callback
 *
 * Sends one GET and reads its body in chunks, cut at %MG_REMOTE_MAX_RESPONSE (reported as
 * an error), in MemGauge's remote I/O thread (one session for every source, started on first
 * use), so that the caller's main loop never waits on the network, TLS or libsoup. The
 * deadline timer lives only while the request does.
 */
void    mg_remote_fetch_async  (GUri                *uri,
                                const char          *content_type,
                                const char          *accept_params,
                                const char          *fingerprint,
                                const char          *authorization,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);

/**
 * mg_remote_fetch_finish:
 * @result: the result given to the callback
 * @peer_fingerprint: (out) (optional) (nullable): the SHA-256 (lower-case hex) of a
 *   certificate that failed verification, for a person to accept; %NULL otherwise
 * @error: in %MG_REMOTE_ERROR with a message in words ("connection refused", "timed out
 *   after 5 s", "HTTP 500", "response over 4 MiB", "certificate does not match host", …),
 *   or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the body, or %NULL
 */
GBytes *mg_remote_fetch_finish (GAsyncResult        *result,
                                char               **peer_fingerprint,
                                GError             **error);

/**
 * mg_remote_io_shutdown:
 *
 * Ends the remote I/O thread once no request is in flight (a program's last act before it
 * exits, so that no thread outlives main(): LeakSanitizer cannot stop one that is in
 * poll() inside GnuTLS' threads' company). Remote requests cannot be made afterwards.
 */
void    mg_remote_io_shutdown (void);

/**
 * mg_remote_certificate_fingerprint:
 * @certificate: a certificate
 *
 * Returns: (transfer full): the SHA-256 of its DER form, lower-case hex
 */
char   *mg_remote_certificate_fingerprint (GTlsCertificate *certificate);

G_END_DECLS
