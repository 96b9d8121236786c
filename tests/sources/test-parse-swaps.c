/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/swaps and zram mm_stat parsers against real captures, the documented
 * format and hostile text (tests/fixtures/swap/README.md says which file is which). */

#include <string.h>

#include <glib.h>

#include "mg-parse-swaps.h"
#include "mg-test-util.h"

static char *
load (const char *fixture,
      const char *root,
      const char *file,
      gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "swap", fixture,
                                                 root, file, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, NULL));
  return mg_test_copy_text (text, *len);
}

static GArray *
parse_ok (const char *text,
          gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = mg_test_copy_text (text, len);
  GArray *devices = mg_swap_devices_new ();

  g_assert_true (mg_proc_parse_swaps (copy, len, devices, &error));
  g_assert_no_error (error);
  return devices;
}

static void
assert_device (GArray     *devices,
               guint       i,
               const char *path,
               MgSwapType  type,
               guint64     size_kib,
               guint64     used_kib,
               gint        priority)
{
  const MgSwapDevice *device;

  g_assert_cmpuint (i, <, devices->len);
  device = &g_array_index (devices, MgSwapDevice, i);
  g_assert_cmpstr (device->path, ==, path);
  g_assert_cmpint (device->type, ==, type);
  g_assert_cmpuint (device->size_kib, ==, size_kib);
  g_assert_cmpuint (device->used_kib, ==, used_kib);
  g_assert_cmpint (device->priority, ==, priority);
}

/* --- real captures ------------------------------------------------------------------- */

static void
test_real_swaps (void)
{
  static const struct {
    const char *fixture;
    guint64     zram_used;
    guint64     file_used;
  } cases[] = {
    { "linux-6.18-zram", 140008, 0 },
    { "linux-6.18-zswap", 257216, 0 },
    { "linux-6.18-zram-and-file", 262096, 25928 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = 0;
      g_autofree char *text = load (cases[i].fixture, "proc", "swaps", &len);
      g_autoptr(GArray) devices = parse_ok (text, len);

      g_test_message ("fixture: %s", cases[i].fixture);
      g_assert_cmpuint (devices->len, ==, 2);
      assert_device (devices, 0, "/dev/zram0", MG_SWAP_TYPE_ZRAM, 262140, cases[i].zram_used, 100);
      /* "/var/tmp/mg\040swap/file": the kernel's escape of a space, undone. */
      assert_device (devices, 1, "/var/tmp/mg swap/file", MG_SWAP_TYPE_FILE, 131068,
                     cases[i].file_used, 5);
    }
}

static void
test_real_mm_stat (void)
{
  static const struct {
    const char *fixture;
    guint64     orig;
    guint64     compr;
    guint64     mem_used;
  } cases[] = {
    { "linux-6.18-zram", 143372288, 75237443, 76595200 },
    { "linux-6.18-zswap", 4096, 73, 12288 },
    { "linux-6.18-zram-and-file", 268390400, 140860039, 143298560 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      g_autofree char *text = load (cases[i].fixture, "sys", "block/zram0/mm_stat", &len);
      MgZramStat stat = { 0 };

      g_test_message ("fixture: %s", cases[i].fixture);
      g_assert_true (mg_sys_parse_zram_mm_stat (text, len, &stat, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stat.orig_bytes, ==, cases[i].orig);
      g_assert_cmpuint (stat.compr_bytes, ==, cases[i].compr);
      g_assert_cmpuint (stat.mem_used_bytes, ==, cases[i].mem_used);
      g_assert_cmpuint (stat.n_fields, ==, 9);
      g_assert_null (stat.device);
    }
}

/* --- the documented format ----------------------------------------------------------- */

static void
test_documented (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *header = load ("documented-header-only", "proc", "swaps", &len);
  g_autoptr(GArray) none = parse_ok (header, len);
  g_autofree char *old = load ("documented-old-kernel", "proc", "swaps", &len);
  g_autoptr(GArray) devices = parse_ok (old, len);
  g_autofree char *mm_stat = load ("documented-old-kernel", "sys", "block/zram0/mm_stat", &len);
  MgZramStat stat = { 0 };

  /* A machine without swap: the header and nothing else. */
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (devices->len, ==, 3);
  assert_device (devices, 0, "/dev/sda2", MG_SWAP_TYPE_PARTITION, 8388604, 1048576, -2);
  assert_device (devices, 1, "/dev/zram0", MG_SWAP_TYPE_ZRAM, 4194300, 2097152, 100);
  assert_device (devices, 2, "/swap\tfile", MG_SWAP_TYPE_FILE, 2097148, 0, -3);

  /* Linux 4.1 to 4.18: seven fields. */
  g_assert_true (mg_sys_parse_zram_mm_stat (mm_stat, len, &stat, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stat.orig_bytes, ==, 2147483648);
  g_assert_cmpuint (stat.compr_bytes, ==, 536870912);
  g_assert_cmpuint (stat.mem_used_bytes, ==, 603979776);
  g_assert_cmpuint (stat.n_fields, ==, 7);
}

#define HEADER "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"

static void
test_paths_and_types (void)
{
  static const struct {
    const char *line;
    const char *path;
    MgSwapType  type;
  } cases[] = {
    { "/swap\\134file file 10 0 -2\n", "/swap\\file", MG_SWAP_TYPE_FILE },
    { "/a\\012b file 10 0 -2\n", "/a\nb", MG_SWAP_TYPE_FILE },
    { "/home/jos\xc3\xa9/swap file 10 0 -2\n", "/home/jos\xc3\xa9/swap", MG_SWAP_TYPE_FILE },
    { "/x\\040(deleted) file 10 0 -2\n", "/x (deleted)", MG_SWAP_TYPE_FILE },
    { "/dev/zram12 partition 10 0 5\n", "/dev/zram12", MG_SWAP_TYPE_ZRAM },
    { "/dev/zram partition 10 0 5\n", "/dev/zram", MG_SWAP_TYPE_PARTITION },
    { "/dev/zramx partition 10 0 5\n", "/dev/zramx", MG_SWAP_TYPE_PARTITION },
    { "/dev/nvme0n1p3 partition 10 0 5\n", "/dev/nvme0n1p3", MG_SWAP_TYPE_PARTITION },
    /* A file that merely has a zram name is a file. */
    { "/dev/zram0 file 10 0 5\n", "/dev/zram0", MG_SWAP_TYPE_FILE },
    { "/p\tpartition\t10\t10\t-2147483648\n", "/p", MG_SWAP_TYPE_PARTITION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (HEADER, cases[i].line, NULL);
      g_autoptr(GArray) devices = NULL;

      g_test_message ("case: %s", cases[i].line);
      devices = parse_ok (text, strlen (text));
      g_assert_cmpuint (devices->len, ==, 1);
      g_assert_cmpstr (g_array_index (devices, MgSwapDevice, 0).path, ==, cases[i].path);
      g_assert_cmpint (g_array_index (devices, MgSwapDevice, 0).type, ==, cases[i].type);
    }
}

/* --- hostile text -------------------------------------------------------------------- */

static gboolean
parse_swaps_any (const char *text,
                 gsize       len,
                 gpointer    out,
                 GError    **error)
{
  g_autoptr(GArray) devices = mg_swap_devices_new ();
  gboolean ok = mg_proc_parse_swaps (text, len, devices, error);

  /* Nothing half-parsed is left behind. */
  if (!ok)
    g_assert_cmpuint (devices->len, ==, 0);
  return ok;
}

#define CASE(name, text, code) { name, text, sizeof (text) - 1, MG_PROC_ERROR_##code }

static void
test_swaps_errors (void)
{
  static const MgTestErrorCase cases[] = {
    CASE ("empty", "", EMPTY),
    CASE ("no header", "/dev/sda2 partition 10 0 -2\n", MISSING_KEY),
    CASE ("junk line", HEADER "this is not a swap line\n", INVALID_VALUE),
    CASE ("unknown type", HEADER "/dev/sda2 disk 10 0 -2\n", INVALID_VALUE),
    CASE ("used above size", HEADER "/dev/sda2 partition 10 11 -2\n", INVALID_VALUE),
    CASE ("truncated", HEADER "/dev/sda2 partition 10 0", TRUNCATED),
    CASE ("nul", HEADER "/dev/sda\0 partition 10 0 -2\n", BINARY),
    CASE ("bad escape", HEADER "/a\\9 file 10 0 -2\n", INVALID_VALUE),
    CASE ("short escape", HEADER "/a\\04 file 10 0 -2\n", INVALID_VALUE),
    CASE ("escape at end", HEADER "/a\\\n", INVALID_VALUE),
    CASE ("nul escape", HEADER "/a\\000 file 10 0 -2\n", INVALID_VALUE),
    CASE ("escape above 255", HEADER "/a\\777 file 10 0 -2\n", INVALID_VALUE),
    CASE ("no priority", HEADER "/dev/sda2 partition 10 0\n", INVALID_NUMBER),
    CASE ("priority too large", HEADER "/dev/sda2 partition 10 0 2147483648\n", INVALID_VALUE),
    CASE ("priority too small", HEADER "/dev/sda2 partition 10 0 -2147483649\n", INVALID_VALUE),
    CASE ("size overflow", HEADER "/dev/sda2 partition 18446744073709551616 0 1\n", OVERFLOW),
    CASE ("trailing text", HEADER "/dev/sda2 partition 10 0 -2 x\n", INVALID_NUMBER),
    CASE ("empty line", HEADER "\n", INVALID_VALUE),
    CASE ("blank path", HEADER " partition 10 0 -2\n", INVALID_VALUE),
    CASE ("good then junk", HEADER "/dev/sda2 partition 10 0 -2\n:-)\n", INVALID_VALUE),
  };

  mg_test_run_error_cases (parse_swaps_any, 1, cases, G_N_ELEMENTS (cases));
}

static void
test_swaps_too_many (void)
{
  g_autoptr(GString) text = g_string_new (HEADER);
  g_autoptr(GArray) devices = mg_swap_devices_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= MG_SWAPS_MAX_DEVICES; i++)
    g_string_append_printf (text, "/swap%u file 10 0 -%u\n", i, i + 2);

  g_assert_false (mg_proc_parse_swaps (text->str, text->len, devices, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE);
  g_assert_cmpuint (devices->len, ==, 0);
}

static gboolean
parse_mm_stat_any (const char *text,
                   gsize       len,
                   gpointer    out,
                   GError    **error)
{
  return mg_sys_parse_zram_mm_stat (text, len, out, error);
}

static void
test_mm_stat_errors (void)
{
  static const MgTestErrorCase cases[] = {
    CASE ("empty", "", EMPTY),
    CASE ("blank", " \n", MISSING_KEY),
    CASE ("two fields", "4096 73\n", MISSING_KEY),
    CASE ("letters", "4096 73 x\n", INVALID_NUMBER),
    CASE ("glued", "4096 73 12288x\n", INVALID_NUMBER),
    CASE ("negative", "-4096 73 12288\n", INVALID_NUMBER),
    CASE ("two lines", "4096 73 12288\n1 2 3\n", INVALID_VALUE),
    CASE ("truncated", "4096 73 12288", TRUNCATED),
    CASE ("overflow", "18446744073709551616 73 12288\n", OVERFLOW),
    CASE ("binary", "4096 73 \x01 12288\n", BINARY),
    CASE ("too many", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 "
                      "28 29 30 31 32 33\n", INVALID_VALUE),
  };

  mg_test_run_error_cases (parse_mm_stat_any, sizeof (MgZramStat), cases, G_N_ELEMENTS (cases));
}

static void
test_mm_stat_three_fields (void)
{
  g_autoptr(GError) error = NULL;
  MgZramStat stat = { 0 };
  g_autofree char *text = mg_test_copy_text ("\t10 \t5  7 \n", 11);

  g_assert_true (mg_sys_parse_zram_mm_stat (text, 11, &stat, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stat.orig_bytes, ==, 10);
  g_assert_cmpuint (stat.compr_bytes, ==, 5);
  g_assert_cmpuint (stat.mem_used_bytes, ==, 7);
  g_assert_cmpuint (stat.n_fields, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/proc/swaps/real", test_real_swaps);
  g_test_add_func ("/sys/zram/mm-stat/real", test_real_mm_stat);
  g_test_add_func ("/proc/swaps/documented", test_documented);
  g_test_add_func ("/proc/swaps/paths-and-types", test_paths_and_types);
  g_test_add_func ("/proc/swaps/errors", test_swaps_errors);
  g_test_add_func ("/proc/swaps/too-many", test_swaps_too_many);
  g_test_add_func ("/sys/zram/mm-stat/errors", test_mm_stat_errors);
  g_test_add_func ("/sys/zram/mm-stat/three-fields", test_mm_stat_three_fields);

  return g_test_run ();
}
