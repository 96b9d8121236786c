/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessBoot: what swappiness will be after a restart (and which file overrides ours),
 * or, in a sandbox, the command to run outside it. */
#pragma once

#include <gtk/gtk.h>

#include "mg-sysctl-scan.h"

G_BEGIN_DECLS

#define MG_TYPE_SWAPPINESS_BOOT (mg_swappiness_boot_get_type ())
G_DECLARE_FINAL_TYPE (MgSwappinessBoot, mg_swappiness_boot, MG, SWAPPINESS_BOOT, GtkBox)

/**
 * mg_swappiness_boot_rescan:
 * @self: a boot section
 *
 * Reads the sysctl files again (mg_swappiness_scan_sysctl()) and shows what they say.
 */
void                    mg_swappiness_boot_rescan        (MgSwappinessBoot *self);

/**
 * mg_swappiness_boot_set_root:
 * @self: a boot section
 * @root: (nullable): a directory standing in for `/` (tests), or %NULL for `/`
 *
 * Where the sysctl files are looked for; rescans when it changes.
 */
void                    mg_swappiness_boot_set_root      (MgSwappinessBoot *self,
                                                          const char       *root);
const char             *mg_swappiness_boot_get_root      (MgSwappinessBoot *self);

/* The last scan; never %NULL. */
const MgSwappinessScan *mg_swappiness_boot_get_scan      (MgSwappinessBoot *self);

/**
 * mg_swappiness_boot_set_sandboxed:
 * @self: a boot section
 * @sandboxed: whether MemGauge runs in a Flatpak sandbox
 *
 * In a sandbox /etc is the runtime's, so the section shows the command to run outside it
 * (mg_swappiness_boot_set_command()) instead of what the files say.
 */
void                    mg_swappiness_boot_set_sandboxed (MgSwappinessBoot *self,
                                                          gboolean          sandboxed);

/* The command shown in a sandbox, for @value and "Keep After Restart". */
void                    mg_swappiness_boot_set_command   (MgSwappinessBoot *self,
                                                          guint             value,
                                                          gboolean          persist);

G_END_DECLS
