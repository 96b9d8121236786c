/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgHistory, the ring of past samples. */

#include "mg-history.h"

static void
push (MgHistory *history,
      gint64     time_us,
      float      used_fraction,
      gboolean   valid)
{
  MgHistoryEntry entry = {
    .time_us = time_us,
    .used_fraction = used_fraction,
    .level = 1,
    .valid = valid,
  };

  mg_history_push (history, &entry);
}

static void
test_empty (void)
{
  g_autoptr(MgHistory) history = mg_history_new (4);

  g_assert_cmpuint (mg_history_get_length (history), ==, 0);
  g_assert_cmpuint (mg_history_get_capacity (history), ==, 4);
}

static void
test_newest_first (void)
{
  g_autoptr(MgHistory) history = mg_history_new (4);

  push (history, 10, 0.1f, TRUE);
  push (history, 20, 0.2f, FALSE);
  push (history, 30, 0.3f, TRUE);

  g_assert_cmpuint (mg_history_get_length (history), ==, 3);
  g_assert_cmpint (mg_history_get (history, 0)->time_us, ==, 30);
  g_assert_cmpint (mg_history_get (history, 1)->time_us, ==, 20);
  g_assert_cmpint (mg_history_get (history, 2)->time_us, ==, 10);
  g_assert_cmpuint (mg_history_get (history, 1)->valid, ==, FALSE);
  g_assert_cmpfloat_with_epsilon (mg_history_get (history, 2)->used_fraction, 0.1, 1e-6);
}

static void
test_wraps (void)
{
  g_autoptr(MgHistory) history = mg_history_new (3);

  for (gint64 t = 1; t <= 10; t++)
    push (history, t, 0.5f, TRUE);

  /* The oldest seven are gone; the newest three remain in order. */
  g_assert_cmpuint (mg_history_get_length (history), ==, 3);
  g_assert_cmpint (mg_history_get (history, 0)->time_us, ==, 10);
  g_assert_cmpint (mg_history_get (history, 1)->time_us, ==, 9);
  g_assert_cmpint (mg_history_get (history, 2)->time_us, ==, 8);
}

static void
test_capacity_one (void)
{
  g_autoptr(MgHistory) history = mg_history_new (1);

  push (history, 1, 0.1f, TRUE);
  push (history, 2, 0.2f, TRUE);

  g_assert_cmpuint (mg_history_get_length (history), ==, 1);
  g_assert_cmpint (mg_history_get (history, 0)->time_us, ==, 2);
}

/* Restored entries go behind what the ring holds, also across its wrap point, and a
 * full ring keeps its own entries and the newest restored ones. */
static void
test_insert_older (void)
{
  g_autoptr(MgHistory) history = NULL;
  MgHistoryEntry restored[4];
  const gint64 expected[] = { 11, 10, 4, 3, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (restored); i++)
    restored[i] = (MgHistoryEntry) { .time_us = 1 + i, .used_fraction = 0.25f, .valid = TRUE };

  /* Two pushes fill slots 0 and 1: the restored ones go to 4, 3 and 2. */
  history = mg_history_new (5);
  for (gint64 t = 10; t <= 11; t++)
    push (history, t, 0.5f, TRUE);
  g_assert_cmpuint (mg_history_insert_older (history, restored, 4), ==, 3);
  g_assert_cmpuint (mg_history_get_length (history), ==, 5);
  for (guint age = 0; age < 5; age++)
    g_assert_cmpint (mg_history_get (history, age)->time_us, ==, expected[age]);
  g_assert_cmpfloat (mg_history_get (history, 2)->used_fraction, ==, 0.25f);
  g_assert_cmpuint (mg_history_insert_older (history, restored, 1), ==, 0);

  /* New samples push the restored ones out, oldest first. */
  push (history, 12, 0.5f, TRUE);
  g_assert_cmpint (mg_history_get (history, 4)->time_us, ==, 3);
}

static void
test_insert_older_empty (void)
{
  g_autoptr(MgHistory) history = mg_history_new (3);
  MgHistoryEntry restored[2] = {
    { .time_us = 1, .used_fraction = 0.1f, .valid = TRUE },
    { .time_us = 2, .used_fraction = 0.2f, .valid = TRUE },
  };

  g_assert_cmpuint (mg_history_insert_older (history, restored, 2), ==, 2);
  push (history, 3, 0.3f, TRUE);
  push (history, 4, 0.4f, TRUE);
  g_assert_cmpuint (mg_history_get_length (history), ==, 3);
  g_assert_cmpint (mg_history_get (history, 0)->time_us, ==, 4);
  g_assert_cmpint (mg_history_get (history, 2)->time_us, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/empty", test_empty);
  g_test_add_func ("/history/newest-first", test_newest_first);
  g_test_add_func ("/history/wraps", test_wraps);
  g_test_add_func ("/history/capacity-one", test_capacity_one);
  g_test_add_func ("/history/insert-older", test_insert_older);
  g_test_add_func ("/history/insert-older-empty", test_insert_older_empty);

  return g_test_run ();
}
