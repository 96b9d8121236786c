/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSample: one reading of the kernel's memory state, plain data in KiB. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fields of /proc/meminfo, in KiB as the kernel prints them. */
typedef enum {
  MG_MEMINFO_MEM_TOTAL,
  MG_MEMINFO_MEM_FREE,
  MG_MEMINFO_MEM_AVAILABLE,
  MG_MEMINFO_BUFFERS,
  MG_MEMINFO_CACHED,
  MG_MEMINFO_SHMEM,
  MG_MEMINFO_SRECLAIMABLE,
  MG_MEMINFO_DIRTY,
  MG_MEMINFO_ANON_PAGES,
  MG_MEMINFO_SWAP_TOTAL,
  MG_MEMINFO_SWAP_FREE,
  MG_MEMINFO_SWAP_CACHED,
  MG_MEMINFO_ZSWAP,
  MG_MEMINFO_ZSWAPPED,
  MG_MEMINFO_N_FIELDS,
} MgMeminfoField;

/**
 * MgMeminfo:
 * @kib: each field's value in KiB; meaningful only where its bit in @present is set
 * @present: bit `1 << field` is set for each field the kernel printed
 * @mem_available_estimated: %TRUE when the kernel lacks MemAvailable and @kib holds
 *   MemGauge's estimate instead (its bit in @present stays clear)
 */
typedef struct {
  guint64  kib[MG_MEMINFO_N_FIELDS];
  guint32  present;
  gboolean mem_available_estimated;
} MgMeminfo;

/* Counters of /proc/vmstat that MemGauge follows. */
typedef enum {
  MG_VMSTAT_PSWPIN,
  MG_VMSTAT_PSWPOUT,
  MG_VMSTAT_PGMAJFAULT,
  MG_VMSTAT_OOM_KILL,
  /* Direct compaction: stalls of an allocating task, and how many ended with or without the
   * page it needed (mm/compaction.c). Zero on a machine that never ran short of large blocks. */
  MG_VMSTAT_COMPACT_STALL,
  MG_VMSTAT_COMPACT_SUCCESS,
  MG_VMSTAT_COMPACT_FAIL,
  MG_VMSTAT_N_FIELDS,
} MgVmstatField;

typedef struct {
  guint64 count[MG_VMSTAT_N_FIELDS];
  guint32 present;
} MgVmstat;

/* One line of /proc/pressure/memory: averages are percentages, total is microseconds. */
typedef struct {
  double  avg10;
  double  avg60;
  double  avg300;
  guint64 total_us;
} MgPsiLine;

/**
 * MgPsi:
 * @some: share of time at least one task stalled on memory
 * @full: share of time all non-idle tasks stalled at once
 * @has_full: %FALSE on kernels that print only the `some` line (4.20 before 5.13 for
 *   the CPU file; always %TRUE for memory so far, but the parser does not rely on it)
 */
typedef struct {
  MgPsiLine some;
  MgPsiLine full;
  gboolean  has_full;
} MgPsi;

/* The most block orders /proc/buddyinfo may list: NR_PAGE_ORDERS is 11 on x86 and at most
 * 14 elsewhere (arm64 with 64 KiB pages, CONFIG_ARCH_FORCE_MAX_ORDER 13). */
#define MG_BUDDYINFO_MAX_ORDERS 16

/**
 * MgFragmentation:
 * @free_kib: free memory in the buddy allocator's free lists, every zone of every node
 * @free_kib_2mb: the part of it in blocks of 2 MiB or more (order @order_2mb and above),
 *   which is what a transparent huge page or a 2 MiB hugetlb page needs
 * @unusable_index_2mb: the unusable free space index for order @order_2mb, 0 to 1: the share
 *   of free memory in blocks too small for 2 MiB (1 when nothing is free); see
 *   mg_proc_buddyinfo_summarize()
 * @order_2mb: 21 - PAGE_SHIFT (9 with 4 KiB pages)
 * @n_orders: how many orders the kernel lists
 * @free_blocks: free blocks of each order, summed over zones and nodes
 *
 * Fragmentation, from /proc/buddyinfo.
 */
typedef struct {
  guint64 free_kib;
  guint64 free_kib_2mb;
  double  unusable_index_2mb;
  guint   order_2mb;
  guint   n_orders;
  guint64 free_blocks[MG_BUDDYINFO_MAX_ORDERS];
} MgFragmentation;

static inline gboolean
mg_meminfo_has (const MgMeminfo *info,
                MgMeminfoField   field)
{
  return (info->present & (1u << field)) != 0;
}

static inline gboolean
mg_vmstat_has (const MgVmstat *vmstat,
               MgVmstatField   field)
{
  return (vmstat->present & (1u << field)) != 0;
}

/**
 * MgSample:
 * @meminfo: /proc/meminfo (always present in a valid sample)
 * @vmstat: /proc/vmstat counters, when @has_vmstat
 * @psi: /proc/pressure/memory, when @has_psi (kernels from 4.20 built with PSI)
 * @swappiness: /proc/sys/vm/swappiness, when @has_swappiness
 * @rate_per_s: per-second rates of the @vmstat counters between this sample and the
 *   previous one, when @has_rates; filled in by #MgMonitor, not by the reader
 * @time_us: monotonic time of the reading, in microseconds
 * @fragmentation: /proc/buddyinfo, when @has_fragmentation (bug reports from before it was
 *   read lack it)
 * @psi_from_limited_groups: the stalls of @psi come from groups thrashing at their own
 *   memory limits (mg_group_psi_excused()), so they do not raise the machine's level;
 *   set by a sample hook (mg_source_set_sample_hook()), never by the reader
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
  MgFragmentation fragmentation;
  gboolean  has_fragmentation;
  gboolean  psi_from_limited_groups;
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

/* A vmstat counter per minute (compaction stalls are rare enough that per second reads 0.00). */
static inline double
mg_sample_rate_per_min (const MgSample *sample,
                        MgVmstatField   field)
{
  return sample->rate_per_s[field] * 60.0;
}

/* Percentage of memory available, 0 to 100. */
static inline double
mg_sample_available_percent (const MgSample *sample)
{
  return 100.0 * (double) mg_sample_available_kib (sample) /
         (double) mg_sample_total_kib (sample);
}

G_END_DECLS
