/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessStatus: the swappiness panel's busy spinner and the outcome of the last Apply. */
#pragma once

#include <gtk/gtk.h>

#include "mg-helper-client.h"

G_BEGIN_DECLS

#define MG_TYPE_SWAPPINESS_STATUS (mg_swappiness_status_get_type ())
G_DECLARE_FINAL_TYPE (MgSwappinessStatus, mg_swappiness_status, MG, SWAPPINESS_STATUS, GtkBox)

/**
 * mg_swappiness_status_set_busy:
 * @self: a status area
 * @busy: whether pkexec and the helper are running
 *
 * Shows a turning spinner and a line asking for the password while @busy; hides the last
 * outcome when it becomes busy.
 */
void        mg_swappiness_status_set_busy     (MgSwappinessStatus   *self,
                                               gboolean              busy);

/**
 * mg_swappiness_status_show_outcome:
 * @self: a status area
 * @outcome: what happened, as confirmed against the kernel
 * @severity: how it is shown: icon, colour and message type
 * @message: the words a person reads
 *
 * Shows @message in a bar with an icon coloured for @severity and remembers @outcome.
 */
void        mg_swappiness_status_show_outcome (MgSwappinessStatus   *self,
                                               MgSwappinessOutcome   outcome,
                                               MgSwappinessSeverity  severity,
                                               const char           *message);

/* %TRUE once an outcome was shown; @out_outcome (optional) receives it. */
gboolean    mg_swappiness_status_get_outcome  (MgSwappinessStatus   *self,
                                               MgSwappinessOutcome  *out_outcome);
/* The message of the last outcome, or %NULL. */
const char *mg_swappiness_status_get_message  (MgSwappinessStatus   *self);

G_END_DECLS
