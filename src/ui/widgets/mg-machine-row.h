/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineRow: one remote machine in the gauge window's "Machines": its name, level in
 * words and colour, used %, swap, stalls and last contact, or why it does not answer. */
#pragma once

#include <gtk/gtk.h>

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

#define MG_TYPE_MACHINE_ROW (mg_machine_row_get_type ())
G_DECLARE_FINAL_TYPE (MgMachineRow, mg_machine_row, MG, MACHINE_ROW, GtkListBoxRow)

/**
 * mg_machine_row_new:
 * @machine: the machine to show
 *
 * A focusable, activatable row; mg_machine_row_update() fills it from the machine's
 * monitor. Its tooltip is the machine's URL; its accessible name carries every figure.
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget       *mg_machine_row_new         (MgRemoteMachine *machine);

/* Returns: (transfer none): the machine shown */
MgRemoteMachine *mg_machine_row_get_machine (MgMachineRow    *self);

/* Reads the machine again (level, figures, the time since the last contact); the same
 * texts again change nothing. Returns: whether the level changed (the list re-sorts). */
gboolean         mg_machine_row_update      (MgMachineRow    *self);

G_END_DECLS
