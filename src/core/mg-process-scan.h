/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-process-scan: finds the processes using the most memory below a proc root. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* comm is at most 15 bytes (TASK_COMM_LEN 16 in include/linux/sched.h); the rest is
 * room for a kernel that ever makes it longer. */
#define MG_PROCESS_NAME_SIZE 64

/* How many processes mg_process_scan_largest() can be asked for at most. */
#define MG_PROCESS_SCAN_MAX 16

/**
 * MgProcessMeasure:
 * @MG_PROCESS_MEASURE_PSS: proportional set size from `smaps_rollup`: shared pages are
 *   divided between the processes that map them
 * @MG_PROCESS_MEASURE_RSS: resident set size from `statm`, used where `smaps_rollup` is not
 *   readable (another user's process); shared pages count in full
 */
typedef enum {
  MG_PROCESS_MEASURE_PSS,
  MG_PROCESS_MEASURE_RSS,
} MgProcessMeasure;

/**
 * MgProcessUsage:
 * @pid: the process id
 * @kib: memory in KiB, measured as @measure says
 * @measure: PSS or RSS
 * @name: the process's `comm`, as the kernel gives it (not necessarily UTF-8)
 */
typedef struct {
  guint64          kib;
  guint32          pid;
  MgProcessMeasure measure;
  char             name[MG_PROCESS_NAME_SIZE];
} MgProcessUsage;

/**
 * mg_process_scan_largest:
 * @proc_root: (nullable): the proc root, such as `/proc`; %NULL means `/proc`
 * @out: (out caller-allocates) (array length=n_out): filled in, largest first
 * @n_out: how many to find, 1 to %MG_PROCESS_SCAN_MAX
 * @n_found: (out): how many of @out were filled in
 * @error: set when @proc_root cannot be listed
 *
 * Reads `PID/smaps_rollup` (or `PID/statm` where that is not readable) of every process
 * and `PID/comm` of the largest ones. A process that exits during the scan is skipped
 * without an error, and so are processes with no memory of their own (kernel threads).
 * Safe to call from any thread; allocates nothing but the directory stream.
 *
 * Returns: %TRUE unless @proc_root could not be listed
 */
gboolean mg_process_scan_largest (const char     *proc_root,
                                  MgProcessUsage *out,
                                  guint           n_out,
                                  guint          *n_found,
                                  GError        **error);

G_END_DECLS
