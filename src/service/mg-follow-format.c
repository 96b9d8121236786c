/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-follow-format: the lines of `memgauge --follow`, from the API's properties. */

#define G_LOG_DOMAIN "memgauge-follow"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-enums.h"
#include "mg-follow-format.h"
#include "mg-format.h"
#include "mg-level-style.h"
#include "mg-sample-variant.h"
#include "mg-serializer.h"

gboolean
mg_follow_format_parse (const char     *text,
                        MgFollowFormat *format)
{
  static const struct {
    const char     *name;
    MgFollowFormat  format;
  } names[] = {
    { "json", MG_FOLLOW_FORMAT_JSON },
    { "waybar", MG_FOLLOW_FORMAT_WAYBAR },
    { "plain", MG_FOLLOW_FORMAT_PLAIN },
  };

  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (text, names[i].name))
        {
          *format = names[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/* The level behind a nick; an app newer than this client may send one we do not know. */
static MgLevel
level_of (MgDbusMemGauge1 *state)
{
  const char *nick = mg_dbus_mem_gauge1_get_level (state);
  g_autoptr(GEnumClass) klass = g_type_class_ref (MG_TYPE_LEVEL);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? (MgLevel) value->value : MG_LEVEL_UNKNOWN;
}

/* A proxy of an app that exports no such property has none: say nothing rather than crash. */
static const char *
reason_of (MgDbusMemGauge1 *state)
{
  const char *reason = mg_dbus_mem_gauge1_get_reason (state);

  return reason != NULL ? reason : "";
}

static gboolean
has_figures (MgDbusMemGauge1 *state)
{
  return mg_dbus_mem_gauge1_get_total_kib (state) > 0;
}

/* Used and available shown side by side add up to 100. */
static guint
used_percent (MgDbusMemGauge1 *state)
{
  return 100 - mg_format_percent_of (mg_dbus_mem_gauge1_get_available_kib (state),
                                     mg_dbus_mem_gauge1_get_total_kib (state));
}

/* A translated line of mg-cli's --print, which ends in a newline, without it. */
static void
append_line (GString    *out,
             const char *line)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
  if (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
}

static char *
tooltip (MgDbusMemGauge1 *state,
         MgLevel          level)
{
  GString *out = g_string_new (NULL);
  guint32 swappiness = mg_dbus_mem_gauge1_get_swappiness (state);

  append_line (out, mg_level_style_get_label (level));
  if (has_figures (state))
    {
      guint64 swap_total = mg_dbus_mem_gauge1_get_swap_total_kib (state);
      guint64 swap_free = mg_dbus_mem_gauge1_get_swap_free_kib (state);
      g_autofree char *total = mg_format_size_kib (mg_dbus_mem_gauge1_get_total_kib (state));
      g_autofree char *available =
        mg_format_size_kib (mg_dbus_mem_gauge1_get_available_kib (state));
      g_autofree char *line = g_strdup_printf (_("Available: %s of %s\n"), available, total);

      append_line (out, line);
      g_clear_pointer (&line, g_free);
      if (swap_total > 0)
        {
          g_autofree char *swap_used =
            mg_format_size_kib (swap_total - MIN (swap_free, swap_total));
          g_autofree char *swap_size = mg_format_size_kib (swap_total);

          line = g_strdup_printf (_("Swap used: %s of %s\n"), swap_used, swap_size);
          append_line (out, line);
          g_clear_pointer (&line, g_free);
        }
      else
        {
          append_line (out, _("Swap: none"));
        }
      if (swappiness <= 200)
        {
          line = g_strdup_printf (_("Swappiness: %u\n"), swappiness);
          append_line (out, line);
          g_clear_pointer (&line, g_free);
        }
    }
  {
    g_autofree char *line = g_strdup_printf (_("Reason: %s\n"),
                                             reason_of (state));

    append_line (out, line);
  }

  return g_string_free (out, FALSE);
}

static char *
short_text (MgDbusMemGauge1 *state,
            MgLevel          level)
{
  if (!has_figures (state))
    return g_strdup (mg_level_get_word (level));

  /* Translators: the text of a status-bar module, e.g. "high: 85 % used"; %s is the level
   * word as in the reasons ("low", "medium", "high", "critical") */
  return g_strdup_printf (_("%s: %u %% used"), mg_level_get_word (level), used_percent (state));
}

static char *
waybar_line (MgDbusMemGauge1 *state)
{
  MgLevel level = level_of (state);
  const char *nick = mg_level_to_nick (level);
  g_autofree char *text = short_text (state, level);
  g_autofree char *tip = tooltip (state, level);
  g_autoptr(GVariant) object = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text));
  g_variant_builder_add (&builder, "{sv}", "tooltip", g_variant_new_string (tip));
  g_variant_builder_add (&builder, "{sv}", "class", g_variant_new_string (nick));
  g_variant_builder_add (&builder, "{sv}", "percentage",
                         g_variant_new_uint32 (has_figures (state) ? used_percent (state) : 0));
  g_variant_builder_add (&builder, "{sv}", "alt", g_variant_new_string (nick));
  object = g_variant_ref_sink (g_variant_builder_end (&builder));

  return mg_sample_variant_to_json_line (object);
}

static char *
plain_line (MgDbusMemGauge1 *state)
{
  MgLevel level = level_of (state);
  guint64 swap_total = mg_dbus_mem_gauge1_get_swap_total_kib (state);
  guint64 swap_free = mg_dbus_mem_gauge1_get_swap_free_kib (state);
  g_autofree char *text = NULL;

  if (!has_figures (state))
    return g_strdup_printf ("%s\n", reason_of (state));

  text = short_text (state, level);
  if (swap_total == 0)
    return g_strdup_printf ("%s\n", text);

  /* Translators: a status-bar line, e.g. "high: 85 % used, swap 12 %"; the first %s is
   * "high: 85 % used" */
  return g_strdup_printf (_("%s, swap %u %%\n"), text,
                          mg_format_percent_of (swap_total - MIN (swap_free, swap_total),
                                                swap_total));
}

static char *
json_line (MgDbusMemGauge1 *state)
{
  GVariant *bus_sample = mg_dbus_mem_gauge1_get_sample (state);
  g_autoptr(GVariant) sample = NULL;

  if (bus_sample == NULL || !g_variant_is_of_type (bus_sample, G_VARIANT_TYPE_VARDICT))
    sample = mg_sample_variant_new_unknown (reason_of (state));
  else
    sample = mg_sample_variant_from_bus (bus_sample);

  return mg_sample_variant_to_json_line (sample);
}

char *
mg_follow_format_line (MgDbusMemGauge1 *state,
                       MgFollowFormat   format)
{
  g_return_val_if_fail (MG_DBUS_IS_MEM_GAUGE1 (state), NULL);

  switch (format)
    {
    case MG_FOLLOW_FORMAT_WAYBAR:
      return waybar_line (state);
    case MG_FOLLOW_FORMAT_PLAIN:
      return plain_line (state);
    case MG_FOLLOW_FORMAT_JSON:
    default:
      return json_line (state);
    }
}
