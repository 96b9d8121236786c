/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroup: one control group's memory figures and who it is; MgGroupWalker reads them. */

#define G_LOG_DOMAIN "memgauge-group"

#include "config.h"

#include <string.h>

#include "mg-group.h"

G_DEFINE_INTERFACE (MgGroupWalker, mg_group_walker, G_TYPE_OBJECT)

static void
mg_group_walker_default_init (MgGroupWalkerInterface *iface)
{
}

gboolean
mg_group_walker_walk (MgGroupWalker  *self,
                      GPtrArray      *groups,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_return_val_if_fail (MG_IS_GROUP_WALKER (self), FALSE);
  g_return_val_if_fail (groups != NULL, FALSE);

  return MG_GROUP_WALKER_GET_IFACE (self)->walk (self, groups, cancellable, error);
}

gboolean
mg_group_walker_read_counters (MgGroupWalker *self,
                               MgGroup       *group,
                               guint64       *limit_hits)
{
  MgGroupWalkerInterface *iface;

  g_return_val_if_fail (MG_IS_GROUP_WALKER (self), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);
  g_return_val_if_fail (limit_hits != NULL, FALSE);

  *limit_hits = 0;
  iface = MG_GROUP_WALKER_GET_IFACE (self);
  return iface->read_counters != NULL && iface->read_counters (self, group, limit_hits);
}

MgGroup *
mg_group_new (const char *path)
{
  MgGroup *group = g_new0 (MgGroup, 1);

  group->path = g_strdup (path);
  return group;
}

void
mg_group_free (MgGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->path);
  g_free (group->name);
  g_free (group->app_id);
  g_free (group->icon_name);
  g_free (group->procs_path);
  g_free (group->kill_path);
  g_free (group->error);
  g_free (group);
}

const char *
mg_group_kind_to_nick (MgGroupKind kind)
{
  /* The same words as the enum's nicks (mg-enums.c); test-group checks they agree. */
  static const char *const nicks[] = {
    [MG_GROUP_KIND_OTHER] = "other",
    [MG_GROUP_KIND_APP] = "app",
    [MG_GROUP_KIND_SERVICE] = "service",
    [MG_GROUP_KIND_CONTAINER] = "container",
    [MG_GROUP_KIND_POD] = "pod",
    [MG_GROUP_KIND_SESSION] = "session",
    [MG_GROUP_KIND_SLICE] = "slice",
  };

  if ((guint) kind >= G_N_ELEMENTS (nicks))
    return "other";
  return nicks[kind];
}

gboolean
mg_group_get_limit_percent (const MgGroup *group,
                            double        *percent)
{
  g_return_val_if_fail (group != NULL, FALSE);
  g_return_val_if_fail (percent != NULL, FALSE);

  if (!mg_group_has (group, MG_GROUP_HAS_LIMIT) || !mg_group_has (group, MG_GROUP_HAS_USAGE))
    return FALSE;

  /* A limit of 0 is legal (v2 memory.max 0): everything is above it. */
  if (group->limit_kib == 0)
    *percent = group->usage_kib > 0 ? 100.0 : 0.0;
  else
    *percent = 100.0 * (double) group->usage_kib / (double) group->limit_kib;
  return TRUE;
}

gint
mg_group_compare_usage (gconstpointer a,
                        gconstpointer b)
{
  const MgGroup *x = *(const MgGroup *const *) a;
  const MgGroup *y = *(const MgGroup *const *) b;
  gboolean x_has = mg_group_has (x, MG_GROUP_HAS_USAGE);
  gboolean y_has = mg_group_has (y, MG_GROUP_HAS_USAGE);

  if (x_has != y_has)
    return x_has ? -1 : 1;
  if (x_has && x->usage_kib != y->usage_kib)
    return x->usage_kib > y->usage_kib ? -1 : 1;

  return strcmp (x->path, y->path);
}

MgGroup *
mg_group_copy (const MgGroup *group)
{
  MgGroup *copy;

  g_return_val_if_fail (group != NULL, NULL);

  copy = g_memdup2 (group, sizeof *group);
  copy->path = g_strdup (group->path);
  copy->name = g_strdup (group->name);
  copy->app_id = g_strdup (group->app_id);
  copy->icon_name = g_strdup (group->icon_name);
  copy->procs_path = g_strdup (group->procs_path);
  copy->kill_path = g_strdup (group->kill_path);
  copy->error = g_strdup (group->error);
  return copy;
}
