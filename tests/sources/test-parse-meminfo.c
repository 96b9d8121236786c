/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/meminfo parser against real fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-meminfo.h"
#include "mg-test-util.h"

#include "fixtures/proc/expected.h"

/* A wrapper, not a cast: see MgTestParseFunc. */
static gboolean
parse_meminfo_any (const char *text,
                   gsize       len,
                   gpointer    out,
                   GError    **error)
{
  return mg_proc_parse_meminfo (text, len, out, error);
}

/* --- real fixtures ------------------------------------------------------------------- */

static void
check_meminfo (gconstpointer          out,
               const ExpectedFixture *expected)
{
  expected_check_meminfo (out, expected);
}

static const ExpectedParser meminfo_parser = {
  "meminfo", parse_meminfo_any, sizeof (MgMeminfo), check_meminfo,
};

/* A few numbers read straight off the files, so that a wrong table in expected.h and a
 * parser wrong in the same way cannot agree by accident. */
static void
test_meminfo_fixture_spot_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgMeminfo info;
  gsize len;

  text = mg_test_load_fixture ("linux-6.18-critical-swapping", "meminfo", &len);
  g_assert_true (mg_proc_parse_meminfo (text, len, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_TOTAL], ==, 24684084);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 2002908);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_TOTAL], ==, 4194300);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_FREE], ==, 3667516);
  g_assert_cmpuint (info.kib[MG_MEMINFO_ZSWAP], ==, 287708);
  g_assert_cmpuint (info.kib[MG_MEMINFO_ZSWAPPED], ==, 526660);
  /* The default rule puts this capture in the critical band (below 10 %). */
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE] * 10, <, info.kib[MG_MEMINFO_MEM_TOTAL]);
}

/* --- broken fixtures ----------------------------------------------------------------- */

static void
test_meminfo_broken_fixture (gconstpointer data)
{
  const BrokenFixture *broken = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgMeminfo info;
  gsize len;

  text = mg_test_load_fixture (broken->name, "meminfo", &len);
  g_assert_false (mg_proc_parse_meminfo (text, len, &info, &error));
  g_assert_error (error, MG_PROC_ERROR, (gint) broken->code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

/* --- hostile input tables ------------------------------------------------------------ */

static void
parse_meminfo_ok (const char *text,
                  gsize       len,
                  MgMeminfo  *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = mg_test_copy_text (text, len);

  memset (info, 0xa5, sizeof *info);
  g_assert_true (mg_proc_parse_meminfo (copy, len, info, &error));
  g_assert_no_error (error);
}

/* earlyoom's strstr lookup took Cached from SwapCached; keys must be anchored. */
static void
test_meminfo_swapcached_before_cached (void)
{
  MgMeminfo info;

  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         100 kB\n"
                                  "MemAvailable:    400 kB\n"
                                  "SwapCached:      111 kB\n"
                                  "Cached:          222 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_CACHED], ==, 111);
  g_assert_cmpuint (info.kib[MG_MEMINFO_CACHED], ==, 222);

  /* With no Cached line at all, SwapCached must not stand in for it. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         100 kB\n"
                                  "MemAvailable:    400 kB\n"
                                  "SwapCached:      111 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_CACHED], ==, 111);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_CACHED));

  /* Nor may a longer key that starts with a known one. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotalX:      7777 kB\n"
                                  "MemTotal:       1000 kB\n"
                                  "MemFree:         100 kB\n"
                                  "MemAvailable:    400 kB\n"
                                  "Zswapped:          9 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_TOTAL], ==, 1000);
  g_assert_cmpuint (info.kib[MG_MEMINFO_ZSWAPPED], ==, 9);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_ZSWAP));
}

static void
test_meminfo_unknown_keys (void)
{
  MgMeminfo info;

  parse_meminfo_ok (MG_TEST_TEXT ("Foo:              12 kB\n"
                                  "MemTotal:       2000 kB\n"
                                  "Active(anon):      5 kB\n"
                                  "HugePages_Total:   0\n"
                                  "MemFree:         300 kB\n"
                                  "MemAvailable:    900 kB\n"
                                  "DirectMap1G:    25165824 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_TOTAL], ==, 2000);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_FREE], ==, 300);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 900);
  g_assert_cmphex (info.present, ==, BIT (MG_MEMINFO_MEM_TOTAL) |
                                     BIT (MG_MEMINFO_MEM_FREE) |
                                     BIT (MG_MEMINFO_MEM_AVAILABLE));
  g_assert_false (info.mem_available_estimated);
}

/* The kernel prints sizes with " kB"; the HugePages_* lines print none. Both are numbers. */
static void
test_meminfo_unit_optional (void)
{
  MgMeminfo info;

  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal: 4096\n"
                                  "MemFree: 1024 kB\n"
                                  "MemAvailable:\t2048\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_TOTAL], ==, 4096);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_FREE], ==, 1024);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 2048);
}

static void
test_meminfo_max_u64 (void)
{
  MgMeminfo info;

  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       18446744073709551615 kB\n"
                                  "MemFree:        18446744073709551615 kB\n"
                                  "MemAvailable:   18446744073709551615 kB\n"
                                  "Dirty:          18446744073709551615 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_TOTAL], ==, G_MAXUINT64);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_FREE], ==, G_MAXUINT64);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, G_MAXUINT64);
  g_assert_cmpuint (info.kib[MG_MEMINFO_DIRTY], ==, G_MAXUINT64);
}

static void
test_meminfo_estimate (void)
{
  MgMeminfo info;

  /* Kernels before 3.14 have no MemAvailable:
   * 200 + 30 + 400 + 50 - 80 = 600. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         200 kB\n"
                                  "Buffers:          30 kB\n"
                                  "Cached:          400 kB\n"
                                  "SwapCached:        7 kB\n"
                                  "Shmem:            80 kB\n"
                                  "SReclaimable:     50 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 600);
  g_assert_true (info.mem_available_estimated);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE));
  g_assert_true (mg_meminfo_has (&info, MG_MEMINFO_CACHED));

  /* Shmem larger than the rest: clamped at 0 rather than wrapping around. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:          10 kB\n"
                                  "Buffers:           1 kB\n"
                                  "Cached:          100 kB\n"
                                  "Shmem:           900 kB\n"
                                  "SReclaimable:      2 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 0);
  g_assert_true (info.mem_available_estimated);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE));

  /* More than MemTotal: clamped at MemTotal. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         900 kB\n"
                                  "Buffers:         100 kB\n"
                                  "Cached:          100 kB\n"
                                  "Shmem:             0 kB\n"
                                  "SReclaimable:    100 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 1000);
  g_assert_true (info.mem_available_estimated);

  /* Only the two required keys: the estimate is MemFree. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         321 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 321);
  g_assert_true (info.mem_available_estimated);
  g_assert_cmphex (info.present, ==, BIT (MG_MEMINFO_MEM_TOTAL) | BIT (MG_MEMINFO_MEM_FREE));

  /* A real MemAvailable is never replaced by the estimate. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       1000 kB\n"
                                  "MemFree:         200 kB\n"
                                  "MemAvailable:    123 kB\n"
                                  "Cached:          400 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 123);
  g_assert_false (info.mem_available_estimated);
  g_assert_true (mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE));
}

/* Every value is a valid u64, so the estimate must not wrap around or overflow a signed
 * type on the way: the answer is the clamped exact sum. */
static void
test_meminfo_estimate_extremes (void)
{
  MgMeminfo info;

  /* 2^63 - 1, computed without going through a negative number. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       18446744073709551615 kB\n"
                                  "MemFree:        9223372036854775808 kB\n"
                                  "Shmem:          1 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, G_GUINT64_CONSTANT (9223372036854775807));
  g_assert_true (info.mem_available_estimated);

  /* The sum exceeds 2^64 - 1; clamped to MemTotal, not wrapped to a small number. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       18446744073709551615 kB\n"
                                  "MemFree:        18446744073709551615 kB\n"
                                  "Buffers:        1 kB\n"
                                  "Cached:         5 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, G_MAXUINT64);
  g_assert_true (info.mem_available_estimated);

  /* Shmem above everything else, with huge values: clamped at 0. */
  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal:       18446744073709551615 kB\n"
                                  "MemFree:        1 kB\n"
                                  "Shmem:          18446744073709551615 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 0);
  g_assert_true (info.mem_available_estimated);
}

static const MgTestErrorCase meminfo_errors[] = {
  { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
  { "missing-memtotal", MG_TEST_TEXT ("MemFree: 100 kB\nMemAvailable: 50 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "missing-memfree", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemAvailable: 50 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "memfree-inside-longer-key", MG_TEST_TEXT ("MemTotal: 1000 kB\nXMemFree: 100 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "no-final-newline", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB"),
    MG_PROC_ERROR_TRUNCATED },
  { "cut-mid-number", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 10"), MG_PROC_ERROR_TRUNCATED },
  { "cut-mid-key", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\nSwapT"),
    MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 1\0000 kB\n"), MG_PROC_ERROR_BINARY },
  { "nul-after-last-line", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n\0"),
    MG_PROC_ERROR_BINARY },
  { "byte-0x80", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\nCach\x80" "d: 5 kB\n"),
    MG_PROC_ERROR_BINARY },
  { "byte-0xff", MG_TEST_TEXT ("MemTotal: 1000 kB\n\xff\xfe\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_BINARY },
  { "letter-in-number", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 12a4 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "no-digits", MG_TEST_TEXT ("MemTotal: kB\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "empty-value", MG_TEST_TEXT ("MemTotal:\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: -5 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "hex", MG_TEST_TEXT ("MemTotal: 0x1000 kB\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "unit-mb", MG_TEST_TEXT ("MemTotal: 1000 MB\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "unit-kbx", MG_TEST_TEXT ("MemTotal: 1000 kBx\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "trailing-word", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB extra\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "2pow64", MG_TEST_TEXT ("MemTotal: 18446744073709551616 kB\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "2pow64-other-field", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                        "Dirty: 18446744073709551616 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "20-nines", MG_TEST_TEXT ("MemTotal: 99999999999999999999 kB\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "memtotal-zero", MG_TEST_TEXT ("MemTotal: 0 kB\nMemFree: 0 kB\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "available-above-total", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                           "MemAvailable: 1001 kB\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "swapfree-above-swaptotal", MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                              "MemAvailable: 500 kB\n"
                                              "SwapTotal: 10 kB\nSwapFree: 11 kB\n"),
    MG_PROC_ERROR_INVALID_VALUE },
};

static void
test_meminfo_errors (void)
{
  mg_test_run_error_cases (parse_meminfo_any, sizeof (MgMeminfo),
                   meminfo_errors, G_N_ELEMENTS (meminfo_errors));
}

/* The boundary itself: equal is fine on both checks. */
static void
test_meminfo_equal_bounds (void)
{
  MgMeminfo info;

  parse_meminfo_ok (MG_TEST_TEXT ("MemTotal: 1000 kB\nMemFree: 1000 kB\nMemAvailable: 1000 kB\n"
                                  "SwapTotal: 10 kB\nSwapFree: 10 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 1000);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_FREE], ==, 10);
}

/* --- error domain -------------------------------------------------------------------- */

static void
test_error_quark (void)
{
  g_assert_cmpuint (MG_PROC_ERROR, !=, 0);
  g_assert_cmpuint (MG_PROC_ERROR, ==, mg_proc_error_quark ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  expected_add_fixture_tests ("/proc/meminfo", &meminfo_parser);
  g_test_add_func ("/proc/meminfo/spot-checks", test_meminfo_fixture_spot_checks);

  for (gsize i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      const BrokenFixture *broken = &broken_fixtures[i];
      g_autofree char *path = g_strdup_printf ("/proc/meminfo/%s", broken->name);

      g_test_add_data_func (path, broken, test_meminfo_broken_fixture);
    }

  g_test_add_func ("/proc/meminfo/swapcached-before-cached", test_meminfo_swapcached_before_cached);
  g_test_add_func ("/proc/meminfo/unknown-keys", test_meminfo_unknown_keys);
  g_test_add_func ("/proc/meminfo/unit-optional", test_meminfo_unit_optional);
  g_test_add_func ("/proc/meminfo/max-u64", test_meminfo_max_u64);
  g_test_add_func ("/proc/meminfo/missing-memavailable", test_meminfo_estimate);
  g_test_add_func ("/proc/meminfo/missing-memavailable-extremes", test_meminfo_estimate_extremes);
  g_test_add_func ("/proc/meminfo/equal-bounds", test_meminfo_equal_bounds);
  g_test_add_func ("/proc/meminfo/errors", test_meminfo_errors);
  g_test_add_func ("/proc/error-quark", test_error_quark);

  return g_test_run ();
}
