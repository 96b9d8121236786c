/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/pressure/memory parser against real fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-psi.h"
#include "mg-test-util.h"

#include "fixtures/proc/expected.h"

/* A wrapper, not a cast: see MgTestParseFunc. */
static gboolean
parse_psi_any (const char *text,
               gsize       len,
               gpointer    out,
               GError    **error)
{
  return mg_proc_parse_psi (text, len, out, error);
}

/* --- real fixtures ------------------------------------------------------------------- */

static void
check_psi (gconstpointer          out,
           const ExpectedFixture *expected)
{
  expected_check_psi (out, expected);
}

/* Kernels built without PSI have no pressure/memory. */
static gboolean
has_psi (const ExpectedFixture *expected)
{
  return expected->has_psi;
}

static const ExpectedParser psi_parser = {
  "pressure/memory", parse_psi_any, sizeof (MgPsi), check_psi, has_psi,
};

/* --- pressure/memory ----------------------------------------------------------------- */

static void
parse_psi_ok (const char *text,
              gsize       len,
              MgPsi      *psi)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = mg_test_copy_text (text, len);

  memset (psi, 0xa5, sizeof *psi);
  g_assert_true (mg_proc_parse_psi (copy, len, psi, &error));
  g_assert_no_error (error);
}

static void
test_psi_values (void)
{
  MgPsi psi;

  parse_psi_ok (MG_TEST_TEXT ("some avg10=1.25 avg60=100.00 avg300=0.01 "
                              "total=18446744073709551615\n"
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

  parse_psi_ok (MG_TEST_TEXT ("some avg10=3.00 avg60=2.00 avg300=1.00 total=123456\n"), &psi);
  g_assert_false (psi.has_full);
  g_assert_cmpfloat_with_epsilon (psi.some.avg10, 3.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg60, 2.0, PSI_EPSILON);
  g_assert_cmpfloat_with_epsilon (psi.some.avg300, 1.0, PSI_EPSILON);
  g_assert_cmpuint (psi.some.total_us, ==, 123456);
}

static const MgTestErrorCase psi_errors[] = {
  { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
  { "no-some", MG_TEST_TEXT ("full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "no-total", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "no-avg60", MG_TEST_TEXT ("some avg10=0.00 avg300=0.00 total=0\n"), MG_PROC_ERROR_MISSING_KEY },
  { "full-no-total", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                                   "full avg10=0.00 avg60=0.00 avg300=0.00\n"),
    MG_PROC_ERROR_MISSING_KEY },
  { "avg-above-100", MG_TEST_TEXT ("some avg10=100.01 avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "full-avg-above-100", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
                                        "full avg10=0.00 avg60=250.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "avg-word", MG_TEST_TEXT ("some avg10=abc avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "avg-empty", MG_TEST_TEXT ("some avg10= avg60=0.00 avg300=0.00 total=0\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "total-letters", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=12x\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "total-2pow64",
    MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=18446744073709551616\n"),
    MG_PROC_ERROR_OVERFLOW },
  { "no-final-newline", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5"),
    MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\0\n"),
    MG_PROC_ERROR_BINARY },
  { "byte-0x80", MG_TEST_TEXT ("some avg10=0.00 avg60=0.00 avg300=0.00 total=5\x80\n"),
    MG_PROC_ERROR_BINARY },
};

static void
test_psi_errors (void)
{
  mg_test_run_error_cases (parse_psi_any, sizeof (MgPsi),
                   psi_errors, G_N_ELEMENTS (psi_errors));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  expected_add_fixture_tests ("/proc/psi", &psi_parser);
  expected_add_beside_broken_tests ("/proc/psi", &psi_parser);

  g_test_add_func ("/proc/psi/values", test_psi_values);
  g_test_add_func ("/proc/psi/some-only", test_psi_some_only);
  g_test_add_func ("/proc/psi/errors", test_psi_errors);

  return g_test_run ();
}
