/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroup: one control group's memory figures and who it is; MgGroupWalker reads them. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MgGroupKind:
 * @MG_GROUP_KIND_OTHER: none of the others (a plain directory, `init.scope`, …)
 * @MG_GROUP_KIND_APP: a desktop app (`app-*.scope`, `app-*.service`, flatpak)
 * @MG_GROUP_KIND_SERVICE: a systemd service, of the system or of a user
 * @MG_GROUP_KIND_CONTAINER: a podman, docker or Kubernetes container
 * @MG_GROUP_KIND_POD: a Kubernetes pod that is a leaf itself
 * @MG_GROUP_KIND_SESSION: a login session (`session-N.scope`)
 * @MG_GROUP_KIND_SLICE: a systemd slice that is a leaf
 *
 * The nicks are the strings of `--json`'s `kind`.
 */
typedef enum {
  MG_GROUP_KIND_OTHER,
  MG_GROUP_KIND_APP,
  MG_GROUP_KIND_SERVICE,
  MG_GROUP_KIND_CONTAINER,
  MG_GROUP_KIND_POD,
  MG_GROUP_KIND_SESSION,
  MG_GROUP_KIND_SLICE,
} MgGroupKind;

/* The bits of MgGroup.present. */
typedef enum {
  MG_GROUP_HAS_USAGE = 1 << 0,
  MG_GROUP_HAS_LIMIT = 1 << 1,
  MG_GROUP_HAS_SWAP = 1 << 2,
  MG_GROUP_HAS_OOM_KILLS = 1 << 3,
  MG_GROUP_HAS_PRESSURE = 1 << 4,
  MG_GROUP_HAS_ANCESTOR_LIMIT = 1 << 5,
  MG_GROUP_HAS_MAX_READ = 1 << 6,
  MG_GROUP_HAS_DETAILS = 1 << 7,
} MgGroupPresent;

/**
 * MgGroup:
 * @path: the group's path in its hierarchy, starting with `/` (as in /proc/PID/cgroup)
 * @name: what a person calls it: an app's name, a unit, a container's name; set by
 *   #MgGroupNamer, %NULL before
 * @app_id: (nullable): the desktop app id of an app
 * @icon_name: (nullable): the icon of an app, from its desktop file
 * @procs_path: the absolute path of its `cgroup.procs`, to end it later
 * @kill_path: (nullable): the absolute path where its `cgroup.kill` would be (cgroup v2,
 *   or the unified hierarchy of a hybrid system); whether it exists is for the caller
 * @error: (nullable): why a figure the group should have could not be read; that
 *   figure's bit in @present is clear
 * @kind: what it is
 * @present: #MgGroupPresent bits, one per figure that was read. Every group has its usage
 *   and its hard limit read (%MG_GROUP_HAS_MAX_READ when that file was readable); only
 *   groups with %MG_GROUP_HAS_DETAILS (the largest ones, see mg_cgroup_walker_new())
 *   had the rest read: without it, swap, OOM kills, pressure and a `memory.high`
 *   ceiling are unknown, not absent
 * @limit_is_high: the limit is `memory.high` (v2 throttling), not `memory.max`
 * @usage_kib: memory charged to it (`memory.current`, `memory.usage_in_bytes`)
 * @limit_kib: its own limit (`memory.max`, else `memory.high`; v1 `limit_in_bytes`)
 * @ancestor_limit_kib: the smallest limit among its ancestors, when one has one
 * @swap_kib: swap charged to it (`memory.swap.current`; v1 `total_swap` of `memory.stat`)
 * @oom_kills: processes the OOM killer ended in it (`oom_kill` of `memory.events` or
 *   `memory.oom_control`)
 * @pressure_some_avg10: `some avg10` of its `memory.pressure`, percent
 * @growth_kib_per_hour: how fast its usage rises steadily (the leak hint's fit), KiB
 *   per hour; 0 when it does not, or when it has not been watched long enough
 *
 * One leaf group: a group that carries memory and has no child that does, so that no
 * memory is counted twice. Sizes are KiB (bytes / 1024, truncated), as everywhere.
 */
typedef struct {
  char        *path;
  char        *name;
  char        *app_id;
  char        *icon_name;
  char        *procs_path;
  char        *kill_path;
  char        *error;
  MgGroupKind  kind;
  guint32      present;
  gboolean     limit_is_high;
  guint64      usage_kib;
  guint64      limit_kib;
  guint64      ancestor_limit_kib;
  guint64      swap_kib;
  guint64      oom_kills;
  double       pressure_some_avg10;
  guint64      growth_kib_per_hour;
} MgGroup;

/* Returns: (transfer full): a zeroed record whose @path is a copy of @path. */
MgGroup    *mg_group_new              (const char    *path);
void        mg_group_free             (MgGroup       *group);
const char *mg_group_kind_to_nick     (MgGroupKind    kind);

static inline gboolean
mg_group_has (const MgGroup  *group,
              MgGroupPresent  bit)
{
  return (group->present & bit) != 0;
}

/**
 * mg_group_get_limit_percent:
 * @group: a group
 * @percent: (out): its usage as a percentage of its limit
 *
 * Returns: %FALSE when the group has no limit or no usage
 */
gboolean    mg_group_get_limit_percent (const MgGroup *group,
                                        double        *percent);

/**
 * mg_group_compare_usage:
 *
 * A #GCompareFunc for a #GPtrArray of #MgGroup: largest usage first, groups without a
 * usage last, then by path so that the order is stable from scan to scan.
 */
gint        mg_group_compare_usage    (gconstpointer  a,
                                       gconstpointer  b);

/* Returns: (transfer full): a deep copy of @group (a view keeps one past a scan). */
MgGroup    *mg_group_copy             (const MgGroup *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgGroup, mg_group_free)

#define MG_TYPE_GROUP_WALKER (mg_group_walker_get_type ())
G_DECLARE_INTERFACE (MgGroupWalker, mg_group_walker, MG, GROUP_WALKER, GObject)

/**
 * MgGroupWalkerInterface:
 * @walk: appends one #MgGroup per leaf group to @groups, numbers filled in and names
 *   left %NULL. Runs in a worker thread, never two at once for one walker. Fails only
 *   when no group can be read at all (no hierarchy, no memory controller) or on
 *   cancellation; a group's own trouble goes into its @error.
 *
 * Where groups come from: the cgroup filesystem (src/sources/mg-cgroup-walker.c) or a
 * tree below a test root.
 */
struct _MgGroupWalkerInterface {
  GTypeInterface parent_iface;

  gboolean (*walk) (MgGroupWalker  *self,
                    GPtrArray      *groups,
                    GCancellable   *cancellable,
                    GError        **error);
  gboolean (*read_counters) (MgGroupWalker *self,
                             MgGroup       *group,
                             guint64       *limit_hits);
};

/**
 * mg_group_walker_walk:
 * @self: a walker
 * @groups: (element-type MgGroup): where to append the leaves; its free function
 *   must be mg_group_free()
 * @cancellable: (nullable): checked between groups
 * @error: why nothing could be read, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE on success
 */
gboolean    mg_group_walker_walk      (MgGroupWalker  *self,
                                       GPtrArray      *groups,
                                       GCancellable   *cancellable,
                                       GError        **error);

/**
 * mg_group_walker_read_counters:
 * @self: a walker
 * @group: a group its walk found
 * @limit_hits: (out): how often the group has reached its own limit: v2's `oom` of
 *   `memory.events` (its limit held and reclaim failed), v1's `memory.failcnt`; 0 when
 *   unknown
 *
 * Re-reads the figures that change from sample to sample (usage, OOM kills, pressure)
 * of one group, cheaply, in any thread, also while a walk runs. The optional
 * @read_counters of #MgGroupWalkerInterface; without it nothing is read.
 *
 * Returns: %FALSE when the group has gone or the walker cannot re-read it
 */
gboolean    mg_group_walker_read_counters (MgGroupWalker *self,
                                           MgGroup       *group,
                                           guint64       *limit_hits);

G_END_DECLS
