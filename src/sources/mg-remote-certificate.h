/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-certificate: fingerprints and certificate errors in words, for mg-remote-fetch
 * (mg_remote_certificate_fingerprint() itself is declared in mg-remote-fetch.h). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @text's hex digits in lower case: a SHA-256 with or without colons, as browsers and
 * openssl show it. */
char *mg_remote_fingerprint_normalize (const char           *text);

/* Why a certificate was refused, in words ("certificate does not match host", …). */
char *mg_remote_certificate_words     (GTlsCertificateFlags  flags);

G_END_DECLS
