/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sparkline-text: what MgSparkline says: the summary a screen reader and the tooltip
 * give, and the read-out of one sample under the pointer or the keyboard cursor. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-level-style.h"
#include "mg-sparkline-private.h"

char *
mg_sparkline_describe (guint                 range_s,
                       GArray               *columns,
                       int                   first_filled,
                       int                   last_filled,
                       const MgHistoryEntry *newest,
                       guint                 now_used)
{
  g_autofree char *range = NULL;
  float low = 1.0f;
  float high = 0.0f;
  guint low_percent;
  guint high_percent;

  if (range_s % 3600 == 0)
    range = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: part of "Used memory over the last hour" */
                                          "the last hour", "the last %u hours",
                                          range_s / 3600),
                             range_s / 3600);
  else
    range = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: part of "Used memory over the last 10 minutes" */
                                          "the last minute", "the last %u minutes",
                                          range_s / 60),
                             range_s / 60);

  if (first_filled < 0 || newest == NULL)
    /* Translators: %s is "the last 10 minutes" or "the last hour" */
    return g_strdup_printf (_("No memory readings over %s yet"), range);

  for (int i = first_filled; i <= last_filled; i++)
    {
      const MgSparklineColumn *column = &g_array_index (columns, MgSparklineColumn, i);

      if (!column->valid)
        continue;
      low = MIN (low, column->fraction);
      high = MAX (high, column->fraction);
    }

  if (low > high)
    return g_strdup_printf (_("No memory readings over %s yet"), range);

  /* The last sample failed: its used fraction is a placeholder, not a reading. */
  if (!newest->valid)
    return g_strdup_printf (/* Translators: "Used memory over the last 10 minutes: between
                             * 20 % and 62 %, now unknown" */
                            _("Used memory over %s: between %.0f %% and %.0f %%, now unknown"),
                            range, 100.0 * low, 100.0 * high);

  /* Now as every view shows it (mg_format_available_percent ()), and the range takes it
   * in: a figure rounded to the level's side may lie just outside the raw readings. */
  low_percent = MIN ((guint) (100.0f * low + 0.5f), now_used);
  high_percent = MAX ((guint) (100.0f * high + 0.5f), now_used);

  return g_strdup_printf (/* Translators: "Used memory over the last 10 minutes: between
                           * 20 % and 62 %, now 62 % (High pressure)" */
                          _("Used memory over %s: between %.0f %% and %.0f %%, now %.0f %% (%s)"),
                          range, (double) low_percent, (double) high_percent, (double) now_used,
                          mg_level_style_get_label (newest->level));
}

/* How long before the newest sample: to the second within ten minutes (samples are
 * seconds apart), to the minute beyond. */
static char *
format_ago (gint64 age_us)
{
  guint64 seconds = (guint64) MAX (age_us, 0) / G_USEC_PER_SEC;

  if (seconds == 0)
    /* Translators: the time of the newest sample in the history graph's read-out */
    return g_strdup (_("Now"));
  if (seconds < 60)
    /* Translators: the time of a sample in the history graph's read-out, "45 s ago" */
    return g_strdup_printf (_("%u s ago"), (guint) seconds);
  if (seconds < 600 && seconds % 60 != 0)
    /* Translators: the time of a sample in the history graph's read-out, "2 min 30 s ago" */
    return g_strdup_printf (_("%u min %u s ago"), (guint) (seconds / 60), (guint) (seconds % 60));
  if (seconds < 3600)
    /* Translators: the time of a sample in the history graph's read-out, "42 min ago" */
    return g_strdup_printf (_("%u min ago"), (guint) (seconds / 60));

  /* Translators: the time of a sample in the history graph's read-out, "1 h 5 min ago" */
  return g_strdup_printf (_("%u h %u min ago"), (guint) (seconds / 3600),
                          (guint) (seconds % 3600 / 60));
}

char *
mg_sparkline_format_readout (const MgHistoryEntry *entry,
                             gint64                newest_us)
{
  g_autofree char *ago = format_ago (newest_us - entry->time_us);

  if (!entry->valid)
    /* Translators: the history graph's read-out of a sample that failed, "3 min ago: no
     * reading" */
    return g_strdup_printf (_("%s: no reading"), ago);

  /* Translators: the history graph's read-out of one sample, "3 min ago: 62 % used, High
   * pressure"; the last part is the level's words */
  return g_strdup_printf (_("%s: %.0f %% used, %s"), ago, 100.0 * entry->used_fraction,
                          mg_level_style_get_label (entry->level));
}
