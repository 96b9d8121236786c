/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: one sample cycle (read + parse + level) against just reading the files,
 * and heap allocations per steady-state sample, also on a kernel without the optional
 * files (a root with meminfo alone). Fails when a target is missed. */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>

#include "mg-monitor.h"
#include "mg-source-procfs.h"
#include "mg-proc-reader.h"

/* Count every heap allocation in the process, GLib's included: the executable's malloc
 * wins over libc's for the shared libraries too. Run with G_SLICE=always-malloc so that
 * GSlice cannot hide an allocation in its magazines. */
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);

static volatile gsize n_allocations;

void *malloc (size_t size);
void *calloc (size_t n, size_t size);
void *realloc (void *ptr, size_t size);

void *
malloc (size_t size)
{
  n_allocations++;
  return __libc_malloc (size);
}

void *
calloc (size_t n,
        size_t size)
{
  n_allocations++;
  return __libc_calloc (n, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  n_allocations++;
  return __libc_realloc (ptr, size);
}

#define ROUNDS 15
#define ITERATIONS 400
#define TARGET_RATIO 1.25

static double
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* The baseline: open, read and close the same five files, nothing else. */
static double
time_reads (MgProcReader *reader)
{
  double start = now_ns ();

  for (guint i = 0; i < ITERATIONS; i++)
    {
      for (MgProcFile file = 0; file < MG_PROC_N_FILES; file++)
        {
          gsize len;

          if (mg_proc_reader_read_file (reader, file, &len, NULL) == NULL &&
              file == MG_PROC_FILE_MEMINFO)
            return -1.0;
        }
    }

  return (now_ns () - start) / ITERATIONS;
}

/* Allocations in 1000 samples from a root that holds only @root's meminfo, as in a
 * container or on a kernel without PSI: an absent optional file must cost nothing. */
static gssize
count_sparse_allocations (const char *root)
{
  g_autofree char *meminfo = g_build_filename (root != NULL ? root : "/proc", "meminfo", NULL);
  g_autofree char *sparse = g_dir_make_tmp ("mg-bench-sparse-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  gsize before, after;

  if (sparse == NULL || !g_file_get_contents (meminfo, &text, NULL, NULL))
    return -1;
  copy = g_build_filename (sparse, "meminfo", NULL);
  if (!g_file_set_contents (copy, text, -1, NULL))
    return -1;

  {
    g_autoptr(MgSource) source = mg_source_procfs_new (sparse);
    g_autoptr(MgMonitor) monitor = mg_monitor_new (source);

    if (!mg_monitor_sample_now (monitor))
      return -1;
    before = n_allocations;
    for (guint i = 0; i < 1000; i++)
      mg_monitor_sample_now (monitor);
    after = n_allocations;
  }

  g_unlink (copy);
  g_rmdir (sparse);
  return (gssize) (after - before);
}

static double
time_samples (MgMonitor *monitor)
{
  double start = now_ns ();

  for (guint i = 0; i < ITERATIONS; i++)
    mg_monitor_sample_now (monitor);

  return (now_ns () - start) / ITERATIONS;
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("MEMGAUGE_PROC_ROOT");
  g_autoptr(MgProcReader) reader = mg_proc_reader_new (root);
  g_autoptr(MgSource) source = mg_source_procfs_new (root);
  g_autoptr(MgMonitor) monitor = mg_monitor_new (source);
  double reads[ROUNDS], samples[ROUNDS], read_ns, sample_ns, ratio;
  gsize before, allocations;
  gssize sparse_allocations;
  int status = 0;

  /* The first sample may allocate (error quarks, the signal's class closure). */
  if (!mg_monitor_sample_now (monitor) || time_reads (reader) < 0)
    {
      g_printerr ("bench-sample: cannot sample %s\n", root != NULL ? root : "/proc");
      return 1;
    }

  before = n_allocations;
  for (guint i = 0; i < 1000; i++)
    mg_monitor_sample_now (monitor);
  allocations = n_allocations - before;
  sparse_allocations = count_sparse_allocations (root);

  /* Interleaved rounds, so that a busy moment of the machine hits both sides. */
  for (guint r = 0; r < ROUNDS; r++)
    {
      reads[r] = time_reads (reader);
      samples[r] = time_samples (monitor);
    }
  read_ns = median (reads, ROUNDS);
  sample_ns = median (samples, ROUNDS);
  ratio = sample_ns / read_ns;

  printf ("proc root:                   %s\n", root != NULL ? root : "/proc");
  printf ("read the five files:         %.1f us\n", read_ns / 1000.0);
  printf ("one sample (read+parse+level): %.1f us\n", sample_ns / 1000.0);
  printf ("ratio:                       %.3f (target <= %.2f)\n", ratio, TARGET_RATIO);
  printf ("allocations per sample:      %.3f (%" G_GSIZE_FORMAT " in 1000 samples, target 0)\n",
          allocations / 1000.0, allocations);
  printf ("the same, meminfo alone:     %" G_GSSIZE_FORMAT " in 1000 samples (target 0)\n",
          sparse_allocations);

  if (ratio > TARGET_RATIO)
    {
      g_printerr ("bench-sample: a sample costs %.3f times the reads, more than %.2f\n",
                  ratio, TARGET_RATIO);
      status = 1;
    }
  if (allocations > 0)
    {
      g_printerr ("bench-sample: %" G_GSIZE_FORMAT " allocations in 1000 samples\n", allocations);
      status = 1;
    }

  if (sparse_allocations != 0)
    {
      g_printerr ("bench-sample: %" G_GSSIZE_FORMAT " allocations in 1000 samples without "
                  "the optional files (-1: the sparse root could not be made)\n",
                  sparse_allocations);
      status = 1;
    }

  return status;
}
