/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTuningPage: the kernel settings of the helper's table, presets, Apply and Compact Now. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"
#include "mg-sysctl-presets.h"
#include "mg-tuning-row.h"

G_BEGIN_DECLS

#define MG_TYPE_TUNING_PAGE (mg_tuning_page_get_type ())
G_DECLARE_FINAL_TYPE (MgTuningPage, mg_tuning_page, MG, TUNING_PAGE, GtkBox)

/**
 * mg_tuning_page_new:
 * @monitor: (nullable): the local monitor: its source's proc root gives the live values
 *   (read when the page is shown and after Apply), its samples MemTotal and fragmentation
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget   *mg_tuning_page_new              (MgMonitor      *monitor);
void         mg_tuning_page_set_monitor      (MgTuningPage   *self,
                                              MgMonitor      *monitor);

/**
 * mg_tuning_page_set_sysctl_root:
 * @self: a page
 * @root: (nullable): a directory standing in for `/` when looking for sysctl files (tests)
 */
void         mg_tuning_page_set_sysctl_root  (MgTuningPage   *self,
                                              const char     *root);

/**
 * mg_tuning_page_refresh:
 * @self: a page
 *
 * Reads the live values and the boot files again. Spin buttons move only the first time.
 */
void         mg_tuning_page_refresh          (MgTuningPage   *self);

MgTuningRow *mg_tuning_page_get_row          (MgTuningPage   *self,
                                              MgSysctlKey     key);
void         mg_tuning_page_use_preset       (MgTuningPage   *self,
                                              MgSysctlPreset  preset);

/**
 * mg_tuning_page_apply:
 * @self: a page
 *
 * One helper call with every key whose value differs from the live one (and `--persist` when
 * "Keep after restart" is checked). When it returns, the live values are read back and the
 * page says what changed, what the kernel refused and what is kept after a restart, and emits
 * #MgTuningPage::applied. Does nothing when #MgTuningPage:can-apply is %FALSE.
 */
void         mg_tuning_page_apply            (MgTuningPage   *self);

/**
 * mg_tuning_page_compact:
 * @self: a page
 *
 * Takes a sample, runs the helper's `compact`, takes another and reports the free memory in
 * blocks of 2 MiB before and after; emits #MgTuningPage::compacted.
 */
void         mg_tuning_page_compact          (MgTuningPage   *self);

gboolean     mg_tuning_page_get_can_apply    (MgTuningPage   *self);
gboolean     mg_tuning_page_get_busy         (MgTuningPage   *self);
const char  *mg_tuning_page_get_message      (MgTuningPage   *self);
const char  *mg_tuning_page_get_compact_message (MgTuningPage *self);

/**
 * mg_tuning_page_set_sandboxed:
 * @self: a Tuning page
 * @sandboxed: whether MemGauge runs in a Flatpak sandbox (found at start; tests set it)
 *
 * In a sandbox Apply and Compact Now cannot work: they are disabled and the page says why,
 * with the command to run outside the sandbox for the values chosen.
 */
void         mg_tuning_page_set_sandboxed (MgTuningPage *self,
                                           gboolean      sandboxed);

/**
 * mg_tuning_page_get_persist:
 * @self: a Tuning page
 *
 * Returns: whether "Keep after restart" is checked: at start, and after each Apply, it is
 *   when MemGauge's sysctl.d file holds saved values
 */
gboolean     mg_tuning_page_get_persist   (MgTuningPage *self);

G_END_DECLS
