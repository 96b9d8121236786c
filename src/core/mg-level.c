/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level: the pure rule that turns a sample into a pressure level and its reason. */

#define G_LOG_DOMAIN "memgauge-level"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-enums.h"
#include "mg-format.h"
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
 * margin, so a ratio hovering at a threshold does not flap between two levels. The
 * previous level is the memory rule's own: a level stalls raised is not held by it. */
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

/* avg10 is an average over 10 s that the kernel updates every 2 s: under a workload that
 * stalls in bursts it crosses a threshold several times a minute, where MemAvailable
 * drifts by a point a minute. The margin alone would let such a level go low, medium,
 * high, medium, low within 20 s; the hold time makes a stall-raised level last at least
 * as long as the avg10 window takes to forget three times over. */
static gboolean
psi_step_seen (MgLevelState *state,
               MgLevel       step,
               double        avg10,
               double        threshold,
               double        margin,
               gint64        now_us)
{
  /* Once in, the step stays while avg10 clears the threshold minus the margin. */
  if (state->psi_level >= step)
    threshold -= margin;

  if (avg10 >= threshold)
    {
      state->psi_seen_us[step] = now_us;
      return TRUE;
    }

  return FALSE;
}

static gboolean
psi_step_held (const MgLevelState *state,
               MgLevel             step,
               gint64              now_us)
{
  return state->psi_level >= step && state->psi_seen_us[step] != G_MININT64 &&
         now_us - state->psi_seen_us[step] < MG_LEVEL_PSI_HOLD_US;
}

/* PSI can only raise the level: `some` to medium, `full` to high. */
static void
update_psi (MgLevelState        *state,
            const MgLevelParams *params,
            const MgSample      *sample)
{
  const MgPsi *psi = &sample->psi;
  gint64 now_us = sample->time_us;
  gboolean full_seen, some_seen;

  /* Stalls of groups held to their own limits are theirs, not the machine's. */
  if (!params->psi_enabled || !sample->has_psi || sample->psi_from_limited_groups)
    {
      /* Switched off or unreadable: stalls say nothing, and hold nothing. */
      state->psi_seen_us[MG_LEVEL_MEDIUM] = G_MININT64;
      state->psi_seen_us[MG_LEVEL_HIGH] = G_MININT64;
      state->psi_level = MG_LEVEL_LOW;
      state->psi_from_full = FALSE;
      state->psi_active = FALSE;
      return;
    }

  full_seen = psi->has_full &&
              psi_step_seen (state, MG_LEVEL_HIGH, psi->full.avg10, params->psi_full_percent,
                             params->margin_percent, now_us);
  some_seen = psi_step_seen (state, MG_LEVEL_MEDIUM, psi->some.avg10,
                             params->psi_some_percent, params->margin_percent, now_us);

  if (full_seen || psi_step_held (state, MG_LEVEL_HIGH, now_us))
    {
      state->psi_level = MG_LEVEL_HIGH;
      state->psi_from_full = TRUE;
      state->psi_active = full_seen;
    }
  else if (some_seen || psi_step_held (state, MG_LEVEL_MEDIUM, now_us))
    {
      state->psi_level = MG_LEVEL_MEDIUM;
      state->psi_from_full = FALSE;
      state->psi_active = some_seen;
    }
  else
    {
      state->psi_level = MG_LEVEL_LOW;
      state->psi_from_full = FALSE;
      state->psi_active = FALSE;
    }

  state->psi_since_us = state->psi_level > MG_LEVEL_LOW
                          ? now_us - state->psi_seen_us[state->psi_level]
                          : 0;
}

const char *
mg_level_get_word (MgLevel level)
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

void
mg_level_state_init (MgLevelState *state)
{
  g_return_if_fail (state != NULL);

  *state = (MgLevelState) {
    .level = MG_LEVEL_UNKNOWN,
    .memory_level = MG_LEVEL_UNKNOWN,
    .psi_level = MG_LEVEL_UNKNOWN,
  };
  for (guint i = 0; i < G_N_ELEMENTS (state->psi_seen_us); i++)
    state->psi_seen_us[i] = G_MININT64;
}

gboolean
mg_level_state_raised_by_stalls (const MgLevelState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  return state->level != MG_LEVEL_UNKNOWN && state->psi_level > state->memory_level;
}

/* The first part of the reason: the level, why, and the available figure, rounded as
 * every view rounds it (mg_format_available_percent()). */
static gsize
format_cause (const MgLevelState  *state,
              const MgSample      *sample,
              const MgLevelParams *params,
              char                *reason,
              gsize                reason_size)
{
  double shown = mg_format_available_percent (mg_sample_available_percent (sample),
                                              state->memory_level, params);
  const char *word = mg_level_get_word (state->level);

  if (!mg_level_state_raised_by_stalls (state))
    return (gsize) g_snprintf (reason, reason_size,
                               sample->meminfo.mem_available_estimated
                                 /* Translators: "high: 8 % available (estimated)" */
                                 ? _("%s: %.0f %% available (estimated)")
                                 : _("%s: %.0f %% available"),
                               word, shown);

  /* Memory is not short: the words say who waits, and the figure says memory is there. */
  if (!state->psi_active)
    return (gsize) g_snprintf (reason, reason_size,
                               /* Translators: kernel pressure stall information; "high:
                                * programs were waiting for memory 12 s ago, 97 % available" */
                               _("%s: programs were waiting for memory %.0f s ago, %.0f %% available"),
                               word, (double) state->psi_since_us / G_USEC_PER_SEC, shown);

  return (gsize) g_snprintf (reason, reason_size,
                             state->psi_from_full
                               /* Translators: kernel pressure stall information; "high: all
                                * programs waited for memory 12 % of the last 10 s, 97 %
                                * available" */
                               ? _("%s: all programs waited for memory %.0f %% of the last 10 s, "
                                   "%.0f %% available")
                               /* Translators: as above, when at least one program waited */
                               : _("%s: programs waited for memory %.0f %% of the last 10 s, "
                                   "%.0f %% available"),
                             word,
                             state->psi_from_full ? sample->psi.full.avg10
                                                  : sample->psi.some.avg10,
                             shown);
}

MgLevel
mg_level_state_update (MgLevelState        *state,
                       const MgSample      *sample,
                       const MgLevelParams *params,
                       char                *reason,
                       gsize                reason_size)
{
  gsize used;

  g_return_val_if_fail (state != NULL, MG_LEVEL_UNKNOWN);
  g_return_val_if_fail (params != NULL, MG_LEVEL_UNKNOWN);
  g_return_val_if_fail (reason == NULL || reason_size > 0, MG_LEVEL_UNKNOWN);

  if (sample == NULL || mg_sample_total_kib (sample) == 0)
    {
      if (reason != NULL)
        g_snprintf (reason, reason_size, "%s: %s", mg_level_get_word (MG_LEVEL_UNKNOWN),
                    _("no memory reading"));
      return MG_LEVEL_UNKNOWN;
    }

  state->memory_level = memory_level (params, mg_sample_available_percent (sample),
                                      state->memory_level);
  update_psi (state, params, sample);
  state->level = MAX (state->memory_level, state->psi_level);

  if (reason == NULL)
    return state->level;

  used = format_cause (state, sample, params, reason, reason_size);

  if (sample->has_rates && sample->rate_per_s[MG_VMSTAT_PSWPIN] >= 0.5 && used < reason_size)
    {
      char rate[16];

      format_rate (rate, sizeof rate, sample->rate_per_s[MG_VMSTAT_PSWPIN]);
      g_snprintf (reason + used, reason_size - used,
                  /* Translators: %s is a number of memory pages, such as "3.2k" */
                  _(", swap-in %s pages/s"), rate);
    }

  return state->level;
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
