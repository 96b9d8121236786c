/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPaceWatch: what makes the local monitor sample sooner or later: PSI trigger, power profile. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

#define MG_TYPE_PACE_WATCH (mg_pace_watch_get_type ())
G_DECLARE_FINAL_TYPE (MgPaceWatch, mg_pace_watch, MG, PACE_WATCH, GObject)

/**
 * mg_pace_watch_new:
 * @monitor: the local monitor, over a #MgSourceProcfs
 * @settings: (nullable): the app's settings, whose `slower-in-power-saver` key is bound
 *   to the property of that name
 *
 * Arms a PSI trigger on `pressure/memory` below the source's root that makes @monitor
 * sample at once when stalls start (where the kernel allows one), and follows the
 * system's power profile: in power-saver mode, while #MgPaceWatch:slower-in-power-saver
 * is set, the monitor's calm interval doubles.
 *
 * Returns: (transfer full): the watch
 */
MgPaceWatch *mg_pace_watch_new (MgMonitor  *monitor,
                                GSettings  *settings);

/* Whether a PSI trigger is armed (tests and debugging). */
gboolean     mg_pace_watch_has_psi_trigger (MgPaceWatch *self);

G_END_DECLS
