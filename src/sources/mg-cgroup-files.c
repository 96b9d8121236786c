/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cgroup-files: reads one control group's memory files into its record; private to
 * MgCgroupWalker. */

#define G_LOG_DOMAIN "memgauge-cgroup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "mg-cgroup-files.h"
#include "mg-parse-cgroup.h"
#include "mg-parse-psi.h"

void
mg_cgroup_files_init (MgCgroupFiles *files)
{
  files->n_pending = 0;
}

void
mg_cgroup_files_flush (MgCgroupFiles *files)
{
  guint i = 0;

  while (i < files->n_pending)
    {
      int first = files->pending[i];
      int last = first;

      while (i + 1 < files->n_pending && files->pending[i + 1] == last + 1)
        last = files->pending[++i];
      i++;

      /* Every number of the run was handed to us by openat () and not closed since: no
       * other thread's descriptor can be among them. */
      if (first == last || close_range ((unsigned int) first, (unsigned int) last, 0) != 0)
        for (int fd = first; fd <= last; fd++)
          close (fd);
    }
  files->n_pending = 0;
}

/* A scan reads thousands of small files, and at about 3 us a syscall on the machines
 * measured the close () after each read was a quarter of its time: the descriptors are
 * closed in batches, each run of consecutive numbers (the kernel hands out the lowest
 * free one) with one close_range (). */
static void
release (MgCgroupFiles *files,
         int            fd)
{
  if (files->n_pending == MG_CGROUP_MAX_PENDING)
    mg_cgroup_files_flush (files);
  files->pending[files->n_pending++] = fd;
}

gssize
mg_cgroup_files_read (MgCgroupFiles *files,
                      int            dirfd,
                      const char    *prefix,
                      const char    *name)
{
  gsize prefix_len = strlen (prefix);
  gsize name_len = strlen (name);
  gsize total = 0;
  int fd;

  /* Not g_snprintf (): a scan joins thousands of names, and formatting was a fifth of
   * its instructions (callgrind, 500 groups). */
  if (prefix_len + name_len >= sizeof files->relative)
    return -ENAMETOOLONG;
  memcpy (files->relative, prefix, prefix_len);
  memcpy (files->relative + prefix_len, name, name_len + 1);

  /* O_NONBLOCK: a FIFO planted in a test root must not hang the walk. */
  do
    fd = openat (dirfd, files->relative, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -errno;

  /* cgroupfs hands out a whole small file in the first read, and a regular file reads
   * short only at its end: a short read is the end, which spares a second read () per
   * file (a scan reads thousands). */
  while (total < sizeof files->buffer)
    {
      gsize wanted = sizeof files->buffer - total;
      ssize_t n = read (fd, files->buffer + total, wanted);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          release (files, fd);
          return -saved_errno;
        }
      total += (gsize) n;
      if (n == 0 || (gsize) n < wanted)
        break;
    }
  release (files, fd);

  if (total > MG_CGROUP_FILE_BUFFER_SIZE)
    return -EFBIG;
  return (gssize) total;
}

/* A file of a group is missing: is it just that file, or the whole group (removed since
 * it was listed: kernfs then has no files below it)? */
static gboolean
group_vanished (MgCgroupFiles *files,
                int            dirfd,
                const char    *prefix)
{
  int written = g_snprintf (files->relative, sizeof files->relative, "%scgroup.procs", prefix);

  if (written < 0 || (gsize) written >= sizeof files->relative)
    return FALSE;
  return faccessat (dirfd, files->relative, F_OK, 0) < 0 && errno == ENOENT;
}

/* Keeps the first error of a group: one message says what is wrong with it. */
static void
set_error (MgCgroupFiles *files,
           MgGroup       *group,
           const char    *path,
           const char    *name,
           GError        *parse_error,
           int            errno_value)
{
  g_autofree char *file = NULL;

  if (group->error != NULL)
    {
      g_clear_error (&parse_error);
      return;
    }

  file = g_strconcat (files->memory_root, path, "/", name, NULL);
  if (parse_error != NULL)
    group->error = g_strdup_printf ("%s%s: %s", files->memory_root, path, parse_error->message);
  else if (errno_value == EFBIG)
    group->error = g_strdup_printf (_("%s is larger than %u KiB: not a kernel file"), file,
                                    MG_CGROUP_FILE_BUFFER_SIZE / 1024);
  else
    group->error = g_strdup_printf ("%s: %s", file, g_strerror (errno_value));
  g_clear_error (&parse_error);
}

typedef enum {
  FILE_BYTES,
  FILE_LIMIT,
  FILE_KEYED,
  FILE_PRESSURE,
} FileKind;

/* Reads one file into @value (and @has for limits and keys, @avg10 for pressure).
 * Returns FALSE when the figure is absent; sets *@vanished when the group is gone. */
static gboolean
read_figure (MgCgroupFiles *files,
             int            dirfd,
             const char    *prefix,
             const char    *path,
             const char    *name,
             FileKind       kind,
             const char    *key,
             MgGroup       *group,
             guint64       *value,
             gboolean      *has,
             gboolean      *vanished)
{
  GError *error = NULL;
  gssize len = mg_cgroup_files_read (files, dirfd, prefix, name);
  gboolean ok = FALSE;

  if (len == -ENOENT)
    {
      *vanished = group_vanished (files, dirfd, prefix);
      return FALSE;
    }
  if (len < 0)
    {
      set_error (files, group, path, name, NULL, (int) -len);
      return FALSE;
    }

  switch (kind)
    {
    case FILE_BYTES:
      ok = mg_cgroup_parse_bytes (files->buffer, (gsize) len, name, value, &error);
      break;
    case FILE_LIMIT:
      ok = mg_cgroup_parse_limit (files->buffer, (gsize) len, name, has, value, &error);
      break;
    case FILE_KEYED:
      ok = mg_cgroup_parse_keyed (files->buffer, (gsize) len, name, key, has, value, &error);
      break;
    case FILE_PRESSURE:
      {
        MgPsi psi;

        ok = mg_proc_parse_psi_named (files->buffer, (gsize) len, name, &psi, &error);
        if (ok)
          group->pressure_some_avg10 = psi.some.avg10;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      set_error (files, group, path, name, error, 0);
      return FALSE;
    }
  return TRUE;
}

MgCgroupStatus
mg_cgroup_files_read_rank (MgCgroupFiles *files,
                           int            dirfd,
                           const char    *prefix,
                           const char    *path,
                           MgGroup       *group)
{
  gboolean vanished = FALSE;
  gboolean has = FALSE;
  guint64 bytes = 0;

  /* Usage decides whether the memory controller is on for this group at all (v2 shows
   * memory.* files only where the parent's cgroup.subtree_control enables it). */
  if (read_figure (files, dirfd, prefix, path,
                   files->v2 ? "memory.current" : "memory.usage_in_bytes", FILE_BYTES, NULL,
                   group, &bytes, NULL, &vanished))
    {
      group->usage_kib = bytes / 1024;
      group->present |= MG_GROUP_HAS_USAGE;
    }
  else if (vanished)
    return MG_CGROUP_GROUP_VANISHED;
  else if (group->error == NULL)
    return MG_CGROUP_GROUP_NOT_MEMORY;

  if (read_figure (files, dirfd, prefix, path,
                   files->v2 ? "memory.max" : "memory.limit_in_bytes", FILE_LIMIT, NULL,
                   group, &bytes, &has, &vanished))
    {
      group->present |= MG_GROUP_HAS_MAX_READ;
      if (has)
        {
          group->limit_kib = bytes / 1024;
          group->present |= MG_GROUP_HAS_LIMIT;
        }
    }
  if (vanished)
    return MG_CGROUP_GROUP_VANISHED;

  return MG_CGROUP_GROUP_MEMORY;
}

/* The pressure of a v1 group on a hybrid system lives at the same path in unified/. */
static void
read_hybrid_pressure (MgCgroupFiles *files,
                      const char    *prefix,
                      const char    *path,
                      MgGroup       *group)
{
  gboolean vanished = FALSE;

  /* A group of the v1 tree need not exist in the unified one: no pressure, no error. */
  if (read_figure (files, files->unified_fd, prefix, path, "memory.pressure", FILE_PRESSURE,
                   NULL, group, NULL, NULL, &vanished))
    group->present |= MG_GROUP_HAS_PRESSURE;
}

MgCgroupStatus
mg_cgroup_files_read_details (MgCgroupFiles *files,
                              int            dirfd,
                              const char    *prefix,
                              const char    *path,
                              MgGroup       *group)
{
  gboolean v2 = files->v2;
  gboolean vanished = FALSE;
  gboolean has = FALSE;
  guint64 bytes = 0;

  group->present |= MG_GROUP_HAS_DETAILS;

  /* memory.high throttles instead of killing, but it is where systemd's MemoryHigh= and
   * podman's --memory-reservation put a group's ceiling. Not when memory.max could not
   * be read: that limit is unknown, and a higher one in memory.high would be wrong. */
  if (v2 && (group->present & MG_GROUP_HAS_MAX_READ) && !(group->present & MG_GROUP_HAS_LIMIT) &&
      read_figure (files, dirfd, prefix, path, "memory.high", FILE_LIMIT, NULL, group, &bytes,
                   &has, &vanished) && has)
    {
      group->limit_kib = bytes / 1024;
      group->limit_is_high = TRUE;
      group->present |= MG_GROUP_HAS_LIMIT;
    }
  if (vanished)
    return MG_CGROUP_GROUP_VANISHED;

  /* Swap: v2 counts it apart. v1's memory.memsw.usage_in_bytes counts memory and swap
   * together, and subtracting usage_in_bytes read a moment earlier gives a few KiB of
   * "swap" on machines without any (seen on 6.18: 20 KiB with no swap device); v1's
   * memory.stat has the group's swap itself, `total_swap` (with its descendants, which
   * a leaf has none of). Both are missing without swap accounting (swapaccount=0). */
  if (v2 ? read_figure (files, dirfd, prefix, path, "memory.swap.current", FILE_BYTES, NULL,
                        group, &bytes, NULL, &vanished)
         : (read_figure (files, dirfd, prefix, path, "memory.stat", FILE_KEYED, "total_swap",
                         group, &bytes, &has, &vanished) && has))
    {
      group->swap_kib = bytes / 1024;
      group->present |= MG_GROUP_HAS_SWAP;
    }
  if (vanished)
    return MG_CGROUP_GROUP_VANISHED;

  if (read_figure (files, dirfd, prefix, path, v2 ? "memory.events" : "memory.oom_control",
                   FILE_KEYED, "oom_kill", group, &bytes, &has, &vanished) && has)
    {
      group->oom_kills = bytes;
      group->present |= MG_GROUP_HAS_OOM_KILLS;
    }
  if (vanished)
    return MG_CGROUP_GROUP_VANISHED;

  if (v2)
    {
      if (read_figure (files, dirfd, prefix, path, "memory.pressure", FILE_PRESSURE, NULL,
                       group, NULL, NULL, &vanished))
        group->present |= MG_GROUP_HAS_PRESSURE;
      if (vanished)
        return MG_CGROUP_GROUP_VANISHED;
    }
  else if (files->unified_fd >= 0)
    {
      read_hybrid_pressure (files, prefix, path, group);
    }

  return MG_CGROUP_GROUP_MEMORY;
}
