/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSandboxNote: why MemGauge cannot change kernel settings in a Flatpak sandbox, and the
 * command to run outside it; shown by the swappiness dialog and the Tuning page. */
#pragma once

#include <gtk/gtk.h>

#include "mg-helper-report.h"

G_BEGIN_DECLS

#define MG_TYPE_SANDBOX_NOTE (mg_sandbox_note_get_type ())
G_DECLARE_FINAL_TYPE (MgSandboxNote, mg_sandbox_note, MG, SANDBOX_NOTE, GtkBox)

/**
 * mg_sandbox_note_set_command:
 * @self: a note
 * @values: the keys the command sets
 * @persist: whether the command also keeps them after a restart
 *
 * Shows mg_helper_client_host_command_values() for @values under the explanation; with no
 * key set, the explanation alone.
 */
void mg_sandbox_note_set_command (MgSandboxNote        *self,
                                  const MgSysctlValues *values,
                                  gboolean              persist);

/**
 * mg_sandbox_note_get_command:
 * @self: a note
 *
 * Returns: (transfer none): the command shown
 */
const char *mg_sandbox_note_get_command (MgSandboxNote *self);

G_END_DECLS
