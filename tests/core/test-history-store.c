/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-history-store: the state file's format and every check of its parser. */

#include <math.h>
#include <string.h>

#include "mg-history-store.h"
#include "mg-level.h"
#include "mg-test-util.h"

#define SECOND ((gint64) G_USEC_PER_SEC)
/* Wall-clock now for the pure tests: 2026-11-22 02:30 UTC. */
#define NOW ((gint64) 1795314600 * SECOND)
#define MACHINE_ID "0123456789abcdef0123456789abcdef\n"
#define MEM_TOTAL 24684084

static void
identity (MgHistoryStoreIdentity *id)
{
  mg_history_store_identity_init (id, MACHINE_ID, MEM_TOTAL);
}

/* @n entries @step_s apart on a monotonic clock whose "now" is @mono_now, the newest at
 * now; every fifth one a failed sample. */
static MgHistory *
make_history (guint  n,
              gint64 step_us,
              gint64 mono_now)
{
  MgHistory *history = mg_history_new (MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gboolean valid = i % 5 != 4;
      MgHistoryEntry entry = {
        .time_us = mono_now - (gint64) (n - 1 - i) * step_us,
        .used_fraction = valid ? 0.1f + 0.8f * (float) i / (float) n : 0.0f,
        .level = valid ? (guint8) (MG_LEVEL_LOW + i % 4) : MG_LEVEL_UNKNOWN,
        .valid = valid,
      };

      mg_history_push (history, &entry);
    }

  return history;
}

/* Ten minutes at 3 s, serialized with the monotonic clock at 1000 s. */
static guint8 *
make_file (gsize *length)
{
  g_autoptr(MgHistory) history = make_history (200, 3 * SECOND, 1000 * SECOND);
  MgHistoryStoreIdentity id;
  g_autoptr(GBytes) bytes = NULL;

  identity (&id);
  bytes = mg_history_store_serialize (history, &id, NOW - 1000 * SECOND, NOW);
  return g_bytes_unref_to_data (g_steal_pointer (&bytes), length);
}

static void
expect_error (const guint8 *data,
              gsize         length,
              gint64        now,
              int           code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  MgHistoryStoreIdentity id;
  /* An exact-size copy, so that ASan sees any read past the end. */
  g_autofree guint8 *copy = g_memdup2 (data, MAX (length, 1));

  identity (&id);
  g_assert_false (mg_history_store_parse (copy, length, &id, 0, now, &entries, &error));
  g_assert_error (error, MG_HISTORY_STORE_ERROR, code);
  g_assert_null (entries);
  g_test_message ("%s", error->message);
}

static void
put_u32 (guint8  *p,
         guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (p, &value, sizeof value);
}

static void
test_round_trip (void)
{
  g_autoptr(MgHistory) history = make_history (200, 3 * SECOND, 1000 * SECOND);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  MgHistoryStoreIdentity id;
  gsize length;

  data = make_file (&length);
  g_assert_cmpuint (length, ==, MG_HISTORY_STORE_HEADER_SIZE + 200 * MG_HISTORY_STORE_ENTRY_SIZE);

  /* After a reboot the monotonic clock reads 5 s at NOW + 60 s. */
  identity (&id);
  g_assert_true (mg_history_store_parse (data, length, &id, NOW + 55 * SECOND, NOW + 60 * SECOND,
                                         &entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 200);
  for (guint i = 0; i < entries->len; i++)
    {
      const MgHistoryEntry *got = &g_array_index (entries, MgHistoryEntry, i);
      const MgHistoryEntry *want = mg_history_get (history, 199 - i);

      /* Wall time is kept; on the new clock each entry is 1000 - 55 s earlier. */
      g_assert_cmpint (got->time_us, ==, want->time_us - 1055 * SECOND);
      g_assert_cmpfloat (got->used_fraction, ==, want->used_fraction);
      g_assert_cmpuint (got->level, ==, want->level);
      g_assert_cmpuint (got->valid, ==, want->valid);
    }
}

static void
test_empty (void)
{
  g_autoptr(MgHistory) history = mg_history_new (4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MgHistoryStoreIdentity id;

  identity (&id);
  bytes = mg_history_store_serialize (history, &id, 0, NOW);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, MG_HISTORY_STORE_HEADER_SIZE);
  g_assert_true (mg_history_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &id, 0, NOW, &entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_truncated (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);

  /* Every shorter length: the magic cut short, the header, then a partial entry. */
  for (gsize cut = 0; cut < length; cut++)
    expect_error (data, cut, NOW,
                  cut < 8 ? MG_HISTORY_STORE_ERROR_MAGIC : MG_HISTORY_STORE_ERROR_TRUNCATED);
}

static void
test_extra_bytes (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);
  g_autofree guint8 *longer = g_malloc0 (length + 1);

  memcpy (longer, data, length);
  expect_error (longer, length + 1, NOW, MG_HISTORY_STORE_ERROR_TOO_LARGE);
}

static void
test_wrong_magic (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);
  const char *text = "MemTotal:       24684084 kB\nMemFree:  1 kB\nMemAvailable: 2 kB\n";

  data[0] ^= 0x20;
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_MAGIC);
  expect_error ((const guint8 *) text, strlen (text), NOW, MG_HISTORY_STORE_ERROR_MAGIC);
}

static void
test_wrong_version (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);

  put_u32 (data + 8, MG_HISTORY_STORE_VERSION + 1);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_VERSION);
  put_u32 (data + 8, 0);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_VERSION);
}

static void
test_foreign (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MgHistoryStoreIdentity other;

  /* Another machine id, the same with other white space, and another MemTotal. */
  mg_history_store_identity_init (&other, "fedcba9876543210fedcba9876543210", MEM_TOTAL);
  g_assert_false (mg_history_store_parse (data, length, &other, 0, NOW, &entries, &error));
  g_assert_error (error, MG_HISTORY_STORE_ERROR, MG_HISTORY_STORE_ERROR_FOREIGN);
  g_clear_error (&error);

  mg_history_store_identity_init (&other, "  0123456789abcdef0123456789abcdef", MEM_TOTAL);
  g_assert_true (mg_history_store_parse (data, length, &other, 0, NOW, &entries, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_array_unref);

  mg_history_store_identity_init (&other, MACHINE_ID, MEM_TOTAL + 4);
  g_assert_false (mg_history_store_parse (data, length, &other, 0, NOW, &entries, &error));
  g_assert_error (error, MG_HISTORY_STORE_ERROR, MG_HISTORY_STORE_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, "24684084"));
}

static void
test_future (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);

  /* Read a second before its newest entry was taken: the clock went back. */
  expect_error (data, length, NOW - SECOND, MG_HISTORY_STORE_ERROR_INVALID);
  /* The first entry after now. */
  expect_error (data, length, NOW - 700 * SECOND, MG_HISTORY_STORE_ERROR_INVALID);
}

static void
test_out_of_order (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);
  guint8 *third = data + MG_HISTORY_STORE_HEADER_SIZE + 2 * MG_HISTORY_STORE_ENTRY_SIZE;

  put_u32 (third, 0);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_INVALID);
}

static void
test_huge_count (void)
{
  gsize length;
  g_autofree guint8 *data = make_file (&length);

  put_u32 (data + 12, G_MAXUINT32);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_TOO_LARGE);
  put_u32 (data + 12, MG_HISTORY_STORE_MAX_ENTRIES + 1);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_TOO_LARGE);
  /* Allowed, but the file is far too short for it. */
  put_u32 (data + 12, MG_HISTORY_STORE_MAX_ENTRIES);
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_TRUNCATED);
}

static void
test_bad_values (void)
{
  const float fractions[] = { NAN, -NAN, INFINITY, -INFINITY, -0.01f, 1.01f };
  gsize length;
  g_autofree guint8 *data = make_file (&length);
  /* The first entry is a valid sample, the fifth a failed one. */
  guint8 *first = data + MG_HISTORY_STORE_HEADER_SIZE;
  guint8 *failed = data + MG_HISTORY_STORE_HEADER_SIZE + 4 * MG_HISTORY_STORE_ENTRY_SIZE;
  guint8 saved[MG_HISTORY_STORE_ENTRY_SIZE];

  memcpy (saved, first, sizeof saved);
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      memcpy (first + 4, &fractions[i], sizeof (float));
      expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_INVALID);
    }
  memcpy (first, saved, sizeof saved);

  first[8] = MG_LEVEL_CRITICAL + 1;
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_INVALID);
  first[8] = MG_LEVEL_LOW;
  first[9] = 0x81;
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_INVALID);
  first[9] = 0x01;

  /* A failed sample with a reading or a level is not one we wrote. */
  g_assert_cmpuint (failed[9], ==, 0);
  failed[8] = MG_LEVEL_HIGH;
  expect_error (data, length, NOW, MG_HISTORY_STORE_ERROR_INVALID);
}

static void
test_old_dropped (void)
{
  g_autoptr(MgHistory) history = make_history (200, 30 * SECOND, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MgHistoryStoreIdentity id;

  /* 200 entries 30 s apart reach 99.5 minutes back: only the last hour is written. */
  identity (&id);
  bytes = mg_history_store_serialize (history, &id, NOW, NOW);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==,
                    MG_HISTORY_STORE_HEADER_SIZE + 121 * MG_HISTORY_STORE_ENTRY_SIZE);

  /* Read 20 minutes later: what is now more than an hour old is dropped. */
  g_assert_true (mg_history_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &id, NOW, NOW + 1200 * SECOND, &entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 81);
  g_assert_cmpint (g_array_index (entries, MgHistoryEntry, 0).time_us, ==, -2400 * SECOND);
  g_assert_cmpint (g_array_index (entries, MgHistoryEntry, 80).time_us, ==, 0);
}

static void
test_max_entries (void)
{
  /* 5000 samples at 0.5 s within the hour: the newest 3600 are written. */
  g_autoptr(MgHistory) history = make_history (5000, SECOND / 2, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MgHistoryStoreIdentity id;

  identity (&id);
  bytes = mg_history_store_serialize (history, &id, NOW, NOW);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, MG_HISTORY_STORE_MAX_SIZE);
  g_assert_true (mg_history_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         &id, NOW, NOW, &entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, MG_HISTORY_STORE_MAX_ENTRIES);
  g_assert_cmpint (g_array_index (entries, MgHistoryEntry, 0).time_us, ==, -1799 * SECOND - SECOND / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history-store/round-trip", test_round_trip);
  g_test_add_func ("/history-store/empty", test_empty);
  g_test_add_func ("/history-store/corrupt/truncated", test_truncated);
  g_test_add_func ("/history-store/corrupt/extra-bytes", test_extra_bytes);
  g_test_add_func ("/history-store/corrupt/wrong-magic", test_wrong_magic);
  g_test_add_func ("/history-store/corrupt/wrong-version", test_wrong_version);
  g_test_add_func ("/history-store/corrupt/foreign", test_foreign);
  g_test_add_func ("/history-store/corrupt/future", test_future);
  g_test_add_func ("/history-store/corrupt/out-of-order", test_out_of_order);
  g_test_add_func ("/history-store/corrupt/huge-count", test_huge_count);
  g_test_add_func ("/history-store/corrupt/bad-values", test_bad_values);
  g_test_add_func ("/history-store/older-than-hour-dropped", test_old_dropped);
  g_test_add_func ("/history-store/max-entries", test_max_entries);

  return g_test_run ();
}
