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
test_swappiness_fixture (gconstpointer data)
{
  const ExpectedFixture *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint swappiness = 12345;
  gsize len;

  text = mg_test_load_fixture (expected->name, "sys/vm/swappiness", &len);
  g_assert_true (mg_proc_parse_swappiness (text, len, &swappiness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (swappiness, ==, expected->swappiness);
}

/* Each broken fixture breaks only its meminfo: its swappiness must still parse. */
static void
test_swappiness_beside_broken_meminfo (gconstpointer data)
{
  const BrokenFixture *broken = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint swappiness;
  gsize len;

  text = mg_test_load_fixture (broken->name, "sys/vm/swappiness", &len);
  g_assert_true (mg_proc_parse_swappiness (text, len, &swappiness, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (swappiness, ==, 60);
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

  for (gsize i = 0; i < G_N_ELEMENTS (expected_fixtures); i++)
    {
      const ExpectedFixture *fixture = &expected_fixtures[i];
      g_autofree char *path = g_strdup_printf ("/proc/swappiness/%s", fixture->name);

      g_test_add_data_func (path, fixture, test_swappiness_fixture);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      const BrokenFixture *broken = &broken_fixtures[i];
      g_autofree char *path = g_strdup_printf ("/proc/swappiness/beside-broken-meminfo/%s",
                                               broken->name);

      g_test_add_data_func (path, broken, test_swappiness_beside_broken_meminfo);
    }

  g_test_add_func ("/proc/swappiness/values", test_swappiness_values);
  g_test_add_func ("/proc/swappiness/errors", test_swappiness_errors);

  return g_test_run ();
}
