/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-process-scan: one pass over a proc root for its largest processes, for any thread. */

#define G_LOG_DOMAIN "memgauge-process-scan"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "mg-process-scan.h"

/* smaps_rollup is one header line and about 20 "Key: value kB" lines (about 700 bytes on
 * 6.18); statm is seven numbers. 2 KiB holds either with room for fields that later
 * kernels add; Pss comes third, so a cut-off tail would not matter anyway. */
#define SCAN_BUFFER_SIZE 2048

/* statm ranks every process; smaps_rollup (PSS) is read only for this many times the
 * number asked for, largest RSS first. PSS never exceeds RSS, and on a desktop the
 * shared pages that make them differ are a small part of the largest processes, so the
 * top by PSS are among the top 3x by RSS. */
#define SCAN_CANDIDATE_FACTOR 3
#define SCAN_MAX_CANDIDATES (MG_PROCESS_SCAN_MAX * SCAN_CANDIDATE_FACTOR)

/* "PID/smaps_rollup": a pid has at most 10 digits (PID_MAX_LIMIT is 2^22). */
#define SCAN_PATH_SIZE 64

/* getpwuid_r()'s string space: glibc's _SC_GETPW_R_SIZE_MAX is 1024, and a passwd entry
 * longer than that is answered with ERANGE, then shown as the number. */
#define SCAN_PASSWD_BUFFER_SIZE 1024

/* What passes 1 and 2 rank: the few fields they need, so that keeping the candidates in
 * order moves small records, not command lines. */
typedef struct {
  guint64          kib;
  guint32          pid;
  MgProcessMeasure measure;
} Candidate;

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
ranks_before (const Candidate *a,
              const Candidate *b)
{
  return a->kib > b->kib || (a->kib == b->kib && a->pid < b->pid);
}

/* Keeps the @capacity largest in order: a full array drops its smallest. */
static void
insert_candidate (Candidate       *candidates,
                  guint           *n_candidates,
                  guint            capacity,
                  const Candidate *usage)
{
  guint i = *n_candidates;

  if (capacity == 0)
    return;
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
read_rss (int         root_fd,
          const char *pid_name,
          guint64     page_kib,
          char       *buffer,
          Candidate  *usage)
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
read_pss (int        root_fd,
          char      *buffer,
          Candidate *usage)
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

/* The effective uid from the "Uid:" line of status ("Uid:\treal\teffective\tsaved\tfs",
 * fs/proc/array.c), anchored at a line start. */
static gboolean
parse_status_euid (const char *text,
                   guint32    *uid)
{
  const char *line = text;

  while (line != NULL && *line != '\0')
    {
      if (strncmp (line, "Uid:", 4) == 0)
        {
          guint64 real;
          guint64 effective;
          const char *end;

          if (!parse_number (line + 4, &real, &end) ||
              !parse_number (end, &effective, NULL) || effective > G_MAXUINT32)
            return FALSE;
          *uid = (guint32) effective;
          return TRUE;
        }

      line = strchr (line, '\n');
      if (line != NULL)
        line++;
    }

  return FALSE;
}

static void
read_user (int             root_fd,
           MgProcessUsage *usage,
           char           *buffer)
{
  char path[SCAN_PATH_SIZE];
  char strings[SCAN_PASSWD_BUFFER_SIZE];
  struct passwd entry;
  struct passwd *found = NULL;

  usage->has_uid = FALSE;
  usage->user[0] = '\0';
  g_snprintf (path, sizeof path, "%" G_GUINT32_FORMAT "/status", usage->pid);
  if (read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE) <= 0 ||
      !parse_status_euid (buffer, &usage->uid))
    return;

  usage->has_uid = TRUE;
  /* A uid without a passwd entry (a container's, a deleted user's) is shown as the
   * number, as ps does. */
  if (getpwuid_r ((uid_t) usage->uid, &entry, strings, sizeof strings, &found) == 0 &&
      found != NULL && found->pw_name != NULL && found->pw_name[0] != '\0')
    g_strlcpy (usage->user, found->pw_name, sizeof usage->user);
  else
    g_snprintf (usage->user, sizeof usage->user, "%" G_GUINT32_FORMAT, usage->uid);
}

gboolean
mg_process_parse_stat (const char    *text,
                       MgProcessStat *out)
{
  const char *open = strchr (text, '(');
  /* The last ')': comm is the process's own choice and may hold ") " itself. */
  const char *close = strrchr (text, ')');
  const char *field;
  gsize comm_len;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (open == NULL || close == NULL || close < open || close[1] != ' ' || close[2] == '\0')
    return FALSE;
  comm_len = MIN ((gsize) (close - open - 1), sizeof out->comm - 1);
  memcpy (out->comm, open + 1, comm_len);
  out->comm[comm_len] = '\0';
  out->state = close[2];

  /* Fields 4 to 22 follow the state, one space apart; some (priority, nice) may be
   * negative, so walk them as words and read only the two wanted. */
  field = close + 3;
  for (guint n = 4; n <= 22; n++)
    {
      guint64 value = 0;
      const char *end = NULL;

      while (*field == ' ')
        field++;
      if (*field == '\0')
        return FALSE;
      if (n == 6 || n == 22)
        {
          if (!parse_number (field, &value, &end) || (*end != ' ' && *end != '\n' && *end != '\0'))
            return FALSE;
          if (n == 6)
            {
              if (value > G_MAXUINT32)
                return FALSE;
              out->session = (guint32) value;
            }
          else
            out->start_time = value;
        }
      field += strcspn (field, " ");
    }

  return TRUE;
}

static void
read_start_time (int             root_fd,
                 MgProcessUsage *usage,
                 char           *buffer)
{
  char path[SCAN_PATH_SIZE];
  MgProcessStat stat;

  usage->has_start_time = FALSE;
  g_snprintf (path, sizeof path, "%" G_GUINT32_FORMAT "/stat", usage->pid);
  if (read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE) <= 0 ||
      !mg_process_parse_stat (buffer, &stat))
    return;
  usage->start_time = stat.start_time;
  usage->has_start_time = TRUE;
}

/* cmdline is argv with a NUL after each argument; a process may have rewritten it, so it
 * can hold anything. The buffer takes its first SCAN_BUFFER_SIZE - 1 bytes at most. */
static void
read_cmdline (int             root_fd,
              MgProcessUsage *usage,
              char           *buffer)
{
  char path[SCAN_PATH_SIZE];
  gssize len;
  gboolean filled;
  gsize keep;

  usage->cmdline[0] = '\0';
  usage->cmdline_truncated = FALSE;
  g_snprintf (path, sizeof path, "%" G_GUINT32_FORMAT "/cmdline", usage->pid);
  len = read_at (root_fd, path, buffer, SCAN_BUFFER_SIZE);
  if (len <= 0)
    return;
  filled = (gsize) len == SCAN_BUFFER_SIZE - 1;

  /* The NUL ending the last argument, and any run of empty ones, are no text. */
  while (len > 0 && buffer[len - 1] == '\0')
    len--;
  for (gssize i = 0; i < len; i++)
    if ((guchar) buffer[i] < 0x20 || buffer[i] == 0x7f)
      buffer[i] = ' ';

  keep = MIN ((gsize) len, sizeof usage->cmdline - 1);
  usage->cmdline_truncated = keep < (gsize) len || filled;
  /* Cut before a UTF-8 continuation byte, not inside a character. */
  if (usage->cmdline_truncated)
    while (keep > 0 && ((guchar) buffer[keep] & 0xc0) == 0x80)
      keep--;
  memcpy (usage->cmdline, buffer, keep);
  usage->cmdline[keep] = '\0';
}

gboolean
mg_process_scan_largest (const char     *proc_root,
                         MgProcessUsage *out,
                         guint           n_out,
                         guint          *n_found,
                         GCancellable   *cancellable,
                         GError        **error)
{
  Candidate candidates[SCAN_MAX_CANDIDATES];
  Candidate ranked[SCAN_MAX_CANDIDATES];
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
  g_return_val_if_fail (n_out > 0 && n_out <= MG_PROCESS_SCAN_MAX, FALSE);
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
      Candidate usage = { 0 };
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

  /* Pass 3: names, owners and command lines of the final ones; a process without a
   * name any more has exited. */
  for (guint i = 0; i < n_ranked && found < n_out; i++)
    {
      MgProcessUsage *usage = &out[found];

      memset (usage, 0, sizeof *usage);
      usage->kib = ranked[i].kib;
      usage->pid = ranked[i].pid;
      usage->measure = ranked[i].measure;
      if (!read_name (root_fd, usage, buffer))
        continue;
      read_user (root_fd, usage, buffer);
      read_cmdline (root_fd, usage, buffer);
      read_start_time (root_fd, usage, buffer);
      found++;
    }

  closedir (dir);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  *n_found = found;
  return TRUE;
}
