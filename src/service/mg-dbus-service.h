/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgDbusService: a monitor's state as the read-only io.github.memgauge.MemGauge1 API. */
#pragma once

#include <gio/gio.h>

#include "mg-dbus-generated.h"
#include "mg-monitor.h"

G_BEGIN_DECLS

/* The object path the app exports the interface at. */
#define MG_DBUS_OBJECT_PATH "/io/github/memgauge/MemGauge"

#define MG_TYPE_DBUS_SERVICE (mg_dbus_service_get_type ())
G_DECLARE_FINAL_TYPE (MgDbusService, mg_dbus_service, MG, DBUS_SERVICE, GObject)

/**
 * mg_dbus_service_new:
 *
 * Returns: (transfer full): a service whose properties say "unknown: not sampled yet"
 *   until a monitor is set
 */
MgDbusService    *mg_dbus_service_new           (void);

/**
 * mg_dbus_service_set_monitor:
 * @self: a service
 * @monitor: (nullable): the monitor whose samples the properties follow
 *
 * Takes the monitor's current state at once, then follows its #MgMonitor::sample-updated.
 * A property is set only when its value changed, so an exported service sends one
 * PropertiesChanged per sample that changed something (from the skeleton's idle, in the
 * same main-loop wakeup as the sample), holding only what changed.
 */
void              mg_dbus_service_set_monitor   (MgDbusService   *self,
                                                 MgMonitor       *monitor);

/**
 * mg_dbus_service_export:
 * @self: a service
 * @connection: the bus
 * @error: return location for a #GError
 *
 * Exports the interface at %MG_DBUS_OBJECT_PATH on @connection.
 *
 * Returns: %TRUE on success
 */
gboolean          mg_dbus_service_export        (MgDbusService   *self,
                                                 GDBusConnection *connection,
                                                 GError         **error);
void              mg_dbus_service_unexport      (MgDbusService   *self);

/**
 * mg_dbus_service_get_interface:
 * @self: a service
 *
 * The interface object, exported or not: `--follow` reads its own monitor through it
 * as it reads the app's through a proxy.
 *
 * Returns: (transfer none): the skeleton as #MgDbusMemGauge1
 */
MgDbusMemGauge1  *mg_dbus_service_get_interface (MgDbusService   *self);

G_END_DECLS
