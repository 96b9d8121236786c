/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupRow: one app, service or container in "Apps and Containers": its name, icon,
 * usage, limit, OOM kills, stalls and growth, and "End…". */
#pragma once

#include <gtk/gtk.h>

#include "mg-group.h"

G_BEGIN_DECLS

#define MG_TYPE_GROUP_ROW (mg_group_row_get_type ())
G_DECLARE_FINAL_TYPE (MgGroupRow, mg_group_row, MG, GROUP_ROW, GtkListBoxRow)

/**
 * mg_group_row_new:
 *
 * An empty row; mg_group_row_set_group() fills it. Its "End…" button emits
 * #MgGroupRow::end-requested with the group it shows.
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget     *mg_group_row_new        (void);

/* Shows @group (copied); the same figures again change nothing. */
void           mg_group_row_set_group  (MgGroupRow    *self,
                                        const MgGroup *group);

/* Returns: (transfer none) (nullable): the group shown */
const MgGroup *mg_group_row_get_group  (MgGroupRow    *self);

/* Returns: (transfer full): what a screen reader says of the row (also for tests). */
char          *mg_group_row_describe   (const MgGroup *group);

G_END_DECLS
