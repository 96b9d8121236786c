/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of mg_swap_read () over the fixture roots of tests/fixtures/swap/ and temporary ones:
 * devices, zram figures, zswap, and the clean absences of bad input. */

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-parse-meminfo.h"
#include "mg-swap-reader.h"
#include "mg-test-util.h"

static char *
fixture_root (const char *fixture,
              const char *root)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "swap", fixture, root, NULL);
}

static MgSwapState *
read_fixture (const char  *fixture,
              MgMeminfo   *meminfo,
              GError     **error)
{
  g_autofree char *proc = fixture_root (fixture, "proc");
  g_autofree char *sys = fixture_root (fixture, "sys");
  g_autofree char *text = NULL;
  g_autofree char *meminfo_path = g_build_filename (proc, "meminfo", NULL);
  gsize len = 0;

  g_assert_true (g_file_get_contents (meminfo_path, &text, &len, NULL));
  g_assert_true (mg_proc_parse_meminfo (text, len, meminfo, NULL));
  return mg_swap_read (proc, sys, meminfo, error);
}

static void
test_zram (void)
{
  g_autoptr(GError) error = NULL;
  MgMeminfo meminfo;
  g_autoptr(MgSwapState) state = read_fixture ("linux-6.18-zram", &meminfo, &error);
  const MgZramStat *stat;
  guint64 size = 0, used = 0;

  g_assert_no_error (error);
  g_assert_true (state->has_devices);
  g_assert_cmpuint (state->devices->len, ==, 2);
  g_assert_cmpuint (mg_swap_state_sum (state, MG_SWAP_TYPE_ZRAM, &size, &used), ==, 1);
  g_assert_cmpuint (size, ==, 262140);
  g_assert_cmpuint (used, ==, 140008);
  g_assert_cmpuint (mg_swap_state_sum (state, MG_SWAP_TYPE_FILE, &size, &used), ==, 1);
  g_assert_cmpuint (size, ==, 131068);
  g_assert_cmpuint (used, ==, 0);
  g_assert_cmpuint (mg_swap_state_sum (state, MG_SWAP_TYPE_PARTITION, NULL, NULL), ==, 0);

  g_assert_cmpuint (state->zram->len, ==, 1);
  stat = &g_array_index (state->zram, MgZramStat, 0);
  g_assert_cmpstr (stat->device, ==, "zram0");
  g_assert_cmpuint (stat->orig_bytes, ==, 143372288);
  g_assert_cmpuint (stat->compr_bytes, ==, 75237443);
  g_assert_cmpuint (stat->mem_used_bytes, ==, 76595200);

  /* meminfo has Zswap 0 and the switch says N: off. */
  g_assert_false (state->has_zswap);
}

static void
test_zswap (void)
{
  g_autoptr(GError) error = NULL;
  MgMeminfo meminfo;
  g_autoptr(MgSwapState) state = read_fixture ("linux-6.18-zswap", &meminfo, &error);

  g_assert_no_error (error);
  g_assert_true (state->has_zswap);
  g_assert_cmpuint (state->zswap_pool_kib, ==, 140404);
  g_assert_cmpuint (state->zswap_stored_kib, ==, 257216);
}

static void
test_absences (void)
{
  static const char *const fixtures[] = {
    "broken-zram-vanished", "broken-zram-no-mm-stat",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GError) error = NULL;
      MgMeminfo meminfo;
      g_autoptr(MgSwapState) state = read_fixture (fixtures[i], &meminfo, &error);

      g_test_message ("fixture: %s", fixtures[i]);
      g_assert_no_error (error);
      g_assert_true (state->has_devices);
      g_assert_cmpuint (state->devices->len, ==, 2);
      g_assert_cmpuint (state->zram->len, ==, 0);
    }
}

static void
test_junk (void)
{
  g_autoptr(GError) error = NULL;
  MgMeminfo meminfo;
  g_autoptr(MgSwapState) state = read_fixture ("broken-junk", &meminfo, &error);
  g_autofree char *proc = fixture_root ("broken-junk", "proc");
  g_autofree char *start = g_strdup_printf ("%s/swaps, line 3:", proc);

  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE);
  g_assert_true (g_str_has_prefix (error->message, start));
  g_assert_false (state->has_devices);
  g_assert_cmpuint (state->devices->len, ==, 0);
  g_assert_cmpuint (state->zram->len, ==, 0);
}

static void
test_header_only_and_old_kernel (void)
{
  g_autoptr(GError) error = NULL;
  MgMeminfo meminfo;
  g_autoptr(MgSwapState) none = read_fixture ("documented-header-only", &meminfo, &error);
  g_autoptr(MgSwapState) old = NULL;

  g_assert_no_error (error);
  g_assert_true (none->has_devices);
  g_assert_cmpuint (none->devices->len, ==, 0);
  g_assert_false (none->has_zswap);

  old = read_fixture ("documented-old-kernel", &meminfo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old->devices->len, ==, 3);
  g_assert_cmpuint (old->zram->len, ==, 1);
  g_assert_cmpuint (g_array_index (old->zram, MgZramStat, 0).n_fields, ==, 7);
  /* No Zswap line at all: null, whatever the switch would say. */
  g_assert_false (old->has_zswap);
}

/* A root without swaps (a kernel without CONFIG_SWAP), a malformed mm_stat and a zswap that
 * is on but empty, in a temporary tree. */
static void
test_temporary_roots (MgTestTempDir *tmp,
                      gconstpointer  data)
{
  g_autofree char *proc = g_build_filename (tmp->path, "proc", NULL);
  g_autofree char *sys = g_build_filename (tmp->path, "sys", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSwapState) empty = NULL;
  g_autoptr(MgSwapState) state = NULL;
  MgMeminfo meminfo = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (proc, 0700), ==, 0);
  empty = mg_swap_read (proc, sys, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (empty->has_devices);
  g_assert_cmpuint (empty->devices->len, ==, 0);
  g_assert_false (empty->has_zswap);

  mg_test_write_file (proc, "swaps", "Filename Type Size Used Priority\n"
                                     "/dev/zram0 partition 100 50 100\n"
                                     "/dev/zram1 partition 100 40 100\n");
  mg_test_write_file (sys, "block/zram0/mm_stat", "1 2 three\n");
  mg_test_write_file (sys, "block/zram1/mm_stat", "40960 10240 12288 0 12288 0 0 0 0\n");
  mg_test_write_file (sys, "module/zswap/parameters/enabled", "Y\n");
  meminfo.present = (1u << MG_MEMINFO_ZSWAP) | (1u << MG_MEMINFO_ZSWAPPED);

  state = mg_swap_read (proc, sys, &meminfo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (state->devices->len, ==, 2);
  g_assert_cmpuint (state->zram->len, ==, 1);
  g_assert_cmpstr (g_array_index (state->zram, MgZramStat, 0).device, ==, "zram1");
  g_assert_true (state->has_zswap);
  g_assert_cmpuint (state->zswap_pool_kib, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/swap-reader/zram", test_zram);
  g_test_add_func ("/swap-reader/zswap", test_zswap);
  g_test_add_func ("/swap-reader/vanished-and-no-mm-stat", test_absences);
  g_test_add_func ("/swap-reader/junk", test_junk);
  g_test_add_func ("/swap-reader/header-only-and-old-kernel", test_header_only_and_old_kernel);
  mg_test_add_in_temp_dir ("/swap-reader/temporary-roots", test_temporary_roots);

  return g_test_run ();
}
