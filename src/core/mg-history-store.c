/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-history-store: the last hour of MgHistory as bytes and back, for the state file.
 * No I/O here: mg-history-keeper reads and writes the file.
 *
 * The format, all integers little-endian:
 *
 *   offset  size  field
 *        0     8  magic "MGHIST\r\n" (the CR LF catches text-mode mangling)
 *        8     4  version, MG_HISTORY_STORE_VERSION
 *       12     4  number of entries, at most MG_HISTORY_STORE_MAX_ENTRIES
 *       16    16  SHA-256 of "memgauge-history:" + machine id, first 16 bytes
 *       32     8  MemTotal in KiB
 *       40     8  wall-clock time of the first entry, µs since the epoch
 *       48  10×n  entries: u32 µs after the first entry, f32 used fraction (IEEE 754
 *                 bits), u8 level, u8 flags (bit 0: valid)
 *
 * An hour is 3.6e9 µs, within a u32. The file holds exactly what MgHistory needs to draw
 * the graph again, and nothing more: 12 KiB for an hour at the default 3 s. */

#define G_LOG_DOMAIN "memgauge-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mg-history-store.h"
#include "mg-level.h"

#define MAGIC "MGHIST\r\n"
#define MAGIC_SIZE (sizeof (MAGIC) - 1)
#define FLAG_VALID 0x01

G_DEFINE_QUARK (mg-history-store-error-quark, mg_history_store_error)

void
mg_history_store_identity_init (MgHistoryStoreIdentity *identity,
                                const char             *machine_id,
                                guint64                 mem_total_kib)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id = g_strstrip (g_strdup (machine_id != NULL ? machine_id : ""));
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_if_fail (identity != NULL);

  /* Hashed with a purpose string, as systemd asks of anything that derives from the id. */
  g_checksum_update (checksum, (const guchar *) "memgauge-history:", -1);
  g_checksum_update (checksum, (const guchar *) id, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  memcpy (identity->machine, digest, sizeof identity->machine);
  identity->mem_total_kib = mem_total_kib;
}

static void
put_u32 (guint8  *p,
         guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (p, &value, sizeof value);
}

static void
put_u64 (guint8  *p,
         guint64  value)
{
  value = GUINT64_TO_LE (value);
  memcpy (p, &value, sizeof value);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, sizeof value);
  return GUINT32_FROM_LE (value);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 value;

  memcpy (&value, p, sizeof value);
  return GUINT64_FROM_LE (value);
}

GBytes *
mg_history_store_serialize (const MgHistory              *history,
                            const MgHistoryStoreIdentity *identity,
                            gint64                        wall_offset_us,
                            gint64                        now_wall_us)
{
  guint length;
  guint first;
  guint count = 0;
  gint64 base_us = 0;
  guint8 *data;
  guint8 *p;

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  /* Ages run back in time: find the oldest entry of the last hour, not in the future. */
  length = mg_history_get_length (history);
  first = 0;
  while (first < length &&
         mg_history_get (history, first)->time_us + wall_offset_us > now_wall_us)
    first++;
  while (first + count < length && count < MG_HISTORY_STORE_MAX_ENTRIES &&
         mg_history_get (history, first + count)->time_us + wall_offset_us >=
         now_wall_us - MG_HISTORY_STORE_MAX_AGE_US)
    count++;
  if (count > 0)
    base_us = mg_history_get (history, first + count - 1)->time_us + wall_offset_us;

  data = g_malloc0 (MG_HISTORY_STORE_HEADER_SIZE + (gsize) count * MG_HISTORY_STORE_ENTRY_SIZE);
  memcpy (data, MAGIC, MAGIC_SIZE);
  put_u32 (data + 8, MG_HISTORY_STORE_VERSION);
  put_u32 (data + 12, count);
  memcpy (data + 16, identity->machine, sizeof identity->machine);
  put_u64 (data + 32, identity->mem_total_kib);
  put_u64 (data + 40, (guint64) base_us);

  p = data + MG_HISTORY_STORE_HEADER_SIZE;
  for (guint i = count; i > 0; i--, p += MG_HISTORY_STORE_ENTRY_SIZE)
    {
      const MgHistoryEntry *entry = mg_history_get (history, first + i - 1);
      float fraction = entry->valid ? entry->used_fraction : 0.0f;
      guint32 bits;

      /* What the parser refuses is never written (NaN fails the first test). */
      if (!(fraction >= 0.0f))
        fraction = 0.0f;
      fraction = MIN (fraction, 1.0f);
      memcpy (&bits, &fraction, sizeof bits);
      /* Within the hour, and times never go back in the ring. */
      put_u32 (p, (guint32) (entry->time_us + wall_offset_us - base_us));
      put_u32 (p + 4, bits);
      p[8] = entry->valid ? MIN (entry->level, MG_LEVEL_CRITICAL) : MG_LEVEL_UNKNOWN;
      p[9] = entry->valid ? FLAG_VALID : 0;
    }

  return g_bytes_new_take (data, MG_HISTORY_STORE_HEADER_SIZE +
                                 (gsize) count * MG_HISTORY_STORE_ENTRY_SIZE);
}

static gboolean
fail (GError              **error,
      MgHistoryStoreError   code,
      const char           *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError              **error,
      MgHistoryStoreError   code,
      const char           *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MG_HISTORY_STORE_ERROR, code, format, args));
  va_end (args);

  return FALSE;
}

/* One entry, checked on its own and against the one before it. */
static gboolean
parse_entry (const guint8   *p,
             guint           index,
             gint64          base_us,
             gint64          previous_us,
             gint64          now_wall_us,
             gint64         *time_us,
             MgHistoryEntry *entry,
             GError        **error)
{
  guint32 bits = get_u32 (p + 4);
  float fraction;

  memcpy (&fraction, &bits, sizeof fraction);
  *time_us = base_us + get_u32 (p);

  if (*time_us < previous_us)
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID,
                 "entry %u is older than the one before it", index);
  if (*time_us > now_wall_us)
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID, "entry %u is in the future", index);
  if ((p[9] & ~FLAG_VALID) != 0)
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID,
                 "entry %u has unknown flags 0x%02x", index, p[9]);
  if (p[8] > MG_LEVEL_CRITICAL)
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID,
                 "entry %u has no level %u", index, p[8]);
  /* A failed sample has no reading and no level: anything else was not written by us. */
  if (!isfinite (fraction) || fraction < 0.0f || fraction > 1.0f ||
      (!(p[9] & FLAG_VALID) && (fraction != 0.0f || p[8] != MG_LEVEL_UNKNOWN)))
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID,
                 "entry %u has a used fraction out of range", index);

  entry->used_fraction = fraction;
  entry->level = p[8];
  entry->valid = (p[9] & FLAG_VALID) != 0;

  return TRUE;
}

gboolean
mg_history_store_parse (const guint8                 *data,
                        gsize                         length,
                        const MgHistoryStoreIdentity *identity,
                        gint64                        wall_offset_us,
                        gint64                        now_wall_us,
                        GArray                      **entries,
                        GError                      **error)
{
  g_autoptr(GArray) result = NULL;
  guint32 version;
  guint32 count;
  gint64 base_us;
  gint64 previous_us;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (identity != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < MAGIC_SIZE || memcmp (data, MAGIC, MAGIC_SIZE) != 0)
    return fail (error, MG_HISTORY_STORE_ERROR_MAGIC, "not a MemGauge history file");
  if (length < MG_HISTORY_STORE_HEADER_SIZE)
    return fail (error, MG_HISTORY_STORE_ERROR_TRUNCATED,
                 "%" G_GSIZE_FORMAT " bytes, shorter than the header", length);

  version = get_u32 (data + 8);
  if (version != MG_HISTORY_STORE_VERSION)
    return fail (error, MG_HISTORY_STORE_ERROR_VERSION,
                 "format version %u, this MemGauge reads version %u",
                 version, MG_HISTORY_STORE_VERSION);

  count = get_u32 (data + 12);
  if (count > MG_HISTORY_STORE_MAX_ENTRIES)
    return fail (error, MG_HISTORY_STORE_ERROR_TOO_LARGE,
                 "%u entries, more than the %u of an hour", count, MG_HISTORY_STORE_MAX_ENTRIES);
  /* count is bounded, so the product cannot overflow. */
  if (length < MG_HISTORY_STORE_HEADER_SIZE + (gsize) count * MG_HISTORY_STORE_ENTRY_SIZE)
    return fail (error, MG_HISTORY_STORE_ERROR_TRUNCATED,
                 "%" G_GSIZE_FORMAT " bytes, too short for its %u entries", length, count);
  if (length > MG_HISTORY_STORE_HEADER_SIZE + (gsize) count * MG_HISTORY_STORE_ENTRY_SIZE)
    return fail (error, MG_HISTORY_STORE_ERROR_TOO_LARGE,
                 "%" G_GSIZE_FORMAT " bytes, more than its %u entries", length, count);

  if (memcmp (data + 16, identity->machine, sizeof identity->machine) != 0)
    return fail (error, MG_HISTORY_STORE_ERROR_FOREIGN, "written on another machine");
  if (get_u64 (data + 32) != identity->mem_total_kib)
    return fail (error, MG_HISTORY_STORE_ERROR_FOREIGN,
                 "written with MemTotal %" G_GUINT64_FORMAT " kB, this machine has %"
                 G_GUINT64_FORMAT " kB", get_u64 (data + 32), identity->mem_total_kib);

  base_us = (gint64) get_u64 (data + 40);
  /* Also keeps base + u32 offset from overflowing. */
  if (count > 0 && (base_us <= 0 || base_us > now_wall_us))
    return fail (error, MG_HISTORY_STORE_ERROR_INVALID, "its first entry is in the future");

  result = g_array_sized_new (FALSE, FALSE, sizeof (MgHistoryEntry), count);
  previous_us = base_us;
  for (guint32 i = 0; i < count; i++)
    {
      MgHistoryEntry entry = { 0 };
      gint64 time_us;

      if (!parse_entry (data + MG_HISTORY_STORE_HEADER_SIZE + (gsize) i * MG_HISTORY_STORE_ENTRY_SIZE,
                        i, base_us, previous_us, now_wall_us, &time_us, &entry, error))
        return FALSE;
      previous_us = time_us;

      if (time_us < now_wall_us - MG_HISTORY_STORE_MAX_AGE_US)
        continue;
      entry.time_us = time_us - wall_offset_us;
      g_array_append_val (result, entry);
    }

  *entries = g_steal_pointer (&result);
  return TRUE;
}
