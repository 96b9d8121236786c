/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessDialog: a window around MgSwappinessPanel with Apply and Cancel. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"
#include "mg-swappiness-panel.h"

G_BEGIN_DECLS

#define MG_TYPE_SWAPPINESS_DIALOG (mg_swappiness_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgSwappinessDialog, mg_swappiness_dialog, MG, SWAPPINESS_DIALOG, GtkDialog)

/**
 * mg_swappiness_dialog_new:
 * @app: (nullable): the application the window belongs to
 * @monitor: the model whose samples give the live value
 *
 * A dialog that is modal to nothing: Apply changes swappiness and keeps the dialog open to
 * show what happened; Cancel, Escape or closing the window destroy it (and withdraw a pending
 * request).
 *
 * Returns: (transfer none): the new dialog, not yet shown
 */
MgSwappinessDialog *mg_swappiness_dialog_new       (GtkApplication     *app,
                                                    MgMonitor          *monitor);
MgSwappinessPanel  *mg_swappiness_dialog_get_panel (MgSwappinessDialog *self);

G_END_DECLS
