/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the cost of remote machines in the app's fleet (sources, one monitor and
 * history per machine), per poll: CPU time and the resident memory they add. Usage: bench-remote prometheus URL | bench-remote node URL... (tests/bench/
 * bench-remote.py serves the captured answers). Fails when a target is missed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mg-remote-fetch.h"
#include "mg-remote-fleet.h"

/* The targets: at a 15 s poll interval, under 0.05 % of one core and under 2 MiB
 * more resident memory than with no source. */
#define POLL_INTERVAL_S 15.0
#define TARGET_CORE_PERCENT 0.05
#define TARGET_RSS_KIB 2048
#define ROUNDS 60

/* CPU time of the process so far; @system (optional) gets the kernel's part. */
static double
cpu_seconds (double *system)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  if (system != NULL)
    *system = (double) usage.ru_stime.tv_sec + (double) usage.ru_stime.tv_usec / 1e6;
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

static guint polled;

static void
on_polled (MgRemoteFleet   *fleet,
           MgRemoteMachine *machine,
           gpointer         user_data)
{
  if (mg_remote_machine_get_failing_since (machine) != 0)
    {
      g_printerr ("bench-remote: %s: %s\n", mg_remote_machine_get_name (machine),
                  mg_monitor_get_reason (mg_remote_machine_get_monitor (machine)));
      exit (1);
    }
  polled++;
}

/* One poll of every source, as the fleet's timers start them, until every machine has its
 * answer. */
static void
poll_all (MgRemoteFleet *fleet,
          guint          machines)
{
  guint until = polled + machines;

  mg_remote_fleet_poll_now (fleet);
  while (polled < until)
    g_main_context_iteration (NULL, TRUE);
}

static GVariant *
sources_value (int    argc,
               char **argv,
               gboolean prometheus)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssssu)"));
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", i);
      g_autofree char *url = g_strconcat (prometheus ? "prometheus+" : "", argv[i], NULL);

      g_variant_builder_add (&builder, "(sssssu)", id, id, url, "", "", 15);
    }
  return g_variant_builder_end (&builder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MgRemoteFleet) fleet = NULL;
  gboolean prometheus;
  guint machines;
  long rss_before, rss_after, anon_before, threads_before;
  double cpu_before, cpu_per_poll, core_percent, system_before, system_after;

  if (argc < 3 || (strcmp (argv[1], "prometheus") != 0 && strcmp (argv[1], "node") != 0))
    {
      g_printerr ("Usage: bench-remote prometheus URL | bench-remote node URL...\n");
      return 2;
    }
  prometheus = strcmp (argv[1], "prometheus") == 0;

  /* The app before any remote source: GLib, GIO and GSettings in use, GTask among them
   * (GApplication's and GDBus's), which starts GLib's thread-pool spawner, and a fleet
   * with nothing to poll. */
  settings = g_settings_new_with_backend ("io.github.memgauge.MemGauge", backend);
  fleet = mg_remote_fleet_new (settings);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);
  mg_remote_fleet_start (fleet);
  g_type_ensure (G_TYPE_TASK);
  g_main_context_iteration (NULL, FALSE);
  rss_before = rss_kib ();
  anon_before = status_kib ("RssAnon");
  threads_before = status_kib ("Threads");

  /* Adding the sources polls them at once: the first poll connects and creates the
   * machines. What is measured is the steady state, one poll every 15 s. */
  g_settings_set_value (settings, "remote-sources", sources_value (argc, argv, prometheus));
  while (polled == 0)
    g_main_context_iteration (NULL, TRUE);
  machines = g_list_model_get_n_items (mg_remote_fleet_get_machines (fleet));
  while (polled < machines)
    g_main_context_iteration (NULL, TRUE);

  cpu_before = cpu_seconds (&system_before);
  for (guint i = 0; i < ROUNDS; i++)
    poll_all (fleet, machines);
  cpu_per_poll = (cpu_seconds (&system_after) - cpu_before) / ROUNDS;
  rss_after = rss_kib ();

  core_percent = 100.0 * cpu_per_poll / POLL_INTERVAL_S;
  g_print ("%s: %d source(s), %u machine(s), each a monitor\n", argv[1], argc - 2, machines);
  g_print ("  CPU per poll: %.3f ms (%.3f ms in the kernel), %.4f %% of one core at one poll "
           "every %.0f s (target < %.2f %%)\n", cpu_per_poll * 1e3,
           (system_after - system_before) / ROUNDS * 1e3, core_percent, POLL_INTERVAL_S,
           TARGET_CORE_PERCENT);
  g_print ("  RSS: %ld KiB before the sources, %ld KiB after %u polls: +%ld KiB "
           "(target < %d KiB)\n", rss_before, rss_after, ROUNDS + 1, rss_after - rss_before,
           TARGET_RSS_KIB);
  g_print ("  of which anonymous (heap, stacks): +%ld KiB; threads: %ld before, %ld after\n",
           status_kib ("RssAnon") - anon_before, threads_before, status_kib ("Threads"));

  g_clear_object (&fleet);
  mg_remote_io_shutdown ();
  if (core_percent >= TARGET_CORE_PERCENT || rss_after - rss_before >= TARGET_RSS_KIB)
    {
      g_printerr ("bench-remote: over target\n");
      return 1;
    }
  return 0;
}
