/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sparkline-columns: MgSparkline's history ring read into one column per device pixel,
 * and the samples at a place or an edge of the graph. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include "mg-sparkline-private.h"

/* A device pixel column covers range / width of time: at most this many of its entries
 * are read (evenly spaced), so a column costs the same however dense the history. */
#define MAX_PER_COLUMN 8

/* A column without an entry of its own continues the line from the entry before it,
 * unless sampling stopped for longer than this many intervals (suspend, a stalled
 * machine): then the line shows the gap. */
#define GAP_INTERVALS 2.5

/* Ages go back in time, so this is a binary search. */
guint
mg_sparkline_first_age_before (const MgHistory *history,
                               gint64           time_us,
                               guint            lo,
                               guint            hi)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mg_history_get (history, mid)->time_us < time_us)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

int
mg_sparkline_oldest_age_in_range (const MgHistory *history,
                                  guint            range_s)
{
  guint length = mg_history_get_length (history);
  gint64 left_us;

  if (length == 0)
    return -1;

  left_us = mg_history_get (history, 0)->time_us - (gint64) range_s * G_USEC_PER_SEC;
  return MAX ((int) mg_sparkline_first_age_before (history, left_us, 0, length) - 1, 0);
}

int
mg_sparkline_nearest_age (const MgHistory *history,
                          guint            range_s,
                          double           position)
{
  guint length = mg_history_get_length (history);
  gint64 time_us;
  guint older;
  int age;

  if (length == 0)
    return -1;

  time_us = mg_history_get (history, 0)->time_us -
            (gint64) ((1.0 - CLAMP (position, 0.0, 1.0)) * range_s * G_USEC_PER_SEC);
  /* The entries on either side of the time: the first older one and the one before it. */
  older = mg_sparkline_first_age_before (history, time_us, 0, length);
  if (older == 0)
    age = 0;
  else if (older == length)
    age = (int) older - 1;
  else
    age = time_us - mg_history_get (history, older)->time_us <
          mg_history_get (history, older - 1)->time_us - time_us
          ? (int) older : (int) older - 1;

  return MIN (age, mg_sparkline_oldest_age_in_range (history, range_s));
}

static void
fill_column (const MgHistory   *history,
             MgSparklineColumn *column,
             guint              newer,
             guint              older)
{
  guint count = older - newer;
  guint stride = (count + MAX_PER_COLUMN - 1) / MAX_PER_COLUMN;
  float fraction = 0.0f;
  guint8 level = MG_LEVEL_UNKNOWN;
  gboolean valid = FALSE;

  /* The worst reading of the column: a short spike must not fall between pixels. */
  for (guint age = newer; age < older; age += stride)
    {
      const MgHistoryEntry *entry = mg_history_get (history, age);

      if (!entry->valid)
        continue;
      fraction = MAX (fraction, entry->used_fraction);
      level = MAX (level, entry->level);
      valid = TRUE;
    }

  column->fraction = fraction;
  column->level = valid ? level : MG_LEVEL_UNKNOWN;
  column->filled = TRUE;
  column->valid = valid;
}

void
mg_sparkline_fill_columns (const MgHistory *history,
                           guint            range_s,
                           double           interval_s,
                           GArray          *columns,
                           int             *first_filled,
                           int             *last_filled)
{
  guint n = columns->len;
  guint length = mg_history_get_length (history);
  gint64 newest_us;
  gint64 left_us;
  gint64 gap_us;
  double column_us;
  guint older;

  *first_filled = -1;
  *last_filled = -1;
  if (n == 0 || length == 0)
    return;

  newest_us = mg_history_get (history, 0)->time_us;
  left_us = newest_us - (gint64) range_s * G_USEC_PER_SEC;
  column_us = (double) range_s * G_USEC_PER_SEC / n;
  gap_us = (gint64) (GAP_INTERVALS * interval_s * G_USEC_PER_SEC);
  gap_us = MAX (gap_us, (gint64) column_us);

  older = mg_sparkline_first_age_before (history, left_us, 0, length);

  for (guint c = 0; c < n && older > 0; c++)
    {
      MgSparklineColumn *column = &g_array_index (columns, MgSparklineColumn, c);
      gint64 start_us = left_us + (gint64) (c * column_us);
      gint64 end_us = c + 1 == n ? newest_us + 1 : left_us + (gint64) ((c + 1) * column_us);
      guint newer = mg_sparkline_first_age_before (history, end_us, 0, older);

      if (newer < older)
        {
          fill_column (history, column, newer, older);
        }
      else if (older < length &&
               start_us - mg_history_get (history, older)->time_us <= gap_us)
        {
          const MgHistoryEntry *previous = mg_history_get (history, older);

          column->fraction = previous->valid ? previous->used_fraction : 0.0f;
          column->level = previous->valid ? previous->level : MG_LEVEL_UNKNOWN;
          column->filled = TRUE;
          column->valid = previous->valid;
        }

      if (column->filled)
        {
          if (*first_filled < 0)
            *first_filled = (int) c;
          *last_filled = (int) c;
        }

      older = newer;
    }

  /* Before the first column is reached, older == length means no entry is old enough
   * to continue from: columns stay empty, which is right. */
}
