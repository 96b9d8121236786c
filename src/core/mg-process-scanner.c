/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgProcessScanner: finds the processes using the most memory, off the main loop. */

#define G_LOG_DOMAIN "memgauge-process-scanner"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mg-process-scanner.h"

/* smaps_rollup is one header line and about 20 "Key: value kB" lines (about 700 bytes on
 * 6.18); statm is seven numbers. 2 KiB holds either with room for fields that later
 * kernels add; Pss comes third, so a cut-off tail would not matter anyway. */
#define SCAN_BUFFER_SIZE 2048

/* statm ranks every process; smaps_rollup (PSS) is read only for this many times the
 * number asked for, largest RSS first. PSS never exceeds RSS, and on a desktop the
 * shared pages that make them differ are a small part of the largest processes, so the
 * top by PSS are among the top 3x by RSS. */
#define SCAN_CANDIDATE_FACTOR 3
#define SCAN_MAX_CANDIDATES (MG_PROCESS_SCANNER_MAX_RESULTS * SCAN_CANDIDATE_FACTOR)

/* "PID/smaps_rollup": a pid has at most 10 digits (PID_MAX_LIMIT is 2^22). */
#define SCAN_PATH_SIZE 64

/* Reads up to @size - 1 bytes of @path below @dir_fd and terminates them. Returns the
 * length, or -1 with errno set. */
static gssize
read_at (int         dir_fd,
         const char *path,
         char       *buffer,
         gsize       size)
{
  gsize len = 0;
  int fd;
  int saved_errno;

  do
    fd = openat (dir_fd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -1;

  /* seq_file hands out at most a page per read: loop to the end or a full buffer. */
  while (len < size - 1)
    {
      gssize n = read (fd, buffer + len, size - 1 - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          close (fd);
          errno = saved_errno;
          return -1;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }

  close (fd);
  buffer[len] = '\0';
  return (gssize) len;
}

static gboolean
parse_number (const char  *text,
              guint64     *out,
              const char **end_out)
{
  char *end = NULL;
  guint64 value;

  while (*text == ' ' || *text == '\t')
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;

  *out = value;
  if (end_out != NULL)
    *end_out = end;
  return TRUE;
}

/* The "Pss:" line, anchored at a line start: "Pss_Anon:" and friends must not match. */
static gboolean
parse_pss_kib (const char *text,
               guint64    *kib)
{
  const char *line = text;

  while (line != NULL && *line != '\0')
    {
      if (strncmp (line, "Pss:", 4) == 0)
        return parse_number (line + 4, kib, NULL);

      line = strchr (line, '\n');
      if (line != NULL)
        line++;
    }

  return FALSE;
}

/* statm: "size resident shared text lib data dt", in pages. */
static gboolean
parse_statm_rss_pages (const char *text,
                       guint64    *pages)
{
  guint64 size;
  const char *end;

  return parse_number (text, &size, &end) && *end == ' ' && parse_number (end, pages, NULL);
}

static gboolean
is_pid_name (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (; *name != '\0'; name++)
    if (!g_ascii_isdigit (*name))
      return FALSE;

  return TRUE;
}

/* Larger first; equal sizes by pid, so that the order does not depend on readdir. */
static gboolean
ranks_before (const MgProcessUsage *a,
              const MgProcessUsage *b)
{
  return a->kib > b->kib || (a->kib == b->kib && a->pid < b->pid);
}

/* Keeps the @capacity largest in order: a full array drops its smallest. */
static void
insert_candidate (MgProcessUsage       *candidates,
                  guint                *n_candidates,
                  guint                 capacity,
                  const MgProcessUsage *usage)
{
  guint i = *n_candidates;

  if (i == capacity)
    {
      if (!ranks_before (usage, &candidates[capacity - 1]))
        return;
      i--;
    }
  else
    {
      (*n_candidates)++;
    }

  while (i > 0 && ranks_before (usage, &candidates[i - 1]))
    {
      candidates[i] = candidates[i - 1];
      i--;
    }
  candidates[i] = *usage;
}

static gboolean
read_rss (int             root_fd,
          const char     *pid_name,
          guint64         page_kib,
          char           *buffer,
          MgProcessUsage *usage)
{
  char path[SCAN_PATH_SIZE];
  guint64 pages;

  /* Failing here means the process has exited (ENOENT, ESRCH) or is not one. */
  g_snprintf (path, sizeof path, "%s/statm", pid_name);
  if (read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE) <= 0 ||
      !parse_statm_rss_pages (buffer, &pages))
    return FALSE;

  usage->kib = pages * page_kib;
  usage->measure = MG_PROCESS_MEASURE_RSS;
  return TRUE;
}

/* PSS where smaps_rollup is readable; another user's needs ptrace access (EACCES), and
 * then the RSS stays. Returns %FALSE only for a process that has exited since. */
static gboolean
read_pss (int             root_fd,
          char           *buffer,
          MgProcessUsage *usage)
{
  char path[SCAN_PATH_SIZE];
  guint64 kib;

  g_snprintf (path, sizeof path, "%" G_GUINT32_FORMAT "/smaps_rollup", usage->pid);
  if (read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE) < 0)
    return errno != ENOENT && errno != ESRCH;

  if (parse_pss_kib (buffer, &kib))
    {
      usage->kib = kib;
      usage->measure = MG_PROCESS_MEASURE_PSS;
    }
  /* An empty smaps_rollup belongs to a process that has lost its mm: it is exiting. */
  return buffer[0] != '\0';
}

static gboolean
read_name (int             root_fd,
           MgProcessUsage *usage,
           char           *buffer)
{
  char path[SCAN_PATH_SIZE];
  gssize len;

  g_snprintf (path, sizeof path, "%" G_GUINT32_FORMAT "/comm", usage->pid);
  len = read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE);
  if (len <= 0)
    return FALSE;

  buffer[strcspn (buffer, "\n")] = '\0';
  if (buffer[0] == '\0')
    return FALSE;

  g_strlcpy (usage->name, buffer, sizeof usage->name);
  return TRUE;
}

gboolean
mg_process_scan_largest (const char     *proc_root,
                         MgProcessUsage *out,
                         guint           n_out,
                         guint          *n_found,
                         GCancellable   *cancellable,
                         GError        **error)
{
  MgProcessUsage candidates[SCAN_MAX_CANDIDATES];
  MgProcessUsage ranked[SCAN_MAX_CANDIDATES];
  char buffer[SCAN_BUFFER_SIZE];
  guint n_candidates = 0;
  guint n_ranked = 0;
  guint capacity;
  guint64 page_kib;
  struct dirent *entry;
  DIR *dir;
  int root_fd;
  guint found = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n_out > 0 && n_out <= MG_PROCESS_SCANNER_MAX_RESULTS, FALSE);
  g_return_val_if_fail (n_found != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *n_found = 0;
  if (proc_root == NULL)
    proc_root = "/proc";

  dir = opendir (proc_root);
  if (dir == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot list %s: %s", proc_root, g_strerror (saved_errno));
      return FALSE;
    }

  root_fd = dirfd (dir);
  page_kib = (guint64) sysconf (_SC_PAGESIZE) / 1024;
  capacity = n_out * SCAN_CANDIDATE_FACTOR;

  /* Pass 1: RSS of every process, keeping the largest few. */
  while ((entry = readdir (dir)) != NULL)
    {
      MgProcessUsage usage = { 0 };
      guint64 pid;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (!is_pid_name (entry->d_name) ||
          !parse_number (entry->d_name, &pid, NULL) || pid > G_MAXUINT32)
        continue;

      /* Kernel threads have no memory of their own: RSS 0. */
      if (!read_rss (root_fd, entry->d_name, page_kib, buffer, &usage) || usage.kib == 0)
        continue;

      usage.pid = (guint32) pid;
      insert_candidate (candidates, &n_candidates, capacity, &usage);
    }

  /* Pass 2: PSS of those, ranked again. */
  for (guint i = 0; i < n_candidates && !g_cancellable_is_cancelled (cancellable); i++)
    {
      if (read_pss (root_fd, buffer, &candidates[i]))
        insert_candidate (ranked, &n_ranked, capacity, &candidates[i]);
    }

  /* Pass 3: names of the final ones; a process without one any more has exited. */
  for (guint i = 0; i < n_ranked && found < n_out; i++)
    {
      if (read_name (root_fd, &ranked[i], buffer))
        out[found++] = ranked[i];
    }

  closedir (dir);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  *n_found = found;
  return TRUE;
}

/* The scanner ------------------------------------------------------------------------- */

typedef struct {
  MgProcessUsage found[MG_PROCESS_SCANNER_MAX_RESULTS];
  guint          n_found;
} ScanResult;

struct _MgProcessScanner {
  GObject         parent_instance;

  char           *proc_root;
  guint           n_results;
  guint           min_interval_s;
  MgTimeFunc      time_func;
  gpointer        time_func_data;

  /* Set while a worker runs, cancelled or not: there is never a second one. */
  GCancellable   *cancellable;
  gboolean        pending;

  /* The start of the last scan that was not cancelled, for the rate limit; the one
   * before it, to go back to when the running scan is cancelled. */
  gboolean        started;
  gint64          start_us;
  gboolean        previous_started;
  gint64          previous_start_us;

  MgProcessUsage  results[MG_PROCESS_SCANNER_MAX_RESULTS];
  guint           n_found;
  GError         *error;
  guint           n_scans;
};

G_DEFINE_FINAL_TYPE (MgProcessScanner, mg_process_scanner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROC_ROOT,
  PROP_N_RESULTS,
  PROP_MIN_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* smaps_rollup walks each process's page tables under its mmap lock, which can wait
 * when memory is tight, exactly when someone looks at the list: never on the main loop. */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MgProcessScanner *self = source_object;
  ScanResult *result = task_data;
  GError *error = NULL;

  /* proc_root and n_results are construct-only: reading them here races with nothing. */
  if (mg_process_scan_largest (self->proc_root, result->found, self->n_results,
                               &result->n_found, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void start_scan (MgProcessScanner *self);

static void
on_scan_done (GObject      *source,
              GAsyncResult *async_result,
              gpointer      user_data)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (source);
  GTask *task = G_TASK (async_result);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_clear_object (&self->cancellable);
  ok = g_task_propagate_boolean (task, &error);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: nobody wants this one. A request that came since still does. */
    }
  else
    {
      const ScanResult *result = g_task_get_task_data (task);

      g_clear_error (&self->error);
      if (ok)
        {
          memcpy (self->results, result->found, sizeof self->results);
          self->n_found = result->n_found;
        }
      else
        {
          self->n_found = 0;
          self->error = g_steal_pointer (&error);
        }
      self->n_scans++;
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }

  if (self->pending && self->cancellable == NULL)
    start_scan (self);
}

static void
start_scan (MgProcessScanner *self)
{
  g_autoptr(GTask) task = NULL;

  self->pending = FALSE;
  self->previous_started = self->started;
  self->previous_start_us = self->start_us;
  self->started = TRUE;
  self->start_us = self->time_func (self->time_func_data);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, on_scan_done, NULL);
  g_task_set_source_tag (task, start_scan);
  g_task_set_name (task, "[memgauge] process scan");
  g_task_set_task_data (task, g_new0 (ScanResult, 1), g_free);
  g_task_run_in_thread (task, scan_thread);
}

gboolean
mg_process_scanner_request (MgProcessScanner *self)
{
  gint64 now_us;

  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  now_us = self->time_func (self->time_func_data);
  if (self->started &&
      now_us - self->start_us < (gint64) self->min_interval_s * G_USEC_PER_SEC)
    return FALSE;

  if (self->cancellable != NULL)
    {
      /* Coalesced: one more scan when this one ends, however many requests come. */
      self->pending = TRUE;
      return TRUE;
    }

  start_scan (self);
  return TRUE;
}

void
mg_process_scanner_cancel (MgProcessScanner *self)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  self->pending = FALSE;
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->cancellable);
  /* A scan cut short found nothing: it does not hold the next one back. */
  self->started = self->previous_started;
  self->start_us = self->previous_start_us;
}

gboolean
mg_process_scanner_is_scanning (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), FALSE);

  return self->cancellable != NULL;
}

const MgProcessUsage *
mg_process_scanner_get_results (MgProcessScanner *self,
                                guint            *n_results)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), NULL);
  g_return_val_if_fail (n_results != NULL, NULL);

  *n_results = self->n_found;
  return self->results;
}

const GError *
mg_process_scanner_get_error (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), NULL);

  return self->error;
}

guint
mg_process_scanner_get_n_scans (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), 0);

  return self->n_scans;
}

const char *
mg_process_scanner_get_proc_root (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), NULL);

  return self->proc_root;
}

guint
mg_process_scanner_get_min_interval (MgProcessScanner *self)
{
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (self), 0);

  return self->min_interval_s;
}

void
mg_process_scanner_set_min_interval (MgProcessScanner *self,
                                     guint             seconds)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  if (self->min_interval_s == seconds)
    return;

  self->min_interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_INTERVAL]);
}

void
mg_process_scanner_set_time_func (MgProcessScanner *self,
                                  MgTimeFunc        func,
                                  gpointer          user_data)
{
  g_return_if_fail (MG_IS_PROCESS_SCANNER (self));

  self->time_func = func != NULL ? func : default_time_func;
  self->time_func_data = func != NULL ? user_data : NULL;
}

static void
mg_process_scanner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      self->proc_root = g_value_dup_string (value);
      break;
    case PROP_N_RESULTS:
      self->n_results = g_value_get_uint (value);
      break;
    case PROP_MIN_INTERVAL:
      mg_process_scanner_set_min_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_process_scanner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      g_value_set_string (value, self->proc_root);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, self->n_results);
      break;
    case PROP_MIN_INTERVAL:
      g_value_set_uint (value, self->min_interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_process_scanner_dispose (GObject *object)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  /* A running worker holds a reference: this runs only once it has ended. */
  mg_process_scanner_cancel (self);

  G_OBJECT_CLASS (mg_process_scanner_parent_class)->dispose (object);
}

static void
mg_process_scanner_finalize (GObject *object)
{
  MgProcessScanner *self = MG_PROCESS_SCANNER (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->proc_root);

  G_OBJECT_CLASS (mg_process_scanner_parent_class)->finalize (object);
}

static void
mg_process_scanner_class_init (MgProcessScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_process_scanner_set_property;
  object_class->get_property = mg_process_scanner_get_property;
  object_class->dispose = mg_process_scanner_dispose;
  object_class->finalize = mg_process_scanner_finalize;

  properties[PROP_PROC_ROOT] =
    g_param_spec_string ("proc-root", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_RESULTS] =
    g_param_spec_uint ("n-results", NULL, NULL, 1, MG_PROCESS_SCANNER_MAX_RESULTS, 5,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MIN_INTERVAL] =
    g_param_spec_uint ("min-interval", NULL, NULL, 0, G_MAXUINT,
                       MG_PROCESS_SCANNER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgProcessScanner::updated:
   *
   * A scan finished, on the scanner's main context: the results or the error changed.
   */
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_process_scanner_init (MgProcessScanner *self)
{
  self->n_results = 5;
  self->min_interval_s = MG_PROCESS_SCANNER_DEFAULT_INTERVAL;
  self->time_func = default_time_func;
}

MgProcessScanner *
mg_process_scanner_new (const char *proc_root)
{
  return g_object_new (MG_TYPE_PROCESS_SCANNER, "proc-root", proc_root, NULL);
}
