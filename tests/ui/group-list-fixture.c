/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "Apps and Containers" tests' fixture: see group-list-fixture.h. */

#include <signal.h>
#include <sys/wait.h>

#include "group-list-fixture.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"

static gboolean
growing_walk (MgGroupWalker  *walker,
              GPtrArray      *groups,
              GCancellable   *cancellable,
              GError        **error)
{
  TestGrowingWalker *self = TEST_GROWING_WALKER (walker);

  if (!mg_group_walker_walk (self->inner, groups, cancellable, error))
    return FALSE;
  for (guint i = 0; i < groups->len;)
    {
      MgGroup *group = g_ptr_array_index (groups, i);

      if (self->drop_prefix != NULL && g_str_has_prefix (group->path, self->drop_prefix))
        {
          g_ptr_array_remove_index (groups, i);
          continue;
        }
      if (self->path != NULL && g_str_equal (group->path, self->path))
        group->growth_kib_per_hour = self->growth_kib_per_hour;
      i++;
    }
  return TRUE;
}

static void
growing_iface_init (MgGroupWalkerInterface *iface)
{
  iface->walk = growing_walk;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestGrowingWalker, test_growing_walker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MG_TYPE_GROUP_WALKER, growing_iface_init))

static void
test_growing_walker_finalize (GObject *object)
{
  g_clear_object (&TEST_GROWING_WALKER (object)->inner);
  G_OBJECT_CLASS (test_growing_walker_parent_class)->finalize (object);
}

static void
test_growing_walker_class_init (TestGrowingWalkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_growing_walker_finalize;
}

static void
test_growing_walker_init (TestGrowingWalker *self)
{
}



void
list_set_up (ListFixture   *fixture,
             gconstpointer  data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_data = NULL;

  gw_fixture_set_up (&fixture->gw, NULL);

  fixture->cgroup_copy = g_dir_make_tmp ("memgauge-ui-cgroup-XXXXXX", &error);
  g_assert_no_error (error);
  if (name != NULL)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "cgroup", name,
                                                     NULL);
      g_autofree char *apps_from = g_build_filename (from, "home/.local/share/applications",
                                                     NULL);
      g_autofree char *apps_to = g_build_filename (g_get_user_data_dir (), "applications",
                                                   NULL);

      mg_test_remove_tree (fixture->cgroup_copy);
      mg_test_copy_tree (from, fixture->cgroup_copy);
      if (g_file_test (apps_from, G_FILE_TEST_IS_DIR))
        mg_test_copy_tree (apps_from, apps_to);
    }
  else
    {
      /* A v2 root with the memory controller and no group below it. */
      mg_test_write_file (fixture->cgroup_copy, "sys/fs/cgroup/cgroup.controllers",
                          "cpu io memory pids\n");
    }
  fixture->cgroup_root = g_build_filename (fixture->cgroup_copy, "sys/fs/cgroup", NULL);
  user_data = g_build_filename (fixture->cgroup_copy, "home/.local/share", NULL);

  fixture->walker = g_object_new (TEST_TYPE_GROWING_WALKER, NULL);
  fixture->walker->inner = mg_cgroup_walker_new (fixture->cgroup_root);
  fixture->scanner = mg_group_scanner_new (MG_GROUP_WALKER (fixture->walker),
                                           mg_group_namer_new (user_data, fixture->cgroup_copy));
  mg_group_scanner_set_min_interval (fixture->scanner, 0);

  fixture->list = MG_GROUP_LIST (gw_find_widget (&fixture->gw, "group_list"));
  g_assert_nonnull (fixture->list);
  mg_group_list_set_scanner (fixture->list, fixture->scanner);
}

void
list_tear_down (ListFixture   *fixture,
                gconstpointer  data)
{
  if (fixture->child != 0)
    {
      kill (fixture->child, SIGKILL);
      waitpid (fixture->child, NULL, 0);
    }
  gw_fixture_tear_down (&fixture->gw, data);
  while (mg_group_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&fixture->scanner);
  g_clear_object (&fixture->walker);
  mg_test_remove_tree (fixture->cgroup_copy);
  g_free (fixture->cgroup_copy);
  g_free (fixture->cgroup_root);
}

GtkStack *
stack_of (ListFixture *fixture)
{
  return GTK_STACK (gw_find_widget (&fixture->gw, "consumers_stack"));
}

/* Shows the window and the section, and waits for the scan that showing starts. */
void
show_groups (ListFixture *fixture)
{
  guint scans;

  gw_sample (&fixture->gw);
  gw_show_window (&fixture->gw);
  scans = mg_group_scanner_get_n_scans (fixture->scanner);
  gtk_stack_set_visible_child_name (stack_of (fixture), "groups");
  MG_TEST_WAIT_FOR (mg_group_scanner_get_n_scans (fixture->scanner) > scans);
  mg_test_ui_iterate_pending ();
}

GtkWidget *
row_at (ListFixture *fixture,
        guint        i)
{
  g_autofree char *id = g_strdup_printf ("group_row_%u", i);
  GtkWidget *row = gw_find_widget (&fixture->gw, id);

  g_assert_nonnull (row);
  return row;
}

GtkWidget *
row_part (ListFixture *fixture,
          guint        i,
          const char  *part)
{
  GtkWidget *widget = mg_test_ui_find_widget (row_at (fixture, i), part);

  g_assert_nonnull (widget);
  return widget;
}

const char *
row_text (ListFixture *fixture,
          guint        i,
          const char  *part)
{
  GtkWidget *label = row_part (fixture, i, part);

  /* A label that is hidden says nothing to a person. */
  if (!gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The row that shows @path. */
guint
row_of (ListFixture *fixture,
        const char  *path)
{
  for (guint i = 0; i < MG_GROUP_LIST_N_ROWS; i++)
    {
      GtkWidget *row = row_at (fixture, i);

      if (gtk_widget_get_visible (row) &&
          g_str_equal (mg_group_row_get_group (MG_GROUP_ROW (row))->path, path))
        return i;
    }
  g_assert_not_reached ();
}

void
save (ListFixture *fixture,
      const char  *state)
{
  g_autofree char *name = g_strdup_printf ("group-list-%s", state);
  GtkWidget *scrolled = gw_find_widget (&fixture->gw, "scrolled");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* The window is as tall as the screen lets it be: the picture shows the section,
   * scrolled to the bottom. */
  mg_test_ui_iterate_pending ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  mg_test_ui_run_for (100);
  mg_test_ui_save_png (GTK_WIDGET (fixture->gw.window), name);
}

GtkWidget *
find_toplevel (const char *name)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && g_str_equal (gtk_widget_get_name (l->data), name))
      return l->data;
  return NULL;
}
