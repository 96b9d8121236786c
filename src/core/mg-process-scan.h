/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-process-scan: one pass over a proc root for its largest processes, for any thread. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* comm is at most 15 bytes (TASK_COMM_LEN 16 in include/linux/sched.h); the rest is
 * room for a kernel that ever makes it longer. */
#define MG_PROCESS_NAME_SIZE 64

/* The start of a command line, as a tooltip shows it: longer ones are cut (at a character
 * boundary) and flagged, since argv can be as long as ARG_MAX. */
#define MG_PROCESS_CMDLINE_SIZE 256

/* A user name (LOGIN_NAME_MAX is 256, but useradd allows 32) or a uid in decimal. */
#define MG_PROCESS_USER_SIZE 64

/* How many processes one scan can be asked for at most. */
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
 * @uid: the effective user id (the owner `ps` shows), valid when @has_uid
 * @has_uid: whether `status` gave a uid
 * @user: the user name of @uid, or @uid in decimal when no name resolves; empty without
 *   @has_uid
 * @cmdline: the command line with its arguments separated by spaces and control
 *   characters replaced by spaces; empty when the process has none (a zombie) or it is not
 *   readable. Not necessarily UTF-8.
 * @cmdline_truncated: @cmdline is only the start of a longer command line
 * @start_time: when it started, in clock ticks after boot (`stat` field 22), valid when
 *   @has_start_time: with @pid, it names this process and no later one that reuses the pid
 * @has_start_time: whether `stat` gave it
 */
typedef struct {
  guint64          kib;
  guint32          pid;
  MgProcessMeasure measure;
  char             name[MG_PROCESS_NAME_SIZE];
  guint32          uid;
  gboolean         has_uid;
  gboolean         cmdline_truncated;
  char             user[MG_PROCESS_USER_SIZE];
  char             cmdline[MG_PROCESS_CMDLINE_SIZE];
  guint64          start_time;
  gboolean         has_start_time;
} MgProcessUsage;

/**
 * MgProcessStat:
 * @state: the state letter (`R`, `S`, `Z` for a zombie…)
 * @session: the session id (field 6): a process whose @session is its pid leads a session
 * @start_time: clock ticks after boot (field 22)
 * @comm: the name between the parentheses (which may itself hold spaces and parentheses)
 *
 * What MemGauge needs of `/proc/PID/stat` (proc_pid_stat(5)).
 */
typedef struct {
  char    state;
  guint32 session;
  guint64 start_time;
  char    comm[MG_PROCESS_NAME_SIZE];
} MgProcessStat;

/**
 * mg_process_parse_stat:
 * @text: the contents of `/proc/PID/stat`, terminated
 * @out: (out caller-allocates): what it says
 *
 * Returns: %FALSE for a text that is not a stat line
 */
gboolean mg_process_parse_stat (const char    *text,
                                MgProcessStat *out);

/**
 * mg_process_scan_largest:
 * @proc_root: (nullable): the proc root; %NULL means `/proc`
 * @out: (out caller-allocates) (array length=n_out): filled in, largest first
 * @n_out: how many to find, 1 to %MG_PROCESS_SCAN_MAX
 * @n_found: (out): how many of @out were filled in
 * @cancellable: (nullable): checked between processes
 * @error: set when @proc_root cannot be listed, or on cancellation
 *
 * Ranks every process by `statm` (RSS), reads `smaps_rollup` (PSS) only for the 3 × @n_out
 * largest and `comm`, `cmdline`, `status` and `stat` (the uid, resolved to a user name with
 * getpwuid_r()) only for those returned. MgProcessScanner runs it in a worker;
 * benchmarks and tests call it directly.
 * Safe to call from any thread; allocates nothing but the directory stream.
 *
 * Returns: %TRUE unless @proc_root could not be listed or @cancellable was cancelled
 */
gboolean mg_process_scan_largest (const char      *proc_root,
                                  MgProcessUsage  *out,
                                  guint            n_out,
                                  guint           *n_found,
                                  GCancellable    *cancellable,
                                  GError         **error);

G_END_DECLS
