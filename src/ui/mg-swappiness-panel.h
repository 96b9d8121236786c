/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessPanel: the swappiness controls and the privileged Apply, for any container. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"
#include "mg-helper-client.h"
#include "mg-sysctl-scan.h"

G_BEGIN_DECLS

#define MG_TYPE_SWAPPINESS_PANEL (mg_swappiness_panel_get_type ())
G_DECLARE_FINAL_TYPE (MgSwappinessPanel, mg_swappiness_panel, MG, SWAPPINESS_PANEL, GtkBox)

/**
 * mg_swappiness_panel_new:
 * @monitor: (nullable): the model whose samples give the live value
 *
 * The panel starts at the live value, with a range up to the running kernel's maximum, and
 * is read-only with the host command to run when MemGauge runs in a Flatpak sandbox.
 * It does not assume a dialog around it: the container calls mg_swappiness_panel_apply(),
 * follows #MgSwappinessPanel:can-apply and listens to #MgSwappinessPanel::applied.
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget   *mg_swappiness_panel_new            (MgMonitor          *monitor);

void         mg_swappiness_panel_set_monitor    (MgSwappinessPanel  *self,
                                                 MgMonitor          *monitor);
MgMonitor   *mg_swappiness_panel_get_monitor    (MgSwappinessPanel  *self);

/**
 * mg_swappiness_panel_apply:
 * @self: a panel
 *
 * Runs `pkexec HELPER VALUE [--persist]` without blocking, with the value and the "Keep After
 * Restart" state shown, unless #MgSwappinessPanel:can-apply is %FALSE. While it runs,
 * #MgSwappinessPanel:busy is %TRUE and a spinner turns; at the end the panel shows what
 * happened and emits #MgSwappinessPanel::applied.
 */
void         mg_swappiness_panel_apply          (MgSwappinessPanel  *self);

gboolean     mg_swappiness_panel_get_busy       (MgSwappinessPanel  *self);
gboolean     mg_swappiness_panel_get_can_apply  (MgSwappinessPanel  *self);

guint        mg_swappiness_panel_get_value      (MgSwappinessPanel  *self);
void         mg_swappiness_panel_set_value      (MgSwappinessPanel  *self,
                                                 guint               value);
gboolean     mg_swappiness_panel_get_persist    (MgSwappinessPanel  *self);
void         mg_swappiness_panel_set_persist    (MgSwappinessPanel  *self,
                                                 gboolean            persist);
void         mg_swappiness_panel_set_maximum    (MgSwappinessPanel  *self,
                                                 guint               maximum);
void         mg_swappiness_panel_set_sandboxed  (MgSwappinessPanel  *self,
                                                 gboolean            sandboxed);

/**
 * mg_swappiness_panel_set_sysctl_root:
 * @self: a panel
 * @root: (nullable): a directory standing in for `/` when looking for sysctl files (tests);
 *   %NULL for `/`
 *
 * Where mg_swappiness_scan_sysctl() looks for the persisted value and overriding files.
 */
void         mg_swappiness_panel_set_sysctl_root (MgSwappinessPanel *self,
                                                  const char        *root);

/**
 * mg_swappiness_panel_get_outcome:
 * @self: a panel
 * @out_outcome: (out) (optional): the outcome of the last Apply
 *
 * Returns: %TRUE when an Apply has finished since the panel was created
 */
gboolean     mg_swappiness_panel_get_outcome    (MgSwappinessPanel   *self,
                                                 MgSwappinessOutcome *out_outcome);

/**
 * mg_swappiness_panel_get_message:
 * @self: a panel
 *
 * Returns: (nullable): the message shown for the last Apply, or %NULL
 */
const char  *mg_swappiness_panel_get_message    (MgSwappinessPanel  *self);

G_END_DECLS
