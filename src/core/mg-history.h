/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgHistory: a fixed ring of the last samples' used fraction and level, newest first. */
#pragma once

#include <glib.h>

#include "mg-level.h"
#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * MgHistoryEntry:
 * @time_us: monotonic time of the sample, in microseconds
 * @used_fraction: used / total, 0 to 1; 0 when @valid is %FALSE
 * @level: the #MgLevel after that sample
 * @valid: %FALSE for a sample that could not be read
 */
typedef struct {
  gint64  time_us;
  float   used_fraction;
  guint8  level;
  guint8  valid;
} MgHistoryEntry;

typedef struct _MgHistory MgHistory;

/**
 * mg_history_new:
 * @capacity: how many entries it keeps, at least 1; the oldest is dropped past that
 *
 * Returns: (transfer full): an empty history; it allocates nothing more afterwards
 */
MgHistory            *mg_history_new        (guint                 capacity);
void                  mg_history_free       (MgHistory            *history);
void                  mg_history_push       (MgHistory            *history,
                                             const MgHistoryEntry *entry);
guint                 mg_history_get_length (const MgHistory      *history);
guint                 mg_history_get_capacity (const MgHistory    *history);
/* @age 0 is the newest entry; @age must be below the length. */
const MgHistoryEntry *mg_history_get        (const MgHistory      *history,
                                             guint                 age);
/* Pushes one sample's entry: @sample's used fraction, or an invalid entry for a sample that
 * failed (%NULL). */
void                  mg_history_record     (MgHistory            *history,
                                             gint64                time_us,
                                             const MgSample       *sample,
                                             MgLevel               level);

/**
 * mg_history_insert_older:
 * @history: a history
 * @entries: (array length=n_entries): entries oldest first, each older than the oldest
 *   entry @history holds (checked by the caller, e.g. mg_monitor_restore_history())
 * @n_entries: how many
 *
 * Puts @entries behind the entries @history holds, as if they had been pushed before
 * them: for history restored after a restart. Where the ring is too small, the oldest of
 * @entries are left out; what @history held is never dropped. Allocates nothing.
 *
 * Returns: how many of @entries were inserted (the newest ones)
 */
guint                 mg_history_insert_older (MgHistory          *history,
                                               const MgHistoryEntry *entries,
                                               guint               n_entries);

/**
 * mg_history_restore:
 * @history: a history
 * @entries: (array length=n_entries): entries read back after a restart, oldest first
 * @n_entries: how many
 *
 * Keeps of @entries only those older than what @history holds, and of those only the run
 * at the newest end that is in time order (the graph's binary search relies on it), and
 * puts them behind with mg_history_insert_older().
 *
 * Returns: how many of @entries were inserted
 */
guint                 mg_history_restore      (MgHistory            *history,
                                               const MgHistoryEntry *entries,
                                               guint                 n_entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgHistory, mg_history_free)

G_END_DECLS
