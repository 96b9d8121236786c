/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-sysctl-scan: which sysctl.d files set vm.swappiness at boot. */

#define G_LOG_DOMAIN "memgauge-sysctl-scan"

#include "config.h"

#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-sysctl-scan.h"
#include "mg-test-files.h"

#define CONF_CONTENT(n) \
  "# Written by MemGauge; applying another value in MemGauge replaces this file.\nvm.swappiness = " n "\n"

/* --- sysctl scan --------------------------------------------------------------------------- */

static void
test_scan_empty (MgTestTempDir *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = mg_swappiness_scan_sysctl (fixture->path);

  g_assert_cmpuint (scan->sources->len, ==, 0);
  g_assert_null (scan->winner);
  g_assert_null (scan->persisted);
  g_assert_null (scan->overridden_by);
}

static void
test_scan_order (MgTestTempDir *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;
  g_autofree char *sysctl_d = g_build_filename (fixture->path, "etc", "sysctl.d", NULL);
  g_autofree char *sysctl_conf_link = g_build_filename (sysctl_d, "99-sysctl.conf", NULL);
  const struct {
    const char *path;
    const char *value;
  } expected[] = {
    { "usr/lib/sysctl.d/50-default.conf", "30" },
    { "usr/local/lib/sysctl.d/60-local.conf", "40" },
    { "run/sysctl.d/70-runtime.conf", "50" },
    { "etc/sysctl.d/99-memgauge-swappiness.conf", "10" },
    { "etc/sysctl.d/99-sysctl.conf", "90" },
  };

  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/50-default.conf",
              "kernel.pid_max = 4194304\nvm.swappiness = 30\n");
  /* Comments, a slash-separated key and a "-" prefix, as systemd-sysctl reads them. */
  mg_test_write_file (fixture->path, "usr/local/lib/sysctl.d/60-local.conf",
              "# vm.swappiness = 1\n; vm.swappiness = 2\nvm/swappiness=35\n  -vm.swappiness =  40  \n");
  mg_test_write_file (fixture->path, "run/sysctl.d/70-runtime.conf", "vm.swappiness=50");
  /* Same name in a higher-priority directory hides the lower one, even without the key. */
  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/80-vendor.conf", "vm.swappiness = 5\n");
  mg_test_write_file (fixture->path, "etc/sysctl.d/80-vendor.conf", "# masked by the admin\n");
  mg_test_write_file (fixture->path, "etc/sysctl.d/99-memgauge-swappiness.conf", CONF_CONTENT ("10"));
  mg_test_write_file (fixture->path, "run/sysctl.d/99-memgauge-swappiness.conf", "vm.swappiness = 77\n");
  /* Not read at all: hidden, wrong suffix, similar but different key. */
  mg_test_write_file (fixture->path, "etc/sysctl.d/.hidden.conf", "vm.swappiness = 3\n");
  mg_test_write_file (fixture->path, "etc/sysctl.d/99-zz.conf.dpkg-old", "vm.swappiness = 4\n");
  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/10-other.conf",
              "vm.swappiness_extra = 6\nvm.swappinessx=7\nnet.vm.swappiness = 8\n");
  /* Debian's link to /etc/sysctl.conf, which sorts after our file. */
  mg_test_write_file (fixture->path, "etc/sysctl.conf", "vm.swappiness = 90\n");
  g_assert_cmpint (symlink ("../sysctl.conf", sysctl_conf_link), ==, 0);

  scan = mg_swappiness_scan_sysctl (fixture->path);

  g_assert_cmpuint (scan->sources->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MgSwappinessSource *source = g_ptr_array_index (scan->sources, i);
      g_autofree char *path = g_build_filename (fixture->path, expected[i].path, NULL);

      g_assert_cmpstr (source->path, ==, path);
      g_assert_cmpstr (source->value, ==, expected[i].value);
    }

  g_assert_true (scan->winner == g_ptr_array_index (scan->sources, 4));
  g_assert_true (scan->persisted == g_ptr_array_index (scan->sources, 3));
  g_assert_true (scan->overridden_by == g_ptr_array_index (scan->sources, 4));

  /* Without the link, ours wins. */
  g_assert_cmpint (g_unlink (sysctl_conf_link), ==, 0);
  g_clear_pointer (&scan, mg_swappiness_scan_free);
  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 4);
  g_assert_true (scan->winner == scan->persisted);
  g_assert_cmpstr (scan->winner->value, ==, "10");
  g_assert_null (scan->overridden_by);
}

static void
test_scan_not_persisted (MgTestTempDir *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;

  /* Nothing persisted yet, but a later file would override whatever is persisted. */
  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/99-zz-vendor.conf", "vm.swappiness = 100\n");
  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/10-early.conf", "vm.swappiness = 1\n");

  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 2);
  g_assert_null (scan->persisted);
  g_assert_nonnull (scan->overridden_by);
  g_assert_cmpstr (scan->overridden_by->value, ==, "100");
  g_assert_true (scan->winner == scan->overridden_by);
}

/* A persist that died before its rename leaves a hidden temporary file; systemd-sysctl does
 * not read it, so neither does the scan. */
static void
test_scan_ignores_leftover (MgTestTempDir *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;

  mg_test_write_file (fixture->path, "etc/sysctl.d/" MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("60"));
  mg_test_write_file (fixture->path, "etc/sysctl.d/." MG_SWAPPINESS_CONF_NAME ".Ab12Cd",
                      CONF_CONTENT ("10"));

  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 1);
  g_assert_nonnull (scan->persisted);
  g_assert_cmpstr (scan->persisted->value, ==, "60");
}

/* What the panel shows about restarts, with paths as they are on the system. */
static void
test_scan_describe (MgTestTempDir *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *root_slash = g_strconcat (fixture->path, "/", NULL);
  const char *path = "unset";

  scan = mg_swappiness_scan_sysctl (fixture->path);
  text = mg_swappiness_scan_describe_boot (scan, fixture->path, &path);
  g_assert_cmpstr (text, ==, "After a restart: 60, the default of Linux.");
  g_assert_null (path);
  g_assert_null (mg_swappiness_scan_describe_override (scan, fixture->path));

  mg_test_write_file (fixture->path, "usr/lib/sysctl.d/50-default.conf", "vm.swappiness = 30\n");
  g_clear_pointer (&scan, mg_swappiness_scan_free);
  g_clear_pointer (&text, g_free);
  scan = mg_swappiness_scan_sysctl (fixture->path);
  text = mg_swappiness_scan_describe_boot (scan, fixture->path, &path);
  g_assert_cmpstr (text, ==, "After a restart: 30, set by this file (MemGauge has not saved a "
                             "value):");
  g_assert_cmpstr (path, ==, "/usr/lib/sysctl.d/50-default.conf");

  mg_test_write_file (fixture->path, "etc/sysctl.d/" MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("10"));
  mg_test_write_file (fixture->path, "etc/sysctl.d/99-zz.conf", "vm.swappiness = 90\n");
  g_clear_pointer (&scan, mg_swappiness_scan_free);
  g_clear_pointer (&text, g_free);
  scan = mg_swappiness_scan_sysctl (fixture->path);
  /* A trailing slash on the root changes nothing. */
  text = mg_swappiness_scan_describe_boot (scan, root_slash, &path);
  g_assert_cmpstr (text, ==, "After a restart: 10, saved by MemGauge in this file:");
  g_assert_cmpstr (path, ==, "/etc/sysctl.d/" MG_SWAPPINESS_CONF_NAME);
  warning = mg_swappiness_scan_describe_override (scan, fixture->path);
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning,
                                   "/etc/sysctl.d/99-zz.conf also sets swappiness, to 90,"));

  /* Without a root, paths are shown whole; a path outside the root is shown whole too. */
  g_assert_cmpstr (mg_swappiness_scan_display_path (NULL, "/etc/x.conf"), ==, "/etc/x.conf");
  g_assert_cmpstr (mg_swappiness_scan_display_path ("/tmp/r", "/tmp/rr/x.conf"), ==,
                   "/tmp/rr/x.conf");
  g_assert_cmpstr (mg_swappiness_scan_display_path ("/tmp/r", "/tmp/r/x.conf"), ==, "/x.conf");
}

/* memgauge-helper's file is ours as the old helper's was; a file between the two names
 * overrides only the old one. */
static void
test_scan_new_file (MgTestTempDir *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;

  mg_test_write_file (fixture->path, "etc/sysctl.d/" MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("60"));
  mg_test_write_file (fixture->path, "etc/sysctl.d/99-memgauge-t.conf", "vm.swappiness = 5\n");
  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_nonnull (scan->persisted);
  g_assert_cmpstr (scan->persisted->value, ==, "60");
  g_assert_nonnull (scan->overridden_by);
  g_assert_cmpstr (scan->overridden_by->value, ==, "5");

  mg_test_remove_tree (fixture->path);
  mg_test_write_file (fixture->path, "etc/sysctl.d/99-memgauge-t.conf", "vm.swappiness = 5\n");
  mg_test_write_file (fixture->path, "etc/sysctl.d/" MG_SYSCTL_CONF_NAME,
                      "vm.dirty_ratio = 30\nvm.swappiness = 10\n");
  g_clear_pointer (&scan, mg_swappiness_scan_free);
  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_nonnull (scan->persisted);
  g_assert_true (g_str_has_suffix (scan->persisted->path, "/etc/sysctl.d/99-memgauge.conf"));
  g_assert_cmpstr (scan->persisted->value, ==, "10");
  g_assert_null (scan->overridden_by);
  g_assert_true (scan->winner == scan->persisted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  mg_test_add_in_temp_dir ("/sysctl-scan/empty", test_scan_empty);
  mg_test_add_in_temp_dir ("/sysctl-scan/order", test_scan_order);
  mg_test_add_in_temp_dir ("/sysctl-scan/not-persisted", test_scan_not_persisted);
  mg_test_add_in_temp_dir ("/sysctl-scan/describe", test_scan_describe);
  mg_test_add_in_temp_dir ("/sysctl-scan/ignores-leftover", test_scan_ignores_leftover);
  mg_test_add_in_temp_dir ("/sysctl-scan/new-file", test_scan_new_file);

  return g_test_run ();
}
