/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTray: the panel icon and its menu; the only user of the AppIndicator API. */
#pragma once

#include <gio/gio.h>

#include "mg-autostart.h"
#include "mg-monitor.h"
#include "mg-remote-fleet.h"

G_BEGIN_DECLS

#define MG_TYPE_TRAY (mg_tray_get_type ())
G_DECLARE_FINAL_TYPE (MgTray, mg_tray, MG, TRAY, GObject)

/**
 * mg_tray_new:
 * @app: the application whose actions the menu activates
 * @monitor: the model the icon follows
 * @autostart: the "Start at Login" state
 *
 * The same as g_object_new() with the construct-only properties #MgTray:application (not
 * referenced), #MgTray:monitor and #MgTray:autostart, all required.
 *
 * Returns: (transfer full): the tray icon; #MgTray:embedded says whether a panel
 *   (a StatusNotifierWatcher) shows it
 */
MgTray   *mg_tray_new                  (GApplication *app,
                                        MgMonitor    *monitor,
                                        MgAutostart  *autostart);
gboolean  mg_tray_get_embedded         (MgTray       *self);
gboolean  mg_tray_get_host_known       (MgTray       *self);
void      mg_tray_set_show_percentage  (MgTray       *self,
                                        gboolean      show);

/**
 * mg_tray_set_fleet:
 * @self: a tray
 * @fleet: the remote machines (referenced)
 * @settings: the app's settings, for `tray-shows` (referenced)
 *
 * Once: from now on the tooltip names the worst machine while there are remote machines,
 * and with `tray-shows` "worst" the icon shows the worst level of this machine and them.
 */
void      mg_tray_set_fleet            (MgTray        *self,
                                        MgRemoteFleet *fleet,
                                        GSettings     *settings);

G_END_DECLS
