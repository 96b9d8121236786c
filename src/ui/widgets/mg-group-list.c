/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupList: "Apps and Containers", the largest control groups, scanned only while shown. */

#define G_LOG_DOMAIN "memgauge-group-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-cgroup-walker.h"
#include "mg-env.h"
#include "mg-group-end-dialog.h"
#include "mg-group-list.h"
#include "mg-group-row.h"
#include "mg-widget-util.h"

struct _MgGroupList {
  GtkBox          parent_instance;

  MgMonitor      *monitor;
  MgGroupScanner *scanner;
  MgGroupWatch   *watch;
  gulong          sample_handler;
  gulong          updated_handler;

  GtkListBox     *list;
  GtkLabel       *caption;
  GtkWidget      *rows[MG_GROUP_LIST_N_ROWS];
};

G_DEFINE_FINAL_TYPE (MgGroupList, mg_group_list, GTK_TYPE_BOX)

static void
on_updated (MgGroupScanner *scanner,
            gpointer        user_data)
{
  MgGroupList *self = MG_GROUP_LIST (user_data);
  const GError *error = mg_group_scanner_get_error (scanner);
  GPtrArray *groups = mg_group_scanner_get_groups (scanner);
  guint n_shown = 0;

  /* The leak hint comes from the app's watch, which follows the groups for an hour. */
  if (self->watch != NULL)
    mg_group_watch_apply_growth (self->watch, groups);

  for (guint i = 0; i < MG_GROUP_LIST_N_ROWS; i++)
    {
      gboolean visible = i < groups->len;

      gtk_widget_set_visible (self->rows[i], visible);
      gtk_widget_set_can_focus (self->rows[i], visible);
      if (!visible)
        continue;
      mg_group_row_set_group (MG_GROUP_ROW (self->rows[i]), g_ptr_array_index (groups, i));
      n_shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), n_shown > 0);

  if (error != NULL)
    {
      /* Translators: %s says why, such as "No memory controller below /sys/fs/cgroup…" */
      g_autofree char *caption = g_strdup_printf (_("Cannot list apps and containers: %s"),
                                                  error->message);

      mg_label_set_text_if_changed (self->caption, caption);
    }
  else
    mg_label_set_text_if_changed (self->caption,
                                  n_shown > 0
                                  ? _("Memory charged to each app, service and container, "
                                      "all its processes together. Hover over a row for "
                                      "its control group.")
                                  : _("No apps, services or containers use memory of their "
                                      "own here."));
}

static void
on_sample_updated (MgMonitor *monitor,
                   gpointer   user_data)
{
  MgGroupList *self = MG_GROUP_LIST (user_data);

  mg_group_scanner_request (self->scanner);
}

static void
on_end_done (gpointer user_data)
{
  mg_group_scanner_request_now (MG_GROUP_SCANNER (user_data));
}

static void
on_end_requested (MgGroupRow    *row,
                  const MgGroup *group,
                  MgGroupList   *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  /* The row goes as soon as the group is gone, not at the next sample. */
  mg_group_end_dialog_run (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL, group,
                           on_end_done,
                           g_object_ref (self->scanner), g_object_unref);
}

MgGroupScanner *
mg_group_list_get_scanner (MgGroupList *self)
{
  g_return_val_if_fail (MG_IS_GROUP_LIST (self), NULL);

  return self->scanner;
}

void
mg_group_list_set_scanner (MgGroupList    *self,
                           MgGroupScanner *scanner)
{
  g_return_if_fail (MG_IS_GROUP_LIST (self));
  g_return_if_fail (scanner == NULL || MG_IS_GROUP_SCANNER (scanner));

  if (self->scanner == scanner)
    return;
  if (self->scanner != NULL)
    {
      mg_group_scanner_cancel (self->scanner);
      g_clear_signal_handler (&self->updated_handler, self->scanner);
    }
  g_set_object (&self->scanner, scanner);
  if (scanner != NULL)
    {
      self->updated_handler = g_signal_connect (scanner, "updated",
                                                G_CALLBACK (on_updated), self);
      if (mg_group_scanner_get_n_scans (scanner) > 0)
        on_updated (scanner, self);
    }
}

void
mg_group_list_set_monitor (MgGroupList *self,
                           MgMonitor   *monitor)
{
  g_return_if_fail (MG_IS_GROUP_LIST (self));
  g_return_if_fail (monitor == NULL || MG_IS_MONITOR (monitor));

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->sample_handler = g_signal_connect (monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);
}

static void
mg_group_list_map (GtkWidget *widget)
{
  MgGroupList *self = MG_GROUP_LIST (widget);

  GTK_WIDGET_CLASS (mg_group_list_parent_class)->map (widget);

  if (self->scanner == NULL)
    {
      g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (mg_env_get_cgroup_root ());
      g_autoptr(MgGroupScanner) scanner = mg_group_scanner_new (walker, NULL);

      mg_group_list_set_scanner (self, scanner);
    }
  if (self->monitor != NULL && self->sample_handler == 0)
    self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);
  mg_group_scanner_request (self->scanner);
}

static void
mg_group_list_unmap (GtkWidget *widget)
{
  MgGroupList *self = MG_GROUP_LIST (widget);

  /* Hidden, or the other page shown: nobody looks, nothing runs. */
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  if (self->scanner != NULL)
    mg_group_scanner_cancel (self->scanner);

  GTK_WIDGET_CLASS (mg_group_list_parent_class)->unmap (widget);
}

void
mg_group_list_set_watch (MgGroupList  *self,
                         MgGroupWatch *watch)
{
  g_return_if_fail (MG_IS_GROUP_LIST (self));

  g_set_object (&self->watch, watch);
}

static void
mg_group_list_dispose (GObject *object)
{
  MgGroupList *self = MG_GROUP_LIST (object);

  mg_group_list_set_monitor (self, NULL);
  mg_group_list_set_scanner (self, NULL);
  g_clear_object (&self->watch);

  G_OBJECT_CLASS (mg_group_list_parent_class)->dispose (object);
}

static void
mg_group_list_class_init (MgGroupListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_group_list_dispose;
  widget_class->map = mg_group_list_map;
  widget_class->unmap = mg_group_list_unmap;
}

static void
mg_group_list_init (MgGroupList *self)
{
  GtkStyleContext *style;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->list)), "frame");
  mg_widget_set_accessible_name (GTK_WIDGET (self->list), _("Apps and Containers"));

  for (guint i = 0; i < MG_GROUP_LIST_N_ROWS; i++)
    {
      g_autofree char *id = g_strdup_printf ("group_row_%u", i);

      self->rows[i] = mg_group_row_new ();
      gtk_buildable_set_name (GTK_BUILDABLE (self->rows[i]), id);
      g_signal_connect (self->rows[i], "end-requested", G_CALLBACK (on_end_requested), self);
      gtk_widget_set_no_show_all (self->rows[i], TRUE);
      gtk_list_box_insert (self->list, self->rows[i], -1);
    }

  self->caption = GTK_LABEL (gtk_label_new (_("Looking for apps and containers…")));
  gtk_label_set_xalign (self->caption, 0.0f);
  gtk_label_set_line_wrap (self->caption, TRUE);
  gtk_label_set_max_width_chars (self->caption, 40);
  style = gtk_widget_get_style_context (GTK_WIDGET (self->caption));
  gtk_style_context_add_class (style, "dim-label");
  gtk_style_context_add_class (style, "caption");

  gtk_buildable_set_name (GTK_BUILDABLE (self->list), "groups_list");
  gtk_buildable_set_name (GTK_BUILDABLE (self->caption), "groups_caption");
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->list));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->caption));
  gtk_widget_set_no_show_all (GTK_WIDGET (self->list), TRUE);
  gtk_widget_show (GTK_WIDGET (self->caption));
}

GtkWidget *
mg_group_list_new (void)
{
  return g_object_new (MG_TYPE_GROUP_LIST, NULL);
}
