/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui test of the gauge window's fragmentation and compaction rows, from buddyinfo and vmstat. */

#define G_LOG_DOMAIN "memgauge-gauge-window"

#include "config.h"

#include <string.h>

#include "gauge-window-fixture.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"

/* Sets compact_stall, compact_success and compact_fail in the root's vmstat. */
static void
set_compaction (Fixture *fixture,
                guint    stall,
                guint    success,
                guint    fail)
{
  g_autofree char *text = mg_test_read_file (fixture->root, "vmstat");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *joined = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint value = G_MAXUINT;

      if (g_str_has_prefix (lines[i], "compact_stall "))
        value = stall;
      else if (g_str_has_prefix (lines[i], "compact_success "))
        value = success;
      else if (g_str_has_prefix (lines[i], "compact_fail "))
        value = fail;
      if (value != G_MAXUINT)
        {
          char *line = g_strdup_printf ("%.*s %u", (int) strcspn (lines[i], " "), lines[i],
                                        value);

          g_free (lines[i]);
          lines[i] = line;
        }
    }
  joined = g_strjoinv ("\n", lines);
  mg_test_write_file (fixture->root, "vmstat", joined);
}

static void
assert_value (Fixture    *fixture,
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
}

/* The capture of this machine after a real compaction (tests/fixtures/proc/buddyinfo/
 * README.md): 3698704 KiB free, 3207168 KiB of it in 2 MiB blocks, unusable index
 * 122884 / 924676 pages = 0.133; and 3, 2 and 1 direct compactions in 3 s. */
static void
test_values (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", "buddyinfo",
                                                   "linux-6.18-after-compaction", NULL);
  g_autofree char *buddyinfo = NULL;
  g_autofree char *in_blocks = gw_format_kib (3207168);
  g_autofree char *free_2mb = g_strdup_printf ("%s (13 %% unusable)", in_blocks);

  g_assert_true (g_file_get_contents (source, &buddyinfo, NULL, NULL));
  mg_test_write_file (fixture->root, "buddyinfo", buddyinfo);
  gw_sample (fixture);
  set_compaction (fixture, 3, 2, 1);
  fixture->now_us += 3 * G_USEC_PER_SEC;
  gw_show_window (fixture);
  g_assert_true (mg_monitor_get_sample (fixture->monitor)->has_rates);

  assert_value (fixture, "free_2mb", "In 2 MiB blocks", free_2mb);
  assert_value (fixture, "compaction", "Compaction", "60.0/min, 40.0 ok, 20.0 failed");
  mg_test_ui_save_png (GTK_WIDGET (fixture->window), "gauge-window-fragmentation");
}

/* The fixture roots predate buddyinfo, as old kernels' bug reports do: said so, no number;
 * compaction rates need two samples. */
static void
test_absent (Fixture       *fixture,
             gconstpointer  data)
{
  gw_show_window (fixture);

  assert_value (fixture, "free_2mb", "In 2 MiB blocks", "Not available on this kernel");
  assert_value (fixture, "compaction", "Compaction", "Measuring…");
}

int
main (int   argc,
      char *argv[])
{
  gw_init (&argc, &argv);

  g_test_add ("/gauge-fragmentation/values", Fixture, NULL,
              gw_fixture_set_up, test_values, gw_fixture_tear_down);
  g_test_add ("/gauge-fragmentation/absent", Fixture, NULL,
              gw_fixture_set_up, test_absent, gw_fixture_tear_down);

  return g_test_run ();
}
