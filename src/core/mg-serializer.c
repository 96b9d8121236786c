/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-serializer: one sample, its level and reason as a GVariant a{sv} or as JSON text. */

#define G_LOG_DOMAIN "memgauge-serializer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mg-serializer.h"

/* The counters of the `vmstat` and `rates_per_s` objects: the original four, whatever else
 * the sample carries (the compaction counters are for the gauge's details). */
#define N_JSON_VMSTAT (MG_VMSTAT_OOM_KILL + 1)

static const char *const vmstat_names[N_JSON_VMSTAT] = {
  [MG_VMSTAT_PSWPIN] = "pswpin",
  [MG_VMSTAT_PSWPOUT] = "pswpout",
  [MG_VMSTAT_PGMAJFAULT] = "pgmajfault",
  [MG_VMSTAT_OOM_KILL] = "oom_kill",
};

/* Sizes in MB as the original memory-stats API gave them: KiB / 1024, truncated. */
static GVariant *
mb (guint64 kib)
{
  return g_variant_new_uint64 (kib / 1024);
}

static GVariant *
absent (void)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
}

static GVariant *
psi_line (const MgPsiLine *line)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "avg10", g_variant_new_double (line->avg10));
  g_variant_builder_add (&builder, "{sv}", "avg60", g_variant_new_double (line->avg60));
  g_variant_builder_add (&builder, "{sv}", "avg300", g_variant_new_double (line->avg300));
  g_variant_builder_add (&builder, "{sv}", "total_us", g_variant_new_uint64 (line->total_us));

  return g_variant_builder_end (&builder);
}

static GVariant *
psi (const MgSample *sample)
{
  GVariantBuilder builder;

  if (!sample->has_psi)
    return absent ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "some", psi_line (&sample->psi.some));
  g_variant_builder_add (&builder, "{sv}", "full",
                         sample->psi.has_full ? psi_line (&sample->psi.full) : absent ());

  return g_variant_builder_end (&builder);
}

static GVariant *
vmstat (const MgSample *sample)
{
  GVariantBuilder builder;

  if (!sample->has_vmstat)
    return absent ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < N_JSON_VMSTAT; i++)
    g_variant_builder_add (&builder, "{sv}", vmstat_names[i],
                           mg_vmstat_has (&sample->vmstat, i)
                             ? g_variant_new_uint64 (sample->vmstat.count[i])
                             : absent ());

  return g_variant_builder_end (&builder);
}

static GVariant *
rates (const MgSample *sample)
{
  GVariantBuilder builder;

  if (!sample->has_rates)
    return absent ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < N_JSON_VMSTAT; i++)
    g_variant_builder_add (&builder, "{sv}", vmstat_names[i],
                           g_variant_new_double (sample->rate_per_s[i]));

  return g_variant_builder_end (&builder);
}

/* The keys of MgSysctlKey without their "vm." prefix: {"swappiness", ...}. */
static GVariant *
sysctl (const MgSysctlValues *values)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    g_variant_builder_add (&builder, "{sv}", mg_sysctl_key_name ((MgSysctlKey) k) + strlen ("vm."),
                           values->set[k] ? g_variant_new_uint64 (values->value[k]) : absent ());

  return g_variant_builder_end (&builder);
}

static GVariant *
fragmentation (const MgSample *sample)
{
  const MgFragmentation *frag = &sample->fragmentation;
  GVariantBuilder builder;

  if (!sample->has_fragmentation)
    return absent ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "free_mb", mb (frag->free_kib));
  g_variant_builder_add (&builder, "{sv}", "free_2mb_blocks_mb", mb (frag->free_kib_2mb));
  g_variant_builder_add (&builder, "{sv}", "unusable_index_2mb",
                         g_variant_new_double (frag->unusable_index_2mb));

  return g_variant_builder_end (&builder);
}

GVariant *
mg_serializer_to_variant (const MgSample *sample,
                          MgLevel         level,
                          const char     *reason)
{
  return mg_serializer_to_variant_full (sample, level, reason, NULL);
}

GVariant *
mg_serializer_to_variant_full (const MgSample       *sample,
                               MgLevel               level,
                               const char           *reason,
                               const MgSysctlValues *sysctl_values)
{
  const guint64 *kib;
  GVariantBuilder builder;
  g_autofree char *valid_reason = NULL;

  g_return_val_if_fail (sample != NULL, NULL);

  kib = sample->meminfo.kib;
  /* A GVariant string must be UTF-8, and so must JSON: repair rather than refuse, since
   * a reason may quote text from a file we do not control. */
  valid_reason = g_utf8_make_valid (reason != NULL ? reason : "", -1);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "total_mb", mb (kib[MG_MEMINFO_MEM_TOTAL]));
  g_variant_builder_add (&builder, "{sv}", "available_mb", mb (mg_sample_available_kib (sample)));
  g_variant_builder_add (&builder, "{sv}", "swap_total_mb", mb (kib[MG_MEMINFO_SWAP_TOTAL]));
  g_variant_builder_add (&builder, "{sv}", "swap_free_mb", mb (kib[MG_MEMINFO_SWAP_FREE]));
  g_variant_builder_add (&builder, "{sv}", "swappiness",
                         sample->has_swappiness ? g_variant_new_uint32 (sample->swappiness)
                                                : absent ());
  g_variant_builder_add (&builder, "{sv}", "pressure_level",
                         g_variant_new_string (mg_level_to_nick (level)));
  g_variant_builder_add (&builder, "{sv}", "used_mb", mb (mg_sample_used_kib (sample)));
  g_variant_builder_add (&builder, "{sv}", "available_percent",
                         g_variant_new_double (mg_sample_available_percent (sample)));
  g_variant_builder_add (&builder, "{sv}", "available_estimated",
                         g_variant_new_boolean (sample->meminfo.mem_available_estimated));
  g_variant_builder_add (&builder, "{sv}", "reason", g_variant_new_string (valid_reason));
  g_variant_builder_add (&builder, "{sv}", "psi", psi (sample));
  g_variant_builder_add (&builder, "{sv}", "vmstat", vmstat (sample));
  g_variant_builder_add (&builder, "{sv}", "rates_per_s", rates (sample));
  if (sysctl_values != NULL)
    g_variant_builder_add (&builder, "{sv}", "sysctl", sysctl (sysctl_values));
  g_variant_builder_add (&builder, "{sv}", "fragmentation", fragmentation (sample));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void append_value (GString  *out,
                          GVariant *value,
                          gboolean  top);

/* Recursive, but only as deep as the variants mg_serializer_to_variant() builds (three
 * levels: sample, psi, psi line); a caller's variant nests no deeper than its own type. */
static void
append_object (GString  *out, /* NOLINT(misc-no-recursion) */
               GVariant *dict,
               gboolean  top)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean first = TRUE;

  g_string_append (out, top ? "{\n" : "{");
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (!first)
        g_string_append (out, top ? ",\n" : ", ");
      first = FALSE;
      if (top)
        g_string_append (out, "  ");
      append_string (out, key);
      g_string_append (out, ": ");
      append_value (out, value, FALSE);
    }
  g_string_append (out, top ? "\n}" : "}");
}

/* Recursive with append_object(), as deep as it. */
static void
append_value (GString  *out, /* NOLINT(misc-no-recursion) */
              GVariant *value,
              gboolean  top)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      append_value (out, inner, top);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      if (inner == NULL)
        g_string_append (out, "null");
      else
        append_value (out, inner, top);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    {
      append_object (out, value, top);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    {
      /* Arrays (of objects) sit only at the top level's values: one element a line. */
      gsize n = g_variant_n_children (value);

      g_string_append_c (out, '[');
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

          g_string_append (out, i == 0 ? "\n    " : ",\n    ");
          append_value (out, child, FALSE);
        }
      g_string_append (out, n > 0 ? "\n  ]" : "]");
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      append_string (out, g_variant_get_string (value, NULL));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    {
      g_string_append_printf (out, "%" G_GUINT32_FORMAT, g_variant_get_uint32 (value));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    {
      g_string_append_printf (out, "%" G_GINT32_FORMAT, g_variant_get_int32 (value));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double number = g_variant_get_double (value);

      /* JSON has no NaN or infinity: a script would fail to parse the whole object. */
      if (isfinite (number))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", number));
        }
      else
        {
          g_string_append (out, "null");
        }
    }
  else
    {
      /* A type the sample object never holds: a programmer error, kept parseable. */
      g_critical ("No JSON for a GVariant of type %s", g_variant_get_type_string (value));
      g_string_append (out, "null");
    }
}

char *
mg_serializer_variant_to_json (GVariant *variant)
{
  GString *out;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT), NULL);

  out = g_string_new (NULL);
  append_value (out, variant, TRUE);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

char *
mg_serializer_to_json (const MgSample *sample,
                       MgLevel         level,
                       const char     *reason)
{
  return mg_serializer_to_json_full (sample, level, reason, NULL);
}

char *
mg_serializer_to_json_full (const MgSample       *sample,
                            MgLevel               level,
                            const char           *reason,
                            const MgSysctlValues *sysctl_values)
{
  g_autoptr(GVariant) variant = NULL;

  g_return_val_if_fail (sample != NULL, NULL);

  variant = mg_serializer_to_variant_full (sample, level, reason, sysctl_values);

  return mg_serializer_variant_to_json (variant);
}

/* --- groups (control groups by memory use) --------------------------------------- */

static GVariant *
group_to_variant (const MgGroup *group)
{
  GVariantBuilder builder;
  g_autofree char *path = g_utf8_make_valid (group->path, -1);
  g_autofree char *name = g_utf8_make_valid (group->name != NULL ? group->name : group->path, -1);
  double percent = 0.0;
  gboolean has_percent = mg_group_get_limit_percent (group, &percent);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "path", g_variant_new_string (path));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&builder, "{sv}", "kind",
                         g_variant_new_string (mg_group_kind_to_nick (group->kind)));
  g_variant_builder_add (&builder, "{sv}", "usage_mb", mb (group->usage_kib));
  g_variant_builder_add (&builder, "{sv}", "limit_mb",
                         mg_group_has (group, MG_GROUP_HAS_LIMIT) ? mb (group->limit_kib)
                                                                  : absent ());
  g_variant_builder_add (&builder, "{sv}", "limit_percent",
                         has_percent ? g_variant_new_double (percent) : absent ());
  g_variant_builder_add (&builder, "{sv}", "swap_mb",
                         mg_group_has (group, MG_GROUP_HAS_SWAP) ? mb (group->swap_kib)
                                                                 : absent ());
  g_variant_builder_add (&builder, "{sv}", "oom_kills",
                         mg_group_has (group, MG_GROUP_HAS_OOM_KILLS)
                           ? g_variant_new_uint64 (group->oom_kills) : absent ());
  g_variant_builder_add (&builder, "{sv}", "pressure_some_avg10",
                         mg_group_has (group, MG_GROUP_HAS_PRESSURE)
                           ? g_variant_new_double (group->pressure_some_avg10) : absent ());

  return g_variant_builder_end (&builder);
}

GVariant *
mg_serializer_groups_to_variant (GPtrArray *groups,
                                 guint      max)
{
  GVariantBuilder builder;
  guint n = 0;

  if (groups == NULL)
    return g_variant_ref_sink (absent ());

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < groups->len && n < max; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      /* Without a usage a group has no place in a list by usage. */
      if (!mg_group_has (group, MG_GROUP_HAS_USAGE))
        continue;
      g_variant_builder_add_value (&builder, group_to_variant (group));
      n++;
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GVariant *
mg_serializer_add_groups (GVariant  *sample,
                          GPtrArray *groups)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  g_autoptr(GVariant) list = NULL;

  g_return_val_if_fail (sample != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (sample, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, sample);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    g_variant_builder_add (&builder, "{sv}", key, value);

  list = mg_serializer_groups_to_variant (groups, MG_SERIALIZER_MAX_GROUPS);
  g_variant_builder_add (&builder, "{sv}", "groups", list);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* --- swap devices, zram and zswap ---------------------------------------------------- */

static GVariant *
swap_devices (const MgSwapState *state)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < state->devices->len; i++)
    {
      const MgSwapDevice *device = &g_array_index (state->devices, MgSwapDevice, i);
      g_autofree char *path = g_utf8_make_valid (device->path, -1);
      GVariantBuilder entry;

      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&entry, "{sv}", "path", g_variant_new_string (path));
      g_variant_builder_add (&entry, "{sv}", "type",
                             g_variant_new_string (mg_swap_type_to_nick (device->type)));
      g_variant_builder_add (&entry, "{sv}", "size_mb", mb (device->size_kib));
      g_variant_builder_add (&entry, "{sv}", "used_mb", mb (device->used_kib));
      g_variant_builder_add (&entry, "{sv}", "priority", g_variant_new_int32 (device->priority));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&entry));
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
zram (const MgSwapState *state)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < state->zram->len; i++)
    {
      const MgZramStat *stat = &g_array_index (state->zram, MgZramStat, i);
      g_autofree char *device = g_utf8_make_valid (stat->device, -1);
      GVariantBuilder entry;

      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&entry, "{sv}", "device", g_variant_new_string (device));
      g_variant_builder_add (&entry, "{sv}", "orig_mb", mb (stat->orig_bytes / 1024));
      g_variant_builder_add (&entry, "{sv}", "compr_mb", mb (stat->compr_bytes / 1024));
      g_variant_builder_add (&entry, "{sv}", "mem_used_mb", mb (stat->mem_used_bytes / 1024));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&entry));
    }

  return g_variant_builder_end (&builder);
}

static GVariant *
zswap (const MgSwapState *state)
{
  GVariantBuilder builder;

  if (!state->has_zswap)
    return absent ();

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "pool_mb", mb (state->zswap_pool_kib));
  g_variant_builder_add (&builder, "{sv}", "stored_mb", mb (state->zswap_stored_kib));

  return g_variant_builder_end (&builder);
}

GVariant *
mg_serializer_add_swap (GVariant          *sample,
                        const MgSwapState *state)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  GVariant *devices_value;
  GVariant *zram_value;
  GVariant *zswap_value;

  g_return_val_if_fail (sample != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (sample, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, sample);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    g_variant_builder_add (&builder, "{sv}", key, value);

  if (state == NULL)
    {
      devices_value = absent ();
      zram_value = absent ();
      zswap_value = absent ();
    }
  else
    {
      devices_value = state->has_devices ? swap_devices (state) : absent ();
      zram_value = state->has_devices ? zram (state) : absent ();
      zswap_value = zswap (state);
    }
  g_variant_builder_add (&builder, "{sv}", "swap_devices", devices_value);
  g_variant_builder_add (&builder, "{sv}", "zram", zram_value);
  g_variant_builder_add (&builder, "{sv}", "zswap", zswap_value);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}
