/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-tuning-report: what the Tuning page says after Apply and after Compact Now. */
#pragma once

#include <glib.h>

#include "mg-helper-report.h"

G_BEGIN_DECLS

/**
 * mg_tuning_report_apply:
 * @report: what the helper reported
 * @request: the keys asked for
 * @persist: whether "Keep after restart" was asked for
 * @before: the values before Apply
 * @now: the values read back after the helper returned
 * @sysctl_root: (nullable): where the sysctl files are (tests), %NULL for `/`
 *
 * A first line with the overall outcome, then one line per key asked for: changed (before →
 * now, only when the kernel reports the value asked for), refused by the kernel, or not
 * changed; and a last line saying whether the changes are kept after a restart, read from the
 * sysctl files (MemGauge's own, and any read after it).
 *
 * Returns: (transfer full): the translated text
 */
char *mg_tuning_report_apply   (const MgHelperReport *report,
                                const MgSysctlValues *request,
                                gboolean              persist,
                                const MgSysctlValues *before,
                                const MgSysctlValues *now,
                                const char           *sysctl_root);

/**
 * mg_tuning_report_compact:
 * @outcome: what the helper reported for `compact`
 * @have_before: whether the sample before it had /proc/buddyinfo
 * @before_kib: free memory in blocks of 2 MiB or more before
 * @have_after: whether the sample after it had /proc/buddyinfo
 * @after_kib: the same after
 *
 * Returns: (transfer full): "Free memory in 2 MiB blocks: 1.2 GiB → 3.4 GiB", or why not
 */
char *mg_tuning_report_compact (MgHelperOutcome       outcome,
                                gboolean              have_before,
                                guint64               before_kib,
                                gboolean              have_after,
                                guint64               after_kib);

G_END_DECLS
