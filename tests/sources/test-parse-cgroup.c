/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the memory controller's file parsers against kernel texts and hostile ones. */

#include <glib.h>

#include "mg-parse-cgroup.h"
#include "mg-test-util.h"

/* Wrappers, not casts: see MgTestParseFunc. */
static gboolean
parse_bytes_any (const char *text,
                 gsize       len,
                 gpointer    out,
                 GError    **error)
{
  return mg_cgroup_parse_bytes (text, len, "memory.current", out, error);
}

static gboolean
parse_limit_any (const char *text,
                 gsize       len,
                 gpointer    out,
                 GError    **error)
{
  gboolean has_limit;

  return mg_cgroup_parse_limit (text, len, "memory.max", &has_limit, out, error);
}

static gboolean
parse_events_any (const char *text,
                  gsize       len,
                  gpointer    out,
                  GError    **error)
{
  gboolean found;

  return mg_cgroup_parse_keyed (text, len, "memory.events", "oom_kill", &found, out, error);
}

static void
test_bytes_values (void)
{
  static const struct {
    const char *text;
    guint64     value;
  } cases[] = {
    { "0\n", 0 },
    { "8118272\n", 8118272 },
    { "1536000000 \n", 1536000000 },
    { "18446744073709551615\n", G_MAXUINT64 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = mg_test_copy_text (cases[i].text, strlen (cases[i].text));
      guint64 value = 12345;

      g_test_message ("case: %s", cases[i].text);
      g_assert_true (mg_cgroup_parse_bytes (copy, strlen (cases[i].text), "memory.current",
                                            &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, cases[i].value);
    }
}

static void
test_bytes_errors (void)
{
  static const MgTestErrorCase cases[] = {
    { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
    { "no newline", MG_TEST_TEXT ("4096"), MG_PROC_ERROR_TRUNCATED },
    { "junk", MG_TEST_TEXT ("12abc\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "max", MG_TEST_TEXT ("max\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "negative", MG_TEST_TEXT ("-1\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "two lines", MG_TEST_TEXT ("4096\n4096\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "2^64", MG_TEST_TEXT ("18446744073709551616\n"), MG_PROC_ERROR_OVERFLOW },
    { "NUL", MG_TEST_TEXT ("40\00096\n"), MG_PROC_ERROR_BINARY },
    { "blank line", MG_TEST_TEXT ("\n"), MG_PROC_ERROR_INVALID_NUMBER },
  };

  mg_test_run_error_cases (parse_bytes_any, sizeof (guint64), cases, G_N_ELEMENTS (cases));
}

static void
test_limit_values (void)
{
  static const struct {
    const char *text;
    gboolean    has_limit;
    guint64     value;
  } cases[] = {
    /* v2 */
    { "max\n", FALSE, 0 },
    { "67108864\n", TRUE, 67108864 },
    { "0\n", TRUE, 0 },
    /* v1: PAGE_COUNTER_MAX pages of 4 KiB and of 64 KiB mean none */
    { "9223372036854771712\n", FALSE, 0 },
    { "9223372036854710272\n", FALSE, 0 },
    { "4611686018427387904\n", FALSE, 0 },
    /* just below 2^62 is a (silly) limit, as written */
    { "4611686018427387903\n", TRUE, G_GUINT64_CONSTANT (4611686018427387903) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = mg_test_copy_text (cases[i].text, strlen (cases[i].text));
      gboolean has_limit = !cases[i].has_limit;
      guint64 value = 12345;

      g_test_message ("case: %s", cases[i].text);
      g_assert_true (mg_cgroup_parse_limit (copy, strlen (cases[i].text), "memory.max",
                                            &has_limit, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (has_limit, ==, cases[i].has_limit);
      g_assert_cmpuint (value, ==, cases[i].value);
    }
}

static void
test_limit_errors (void)
{
  static const MgTestErrorCase cases[] = {
    { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
    { "maximum", MG_TEST_TEXT ("maximum\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "Max", MG_TEST_TEXT ("Max\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "suffix", MG_TEST_TEXT ("64M\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "truncated", MG_TEST_TEXT ("max"), MG_PROC_ERROR_TRUNCATED },
    { "binary", MG_TEST_TEXT ("\x01\x02\n"), MG_PROC_ERROR_BINARY },
    { "2^64", MG_TEST_TEXT ("18446744073709551616\n"), MG_PROC_ERROR_OVERFLOW },
  };

  mg_test_run_error_cases (parse_limit_any, sizeof (guint64), cases, G_N_ELEMENTS (cases));
}

static void
test_keyed_values (void)
{
  /* memory.events of Linux 6.18, memory.oom_control of v1 (4.13 and later), one
   * without the key (v1 before 4.13), and memory.stat's total_swap. */
  static const struct {
    const char *text;
    const char *key;
    gboolean    found;
    guint64     value;
  } cases[] = {
    { "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n", "oom_kill", TRUE, 2 },
    { "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n", "oom_kill", TRUE, 1 },
    { "oom_kill_disable 0\nunder_oom 0\n", "oom_kill", FALSE, 0 },
    /* oom_kill_disable and oom_group_kill only start like the key */
    { "oom_kill_disable 5\noom_group_kill 7\noom_kill 3\n", "oom_kill", TRUE, 3 },
    { "cache 1\nswap 4096\ntotal_swap 8192\n", "total_swap", TRUE, 8192 },
    { "cache 1\nswap 4096\ntotal_swap 8192\n", "swap", TRUE, 4096 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = mg_test_copy_text (cases[i].text, strlen (cases[i].text));
      gboolean found = !cases[i].found;
      guint64 value = 12345;

      g_test_message ("case: %s", cases[i].text);
      g_assert_true (mg_cgroup_parse_keyed (copy, strlen (cases[i].text), "memory.events",
                                            cases[i].key, &found, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (found, ==, cases[i].found);
      g_assert_cmpuint (value, ==, cases[i].value);
    }
}

static void
test_keyed_errors (void)
{
  static const MgTestErrorCase cases[] = {
    { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
    { "no value", MG_TEST_TEXT ("oom_kill\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "junk value", MG_TEST_TEXT ("oom_kill x\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "junk after", MG_TEST_TEXT ("oom_kill 1 2\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "junk line", MG_TEST_TEXT ("low 0\n<html>\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "two blanks", MG_TEST_TEXT ("oom_kill  1\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "upper case", MG_TEST_TEXT ("OOM_KILL 1\n"), MG_PROC_ERROR_INVALID_NUMBER },
    { "truncated", MG_TEST_TEXT ("oom_kill 1"), MG_PROC_ERROR_TRUNCATED },
    { "2^64", MG_TEST_TEXT ("oom_kill 18446744073709551616\n"), MG_PROC_ERROR_OVERFLOW },
    { "binary", MG_TEST_TEXT ("oom_kill \xff\n"), MG_PROC_ERROR_BINARY },
  };

  mg_test_run_error_cases (parse_events_any, sizeof (guint64), cases, G_N_ELEMENTS (cases));
}

static void
test_error_names_file (void)
{
  g_autoptr(GError) error = NULL;
  guint64 value;

  g_assert_false (mg_cgroup_parse_bytes ("12abc\n", 6, "memory.swap.current", &value, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER);
  g_assert_nonnull (strstr (error->message, "memory.swap.current"));
}

static void
test_controllers (void)
{
  g_assert_true (mg_cgroup_parse_controllers ("cpuset cpu io memory hugetlb pids\n", 35,
                                              "memory"));
  g_assert_true (mg_cgroup_parse_controllers ("memory\n", 7, "memory"));
  g_assert_false (mg_cgroup_parse_controllers ("cpu io pids\n", 12, "memory"));
  /* The root of a hybrid system's unified hierarchy: no controller at all. */
  g_assert_false (mg_cgroup_parse_controllers ("\n", 1, "memory"));
  g_assert_false (mg_cgroup_parse_controllers ("", 0, "memory"));
  g_assert_false (mg_cgroup_parse_controllers ("memoryx cpu\n", 12, "memory"));
  g_assert_false (mg_cgroup_parse_controllers ("cpu memor\n", 10, "memory"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cgroup-parse/bytes/values", test_bytes_values);
  g_test_add_func ("/cgroup-parse/bytes/errors", test_bytes_errors);
  g_test_add_func ("/cgroup-parse/limit/values", test_limit_values);
  g_test_add_func ("/cgroup-parse/limit/errors", test_limit_errors);
  g_test_add_func ("/cgroup-parse/keyed/values", test_keyed_values);
  g_test_add_func ("/cgroup-parse/keyed/errors", test_keyed_errors);
  g_test_add_func ("/cgroup-parse/error-names-file", test_error_names_file);
  g_test_add_func ("/cgroup-parse/controllers", test_controllers);

  return g_test_run ();
}
