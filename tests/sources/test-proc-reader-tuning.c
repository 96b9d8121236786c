/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of what MgProcReader reads for tuning: fragmentation, compaction rates, sysctl keys. */

#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-proc-reader.h"
#include "mg-test-util.h"

/* A temporary copy of the fixture root @name; mg_test_remove_tree() it afterwards. */
static char *
copy_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", name, NULL);
  char *root = g_dir_make_tmp ("memgauge-proc-XXXXXX", &error);

  /* mg_test_copy_tree() creates the folder itself. */
  g_assert_no_error (error);
  g_assert_cmpint (g_rmdir (root), ==, 0);
  mg_test_copy_tree (src, root);

  return root;
}

/* @text (of @len bytes, or up to its NUL with -1) as @root/@file. */
static void
write_file (const char *root,
            const char *file,
            const char *text,
            gssize      len)
{
  g_autofree char *copy = len < 0 ? g_strdup (text) : g_strndup (text, (gsize) len);

  mg_test_write_file (root, file, copy);
}

static void
assert_error_names_file (const GError *error,
                         const char   *file)
{
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, file));
}

/* buddyinfo beside a fixture root: the summary lands in the sample, exactly. */
static void
test_buddyinfo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (root, "buddyinfo", NULL);
  MgSample sample;
  gsize len;

  text = mg_test_load_fixture ("buddyinfo", "linux-6.18-after-compaction", &len);
  write_file (root, "buddyinfo", text, (gssize) len);
  reader = mg_proc_reader_new (root);
  memset (&sample, 0xa5, sizeof sample);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_true (sample.has_fragmentation);
  /* These numbers hold for 4 KiB pages, the page size of every machine the tests run on. */
  g_assert_cmpint (sysconf (_SC_PAGESIZE), ==, 4096);
  g_assert_cmpuint (sample.fragmentation.free_kib, ==, 3698704);
  g_assert_cmpuint (sample.fragmentation.free_kib_2mb, ==, 3207168);
  g_assert_cmpfloat_with_epsilon (sample.fragmentation.unusable_index_2mb,
                                  122884.0 / 924676.0, 1e-12);
  g_assert_cmpuint (sample.fragmentation.order_2mb, ==, 9);
  g_assert_cmpuint (sample.fragmentation.free_blocks[10], ==, 773);

  /* Gone again: absent, no error. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_false (sample.has_fragmentation);

  mg_test_remove_tree (root);
}

/* The keys of the helper's table, for --json: numbers where the files exist, unset where the
 * kernel lacks one, an error naming a file that holds no int. */
static void
test_sysctl (void)
{
  static const char *const files[] = {
    "sys/vm/vfs_cache_pressure", "sys/vm/overcommit_memory", "sys/vm/min_free_kbytes",
    "sys/vm/dirty_ratio", "sys/vm/dirty_background_ratio",
  };
  static const char *const values[] = { "50\n", "2\n", "2147483647\n", "20\n", "10\n" };
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  MgSysctlValues sysctl;

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    write_file (root, files[i], values[i], -1);
  reader = mg_proc_reader_new (root);
  memset (&sysctl, 0xa5, sizeof sysctl);
  g_assert_true (mg_proc_reader_read_sysctl (reader, &sysctl, &error));
  g_assert_no_error (error);
  g_assert_true (sysctl.set[MG_SYSCTL_SWAPPINESS]);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_SWAPPINESS], ==, 60);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_VFS_CACHE_PRESSURE], ==, 50);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_OVERCOMMIT_MEMORY], ==, 2);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_MIN_FREE_KBYTES], ==, G_MAXINT);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_DIRTY_RATIO], ==, 20);
  g_assert_cmpuint (sysctl.value[MG_SYSCTL_DIRTY_BACKGROUND_RATIO], ==, 10);
  /* compaction_proactiveness arrived in 5.9: a kernel without it gives no value. */
  g_assert_false (sysctl.set[MG_SYSCTL_COMPACTION_PROACTIVENESS]);

  write_file (root, "sys/vm/dirty_ratio", "2147483648\n", -1);
  g_assert_false (mg_proc_reader_read_sysctl (reader, &sysctl, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE);
  assert_error_names_file (error, "sys/vm/dirty_ratio");
  g_clear_error (&error);
  write_file (root, "sys/vm/dirty_ratio", "-1\n", -1);
  g_assert_false (mg_proc_reader_read_sysctl (reader, &sysctl, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER);

  mg_test_remove_tree (root);
}

/* The compaction counters ride on the sample and the monitor gives their rates like the
 * others; mg_sample_rate_per_min() says them per minute. */
static void
test_compaction_rates (void)
{
  g_autoptr(MgMonitor) monitor = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *vmstat = NULL;
  g_autoptr(GString) more = NULL;
  const MgSample *sample;
  double stalls_per_min;
  gint64 start;
  gsize len;

  vmstat = mg_test_load_fixture ("linux-6.18-idle", "vmstat", &len);
  monitor = mg_test_monitor_new (root);
  start = g_get_monotonic_time ();
  g_assert_true (mg_monitor_sample_now (monitor));
  sample = mg_monitor_get_sample (monitor);
  g_assert_true (mg_vmstat_has (&sample->vmstat, MG_VMSTAT_COMPACT_STALL));
  g_assert_cmpuint (sample->vmstat.count[MG_VMSTAT_COMPACT_STALL], ==, 0);

  /* 30 more stalls, 20 of them successful, half a second later. */
  more = g_string_new_len (vmstat, (gssize) len);
  g_assert_cmpuint (g_string_replace (more, "\ncompact_stall 0\n", "\ncompact_stall 30\n", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (more, "\ncompact_success 0\n", "\ncompact_success 20\n", 1),
                    ==, 1);
  g_usleep (G_USEC_PER_SEC / 2);
  write_file (root, "vmstat", more->str, (gssize) more->len);
  g_assert_true (mg_monitor_sample_now (monitor));
  sample = mg_monitor_get_sample (monitor);
  g_assert_true (sample->has_rates);
  g_assert_cmpuint (sample->vmstat.count[MG_VMSTAT_COMPACT_STALL], ==, 30);
  stalls_per_min = mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_STALL);
  /* 30 stalls in at least 0.5 s and at most the time this test has taken. */
  g_assert_cmpfloat (stalls_per_min, <=, 30 * 60 * 2.0);
  g_assert_cmpfloat (stalls_per_min, >=,
                     30 * 60 / ((double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC));
  g_assert_cmpfloat_with_epsilon (mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_SUCCESS),
                                  stalls_per_min * 2 / 3, 1e-6);
  g_assert_cmpfloat (mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_FAIL), ==, 0.0);

  mg_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/proc-reader/tuning/buddyinfo", test_buddyinfo);
  g_test_add_func ("/proc-reader/tuning/sysctl", test_sysctl);
  g_test_add_func ("/proc-reader/tuning/compaction-rates", test_compaction_rates);

  return g_test_run ();
}
