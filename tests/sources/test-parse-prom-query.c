/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the reader of Prometheus's answers to MemGauge's query: a real answer for 50
 * machines and hostile ones. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "mg-parse-prom-query.h"
#include "mg-test-util.h"

/* Prometheus 2.42 scraping one node_exporter (over linux-6.18-high) as 50 instances,
 * host-01 to host-50, answering MG_PROM_QUERY (see tests/fixtures/remote/README). */
static void
test_real_answer (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "remote",
                                                 "prometheus-2.42-50-hosts.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  gsize len = 0;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  copy = mg_test_copy_text (text, len);
  hosts = mg_parse_prom_query (copy, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hosts->len, ==, 50);
  for (guint i = 0; i < hosts->len; i++)
    {
      MgPromHost *host = g_ptr_array_index (hosts, i);
      g_autofree char *name = g_strdup_printf ("host-%02u", i + 1);

      g_assert_cmpstr (host->instance, ==, name);
      g_assert_null (host->error);
      g_assert_true (host->memory.psi_is_rate);
      g_assert_cmpfloat (host->memory.value[MG_REMOTE_MEM_TOTAL], ==, 25276502016.0);
      g_assert_cmpfloat (host->memory.value[MG_REMOTE_MEM_AVAILABLE], ==, 3795357696.0);
      g_assert_true (mg_remote_memory_has (&host->memory, MG_REMOTE_SWAP_FREE));
      g_assert_true (mg_remote_memory_has (&host->memory, MG_REMOTE_PSI_SOME));
      g_assert_true (mg_remote_memory_has (&host->memory, MG_REMOTE_PSI_FULL));
      g_assert_cmpfloat (host->memory.value[MG_REMOTE_PSI_SOME], ==, 0.0);
    }
}

#define ITEM(instance, name, value) \
  "{\"metric\":{\"__name__\":\"" name "\",\"instance\":\"" instance "\"},\"value\":[1.5,\"" value "\"]}"
#define PSI(instance, kind, value) \
  "{\"metric\":{\"memgauge_psi\":\"" kind "\",\"instance\":\"" instance "\"},\"value\":[1.5,\"" value "\"]}"
#define ANSWER(items) \
  "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" items "]}}"

static void
test_per_host_errors (void)
{
  static const char text[] = ANSWER (
    ITEM ("b", "node_memory_MemTotal_bytes", "8000000000") ","
    ITEM ("b", "node_memory_MemAvailable_bytes", "NaN") ","
    ITEM ("a", "node_memory_MemTotal_bytes", "8000000000") ","
    ITEM ("a", "node_memory_MemAvailable_bytes", "1000000000") ","
    PSI ("a", "some", "0.25") ","
    ITEM ("c", "node_memory_MemTotal_bytes", "+Inf") ","
    ITEM ("d", "node_memory_MemAvailable_bytes", "1") ","
    ITEM ("e", "node_memory_MemTotal_bytes", "8000000000") ","
    ITEM ("e", "node_memory_MemTotal_bytes", "8000000000") ","
    "{\"metric\":{\"__name__\":\"up\",\"instance\":\"f\"},\"value\":[1.5,\"1\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_parse_prom_query (text, sizeof text - 1, &error);
  MgPromHost *a, *b, *c, *d, *e;

  g_assert_no_error (error);
  /* "f" has only a metric the query did not ask for: no machine. */
  g_assert_cmpuint (hosts->len, ==, 5);
  a = hosts->pdata[0], b = hosts->pdata[1], c = hosts->pdata[2];
  d = hosts->pdata[3], e = hosts->pdata[4];
  g_assert_cmpstr (a->instance, ==, "a");
  g_assert_null (a->error);
  g_assert_cmpfloat (a->memory.value[MG_REMOTE_PSI_SOME], ==, 0.25);
  g_assert_cmpstr (b->error, ==, "node_memory_MemAvailable_bytes is NaN (not a number)");
  g_assert_cmpstr (c->error, ==, "node_memory_MemTotal_bytes is infinite");
  g_assert_cmpstr (d->error, ==, "not a node_exporter: no node_memory_MemTotal_bytes");
  g_assert_nonnull (strstr (e->error, "appears twice"));
}

static void
test_errors (void)
{
  static const struct {
    const char    *text;
    MgRemoteError  code;
    const char    *words;
  } cases[] = {
    { "", MG_REMOTE_ERROR_SYNTAX, "not a Prometheus answer" },
    { "<html></html>", MG_REMOTE_ERROR_SYNTAX, "not a Prometheus answer" },
    { "[]", MG_REMOTE_ERROR_SYNTAX, "no vector" },
    { "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}",
      MG_REMOTE_ERROR_QUERY, "Prometheus refused the query: parse error" },
    { "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
      MG_REMOTE_ERROR_SYNTAX, "no vector" },
    { ANSWER ("1"), MG_REMOTE_ERROR_SYNTAX, "not a sample" },
    { ANSWER ("{\"metric\":{\"__name__\":\"node_memory_MemTotal_bytes\",\"instance\":\"a\"},"
              "\"value\":[1,2]}"), MG_REMOTE_ERROR_SYNTAX, "not a sample" },
    { "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", MG_REMOTE_ERROR_TOO_LARGE, "nested too deep" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = strlen (cases[i].text);
      g_autofree char *copy = mg_test_copy_text (cases[i].text, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hosts = mg_parse_prom_query (copy, len, &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_null (hosts);
      g_assert_error (error, MG_REMOTE_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

/* Thousands of brackets would overflow json-glib's recursion without the depth check. */
static void
test_deep_nesting (void)
{
  gsize len = 1024 * 1024;
  g_autofree char *text = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = NULL;

  memset (text, '[', len);
  hosts = mg_parse_prom_query (text, len, &error);
  g_assert_null (hosts);
  g_assert_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE);
}

static void
test_too_many_hosts (void)
{
  GString *text = g_string_new ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = NULL;

  for (guint i = 0; i <= MG_REMOTE_MAX_HOSTS; i++)
    g_string_append_printf (text, "%s{\"metric\":{\"__name__\":\"node_memory_MemTotal_bytes\","
                            "\"instance\":\"h%u\"},\"value\":[1,\"1\"]}", i > 0 ? "," : "", i);
  g_string_append (text, "]}}");
  hosts = mg_parse_prom_query (text->str, text->len, &error);
  g_assert_null (hosts);
  g_assert_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 1000 machines"));
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/prom-query/real-answer", test_real_answer);
  g_test_add_func ("/prom-query/per-host-errors", test_per_host_errors);
  g_test_add_func ("/prom-query/errors", test_errors);
  g_test_add_func ("/prom-query/deep-nesting", test_deep_nesting);
  g_test_add_func ("/prom-query/too-many-hosts", test_too_many_hosts);

  return g_test_run ();
}
