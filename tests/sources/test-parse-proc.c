/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the pure /proc parsers against real fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-meminfo.h"
#include "mg-parse-psi.h"
#include "mg-parse-swappiness.h"
#include "mg-parse-vmstat.h"

#include "fixtures/proc/expected.h"

/* Texts in the tables are C strings unless a length is given, so that NUL bytes can be
 * part of the input. */
#define TEXT(s) (s), (sizeof (s) - 1)

typedef gboolean (*ParseFunc) (const char *text,
                               gsize       len,
                               gpointer    out,
                               GError    **error);

/* Wrappers rather than casts: calling through a mismatched function type is undefined,
 * and clang's -fsanitize=function reports it. */
static gboolean
parse_meminfo_any (const char *text,
                   gsize       len,
                   gpointer    out,
                   GError    **error)
{
  return mg_proc_parse_meminfo (text, len, out, error);
}

static gboolean
parse_vmstat_any (const char *text,
                  gsize       len,
                  gpointer    out,
                  GError    **error)
{
  return mg_proc_parse_vmstat (text, len, out, error);
}

static gboolean
parse_psi_any (const char *text,
               gsize       len,
               gpointer    out,
               GError    **error)
{
  return mg_proc_parse_psi (text, len, out, error);
}

static gboolean
parse_swappiness_any (const char *text,
                      gsize       len,
                      gpointer    out,
                      GError    **error)
{
  return mg_proc_parse_swappiness (text, len, out, error);
}

/* An exact-size heap copy lets ASan catch any read past the end of the text; an empty
 * text still gets a valid (one-byte) buffer, as a reader would pass. */
static char *
copy_text (const char *text,
           gsize       len)
{
  char *copy = g_malloc (MAX (len, 1));

  memcpy (copy, text, len);
  return copy;
}

typedef struct {
  const char *name;
  const char *text;
  gsize       len;
  MgProcError code;
} ErrorCase;

static char *
load_fixture (const char *fixture,
              const char *file,
              gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *text = NULL;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", fixture, file, NULL);
  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

/* --- real fixtures ------------------------------------------------------------------- */

static void
test_meminfo_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgMeminfo info;
  gsize len;

  text = load_fixture (expected->name, "meminfo", &len);
  /* Poison the output so that a field the parser forgets cannot pass by being zero. */
  memset (&info, 0xa5, sizeof info);
  g_assert_true (mg_proc_parse_meminfo (text, len, &info, &error));
  g_assert_no_error (error);
  expected_check_meminfo (&info, expected);
}

static void
test_vmstat_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgVmstat vmstat;
  gsize len;

  text = load_fixture (expected->name, "vmstat", &len);
  memset (&vmstat, 0xa5, sizeof vmstat);
  g_assert_true (mg_proc_parse_vmstat (text, len, &vmstat, &error));
  g_assert_no_error (error);
  expected_check_vmstat (&vmstat, expected);
}

static void
test_psi_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgPsi psi;
  gsize len;

  g_assert_true (expected->has_psi);
  text = load_fixture (expected->name, "pressure/memory", &len);
  memset (&psi, 0xa5, sizeof psi);
  g_assert_true (mg_proc_parse_psi (text, len, &psi, &error));
  g_assert_no_error (error);
  expected_check_psi (&psi, expected);
}

static void
test_swappiness_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint swappiness = 12345;
  gsize len;

  text = load_fixture (expected->name, "sys/vm/swappiness", &len);
  g_assert_true (mg_proc_parse_swappiness (text, len, &swappiness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (swappiness, ==, expected->swappiness);
}

/* A few numbers read straight off the files, so that a wrong table in expected.h and a
 * parser wrong in the same way cannot agree by accident. */
static void
test_meminfo_fixture_spot_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgMeminfo info;
  gsize len;

  text = load_fixture ("linux-6.18-critical-swapping", "meminfo", &len);
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

  text = load_fixture (broken->name, "meminfo", &len);
  g_assert_false (mg_proc_parse_meminfo (text, len, &info, &error));
  g_assert_error (error, MG_PROC_ERROR, (gint) broken->code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

/* Only meminfo is broken in each case: the other three files must still parse. */
static void
test_broken_fixture_others_intact (gconstpointer data)
{
  const BrokenFixture *broken = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *vmstat_text = NULL;
  g_autofree char *psi_text = NULL;
  g_autofree char *swappiness_text = NULL;
  MgVmstat vmstat;
  MgPsi psi;
  guint swappiness;
  gsize len;

  vmstat_text = load_fixture (broken->name, "vmstat", &len);
  g_assert_true (mg_proc_parse_vmstat (vmstat_text, len, &vmstat, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PGMAJFAULT], ==, 965);

  psi_text = load_fixture (broken->name, "pressure/memory", &len);
  g_assert_true (mg_proc_parse_psi (psi_text, len, &psi, &error));
  g_assert_no_error (error);

  swappiness_text = load_fixture (broken->name, "sys/vm/swappiness", &len);
  g_assert_true (mg_proc_parse_swappiness (swappiness_text, len, &swappiness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (swappiness, ==, 60);
}

/* --- hostile input tables ------------------------------------------------------------ */

static void
run_error_cases (ParseFunc        parse,
                 gsize            out_size,
                 const ErrorCase *cases,
                 gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = NULL;
      g_autofree gpointer out = g_malloc0 (out_size);

      g_test_message ("case: %s", cases[i].name);
      copy = copy_text (cases[i].text, cases[i].len);
      g_assert_false (parse (copy, cases[i].len, out, &error));
      g_assert_error (error, MG_PROC_ERROR, (gint) cases[i].code);
    }
}

static void
parse_meminfo_ok (const char *text,
                  gsize       len,
                  MgMeminfo  *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = copy_text (text, len);

  memset (info, 0xa5, sizeof *info);
  g_assert_true (mg_proc_parse_meminfo (copy, len, info, &error));
  g_assert_no_error (error);
}

/* earlyoom's strstr lookup took Cached from SwapCached; keys must be anchored. */
static void
test_meminfo_swapcached_before_cached (void)
{
  MgMeminfo info;

  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
                          "MemFree:         100 kB\n"
                          "MemAvailable:    400 kB\n"
                          "SwapCached:      111 kB\n"
                          "Cached:          222 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_CACHED], ==, 111);
  g_assert_cmpuint (info.kib[MG_MEMINFO_CACHED], ==, 222);

  /* With no Cached line at all, SwapCached must not stand in for it. */
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
                          "MemFree:         100 kB\n"
                          "MemAvailable:    400 kB\n"
                          "SwapCached:      111 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_CACHED], ==, 111);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_CACHED));

  /* Nor may a longer key that starts with a known one. */
  parse_meminfo_ok (TEXT ("MemTotalX:      7777 kB\n"
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

  parse_meminfo_ok (TEXT ("Foo:              12 kB\n"
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

  parse_meminfo_ok (TEXT ("MemTotal: 4096\n"
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

  parse_meminfo_ok (TEXT ("MemTotal:       18446744073709551615 kB\n"
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
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
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
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
                          "MemFree:          10 kB\n"
                          "Buffers:           1 kB\n"
                          "Cached:          100 kB\n"
                          "Shmem:           900 kB\n"
                          "SReclaimable:      2 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 0);
  g_assert_true (info.mem_available_estimated);
  g_assert_false (mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE));

  /* More than MemTotal: clamped at MemTotal. */
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
                          "MemFree:         900 kB\n"
                          "Buffers:         100 kB\n"
                          "Cached:          100 kB\n"
                          "Shmem:             0 kB\n"
                          "SReclaimable:    100 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 1000);
  g_assert_true (info.mem_available_estimated);

  /* Only the two required keys: the estimate is MemFree. */
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
                          "MemFree:         321 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 321);
  g_assert_true (info.mem_available_estimated);
  g_assert_cmphex (info.present, ==, BIT (MG_MEMINFO_MEM_TOTAL) | BIT (MG_MEMINFO_MEM_FREE));

  /* A real MemAvailable is never replaced by the estimate. */
  parse_meminfo_ok (TEXT ("MemTotal:       1000 kB\n"
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
  parse_meminfo_ok (TEXT ("MemTotal:       18446744073709551615 kB\n"
                          "MemFree:        9223372036854775808 kB\n"
                          "Shmem:          1 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, G_GUINT64_CONSTANT (9223372036854775807));
  g_assert_true (info.mem_available_estimated);

  /* The sum exceeds 2^64 - 1; clamped to MemTotal, not wrapped to a small number. */
  parse_meminfo_ok (TEXT ("MemTotal:       18446744073709551615 kB\n"
                          "MemFree:        18446744073709551615 kB\n"
                          "Buffers:        1 kB\n"
                          "Cached:         5 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, G_MAXUINT64);
  g_assert_true (info.mem_available_estimated);

  /* Shmem above everything else, with huge values: clamped at 0. */
  parse_meminfo_ok (TEXT ("MemTotal:       18446744073709551615 kB\n"
                          "MemFree:        1 kB\n"
                          "Shmem:          18446744073709551615 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 0);
  g_assert_true (info.mem_available_estimated);
}

static const ErrorCase meminfo_errors[] = {
  { "empty", TEXT (""), MG_PROC_ERROR_EMPTY },
  { "missing-memtotal", TEXT ("MemFree: 100 kB\nMemAvailable: 50 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "missing-memfree", TEXT ("MemTotal: 1000 kB\nMemAvailable: 50 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "memfree-inside-longer-key", TEXT ("MemTotal: 1000 kB\nXMemFree: 100 kB\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "no-final-newline", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB"),
    MG_PROC_ERROR_TRUNCATED },
  { "cut-mid-number", TEXT ("MemTotal: 1000 kB\nMemFree: 10"), MG_PROC_ERROR_TRUNCATED },
  { "cut-mid-key", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\nSwapT"),
    MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", TEXT ("MemTotal: 1000 kB\nMemFree: 1\0000 kB\n"), MG_PROC_ERROR_BINARY },
  { "nul-after-last-line", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n\0"),
    MG_PROC_ERROR_BINARY },
  { "byte-0x80", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\nCach\x80" "d: 5 kB\n"),
    MG_PROC_ERROR_BINARY },
  { "byte-0xff", TEXT ("MemTotal: 1000 kB\n\xff\xfe\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_BINARY },
  { "letter-in-number", TEXT ("MemTotal: 1000 kB\nMemFree: 12a4 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "no-digits", TEXT ("MemTotal: kB\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "empty-value", TEXT ("MemTotal:\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", TEXT ("MemTotal: 1000 kB\nMemFree: -5 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "hex", TEXT ("MemTotal: 0x1000 kB\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "unit-mb", TEXT ("MemTotal: 1000 MB\nMemFree: 100 kB\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "unit-kbx", TEXT ("MemTotal: 1000 kBx\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "trailing-word", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB extra\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "2pow64", TEXT ("MemTotal: 18446744073709551616 kB\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "2pow64-other-field", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                "Dirty: 18446744073709551616 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "20-nines", TEXT ("MemTotal: 99999999999999999999 kB\nMemFree: 100 kB\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "memtotal-zero", TEXT ("MemTotal: 0 kB\nMemFree: 0 kB\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "available-above-total", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                   "MemAvailable: 1001 kB\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "swapfree-above-swaptotal", TEXT ("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                                      "MemAvailable: 500 kB\n"
                                      "SwapTotal: 10 kB\nSwapFree: 11 kB\n"),
    MG_PROC_ERROR_INVALID_VALUE },
};

static void
test_meminfo_errors (void)
{
  run_error_cases (parse_meminfo_any, sizeof (MgMeminfo),
                   meminfo_errors, G_N_ELEMENTS (meminfo_errors));
}

/* The boundary itself: equal is fine on both checks. */
static void
test_meminfo_equal_bounds (void)
{
  MgMeminfo info;

  parse_meminfo_ok (TEXT ("MemTotal: 1000 kB\nMemFree: 1000 kB\nMemAvailable: 1000 kB\n"
                          "SwapTotal: 10 kB\nSwapFree: 10 kB\n"), &info);
  g_assert_cmpuint (info.kib[MG_MEMINFO_MEM_AVAILABLE], ==, 1000);
  g_assert_cmpuint (info.kib[MG_MEMINFO_SWAP_FREE], ==, 10);
}

/* --- pressure/memory ----------------------------------------------------------------- */

static void
parse_psi_ok (const char *text,
              gsize       len,
              MgPsi      *psi)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = copy_text (text, len);

  memset (psi, 0xa5, sizeof *psi);
  g_assert_true (mg_proc_parse_psi (copy, len, psi, &error));
  g_assert_no_error (error);
}

static void
test_psi_values (void)
{
  MgPsi psi;

  parse_psi_ok (TEXT ("some avg10=1.25 avg60=100.00 avg300=0.01 total=18446744073709551615\n"
                      "full avg10=0.50 avg60=7.00 avg300=99.99 total=42\n"), &psi);
  g_assert_cmpfloat_with_epsilon (psi.some.avg10, 1.25, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg60, 100.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg300, 0.01, PSI_EPSILON);
  g_assert_cmpuint (psi.some.total_us, ==, G_MAXUINT64);
  g_assert_true (psi.has_full);
  g_assert_cmpfloat_with_epsilon (psi.full.avg10, 0.5, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.full.avg60, 7.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.full.avg300, 99.99, PSI_EPSILON);
  g_assert_cmpuint (psi.full.total_us, ==, 42);
}

/* The CPU file printed only "some" before 5.13; the parser must not need "full". */
static void
test_psi_some_only (void)
{
  MgPsi psi;

  parse_psi_ok (TEXT ("some avg10=3.00 avg60=2.00 avg300=1.00 total=123456\n"), &psi);
  g_assert_false (psi.has_full);
  g_assert_cmpfloat_with_epsilon (psi.some.avg10, 3.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg60, 2.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg300, 1.0, PSI_EPSILON);
  g_assert_cmpuint (psi.some.total_us, ==, 123456);
}

static const ErrorCase psi_errors[] = {
  { "empty", TEXT (""), MG_PROC_ERROR_EMPTY },
  { "no-some", TEXT ("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "no-total", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00\n"), MG_PROC_ERROR_MISSING_KEY },
  { "no-avg60", TEXT ("some avg10=0.00 avg300=0.00 total=0\n"), MG_PROC_ERROR_MISSING_KEY },
  { "full-no-total", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                           "full avg10=0.00 avg60=0.00 avg300=0.00\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "avg-above-100", TEXT ("some avg10=100.01 avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "full-avg-above-100", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                                "full avg10=0.00 avg60=250.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "avg-word", TEXT ("some avg10=abc avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "avg-empty", TEXT ("some avg10= avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "total-letters", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=12x\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "total-2pow64", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551616\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "no-final-newline", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5"),
    MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\0\n"),
    MG_PROC_ERROR_BINARY },
  { "byte-0x80", TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\x80\n"),
    MG_PROC_ERROR_BINARY },
};

static void
test_psi_errors (void)
{
  run_error_cases (parse_psi_any, sizeof (MgPsi),
                   psi_errors, G_N_ELEMENTS (psi_errors));
}

/* --- vmstat -------------------------------------------------------------------------- */

static void
parse_vmstat_ok (const char *text,
                 gsize       len,
                 MgVmstat   *vmstat)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = copy_text (text, len);

  memset (vmstat, 0xa5, sizeof *vmstat);
  g_assert_true (mg_proc_parse_vmstat (copy, len, vmstat, &error));
  g_assert_no_error (error);
}

static void
test_vmstat_values (void)
{
  MgVmstat vmstat;

  /* zswpin/zswpout precede pswpin on 6.x and must not be taken for it. */
  parse_vmstat_ok (TEXT ("nr_free_pages 6058540\n"
                         "zswpin 853271\n"
                         "zswpout 984942\n"
                         "pgmajfaultx 99\n"
                         "pswpin 11\n"
                         "pswpout 22\n"
                         "pgmajfault 33\n"
                         "oom_kill 18446744073709551615\n"
                         "unknown_counter -5\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPIN], ==, 11);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPOUT], ==, 22);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PGMAJFAULT], ==, 33);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_OOM_KILL], ==, G_MAXUINT64);
  g_assert_cmphex (vmstat.present, ==, VMSTAT_ALL);
}

/* oom_kill arrived in 4.13; pswpin/pswpout are absent without CONFIG_SWAP. */
static void
test_vmstat_optional (void)
{
  MgVmstat vmstat;

  parse_vmstat_ok (TEXT ("nr_free_pages 1\npgmajfault 7\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PGMAJFAULT], ==, 7);
  g_assert_cmphex (vmstat.present, ==, BIT (MG_VMSTAT_PGMAJFAULT));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_OOM_KILL));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_PSWPIN));

  parse_vmstat_ok (TEXT ("pswpout 3\npgmajfault 7\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPOUT], ==, 3);
  g_assert_cmphex (vmstat.present, ==, BIT (MG_VMSTAT_PSWPOUT) | BIT (MG_VMSTAT_PGMAJFAULT));
}

static const ErrorCase vmstat_errors[] = {
  { "empty", TEXT (""), MG_PROC_ERROR_EMPTY },
  { "no-pgmajfault", TEXT ("pswpin 1\npswpout 2\noom_kill 0\n"), MG_PROC_ERROR_MISSING_KEY },
  { "only-pgmajfault-prefix", TEXT ("pgmajfault_s 1\npswpin 1\n"), MG_PROC_ERROR_MISSING_KEY },
  { "not-a-number", TEXT ("pgmajfault 12a4\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "empty-value", TEXT ("pswpin \npgmajfault 1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", TEXT ("pgmajfault -1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "2pow64", TEXT ("pgmajfault 18446744073709551616\n"), MG_PROC_ERROR_OVERFLOW },
  { "no-final-newline", TEXT ("pswpin 1\npgmajfault 1"), MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", TEXT ("pgmajfault 1\n\0\n"), MG_PROC_ERROR_BINARY },
  { "byte-0xc3", TEXT ("pgmajfault 1\nnr_\xc3\xa9 2\n"), MG_PROC_ERROR_BINARY },
};

static void
test_vmstat_errors (void)
{
  run_error_cases (parse_vmstat_any, sizeof (MgVmstat),
                   vmstat_errors, G_N_ELEMENTS (vmstat_errors));
}

/* --- sys/vm/swappiness --------------------------------------------------------------- */

static void
test_swappiness_values (void)
{
  static const struct {
    const char *text;
    guint       value;
  } cases[] = {
    { "0\n", 0 },
    { "1\n", 1 },
    { "10\n", 10 },
    { "60\n", 60 },
    { "100\n", 100 },
    { "199\n", 199 },
    { "200\n", 200 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = g_strdup (cases[i].text);
      guint value = 12345;

      g_test_message ("case: %s", cases[i].text);
      g_assert_true (mg_proc_parse_swappiness (copy, strlen (copy), &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, cases[i].value);
    }
}

static const ErrorCase swappiness_errors[] = {
  { "empty", TEXT (""), MG_PROC_ERROR_EMPTY },
  { "201", TEXT ("201\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "1000", TEXT ("1000\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "word", TEXT ("sixty\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", TEXT ("-1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "inner-space", TEXT ("6 0\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "trailing-letter", TEXT ("60x\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "only-newline", TEXT ("\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "no-final-newline", TEXT ("60"), MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", TEXT ("6\0\n"), MG_PROC_ERROR_BINARY },
  { "byte-0x80", TEXT ("60\x80\n"), MG_PROC_ERROR_BINARY },
};

static void
test_swappiness_errors (void)
{
  run_error_cases (parse_swappiness_any, sizeof (guint),
                   swappiness_errors, G_N_ELEMENTS (swappiness_errors));
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

  for (gsize i = 0; i < G_N_ELEMENTS (expected_fixtures); i++)
    {
      const ExpectedFixture *fixture = &expected_fixtures[i];
      g_autofree char *meminfo_path = g_strdup_printf ("/proc/meminfo/%s", fixture->name);
      g_autofree char *vmstat_path = g_strdup_printf ("/proc/vmstat/%s", fixture->name);
      g_autofree char *psi_path = g_strdup_printf ("/proc/psi/%s", fixture->name);
      g_autofree char *swappiness_path = g_strdup_printf ("/proc/swappiness/%s",
                                                          fixture->name);

      g_test_add_data_func (meminfo_path, fixture, test_meminfo_fixture);
      g_test_add_data_func (vmstat_path, fixture, test_vmstat_fixture);
      if (fixture->has_psi)
        g_test_add_data_func (psi_path, fixture, test_psi_fixture);
      g_test_add_data_func (swappiness_path, fixture, test_swappiness_fixture);
    }
  g_test_add_func ("/proc/meminfo/spot-checks", test_meminfo_fixture_spot_checks);

  for (gsize i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      const BrokenFixture *broken = &broken_fixtures[i];
      g_autofree char *path = g_strdup_printf ("/proc/meminfo/%s", broken->name);
      g_autofree char *others_path = g_strdup_printf ("/proc/others-intact/%s", broken->name);

      g_test_add_data_func (path, broken, test_meminfo_broken_fixture);
      g_test_add_data_func (others_path, broken, test_broken_fixture_others_intact);
    }

  g_test_add_func ("/proc/meminfo/swapcached-before-cached", test_meminfo_swapcached_before_cached);
  g_test_add_func ("/proc/meminfo/unknown-keys", test_meminfo_unknown_keys);
  g_test_add_func ("/proc/meminfo/unit-optional", test_meminfo_unit_optional);
  g_test_add_func ("/proc/meminfo/max-u64", test_meminfo_max_u64);
  g_test_add_func ("/proc/meminfo/missing-memavailable", test_meminfo_estimate);
  g_test_add_func ("/proc/meminfo/missing-memavailable-extremes", test_meminfo_estimate_extremes);
  g_test_add_func ("/proc/meminfo/equal-bounds", test_meminfo_equal_bounds);
  g_test_add_func ("/proc/meminfo/errors", test_meminfo_errors);
  g_test_add_func ("/proc/psi/values", test_psi_values);
  g_test_add_func ("/proc/psi/some-only", test_psi_some_only);
  g_test_add_func ("/proc/psi/errors", test_psi_errors);
  g_test_add_func ("/proc/vmstat/values", test_vmstat_values);
  g_test_add_func ("/proc/vmstat/optional", test_vmstat_optional);
  g_test_add_func ("/proc/vmstat/errors", test_vmstat_errors);
  g_test_add_func ("/proc/swappiness/values", test_swappiness_values);
  g_test_add_func ("/proc/swappiness/errors", test_swappiness_errors);
  g_test_add_func ("/proc/error-quark", test_error_quark);

  return g_test_run ();
}
