/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineDialog: adds or edits one remote source of `remote-sources`. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MG_TYPE_MACHINE_DIALOG (mg_machine_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MgMachineDialog, mg_machine_dialog, MG, MACHINE_DIALOG, GtkDialog)

/**
 * mg_machine_dialog_new:
 * @parent: (nullable): the settings window
 * @settings: the app's settings (`remote-sources` is written on Save)
 * @source_id: (nullable): the source to edit; %NULL adds one with a new id
 *
 * Save stores the credentials in the Secret Service first, then writes `remote-sources`
 * (without them), emits #MgMachineDialog::saved and closes; when the keyring could not keep
 * the credentials it says so and stays open (the source is saved and polls without them).
 * Test Connection reads the source once (mg_remote_probe_async()); closing cancels it.
 *
 * Returns: (transfer none): the dialog, destroyed when it closes
 */
GtkWidget  *mg_machine_dialog_new             (GtkWindow       *parent,
                                               GSettings       *settings,
                                               const char      *source_id);

void        mg_machine_dialog_test_connection (MgMachineDialog *self);
void        mg_machine_dialog_save            (MgMachineDialog *self);
/* Whether a Test Connection, a keyring lookup or a Save is under way. */
gboolean    mg_machine_dialog_get_busy        (MgMachineDialog *self);
/* The source's id: the one edited, or the new one (made when the dialog opens). */
const char *mg_machine_dialog_get_source_id   (MgMachineDialog *self);

/**
 * MgMachineDialog::saved:
 * @dialog: the dialog
 * @source_id: the source written to `remote-sources`
 */

G_END_DECLS
