/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgNotifier: desktop notifications on high and critical pressure and on OOM kills. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

#define MG_TYPE_NOTIFIER (mg_notifier_get_type ())
G_DECLARE_FINAL_TYPE (MgNotifier, mg_notifier, MG, NOTIFIER, GObject)

/* Notification ids: each kind replaces its own previous notification. */
#define MG_NOTIFIER_ID_PRESSURE "pressure"
#define MG_NOTIFIER_ID_OOM "oom"

/**
 * mg_notifier_new:
 * @app: the application that sends the notifications and owns their actions
 *   (`app.show-gauge`, `app.snooze-notifications`); not referenced, it must outlive
 *   the notifier
 * @monitor: the model whose level and samples are followed
 *
 * The same as g_object_new() with the construct-only properties #MgNotifier:application
 * and #MgNotifier:monitor, both required. The notifier follows the monitor's
 * #MgMonitor::sample-updated only. The rules are in mg-notify-rules.h; the properties
 * #MgNotifier:notify-on-high, #MgNotifier:notify-on-critical, #MgNotifier:renotify-minutes and
 * #MgNotifier:snooze-until are meant to be bound to the GSettings keys of the same
 * names.
 *
 * Returns: (transfer full): a notifier, already listening
 */
MgNotifier *mg_notifier_new (GApplication *app,
                             MgMonitor    *monitor);

/* Given the kills of a machine OOM notification about to be sent, returns how many the
 * generic notification should still announce (0: the hook announced them itself). */
typedef guint64 (*MgNotifierOomHook) (guint64  kills,
                                      gpointer user_data);

/* One hook (mg-group-notifier.c: kills inside limited groups are theirs). */
void        mg_notifier_set_oom_hook (MgNotifier        *self,
                                      MgNotifierOomHook  hook,
                                      gpointer           user_data);

G_END_DECLS
