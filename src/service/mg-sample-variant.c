/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sample-variant: the serializer's sample object as D-Bus carries it, and back. */

#define G_LOG_DOMAIN "memgauge-sample-variant"

#include "config.h"

#include <string.h>

#include "mg-sample-variant.h"
#include "mg-serializer.h"

/* Recursive only as deep as the sample object nests (sample, psi, psi line). */
static GVariant *
strip (GVariant *dict) /* NOLINT(misc-no-recursion) */
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) present = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
        {
          present = g_variant_get_maybe (value);
          if (present == NULL)
            continue;
          /* The serializer's maybes hold a variant: m v. */
          if (g_variant_is_of_type (present, G_VARIANT_TYPE_VARIANT))
            {
              GVariant *inner = g_variant_get_variant (present);

              g_variant_unref (present);
              present = inner;
            }
        }
      else
        {
          present = g_variant_ref (value);
        }

      if (g_variant_is_of_type (present, G_VARIANT_TYPE_VARDICT))
        g_variant_builder_add (&builder, "{sv}", key, strip (present));
      else
        g_variant_builder_add (&builder, "{sv}", key, present);
    }

  return g_variant_builder_end (&builder);
}

GVariant *
mg_sample_variant_to_bus (GVariant *sample)
{
  g_return_val_if_fail (sample != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (sample, G_VARIANT_TYPE_VARDICT), NULL);

  return g_variant_ref_sink (strip (sample));
}

/* A sample with every optional part present: its variant has every key, in order. */
static GVariant *
full_template (void)
{
  MgSample sample = { 0 };

  sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = 1;
  sample.meminfo.present = (1u << MG_MEMINFO_N_FIELDS) - 1;
  sample.vmstat.present = (1u << MG_VMSTAT_N_FIELDS) - 1;
  sample.psi.has_full = TRUE;
  sample.has_vmstat = TRUE;
  sample.has_psi = TRUE;
  sample.has_swappiness = TRUE;
  sample.has_rates = TRUE;

  return mg_serializer_to_variant (&sample, MG_LEVEL_LOW, NULL);
}

/* Recursive only as deep as the template nests. */
static GVariant *
merge (GVariant *template, /* NOLINT(misc-no-recursion) */
       GVariant *received)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, template);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) found = g_variant_lookup_value (received, key, NULL);

      if (found == NULL)
        g_variant_builder_add (&builder, "{sv}", key,
                               g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT) &&
               g_variant_is_of_type (found, G_VARIANT_TYPE_VARDICT))
        g_variant_builder_add (&builder, "{sv}", key, merge (value, found));
      else
        g_variant_builder_add (&builder, "{sv}", key, found);
    }

  /* Keys a newer app added: kept, after the known ones. */
  g_variant_iter_init (&iter, received);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) known = g_variant_lookup_value (template, key, NULL);

      if (known == NULL)
        g_variant_builder_add (&builder, "{sv}", key, value);
    }

  return g_variant_builder_end (&builder);
}

GVariant *
mg_sample_variant_from_bus (GVariant *bus_sample)
{
  g_autoptr(GVariant) template = NULL;
  g_autoptr(GVariant) total = NULL;

  g_return_val_if_fail (bus_sample != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (bus_sample, G_VARIANT_TYPE_VARDICT), NULL);

  total = g_variant_lookup_value (bus_sample, "total_mb", NULL);
  if (total == NULL)
    return g_variant_ref (bus_sample);

  template = full_template ();

  return g_variant_ref_sink (merge (template, bus_sample));
}

GVariant *
mg_sample_variant_new_unknown (const char *reason)
{
  GVariantBuilder builder;
  g_autofree char *valid = g_utf8_make_valid (reason != NULL ? reason : "", -1);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "pressure_level",
                         g_variant_new_string (mg_level_to_nick (MG_LEVEL_UNKNOWN)));
  g_variant_builder_add (&builder, "{sv}", "reason", g_variant_new_string (valid));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

char *
mg_sample_variant_to_json_line (GVariant *sample)
{
  g_autofree char *json = NULL;
  GString *line;
  gsize length;

  g_return_val_if_fail (sample != NULL, NULL);

  json = mg_serializer_variant_to_json (sample);
  length = strlen (json);
  line = g_string_sized_new (length);
  /* The serializer escapes control characters inside strings, so a raw newline is always
   * layout: drop it with the indent after it, keeping one space after a comma. */
  for (gsize i = 0; i < length; i++)
    {
      if (json[i] != '\n' || i + 1 == length)
        {
          g_string_append_c (line, json[i]);
          continue;
        }
      while (i + 1 < length && json[i + 1] == ' ')
        i++;
      if (line->len > 0 && line->str[line->len - 1] == ',')
        g_string_append_c (line, ' ');
    }

  return g_string_free (line, FALSE);
}
