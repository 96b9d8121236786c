/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: one full group scan (MgCgroupWalker's walk, then naming and sorting, as
 * MgGroupScanner's worker and --json run it) of a generated cgroup v2 tree of 500 leaf
 * groups; fails above 10 ms. */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mg-cgroup-walker.h"
#include "mg-group-scanner.h"
#include "mg-test-util.h"

#define N_EACH 125
#define ROUNDS 41
#define TARGET_MS 10.0

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* A v2 group with every file the walker reads, as Linux 6.18 writes them. */
static void
write_group (const char *root,
             const char *path,
             guint64     bytes,
             gboolean    limited)
{
  static const char *const names[] = {
    "cgroup.procs", "cgroup.controllers", "memory.current", "memory.max", "memory.high",
    "memory.swap.current", "memory.events", "memory.pressure",
  };
  g_autofree char *current = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", bytes);
  g_autofree char *max = limited ? g_strdup_printf ("%" G_GUINT64_FORMAT "\n", bytes * 2)
                                 : g_strdup ("max\n");
  const char *contents[] = {
    "1234\n1235\n", "memory pids\n", current, max, "max\n", "0\n",
    "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n",
    "some avg10=0.00 avg60=0.00 avg300=0.00 total=1234\n"
    "full avg10=0.00 avg60=0.00 avg300=0.00 total=567\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat (path + 1, "/", names[i], NULL);

      mg_test_write_file (root, name, contents[i]);
    }
}

/* 500 leaves as a busy machine has them: services, desktop apps, podman containers and
 * Kubernetes containers, below the slices that hold them. */
static void
make_tree (const char *root)
{
  static const char *const parents[] = {
    "/system.slice", "/user.slice", "/user.slice/user-1000.slice",
    "/user.slice/user-1000.slice/user@1000.service",
    "/user.slice/user-1000.slice/user@1000.service/app.slice", "/machine.slice",
    "/kubepods.slice", "/kubepods.slice/kubepods-burstable.slice",
    "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f3b2a1c_4d5e.slice",
  };

  mg_test_write_file (root, "cgroup.controllers", "cpuset cpu io memory hugetlb pids\n");
  for (gsize i = 0; i < G_N_ELEMENTS (parents); i++)
    write_group (root, parents[i], 1u << 30, FALSE);

  for (guint i = 0; i < N_EACH; i++)
    {
      g_autofree char *service = g_strdup_printf ("/system.slice/service-%u.service", i);
      g_autofree char *app = g_strdup_printf ("/user.slice/user-1000.slice/user@1000.service/"
                                              "app.slice/app-gnome-org.example.App%u-%u.scope",
                                              i, 4000 + i);
      g_autofree char *podman = g_strdup_printf ("/machine.slice/libpod-%08x%056u.scope",
                                                 0x3f2a0000 + i, i);
      g_autofree char *kube = g_strdup_printf ("/kubepods.slice/kubepods-burstable.slice/"
                                               "kubepods-burstable-pod0f3b2a1c_4d5e.slice/"
                                               "cri-containerd-%08x%056u.scope",
                                               0x5a6b0000 + i, i);
      guint64 bytes = (guint64) (g_random_int () % 900000 + 100) * 1024;

      write_group (root, service, bytes, i % 4 == 0);
      write_group (root, app, bytes / 2, FALSE);
      write_group (root, podman, bytes / 3, TRUE);
      write_group (root, kube, bytes / 5, i % 2 == 0);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("memgauge-bench-cgroup-XXXXXX", &error);
  g_autoptr(MgGroupWalker) walker = NULL;
  g_autoptr(MgGroupNamer) namer = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  double times[ROUNDS];
  double cold, median;
  int status = 0;

  if (root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_random_set_seed (4242);
  make_tree (root);
  walker = mg_cgroup_walker_new (root);
  namer = mg_group_namer_new (root, root);

  /* The first scan also fills the namer's caches (desktop files, engines' metadata) and
   * pulls the dentries into the kernel's cache: timed apart. */
  cold = now_ms ();
  groups = mg_group_collect (walker, namer, NULL, &error);
  cold = now_ms () - cold;
  if (groups == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < ROUNDS; i++)
    {
      double start = now_ms ();
      g_autoptr(GPtrArray) again = mg_group_collect (walker, namer, NULL, NULL);

      times[i] = now_ms () - start;
      g_assert_cmpuint (again->len, ==, groups->len);
    }

  qsort (times, ROUNDS, sizeof times[0], compare_doubles);
  median = times[ROUNDS / 2];

  printf ("cgroup-scan: %u leaf groups; median %.2f ms, fastest %.2f ms, slowest %.2f ms "
          "over %u rounds, first (cold caches) %.2f ms (target < %.0f ms)\n",
          groups->len, median, times[0], times[ROUNDS - 1], ROUNDS, cold, TARGET_MS);
  for (guint i = 0; i < 3 && i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      printf ("  %s %s %" G_GUINT64_FORMAT " KiB\n", mg_group_kind_to_nick (group->kind),
              group->name, group->usage_kib);
    }

  if (groups->len != 4 * N_EACH)
    {
      printf ("FAIL: expected %u leaf groups\n", 4 * N_EACH);
      status = 1;
    }
  if (median >= TARGET_MS)
    {
      printf ("FAIL: the median scan takes %.2f ms, the target is under %.0f ms\n",
              median, TARGET_MS);
      status = 1;
    }

  if (g_getenv ("KEEP") == NULL)
    mg_test_remove_tree (root);
  else
    printf ("%s\n", root);

  return status;
}
