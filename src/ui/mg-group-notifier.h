/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupNotifier: notifications that name the group: near its limit, OOM kills, leaks. */
#pragma once

#include <gio/gio.h>

#include "mg-group-watch.h"
#include "mg-monitor.h"
#include "mg-notifier.h"

G_BEGIN_DECLS

#define MG_TYPE_GROUP_NOTIFIER (mg_group_notifier_get_type ())
G_DECLARE_FINAL_TYPE (MgGroupNotifier, mg_group_notifier, MG, GROUP_NOTIFIER, GObject)

/**
 * mg_group_notifier_new:
 * @app: sends the notifications (held weakly)
 * @monitor: the local monitor; its source carries the watch's sample hook
 * @notifier: the machine's notifier, whose OOM notification learns which kills were a
 *   limited group's own
 * @settings: the app's settings (group-limit-percent, notify-on-leaks)
 * @cgroup_root: where the control groups are (mg_env_get_cgroup_root())
 *
 * Makes the cgroup walker, a #MgGroupScanner and the #MgGroupWatch, and turns the
 * watch's findings into notifications with the id `group-<hash of the path>` (near the
 * limit, OOM at the limit), `oom` (a machine OOM kill named) and `leak-<hash>`.
 *
 * Returns: (transfer full): the group notifier
 */
MgGroupNotifier *mg_group_notifier_new         (GApplication    *app,
                                                MgMonitor       *monitor,
                                                MgNotifier      *notifier,
                                                GSettings       *settings,
                                                const char      *cgroup_root);

/* The scanner of the watch, for views that show groups (one walk for both). */
MgGroupScanner  *mg_group_notifier_get_scanner (MgGroupNotifier *self);
MgGroupWatch    *mg_group_notifier_get_watch   (MgGroupNotifier *self);

G_END_DECLS
