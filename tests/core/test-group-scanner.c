/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgGroupScanner over copies of the cgroup fixture trees: results, signals,
 * coalescing, the rate limit, cancellation and doing nothing unasked. */

#include <string.h>

#include "mg-cgroup-walker.h"
#include "mg-group-scanner.h"
#include "mg-test-util.h"

#define WEB_SCOPE "/user.slice/user-1000.slice/user@1000.service/user.slice/" \
  "libpod-3f2a9c1b4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036.scope"

typedef struct {
  char           *root;
  char           *cgroup_root;
  MgGroupScanner *scanner;
  gint64          now_us;
  guint           n_updated;
  GThread        *updated_thread;
} Fixture;

static gint64
fake_time (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now_us;
}

static void
on_updated (MgGroupScanner *scanner,
            gpointer        user_data)
{
  Fixture *fixture = user_data;

  fixture->n_updated++;
  fixture->updated_thread = g_thread_self ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "cgroup",
                                                 "v2-podman-rootless", NULL);
  g_autofree char *user_data = NULL;
  g_autoptr(MgGroupWalker) walker = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-groups-XXXXXX", &error);
  g_assert_no_error (error);
  mg_test_remove_tree (fixture->root);
  mg_test_copy_tree (from, fixture->root);
  fixture->cgroup_root = g_build_filename (fixture->root, "sys/fs/cgroup", NULL);
  user_data = g_build_filename (fixture->root, "home/.local/share", NULL);

  walker = mg_cgroup_walker_new (fixture->cgroup_root);
  fixture->scanner = mg_group_scanner_new (walker, mg_group_namer_new (user_data, fixture->root));
  fixture->now_us = 1000 * G_USEC_PER_SEC;
  mg_group_scanner_set_time_func (fixture->scanner, fake_time, fixture);
  g_signal_connect (fixture->scanner, "updated", G_CALLBACK (on_updated), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mg_group_scanner_cancel (fixture->scanner);
  while (mg_group_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->scanner);
  mg_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->cgroup_root);
}

static void
wait_idle (Fixture *fixture)
{
  while (mg_group_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const MgGroup *
group_at (Fixture *fixture,
          guint    index)
{
  GPtrArray *groups = mg_group_scanner_get_groups (fixture->scanner);

  g_assert_cmpuint (index, <, groups->len);
  return g_ptr_array_index (groups, index);
}

/* A v2 group with @mib MiB and the files MgCgroupWalker reads. */
static void
add_group (Fixture    *fixture,
           const char *path,
           guint       mib)
{
  static const char *const files[] = {
    "cgroup.procs", "memory.max", "memory.high", "memory.swap.current", "memory.events",
    "memory.pressure",
  };
  static const char *const contents[] = {
    "", "max\n", "max\n", "0\n", "oom_kill 0\n",
    "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n",
  };
  g_autofree char *current = g_strdup_printf ("%u\n", mib * 1024 * 1024);
  g_autofree char *current_path = g_strconcat (path + 1, "/memory.current", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strconcat (path + 1, "/", files[i], NULL);

      mg_test_write_file (fixture->cgroup_root, name, contents[i]);
    }
  mg_test_write_file (fixture->cgroup_root, current_path, current);
}

static void
test_scan (Fixture       *fixture,
           gconstpointer  data)
{
  const MgGroup *web;

  g_assert_cmpuint (mg_group_scanner_get_groups (fixture->scanner)->len, ==, 0);
  g_assert_null (mg_group_scanner_get_error (fixture->scanner));

  g_assert_true (mg_group_scanner_request (fixture->scanner));
  g_assert_true (mg_group_scanner_is_scanning (fixture->scanner));
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_updated, ==, 1);
  /* On the thread whose main context created the scanner. */
  g_assert_true (fixture->updated_thread == g_thread_self ());
  g_assert_null (mg_group_scanner_get_error (fixture->scanner));
  g_assert_cmpuint (mg_group_scanner_get_groups (fixture->scanner)->len, ==, 4);

  web = group_at (fixture, 0);
  g_assert_cmpstr (web->name, ==, "web");
  g_assert_cmpint (web->kind, ==, MG_GROUP_KIND_CONTAINER);
  g_assert_cmpuint (web->usage_kib, ==, 490 * 1024);
  g_assert_cmpuint (web->limit_kib, ==, 512 * 1024);
  g_assert_cmpstr (group_at (fixture, 1)->name, ==, "podman 7c1d2e3f");
  g_assert_cmpstr (group_at (fixture, 2)->name, ==, "init");
  g_assert_cmpstr (group_at (fixture, 3)->name, ==, "podman conmon 3f2a9c1b");
}

/* Each scan sees the tree as it is now: a new app appears in its place by usage, a
 * removed container is gone, the rest keep their names. */
static void
test_rescan (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *web = g_build_filename (fixture->cgroup_root, WEB_SCOPE, NULL);

  mg_group_scanner_set_min_interval (fixture->scanner, 0);
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);

  /* Its slice must carry memory too, or v2 would show no memory files below it. */
  add_group (fixture, "/user.slice/user-1000.slice/user@1000.service/app.slice", 601);
  add_group (fixture, "/user.slice/user-1000.slice/user@1000.service/app.slice/"
             "app-gnome-org.example.Big-77.scope", 600);
  mg_test_remove_tree (web);
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_updated, ==, 2);
  g_assert_cmpuint (mg_group_scanner_get_groups (fixture->scanner)->len, ==, 4);
  g_assert_cmpstr (group_at (fixture, 0)->name, ==, "org.example.Big");
  g_assert_cmpint (group_at (fixture, 0)->kind, ==, MG_GROUP_KIND_APP);
  g_assert_cmpstr (group_at (fixture, 1)->name, ==, "podman 7c1d2e3f");
}

static void
test_coalesce (Fixture       *fixture,
               gconstpointer  data)
{
  mg_group_scanner_set_min_interval (fixture->scanner, 0);

  g_assert_true (mg_group_scanner_request (fixture->scanner));
  for (guint i = 0; i < 5; i++)
    g_assert_true (mg_group_scanner_request (fixture->scanner));
  g_assert_cmpuint (fixture->n_updated, ==, 0);

  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 2);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, 2);
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_cmpuint (mg_group_scanner_get_min_interval (fixture->scanner), ==, 5);

  g_assert_true (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);
  fixture->now_us += 4 * G_USEC_PER_SEC;
  g_assert_false (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 1);

  fixture->now_us += 1 * G_USEC_PER_SEC;
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 2);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  mg_group_scanner_set_min_interval (fixture->scanner, 0);

  g_assert_true (mg_group_scanner_request (fixture->scanner));
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  mg_group_scanner_cancel (fixture->scanner);
  g_assert_true (mg_group_scanner_is_scanning (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 0);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, 0);
  g_assert_cmpuint (mg_group_scanner_get_groups (fixture->scanner)->len, ==, 0);

  mg_group_scanner_set_min_interval (fixture->scanner, 5);
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  mg_group_scanner_cancel (fixture->scanner);
  g_assert_true (mg_group_scanner_request (fixture->scanner));
  wait_idle (fixture);
  g_assert_cmpuint (fixture->n_updated, ==, 1);
}

/* Nothing is read and no thread runs until someone asks: the hidden window's cost. */
static void
test_idle_until_asked (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (200, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
  g_assert_false (mg_group_scanner_is_scanning (fixture->scanner));
  g_assert_cmpuint (mg_group_scanner_get_n_scans (fixture->scanner), ==, 0);
  g_assert_cmpuint (fixture->n_updated, ==, 0);
}

static void
test_missing_root (void)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new ("/nonexistent/memgauge-cgroup");
  g_autoptr(MgGroupScanner) scanner = mg_group_scanner_new (walker, NULL);
  const GError *error;

  g_assert_true (mg_group_scanner_request (scanner));
  while (mg_group_scanner_is_scanning (scanner))
    g_main_context_iteration (NULL, TRUE);

  error = mg_group_scanner_get_error (scanner);
  g_assert_error ((GError *) error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_HIERARCHY);
  g_assert_cmpuint (mg_group_scanner_get_groups (scanner)->len, ==, 0);
  g_assert_cmpuint (mg_group_scanner_get_n_scans (scanner), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/group-scanner/scan", test_scan);
  ADD ("/group-scanner/rescan", test_rescan);
  ADD ("/group-scanner/coalesce", test_coalesce);
  ADD ("/group-scanner/rate-limit", test_rate_limit);
  ADD ("/group-scanner/cancel", test_cancel);
  ADD ("/group-scanner/idle-until-asked", test_idle_until_asked);
#undef ADD
  g_test_add_func ("/group-scanner/missing-root", test_missing_root);

  return g_test_run ();
}
