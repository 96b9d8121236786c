/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineList: "Machines" of the gauge window, one #MgMachineRow per remote machine. */
#pragma once

#include <gtk/gtk.h>

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

/* How often the rows' "last contact 2 min ago" is refreshed while the list is shown. */
#define MG_MACHINE_LIST_REFRESH_S 30

#define MG_TYPE_MACHINE_LIST (mg_machine_list_get_type ())
G_DECLARE_FINAL_TYPE (MgMachineList, mg_machine_list, MG, MACHINE_LIST, GtkBox)

/**
 * MgMachineList:
 *
 * The machines of a #MgRemoteFleet, the worst first (mg_remote_fleet_rank()), then by
 * name. The list is visible only while the fleet has a machine. While it is mapped it
 * follows #MgRemoteFleet::machine-polled and refreshes the last-contact words every
 * %MG_MACHINE_LIST_REFRESH_S seconds with one timer; unmapped it follows nothing but the
 * fleet's list. Mapped, it asks the fleet for a poll (mg_remote_fleet_poll_now()).
 * Activating a row (Enter, Space, a click) opens that machine's own window
 * (mg_machine_window_present()).
 */

GtkWidget *mg_machine_list_new          (void);

void       mg_machine_list_set_fleet    (MgMachineList *self,
                                         MgRemoteFleet *fleet);

/**
 * mg_machine_list_add_to_stack:
 * @self: a list
 * @stack: the gauge window's switcher stack
 * @heading: the heading above the switcher: while "Machines" is the visible page it reads
 *   "Other Machines", else what it said before
 *
 * Adds @self as the stack's page "machines", titled "Machines".
 */
void       mg_machine_list_add_to_stack (MgMachineList *self,
                                         GtkStack      *stack,
                                         GtkLabel      *heading);

/* Tests: the row of the machine with @id, or %NULL. */
GtkWidget *mg_machine_list_get_row      (MgMachineList *self,
                                         const char    *id);

G_END_DECLS
