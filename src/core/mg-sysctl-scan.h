/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-scan: which sysctl.d files set a vm key at boot, as systemd-sysctl reads them. */
#pragma once

#include <glib.h>

#include "mg-helper-protocol.h"

G_BEGIN_DECLS

/**
 * MgSwappinessSource:
 * @path: a sysctl file that assigns `vm.swappiness` (below the root given to the scan)
 * @value: the last value it assigns, as written, surrounding whitespace removed
 *
 * One file that sets `vm.swappiness`.
 */
typedef struct {
  char *path;
  char *value;
} MgSwappinessSource;

/**
 * MgSwappinessScan:
 * @sources: (element-type MgSwappinessSource): the files that assign `vm.swappiness`, in the
 *   order systemd-sysctl applies them; the last one wins at boot
 * @winner: (nullable): the last element of @sources, or %NULL when no file sets it
 * @persisted: (nullable): our own `/etc/sysctl.d/99-memgauge.conf` (or the old helper's
 *   `99-memgauge-swappiness.conf`, until the next persist moves it), when it sets the value
 * @overridden_by: (nullable): the last file applied after ours, that is, the file whose value
 *   wins at boot over anything MemGauge persists; %NULL when ours would win
 *
 * The result of mg_swappiness_scan_sysctl(). The pointers other than @sources point into
 * @sources.
 */
typedef struct {
  GPtrArray *sources;
  const MgSwappinessSource *winner;
  const MgSwappinessSource *persisted;
  const MgSwappinessSource *overridden_by;
} MgSwappinessScan;

void mg_swappiness_scan_free (MgSwappinessScan *scan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSwappinessScan, mg_swappiness_scan_free)

/**
 * mg_swappiness_scan_sysctl:
 * @root: (nullable): a directory standing in for `/` in tests, or %NULL for `/`
 *
 * Lists the sysctl files that set `vm.swappiness` the way systemd-sysctl reads them: every
 * `*.conf` in `/etc/sysctl.d`, `/run/sysctl.d`, `/usr/local/lib/sysctl.d`, `/usr/lib/sysctl.d`
 * and `/lib/sysctl.d`, sorted by file name regardless of directory, a name in an earlier
 * directory hiding the same name in later ones, each applied in turn so the last assignment
 * wins. systemd-sysctl does not read `/etc/sysctl.conf` itself; distributions link it as
 * `/etc/sysctl.d/99-sysctl.conf` (Debian does), which sorts after
 * #MG_SYSCTL_CONF_NAME and so overrides it. Unreadable files are skipped.
 *
 * Returns: (transfer full): the scan, never %NULL
 */
MgSwappinessScan *mg_swappiness_scan_sysctl (const char *root);

/**
 * mg_sysctl_scan_key:
 * @root: (nullable): as for mg_swappiness_scan_sysctl()
 * @key: the key to look for
 *
 * mg_swappiness_scan_sysctl() for any key of the helper's table: the sources are the files
 * that assign @key.
 *
 * Returns: (transfer full): the scan, never %NULL
 */
MgSwappinessScan *mg_sysctl_scan_key (const char  *root,
                                      MgSysctlKey  key);

/**
 * mg_swappiness_scan_display_path:
 * @root: (nullable): the root given to mg_swappiness_scan_sysctl()
 * @path: a path from the scan
 *
 * Returns: (transfer none): @path as it is on the system, without @root (a pointer into @path)
 */
const char *mg_swappiness_scan_display_path (const char *root,
                                             const char *path);

/**
 * mg_swappiness_scan_describe_boot:
 * @scan: a scan
 * @root: (nullable): the root given to mg_swappiness_scan_sysctl()
 * @out_path: (out) (transfer none) (nullable): the file the sentence refers to, to show on
 *   a line of its own, or %NULL
 *
 * Returns: (transfer full): a translated sentence saying which value applies after a restart
 */
char *mg_swappiness_scan_describe_boot (const MgSwappinessScan  *scan,
                                        const char              *root,
                                        const char             **out_path);

/**
 * mg_swappiness_scan_describe_override:
 * @scan: a scan
 * @root: (nullable): the root given to mg_swappiness_scan_sysctl()
 *
 * Returns: (transfer full) (nullable): a translated warning naming the file whose value wins
 *   at boot over MemGauge's, or %NULL when there is none
 */
char *mg_swappiness_scan_describe_override (const MgSwappinessScan *scan,
                                            const char             *root);

G_END_DECLS
