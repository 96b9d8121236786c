/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gauge window's disk swap, zram and zswap rows, over the captures and broken cases of
 * tests/fixtures/swap/ copied into the window's proc root and MEMGAUGE_SYS_ROOT: the texts a
 * person sees and reads with a screen reader, and that they follow the machine while shown. */

#include <string.h>

#include "gauge-window-fixture.h"
#include "mg-env.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"

static char *
swap_fixture (const char *name,
              const char *part)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "swap", name, part, NULL);
}

/* The swap case @name's meminfo and swaps into the window's proc root, its sys/ as the sys
 * root, and one sample. */
static void
use_swap_case (Fixture    *fixture,
               const char *name)
{
  static const char *files[] = { "meminfo", "swaps" };
  g_autofree char *proc = swap_fixture (name, "proc");
  g_autofree char *sys = swap_fixture (name, "sys");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = mg_test_read_file (proc, files[i]);

      g_assert_nonnull (text);
      mg_test_write_file (fixture->root, files[i], text);
    }
  g_setenv (MG_SYS_ROOT_ENV, sys, TRUE);
  gw_sample (fixture);
}

static void
assert_row (Fixture    *fixture,
            const char *id,
            const char *key,
            const char *expected)
{
  g_autofree char *key_id = g_strdup_printf ("%s_key", id);
  g_autofree char *value_id = g_strdup_printf ("%s_value", id);
  g_autofree char *name = g_strdup_printf ("%s: %s", key, expected);

  g_assert_cmpstr (gw_label_text (fixture, key_id), ==, key);
  g_assert_cmpstr (gw_label_text (fixture, value_id), ==, expected);
  g_assert_cmpstr (gw_accessible_name (fixture, value_id), ==, name);
  g_assert_true (gtk_widget_is_visible (gw_find_widget (fixture, value_id)));
}

static void
assert_hidden (Fixture    *fixture,
               const char *id)
{
  g_autofree char *key_id = g_strdup_printf ("%s_key", id);
  g_autofree char *value_id = g_strdup_printf ("%s_value", id);

  g_assert_false (gtk_widget_is_visible (gw_find_widget (fixture, key_id)));
  g_assert_false (gtk_widget_is_visible (gw_find_widget (fixture, value_id)));
}

static char *
used_of (guint64 used_kib,
         guint64 total_kib)
{
  g_autofree char *used = gw_format_kib (used_kib);
  g_autofree char *total = gw_format_kib (total_kib);

  return g_strdup_printf ("%s of %s", used, total);
}

static char *
compressed (guint64     stored_kib,
            guint64     ram_kib,
            const char *ratio,
            const char *where)
{
  g_autofree char *stored = gw_format_kib (stored_kib);
  g_autofree char *ram = gw_format_kib (ram_kib);

  return g_strdup_printf (g_str_equal (where, "zram") ? "%s on zram, %s of RAM, %s"
                                                      : "%s in zswap, %s of RAM, %s",
                          stored, ram, ratio);
}

/* Real capture: zram full, the file in use, zswap off; then zswap on (another capture)
 * while the window stays open. */
static void
test_zram_and_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *disk = used_of (25928, 131068);
  /* mm_stat: orig 268390400 B, mem_used_total 143298560 B: 262100 KiB in 139940 KiB. */
  g_autofree char *zram = compressed (268390400 / 1024, 143298560 / 1024, "1.9:1", "zram");
  g_autofree char *zswap = compressed (257216, 140404, "1.8:1", "zswap");

  use_swap_case (fixture, "linux-6.18-zram-and-file");
  gw_show_window (fixture);
  mg_test_ui_save_png (GTK_WIDGET (fixture->window), "gauge-swap-zram-and-file");

  assert_row (fixture, "disk_swap", "Disk swap", disk);
  assert_row (fixture, "zram", "zram", zram);
  /* zswap is off: no row for it. */
  assert_hidden (fixture, "zswap");

  /* The next sample while it is shown reads swap again. */
  use_swap_case (fixture, "linux-6.18-zswap");
  assert_row (fixture, "zswap", "zswap", zswap);
  mg_test_ui_save_png (GTK_WIDGET (fixture->window), "gauge-swap-zswap");
}

static void
test_documented (Fixture       *fixture,
                 gconstpointer  data)
{
  /* The partition and the file; 2 GiB stored in 576 MiB of RAM on zram (7-field mm_stat). */
  g_autofree char *disk = used_of (1048576, 8388604 + 2097148);
  g_autofree char *zram = compressed (2097152, 589824, "3.6:1", "zram");

  /* No swap at all: nothing to tell apart, no rows (the Swap row says "No swap"). */
  use_swap_case (fixture, "documented-header-only");
  gw_show_window (fixture);
  assert_hidden (fixture, "disk_swap");
  assert_hidden (fixture, "zram");
  assert_hidden (fixture, "zswap");
  g_assert_cmpstr (gw_label_text (fixture, "swap_value"), ==, "No swap");

  use_swap_case (fixture, "documented-old-kernel");
  assert_row (fixture, "disk_swap", "Disk swap", disk);
  assert_row (fixture, "zram", "zram", zram);
}

/* Bad input: junk says "Unknown"; a zram device without figures says what /proc/swaps
 * knows. Nothing else of the window changes. Then a sample that cannot be read hides the
 * rows. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *on_zram = NULL;
  g_autofree char *used = gw_format_kib (140008);

  on_zram = g_strdup_printf ("%s on zram", used);
  use_swap_case (fixture, "broken-junk");
  gw_show_window (fixture);
  assert_row (fixture, "disk_swap", "Disk swap", "Unknown");
  assert_row (fixture, "zram", "zram", "Unknown");
  g_assert_cmpstr (gw_label_text (fixture, "level_label"), ==, "● Low pressure");

  use_swap_case (fixture, "broken-zram-vanished");
  assert_row (fixture, "zram", "zram", on_zram);
  use_swap_case (fixture, "broken-zram-no-mm-stat");
  assert_row (fixture, "zram", "zram", on_zram);

  mg_test_write_file (fixture->root, "meminfo", "");
  gw_sample (fixture);
  g_assert_null (mg_monitor_get_sample (fixture->monitor));
  assert_hidden (fixture, "disk_swap");
  assert_hidden (fixture, "zram");
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);

  g_test_add ("/gauge-swap/zram-and-file", Fixture, NULL,
              gw_fixture_set_up, test_zram_and_file, gw_fixture_tear_down);
  g_test_add ("/gauge-swap/documented", Fixture, NULL,
              gw_fixture_set_up, test_documented, gw_fixture_tear_down);
  g_test_add ("/gauge-swap/bad-input", Fixture, NULL,
              gw_fixture_set_up, test_bad_input, gw_fixture_tear_down);

  return g_test_run ();
}
