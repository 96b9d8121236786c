/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: how late the critical notification comes after MemAvailable crosses 10 %,
 * for runaways filling memory at up to 1 GiB/s, two in a row. Deterministic: the real
 * MgMonitor (procfs source over a temporary proc root, its level tracker and adaptive
 * clock) and the real notification rules, driven by a simulated fill on an injected
 * clock; the next sample is taken when the monitor's clock asks for it. Fails when a
 * runaway is not warned or the latency exceeds 0.5 s. */

#include <stdio.h>

#include "mg-monitor.h"
#include "mg-notify-rules.h"
#include "mg-test-files.h"
#include "mg-test-util.h"

#define TOTAL_KIB (G_GUINT64_CONSTANT (16) * 1024 * 1024)
/* The kernel's OOM killer acts about when nothing is left; 1 % stands in for the
 * reserves (min watermarks) it keeps. */
#define KILL_PERCENT 1.0
#define TARGET_US (G_USEC_PER_SEC / 2)
#define N_PHASES 30

typedef struct {
  double        rest_percent;
  char         *root;
  MgMonitor    *monitor;
  MgNotifyRules rules;
  gint64        now_us;
  guint64       oom_kill;
} Sim;

static gint64
sim_time (gpointer user_data)
{
  return ((Sim *) user_data)->now_us;
}

/* Without the fsync of mg_test_write_file(): thousands of samples per run. */
static void
write_file (const char *root,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, &error);
  g_assert_no_error (error);
}

static void
write_state (Sim    *sim,
             double  percent)
{
  guint64 available = (guint64) (TOTAL_KIB * percent / 100.0);
  g_autofree char *meminfo = g_strdup_printf ("MemTotal: %" G_GUINT64_FORMAT " kB\n"
                                              "MemFree: %" G_GUINT64_FORMAT " kB\n"
                                              "MemAvailable: %" G_GUINT64_FORMAT " kB\n"
                                              "SwapTotal: 0 kB\nSwapFree: 0 kB\n",
                                              TOTAL_KIB, available / 2, available);
  g_autofree char *vmstat = g_strdup_printf ("pswpin 0\npswpout 0\npgmajfault 0\n"
                                             "oom_kill %" G_GUINT64_FORMAT "\n",
                                             sim->oom_kill);

  write_file (sim->root, "meminfo", meminfo);
  write_file (sim->root, "vmstat", vmstat);
}

/* One sample as MgNotifier takes it; TRUE when the rules send the critical one. */
static gboolean
sample (Sim *sim)
{
  const MgSample *s;
  MgNotifyDecision decision;

  mg_monitor_sample_now (sim->monitor);
  s = mg_monitor_get_sample (sim->monitor);
  g_assert_nonnull (s);
  mg_notify_rules_update (&sim->rules, mg_monitor_get_level (sim->monitor), TRUE,
                          s->vmstat.count[MG_VMSTAT_OOM_KILL], s->time_us,
                          s->time_us, &decision);

  return decision.pressure == MG_NOTIFY_ACTION_SEND && decision.level == MG_LEVEL_CRITICAL;
}

typedef struct {
  gint64 latency_us;    /* crossing 10 % -> critical decision; G_MAXINT64: never */
  gint64 lead_us;       /* critical decision -> OOM kill */
  guint  samples;       /* during the runaway */
} Run;

/* From now, rest until @start_us, then fill at @rate_kib_s until the kill. */
static void
runaway (Sim    *sim,
         gint64  start_us,
         double  rate_kib_s,
         Run    *run)
{
  double rate_percent = rate_kib_s * 100.0 / TOTAL_KIB;
  gint64 cross_us = start_us + (gint64) ((sim->rest_percent - 10.0) / rate_percent * G_USEC_PER_SEC);
  gint64 kill_us = start_us + (gint64) ((sim->rest_percent - KILL_PERCENT) / rate_percent *
                                        G_USEC_PER_SEC);
  gint64 warned_us = G_MAXINT64;

  run->samples = 0;
  for (;;)
    {
      gint64 next_us = sim->now_us + (gint64) mg_monitor_get_next_delay_ms (sim->monitor) * 1000;
      double percent;

      if (next_us >= kill_us)
        {
          /* The kernel ends it before the next sample: memory comes back. */
          sim->now_us = next_us;
          sim->oom_kill++;
          write_state (sim, sim->rest_percent);
          sample (sim);
          break;
        }
      sim->now_us = next_us;
      percent = sim->rest_percent;
      if (sim->now_us > start_us)
        {
          percent -= rate_percent * (double) (sim->now_us - start_us) / G_USEC_PER_SEC;
          run->samples++;
        }
      write_state (sim, percent);
      if (sample (sim) && warned_us == G_MAXINT64)
        warned_us = sim->now_us;
    }

  run->latency_us = warned_us == G_MAXINT64 ? G_MAXINT64 : warned_us - cross_us;
  run->lead_us = warned_us == G_MAXINT64 ? 0 : kill_us - warned_us;
}

/* All rates from rest at @rest_percent; FALSE when a runaway was not warned or, with
 * @check, warned later than the target. */
static gboolean
run_table (double   rest_percent,
           gboolean check)
{
  const double rates_mib_s[] = { 64, 250, 512, 1024 };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  printf ("\nAt rest at %.0f %% of a 16 GiB machine%s:\n\n", rest_percent,
          check ? " (the target)" : " (a runaway that starts near the edge: reported only)");
  printf ("| fill rate | runaway | latency max | latency mean | warning before kill (min) | samples per runaway (max) |\n"
          "|---|---|---|---|---|---|\n");

  for (gsize r = 0; r < G_N_ELEMENTS (rates_mib_s); r++)
    {
      gint64 max_latency[2] = { 0, 0 }, sum_latency[2] = { 0, 0 };
      gint64 min_lead[2] = { G_MAXINT64, G_MAXINT64 };
      guint max_samples[2] = { 0, 0 };

      for (guint p = 0; p < N_PHASES; p++)
        {
          Sim sim = { rest_percent, NULL };
          guint rest_samples;

          sim.root = g_dir_make_tmp ("memgauge-bench-XXXXXX", &error);
          g_assert_no_error (error);
          sim.now_us = 1000 * G_USEC_PER_SEC;
          sim.oom_kill = 7;
          write_state (&sim, sim.rest_percent);
          sim.monitor = mg_test_monitor_new (sim.root);
          mg_monitor_set_time_func (sim.monitor, sim_time, &sim);
          mg_notify_rules_init (&sim.rules);
          mg_monitor_start (sim.monitor);
          sample (&sim);

          /* A minute at rest first: one sample per interval. */
          rest_samples = 0;
          for (gint64 end = sim.now_us + 60 * G_USEC_PER_SEC; sim.now_us < end; rest_samples++)
            {
              sim.now_us += (gint64) mg_monitor_get_next_delay_ms (sim.monitor) * 1000;
              sample (&sim);
            }
          if (rest_samples != 20)
            {
              printf ("at rest: %u samples a minute, not 20\n", rest_samples);
              ok = FALSE;
            }

          for (guint i = 0; i < 2; i++)
            {
              gint64 start = sim.now_us + (i == 0 ? 0 : 20 * G_USEC_PER_SEC) +
                             (gint64) p * 3 * G_USEC_PER_SEC / N_PHASES;
              Run run;

              runaway (&sim, start, rates_mib_s[r] * 1024.0, &run);
              if (run.latency_us == G_MAXINT64)
                {
                  printf ("%.0f MiB/s, phase %u, runaway %u: never warned\n",
                          rates_mib_s[r], p, i + 1);
                  ok = FALSE;
                  continue;
                }
              max_latency[i] = MAX (max_latency[i], run.latency_us);
              sum_latency[i] += run.latency_us;
              min_lead[i] = MIN (min_lead[i], run.lead_us);
              max_samples[i] = MAX (max_samples[i], run.samples);
            }

          mg_monitor_stop (sim.monitor);
          g_object_unref (sim.monitor);
          mg_test_remove_tree (sim.root);
          g_free (sim.root);
        }

      for (guint i = 0; i < 2; i++)
        {
          printf ("| %.0f MiB/s | %u | %.3f s | %.3f s | %.2f s | %u |\n", rates_mib_s[r],
                  i + 1, max_latency[i] / 1e6, sum_latency[i] / 1e6 / N_PHASES,
                  min_lead[i] / 1e6, max_samples[i]);
          if (check && max_latency[i] > TARGET_US)
            ok = FALSE;
        }
    }

  return ok;
}

int
main (int   argc,
      char *argv[])
{
  gboolean ok;

  printf ("Latency from MemAvailable crossing 10 %% to the critical notification decision\n"
          "(sample-interval 3 s, %d runaway start phases across the interval, two runaways\n"
          "in a row 20 s apart, the real monitor and rules on a simulated clock)\n", N_PHASES);
  ok = run_table (60.0, TRUE);
  ok = run_table (25.0, FALSE) && ok;

  printf ("\ntarget: every runaway warned, latency at most 0.5 s from rest at 60 %%: %s\n",
          ok ? "met" : "MISSED");
  return ok ? 0 : 1;
}
