/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-sysctl-presets: presets, kernel defaults, ranges and the Apply diff. */

#define G_LOG_DOMAIN "memgauge-sysctl-presets"

#include "config.h"

#include <glib.h>

#include "mg-sysctl-presets.h"

static void
test_desktop (void)
{
  MgSysctlValues values;

  /* The memory guide's three settings, and nothing else. */
  mg_sysctl_preset_get_values (MG_SYSCTL_PRESET_DESKTOP, &values);
  g_assert_true (values.set[MG_SYSCTL_SWAPPINESS]);
  g_assert_cmpuint (values.value[MG_SYSCTL_SWAPPINESS], ==, 10);
  g_assert_true (values.set[MG_SYSCTL_VFS_CACHE_PRESSURE]);
  g_assert_cmpuint (values.value[MG_SYSCTL_VFS_CACHE_PRESSURE], ==, 50);
  g_assert_true (values.set[MG_SYSCTL_COMPACTION_PROACTIVENESS]);
  g_assert_cmpuint (values.value[MG_SYSCTL_COMPACTION_PROACTIVENESS], ==, 20);
  for (guint k = MG_SYSCTL_OVERCOMMIT_MEMORY; k < MG_SYSCTL_N_KEYS; k++)
    g_assert_false (values.set[k]);
  g_assert_cmpstr (mg_sysctl_preset_get_label (MG_SYSCTL_PRESET_DESKTOP), ==, "_Desktop");
}

static void
test_kernel_defaults (void)
{
  const guint64 expected[MG_SYSCTL_N_KEYS] = { 60, 100, 20, 0, 0, 20, 10 };
  MgSysctlValues values;
  guint64 value;

  mg_sysctl_preset_get_values (MG_SYSCTL_PRESET_KERNEL_DEFAULTS, &values);
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      /* min_free_kbytes is computed at boot (and raised for huge pages): left alone. */
      g_assert_cmpint (values.set[k], ==, k != MG_SYSCTL_MIN_FREE_KBYTES);
      if (k == MG_SYSCTL_MIN_FREE_KBYTES)
        continue;
      g_assert_cmpuint (values.value[k], ==, expected[k]);
      g_assert_true (mg_sysctl_key_get_default (k, 0, &value));
      g_assert_cmpuint (value, ==, expected[k]);
    }
  g_assert_true (mg_sysctl_values_check (&values));

  /* 4 * sqrt (MemTotal), clamped to 128 .. 262144. */
  g_assert_false (mg_sysctl_key_get_default (MG_SYSCTL_MIN_FREE_KBYTES, 0, &value));
  g_assert_true (mg_sysctl_key_get_default (MG_SYSCTL_MIN_FREE_KBYTES, 24576000, &value));
  g_assert_cmpuint (value, ==, 19829);
  g_assert_true (mg_sysctl_key_get_default (MG_SYSCTL_MIN_FREE_KBYTES, 512, &value));
  g_assert_cmpuint (value, ==, 128);
  g_assert_true (mg_sysctl_key_get_default (MG_SYSCTL_MIN_FREE_KBYTES,
                                            G_GUINT64_CONSTANT (8) << 40, &value));
  g_assert_cmpuint (value, ==, 262144);
}

static void
test_ranges (void)
{
  guint64 min, max;

  mg_sysctl_key_get_range (MG_SYSCTL_SWAPPINESS, 0, 100, &min, &max);
  g_assert_cmpuint (min, ==, 0);
  g_assert_cmpuint (max, ==, 100);
  mg_sysctl_key_get_range (MG_SYSCTL_SWAPPINESS, 0, 200, &min, &max);
  g_assert_cmpuint (max, ==, 200);
  mg_sysctl_key_get_range (MG_SYSCTL_VFS_CACHE_PRESSURE, 0, 200, &min, &max);
  g_assert_cmpuint (min, ==, 1);
  g_assert_cmpuint (max, ==, 1000);
  mg_sysctl_key_get_range (MG_SYSCTL_MIN_FREE_KBYTES, 24576000, 200, &min, &max);
  g_assert_cmpuint (min, ==, 1024);
  g_assert_cmpuint (max, ==, 1228800);
  mg_sysctl_key_get_range (MG_SYSCTL_DIRTY_BACKGROUND_RATIO, 0, 200, &min, &max);
  g_assert_cmpuint (max, ==, 99);
}

static void
test_diff (void)
{
  MgSysctlValues live = { { 0 } }, wanted = { { 0 } }, diff;

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      live.set[k] = wanted.set[k] = TRUE;
      live.value[k] = wanted.value[k] = 20 + k;
    }
  g_assert_cmpuint (mg_sysctl_values_diff (&wanted, &live, &diff), ==, 0);

  wanted.value[MG_SYSCTL_SWAPPINESS] = 10;
  wanted.value[MG_SYSCTL_DIRTY_RATIO] = 30;
  /* A key the kernel lacks is never asked for. */
  live.set[MG_SYSCTL_COMPACTION_PROACTIVENESS] = FALSE;
  wanted.value[MG_SYSCTL_COMPACTION_PROACTIVENESS] = 5;
  g_assert_cmpuint (mg_sysctl_values_diff (&wanted, &live, &diff), ==, 2);
  g_assert_true (diff.set[MG_SYSCTL_SWAPPINESS]);
  g_assert_cmpuint (diff.value[MG_SYSCTL_SWAPPINESS], ==, 10);
  g_assert_true (diff.set[MG_SYSCTL_DIRTY_RATIO]);
  g_assert_false (diff.set[MG_SYSCTL_COMPACTION_PROACTIVENESS]);
  g_assert_false (diff.set[MG_SYSCTL_VFS_CACHE_PRESSURE]);

  /* dirty_background_ratio must stay below dirty_ratio, unless dirty_bytes is in use. */
  wanted.value[MG_SYSCTL_DIRTY_RATIO] = 10;
  wanted.value[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = 10;
  g_assert_false (mg_sysctl_values_check (&wanted));
  wanted.value[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = 9;
  g_assert_true (mg_sysctl_values_check (&wanted));
  wanted.value[MG_SYSCTL_DIRTY_RATIO] = 0;
  g_assert_true (mg_sysctl_values_check (&wanted));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sysctl-presets/desktop", test_desktop);
  g_test_add_func ("/sysctl-presets/kernel-defaults", test_kernel_defaults);
  g_test_add_func ("/sysctl-presets/ranges", test_ranges);
  g_test_add_func ("/sysctl-presets/diff", test_diff);

  return g_test_run ();
}
