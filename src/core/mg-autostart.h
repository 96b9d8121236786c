/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgAutostart: "Start at Login", backed by a file in the user's autostart folder. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MG_TYPE_AUTOSTART (mg_autostart_get_type ())
G_DECLARE_FINAL_TYPE (MgAutostart, mg_autostart, MG, AUTOSTART, GObject)

/**
 * mg_autostart_new:
 * @exec: the command line the session should run at login
 *
 * The same as g_object_new() with the construct-only #MgAutostart:exec, which defaults to
 * `memgauge`, the installed command.
 *
 * Returns: (transfer full): an object whose #MgAutostart:enabled property follows the
 *   file `$XDG_CONFIG_HOME/autostart/<application id>.desktop`, also when something
 *   else changes it
 */
MgAutostart *mg_autostart_new         (const char   *exec);

/* Returns: (transfer full): what the session should run for this very program:
 *   `memgauge` when it is the installed one (in BINDIR), else its full path (a build tree) */
char        *mg_autostart_exec_of_self (void);
gboolean     mg_autostart_get_enabled (MgAutostart  *self);
gboolean     mg_autostart_set_enabled (MgAutostart  *self,
                                       gboolean      enabled,
                                       GError      **error);
const char  *mg_autostart_get_path    (MgAutostart  *self);

G_END_DECLS
