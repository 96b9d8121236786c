/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachinesPage: the settings' Machines page: the remote sources, the tray's choice and
 * the unreachable-machine notification. */
#pragma once

#include <gtk/gtk.h>

#include "mg-machine-dialog.h"

G_BEGIN_DECLS

#define MG_TYPE_MACHINES_PAGE (mg_machines_page_get_type ())
G_DECLARE_FINAL_TYPE (MgMachinesPage, mg_machines_page, MG, MACHINES_PAGE, GtkBox)

/**
 * mg_machines_page_set_settings:
 * @self: a page
 * @settings: the app's settings: the list follows `remote-sources` live; the controls below
 *   it are bound to `tray-shows` and `unreachable-minutes`
 */
void             mg_machines_page_set_settings   (MgMachinesPage *self,
                                                  GSettings      *settings);

/* Opens the machine dialog to add a source, or to edit the selected one. */
void             mg_machines_page_add            (MgMachinesPage *self);
void             mg_machines_page_edit_selected  (MgMachinesPage *self);
/* Asks whether to remove the selected source; Remove removes it and clears its secret. */
void             mg_machines_page_remove_selected (MgMachinesPage *self);

/* Returns: (transfer none) (nullable): the machine dialog while it is open */
MgMachineDialog *mg_machines_page_get_dialog     (MgMachinesPage *self);
/* Returns: (transfer none) (nullable): the question before removing, while it is open */
GtkWidget       *mg_machines_page_get_remove_question (MgMachinesPage *self);

G_END_DECLS
