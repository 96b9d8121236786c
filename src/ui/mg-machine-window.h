/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineWindow: a remote machine's own gauge, opened from the gauge window's
 * "Machines". */
#pragma once

#include <gtk/gtk.h>

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

#define MG_TYPE_MACHINE_WINDOW (mg_machine_window_get_type ())
G_DECLARE_FINAL_TYPE (MgMachineWindow, mg_machine_window, MG, MACHINE_WINDOW,
                      GtkApplicationWindow)

/**
 * mg_machine_window_present:
 * @parent: (nullable): the window it was opened from (for its application)
 * @fleet: the fleet @machine belongs to
 * @machine: the machine to show
 *
 * Presents the machine's window, made the first time: one window per machine. It is
 * titled with the machine's name and shows its gauge, level and reason, history (its
 * monitor's), figures, last contact and URL, and while the machine does not answer, why.
 * It follows the machine only while mapped; it closes (is destroyed) when closed, on
 * Escape, and when the machine leaves @fleet.
 *
 * Returns: (transfer none): the window
 */
MgMachineWindow *mg_machine_window_present     (GtkWindow       *parent,
                                                MgRemoteFleet   *fleet,
                                                MgRemoteMachine *machine);

/* Returns: (transfer none): the machine shown */
MgRemoteMachine *mg_machine_window_get_machine (MgMachineWindow *self);

G_END_DECLS
