/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swappiness-host: what the running system allows for swappiness (kernel range, sandbox). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MG_SWAPPINESS_FLATPAK_INFO:
 *
 * The file Flatpak puts at the root of every sandbox.
 */
#define MG_SWAPPINESS_FLATPAK_INFO "/.flatpak-info"

/**
 * mg_swappiness_max_for_release:
 * @release: (nullable): a kernel release as `uname -r` prints it, such as "6.1.0-18-amd64"
 *
 * The largest swappiness the kernel of that release accepts: 200 from Linux 5.8, 100 before.
 * A release that does not start with "MAJOR.MINOR" gives 200: the kernel then has the last
 * word, and the dialog explains its refusal.
 *
 * Returns: 100 or 200
 */
guint    mg_swappiness_max_for_release (const char *release);

/**
 * mg_swappiness_kernel_max:
 *
 * mg_swappiness_max_for_release() for the running kernel, from uname().
 *
 * Returns: 100 or 200
 */
guint    mg_swappiness_kernel_max      (void);

/**
 * mg_swappiness_in_flatpak:
 * @flatpak_info: (nullable): the file to look for; %NULL for #MG_SWAPPINESS_FLATPAK_INFO
 *
 * Inside a Flatpak sandbox pkexec cannot reach the host, so the app can only show the value
 * and tell the person what to run on the host. Tests pass a path of their own.
 *
 * Returns: %TRUE when @flatpak_info exists
 */
gboolean mg_swappiness_in_flatpak      (const char *flatpak_info);

G_END_DECLS
