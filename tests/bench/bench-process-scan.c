/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: one MgProcessScanner scan (statm of all, smaps_rollup of the top) of 500
 * generated processes; fails above 10 ms. */

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-process-scan.h"
#include "mg-test-util.h"

#define N_PROCESSES 500
#define ROUNDS 41
#define TARGET_MS 10.0

/* A 6.18 smaps_rollup, field for field: the parser has to find Pss among all of them. */
static const char smaps_format[] =
  "55d4c7a2e000-7ffd8b5f2000 ---p 00000000 00:00 0                          [rollup]\n"
  "Rss:              %6u kB\n"
  "Pss:              %6u kB\n"
  "Pss_Dirty:         80000 kB\n"
  "Pss_Anon:          70000 kB\n"
  "Pss_File:          30000 kB\n"
  "Pss_Shmem:             0 kB\n"
  "Shared_Clean:      20000 kB\n"
  "Shared_Dirty:          0 kB\n"
  "Private_Clean:      3456 kB\n"
  "Private_Dirty:    100000 kB\n"
  "Referenced:       123456 kB\n"
  "Anonymous:         70000 kB\n"
  "KSM:                   0 kB\n"
  "LazyFree:              0 kB\n"
  "AnonHugePages:         0 kB\n"
  "ShmemPmdMapped:        0 kB\n"
  "FilePmdMapped:         0 kB\n"
  "Shared_Hugetlb:        0 kB\n"
  "Private_Hugetlb:       0 kB\n"
  "Swap:                  0 kB\n"
  "SwapPss:               0 kB\n"
  "Locked:                0 kB\n";

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

static void
write_file (const char *root,
            guint       pid,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_strdup_printf ("%u/%s", pid, name);

  mg_test_write_file (root, path, contents);
}

/* 500 processes as a busy desktop has them: most with a readable smaps_rollup, one in
 * ten without (another user's: RSS from statm), and a few kernel threads. */
static void
make_tree (const char *root)
{
  for (guint i = 0; i < N_PROCESSES; i++)
    {
      guint pid = 1000 + i * 7;
      guint kib = (guint) (g_random_int () % 900000) + 100;
      g_autofree char *comm = g_strdup_printf ("process-%u\n", i);
      g_autofree char *statm = g_strdup_printf ("%u %u 900 100 0 3000 0\n",
                                                kib / 2, kib / 8);

      write_file (root, pid, "comm", comm);
      if (i % 50 == 0)
        {
          write_file (root, pid, "statm", "0 0 0 0 0 0 0\n");
          write_file (root, pid, "smaps_rollup", "");
          continue;
        }

      write_file (root, pid, "statm", statm);
      if (i % 10 == 3)
        {
          g_autofree char *dir = g_strdup_printf ("%s/%u/smaps_rollup", root, pid);

          /* Unreadable even for root: a directory. */
          g_mkdir_with_parents (dir, 0755);
        }
      else
        {
          g_autofree char *smaps = g_strdup_printf (smaps_format, kib * 2, kib);

          write_file (root, pid, "smaps_rollup", smaps);
        }
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("memgauge-bench-scan-XXXXXX", &error);
  double times[ROUNDS];
  MgProcessUsage found[5];
  guint n_found = 0;
  double median;
  int status = 0;

  if (root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_random_set_seed (4242);
  make_tree (root);

  /* One untimed round: the first one also pulls the dentries into the cache. */
  if (!mg_process_scan_largest (root, found, G_N_ELEMENTS (found), &n_found, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < ROUNDS; i++)
    {
      double start = now_ms ();

      mg_process_scan_largest (root, found, G_N_ELEMENTS (found), &n_found, NULL, NULL);
      times[i] = now_ms () - start;
    }

  qsort (times, ROUNDS, sizeof times[0], compare_doubles);
  median = times[ROUNDS / 2];

  printf ("process-scan: %u processes, top %u found; median %.2f ms, fastest %.2f ms, "
          "slowest %.2f ms over %u rounds (target < %.0f ms)\n",
          N_PROCESSES, n_found, median, times[0], times[ROUNDS - 1], ROUNDS, TARGET_MS);
  for (guint i = 0; i < n_found; i++)
    printf ("  %u %s %" G_GUINT64_FORMAT " KiB %s\n", found[i].pid, found[i].name, found[i].kib,
            found[i].measure == MG_PROCESS_MEASURE_PSS ? "PSS" : "RSS");

  if (n_found != G_N_ELEMENTS (found))
    {
      printf ("FAIL: expected %u processes\n", (guint) G_N_ELEMENTS (found));
      status = 1;
    }
  if (median >= TARGET_MS)
    {
      printf ("FAIL: the median scan takes %.2f ms, the target is under %.0f ms\n",
              median, TARGET_MS);
      status = 1;
    }

  mg_test_remove_tree (root);

  return status;
}
