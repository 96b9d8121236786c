/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/sys/vm/swappiness parser against real fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-swappiness.h"
#include "mg-test-util.h"

#include "fixtures/proc/expected.h"

/* A wrapper, not a cast: see MgTestParseFunc. */
static gboolean
parse_swappiness_any (const char *text,
                      gsize       len,
                      gpointer    out,
                      GError    **error)
{
  return mg_proc_parse_swappiness (text, len, out, error);
}

/* --- real fixtures ------------------------------------------------------------------- */

static void
check_swappiness (gconstpointer          out,
                  const ExpectedFixture *expected)
{
  g_assert_cmpuint (*(const guint *) out, ==, expected->swappiness);
}

static const ExpectedParser swappiness_parser = {
  "sys/vm/swappiness", parse_swappiness_any, sizeof (guint), check_swappiness,
};

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

static const MgTestErrorCase swappiness_errors[] = {
  { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
  { "201", MG_TEST_TEXT ("201\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "1000", MG_TEST_TEXT ("1000\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "word", MG_TEST_TEXT ("sixty\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "negative", MG_TEST_TEXT ("-1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "inner-space", MG_TEST_TEXT ("6 0\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "trailing-letter", MG_TEST_TEXT ("60x\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "only-newline", MG_TEST_TEXT ("\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "no-final-newline", MG_TEST_TEXT ("60"), MG_PROC_ERROR_TRUNCATED },
  { "nul-byte", MG_TEST_TEXT ("6\0\n"), MG_PROC_ERROR_BINARY },
  { "byte-0x80", MG_TEST_TEXT ("60\x80\n"), MG_PROC_ERROR_BINARY },
};

static void
test_swappiness_errors (void)
{
  mg_test_run_error_cases (parse_swappiness_any, sizeof (guint),
                   swappiness_errors, G_N_ELEMENTS (swappiness_errors));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  expected_add_fixture_tests ("/proc/swappiness", &swappiness_parser);
  expected_add_beside_broken_tests ("/proc/swappiness", &swappiness_parser);

  g_test_add_func ("/proc/swappiness/values", test_swappiness_values);
  g_test_add_func ("/proc/swappiness/errors", test_swappiness_errors);

  return g_test_run ();
}
