/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-presets: the Tuning page's presets, each key's kernel default and allowed range. */

#define G_LOG_DOMAIN "memgauge-sysctl-presets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-sysctl-presets.h"

/* The defaults of Linux 5.9 and later, from Documentation/admin-guide/sysctl/vm.rst and the
 * initialisers in mm/: swappiness 60 (mm/vmscan.c vm_swappiness), vfs_cache_pressure 100
 * (fs/dcache.c), compaction_proactiveness 20 ("with a default value of 20",
 * mm/compaction.c), overcommit_memory 0 (OVERCOMMIT_GUESS, mm/util.c), dirty_ratio 20 and
 * dirty_background_ratio 10 (mm/page-writeback.c). min_free_kbytes is computed: see
 * mg_sysctl_key_get_default(). */
static const guint64 kernel_defaults[MG_SYSCTL_N_KEYS] = {
  [MG_SYSCTL_SWAPPINESS] = 60,
  [MG_SYSCTL_VFS_CACHE_PRESSURE] = 100,
  [MG_SYSCTL_COMPACTION_PROACTIVENESS] = 20,
  [MG_SYSCTL_OVERCOMMIT_MEMORY] = 0,
  [MG_SYSCTL_MIN_FREE_KBYTES] = 0,
  [MG_SYSCTL_DIRTY_RATIO] = 20,
  [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = 10,
};

/* The memory guide MemGauge grew from: "vm.swappiness=10", "vm.vfs_cache_pressure=50"
 * (keep dentries and inodes cached longer on a desktop that browses files) and
 * "vm.compaction_proactiveness=20" (the kernel's default, stated so that a distribution's
 * 0 is undone and huge pages stay available).
 *
 * No zram preset: the recipes that are sourced (Fedora's zram-generator and Pop!_OS's
 * pop-default-settings set vm.swappiness=180 together with vm.page-cluster=0, and Pop!_OS also
 * vm.watermark_boost_factor=0 and vm.watermark_scale_factor=125) rely on keys outside the
 * helper's table; swappiness 180 alone, with page-cluster's default 3 reading eight pages per
 * fault from a compressed device, is only half of them. The kernel's documentation
 * (vm.rst, swappiness) gives a rule, not a value: "if the random IO against the swap device is
 * on average 2x faster than IO from the filesystem, swappiness should be 133". */
static const struct {
  const char *label;
  MgSysctlKey keys[MG_SYSCTL_N_KEYS];
  guint64     values[MG_SYSCTL_N_KEYS];
  guint       n_keys;
} presets[MG_SYSCTL_N_PRESETS] = {
  [MG_SYSCTL_PRESET_KERNEL_DEFAULTS] = {
    /* Translators: a button that sets the kernel's own default values. */
    N_("Kernel De_faults"),
    { MG_SYSCTL_SWAPPINESS, MG_SYSCTL_VFS_CACHE_PRESSURE, MG_SYSCTL_COMPACTION_PROACTIVENESS,
      MG_SYSCTL_OVERCOMMIT_MEMORY, MG_SYSCTL_DIRTY_RATIO, MG_SYSCTL_DIRTY_BACKGROUND_RATIO },
    { 60, 100, 20, 0, 20, 10 },
    6,
  },
  [MG_SYSCTL_PRESET_DESKTOP] = {
    /* Translators: a button that sets values suited to a desktop computer. */
    N_("_Desktop"),
    { MG_SYSCTL_SWAPPINESS, MG_SYSCTL_VFS_CACHE_PRESSURE, MG_SYSCTL_COMPACTION_PROACTIVENESS },
    { 10, 50, 20 },
    3,
  },
};

const char *
mg_sysctl_preset_get_label (MgSysctlPreset preset)
{
  g_return_val_if_fail (preset < MG_SYSCTL_N_PRESETS, NULL);

  return _(presets[preset].label);
}

void
mg_sysctl_preset_get_values (MgSysctlPreset  preset,
                             MgSysctlValues *out)
{
  g_return_if_fail (preset < MG_SYSCTL_N_PRESETS);
  g_return_if_fail (out != NULL);

  *out = (MgSysctlValues) { { 0 } };
  for (guint i = 0; i < presets[preset].n_keys; i++)
    {
      out->set[presets[preset].keys[i]] = TRUE;
      out->value[presets[preset].keys[i]] = presets[preset].values[i];
    }
}

/* The largest r with r * r <= n, as the kernel's int_sqrt(). */
static guint64
int_sqrt (guint64 n)
{
  guint64 r = 0;

  for (guint64 bit = (guint64) 1 << 31; bit != 0; bit >>= 1)
    if ((r + bit) * (r + bit) <= n)
      r += bit;

  return r;
}

gboolean
mg_sysctl_key_get_default (MgSysctlKey  key,
                           guint64      mem_total_kib,
                           guint64     *out)
{
  g_return_val_if_fail (key < MG_SYSCTL_N_KEYS, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (key != MG_SYSCTL_MIN_FREE_KBYTES)
    {
      *out = kernel_defaults[key];
      return TRUE;
    }

  if (mem_total_kib == 0)
    return FALSE;

  /* calculate_min_free_kbytes() in mm/page_alloc.c: int_sqrt(lowmem_kbytes * 16), clamped to
   * 128 KiB .. 256 MiB since Linux 5.7 (64 MiB before). Low memory is all of it on 64-bit
   * machines; MemTotal is a little less than the pages the kernel counts, and khugepaged may
   * raise the value later for transparent huge pages, so this is the boot value to within a
   * few KiB. */
  *out = CLAMP (int_sqrt (mem_total_kib * 16), 128, 262144);
  return TRUE;
}

void
mg_sysctl_key_get_range (MgSysctlKey  key,
                         guint64      mem_total_kib,
                         guint        swappiness_max,
                         guint64     *out_min,
                         guint64     *out_max)
{
  /* The helper's table (src/privileged/mg-sysctl-table.c), which justifies each bound. */
  static const guint64 ranges[MG_SYSCTL_N_KEYS][2] = {
    [MG_SYSCTL_SWAPPINESS] = { 0, MG_SWAPPINESS_MAX },
    [MG_SYSCTL_VFS_CACHE_PRESSURE] = { 1, 1000 },
    [MG_SYSCTL_COMPACTION_PROACTIVENESS] = { 0, 100 },
    [MG_SYSCTL_OVERCOMMIT_MEMORY] = { 0, 2 },
    [MG_SYSCTL_MIN_FREE_KBYTES] = { 1024, 1024 },
    [MG_SYSCTL_DIRTY_RATIO] = { 1, 100 },
    [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = { 0, 99 },
  };

  g_return_if_fail (key < MG_SYSCTL_N_KEYS);
  g_return_if_fail (out_min != NULL && out_max != NULL);

  *out_min = ranges[key][0];
  *out_max = ranges[key][1];
  if (key == MG_SYSCTL_SWAPPINESS && swappiness_max > 0)
    *out_max = MIN (*out_max, swappiness_max);
  /* The helper's MIN_FREE_DIVISOR: at most 5 % of MemTotal. */
  else if (key == MG_SYSCTL_MIN_FREE_KBYTES)
    *out_max = MAX (1024, mem_total_kib / 20);
}

guint
mg_sysctl_values_diff (const MgSysctlValues *wanted,
                       const MgSysctlValues *live,
                       MgSysctlValues       *out)
{
  guint n = 0;

  g_return_val_if_fail (wanted != NULL && live != NULL && out != NULL, 0);

  *out = (MgSysctlValues) { { 0 } };
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      /* A key the kernel lacks has no control to change. */
      if (!wanted->set[k] || !live->set[k] || wanted->value[k] == live->value[k])
        continue;
      out->set[k] = TRUE;
      out->value[k] = wanted->value[k];
      n++;
    }

  return n;
}

gboolean
mg_sysctl_values_check (const MgSysctlValues *wanted)
{
  g_return_val_if_fail (wanted != NULL, FALSE);

  /* vm.rst: dirty_background_ratio is where background writeback starts, below the ratio
   * where writers block; the helper refuses the opposite. A dirty_ratio of 0 means
   * dirty_bytes is in use, and the helper then compares nothing. */
  if (wanted->set[MG_SYSCTL_DIRTY_RATIO] && wanted->set[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] &&
      wanted->value[MG_SYSCTL_DIRTY_RATIO] != 0)
    return wanted->value[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] < wanted->value[MG_SYSCTL_DIRTY_RATIO];

  return TRUE;
}
