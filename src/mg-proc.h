/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-proc: pure parsers for the /proc files MemGauge samples; no I/O here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MG_PROC_ERROR (mg_proc_error_quark ())

/**
 * MgProcError:
 * @MG_PROC_ERROR_EMPTY: the file had no content at all
 * @MG_PROC_ERROR_MISSING_KEY: a required key (such as `MemTotal:`) is absent
 * @MG_PROC_ERROR_INVALID_NUMBER: a value is not a base-10 number
 * @MG_PROC_ERROR_OVERFLOW: a value does not fit in 64 bits
 * @MG_PROC_ERROR_TRUNCATED: the text ends in the middle of a line
 * @MG_PROC_ERROR_BINARY: the text holds bytes no kernel writes there
 * @MG_PROC_ERROR_INVALID_VALUE: numbers that cannot be true together (MemTotal 0, …)
 * @MG_PROC_ERROR_MISSING_FILE: a required file does not exist
 * @MG_PROC_ERROR_READ: a file exists but could not be read
 * @MG_PROC_ERROR_TOO_LARGE: a file is larger than any kernel writes
 */
typedef enum {
  MG_PROC_ERROR_EMPTY,
  MG_PROC_ERROR_MISSING_KEY,
  MG_PROC_ERROR_INVALID_NUMBER,
  MG_PROC_ERROR_OVERFLOW,
  MG_PROC_ERROR_TRUNCATED,
  MG_PROC_ERROR_BINARY,
  MG_PROC_ERROR_INVALID_VALUE,
  MG_PROC_ERROR_MISSING_FILE,
  MG_PROC_ERROR_READ,
  MG_PROC_ERROR_TOO_LARGE,
} MgProcError;

GQuark mg_proc_error_quark (void);

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

gboolean mg_proc_parse_meminfo    (const char  *text,
                                   gsize        len,
                                   MgMeminfo   *out,
                                   GError     **error);
gboolean mg_proc_parse_vmstat     (const char  *text,
                                   gsize        len,
                                   MgVmstat    *out,
                                   GError     **error);
gboolean mg_proc_parse_psi        (const char  *text,
                                   gsize        len,
                                   MgPsi       *out,
                                   GError     **error);
gboolean mg_proc_parse_swappiness (const char  *text,
                                   gsize        len,
                                   guint       *out,
                                   GError     **error);

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

G_END_DECLS
