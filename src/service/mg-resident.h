/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-resident: keeps the sampling process's pages in RAM, so it samples on time while the
 * machine thrashes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * mg_resident_lock:
 *
 * For the long-running modes (the tray app, `--follow`): locks the pages the process has
 * touched and will touch, as they are touched (`mlockall (MCL_CURRENT | MCL_FUTURE |
 * MCL_ONFAULT)`), when the process may lock that much: with `CAP_IPC_LOCK` or an unlimited
 * `RLIMIT_MEMLOCK`. Under a limit (8 MiB for users on Debian) it locks nothing, since
 * MCL_FUTURE would make later allocations fail once the limit is reached. Says what it did
 * in one debug line; never fails. #MG_MLOCK_ENV set to `0` turns it off.
 *
 * Returns: %TRUE if the pages are locked
 */
gboolean mg_resident_lock (void);

G_END_DECLS
