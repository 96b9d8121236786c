/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupList: "Apps and Containers", the largest control groups, scanned only while shown. */
#pragma once

#include <gtk/gtk.h>

#include "mg-group-scanner.h"
#include "mg-group-watch.h"
#include "mg-monitor.h"

G_BEGIN_DECLS

/* How many groups the list shows at most. */
#define MG_GROUP_LIST_N_ROWS 8

#define MG_TYPE_GROUP_LIST (mg_group_list_get_type ())
G_DECLARE_FINAL_TYPE (MgGroupList, mg_group_list, MG, GROUP_LIST, GtkBox)

/**
 * MgGroupList:
 *
 * One #MgGroupRow per group, largest first, and a caption that says why there is
 * nothing. It scans only while it is mapped (its window shown and its page of the
 * window's stack the visible one): at once when mapped, then at each sample of its
 * monitor (the scanner's "min-interval" keeps that rare); unmapped, a scan under way is
 * cancelled. The scanner is made when first needed, over MEMGAUGE_CGROUP_ROOT or
 * `/sys/fs/cgroup`, unless one was set. "End…" on a row asks first
 * (mg_group_end_dialog_run()); once that End is done the list scans again at once.
 */

GtkWidget      *mg_group_list_new         (void);

void            mg_group_list_set_monitor (MgGroupList    *self,
                                           MgMonitor      *monitor);

/* Returns: (transfer none) (nullable): the scanner, %NULL before the list was first
 *   shown unless one was set */
MgGroupScanner *mg_group_list_get_scanner (MgGroupList    *self);
void            mg_group_list_set_scanner (MgGroupList    *self,
                                           MgGroupScanner *scanner);
/* @watch: (nullable): where the rows' "grows 1.2 GiB/h" comes from (the app's watch) */
void            mg_group_list_set_watch   (MgGroupList    *self,
                                           MgGroupWatch   *watch);

G_END_DECLS
