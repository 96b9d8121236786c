/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineNotifier: notifications about the remote machines: their pressure, and when
 * one does not answer and answers again. */
#pragma once

#include <gio/gio.h>

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

#define MG_TYPE_MACHINE_NOTIFIER (mg_machine_notifier_get_type ())
G_DECLARE_FINAL_TYPE (MgMachineNotifier, mg_machine_notifier, MG, MACHINE_NOTIFIER, GObject)

/* Each machine's notification id is this followed by its id (DESIGN.md "Notifications"). */
#define MG_MACHINE_NOTIFIER_ID_PREFIX "host-"

/**
 * mg_machine_notifier_attach:
 * @app: the application that sends the notifications and whose actions they name
 * @fleet: the remote machines
 * @settings: the app's settings: `notify-on-high`, `notify-on-critical`,
 *   `renotify-minutes` and `snooze-until` as for this machine (mg-notify-rules.h, one set
 *   of rules per machine), and `unreachable-minutes`
 *
 * Creates the notifier and ties it to @app: at @app's "shutdown" it withdraws its
 * notifications and lets go of @fleet (before the app drops its own reference). After
 * each poll of a machine it applies the rules; a machine that leaves the fleet has its
 * notification withdrawn.
 */
void mg_machine_notifier_attach (GApplication  *app,
                                 MgRemoteFleet *fleet,
                                 GSettings     *settings);

G_END_DECLS
