/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_history_store_parse() on arbitrary bytes, the state file that
 * MemGauge reads at start. What it accepts must be within range and in order, and must
 * come out the same after being written again. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-history-store.h"
#include "mg-level.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The seeds in corpus/history-store/ were written for this machine id and MemTotal, and
 * for this "now" (2026-11-22 02:30 UTC). */
#define FUZZ_MACHINE_ID "fuzz"
#define FUZZ_MEM_TOTAL 8000000
#define FUZZ_NOW ((gint64) 1795314600 * G_USEC_PER_SEC)

static gboolean
entry_ok (const MgHistoryEntry *entry,
          gint64                previous_us)
{
  if (entry->time_us < previous_us || entry->time_us > FUZZ_NOW ||
      entry->time_us < FUZZ_NOW - MG_HISTORY_STORE_MAX_AGE_US)
    return FALSE;
  if (entry->level > MG_LEVEL_CRITICAL || entry->valid > 1)
    return FALSE;
  /* Written as "inside" so that a NaN fails it too. */
  if (!(entry->used_fraction >= 0.0f && entry->used_fraction <= 1.0f))
    return FALSE;
  return entry->valid || (entry->used_fraction == 0.0f && entry->level == MG_LEVEL_UNKNOWN);
}

/* What was accepted, written again and read back, must be what was read. */
static gboolean
round_trips (const MgHistoryStoreIdentity *identity,
             GArray                       *entries)
{
  g_autoptr(MgHistory) history = mg_history_new (MG_HISTORY_STORE_MAX_ENTRIES);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) again = NULL;
  GError *error = NULL;
  gboolean ok;

  for (guint i = 0; i < entries->len; i++)
    mg_history_push (history, &g_array_index (entries, MgHistoryEntry, i));
  bytes = mg_history_store_serialize (history, identity, 0, FUZZ_NOW);
  ok = mg_history_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               identity, 0, FUZZ_NOW, &again, &error);
  g_clear_error (&error);
  if (!ok || again->len != entries->len)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const MgHistoryEntry *a = &g_array_index (entries, MgHistoryEntry, i);
      const MgHistoryEntry *b = &g_array_index (again, MgHistoryEntry, i);

      if (a->time_us != b->time_us || a->used_fraction != b->used_fraction ||
          a->level != b->level || a->valid != b->valid)
        return FALSE;
    }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MgHistoryStoreIdentity identity;
  GArray *entries = NULL;
  GError *error = NULL;

  mg_history_store_identity_init (&identity, FUZZ_MACHINE_ID, FUZZ_MEM_TOTAL);

  if (mg_history_store_parse (data, size, &identity, 0, FUZZ_NOW, &entries, &error))
    {
      gint64 previous_us = G_MININT64;

      /* abort() is how a fuzz target reports a wrong answer as a crash. */
      if (error != NULL || entries == NULL || entries->len > MG_HISTORY_STORE_MAX_ENTRIES)
        abort ();
      for (guint i = 0; i < entries->len; i++)
        {
          const MgHistoryEntry *entry = &g_array_index (entries, MgHistoryEntry, i);

          if (!entry_ok (entry, previous_us))
            abort ();
          previous_us = entry->time_us;
        }
      if (!round_trips (&identity, entries))
        abort ();
      g_array_unref (entries);
    }
  else if (error == NULL || error->domain != MG_HISTORY_STORE_ERROR || entries != NULL)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
