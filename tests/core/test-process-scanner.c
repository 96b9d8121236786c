/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgProcessScanner against generated proc roots and the real /proc. */

#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "mg-process-scanner.h"
#include "mg-test-util.h"

typedef struct {
  char             *root;
  MgProcessScanner *scanner;
  gint64            now_us;
  guint             n_updated;
  GThread          *updated_thread;
} Fixture;

/* A process as the kernel shows it: smaps_rollup with @pss_kib (none when 0), statm with
 * @rss_pages resident, and comm. */
static void
add_process (Fixture    *fixture,
             guint       pid,
             const char *comm,
             guint64     pss_kib,
             guint64     rss_pages)
{
  g_autofree char *smaps = g_strdup_printf ("%u/smaps_rollup", pid);
  g_autofree char *statm = g_strdup_printf ("%u/statm", pid);
  g_autofree char *comm_path = g_strdup_printf ("%u/comm", pid);
  g_autofree char *comm_text = g_strdup_printf ("%s\n", comm);
  g_autofree char *statm_text = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                                                 " 100 10 0 500 0\n",
                                                 rss_pages * 3, rss_pages);

  if (pss_kib > 0)
    {
      g_autofree char *text =
        g_strdup_printf ("55d4c7a2e000-7ffd8b5f2000 ---p 00000000 00:00 0"
                         "                          [rollup]\n"
                         "Rss:              %" G_GUINT64_FORMAT " kB\n"
                         "Pss:              %" G_GUINT64_FORMAT " kB\n"
                         "Pss_Dirty:           12 kB\n"
                         "Pss_Anon:            34 kB\n"
                         "Pss_File:            56 kB\n"
                         "Pss_Shmem:            0 kB\n"
                         "Shared_Clean:      1234 kB\n"
                         "Swap:                 0 kB\n"
                         "SwapPss:              0 kB\n"
                         "Locked:               0 kB\n",
                         pss_kib * 2, pss_kib);
      mg_test_write_file (fixture->root, smaps, text);
    }

  mg_test_write_file (fixture->root, statm, statm_text);
  mg_test_write_file (fixture->root, comm_path, comm_text);
}

/* A folder without the files: the process vanished between readdir and open. */
static void
make_dir (Fixture    *fixture,
          const char *name)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

static guint64
page_kib (void)
{
  return (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static gint64
fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
on_updated (MgProcessScanner *scanner,
            gpointer          user_data)
{
  Fixture *fixture = user_data;

  fixture->n_updated++;
  fixture->updated_thread = g_thread_self ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-scan-XXXXXX", &error);
  g_assert_no_error (error);

  /* What else lives in /proc and must be ignored. */
  mg_test_write_file (fixture->root, "meminfo", "MemTotal:       24684084 kB\n");
  mg_test_write_file (fixture->root, "sys/vm/swappiness", "60\n");
  mg_test_write_file (fixture->root, "12abc/comm", "not-a-pid\n");

  fixture->scanner = mg_process_scanner_new (fixture->root);
  fixture->now_us = 1000 * G_USEC_PER_SEC;
  mg_process_scanner_set_time_func (fixture->scanner, fake_time, fixture);
  g_signal_connect (fixture->scanner, "updated", G_CALLBACK (on_updated), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mg_process_scanner_cancel (fixture->scanner);
  while (mg_process_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->scanner);
  mg_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

static void
wait_idle (Fixture *fixture)
{
  while (mg_process_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  /* Anything else that was queued (there must be nothing). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_top_five (Fixture       *fixture,
               gconstpointer  data)
{
  const MgProcessUsage *found;
  guint n_found = 99;
  struct {
    guint32          pid;
    const char      *name;
    guint64          kib;
    MgProcessMeasure measure;
  } expected[] = {
    { 4242, "firefox", 2400000, MG_PROCESS_MEASURE_PSS },
    { 77, "postgres", 500000 * page_kib (), MG_PROCESS_MEASURE_RSS },
    { 1500, "gnome-shell", 700000, MG_PROCESS_MEASURE_PSS },
    { 1501, "Isolated Web Co", 700000, MG_PROCESS_MEASURE_PSS },
    { 900, "code", 500000, MG_PROCESS_MEASURE_PSS },
  };

  add_process (fixture, 1, "systemd", 12000, 3000);
  add_process (fixture, 2, "kthreadd", 0, 0);
  mg_test_write_file (fixture->root, "2/smaps_rollup", "");
  add_process (fixture, 4242, "firefox", 2400000, 700000);
  add_process (fixture, 900, "code", 500000, 150000);
  /* Equal sizes: the lower pid first. */
  add_process (fixture, 1501, "Isolated Web Co", 700000, 180000);
  add_process (fixture, 1500, "gnome-shell", 700000, 190000);
  add_process (fixture, 3100, "bash", 4000, 1000);
  add_process (fixture, 3200, "pipewire", 9000, 2500);
  add_process (fixture, 505, "Xwayland", 80000, 20000);
  make_dir (fixture, "6000");
  /* smaps_rollup not readable (another user's process; here a directory, because root
   * reads any file whatever its mode): RSS from statm instead. */
  add_process (fixture, 77, "postgres", 0, 500000);
  make_dir (fixture, "77/smaps_rollup");
  /* Measured but exited before its name was read: the next one takes its place. */
  add_process (fixture, 8000, "gone", 3000000, 800000);
  mg_test_write_file (fixture->root, "8000/comm", "");
  /* Exited between statm and smaps_rollup: a process without an mm has an empty one. */
  add_process (fixture, 8100, "exiting", 0, 900000);
  mg_test_write_file (fixture->root, "8100/smaps_rollup", "");

  g_assert_true (mg_process_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 1);
  g_assert_true (fixture->updated_thread == g_thread_self ());
  g_assert_null (mg_process_scanner_get_error (fixture->scanner));

  n_found = mg_process_scanner_get_results (fixture->scanner, &found);
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n_found; i++)
    {
      g_test_message ("%u: %u %s %" G_GUINT64_FORMAT " KiB", i, found[i].pid, found[i].name,
                      found[i].kib);
      g_assert_cmpuint (found[i].pid, ==, expected[i].pid);
      g_assert_cmpstr (found[i].name, ==, expected[i].name);
      g_assert_cmpuint (found[i].kib, ==, expected[i].kib);
      g_assert_cmpint (found[i].measure, ==, expected[i].measure);
    }
}

/* statm ranks everything; smaps_rollup is read only for the 3 × 5 largest by RSS. */
static void
test_statm_first (Fixture       *fixture,
                  gconstpointer  data)
{
  MgProcessUsage found[5];
  guint n_found = 0;
  g_autoptr(GError) error = NULL;

  /* 20 processes with RSS 100 000 to 119 000 pages and PSS equal to a tenth of it, so
   * that the order by PSS is the order by RSS... */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u", i);

      add_process (fixture, 100 + i, name, (100 + i) * 100, (100 + i) * 1000);
    }
  /* ...except the one with the largest RSS, whose pages are nearly all shared: by PSS it
   * is the smallest of the candidates. */
  add_process (fixture, 50, "shared", 10, 200000);
  /* A process with a small RSS whose smaps_rollup claims a huge PSS: a scan that read
   * smaps_rollup of every process would put it first. It is never a candidate. */
  add_process (fixture, 60, "not-a-candidate", 90000000, 1000);

  g_assert_true (mg_process_scan_largest (fixture->root, found, G_N_ELEMENTS (found),
                                          &n_found, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found, ==, 5);
  for (guint i = 0; i < n_found; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u", 19 - i);

      g_test_message ("%u: %u %s %" G_GUINT64_FORMAT " KiB", i, found[i].pid, found[i].name,
                      found[i].kib);
      g_assert_cmpstr (found[i].name, ==, name);
      g_assert_cmpint (found[i].measure, ==, MG_PROCESS_MEASURE_PSS);
      g_assert_cmpuint (found[i].kib, ==, (119 - i) * 100);
    }
}

/* @len bytes of @contents (NULs included) as @root/PID/@file. */
static void
write_proc_file (Fixture    *fixture,
                 guint       pid,
                 const char *file,
                 const char *contents,
                 gsize       len)
{
  g_autofree char *path = g_strdup_printf ("%s/%u/%s", fixture->root, pid, file);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, (gssize) len, &error));
  g_assert_no_error (error);
}

static void
write_status_uids (Fixture    *fixture,
                   guint       pid,
                   const char *uids)
{
  g_autofree char *status = g_strdup_printf ("Name:\tx\nUmask:\t0022\nState:\tS (sleeping)\n"
                                             "Tgid:\t%u\nPid:\t%u\nPPid:\t1\n"
                                             "Uid:\t%s\nGid:\t0\t0\t0\t0\n", pid, pid, uids);

  write_proc_file (fixture, pid, "status", status, strlen (status));
}

/* The owner and the command line of the processes shown: cmdline's NULs and control
 * characters become spaces, a long one is cut at a character boundary and flagged, a uid
 * without a name is shown as the number, and a process without the files has neither. */
static void
test_command_and_user (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char firefox[] = "/usr/lib/firefox/firefox\0-contentproc\0-childID\0" "1\0";
  static const char shell[] = "sh\0-c\0echo a\nb\tc\0\0";
  /* A uid nobody has: getpwuid_r finds no entry for it. */
  const guint32 unknown_uid = 3999999999u;
  g_autoptr(GString) long_cmdline = g_string_new ("/opt/büro/app");
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown_uids = g_strdup_printf ("1000\t%u\t%u\t%u", unknown_uid,
                                                   unknown_uid, unknown_uid);
  g_autofree char *unknown_text = g_strdup_printf ("%u", unknown_uid);
  MgProcessUsage found[5];
  guint n_found = 0;

  g_assert_null (getpwuid ((uid_t) unknown_uid));
  while (long_cmdline->len < 600)
    g_string_append (long_cmdline, " --flag=é");

  add_process (fixture, 10, "firefox", 5000, 5000);
  write_proc_file (fixture, 10, "cmdline", firefox, sizeof firefox - 1);
  write_status_uids (fixture, 10, "0\t0\t0\t0");
  add_process (fixture, 11, "app", 4000, 4000);
  write_proc_file (fixture, 11, "cmdline", long_cmdline->str, long_cmdline->len + 1);
  write_status_uids (fixture, 11, unknown_uids);
  add_process (fixture, 12, "sh", 3000, 3000);
  write_proc_file (fixture, 12, "cmdline", shell, sizeof shell - 1);
  write_status_uids (fixture, 12, "0\t0\t0\t0");
  /* A zombie: no command line, and here no status either. */
  add_process (fixture, 13, "defunct", 2000, 2000);
  write_proc_file (fixture, 13, "cmdline", "", 0);

  g_assert_true (mg_process_scan_largest (fixture->root, found, G_N_ELEMENTS (found),
                                          &n_found, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found, ==, 4);

  g_assert_cmpstr (found[0].name, ==, "firefox");
  g_assert_cmpstr (found[0].cmdline, ==, "/usr/lib/firefox/firefox -contentproc -childID 1");
  g_assert_false (found[0].cmdline_truncated);
  g_assert_true (found[0].has_uid);
  g_assert_cmpuint (found[0].uid, ==, 0);
  g_assert_cmpstr (found[0].user, ==, "root");

  g_assert_cmpstr (found[1].name, ==, "app");
  g_test_message ("cut: %s", found[1].cmdline);
  g_assert_true (found[1].cmdline_truncated);
  g_assert_true (g_str_has_prefix (found[1].cmdline, "/opt/büro/app --flag=é --flag=é"));
  g_assert_cmpuint (strlen (found[1].cmdline), >=, MG_PROCESS_CMDLINE_SIZE - 4);
  g_assert_cmpuint (strlen (found[1].cmdline), <, MG_PROCESS_CMDLINE_SIZE);
  g_assert_true (g_utf8_validate (found[1].cmdline, -1, NULL));
  g_assert_true (found[1].has_uid);
  g_assert_cmpuint (found[1].uid, ==, unknown_uid);
  g_assert_cmpstr (found[1].user, ==, unknown_text);

  g_assert_cmpstr (found[2].cmdline, ==, "sh -c echo a b c");
  g_assert_cmpstr (found[2].user, ==, "root");

  g_assert_cmpstr (found[3].name, ==, "defunct");
  g_assert_cmpstr (found[3].cmdline, ==, "");
  g_assert_false (found[3].cmdline_truncated);
  g_assert_false (found[3].has_uid);
  g_assert_cmpstr (found[3].user, ==, "");
}

static void
test_fewer_than_asked (Fixture       *fixture,
                       gconstpointer  data)
{
  const MgProcessUsage *found;
  guint n_found = 99;

  add_process (fixture, 10, "one", 100, 10);
  add_process (fixture, 20, "two", 200, 10);

  mg_process_scanner_request (fixture->scanner);
  wait_idle (fixture);
  n_found = mg_process_scanner_get_results (fixture->scanner, &found);
  g_assert_cmpuint (n_found, ==, 2);
  g_assert_cmpstr (found[0].name, ==, "two");
  g_assert_cmpstr (found[1].name, ==, "one");
}

/* Requests while a scan runs give one more scan after it, not one each. */
static void
test_coalesce (Fixture       *fixture,
               gconstpointer  data)
{
  add_process (fixture, 10, "one", 100, 10);
  mg_process_scanner_set_min_interval (fixture->scanner, 0);

  g_assert_true (mg_process_scanner_request (fixture->scanner));
  g_assert_true (mg_process_scanner_is_scanning (fixture->scanner));
  /* The result reaches the main context only when it runs: the worker still counts as
   * running however fast it was. */
  for (guint i = 0; i < 5; i++)
    g_assert_true (mg_process_scanner_request (fixture->scanner));
  g_assert_cmpuint (fixture->n_updated, ==, 0);

  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 2);
  g_assert_cmpuint (mg_process_scanner_get_n_scans (fixture->scanner), ==, 2);
  g_assert_false (mg_process_scanner_is_scanning (fixture->scanner));
}

/* At most one scan per min-interval (10 s by default); a refused request is dropped. */
static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  add_process (fixture, 10, "one", 100, 10);
  g_assert_cmpuint (mg_process_scanner_get_min_interval (fixture->scanner), ==, 10);

  g_assert_true (mg_process_scanner_request (fixture->scanner));
  wait_idle (fixture);
  fixture->now_us += 3 * G_USEC_PER_SEC;
  g_assert_false (mg_process_scanner_request (fixture->scanner));
  fixture->now_us += 6 * G_USEC_PER_SEC;
  g_assert_false (mg_process_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 1);

  fixture->now_us += 1 * G_USEC_PER_SEC;
  g_assert_true (mg_process_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 2);
}

/* A cancelled scan reports nothing, drops a coalesced request and does not hold back
 * the next one. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  add_process (fixture, 10, "one", 100, 10);
  mg_process_scanner_set_min_interval (fixture->scanner, 0);

  g_assert_true (mg_process_scanner_request (fixture->scanner));
  g_assert_true (mg_process_scanner_request (fixture->scanner));
  mg_process_scanner_cancel (fixture->scanner);
  /* Still one worker: it has to end before another starts. */
  g_assert_true (mg_process_scanner_is_scanning (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 0);
  g_assert_cmpuint (mg_process_scanner_get_n_scans (fixture->scanner), ==, 0);

  /* With the default interval, a cancelled scan does not count. */
  mg_process_scanner_set_min_interval (fixture->scanner, 10);
  g_assert_true (mg_process_scanner_request (fixture->scanner));
  mg_process_scanner_cancel (fixture->scanner);
  g_assert_true (mg_process_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 1);

  /* The synchronous scan stops at a cancelled cancellable. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    MgProcessUsage found[5];
    guint n_found = 99;

    g_cancellable_cancel (cancellable);
    g_assert_false (mg_process_scan_largest (fixture->root, found, 5, &n_found,
                                             cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (n_found, ==, 0);
  }
}

static void
test_missing_root (void)
{
  g_autoptr(MgProcessScanner) scanner = mg_process_scanner_new ("/nonexistent/memgauge-proc");
  const MgProcessUsage *found = NULL;
  const GError *error;

  g_assert_cmpstr (mg_process_scanner_get_proc_root (scanner), ==, "/nonexistent/memgauge-proc");
  g_assert_true (mg_process_scanner_request (scanner));
  while (mg_process_scanner_is_scanning (scanner))
    g_main_context_iteration (NULL, TRUE);

  error = mg_process_scanner_get_error (scanner);
  g_assert_error ((GError *) error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (mg_process_scanner_get_results (scanner, &found), ==, 0);
  g_assert_cmpuint (mg_process_scanner_get_n_scans (scanner), ==, 1);
}

static void
test_real_proc (void)
{
  g_autoptr(MgProcessScanner) scanner = mg_process_scanner_new (NULL);
  const MgProcessUsage *found;
  guint n_found = 0;

  mg_process_scanner_request (scanner);
  while (mg_process_scanner_is_scanning (scanner))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mg_process_scanner_get_error (scanner));

  n_found = mg_process_scanner_get_results (scanner, &found);
  /* This test itself is a process with memory of its own. */
  g_assert_cmpuint (n_found, >=, 1);
  for (guint i = 0; i < n_found; i++)
    {
      g_test_message ("%u: %u %s %" G_GUINT64_FORMAT " KiB %s", i, found[i].pid,
                      found[i].name, found[i].kib,
                      found[i].measure == MG_PROCESS_MEASURE_PSS ? "PSS" : "RSS");
      g_assert_cmpuint (found[i].kib, >, 0);
      g_assert_cmpstr (found[i].name, !=, "");
      if (i > 0)
        g_assert_cmpuint (found[i - 1].kib, >=, found[i].kib);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/process-scanner/top-five", Fixture, NULL,
              fixture_set_up, test_top_five, fixture_tear_down);
  g_test_add ("/process-scanner/statm-first", Fixture, NULL,
              fixture_set_up, test_statm_first, fixture_tear_down);
  g_test_add ("/process-scanner/command-and-user", Fixture, NULL,
              fixture_set_up, test_command_and_user, fixture_tear_down);
  g_test_add ("/process-scanner/fewer-than-asked", Fixture, NULL,
              fixture_set_up, test_fewer_than_asked, fixture_tear_down);
  g_test_add ("/process-scanner/coalesce", Fixture, NULL,
              fixture_set_up, test_coalesce, fixture_tear_down);
  g_test_add ("/process-scanner/rate-limit", Fixture, NULL,
              fixture_set_up, test_rate_limit, fixture_tear_down);
  g_test_add ("/process-scanner/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add_func ("/process-scanner/missing-root", test_missing_root);
  g_test_add_func ("/process-scanner/real-proc", test_real_proc);

  return g_test_run ();
}
