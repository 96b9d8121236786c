/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-sources-edit: one source of `remote-sources` written, replaced or removed. */
#pragma once

#include <gio/gio.h>

#include "mg-remote-url.h"

G_BEGIN_DECLS

/**
 * mg_remote_sources_put:
 * @settings: the app's settings
 * @entry: (transfer none): a `(sssssu)` source: it replaces the one with its id, or is
 *   appended
 */
void     mg_remote_sources_put    (GSettings  *settings,
                                   GVariant   *entry);

/* Returns: whether a source with @id was there to remove. */
gboolean mg_remote_sources_remove (GSettings  *settings,
                                   const char *id);

/* Returns: (transfer full) (nullable): the `(sssssu)` source with @id, or %NULL. */
GVariant *mg_remote_sources_find  (GSettings  *settings,
                                   const char *id);

/* mg_remote_url_parse() with every out parameter optional. */
gboolean mg_remote_sources_parse_url (const char    *text,
                                      MgRemoteKind  *kind,
                                      GUri         **uri,
                                      GError       **error);

G_END_DECLS
