/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-presets: the Tuning page's presets, each key's kernel default and allowed range. */
#pragma once

#include <glib.h>

#include "mg-helper-report.h"

G_BEGIN_DECLS

/**
 * MgSysctlPreset:
 * @MG_SYSCTL_PRESET_KERNEL_DEFAULTS: the values Linux starts with (min_free_kbytes excepted:
 *   the kernel computes it at boot and may raise it later, so the preset leaves it alone)
 * @MG_SYSCTL_PRESET_DESKTOP: the memory guide's desktop settings: swappiness 10,
 *   vfs_cache_pressure 50, compaction_proactiveness 20
 * @MG_SYSCTL_N_PRESETS: the number of presets
 *
 * Named sets of values applied together, with one password.
 */
typedef enum {
  MG_SYSCTL_PRESET_KERNEL_DEFAULTS,
  MG_SYSCTL_PRESET_DESKTOP,
  MG_SYSCTL_N_PRESETS,
} MgSysctlPreset;

/**
 * mg_sysctl_preset_get_label:
 * @preset: a preset
 *
 * Returns: (transfer none): its translated button label, with a mnemonic
 */
const char *mg_sysctl_preset_get_label  (MgSysctlPreset        preset);

/**
 * mg_sysctl_preset_get_values:
 * @preset: a preset
 * @out: (out caller-allocates): the keys the preset sets and their values; the others unset
 */
void        mg_sysctl_preset_get_values (MgSysctlPreset        preset,
                                         MgSysctlValues       *out);

/**
 * mg_sysctl_key_get_default:
 * @key: a key
 * @mem_total_kib: MemTotal, for min_free_kbytes; 0 when unknown
 * @out: (out): the value Linux (5.9 or later) starts with
 *
 * Returns: %FALSE when the default depends on what cannot be known here (min_free_kbytes
 *   without MemTotal)
 */
gboolean    mg_sysctl_key_get_default   (MgSysctlKey           key,
                                         guint64               mem_total_kib,
                                         guint64              *out);

/**
 * mg_sysctl_key_get_range:
 * @key: a key
 * @mem_total_kib: MemTotal, for min_free_kbytes' top (0 when unknown: 1024 only)
 * @swappiness_max: the running kernel's largest swappiness (100 or 200)
 * @out_min: (out): the smallest value memgauge-helper accepts
 * @out_max: (out): the largest
 *
 * The helper's own ranges (src/privileged/mg-sysctl-table.c, where each is justified), so that
 * the page never offers a value the helper refuses. dirty_background_ratio must also stay
 * below dirty_ratio: see mg_sysctl_values_check().
 */
void        mg_sysctl_key_get_range     (MgSysctlKey           key,
                                         guint64               mem_total_kib,
                                         guint                 swappiness_max,
                                         guint64              *out_min,
                                         guint64              *out_max);

/**
 * mg_sysctl_values_diff:
 * @wanted: the values a person chose (each key set that has a control)
 * @live: the values the kernel holds now (unset where it lacks the key)
 * @out: (out caller-allocates): the keys whose wanted value differs from a live one
 *
 * Returns: how many keys @out sets; 0 means Apply has nothing to do
 */
guint       mg_sysctl_values_diff       (const MgSysctlValues *wanted,
                                         const MgSysctlValues *live,
                                         MgSysctlValues       *out);

/**
 * mg_sysctl_values_check:
 * @wanted: all the values that would be in effect after Apply
 *
 * Returns: %TRUE unless dirty_background_ratio would not be below dirty_ratio, which the
 *   helper refuses (it checks the request against the running values the same way)
 */
gboolean    mg_sysctl_values_check      (const MgSysctlValues *wanted);

G_END_DECLS
