/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-certificate: a certificate's fingerprint as a person compares it, and what was
 * wrong with one, in words (for mg-remote-fetch). */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-remote-certificate.h"
#include "mg-remote-fetch.h"

char *
mg_remote_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return g_strdup ("");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

/* Hex with or without colons, any case: how browsers and openssl show it. */
char *
mg_remote_fingerprint_normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

char *
mg_remote_certificate_words (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("certificate does not match host"));
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("certificate is not signed by a trusted authority"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("certificate has expired"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("certificate is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("certificate has been revoked"));
  return g_strdup (_("certificate refused"));
}
