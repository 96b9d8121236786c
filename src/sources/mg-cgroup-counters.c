/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cgroup-counters: re-reads a known group's usage, OOM kills and pressure, each sample. */

#define G_LOG_DOMAIN "memgauge-cgroup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mg-cgroup-counters.h"
#include "mg-parse-cgroup.h"
#include "mg-parse-psi.h"

/* memory.events has six counters and memory.oom_control three lines (under 200 bytes);
 * memory.pressure two lines of about 60: 1 KiB holds each with room, and a longer file
 * is refused rather than read in part. */
#define COUNTER_BUFFER_SIZE 1024

/* One open, read and close: three syscalls. Returns the length or -errno. */
static gssize
read_small (const char *dir,
            const char *name,
            char       *buffer)
{
  char path[PATH_MAX];
  ssize_t n;
  int written;
  int fd;

  written = g_snprintf (path, sizeof path, "%s/%s", dir, name);
  if (written < 0 || (gsize) written >= sizeof path)
    return -ENAMETOOLONG;

  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -errno;
  do
    n = read (fd, buffer, COUNTER_BUFFER_SIZE + 1);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    n = -errno;
  close (fd);
  if (n > COUNTER_BUFFER_SIZE)
    return -EFBIG;
  return n;
}

gboolean
mg_cgroup_read_counters (MgGroup *group,
                         guint64 *limit_hits)
{
  g_autofree char *dir = NULL;
  g_autofree char *unified_dir = NULL;
  char buffer[COUNTER_BUFFER_SIZE + 1];
  gboolean v2;
  guint64 value = 0;
  gboolean has = FALSE;
  gssize len;
  MgPsi psi;

  g_return_val_if_fail (group != NULL, FALSE);
  g_return_val_if_fail (limit_hits != NULL, FALSE);

  *limit_hits = 0;
  if (group->procs_path == NULL)
    return FALSE;
  dir = g_path_get_dirname (group->procs_path);
  if (group->kill_path != NULL)
    unified_dir = g_path_get_dirname (group->kill_path);
  /* The walker puts cgroup.kill beside cgroup.procs on v2 only (see add_leaf ()). */
  v2 = unified_dir != NULL && g_str_equal (dir, unified_dir);

  /* Usage first: a group that has gone has no files. */
  len = read_small (dir, v2 ? "memory.current" : "memory.usage_in_bytes", buffer);
  if (len < 0 || !mg_cgroup_parse_bytes (buffer, (gsize) len, "memory usage", &value, NULL))
    return FALSE;
  group->usage_kib = value / 1024;
  group->present |= MG_GROUP_HAS_USAGE;

  len = read_small (dir, v2 ? "memory.events" : "memory.oom_control", buffer);
  if (len >= 0 &&
      mg_cgroup_parse_keyed (buffer, (gsize) len, "oom", "oom_kill", &has, &value, NULL) && has)
    {
      group->oom_kills = value;
      group->present |= MG_GROUP_HAS_OOM_KILLS;
    }
  /* v2 counts in the same file the OOMs its own limit caused (the kernel's cgroup-v2.rst:
   * "oom: The number of time the cgroup's memory usage reached the limit and allocation
   * was about to fail"); v1 only how often usage hit the limit at all. */
  if (v2 && len >= 0 &&
      mg_cgroup_parse_keyed (buffer, (gsize) len, "oom", "oom", &has, &value, NULL) && has)
    *limit_hits = value;
  if (!v2)
    {
      len = read_small (dir, "memory.failcnt", buffer);
      if (len >= 0 && mg_cgroup_parse_bytes (buffer, (gsize) len, "failcnt", &value, NULL))
        *limit_hits = value;
    }

  /* v2: beside the others; hybrid: the same path in the unified hierarchy; v1 alone
   * has none. */
  if (unified_dir != NULL)
    {
      len = read_small (unified_dir, "memory.pressure", buffer);
      if (len >= 0 && mg_proc_parse_psi_named (buffer, (gsize) len, "memory.pressure", &psi,
                                               NULL))
        {
          group->pressure_some_avg10 = psi.some.avg10;
          group->present |= MG_GROUP_HAS_PRESSURE;
        }
    }

  return TRUE;
}
