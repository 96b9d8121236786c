/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgHistory: a fixed ring of the last samples' used fraction and level, newest first. */

#define G_LOG_DOMAIN "memgauge-history"

#include "config.h"

#include "mg-history.h"

struct _MgHistory {
  guint          capacity;
  guint          head;
  guint          length;
  MgHistoryEntry entries[];
};

MgHistory *
mg_history_new (guint capacity)
{
  MgHistory *history;

  g_return_val_if_fail (capacity > 0, NULL);

  history = g_malloc0 (sizeof (MgHistory) + capacity * sizeof (MgHistoryEntry));
  history->capacity = capacity;
  /* The first push lands at 0. */
  history->head = capacity - 1;

  return history;
}

void
mg_history_free (MgHistory *history)
{
  g_free (history);
}

void
mg_history_push (MgHistory            *history,
                 const MgHistoryEntry *entry)
{
  g_return_if_fail (history != NULL);
  g_return_if_fail (entry != NULL);

  history->head = (history->head + 1) % history->capacity;
  history->length = MIN (history->length + 1, history->capacity);
  history->entries[history->head] = *entry;
}

guint
mg_history_get_length (const MgHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->length;
}

guint
mg_history_get_capacity (const MgHistory *history)
{
  g_return_val_if_fail (history != NULL, 0);

  return history->capacity;
}

const MgHistoryEntry *
mg_history_get (const MgHistory *history,
                guint            age)
{
  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (age < history->length, NULL);

  return &history->entries[(history->head + history->capacity - age) % history->capacity];
}

guint
mg_history_insert_older (MgHistory            *history,
                         const MgHistoryEntry *entries,
                         guint                 n_entries)
{
  guint inserted = 0;

  g_return_val_if_fail (history != NULL, 0);
  g_return_val_if_fail (entries != NULL || n_entries == 0, 0);

  /* The slot just behind the oldest entry is head - length; newest of @entries first,
   * so that a full ring keeps the newest. */
  while (inserted < n_entries && history->length < history->capacity)
    {
      guint slot = (history->head + history->capacity - history->length) % history->capacity;

      history->entries[slot] = entries[n_entries - 1 - inserted];
      history->length++;
      inserted++;
    }

  return inserted;
}

guint
mg_history_restore (MgHistory            *history,
                    const MgHistoryEntry *entries,
                    guint                 n_entries)
{
  guint length;
  guint end = n_entries;
  guint first;

  g_return_val_if_fail (history != NULL, 0);
  g_return_val_if_fail (entries != NULL || n_entries == 0, 0);

  length = mg_history_get_length (history);
  while (length > 0 && end > 0 &&
         entries[end - 1].time_us >= mg_history_get (history, length - 1)->time_us)
    end--;
  first = end;
  while (first > 0 && (first == end || entries[first - 1].time_us <= entries[first].time_us))
    first--;

  return mg_history_insert_older (history, entries + first, end - first);
}

void
mg_history_record (MgHistory      *history,
                   gint64          time_us,
                   const MgSample *sample,
                   MgLevel         level)
{
  MgHistoryEntry entry = {
    .time_us = time_us,
    .level = (guint8) level,
    .valid = sample != NULL,
  };

  if (sample != NULL)
    entry.used_fraction = (float) ((double) mg_sample_used_kib (sample) /
                                   (double) mg_sample_total_kib (sample));
  mg_history_push (history, &entry);
}
