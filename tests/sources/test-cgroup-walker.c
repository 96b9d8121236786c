/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of MgCgroupWalker (and the naming on top) against the fixture trees of
 * tests/fixtures/cgroup/, hostile trees and this machine's own. */

#include <string.h>

#include <glib/gstdio.h>

#include "mg-cgroup-walker.h"
#include "mg-group-scanner.h"
#include "mg-test-util.h"

#include "fixtures/cgroup/expected.h"

static char *
case_root (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cgroup", name, NULL);
}

/* GDesktopAppInfo looks in the (isolated) user data folder: put the case's apps there. */
static void
install_desktop_files (const char *root)
{
  g_autofree char *from = g_build_filename (root, "home/.local/share/applications", NULL);
  g_autofree char *to = g_build_filename (g_get_user_data_dir (), "applications", NULL);

  if (g_file_test (from, G_FILE_TEST_IS_DIR))
    mg_test_copy_tree (from, to);
}

static GPtrArray *
collect_case (const char      *name,
              MgCgroupLayout  *layout,
              guint           *n_vanished)
{
  g_autofree char *root = case_root (name);
  g_autofree char *cgroup_root = g_build_filename (root, "sys/fs/cgroup", NULL);
  g_autofree char *user_data = g_build_filename (root, "home/.local/share", NULL);
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (cgroup_root);
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (user_data, root);
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  install_desktop_files (root);
  groups = mg_group_collect (walker, namer, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (groups);
  if (layout != NULL)
    *layout = mg_cgroup_walker_get_layout (MG_CGROUP_WALKER (walker));
  if (n_vanished != NULL)
    *n_vanished = mg_cgroup_walker_get_n_vanished (MG_CGROUP_WALKER (walker));
  return groups;
}

static void
check_group (const MgGroup       *group,
             const ExpectedGroup *expected)
{
  double percent = -1.0;

  g_test_message ("group %s", expected->path);
  g_assert_cmpstr (group->path, ==, expected->path);
  g_assert_cmpstr (group->name, ==, expected->name);
  g_assert_cmpstr (mg_group_kind_to_nick (group->kind), ==,
                   mg_group_kind_to_nick (expected->kind));
  g_assert_cmpstr (group->icon_name, ==, expected->icon_name);
  g_assert_cmpstr (group->app_id, ==, expected->app_id);
  g_assert_cmpstr (group->error, ==, NULL);

  g_assert_true (mg_group_has (group, MG_GROUP_HAS_USAGE));
  g_assert_cmpint ((gint64) group->usage_kib, ==, expected->usage_kib);

  g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_LIMIT), ==, expected->limit_kib >= 0);
  if (expected->limit_kib >= 0)
    g_assert_cmpint ((gint64) group->limit_kib, ==, expected->limit_kib);
  g_assert_cmpint (mg_group_get_limit_percent (group, &percent), ==,
                   expected->limit_percent >= 0);
  if (expected->limit_percent >= 0)
    g_assert_cmpfloat_with_epsilon (percent, expected->limit_percent, 1e-5);

  g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_SWAP), ==, expected->swap_kib >= 0);
  if (expected->swap_kib >= 0)
    g_assert_cmpint ((gint64) group->swap_kib, ==, expected->swap_kib);
  g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS), ==, expected->oom_kills >= 0);
  if (expected->oom_kills >= 0)
    g_assert_cmpint ((gint64) group->oom_kills, ==, expected->oom_kills);
  g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_PRESSURE), ==,
                   expected->pressure_some_avg10 >= 0);
  if (expected->pressure_some_avg10 >= 0)
    g_assert_cmpfloat_with_epsilon (group->pressure_some_avg10,
                                    expected->pressure_some_avg10, 1e-9);
}

static void
test_case (gconstpointer data)
{
  const ExpectedCase *expected = data;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *root = case_root (expected->name);
  MgCgroupLayout layout = MG_CGROUP_LAYOUT_UNKNOWN;
  guint n_vanished = 99;

  groups = collect_case (expected->name, &layout, &n_vanished);
  g_assert_cmpint (layout, ==, expected->layout);
  g_assert_cmpuint (n_vanished, ==, 0);
  g_assert_cmpuint (groups->len, ==, expected->n_groups);

  for (guint i = 0; i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);
      const char *hierarchy = layout == MG_CGROUP_LAYOUT_V2 ? "" : "/memory";
      g_autofree char *procs = g_strconcat (root, "/sys/fs/cgroup", hierarchy, group->path,
                                            "/cgroup.procs", NULL);

      check_group (group, &expected->groups[i]);
      /* Where "End" will find the processes, and cgroup.kill where v2 has one. */
      g_assert_cmpstr (group->procs_path, ==, procs);
      if (layout == MG_CGROUP_LAYOUT_V1)
        g_assert_null (group->kill_path);
      else
        {
          g_autofree char *kill = g_strconcat (root, "/sys/fs/cgroup",
                                               layout == MG_CGROUP_LAYOUT_HYBRID ? "/unified" : "",
                                               group->path, "/cgroup.kill", NULL);

          g_assert_cmpstr (group->kill_path, ==, kill);
        }
    }
}

static const MgGroup *
find_group (GPtrArray  *groups,
            const char *path)
{
  for (guint i = 0; i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      if (strcmp (group->path, path) == 0)
        return group;
    }
  return NULL;
}

static void
assert_error_mentions (const MgGroup *group,
                       const char    *words)
{
  g_assert_nonnull (group);
  g_test_message ("%s: %s", group->path, group->error);
  g_assert_nonnull (group->error);
  g_assert_nonnull (strstr (group->error, words));
}

static void
test_broken (void)
{
  g_autoptr(GPtrArray) groups = NULL;
  const MgGroup *group;
  MgCgroupLayout layout;
  guint n_vanished = 0;
  double percent = 0;

  groups = collect_case ("v2-broken", &layout, &n_vanished);
  g_assert_cmpint (layout, ==, MG_CGROUP_LAYOUT_V2);

  /* "max" in memory.max and memory.high: no limit, no percentage, no error. */
  group = find_group (groups, "/max.scope");
  g_assert_nonnull (group);
  g_assert_null (group->error);
  g_assert_cmpuint (group->usage_kib, ==, 10240);
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_false (mg_group_get_limit_percent (group, &percent));

  /* memory.high stands in when memory.max is "max". */
  group = find_group (groups, "/high-only.service");
  g_assert_true (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_true (group->limit_is_high);
  g_assert_cmpuint (group->limit_kib, ==, 32768);
  g_assert_true (mg_group_get_limit_percent (group, &percent));
  g_assert_cmpfloat_with_epsilon (percent, 93.75, 1e-9);

  group = find_group (groups, "/zero-limit.service");
  g_assert_true (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_cmpuint (group->limit_kib, ==, 0);
  g_assert_true (mg_group_get_limit_percent (group, &percent));
  g_assert_cmpfloat (percent, ==, 0.0);

  /* No swap accounting: swap absent, not 0. */
  group = find_group (groups, "/swapless.service");
  g_assert_null (group->error);
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_SWAP));
  g_assert_true (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS));

  /* Gone between listing and reading: left out and counted. */
  g_assert_null (find_group (groups, "/vanished.scope"));
  g_assert_cmpuint (n_vanished, ==, 1);

  /* Unreadable, junk, binary, empty, too large, two lines, 2^64: the figure is absent,
   * the error names the file, the rest of the group is read. */
  group = find_group (groups, "/unreadable.service");
  assert_error_mentions (group, "unreadable.service/memory.max: Is a directory");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_cmpuint (group->usage_kib, ==, 5120);
  g_assert_true (mg_group_has (group, MG_GROUP_HAS_PRESSURE));

  group = find_group (groups, "/junk-current.service");
  assert_error_mentions (group, "memory.current, line 1: unexpected text after the value");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_USAGE));
  g_assert_false (mg_group_get_limit_percent (group, &percent));
  /* Without a usage it sorts last. */
  g_assert_true (group == g_ptr_array_index (groups, groups->len - 2) ||
                 group == g_ptr_array_index (groups, groups->len - 1));

  group = find_group (groups, "/junk-events.service");
  assert_error_mentions (group, "memory.events, line 1");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS));

  group = find_group (groups, "/junk-pressure.service");
  assert_error_mentions (group, "memory.pressure, line 1: a share of time above 100");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_PRESSURE));

  group = find_group (groups, "/binary-max.service");
  assert_error_mentions (group, "memory.max holds a byte that is not text");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_LIMIT));

  group = find_group (groups, "/empty-max.service");
  assert_error_mentions (group, "memory.max is empty");

  group = find_group (groups, "/huge-events.service");
  assert_error_mentions (group, "memory.events is larger than 8 KiB");

  group = find_group (groups, "/two-lines.service");
  assert_error_mentions (group, "memory.current holds more than one line");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_USAGE));

  group = find_group (groups, "/overflow.service");
  assert_error_mentions (group, "does not fit in 64 bits");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_LIMIT));

  /* No memory controller there: neither it nor what is below is a memory group. */
  g_assert_null (find_group (groups, "/no-memory"));
  g_assert_null (find_group (groups, "/no-memory/child.service"));

  /* Leaves only: the parent is not counted again. */
  g_assert_null (find_group (groups, "/nested.slice"));
  g_assert_nonnull (find_group (groups, "/nested.slice/child-a.service"));
  g_assert_nonnull (find_group (groups, "/nested.slice/child-b.service"));

  /* A symbolic link is no group. */
  g_assert_null (find_group (groups, "/link.scope"));

  g_assert_cmpuint (groups->len, ==, 15);
}

static void
test_missing_root (void)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new ("/nonexistent/cgroup");
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (mg_group_walker_walk (walker, groups, NULL, &error));
  g_assert_error (error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_HIERARCHY);
  g_assert_nonnull (strstr (error->message, "/nonexistent/cgroup"));
  g_assert_cmpuint (groups->len, ==, 0);
  g_assert_cmpint (mg_cgroup_walker_get_layout (MG_CGROUP_WALKER (walker)), ==,
                   MG_CGROUP_LAYOUT_UNKNOWN);
}

static void
test_no_memory_controller (MgTestTempDir *fixture,
                           gconstpointer  data)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (fixture->path);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GError) error = NULL;

  /* A v2 root without memory, and a hybrid one's unified/ without a memory/ beside it. */
  mg_test_write_file (fixture->path, "cgroup.controllers", "cpu io pids\n");
  mg_test_write_file (fixture->path, "unified/cgroup.controllers", "\n");
  mg_test_write_file (fixture->path, "app.scope/memory.current", "4096\n");

  g_assert_false (mg_group_walker_walk (walker, groups, NULL, &error));
  g_assert_error (error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_MEMORY_CONTROLLER);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_cmpuint (groups->len, ==, 0);
}

static void
test_cancelled (void)
{
  g_autofree char *root = case_root ("v2-gnome");
  g_autofree char *cgroup_root = g_build_filename (root, "sys/fs/cgroup", NULL);
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (cgroup_root);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (groups, mg_group_new ("/already-there"));
  g_cancellable_cancel (cancellable);
  g_assert_false (mg_group_walker_walk (walker, groups, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* What the caller had stays; nothing half-walked is added. */
  g_assert_cmpuint (groups->len, ==, 1);
}

/* Deeper than MG_CGROUP_MAX_DEPTH: the group at that depth is the leaf, and its usage
 * holds everything below it (the kernel counts a group's descendants in it). */
static void
test_depth_limit (MgTestTempDir *fixture,
                  gconstpointer  data)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (fixture->path);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  const MgGroup *group;

  mg_test_write_file (fixture->path, "cgroup.controllers", "memory\n");
  for (guint depth = 1; depth <= MG_CGROUP_MAX_DEPTH + 8; depth++)
    {
      g_autofree char *procs = NULL;
      g_autofree char *current = NULL;

      g_string_append_printf (path, "/d%u", depth);
      procs = g_strconcat (path->str + 1, "/cgroup.procs", NULL);
      current = g_strconcat (path->str + 1, "/memory.current", NULL);
      mg_test_write_file (fixture->path, procs, "");
      mg_test_write_file (fixture->path, current, "1048576\n");
    }

  g_assert_true (mg_group_walker_walk (walker, groups, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  group = g_ptr_array_index (groups, 0);
  {
    g_auto(GStrv) parts = g_strsplit (group->path + 1, "/", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, MG_CGROUP_MAX_DEPTH);
  }
  g_assert_cmpuint (group->usage_kib, ==, 1024);
}

/* Every group gets its usage and hard limit; only the "n-detailed" largest the rest,
 * and the others say so (unknown, not absent). */
static void
test_details_for_the_largest (void)
{
  g_autofree char *root = case_root ("v2-gnome");
  g_autofree char *cgroup_root = g_build_filename (root, "sys/fs/cgroup", NULL);
  g_autoptr(MgGroupWalker) walker = g_object_new (MG_TYPE_CGROUP_WALKER, "root", cgroup_root,
                                                  "n-detailed", 2, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GError) error = NULL;
  const MgGroup *group;

  g_assert_true (mg_group_walker_walk (walker, groups, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 15);
  for (guint i = 0; i < groups->len; i++)
    {
      group = g_ptr_array_index (groups, i);
      g_assert_true (mg_group_has (group, MG_GROUP_HAS_USAGE));
      g_assert_true (mg_group_has (group, MG_GROUP_HAS_MAX_READ));
      g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_DETAILS), ==, i < 2);
      g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_PRESSURE), ==, i < 2);
      g_assert_cmpint (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS), ==, i < 2);
    }
  /* The largest two: Firefox's swap and stalls, Firefox ESR's OOM kills. */
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpuint (group->swap_kib, ==, 120 * 1024);
  g_assert_cmpfloat (group->pressure_some_avg10, ==, 2.5);
  group = g_ptr_array_index (groups, 1);
  g_assert_cmpuint (group->oom_kills, ==, 3);
  /* A hard limit is known for all; cups' 64 MiB far down the list too. */
  group = find_group (groups, "/system.slice/cups.service");
  g_assert_true (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_cmpuint (group->limit_kib, ==, 65536);
  /* journald's memory.high is a detail: unknown below the largest. */
  group = find_group (groups, "/system.slice/systemd-journald.service");
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_LIMIT));
  g_assert_false (mg_group_has (group, MG_GROUP_HAS_DETAILS));
}

/* This machine's own tree: whatever it holds, leaves never add up to more than the
 * whole, since no memory is counted twice. */
static void
test_real_root (void)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *root_usage = NULL;
  guint64 sum_kib = 0;
  MgCgroupLayout layout;

  if (!mg_group_walker_walk (walker, groups, NULL, &error))
    {
      /* A container without cgroupfs: the failure must be a clear one. */
      g_assert_true (g_error_matches (error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_HIERARCHY) ||
                     g_error_matches (error, MG_CGROUP_ERROR,
                                      MG_CGROUP_ERROR_NO_MEMORY_CONTROLLER));
      g_test_message ("no memory cgroups here: %s", error->message);
      return;
    }

  layout = mg_cgroup_walker_get_layout (MG_CGROUP_WALKER (walker));
  g_assert_cmpint (layout, !=, MG_CGROUP_LAYOUT_UNKNOWN);
  for (guint i = 0; i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      g_assert_true (group->path[0] == '/');
      g_assert_true (g_str_has_suffix (group->procs_path, "/cgroup.procs"));
      if (mg_group_has (group, MG_GROUP_HAS_USAGE))
        sum_kib += group->usage_kib;
    }

  if (layout != MG_CGROUP_LAYOUT_V2)
    {
      guint64 root_kib;

      g_assert_true (g_file_get_contents ("/sys/fs/cgroup/memory/memory.usage_in_bytes",
                                          &root_usage, NULL, NULL));
      root_kib = g_ascii_strtoull (root_usage, NULL, 10) / 1024;
      g_test_message ("%u leaves, %" G_GUINT64_FORMAT " KiB of %" G_GUINT64_FORMAT " KiB",
                      groups->len, sum_kib, root_kib);
      /* Some slack: the leaves are read a moment after the root would have been. */
      g_assert_cmpuint (sum_kib, <=, root_kib + 64 * 1024);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (generated_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cgroup-walker/case/%s", generated_cases[i].name);

      g_test_add_data_func (path, &generated_cases[i], test_case);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (real_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cgroup-walker/case/%s", real_cases[i].name);

      g_test_add_data_func (path, &real_cases[i], test_case);
    }
  g_test_add_func ("/cgroup-walker/broken", test_broken);
  g_test_add_func ("/cgroup-walker/missing-root", test_missing_root);
  mg_test_add_in_temp_dir ("/cgroup-walker/no-memory-controller", test_no_memory_controller);
  g_test_add_func ("/cgroup-walker/cancelled", test_cancelled);
  mg_test_add_in_temp_dir ("/cgroup-walker/depth-limit", test_depth_limit);
  g_test_add_func ("/cgroup-walker/details-for-the-largest", test_details_for_the_largest);
  g_test_add_func ("/cgroup-walker/real-root", test_real_root);

  return g_test_run ();
}
