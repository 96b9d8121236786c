/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgHistoryKeeper: real monitors of a temporary proc root restore the state file
 * another one wrote; the file is written atomically, privately and only when needed. */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mg-history-keeper.h"
#include "mg-history-store.h"
#include "mg-test-util.h"

#define TOTAL 8000000

typedef struct {
  char *root;
  char *proc;
  char *state;
  char *path;
} Fixture;

static void
write_meminfo (Fixture *fixture,
               guint64  total,
               guint64  available)
{
  g_autofree char *text = g_strdup_printf ("MemTotal:       %" G_GUINT64_FORMAT " kB\n"
                                           "MemFree:        %" G_GUINT64_FORMAT " kB\n"
                                           "MemAvailable:   %" G_GUINT64_FORMAT " kB\n"
                                           "SwapTotal:             0 kB\n"
                                           "SwapFree:              0 kB\n",
                                           total, available / 2, available);

  mg_test_write_file (fixture->proc, "meminfo", text);
}

static void
setup (Fixture       *fixture,
       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-keeper-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->proc = g_build_filename (fixture->root, "proc", NULL);
  fixture->state = g_build_filename (fixture->root, "state", "memgauge", NULL);
  fixture->path = g_build_filename (fixture->state, "history", NULL);
  mg_test_write_file (fixture->proc, "vmstat", "pswpin 1\npswpout 2\npgmajfault 3\n");
  write_meminfo (fixture, TOTAL, TOTAL / 4);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  user_data)
{
  mg_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->proc);
  g_free (fixture->state);
  g_free (fixture->path);
}

/* A monitor of the fixture's proc root with a keeper, after @n samples. */
static MgMonitor *
run (Fixture          *fixture,
     guint             n,
     MgHistoryKeeper **keeper)
{
  MgMonitor *monitor = mg_test_monitor_new (fixture->proc);

  *keeper = mg_history_keeper_new (monitor, fixture->path);
  for (guint i = 0; i < n; i++)
    mg_monitor_sample_now (monitor);

  return monitor;
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = run (fixture, 3, &keeper);
  g_autoptr(MgHistoryKeeper) keeper2 = NULL;
  g_autoptr(MgMonitor) monitor2 = NULL;
  const MgHistory *history;

  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_cmpstr (mg_history_keeper_get_path (keeper), ==, fixture->path);
  assert_mode (fixture->state, 0700);
  assert_mode (fixture->path, 0600);

  /* The next run sees 75 % used, then 50 %: the first three readings came back behind. */
  write_meminfo (fixture, TOTAL, TOTAL / 2);
  monitor2 = run (fixture, 1, &keeper2);
  history = mg_monitor_get_history (monitor2);
  g_assert_cmpuint (mg_history_get_length (history), ==, 4);
  g_assert_cmpfloat_with_epsilon (mg_history_get (history, 0)->used_fraction, 0.5, 1e-6);
  for (guint age = 1; age < 4; age++)
    {
      const MgHistoryEntry *entry = mg_history_get (history, age);
      const MgHistoryEntry *was = mg_history_get (mg_monitor_get_history (monitor), 3 - age);

      g_assert_true (entry->valid);
      g_assert_cmpfloat_with_epsilon (entry->used_fraction, 0.75, 1e-6);
      g_assert_cmpuint (entry->level, ==, was->level);
      g_assert_cmpint (entry->time_us, <, mg_history_get (history, age - 1)->time_us);
      /* The same clock here, so the same time, give or take the clocks' reading. */
      g_assert_cmpint (ABS (entry->time_us - was->time_us), <, G_USEC_PER_SEC / 10);
    }
}

static void
test_atomic (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = run (fixture, 2, &keeper);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *seen = NULL;
  GStatBuf old_st;
  GStatBuf new_st;
  gsize before_len;
  gsize after_len;
  gssize n;
  int fd;

  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  fd = g_open (fixture->path, O_RDONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fstat (fd, &old_st), ==, 0);

  mg_monitor_sample_now (monitor);
  g_assert_true (mg_history_keeper_save (keeper));

  /* A reader of the old file still reads all of it: the new one replaced it by rename,
   * not by rewriting it in place, and no temporary file is left. */
  seen = g_malloc0 (before_len + 1);
  n = pread (fd, seen, before_len + 1, 0);
  g_assert_cmpint (n, ==, (gssize) before_len);
  g_assert_cmpmem (seen, before_len, before, before_len);
  close (fd);
  g_assert_cmpint (g_stat (fixture->path, &new_st), ==, 0);
  g_assert_cmpuint (new_st.st_ino, !=, old_st.st_ino);
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, before_len + MG_HISTORY_STORE_ENTRY_SIZE);
  g_assert_cmpuint (mg_test_count_entries (fixture->state), ==, 1);
  assert_mode (fixture->path, 0600);
}

static void
test_only_when_changed (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = run (fixture, 2, &keeper);
  GStatBuf first;
  GStatBuf second;

  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_cmpint (g_stat (fixture->path, &first), ==, 0);
  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_cmpint (g_stat (fixture->path, &second), ==, 0);
  g_assert_cmpuint (first.st_ino, ==, second.st_ino);
}

static void
test_no_valid_sample (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = NULL;

  /* Without a reading, MemTotal is unknown: nothing is read, nothing written. */
  mg_test_write_file (fixture->proc, "meminfo", "MemTotal: x kB\n");
  monitor = run (fixture, 2, &keeper);
  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A run whose file is refused with one message saying which file and why; its own
 * samples are all it shows, and its next write replaces the file. */
static void
assert_ignored (Fixture    *fixture,
                const char *why)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = NULL;
  g_autofree char *pattern = g_strdup_printf ("Ignoring the saved memory history %s: %s",
                                              fixture->path, why);

  g_test_expect_message ("memgauge-history", G_LOG_LEVEL_MESSAGE, pattern);
  monitor = run (fixture, 2, &keeper);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (mg_history_get_length (mg_monitor_get_history (monitor)), ==, 2);

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
}

static void
test_foreign (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = run (fixture, 3, &keeper);

  g_assert_true (mg_history_keeper_save (keeper));
  /* The same machine after a memory upgrade. */
  write_meminfo (fixture, 2 * TOTAL, TOTAL);
  assert_ignored (fixture, "written with MemTotal 8000000 kB, this machine has 16000000 kB");
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *huge = g_strnfill (MG_HISTORY_STORE_MAX_SIZE + 1, 'x');

  mg_test_write_file (fixture->state, "history", "MGHIST\r\n\x01");
  assert_ignored (fixture, "*shorter than the header");

  mg_test_write_file (fixture->state, "history", huge);
  assert_ignored (fixture, "not a regular file of at most * bytes");

  /* A FIFO would block a plain read for ever. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_cmpint (mkfifo (fixture->path, 0600), ==, 0);
  assert_ignored (fixture, "not a regular file of at most * bytes");
}

/* The first sample is timed six minutes ago, the next now: the keeper writes at that
 * sample, from its worker thread. */
static gint64
six_minutes_ago_once (gpointer user_data)
{
  gboolean *first = user_data;
  gint64 now = g_get_monotonic_time ();

  if (*first)
    {
      *first = FALSE;
      return now - 6 * 60 * G_USEC_PER_SEC;
    }
  return now;
}

/* Runs the main context for @seconds. */
static void
spin (double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main context for up to @seconds or until @path exists. */
static gboolean
wait_for_file (const char *path,
               double      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_periodic (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(MgHistoryKeeper) keeper = NULL;
  g_autoptr(MgMonitor) monitor = run (fixture, 20, &keeper);
  g_autoptr(MgHistoryKeeper) keeper2 = NULL;
  g_autoptr(MgMonitor) monitor2 = mg_test_monitor_new (fixture->proc);
  gboolean first = TRUE;

  /* Samples within five minutes write nothing. */
  g_assert_false (wait_for_file (fixture->path, 0.3));

  keeper2 = mg_history_keeper_new (monitor2, fixture->path);
  mg_monitor_set_time_func (monitor2, six_minutes_ago_once, &first);
  mg_monitor_sample_now (monitor2);
  g_assert_false (wait_for_file (fixture->path, 0.1));
  mg_monitor_sample_now (monitor2);
  g_assert_true (wait_for_file (fixture->path, 10));
  assert_mode (fixture->path, 0600);
  /* Let the worker's answer reach the keeper before it goes. */
  spin (0.1);
}

/* Quitting while the worker has a write queued: the file is there when save returns,
 * with every sample, since the process may end at once. */
static void
test_save_while_writing (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(MgMonitor) monitor = mg_test_monitor_new (fixture->proc);
  g_autoptr(MgHistoryKeeper) keeper = mg_history_keeper_new (monitor, fixture->path);
  g_autofree char *contents = NULL;
  gboolean first = TRUE;
  gsize length = 0;

  mg_monitor_set_time_func (monitor, six_minutes_ago_once, &first);
  mg_monitor_sample_now (monitor);
  mg_monitor_sample_now (monitor);
  g_assert_true (mg_history_keeper_save (keeper));
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, MG_HISTORY_STORE_HEADER_SIZE + 2 * MG_HISTORY_STORE_ENTRY_SIZE);

  /* The worker's write comes later and must not replace it with anything else. */
  spin (0.3);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, MG_HISTORY_STORE_HEADER_SIZE + 2 * MG_HISTORY_STORE_ENTRY_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/history-keeper/restore", Fixture, NULL, setup, test_restore, teardown);
  g_test_add ("/history-keeper/atomic", Fixture, NULL, setup, test_atomic, teardown);
  g_test_add ("/history-keeper/only-when-changed", Fixture, NULL, setup,
              test_only_when_changed, teardown);
  g_test_add ("/history-keeper/no-valid-sample", Fixture, NULL, setup, test_no_valid_sample,
              teardown);
  g_test_add ("/history-keeper/foreign", Fixture, NULL, setup, test_foreign, teardown);
  g_test_add ("/history-keeper/corrupt", Fixture, NULL, setup, test_corrupt, teardown);
  g_test_add ("/history-keeper/periodic", Fixture, NULL, setup, test_periodic, teardown);
  g_test_add ("/history-keeper/save-while-writing", Fixture, NULL, setup,
              test_save_while_writing, teardown);

  return g_test_run ();
}
