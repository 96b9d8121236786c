/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Apps and Containers" tests' fixture (tests/ui/test-group-list.c,
 * test-group-list-podman.c): the gauge window's fixture, a copy of a cgroup fixture tree,
 * a walker that can add a growth rate or leave groups out, and what the tests read the
 * rows with. */
#pragma once

#include "gauge-window-fixture.h"
#include "mg-cgroup-walker.h"
#include "mg-group-list.h"
#include "mg-group-row.h"

G_BEGIN_DECLS

/* A walker over another that adds a growth rate to the group at @path, as the leak watch
 * of another unit would, and leaves out the groups below @drop_prefix. */
#define TEST_TYPE_GROWING_WALKER (test_growing_walker_get_type ())
G_DECLARE_FINAL_TYPE (TestGrowingWalker, test_growing_walker, TEST, GROWING_WALKER, GObject)

struct _TestGrowingWalker {
  GObject        parent_instance;
  MgGroupWalker *inner;
  const char    *path;
  guint64        growth_kib_per_hour;
  const char    *drop_prefix;
};

typedef struct {
  Fixture            gw;
  char              *cgroup_copy;
  char              *cgroup_root;
  TestGrowingWalker *walker;
  MgGroupScanner    *scanner;
  MgGroupList       *list;
  GPid               child;
} ListFixture;

/* For g_test_add(): @data names a folder of tests/fixtures/cgroup (NULL: a v2 root with
 * the memory controller and no group). */
void         list_set_up    (ListFixture   *fixture,
                             gconstpointer  data);
void         list_tear_down (ListFixture   *fixture,
                             gconstpointer  data);

GtkStack    *stack_of       (ListFixture   *fixture);
/* Shows the window and the section, and waits for the scan that showing starts. */
void         show_groups    (ListFixture   *fixture);
GtkWidget   *row_at         (ListFixture   *fixture,
                             guint          i);
GtkWidget   *row_part       (ListFixture   *fixture,
                             guint          i,
                             const char    *part);
/* A label of row @i, or %NULL when it is hidden. */
const char  *row_text       (ListFixture   *fixture,
                             guint          i,
                             const char    *part);
/* The row that shows @path. */
guint        row_of         (ListFixture   *fixture,
                             const char    *path);
/* Saves the window, scrolled to the section, as artefacts/group-list-STATE-VARIANT.png. */
void         save           (ListFixture   *fixture,
                             const char    *state);
/* A visible toplevel by its widget name, or %NULL. */
GtkWidget   *find_toplevel  (const char    *name);

G_END_DECLS
