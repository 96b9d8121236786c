/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPreferencesWindow: every setting a person can change, bound live to GSettings. */
#pragma once

#include <gtk/gtk.h>

#include "mg-autostart.h"
#include "mg-monitor.h"
#include "mg-tuning-page.h"
#include "mg-machines-page.h"

G_BEGIN_DECLS

#define MG_TYPE_PREFERENCES_WINDOW (mg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MgPreferencesWindow, mg_preferences_window, MG, PREFERENCES_WINDOW,
                      GtkApplicationWindow)

/**
 * mg_preferences_window_new:
 * @app: (nullable): the application the window belongs to
 * @settings: the application's settings; every control is bound to one of its keys
 * @autostart: "Start at Login", read back from the autostart file
 * @monitor: the local monitor, for the Kernel section (mg_tuning_page_new())
 *
 * Three sections, General, Alerts and Kernel, in a stack switched from the header bar.
 * A change applies at once, and a change made elsewhere (`gsettings set`, the tray menu,
 * another tool editing the autostart file) shows at once. The level thresholds stay
 * ordered (high < medium < low): each one's range follows its neighbours.
 * Closing the window (Escape, the close button) destroys it.
 *
 * Returns: (transfer none): a new window, not yet shown, owned by GTK's toplevel list
 */
MgPreferencesWindow *mg_preferences_window_new                 (GtkApplication      *app,
                                                                GSettings           *settings,
                                                                MgAutostart         *autostart,
                                                                MgMonitor           *monitor);

/**
 * mg_preferences_window_set_section:
 * @self: a window
 * @name: "general", "alerts" or "kernel"
 *
 * Shows that section, as clicking its button in the header bar would.
 */
void                 mg_preferences_window_set_section         (MgPreferencesWindow *self,
                                                                const char          *name);
const char          *mg_preferences_window_get_section         (MgPreferencesWindow *self);

/**
 * mg_preferences_window_restore_alert_defaults:
 * @self: a window
 *
 * What "Restore Defaults" does: resets every key the Alerts section shows (and the
 * hysteresis margin) in an order that keeps the thresholds ordered at every step.
 */
void                 mg_preferences_window_restore_alert_defaults (MgPreferencesWindow *self);

MgTuningPage        *mg_preferences_window_get_tuning_page     (MgPreferencesWindow *self);
MgMachinesPage      *mg_preferences_window_get_machines_page   (MgPreferencesWindow *self);

G_END_DECLS
