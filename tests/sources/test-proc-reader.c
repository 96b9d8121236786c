/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of MgProcReader on fixture proc roots and on temporary roots it must survive. */

#include <fcntl.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-proc-reader.h"
#include "mg-test-util.h"

#include "fixtures/proc/expected.h"

static const char * const file_paths[MG_PROC_N_FILES] = {
  [MG_PROC_FILE_MEMINFO] = "meminfo",
  [MG_PROC_FILE_VMSTAT] = "vmstat",
  [MG_PROC_FILE_PRESSURE] = "pressure/memory",
  [MG_PROC_FILE_SWAPPINESS] = "sys/vm/swappiness",
  [MG_PROC_FILE_BUDDYINFO] = "buddyinfo",
};

static char *
fixture_root (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "proc", name, NULL);
}

static void
write_file (const char *root,
            const char *file,
            const char *text,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, file, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
}

/* Truncates and rewrites the same inode, as the kernel's files change under an open fd. */
static void
rewrite_in_place (const char *root,
                  const char *file,
                  const char *text)
{
  g_autofree char *path = g_build_filename (root, file, NULL);
  gsize len = strlen (text);
  int fd;

  fd = g_open (path, O_WRONLY | O_TRUNC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, len), ==, (gssize) len);
  g_assert_cmpint (close (fd), ==, 0);
}

/* Copies the fixture's files (those it has) into a new temporary proc root. */
static char *
copy_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = fixture_root (name);
  char *root;

  root = g_dir_make_tmp ("memgauge-proc-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < MG_PROC_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (src, file_paths[i], NULL);
      g_autofree char *text = NULL;
      gsize len;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      text = mg_test_load_fixture (name, file_paths[i], &len);
      write_file (root, file_paths[i], text, len);
    }

  return root;
}

static void
remove_tree (const char *path)
{
  GDir *dir;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static void
assert_error_names_file (const GError *error,
                         const char   *file)
{
  g_assert_nonnull (error);
  if (strstr (error->message, file) == NULL)
    g_test_message ("message \"%s\" does not name \"%s\"", error->message, file);
  g_assert_nonnull (strstr (error->message, file));
}

/* --- fixtures ------------------------------------------------------------------------ */

static void
test_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = fixture_root (expected->name);
  MgSample sample;

  reader = mg_proc_reader_new (root);
  g_assert_cmpstr (mg_proc_reader_get_root (reader), ==, root);

  memset (&sample, 0xa5, sizeof sample);
  /* The reader fills in the kernel's numbers only; the monitor owns these. */
  sample.time_us = 42;
  sample.has_rates = TRUE;
  sample.rate_per_s[MG_VMSTAT_PSWPIN] = 1.5;

  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);

  expected_check_meminfo (&sample.meminfo, expected);
  g_assert_true (sample.has_vmstat);
  expected_check_vmstat (&sample.vmstat, expected);
  g_assert_cmpint (sample.has_psi, ==, expected->has_psi);
  if (expected->has_psi)
    expected_check_psi (&sample.psi, expected);
  g_assert_true (sample.has_swappiness);
  g_assert_cmpuint (sample.swappiness, ==, expected->swappiness);
  /* Captured before MemGauge read buddyinfo, as old bug reports are: a normal absence. */
  g_assert_false (sample.has_fragmentation);

  g_assert_cmpint (sample.time_us, ==, 42);
  g_assert_true (sample.has_rates);
  g_assert_cmpfloat (sample.rate_per_s[MG_VMSTAT_PSWPIN], ==, 1.5);

  /* A second read of the same files gives the same numbers. */
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  expected_check_meminfo (&sample.meminfo, expected);
}

static void
test_broken_fixture (gconstpointer data)
{
  const BrokenFixture *broken = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = fixture_root (broken->name);
  MgSample sample;

  reader = mg_proc_reader_new (root);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, (gint) broken->code);
  assert_error_names_file (error, "meminfo");
}

static void
test_missing_meminfo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = fixture_root ("broken-missing-meminfo");
  MgSample sample;
  gsize len = 0;

  reader = mg_proc_reader_new (root);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE);
  assert_error_names_file (error, "meminfo");
  g_clear_error (&error);

  g_assert_null (mg_proc_reader_read_file (reader, MG_PROC_FILE_MEMINFO, &len, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE);
  g_clear_error (&error);

  /* The other files of that root are still there to be read. */
  g_assert_nonnull (mg_proc_reader_read_file (reader, MG_PROC_FILE_VMSTAT, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 0);
}

static void
test_missing_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  MgSample sample;

  reader = mg_proc_reader_new ("/nonexistent/memgauge-proc-root");
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE);
  assert_error_names_file (error, "meminfo");
}

/* Kernels before 4.20, or without CONFIG_PSI, or booted with psi=0, have no pressure/. */
static void
test_no_psi (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = fixture_root ("linux-6.18-no-psi");
  MgSample sample;
  gsize len = 0;

  reader = mg_proc_reader_new (root);
  memset (&sample, 0xa5, sizeof sample);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_false (sample.has_psi);
  g_assert_true (sample.has_vmstat);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 2378976);

  g_assert_null (mg_proc_reader_read_file (reader, MG_PROC_FILE_PRESSURE, &len, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE);
}

static void
test_optional_files_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-critical-swapping");
  g_autofree char *vmstat = g_build_filename (root, "vmstat", NULL);
  g_autofree char *swappiness = g_build_filename (root, "sys", "vm", "swappiness", NULL);
  MgSample sample;

  g_assert_cmpint (g_unlink (vmstat), ==, 0);
  reader = mg_proc_reader_new (root);
  memset (&sample, 0xa5, sizeof sample);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_false (sample.has_vmstat);
  g_assert_true (sample.has_psi);
  g_assert_true (sample.has_swappiness);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 2002908);
  g_assert_cmpfloat_with_epsilon (sample.psi.some.avg10, 45.69, PSI_EPSILON);

  g_assert_cmpint (g_unlink (swappiness), ==, 0);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_false (sample.has_vmstat);
  g_assert_false (sample.has_swappiness);
  g_assert_true (sample.has_psi);

  remove_tree (root);
}

/* A file that is present but malformed is an error, and the message says which file. */
static void
test_optional_files_malformed (void)
{
  static const struct {
    const char *file;
    const char *text;
    MgProcError code;
  } cases[] = {
    { "vmstat", "pswpin 1\npswpout 2\n", MG_PROC_ERROR_MISSING_KEY },
    { "pressure/memory", "some avg10=0.00 avg60=0.00 avg300=0.00 total=x\n",
      MG_PROC_ERROR_INVALID_NUMBER },
    { "sys/vm/swappiness", "201\n", MG_PROC_ERROR_INVALID_VALUE },
    { "buddyinfo", "Node 0, zone Normal 1 2\nNode 0, zone DMA 1\n", MG_PROC_ERROR_INVALID_VALUE },
    { "buddyinfo", "Node 0, zone Normal 0 0 0 0 0 0 0 0 0 0 1152921504606846976\n",
      MG_PROC_ERROR_OVERFLOW },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MgProcReader) reader = NULL;
      g_autofree char *root = copy_fixture ("linux-6.18-idle");
      MgSample sample;

      g_test_message ("case: %s", cases[i].file);
      write_file (root, cases[i].file, cases[i].text, -1);
      reader = mg_proc_reader_new (root);
      g_assert_false (mg_proc_reader_read (reader, &sample, &error));
      g_assert_error (error, MG_PROC_ERROR, (gint) cases[i].code);
      assert_error_names_file (error, strrchr (cases[i].file, '/') != NULL ?
                                      strrchr (cases[i].file, '/') + 1 : cases[i].file);
      remove_tree (root);
    }
}

/* --- hostile roots ------------------------------------------------------------------- */

static void
test_meminfo_is_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *meminfo = g_build_filename (root, "meminfo", NULL);
  MgSample sample;
  gsize len = 0;

  g_assert_cmpint (g_unlink (meminfo), ==, 0);
  g_assert_cmpint (g_mkdir (meminfo, 0755), ==, 0);

  reader = mg_proc_reader_new (root);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_READ);
  assert_error_names_file (error, "meminfo");
  g_clear_error (&error);

  g_assert_null (mg_proc_reader_read_file (reader, MG_PROC_FILE_MEMINFO, &len, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_READ);

  remove_tree (root);
}

/* Far more than any kernel prints (meminfo is about 1.5 KiB, vmstat about 4 KiB on 6.18),
 * made of valid lines so that only the size can be the problem. */
static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *text = NULL;
  MgSample sample;
  gsize text_len;
  gsize len = 0;

  text = mg_test_load_fixture ("linux-6.18-idle", "meminfo", &text_len);
  while (junk->len < 1024 * 1024)
    g_string_append_len (junk, text, text_len);
  g_string_truncate (junk, 1024 * 1024);
  write_file (root, "meminfo", junk->str, junk->len);

  reader = mg_proc_reader_new (root);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE);
  assert_error_names_file (error, "meminfo");
  g_clear_error (&error);

  g_assert_null (mg_proc_reader_read_file (reader, MG_PROC_FILE_MEMINFO, &len, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The same for an optional file: present but oversized is an error, not "absent". */
  write_file (root, "meminfo", text, text_len);
  write_file (root, "vmstat", junk->str, junk->len);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE);
  assert_error_names_file (error, "vmstat");

  remove_tree (root);
}

static void
check_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *meminfo = g_build_filename (root, "meminfo", NULL);
  MgSample sample;

  g_assert_cmpint (g_chmod (meminfo, 0), ==, 0);

  reader = mg_proc_reader_new (root);
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_READ);
  assert_error_names_file (error, "meminfo");

  g_assert_cmpint (g_chmod (meminfo, 0644), ==, 0);
  remove_tree (root);
}

static void
test_unreadable (void)
{
  /* root reads a mode-000 file anyway (CAP_DAC_OVERRIDE), and CI runs the tests as
   * root: there the case runs in a subprocess that has become "nobody" for good. */
  if (g_test_subprocess ())
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
      g_assert_cmpint (geteuid (), ==, 65534);
      check_unreadable ();
      return;
    }

  if (geteuid () != 0)
    {
      check_unreadable ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* --- no caching ---------------------------------------------------------------------- */

static void
test_reread (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = copy_fixture ("linux-6.18-idle");
  g_autofree char *high_meminfo = NULL;
  g_autofree char *critical_psi = NULL;
  gsize len;
  MgSample sample;

  reader = mg_proc_reader_new (root);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 24272124);
  g_assert_cmpfloat_with_epsilon (sample.psi.some.avg10, 0.0, PSI_EPSILON);

  /* Replaced by rename, as g_file_set_contents() and most editors do: a new inode. */
  high_meminfo = mg_test_load_fixture ("linux-6.18-high", "meminfo", &len);
  write_file (root, "meminfo", high_meminfo, len);
  critical_psi = mg_test_load_fixture ("linux-6.18-critical-swapping", "pressure/memory", &len);
  write_file (root, "pressure/memory", critical_psi, len);
  write_file (root, "sys/vm/swappiness", "10\n", -1);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 3706404);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_FREE], ==, 3779552);
  g_assert_cmpfloat_with_epsilon (sample.psi.some.avg10, 45.69, PSI_EPSILON);
  g_assert_cmpuint (sample.psi.full.total_us, ==, 9908582);
  g_assert_cmpuint (sample.swappiness, ==, 10);

  /* Rewritten in place and shorter: nothing of the old, longer text may remain. */
  rewrite_in_place (root, "meminfo",
                    "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 250 kB\n");
  rewrite_in_place (root, "sys/vm/swappiness", "7\n");
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL], ==, 1000);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 250);
  g_assert_cmphex (sample.meminfo.present, ==, BIT (MG_MEMINFO_MEM_TOTAL) |
                                               BIT (MG_MEMINFO_MEM_FREE) |
                                               BIT (MG_MEMINFO_MEM_AVAILABLE));
  g_assert_cmpuint (sample.swappiness, ==, 7);

  /* Broken, then good again: one bad sample does not stick. */
  rewrite_in_place (root, "meminfo", "MemTotal: 0 kB\nMemFree: 0 kB\n");
  g_assert_false (mg_proc_reader_read (reader, &sample, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  rewrite_in_place (root, "meminfo", "MemTotal: 2000 kB\nMemFree: 500 kB\n");
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL], ==, 2000);
  g_assert_true (sample.meminfo.mem_available_estimated);

  /* A file that disappears and comes back. */
  {
    g_autofree char *pressure = g_build_filename (root, "pressure", "memory", NULL);

    g_assert_cmpint (g_unlink (pressure), ==, 0);
    g_assert_true (mg_proc_reader_read (reader, &sample, &error));
    g_assert_no_error (error);
    g_assert_false (sample.has_psi);
    write_file (root, "pressure/memory", critical_psi, -1);
    g_assert_true (mg_proc_reader_read (reader, &sample, &error));
    g_assert_no_error (error);
    g_assert_true (sample.has_psi);
    g_assert_cmpfloat_with_epsilon (sample.psi.full.avg10, 44.60, PSI_EPSILON);
  }

  remove_tree (root);
}

/* --- read_file ----------------------------------------------------------------------- */

static void
test_read_file_exact (void)
{
  static const char * const cases[] = {
    "linux-6.18-idle",
    "linux-6.18-critical-swapping",
    "broken-binary",
    "broken-truncated",
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MgProcReader) reader = NULL;
      g_autofree char *root = fixture_root (cases[c]);

      reader = mg_proc_reader_new (root);
      for (guint i = 0; i < MG_PROC_N_FILES; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *want = NULL;
          const char *got;
          gsize want_len;
          gsize len = 0;

          g_autofree char *path = g_build_filename (root, file_paths[i], NULL);

          /* The fixture roots predate buddyinfo (see test_buddyinfo). */
          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          g_test_message ("case: %s/%s", cases[c], file_paths[i]);
          want = mg_test_load_fixture (cases[c], file_paths[i], &want_len);
          got = mg_proc_reader_read_file (reader, i, &len, &error);
          g_assert_no_error (error);
          g_assert_nonnull (got);
          g_assert_cmpmem (got, len, want, want_len);
        }
    }
}

static void
test_read_file_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *root = fixture_root ("broken-empty");
  const char *got;
  gsize len = 12345;

  reader = mg_proc_reader_new (root);
  got = mg_proc_reader_read_file (reader, MG_PROC_FILE_MEMINFO, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpuint (len, ==, 0);
}

static void
test_root_and_names (void)
{
  g_autoptr(MgProcReader) reader = NULL;

  reader = mg_proc_reader_new (NULL);
  g_assert_cmpstr (mg_proc_reader_get_root (reader), ==, "/proc");

  for (guint i = 0; i < MG_PROC_N_FILES; i++)
    {
      const char *name = mg_proc_file_name (i);

      g_assert_nonnull (name);
      g_assert_true (g_str_has_suffix (name, strrchr (file_paths[i], '/') != NULL ?
                                             strrchr (file_paths[i], '/') + 1 :
                                             file_paths[i]));
    }
}

/* The live kernel: this machine's /proc must read without error. */
static void
test_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgProcReader) reader = NULL;
  g_autofree char *text = NULL;
  MgMeminfo meminfo;
  MgSample sample;
  gsize len;

  if (!g_file_get_contents ("/proc/meminfo", &text, &len, NULL))
    {
      g_test_skip ("no /proc/meminfo on this system");
      return;
    }

  reader = mg_proc_reader_new (NULL);
  g_assert_true (mg_proc_reader_read (reader, &sample, &error));
  g_assert_no_error (error);
  g_assert_true (mg_meminfo_has (&sample.meminfo, MG_MEMINFO_MEM_TOTAL));
  g_assert_true (sample.has_vmstat);

  /* MemTotal does not change while the test runs (no memory hotplug here). */
  g_assert_true (mg_proc_parse_meminfo (text, len, &meminfo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL], ==,
                    meminfo.kib[MG_MEMINFO_MEM_TOTAL]);
  g_assert_cmpuint (sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], <=,
                    sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (expected_fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc-reader/fixture/%s",
                                               expected_fixtures[i].name);

      g_test_add_data_func (path, &expected_fixtures[i], test_fixture);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc-reader/fixture/%s",
                                               broken_fixtures[i].name);

      g_test_add_data_func (path, &broken_fixtures[i], test_broken_fixture);
    }
  g_test_add_func ("/proc-reader/fixture/broken-missing-meminfo", test_missing_meminfo);
  g_test_add_func ("/proc-reader/missing-root", test_missing_root);
  g_test_add_func ("/proc-reader/no-psi", test_no_psi);
  g_test_add_func ("/proc-reader/optional-files-missing", test_optional_files_missing);
  g_test_add_func ("/proc-reader/optional-files-malformed", test_optional_files_malformed);
  g_test_add_func ("/proc-reader/meminfo-is-directory", test_meminfo_is_directory);
  g_test_add_func ("/proc-reader/too-large", test_too_large);
  g_test_add_func ("/proc-reader/unreadable", test_unreadable);
  g_test_add_func ("/proc-reader/reread", test_reread);
  g_test_add_func ("/proc-reader/read-file/exact", test_read_file_exact);
  g_test_add_func ("/proc-reader/read-file/empty", test_read_file_empty);
  g_test_add_func ("/proc-reader/root-and-names", test_root_and_names);
  g_test_add_func ("/proc-reader/live", test_live);

  return g_test_run ();
}
