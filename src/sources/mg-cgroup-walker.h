/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgCgroupWalker: reads the memory figures of every leaf control group below a root. */
#pragma once

#include "mg-group.h"

G_BEGIN_DECLS

#define MG_CGROUP_ERROR (mg_cgroup_error_quark ())

/**
 * MgCgroupError:
 * @MG_CGROUP_ERROR_NO_HIERARCHY: the root cannot be opened
 * @MG_CGROUP_ERROR_NO_MEMORY_CONTROLLER: neither cgroup v2 with the memory controller
 *   nor a v1 memory hierarchy is there
 */
typedef enum {
  MG_CGROUP_ERROR_NO_HIERARCHY,
  MG_CGROUP_ERROR_NO_MEMORY_CONTROLLER,
} MgCgroupError;

GQuark mg_cgroup_error_quark (void);

/**
 * MgCgroupLayout:
 * @MG_CGROUP_LAYOUT_UNKNOWN: not scanned yet, or nothing found
 * @MG_CGROUP_LAYOUT_V2: the unified hierarchy at the root has the memory controller
 * @MG_CGROUP_LAYOUT_V1: a v1 memory hierarchy at `memory/`, no unified one
 * @MG_CGROUP_LAYOUT_HYBRID: v1 memory at `memory/` and a unified hierarchy at
 *   `unified/`, where each group's `memory.pressure` is
 */
typedef enum {
  MG_CGROUP_LAYOUT_UNKNOWN,
  MG_CGROUP_LAYOUT_V2,
  MG_CGROUP_LAYOUT_V1,
  MG_CGROUP_LAYOUT_HYBRID,
} MgCgroupLayout;

/* The deepest group the walker descends to; deeper ones count in their ancestor at
 * this depth, which is then reported as a leaf. Kubernetes and user services need 5. */
#define MG_CGROUP_MAX_DEPTH 32

/* How many of the largest groups get all their figures read by default: twice the 20
 * that --json lists, more than a window shows. */
#define MG_CGROUP_DEFAULT_DETAILED 40

#define MG_TYPE_CGROUP_WALKER (mg_cgroup_walker_get_type ())
G_DECLARE_FINAL_TYPE (MgCgroupWalker, mg_cgroup_walker, MG, CGROUP_WALKER, GObject)

/**
 * mg_cgroup_walker_new:
 * @root: (nullable): where the cgroup filesystems are mounted; %NULL for `/sys/fs/cgroup`
 *
 * A #MgGroupWalker over the cgroup filesystem. Each walk finds the layout again (v2,
 * v1 or hybrid) and reads every group's files relative to its parent's directory
 * descriptor, each with one read into a fixed buffer: it allocates nothing per file,
 * only the records of the leaves it reports. It reads every leaf's usage and hard limit,
 * and the rest (`memory.high`, swap, OOM kills, pressure) only for the "n-detailed"
 * (construct-only, default #MG_CGROUP_DEFAULT_DETAILED) largest leaves: a full scan
 * of 500 groups stays at about eight syscalls a group.
 * The leaves come sorted by usage, largest first.
 *
 * A group that vanishes during the walk is left out; a missing optional file leaves its
 * figure absent; an unreadable or malformed file leaves it absent and sets the group's
 * error.
 *
 * Returns: (transfer full): a walker
 */
MgGroupWalker  *mg_cgroup_walker_new          (const char     *root);

const char     *mg_cgroup_walker_get_root     (MgCgroupWalker *self);

/* The layout the last walk found. */
MgCgroupLayout  mg_cgroup_walker_get_layout   (MgCgroupWalker *self);

/* How many groups vanished during the last walk (were listed, then gone). */
guint           mg_cgroup_walker_get_n_vanished (MgCgroupWalker *self);

G_END_DECLS
