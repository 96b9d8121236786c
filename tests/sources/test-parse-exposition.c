/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the Prometheus text format parser against a real node_exporter's output and
 * hostile text. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "mg-parse-exposition.h"
#include "mg-test-util.h"

static char *
load_remote (const char *name,
             gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "remote", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

/* node_exporter 1.5 with every default collector over tests/fixtures/proc/
 * linux-6.18-critical-swapping (captured with curl; see tests/fixtures/remote/README). */
static void
test_real_capture (void)
{
  gsize len = 0;
  g_autofree char *text = load_remote ("node-exporter-1.5.txt", &len);
  g_autofree char *copy = mg_test_copy_text (text, len);
  g_autoptr(GError) error = NULL;
  MgRemoteMemory memory;
  MgSample sample;

  g_assert_true (mg_parse_exposition (copy, len, &memory, &error));
  g_assert_no_error (error);
  g_assert_true (mg_remote_memory_check (&memory, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (memory.value[MG_REMOTE_MEM_TOTAL], ==, 25276502016.0);
  g_assert_cmpfloat (memory.value[MG_REMOTE_MEM_AVAILABLE], ==, 2050977792.0);
  g_assert_cmpfloat (memory.value[MG_REMOTE_SWAP_TOTAL], ==, 4294963200.0);
  g_assert_cmpfloat (memory.value[MG_REMOTE_SWAP_FREE], ==, 3755536384.0);
  g_assert_cmpfloat_with_epsilon (memory.value[MG_REMOTE_PSI_SOME], 10.206987, 1e-9);
  g_assert_cmpfloat_with_epsilon (memory.value[MG_REMOTE_PSI_FULL], 9.908582, 1e-9);

  /* The same KiB as the fixture's meminfo: MemTotal 24684084 kB, MemAvailable 2002908 kB. */
  mg_remote_memory_to_sample (&memory, NULL, NULL, &sample);
  g_assert_cmpuint (mg_sample_total_kib (&sample), ==, 24684084);
  g_assert_cmpuint (mg_sample_available_kib (&sample), ==, 2002908);
  g_assert_false (sample.has_psi);
  g_assert_false (sample.has_swappiness);
  g_assert_true (mg_meminfo_has (&sample.meminfo, MG_MEMINFO_SWAP_FREE));
}

static void
test_syntax_accepted (void)
{
  static const char text[] =
    "# HELP x y\n"
    "\n"
    "  node_memory_MemTotal_bytes 1.6e+10 1712345678000\n"
    "node_memory_MemAvailable_bytes\t8e9\n"
    "other{a=\"x\\\"y\\\\z\\n\",b=\"\",} NaN\n"
    "other_inf{ a = \"1\" } +Inf\n";
  g_autoptr(GError) error = NULL;
  MgRemoteMemory memory;
  MgSample sample;
  double some = 0.25;

  g_assert_true (mg_parse_exposition (text, sizeof text - 1, &memory, &error));
  g_assert_no_error (error);
  g_assert_true (mg_remote_memory_check (&memory, &error));
  g_assert_no_error (error);
  g_assert_false (mg_remote_memory_has (&memory, MG_REMOTE_SWAP_TOTAL));

  mg_remote_memory_to_sample (&memory, &some, NULL, &sample);
  g_assert_true (sample.has_psi);
  g_assert_false (sample.psi.has_full);
  g_assert_cmpfloat (sample.psi.some.avg10, ==, 25.0);
  g_assert_true (isnan (sample.psi.some.avg60));
  g_assert_cmpuint (mg_sample_total_kib (&sample), ==, 15625000);
}

typedef struct {
  const char    *name;
  const char    *text;
  MgRemoteError  code;
  const char    *words;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "empty", "", MG_REMOTE_ERROR_SYNTAX, "empty" },
  { "garbage", "<html>hello</html>\n", MG_REMOTE_ERROR_SYNTAX, "line 1: a metric name" },
  { "no-newline", "node_memory_MemTotal_bytes 1", MG_REMOTE_ERROR_SYNTAX, "middle of a line" },
  { "no-value", "a\n", MG_REMOTE_ERROR_SYNTAX, "line 1: a blank" },
  { "bad-value", "a 12abc\n", MG_REMOTE_ERROR_SYNTAX, "not a number" },
  { "bad-timestamp", "a 1 2.5\n", MG_REMOTE_ERROR_SYNTAX, "timestamp" },
  { "trailing", "a 1 2 3\n", MG_REMOTE_ERROR_SYNTAX, "after the timestamp" },
  { "unclosed-label", "a{b=\"c} 1\n", MG_REMOTE_ERROR_SYNTAX, "not closed" },
  { "bad-escape", "a{b=\"\\x\"} 1\n", MG_REMOTE_ERROR_SYNTAX, "escape" },
  { "unquoted", "a{b=c} 1\n", MG_REMOTE_ERROR_SYNTAX, "quoted" },
  { "control", "a 1\r\n", MG_REMOTE_ERROR_SYNTAX, "control character" },
  { "nul", "a 1\0\n", MG_REMOTE_ERROR_SYNTAX, "control character" },
  { "nan", "node_memory_MemTotal_bytes NaN\n", MG_REMOTE_ERROR_INVALID_VALUE,
    "node_memory_MemTotal_bytes is NaN" },
  { "inf", "node_memory_MemAvailable_bytes +Inf\n", MG_REMOTE_ERROR_INVALID_VALUE,
    "node_memory_MemAvailable_bytes is infinite" },
  { "negative", "node_memory_SwapFree_bytes -1\n", MG_REMOTE_ERROR_INVALID_VALUE, "negative" },
  { "huge", "node_memory_MemTotal_bytes 1e300\n", MG_REMOTE_ERROR_INVALID_VALUE, "too large" },
  { "huge-psi", "node_pressure_memory_waiting_seconds_total 1e12\n",
    MG_REMOTE_ERROR_INVALID_VALUE, "too large" },
  { "twice", "node_memory_MemTotal_bytes 1\nnode_memory_MemTotal_bytes 2\n",
    MG_REMOTE_ERROR_INVALID_VALUE, "line 2: a memory metric appears twice" },
  { "labelled", "node_memory_MemTotal_bytes{instance=\"a\"} 1\n",
    MG_REMOTE_ERROR_INVALID_VALUE, "not one machine" },
};

static void
test_errors (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      /* "nul" holds a NUL byte: its length is that of the literal, not strlen's. */
      gsize len = strcmp (c->name, "nul") == 0 ? 6 : strlen (c->text);
      g_autofree char *copy = mg_test_copy_text (c->text, len);
      g_autoptr(GError) error = NULL;
      MgRemoteMemory memory;

      g_test_message ("case %s", c->name);
      g_assert_false (mg_parse_exposition (copy, len, &memory, &error));
      g_assert_error (error, MG_REMOTE_ERROR, (gint) c->code);
      g_assert_nonnull (strstr (error->message, c->words));
    }
}

static char *
repeat (const char *head,
        const char *unit,
        guint       times,
        const char *tail)
{
  GString *out = g_string_new (head);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  g_string_append (out, tail);
  return g_string_free (out, FALSE);
}

static void
expect_too_large (const char *text,
                  const char *words)
{
  g_autoptr(GError) error = NULL;
  MgRemoteMemory memory;

  g_assert_false (mg_parse_exposition (text, strlen (text), &memory, &error));
  g_assert_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_limits (void)
{
  g_autofree char *long_line = repeat ("a ", "1", MG_REMOTE_MAX_LINE, "\n");
  g_autofree char *long_tail = repeat ("a ", "1", MG_REMOTE_MAX_LINE, "");
  g_autofree char *long_label = repeat ("a{b=\"", "x", MG_REMOTE_MAX_LABEL + 1, "\"} 1\n");
  g_autofree char *max_label = repeat ("a{b=\"", "x", MG_REMOTE_MAX_LABEL, "\"} 1\n");
  g_autofree char *many_labels = repeat ("a{", "b=\"1\",", MG_REMOTE_MAX_LABELS + 1, "} 1\n");
  g_autofree char *max_labels = repeat ("a{", "b=\"1\",", MG_REMOTE_MAX_LABELS, "} 1\n");
  g_autoptr(GError) error = NULL;
  MgRemoteMemory memory;

  expect_too_large (long_line, "line 1: a line longer than 16384 bytes");
  expect_too_large (long_tail, "line 1: a line longer than 16384 bytes");
  expect_too_large (long_label, "label value is over the limit");
  expect_too_large (many_labels, "more than 32 labels");
  g_assert_true (mg_parse_exposition (max_label, strlen (max_label), &memory, &error));
  g_assert_no_error (error);
  g_assert_true (mg_parse_exposition (max_labels, strlen (max_labels), &memory, &error));
  g_assert_no_error (error);
  g_assert_false (mg_parse_exposition (max_labels, MG_REMOTE_MAX_RESPONSE + 1, &memory, &error));
  g_assert_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE);
}

static void
test_check (void)
{
  static const struct {
    const char *text;
    const char *words;
  } cases[] = {
    { "a 1\n", "not a node_exporter: no node_memory_MemTotal_bytes" },
    { "node_memory_MemTotal_bytes 8e9\n", "not a node_exporter: no node_memory_MemAvailable_bytes" },
    { "node_memory_MemTotal_bytes 0\nnode_memory_MemAvailable_bytes 0\n", "MemTotal_bytes is 0" },
    { "node_memory_MemTotal_bytes 8e9\nnode_memory_MemAvailable_bytes 9e9\n", "more memory available" },
    { "node_memory_MemTotal_bytes 8e9\nnode_memory_MemAvailable_bytes 1e9\n"
      "node_memory_SwapTotal_bytes 1e9\n", "swap figures" },
    { "node_memory_MemTotal_bytes 8e9\nnode_memory_MemAvailable_bytes 1e9\n"
      "node_memory_SwapTotal_bytes 1e9\nnode_memory_SwapFree_bytes 2e9\n", "swap figures" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      MgRemoteMemory memory;

      g_assert_true (mg_parse_exposition (cases[i].text, strlen (cases[i].text), &memory, &error));
      g_assert_no_error (error);
      g_assert_false (mg_remote_memory_check (&memory, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exposition/real-capture", test_real_capture);
  g_test_add_func ("/exposition/syntax-accepted", test_syntax_accepted);
  g_test_add_func ("/exposition/errors", test_errors);
  g_test_add_func ("/exposition/limits", test_limits);
  g_test_add_func ("/exposition/check", test_check);

  return g_test_run ();
}
