/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgRemoteFleet: the remote machines of the `remote-sources` setting, each a monitor of its
 * own, polled at its source's interval. */
#pragma once

#include <gio/gio.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

#define MG_TYPE_REMOTE_MACHINE (mg_remote_machine_get_type ())
G_DECLARE_FINAL_TYPE (MgRemoteMachine, mg_remote_machine, MG, REMOTE_MACHINE, GObject)

/**
 * MgRemoteMachine:
 *
 * One remote machine: a node_exporter source, or one `instance` of a Prometheus server.
 * Its #MgMonitor applies the same level rule, thresholds and hysteresis as this machine's
 * and keeps its own history; while the machine does not answer, the monitor's level is
 * %MG_LEVEL_UNKNOWN and its reason says why in words. The monitor has no clock of its own:
 * the fleet polls the source and hands each answer to it (mg_monitor_sample_now()).
 * #MgMonitor::sample-updated and `notify::level` on the monitor are the signals to follow.
 */

/* Stable across runs while the setting keeps the source: "<source id>" for node_exporter,
 * "<source id>/<instance>" for a machine of a Prometheus server. The notification id is
 * "host-" followed by it. */
const char  *mg_remote_machine_get_id            (MgRemoteMachine *self);
/* The name shown: the source's name for node_exporter, the instance for Prometheus. */
const char  *mg_remote_machine_get_name          (MgRemoteMachine *self);
const char  *mg_remote_machine_get_source_id     (MgRemoteMachine *self);
/* The URL of the source (without a password), for a tooltip or the machine's gauge. */
const char  *mg_remote_machine_get_url           (MgRemoteMachine *self);
MgMonitor   *mg_remote_machine_get_monitor       (MgRemoteMachine *self);
/* Wall-clock time (g_get_real_time()) of the last good sample; 0 before the first. */
gint64       mg_remote_machine_get_last_contact  (MgRemoteMachine *self);
/* Monotonic time (g_get_monotonic_time()) of the first failed poll of the current run of
 * failures; 0 while the last poll answered. */
gint64       mg_remote_machine_get_failing_since (MgRemoteMachine *self);

#define MG_TYPE_REMOTE_FLEET (mg_remote_fleet_get_type ())
G_DECLARE_FINAL_TYPE (MgRemoteFleet, mg_remote_fleet, MG, REMOTE_FLEET, GObject)

/* The poll interval's bounds and default, in seconds (as the `remote-sources` setting). */
#define MG_REMOTE_INTERVAL_MIN 5
#define MG_REMOTE_INTERVAL_MAX 600
#define MG_REMOTE_INTERVAL_DEFAULT 15

/**
 * mg_remote_fleet_new:
 * @settings: the app's settings: `remote-sources` says what to poll; the level keys
 *   (`low-threshold`, `medium-threshold`, `high-threshold`, `hysteresis-margin`,
 *   `psi-raises-level`) are bound to every machine's monitor
 *
 * Follows `remote-sources` live: a source added starts polling, one removed stops at once
 * (its request cancelled) and its machines leave the list; one whose URL, credentials,
 * certificate or interval changed starts again. Polls nothing before mg_remote_fleet_start().
 *
 * Returns: (transfer full): the fleet
 */
MgRemoteFleet *mg_remote_fleet_new                (GSettings     *settings);
void           mg_remote_fleet_start              (MgRemoteFleet *self);
void           mg_remote_fleet_stop               (MgRemoteFleet *self);

/**
 * mg_remote_fleet_get_machines:
 * @self: a fleet
 *
 * The machines, sorted by name (then id). A node_exporter source gives its machine at
 * once; a Prometheus server's machines appear with its first answer (until then, or when
 * the server itself cannot be reached, one machine named after the source stands for it,
 * with id "<source id>" and the server's error). A machine Prometheus no longer reports
 * leaves the list.
 *
 * Returns: (transfer none): a #GListModel of #MgRemoteMachine
 */
GListModel    *mg_remote_fleet_get_machines       (MgRemoteFleet *self);

/**
 * mg_remote_fleet_get_worst:
 * @self: a fleet
 *
 * Returns: (transfer none) (nullable): the machine with the highest level (unknown counts
 *   above critical only when no machine is at critical: see mg_remote_fleet_rank());
 *   %NULL when there is no machine
 */
MgRemoteMachine *mg_remote_fleet_get_worst        (MgRemoteFleet *self);

/**
 * mg_remote_fleet_rank:
 * @level: a level
 *
 * Returns: how bad @level is, for choosing the worst machine: low 0, medium 1, unknown 2
 *   (a machine that does not answer deserves a look, but less than one that is full),
 *   high 3, critical 4
 */
guint          mg_remote_fleet_rank               (MgLevel        level);

/**
 * mg_remote_fleet_set_authorization:
 * @self: a fleet
 * @source_id: a source whose credentials are not "" in `remote-sources`
 * @authorization: (nullable): the `Authorization` header's value (`Basic …`, `Bearer …`),
 *   or %NULL when none could be found
 *
 * Hands over a source's credentials, looked up in the Secret Service by whoever answers
 * #MgRemoteFleet::credentials-needed. A source with credentials waits for them before its
 * first poll (its machine unknown, "Waiting for the password from the keyring"); with
 * %NULL it polls without, and the server says what is missing.
 */
void           mg_remote_fleet_set_authorization  (MgRemoteFleet *self,
                                                   const char    *source_id,
                                                   const char    *authorization);

/**
 * mg_remote_fleet_poll_now:
 * @self: a fleet
 *
 * Polls every source soon (on the next main-loop iteration) unless a poll of it is in
 * flight, for a view that has just become visible; each source's timer keeps its phase.
 */
void           mg_remote_fleet_poll_now           (MgRemoteFleet *self);

/* Tests: poll every @milliseconds instead of each source's interval (0: back to it). */
void           mg_remote_fleet_set_test_interval_ms (MgRemoteFleet *self,
                                                     guint          milliseconds);

/**
 * MgRemoteFleet::credentials-needed:
 * @fleet: the fleet
 * @source_id: the source's id
 * @kind: "basic" or "bearer"
 *
 * A source with credentials was added, or its settings changed: answer with
 * mg_remote_fleet_set_authorization(). The sources already in the setting when the fleet
 * is made are announced before anyone can connect: whoever answers looks those up when it
 * connects (as mg_machine_credentials_attach() does).
 */

/**
 * MgRemoteFleet::machine-polled:
 * @fleet: the fleet
 * @machine: the machine
 *
 * After each poll's result reached @machine's monitor (good or failed), once per machine
 * per poll; `sample-updated` has been emitted on the monitor before. For views that show
 * the last contact or the failing time.
 */

G_END_DECLS
