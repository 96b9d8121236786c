/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourceProcfs: samples this machine from /proc (or a copy of it below another root). */
#pragma once

#include "mg-source.h"

G_BEGIN_DECLS

#define MG_TYPE_SOURCE_PROCFS (mg_source_procfs_get_type ())
G_DECLARE_FINAL_TYPE (MgSourceProcfs, mg_source_procfs, MG, SOURCE_PROCFS, GObject)

/**
 * mg_source_procfs_new:
 * @root: (nullable): the proc root; %NULL for `/proc`
 *
 * Returns: (transfer full): a source that reads meminfo, vmstat, pressure/memory and
 *   sys/vm/swappiness below @root, without blocking and without allocating per read
 */
MgSource   *mg_source_procfs_new      (const char     *root);
const char *mg_source_procfs_get_root (MgSourceProcfs *self);

G_END_DECLS
