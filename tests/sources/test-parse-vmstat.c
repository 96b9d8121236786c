/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/vmstat parser against real fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-vmstat.h"
#include "mg-test-util.h"

#include "fixtures/proc/expected.h"

/* A wrapper, not a cast: see MgTestParseFunc. */
static gboolean
parse_vmstat_any (const char *text,
                  gsize       len,
                  gpointer    out,
                  GError    **error)
{
  return mg_proc_parse_vmstat (text, len, out, error);
}

/* --- real fixtures ------------------------------------------------------------------- */

static void
check_vmstat (gconstpointer          out,
              const ExpectedFixture *expected)
{
  expected_check_vmstat (out, expected);
}

static const ExpectedParser vmstat_parser = {
  "vmstat", parse_vmstat_any, sizeof (MgVmstat), check_vmstat,
};

/* --- vmstat -------------------------------------------------------------------------- */

static void
parse_vmstat_ok (const char *text,
                 gsize       len,
                 MgVmstat   *vmstat)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = mg_test_copy_text (text, len);

  memset (vmstat, 0xa5, sizeof *vmstat);
  g_assert_true (mg_proc_parse_vmstat (copy, len, vmstat, &error));
  g_assert_no_error (error);
}

static void
test_vmstat_values (void)
{
  MgVmstat vmstat;

  /* zswpin/zswpout precede pswpin on 6.x and must not be taken for it. */
  parse_vmstat_ok (MG_TEST_TEXT ("nr_free_pages 6058540\n"
                                 "zswpin 853271\n"
                                 "zswpout 984942\n"
                                 "pgmajfaultx 99\n"
                                 "pswpin 11\n"
                                 "pswpout 22\n"
                                 "pgmajfault 33\n"
                                 "oom_kill 18446744073709551615\n"
                                 "compact_migrate_scanned 2498558\n"
                                 "compact_stall 44\n"
                                 "compact_fail 5\n"
                                 "compact_success 39\n"
                                 "compact_daemon_wake 7\n"
                                 "unknown_counter -5\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPIN], ==, 11);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPOUT], ==, 22);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PGMAJFAULT], ==, 33);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_OOM_KILL], ==, G_MAXUINT64);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_COMPACT_STALL], ==, 44);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_COMPACT_SUCCESS], ==, 39);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_COMPACT_FAIL], ==, 5);
  g_assert_cmphex (vmstat.present, ==, VMSTAT_ALL);
}

/* Without CONFIG_COMPACTION the compact_* lines are missing: absent, not zero. */
static void
test_vmstat_no_compaction (void)
{
  MgVmstat vmstat;

  parse_vmstat_ok (MG_TEST_TEXT ("pswpin 1\npswpout 2\npgmajfault 3\noom_kill 4\n"
                                 "compact_stalls 9\n"), &vmstat);
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_COMPACT_STALL));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_COMPACT_SUCCESS));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_COMPACT_FAIL));
  g_assert_cmphex (vmstat.present, ==, BIT (MG_VMSTAT_PSWPIN) | BIT (MG_VMSTAT_PSWPOUT) |
                                       BIT (MG_VMSTAT_PGMAJFAULT) | BIT (MG_VMSTAT_OOM_KILL));
}

/* oom_kill arrived in 4.13; pswpin/pswpout are absent without CONFIG_SWAP. */
static void
test_vmstat_optional (void)
{
  MgVmstat vmstat;

  parse_vmstat_ok (MG_TEST_TEXT ("nr_free_pages 1\npgmajfault 7\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PGMAJFAULT], ==, 7);
  g_assert_cmphex (vmstat.present, ==, BIT (MG_VMSTAT_PGMAJFAULT));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_OOM_KILL));
  g_assert_false (mg_vmstat_has (&vmstat, MG_VMSTAT_PSWPIN));

  parse_vmstat_ok (MG_TEST_TEXT ("pswpout 3\npgmajfault 7\n"), &vmstat);
  g_assert_cmpuint (vmstat.count[MG_VMSTAT_PSWPOUT], ==, 3);
  g_assert_cmphex (vmstat.present, ==, BIT (MG_VMSTAT_PSWPOUT) | BIT (MG_VMSTAT_PGMAJFAULT));
}

static const MgTestErrorCase vmstat_errors[] = {
  { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
  { "no-pgmajfault", MG_TEST_TEXT ("pswpin 1\npswpout 2\noom_kill 0\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "only-pgmajfault-prefix", MG_TEST_TEXT ("pgmajfault_s 1\npswpin 1\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "not-a-number", MG_TEST_TEXT ("pgmajfault 12a4\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "compact-stall-not-a-number", MG_TEST_TEXT ("pgmajfault 1\ncompact_stall x\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "empty-value", MG_TEST_TEXT ("pswpin \npgmajfault 1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", MG_TEST_TEXT ("pgmajfault -1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "2pow64", MG_TEST_TEXT ("pgmajfault 18446744073709551616\n"), MG_PROC_ERROR_OVERFLOW },
  { "no-final-newline", MG_TEST_TEXT ("pswpin 1\npgmajfault 1"), MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", MG_TEST_TEXT ("pgmajfault 1\n\0\n"), MG_PROC_ERROR_BINARY },
  { "byte-0xc3", MG_TEST_TEXT ("pgmajfault 1\nnr_\xc3\xa9 2\n"), MG_PROC_ERROR_BINARY },
};

static void
test_vmstat_errors (void)
{
  mg_test_run_error_cases (parse_vmstat_any, sizeof (MgVmstat),
                   vmstat_errors, G_N_ELEMENTS (vmstat_errors));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  expected_add_fixture_tests ("/proc/vmstat", &vmstat_parser);
  expected_add_beside_broken_tests ("/proc/vmstat", &vmstat_parser);

  g_test_add_func ("/proc/vmstat/values", test_vmstat_values);
  g_test_add_func ("/proc/vmstat/optional", test_vmstat_optional);
  g_test_add_func ("/proc/vmstat/no-compaction", test_vmstat_no_compaction);
  g_test_add_func ("/proc/vmstat/errors", test_vmstat_errors);

  return g_test_run ();
}
