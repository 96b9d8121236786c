/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-process-scan against generated proc roots and the real /proc. */

#include <glib/gstdio.h>
#include <unistd.h>

#include "mg-process-scan.h"

typedef struct {
  char *root;
} Fixture;

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
make_dir (Fixture    *fixture,
          const char *name)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

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
      write_file (fixture, smaps, text);
    }

  write_file (fixture, statm, statm_text);
  write_file (fixture, comm_path, comm_text);
}

static guint64
page_kib (void)
{
  return (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-scan-XXXXXX", &error);
  g_assert_no_error (error);

  /* What else lives in /proc and must be ignored. */
  write_file (fixture, "meminfo", "MemTotal:       24684084 kB\n");
  write_file (fixture, "sys/vm/swappiness", "60\n");
  write_file (fixture, "12abc/comm", "not-a-pid\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->root);

  /* The tree is ours and small: remove it with the shell rather than a walker. */
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->root);
}

static void
test_top_five (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgProcessUsage found[5];
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
  write_file (fixture, "2/smaps_rollup", "");
  add_process (fixture, 4242, "firefox", 2400000, 700000);
  add_process (fixture, 900, "code", 500000, 150000);
  /* Equal sizes: the lower pid first. */
  add_process (fixture, 1501, "Isolated Web Co", 700000, 180000);
  add_process (fixture, 1500, "gnome-shell", 700000, 190000);
  add_process (fixture, 3100, "bash", 4000, 1000);
  add_process (fixture, 3200, "pipewire", 9000, 2500);
  add_process (fixture, 505, "Xwayland", 80000, 20000);
  /* Vanished between readdir and open: the directory stays, its files are gone. */
  make_dir (fixture, "6000");
  /* smaps_rollup not readable (another user's process; here a directory, because root
   * reads any file whatever its mode): RSS from statm instead. */
  add_process (fixture, 77, "postgres", 0, 500000);
  make_dir (fixture, "77/smaps_rollup");
  /* Measured but exited before its name was read: the next one takes its place. */
  add_process (fixture, 8000, "gone", 3000000, 800000);
  write_file (fixture, "8000/comm", "");

  g_assert_true (mg_process_scan_largest (fixture->root, found, G_N_ELEMENTS (found),
                                          &n_found, &error));
  g_assert_no_error (error);
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

static void
test_fewer_than_asked (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgProcessUsage found[5];
  guint n_found = 99;

  add_process (fixture, 10, "one", 100, 10);
  add_process (fixture, 20, "two", 200, 10);

  g_assert_true (mg_process_scan_largest (fixture->root, found, G_N_ELEMENTS (found),
                                          &n_found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_found, ==, 2);
  g_assert_cmpstr (found[0].name, ==, "two");
  g_assert_cmpstr (found[1].name, ==, "one");
}

static void
test_missing_root (void)
{
  g_autoptr(GError) error = NULL;
  MgProcessUsage found[5];
  guint n_found = 99;

  g_assert_false (mg_process_scan_largest ("/nonexistent/memgauge-proc", found,
                                           G_N_ELEMENTS (found), &n_found, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpuint (n_found, ==, 0);
}

static void
test_real_proc (void)
{
  g_autoptr(GError) error = NULL;
  MgProcessUsage found[5];
  guint n_found = 0;

  g_assert_true (mg_process_scan_largest (NULL, found, G_N_ELEMENTS (found), &n_found, &error));
  g_assert_no_error (error);
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

  g_test_add ("/process-scan/top-five", Fixture, NULL,
              fixture_set_up, test_top_five, fixture_tear_down);
  g_test_add ("/process-scan/fewer-than-asked", Fixture, NULL,
              fixture_set_up, test_fewer_than_asked, fixture_tear_down);
  g_test_add_func ("/process-scan/missing-root", test_missing_root);
  g_test_add_func ("/process-scan/real-proc", test_real_proc);

  return g_test_run ();
}
