/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the cost of remote sources, per poll: CPU time and the resident memory they
 * add. Usage: bench-remote prometheus URL | bench-remote node URL... (tests/bench/
 * bench-remote.py serves the captured answers). Fails when a target is missed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "mg-source-node-exporter.h"
#include "mg-source-prometheus.h"

/* The targets: at a 15 s poll interval, under 0.05 % of one core and under 2 MiB
 * more resident memory than with no source. */
#define POLL_INTERVAL_S 15.0
#define TARGET_CORE_PERCENT 0.05
#define TARGET_RSS_KIB 2048
#define ROUNDS 60

typedef struct {
  GMainLoop *loop;
  guint      pending;
  guint      failed;
  guint      hosts;
} Round;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) usage.ru_utime.tv_sec + (double) usage.ru_utime.tv_usec / 1e6 +
         (double) usage.ru_stime.tv_sec + (double) usage.ru_stime.tv_usec / 1e6;
}

static long
status_kib (const char *key)
{
  g_autofree char *status = NULL;
  g_autofree char *needle = g_strdup_printf ("\n%s:", key);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, needle);
  return line != NULL ? strtol (line + strlen (needle), NULL, 10) : -1;
}

static long
rss_kib (void)
{
  return status_kib ("VmRSS");
}

static void
done (Round *round)
{
  if (--round->pending == 0)
    g_main_loop_quit (round->loop);
}

static void
on_node (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Round *round = user_data;
  g_autoptr(GError) error = NULL;
  MgSample sample;

  if (mg_source_read_finish (MG_SOURCE (object), result, &sample, &error))
    round->hosts++;
  else
    {
      g_printerr ("bench-remote: %s\n", error->message);
      round->failed++;
    }
  done (round);
}

static void
on_prometheus (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Round *round = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hosts = mg_source_prometheus_query_finish (MG_SOURCE_PROMETHEUS (object),
                                                                   result, &error);

  if (hosts != NULL)
    round->hosts += hosts->len;
  else
    {
      g_printerr ("bench-remote: %s\n", error->message);
      round->failed++;
    }
  done (round);
}

/* One poll of every source, as the app's monitors would start them together. */
static void
poll_all (GPtrArray *sources,
          gboolean   prometheus,
          Round     *round)
{
  round->pending = sources->len;
  for (guint i = 0; i < sources->len; i++)
    if (prometheus)
      mg_source_prometheus_query_async (sources->pdata[i], NULL, on_prometheus, round);
    else
      mg_source_read_async (sources->pdata[i], NULL, on_node, round);
  g_main_loop_run (round->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Round round = { loop, 0, 0, 0 };
  gboolean prometheus;
  long rss_before, rss_after, anon_before, threads_before;
  double cpu_before, cpu_per_poll, core_percent;
  guint hosts_per_poll;

  if (argc < 3 || (strcmp (argv[1], "prometheus") != 0 && strcmp (argv[1], "node") != 0))
    {
      g_printerr ("Usage: bench-remote prometheus URL | bench-remote node URL...\n");
      return 2;
    }
  prometheus = strcmp (argv[1], "prometheus") == 0;

  /* The process as the app is before any remote source: GLib and GIO in use, GTask among
   * them (GApplication's and GDBus's), which starts GLib's thread-pool spawner. */
  g_type_ensure (G_TYPE_TASK);
  g_main_context_iteration (NULL, FALSE);
  rss_before = rss_kib ();
  anon_before = status_kib ("RssAnon");
  threads_before = status_kib ("Threads");

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (argv[i], G_URI_FLAGS_NONE, NULL);

      g_assert (uri != NULL);
      g_ptr_array_add (sources, prometheus ? (gpointer) mg_source_prometheus_new (uri, NULL)
                                           : (gpointer) mg_source_node_exporter_new (uri, NULL));
    }

  /* The first poll connects; what is measured is the steady state, every 15 s. */
  poll_all (sources, prometheus, &round);
  round.hosts = 0;
  cpu_before = cpu_seconds ();
  for (guint i = 0; i < ROUNDS; i++)
    poll_all (sources, prometheus, &round);
  cpu_per_poll = (cpu_seconds () - cpu_before) / ROUNDS;
  rss_after = rss_kib ();
  hosts_per_poll = round.hosts / ROUNDS;

  core_percent = 100.0 * cpu_per_poll / POLL_INTERVAL_S;
  g_print ("%s: %u source(s), %u machine(s) per poll\n", argv[1], sources->len, hosts_per_poll);
  g_print ("  CPU per poll: %.3f ms, %.4f %% of one core at one poll every %.0f s "
           "(target < %.2f %%)\n", cpu_per_poll * 1e3, core_percent, POLL_INTERVAL_S,
           TARGET_CORE_PERCENT);
  g_print ("  RSS: %ld KiB before the sources, %ld KiB after %u polls: +%ld KiB "
           "(target < %d KiB)\n", rss_before, rss_after, ROUNDS + 1, rss_after - rss_before,
           TARGET_RSS_KIB);
  g_print ("  of which anonymous (heap, stacks): +%ld KiB; threads: %ld before, %ld after\n",
           status_kib ("RssAnon") - anon_before, threads_before, status_kib ("Threads"));

  if (round.failed > 0 || hosts_per_poll == 0)
    {
      g_printerr ("bench-remote: %u poll(s) failed\n", round.failed);
      return 1;
    }
  if (core_percent >= TARGET_CORE_PERCENT || rss_after - rss_before >= TARGET_RSS_KIB)
    {
      g_printerr ("bench-remote: over target\n");
      return 1;
    }
  return 0;
}
