/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSample: one reading of the kernel's memory state, plain data in KiB. */
#pragma once

#include "mg-proc.h"

G_BEGIN_DECLS

/**
 * MgSample:
 * @meminfo: /proc/meminfo (always present in a valid sample)
 * @vmstat: /proc/vmstat counters, when @has_vmstat
 * @psi: /proc/pressure/memory, when @has_psi (kernels from 4.20 built with PSI)
 * @swappiness: /proc/sys/vm/swappiness, when @has_swappiness
 * @rate_per_s: per-second rates of the @vmstat counters between this sample and the
 *   previous one, when @has_rates; filled in by #MgMonitor, not by the reader
 * @time_us: monotonic time of the reading, in microseconds
 */
typedef struct {
  MgMeminfo meminfo;
  MgVmstat  vmstat;
  MgPsi     psi;
  guint     swappiness;
  double    rate_per_s[MG_VMSTAT_N_FIELDS];
  gint64    time_us;
  gboolean  has_vmstat;
  gboolean  has_psi;
  gboolean  has_swappiness;
  gboolean  has_rates;
} MgSample;

static inline guint64
mg_sample_total_kib (const MgSample *sample)
{
  return sample->meminfo.kib[MG_MEMINFO_MEM_TOTAL];
}

/* MemAvailable, or its estimate on kernels before 3.14 (see mg_proc_parse_meminfo()). */
static inline guint64
mg_sample_available_kib (const MgSample *sample)
{
  return sample->meminfo.kib[MG_MEMINFO_MEM_AVAILABLE];
}

/* Used as `free` and `top` count it: MemTotal − MemAvailable. */
static inline guint64
mg_sample_used_kib (const MgSample *sample)
{
  return mg_sample_total_kib (sample) - mg_sample_available_kib (sample);
}

static inline guint64
mg_sample_swap_used_kib (const MgSample *sample)
{
  const guint64 *kib = sample->meminfo.kib;

  return kib[MG_MEMINFO_SWAP_TOTAL] - kib[MG_MEMINFO_SWAP_FREE];
}

/* Percentage of memory available, 0 to 100. */
static inline double
mg_sample_available_percent (const MgSample *sample)
{
  return 100.0 * (double) mg_sample_available_kib (sample) /
         (double) mg_sample_total_kib (sample);
}

G_END_DECLS
