/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgProcessScanner: finds the processes using the most memory, off the main loop. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

/* comm is at most 15 bytes (TASK_COMM_LEN 16 in include/linux/sched.h); the rest is
 * room for a kernel that ever makes it longer. */
#define MG_PROCESS_NAME_SIZE 64

/* How many processes a scanner can be asked for at most ("n-results"). */
#define MG_PROCESS_SCANNER_MAX_RESULTS 16

/* The default minimum time between the starts of two scans, in seconds. */
#define MG_PROCESS_SCANNER_DEFAULT_INTERVAL 10

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

#define MG_TYPE_PROCESS_SCANNER (mg_process_scanner_get_type ())
G_DECLARE_FINAL_TYPE (MgProcessScanner, mg_process_scanner, MG, PROCESS_SCANNER, GObject)

/**
 * MgProcessScanner:
 *
 * Scans a proc root for its largest processes in a worker thread: one worker at most,
 * cancellable, and rate limited. It ranks every process by `statm` (RSS, cheap and
 * world-readable), reads `smaps_rollup` (PSS, which walks the page tables under the
 * process's mmap lock) only for the 3 × "n-results" largest of them, and `comm` only for
 * those it reports. A process that exits during the scan is skipped; one whose
 * `smaps_rollup` is not readable (another user's) keeps its RSS, flagged as such.
 *
 * Results arrive on the main context of the thread that created the scanner, through
 * the #MgProcessScanner::updated signal; read them with mg_process_scanner_get_results()
 * or mg_process_scanner_get_error(). A scan that is cancelled emits nothing.
 *
 * Properties: "proc-root" (construct-only, %NULL for `/proc`), "n-results"
 * (construct-only, 1 to %MG_PROCESS_SCANNER_MAX_RESULTS, default 5) and "min-interval"
 * (seconds between the starts of two scans, default 10).
 */

/**
 * mg_process_scanner_new:
 * @proc_root: (nullable): the proc root, such as `/proc`; %NULL means `/proc`
 *
 * Returns: (transfer full): a scanner that finds the 5 largest processes
 */
MgProcessScanner     *mg_process_scanner_new            (const char       *proc_root);

const char           *mg_process_scanner_get_proc_root  (MgProcessScanner *self);

/**
 * mg_process_scanner_request:
 * @self: a scanner
 *
 * Asks for a scan. Nothing happens if the last scan started less than "min-interval"
 * ago: a view that stays visible asks again later (at each sample). A request while a
 * scan runs is coalesced: one more scan follows it, however many requests came.
 * Never blocks.
 *
 * Returns: %TRUE if a scan was started or will follow the running one
 */
gboolean              mg_process_scanner_request        (MgProcessScanner *self);

/**
 * mg_process_scanner_cancel:
 * @self: a scanner
 *
 * Cancels the running scan, if any, and forgets a coalesced request. A cancelled scan
 * emits nothing and does not count for the rate limit: the next request scans at once.
 */
void                  mg_process_scanner_cancel         (MgProcessScanner *self);

/* %TRUE while a worker runs. */
gboolean              mg_process_scanner_is_scanning    (MgProcessScanner *self);

/**
 * mg_process_scanner_get_results:
 * @self: a scanner
 * @n_results: (out): how many processes the last finished scan found
 *
 * Returns: (transfer none) (array length=n_results): the last finished scan's processes,
 *   largest first; valid until the next #MgProcessScanner::updated
 */
const MgProcessUsage *mg_process_scanner_get_results    (MgProcessScanner *self,
                                                         guint            *n_results);

/* Why the last finished scan failed (the proc root cannot be listed), or %NULL. */
const GError         *mg_process_scanner_get_error      (MgProcessScanner *self);

/* How many scans finished (and emitted #MgProcessScanner::updated) so far. */
guint                 mg_process_scanner_get_n_scans    (MgProcessScanner *self);

guint                 mg_process_scanner_get_min_interval (MgProcessScanner *self);
void                  mg_process_scanner_set_min_interval (MgProcessScanner *self,
                                                           guint             seconds);

/* Tests: the clock of the rate limit, in microseconds (default: monotonic time). */
void                  mg_process_scanner_set_time_func  (MgProcessScanner *self,
                                                         MgTimeFunc        func,
                                                         gpointer          user_data);

/**
 * mg_process_scan_largest:
 * @proc_root: (nullable): the proc root; %NULL means `/proc`
 * @out: (out caller-allocates) (array length=n_out): filled in, largest first
 * @n_out: how many to find, 1 to %MG_PROCESS_SCANNER_MAX_RESULTS
 * @n_found: (out): how many of @out were filled in
 * @cancellable: (nullable): checked between processes
 * @error: set when @proc_root cannot be listed, or on cancellation
 *
 * One scan, synchronously, as the scanner's worker does it: for benchmarks and tests.
 * Safe to call from any thread; allocates nothing but the directory stream.
 *
 * Returns: %TRUE unless @proc_root could not be listed or @cancellable was cancelled
 */
gboolean              mg_process_scan_largest           (const char       *proc_root,
                                                         MgProcessUsage   *out,
                                                         guint             n_out,
                                                         guint            *n_found,
                                                         GCancellable     *cancellable,
                                                         GError          **error);

G_END_DECLS
