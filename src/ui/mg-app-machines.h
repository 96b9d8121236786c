/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-app-machines: what the app does for remote machines: the fleet, its credentials, its
 * notifications, the tray's worst level and the `app.show-machine` action. */
#pragma once

#include <gtk/gtk.h>

#include "mg-remote-fleet.h"
#include "mg-tray.h"

G_BEGIN_DECLS

/**
 * mg_app_machines_start:
 * @app: the application
 * @settings: its settings (`remote-sources` and the level keys)
 * @test_interval_ms: MEMGAUGE_TEST_INTERVAL_MS, or 0
 *
 * Makes the fleet, answers its requests for credentials from the Secret Service, adds
 * `app.show-machine` (a machine's id: opens its gauge, or this machine's when it is gone)
 * and starts polling.
 *
 * Returns: (transfer full): the fleet
 */
MgRemoteFleet *mg_app_machines_start (GApplication *app,
                                      GSettings    *settings,
                                      guint         test_interval_ms);

/* Sends the remote machines' notifications and lets the tray show the worst of them. */
void           mg_app_machines_show  (GApplication  *app,
                                      MgRemoteFleet *fleet,
                                      MgTray        *tray,
                                      GSettings     *settings);

G_END_DECLS
