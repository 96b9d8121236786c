/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cgroup-files: reads one control group's memory files into its record; private to
 * MgCgroupWalker. */
#pragma once

#include <limits.h>

#include "mg-group.h"

G_BEGIN_DECLS

/* The largest file read is v1's memory.stat: 36 lines, 870 bytes on 6.18 for a group
 * with 70 MiB (the numbers grow to 20 digits at most: under 2 KiB). memory.events has
 * six counters, memory.pressure two lines of about 60 bytes. 8 KiB holds any of them
 * with room for new counters; a larger file is no kernel's and is refused. */
#define MG_CGROUP_FILE_BUFFER_SIZE 8192

/* At most this many read files stay open before they are closed together: well below
 * what a process may have to spare. */
#define MG_CGROUP_MAX_PENDING 64

/* The fixed buffers of one walk: nothing is allocated per file. */
typedef struct {
  /* Where the hierarchy is, for messages and the records' paths. */
  const char *memory_root;
  gboolean    v2;
  /* The unified hierarchy of a hybrid system, or -1. */
  int         unified_fd;
  char        relative[PATH_MAX];
  /* One byte more than any accepted file, to tell "exactly full" from "too large". */
  char        buffer[MG_CGROUP_FILE_BUFFER_SIZE + 1];
  /* Descriptors read and not closed yet, in the order opened; each run of consecutive
   * numbers among them is closed with one close_range (). */
  int         pending[MG_CGROUP_MAX_PENDING];
  guint       n_pending;
} MgCgroupFiles;

/* Starts a walk's file state (no descriptor pending). */
void           mg_cgroup_files_init         (MgCgroupFiles *files);

/* Closes the descriptors still pending; call at the end of a walk. */
void           mg_cgroup_files_flush        (MgCgroupFiles *files);

typedef enum {
  MG_CGROUP_GROUP_MEMORY,
  MG_CGROUP_GROUP_NOT_MEMORY,
  MG_CGROUP_GROUP_VANISHED,
} MgCgroupStatus;

/**
 * mg_cgroup_files_read_rank:
 * @files: the walk's buffers
 * @dirfd: a directory the group's files are below
 * @prefix: the group's folder relative to @dirfd, ending in `/`
 * @path: the group's path, for messages
 * @group: (inout): receives the usage and `memory.max` (v1 `limit_in_bytes`); a broken
 *   file sets its @error (once)
 *
 * What every group is read for: its usage (which also tells whether the memory
 * controller is on for it) and its hard limit. Three syscalls a file.
 */
MgCgroupStatus mg_cgroup_files_read_rank    (MgCgroupFiles *files,
                                             int            dirfd,
                                             const char    *prefix,
                                             const char    *path,
                                             MgGroup       *group);

/**
 * mg_cgroup_files_read_details:
 *
 * The rest, for the groups someone will look at: `memory.high` when there is no hard
 * limit, swap, OOM kills and pressure. Sets %MG_GROUP_HAS_DETAILS.
 */
MgCgroupStatus mg_cgroup_files_read_details (MgCgroupFiles *files,
                                             int            dirfd,
                                             const char    *prefix,
                                             const char    *path,
                                             MgGroup       *group);

/* Reads @name below @dirfd into @files' buffer: its length, or -errno. */
gssize         mg_cgroup_files_read         (MgCgroupFiles *files,
                                             int            dirfd,
                                             const char    *prefix,
                                             const char    *name);

G_END_DECLS
