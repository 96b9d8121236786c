/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-tray-fleet: what the tray says about the remote machines: the level its icon shows
 * and the tooltip's line naming the worst machine. */
#pragma once

#include "mg-monitor.h"
#include "mg-remote-fleet.h"

G_BEGIN_DECLS

/**
 * mg_tray_fleet_level:
 * @local: this machine's monitor
 * @fleet: (nullable): the remote machines
 * @worst: whether the icon shows the worst machine (`tray-shows` is "worst")
 *
 * Returns: @local's level, or with @worst the worst of it and every machine of @fleet
 *   as mg_remote_fleet_rank() orders them (this machine wins a tie)
 */
MgLevel  mg_tray_fleet_level    (MgMonitor     *local,
                                 MgRemoteFleet *fleet,
                                 gboolean       worst);

/**
 * mg_tray_fleet_describe:
 * @local: this machine's monitor
 * @fleet: (nullable): the remote machines
 *
 * Returns: (transfer full) (nullable): the tooltip's line that names the worst machine,
 *   such as "Worst: build-box, 91 % of memory used (critical)"; %NULL when there is no
 *   remote machine
 */
char    *mg_tray_fleet_describe (MgMonitor     *local,
                                 MgRemoteFleet *fleet);

G_END_DECLS
