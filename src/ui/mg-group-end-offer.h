/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-end-offer: "End “Firefox”" on the critical notification, and app.end-group. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * mg_group_end_offer_install:
 * @app: the application
 *
 * Adds the action `app.end-group` (a string target: a group's path), which asks
 * whether to end that group (mg_group_end_dialog_run_for_path()), to @app once.
 */
void mg_group_end_offer_install (GApplication  *app);

/**
 * mg_group_end_offer_send:
 * @app: the application
 * @id: the notification's id
 * @notification: the critical notification
 *
 * Finds, in a worker thread, the largest app or container of the user's that may be
 * ended (mg_group_end_check()), then sends @notification under @id, with a button
 * "End “NAME”" for `app.end-group` when there is one, as it is when there is none or
 * the scan failed. Nothing is sent when mg_group_end_offer_cancel() (or another call)
 * came first.
 */
void mg_group_end_offer_send    (GApplication  *app,
                                 const char    *id,
                                 GNotification *notification);

/* Forgets an offer still being looked for: the notification was withdrawn. */
void mg_group_end_offer_cancel  (GApplication  *app);

G_END_DECLS
