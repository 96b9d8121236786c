/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTuningRow: one kernel setting on the Tuning page: its value, default, meaning and boot files. */
#pragma once

#include <gtk/gtk.h>

#include "mg-helper-protocol.h"
#include "mg-sysctl-scan.h"

G_BEGIN_DECLS

#define MG_TYPE_TUNING_ROW (mg_tuning_row_get_type ())
G_DECLARE_FINAL_TYPE (MgTuningRow, mg_tuning_row, MG, TUNING_ROW, GtkGrid)

/**
 * mg_tuning_row_new:
 * @key: the setting
 *
 * A title with the key's name, a spin button (accessible name: the title), a sentence on what
 * the setting does and when to change it, the value in use and the kernel's default, and the
 * sysctl files that set it at boot. Changing the value notifies #MgTuningRow:value.
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget   *mg_tuning_row_new          (MgSysctlKey       key);

MgSysctlKey  mg_tuning_row_get_key      (MgTuningRow      *self);
GtkWidget   *mg_tuning_row_get_spin_button (MgTuningRow   *self);
const char  *mg_tuning_row_get_boot_text (MgTuningRow     *self);
const char  *mg_tuning_row_get_title    (MgSysctlKey       key);

guint64      mg_tuning_row_get_value    (MgTuningRow      *self);
void         mg_tuning_row_set_value    (MgTuningRow      *self,
                                         guint64           value);
void         mg_tuning_row_set_range    (MgTuningRow      *self,
                                         guint64           min,
                                         guint64           max);

/**
 * mg_tuning_row_set_live:
 * @self: a row
 * @have: whether the kernel has the key (otherwise the row is insensitive)
 * @value: the value in use
 * @follow: whether the spin button should move to @value (after Apply, or at first)
 */
void         mg_tuning_row_set_live     (MgTuningRow      *self,
                                         gboolean          have,
                                         guint64           value,
                                         gboolean          follow);
void         mg_tuning_row_set_default  (MgTuningRow      *self,
                                         gboolean          have,
                                         guint64           value);

/**
 * mg_tuning_row_set_scan:
 * @self: a row
 * @scan: the files that set the key at boot (mg_sysctl_scan_key())
 * @root: (nullable): the root the scan was made under
 *
 * Shows which file sets the key when the computer starts, and warns when one is read after
 * MemGauge's own.
 */
void         mg_tuning_row_set_scan     (MgTuningRow            *self,
                                         const MgSwappinessScan *scan,
                                         const char             *root);

G_END_DECLS
