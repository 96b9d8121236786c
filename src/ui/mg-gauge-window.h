/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGaugeWindow: the popup a person opens to understand the tray icon. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"
#include "mg-group-watch.h"
#include "mg-process-scanner.h"
#include "mg-remote-fleet.h"

G_BEGIN_DECLS

#define MG_TYPE_GAUGE_WINDOW (mg_gauge_window_get_type ())
G_DECLARE_FINAL_TYPE (MgGaugeWindow, mg_gauge_window, MG, GAUGE_WINDOW, GtkApplicationWindow)

/**
 * mg_gauge_window_new:
 * @app: (nullable): the application, for `app.swappiness`
 * @monitor: the model to show
 * @scanner: the largest consumers' scanner; the window asks it for a scan when shown and
 *   at each sample while visible (it keeps its own minimum interval), never while hidden
 * @settings: the application's settings (gauge-width, gauge-height, history-range)
 *
 * The window follows @monitor only while it is mapped, and asks it for a fresh sample
 * (mg_monitor_request_sample()) each time it is shown; closing it hides it (Escape, the
 * close button), so that it can be presented again as it was.
 *
 * Returns: (transfer none): a new hidden window, owned by GTK's toplevel list
 */
MgGaugeWindow *mg_gauge_window_new           (GtkApplication   *app,
                                              MgMonitor        *monitor,
                                              MgProcessScanner *scanner,
                                              GSettings        *settings);

/* The app's group watch, for the leak hint in "Apps and Containers". */
void           mg_gauge_window_set_group_watch (MgGaugeWindow *self,
                                                MgGroupWatch  *watch);

/* The remote machines: a page "Machines" beside the consumers while @fleet has one. */
void           mg_gauge_window_set_fleet       (MgGaugeWindow *self,
                                                MgRemoteFleet *fleet);

/* Tests: refreshes from the monitor and finished process scans so far. */
guint          mg_gauge_window_get_n_updates (MgGaugeWindow  *self);
guint          mg_gauge_window_get_n_scans   (MgGaugeWindow  *self);

G_END_DECLS
