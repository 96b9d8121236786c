/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-format: sizes and percentages as every view shows them. */

#define G_LOG_DOMAIN "memgauge-format"

#include "config.h"

#include "mg-format.h"

char *
mg_format_size_kib (guint64 kib)
{
  /* Past G_MAXUINT64 / 1024 KiB the byte count would wrap; no machine has 16 EiB. */
  return g_format_size_full (MIN (kib, G_MAXUINT64 / 1024) * 1024, G_FORMAT_SIZE_IEC_UNITS);
}

guint
mg_format_percent_of (guint64 part,
                      guint64 whole)
{
  if (whole == 0)
    return 0;

  /* In double, 100 × part cannot overflow; 53 bits are far more than a percent needs. */
  return (guint) (100.0 * (double) MIN (part, whole) / (double) whole + 0.5);
}

/* The whole percentages that read as @level: "above 10 % is high" makes high 11 to 20 with
 * the default thresholds, critical 0 to 10, low 41 to 100. FALSE when the thresholds leave
 * no whole number to a level (they are whole numbers in the settings, so never there). */
static gboolean
level_band (MgLevel              level,
            const MgLevelParams *params,
            guint               *min,
            guint               *max)
{
  double above, upto;

  switch (level)
    {
    case MG_LEVEL_LOW:
      above = params->low_percent;
      upto = 100.0;
      break;
    case MG_LEVEL_MEDIUM:
      above = params->medium_percent;
      upto = params->low_percent;
      break;
    case MG_LEVEL_HIGH:
      above = params->high_percent;
      upto = params->medium_percent;
      break;
    case MG_LEVEL_CRITICAL:
      above = -1.0;
      upto = params->high_percent;
      break;
    case MG_LEVEL_UNKNOWN:
    default:
      return FALSE;
    }

  /* Thresholds are 0 to 100 (mg_level_params_are_valid()): truncation is floor. */
  *min = above < 0.0 ? 0 : (guint) above + 1;
  *max = (guint) CLAMP (upto, 0.0, 100.0);

  return *min <= *max;
}

/* The rule, in this order:
 *
 * 1. Nearest whole percent, halves up; but 0 and 100 mean none and all, so 0.4 shows as 1
 *    and 99.6 as 99 (and used then reads 99 and 1, never "0 % used" on a running machine).
 * 2. Then clamped into the band of the memory level. The level decides on the exact ratio,
 *    so plain rounding can cross a threshold: 10.3 % is high ("above 10 %") but rounds to
 *    10, which the rule calls critical; it shows as 11. 10.0 is critical and shows 10.
 * 3. Hysteresis: a level the margin holds has a ratio outside its own band, on the side it
 *    is falling towards (critical held at 11.5 % until the ratio clears 12 %). The words
 *    win: it shows the band's edge, 10, never a figure that belongs to another level. The
 *    figure is then low by at most the margin (2 points by default), and only while the
 *    level is held; the next level's band starts exactly where the held one's ends, so
 *    the figure moves on without a jump backwards when the level falls.
 * 4. Stalls do not move the figure: a level raised by PSI alone keeps the memory rule's
 *    band (97 % available while programs wait for memory), and its words say stalls, not
 *    shortage (mg_level_state_raised_by_stalls()).
 */
guint
mg_format_available_percent (double               available_percent,
                             MgLevel              memory_level,
                             const MgLevelParams *params)
{
  double percent = available_percent;
  guint shown, min, max;

  /* NaN fails both comparisons and reads as nothing available. */
  if (!(percent > 0.0))
    percent = 0.0;
  else if (percent > 100.0)
    percent = 100.0;

  shown = (guint) (percent + 0.5);
  if (shown == 0 && percent > 0.0)
    shown = 1;
  else if (shown == 100 && percent < 100.0)
    shown = 99;

  if (params != NULL && level_band (memory_level, params, &min, &max))
    shown = CLAMP (shown, min, max);

  return shown;
}
