/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level: the pure rule that turns a sample into a pressure level and its reason. */

#define G_LOG_DOMAIN "memgauge-level"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-enums.h"
#include "mg-level.h"

void
mg_level_params_init_default (MgLevelParams *params)
{
  g_return_if_fail (params != NULL);

  /* The thresholds of the original memory-stats API. PSI at 10 % of the last 10 s
   * means tasks lost a tenth of their time waiting for memory: people notice. */
  *params = (MgLevelParams) {
    .low_percent = 40.0,
    .medium_percent = 20.0,
    .high_percent = 10.0,
    .margin_percent = 2.0,
    .psi_enabled = TRUE,
    .psi_some_percent = 10.0,
    .psi_full_percent = 10.0,
  };
}

gboolean
mg_level_params_are_valid (const MgLevelParams *params)
{
  g_return_val_if_fail (params != NULL, FALSE);

  return params->high_percent > 0.0 &&
         params->high_percent < params->medium_percent &&
         params->medium_percent < params->low_percent &&
         params->low_percent < 100.0 &&
         params->margin_percent >= 0.0 && params->margin_percent <= 10.0 &&
         params->psi_some_percent > 0.0 && params->psi_some_percent <= 100.0 &&
         params->psi_full_percent > 0.0 && params->psi_full_percent <= 100.0;
}

static MgLevel
level_for_percent (const MgLevelParams *params,
                   double               available_percent)
{
  if (available_percent > params->low_percent)
    return MG_LEVEL_LOW;
  if (available_percent > params->medium_percent)
    return MG_LEVEL_MEDIUM;
  if (available_percent > params->high_percent)
    return MG_LEVEL_HIGH;
  return MG_LEVEL_CRITICAL;
}

/* Rising is immediate; falling across a boundary needs the value to clear it by the
 * margin, so a ratio hovering at a threshold does not flap between two levels. */
static MgLevel
memory_level (const MgLevelParams *params,
              double               available_percent,
              MgLevel              previous)
{
  MgLevel level = level_for_percent (params, available_percent);

  if (previous != MG_LEVEL_UNKNOWN && level < previous)
    {
      MgLevel held = level_for_percent (params, available_percent - params->margin_percent);

      level = MAX (level, MIN (previous, held));
    }

  return level;
}

/* PSI can only raise the level, with the same margin on the way down. */
static MgLevel
level_from_psi (const MgLevelParams *params,
                const MgPsi         *psi,
                MgLevel              previous,
                gboolean            *from_full)
{
  double full_threshold = params->psi_full_percent;
  double some_threshold = params->psi_some_percent;

  if (previous >= MG_LEVEL_HIGH)
    full_threshold -= params->margin_percent;
  if (previous >= MG_LEVEL_MEDIUM)
    some_threshold -= params->margin_percent;

  *from_full = FALSE;
  if (psi->has_full && psi->full.avg10 >= full_threshold)
    {
      *from_full = TRUE;
      return MG_LEVEL_HIGH;
    }
  if (psi->some.avg10 >= some_threshold)
    return MG_LEVEL_MEDIUM;

  return MG_LEVEL_LOW;
}

static const char *
level_word (MgLevel level)
{
  switch (level)
    {
    /* Translators: these start the reason for a level, as in "high: 8 % available" */
    case MG_LEVEL_LOW: return C_("level", "low");
    case MG_LEVEL_MEDIUM: return C_("level", "medium");
    case MG_LEVEL_HIGH: return C_("level", "high");
    case MG_LEVEL_CRITICAL: return C_("level", "critical");
    case MG_LEVEL_UNKNOWN:
    default: return C_("level", "unknown");
    }
}

/* "850", "3.2k": pages per second, short enough for a tooltip. */
static void
format_rate (char   *buffer,
             gsize   size,
             double  per_second)
{
  if (per_second < 999.5)
    g_snprintf (buffer, size, "%.0f", per_second);
  else if (per_second < 999500.0)
    g_snprintf (buffer, size, "%.1fk", per_second / 1000.0);
  else
    g_snprintf (buffer, size, "%.1fM", per_second / 1000000.0);
}

MgLevel
mg_level_evaluate (const MgSample      *sample,
                   MgLevel              previous,
                   MgLevel             *psi_level,
                   const MgLevelParams *params,
                   char                *reason,
                   gsize                reason_size)
{
  MgLevel level, mem, psi = MG_LEVEL_LOW;
  gboolean psi_from_full = FALSE;
  double available_percent;
  gsize used;

  g_return_val_if_fail (params != NULL, MG_LEVEL_UNKNOWN);
  g_return_val_if_fail (reason == NULL || reason_size > 0, MG_LEVEL_UNKNOWN);

  if (sample == NULL || mg_sample_total_kib (sample) == 0)
    {
      if (reason != NULL)
        g_snprintf (reason, reason_size, "%s: %s", level_word (MG_LEVEL_UNKNOWN),
                    _("no memory reading"));
      if (psi_level != NULL)
        *psi_level = MG_LEVEL_UNKNOWN;
      return MG_LEVEL_UNKNOWN;
    }

  available_percent = mg_sample_available_percent (sample);
  mem = memory_level (params, available_percent, previous);
  if (params->psi_enabled && sample->has_psi)
    psi = level_from_psi (params, &sample->psi, psi_level != NULL ? *psi_level : previous,
                          &psi_from_full);
  if (psi_level != NULL)
    *psi_level = psi;
  level = MAX (mem, psi);

  if (reason == NULL)
    return level;

  used = (gsize) g_snprintf (reason, reason_size,
                             sample->meminfo.mem_available_estimated
                               /* Translators: "high: 8 % available (estimated)" */
                               ? _("%s: %.0f %% available (estimated)")
                               : _("%s: %.0f %% available"),
                             level_word (level), available_percent);

  if (psi > mem && used < reason_size)
    {
      const MgPsiLine *line = psi_from_full ? &sample->psi.full : &sample->psi.some;

      used += (gsize) g_snprintf (reason + used, reason_size - used,
                                  psi_from_full
                                    /* Translators: kernel pressure stall information */
                                    ? _(", all tasks stalled on memory %.0f %% of the last 10 s")
                                    : _(", tasks stalled on memory %.0f %% of the last 10 s"),
                                  line->avg10);
    }

  if (sample->has_rates && sample->rate_per_s[MG_VMSTAT_PSWPIN] >= 0.5 && used < reason_size)
    {
      char rate[16];

      format_rate (rate, sizeof rate, sample->rate_per_s[MG_VMSTAT_PSWPIN]);
      g_snprintf (reason + used, reason_size - used,
                  /* Translators: %s is a number of memory pages, such as "3.2k" */
                  _(", swap-in %s pages/s"), rate);
    }

  return level;
}

const char *
mg_level_to_nick (MgLevel level)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MG_TYPE_LEVEL);
  GEnumValue *value = g_enum_get_value (klass, (int) level);

  /* The class stays alive after the unref: GLib never frees a static type's class, so the
   * nick, a static string, outlives this call. */
  if (value == NULL)
    value = g_enum_get_value (klass, MG_LEVEL_UNKNOWN);

  return value->value_nick;
}
