/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgProcessScanner: finds the processes using the most memory, off the main loop. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"
#include "mg-process-scan.h"

G_BEGIN_DECLS

/* The default minimum time between the starts of two scans, in seconds. */
#define MG_PROCESS_SCANNER_DEFAULT_INTERVAL 10

#define MG_TYPE_PROCESS_SCANNER (mg_process_scanner_get_type ())
G_DECLARE_FINAL_TYPE (MgProcessScanner, mg_process_scanner, MG, PROCESS_SCANNER, GObject)

/**
 * MgProcessScanner:
 *
 * Scans a proc root for its largest processes in a worker thread: one worker at most,
 * cancellable, and rate limited. It ranks every process by `statm` (RSS, cheap and
 * world-readable), reads `smaps_rollup` (PSS, which walks the page tables under the
 * process's mmap lock) only for the 3 × "n-results" largest of them, and `comm`,
 * `cmdline` and `status` (the owner) only for those it reports. A process that exits during the scan is skipped; one whose
 * `smaps_rollup` is not readable (another user's) keeps its RSS, flagged as such.
 *
 * Results arrive on the main context of the thread that created the scanner, through
 * the #MgProcessScanner::updated signal; read them with mg_process_scanner_get_results()
 * or mg_process_scanner_get_error(). A scan that is cancelled emits nothing.
 *
 * Properties: "proc-root" (construct-only, %NULL for `/proc`), "n-results"
 * (construct-only, 1 to %MG_PROCESS_SCAN_MAX, default 5) and "min-interval"
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

/* As mg_process_scanner_request(), but at once whatever the rate limit: what it lists has
 * just changed (a process or group was ended). */
gboolean mg_process_scanner_request_now (MgProcessScanner *self);

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
 * @results: (out) (transfer none) (array length=return): the last finished scan's
 *   processes, largest first; valid until the next #MgProcessScanner::updated
 *
 * Returns: how many processes the last finished scan found
 */
guint                 mg_process_scanner_get_results    (MgProcessScanner      *self,
                                                         const MgProcessUsage **results);

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

G_END_DECLS
