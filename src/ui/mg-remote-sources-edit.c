/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-sources-edit: the Machines page and its dialog change `remote-sources` one source
 * at a time, keeping the others and their order as they are. */

#define G_LOG_DOMAIN "memgauge-machines"

#include "config.h"

#include "mg-remote-sources-edit.h"

/* Every source but the one with @id; @entry in its place (or at the end) unless %NULL. */
static gboolean
rewrite (GSettings  *settings,
         const char *id,
         GVariant   *entry)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, "remote-sources");
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;
  gboolean found = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssssu)"));
  g_variant_iter_init (&iter, old);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *child_id = NULL;

      g_variant_get_child (child, 0, "&s", &child_id);
      if (g_strcmp0 (child_id, id) != 0)
        g_variant_builder_add_value (&builder, child);
      else
        {
          found = TRUE;
          if (entry != NULL)
            g_variant_builder_add_value (&builder, entry);
        }
      g_variant_unref (child);
    }
  if (!found && entry != NULL)
    g_variant_builder_add_value (&builder, entry);
  g_settings_set_value (settings, "remote-sources", g_variant_builder_end (&builder));
  return found;
}

void
mg_remote_sources_put (GSettings *settings,
                       GVariant  *entry)
{
  const char *id = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (g_variant_is_of_type (entry, G_VARIANT_TYPE ("(sssssu)")));

  g_variant_ref_sink (entry);
  g_variant_get_child (entry, 0, "&s", &id);
  rewrite (settings, id, entry);
  g_variant_unref (entry);
}

gboolean
mg_remote_sources_remove (GSettings  *settings,
                          const char *id)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return rewrite (settings, id, NULL);
}

GVariant *
mg_remote_sources_find (GSettings  *settings,
                        const char *id)
{
  g_autoptr(GVariant) sources = g_settings_get_value (settings, "remote-sources");
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, sources);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *child_id = NULL;

      g_variant_get_child (child, 0, "&s", &child_id);
      if (g_strcmp0 (child_id, id) == 0)
        return child;
      g_variant_unref (child);
    }
  return NULL;
}

gboolean
mg_remote_sources_parse_url (const char    *text,
                             MgRemoteKind  *kind,
                             GUri         **uri,
                             GError       **error)
{
  g_autoptr(GUri) parsed = NULL;
  MgRemoteKind parsed_kind;

  if (!mg_remote_url_parse (text, &parsed_kind, &parsed, error))
    return FALSE;
  if (kind != NULL)
    *kind = parsed_kind;
  if (uri != NULL)
    *uri = g_steal_pointer (&parsed);
  return TRUE;
}
