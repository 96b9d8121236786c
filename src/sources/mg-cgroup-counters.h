/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cgroup-counters: re-reads a known group's usage, OOM kills and pressure, each sample. */
#pragma once

#include "mg-group.h"

G_BEGIN_DECLS

/**
 * mg_cgroup_read_counters:
 * @group: a group from a walk of #MgCgroupWalker (its @procs_path and @kill_path say
 *   where its files are)
 * @limit_hits: (out): v2's `oom` of `memory.events`, v1's `memory.failcnt`; 0 when
 *   unknown
 *
 * Reads the figures that change from sample to sample: usage, OOM kills and pressure
 * (where the hierarchy has it), at most four small files (v1: failcnt too) with open, read and close,
 * into @group. Its limit and name stay as the walk found them. Safe in any thread: it
 * uses no state of the walker. A counter file that is missing or broken leaves that
 * figure as it was.
 *
 * Returns: %FALSE when the group's usage cannot be read any more (it has gone)
 */
gboolean mg_cgroup_read_counters (MgGroup *group,
                                  guint64 *limit_hits);

G_END_DECLS
