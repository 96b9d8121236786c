/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineList: "Machines" of the gauge window, one #MgMachineRow per remote machine. */

#define G_LOG_DOMAIN "memgauge-machine-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-machine-list.h"
#include "mg-machine-row.h"
#include "mg-machine-window.h"
#include "mg-widget-util.h"

struct _MgMachineList {
  GtkBox         parent_instance;

  MgRemoteFleet *fleet;
  gulong         items_handler;
  gulong         polled_handler;
  guint          refresh_id;

  GtkListBox    *list;
  GtkLabel      *heading;
  char          *heading_text;
};

G_DEFINE_FINAL_TYPE (MgMachineList, mg_machine_list, GTK_TYPE_BOX)

static MgMachineRow *
find_row (MgMachineList         *self,
          const MgRemoteMachine *machine)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));

  for (GList *l = rows; l != NULL; l = l->next)
    if (mg_machine_row_get_machine (l->data) == machine)
      return l->data;
  return NULL;
}

static void
refresh_all (MgMachineList *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));

  for (GList *l = rows; l != NULL; l = l->next)
    mg_machine_row_update (l->data);
  gtk_list_box_invalidate_sort (self->list);
}

/* Rows come and go with the machines; the others keep their focus. */
static void
on_items_changed (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  MgMachineList *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  guint n = g_list_model_get_n_items (model);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      MgRemoteMachine *machine = mg_machine_row_get_machine (l->data);
      gboolean kept = FALSE;

      for (guint i = 0; i < n && !kept; i++)
        {
          g_autoptr(MgRemoteMachine) item = g_list_model_get_item (model, i);

          kept = item == machine;
        }
      if (!kept)
        gtk_widget_destroy (l->data);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgRemoteMachine) item = g_list_model_get_item (model, i);

      if (find_row (self, item) == NULL)
        {
          GtkWidget *row = mg_machine_row_new (item);

          gtk_widget_show (row);
          gtk_container_add (GTK_CONTAINER (self->list), row);
        }
    }
  /* A name may have changed too (a Prometheus server's first answer). */
  refresh_all (self);
  /* Only where there are remote machines is there a "Machines" page. */
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

static void
on_machine_polled (MgRemoteFleet   *fleet,
                   MgRemoteMachine *machine,
                   MgMachineList   *self)
{
  MgMachineRow *row = find_row (self, machine);

  if (row != NULL && mg_machine_row_update (row))
    gtk_list_box_invalidate_sort (self->list);
}

static gboolean
on_refresh (gpointer user_data)
{
  refresh_all (MG_MACHINE_LIST (user_data));
  return G_SOURCE_CONTINUE;
}

/* The worst first, as the tray's "worst" choice ranks them; then by name. */
static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  MgRemoteMachine *ma = mg_machine_row_get_machine (MG_MACHINE_ROW (a));
  MgRemoteMachine *mb = mg_machine_row_get_machine (MG_MACHINE_ROW (b));
  guint ra = mg_remote_fleet_rank (mg_monitor_get_level (mg_remote_machine_get_monitor (ma)));
  guint rb = mg_remote_fleet_rank (mg_monitor_get_level (mg_remote_machine_get_monitor (mb)));
  int by_name;

  if (ra != rb)
    return ra > rb ? -1 : 1;
  by_name = g_utf8_collate (mg_remote_machine_get_name (ma), mg_remote_machine_get_name (mb));
  if (by_name != 0)
    return by_name;
  return g_strcmp0 (mg_remote_machine_get_id (ma), mg_remote_machine_get_id (mb));
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  MgMachineList *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  mg_machine_window_present (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                             self->fleet, mg_machine_row_get_machine (MG_MACHINE_ROW (row)));
}

static void
follow (MgMachineList *self,
        gboolean       live)
{
  if (!live || self->fleet == NULL)
    {
      if (self->fleet != NULL)
        g_clear_signal_handler (&self->polled_handler, self->fleet);
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      return;
    }
  if (self->polled_handler == 0)
    self->polled_handler = g_signal_connect (self->fleet, "machine-polled",
                                             G_CALLBACK (on_machine_polled), self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (MG_MACHINE_LIST_REFRESH_S, on_refresh, self);
  /* What it shows at once may be a poll interval old: fresh answers follow soon. */
  refresh_all (self);
  mg_remote_fleet_poll_now (self->fleet);
}

void
mg_machine_list_set_fleet (MgMachineList *self,
                           MgRemoteFleet *fleet)
{
  GListModel *model;

  g_return_if_fail (MG_IS_MACHINE_LIST (self));
  g_return_if_fail (fleet == NULL || MG_IS_REMOTE_FLEET (fleet));

  if (self->fleet == fleet)
    return;
  follow (self, FALSE);
  if (self->fleet != NULL)
    g_clear_signal_handler (&self->items_handler, mg_remote_fleet_get_machines (self->fleet));
  g_set_object (&self->fleet, fleet);
  if (fleet == NULL)
    {
      g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));

      for (GList *l = rows; l != NULL; l = l->next)
        gtk_widget_destroy (l->data);
      gtk_widget_hide (GTK_WIDGET (self));
      return;
    }
  model = mg_remote_fleet_get_machines (fleet);
  self->items_handler = g_signal_connect (model, "items-changed",
                                          G_CALLBACK (on_items_changed), self);
  on_items_changed (model, 0, 0, g_list_model_get_n_items (model), self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    follow (self, TRUE);
}

static void
on_visible_page (GtkStack      *stack,
                 GParamSpec    *pspec,
                 MgMachineList *self)
{
  gboolean shown = gtk_stack_get_visible_child (stack) == GTK_WIDGET (self);

  mg_label_set_text_if_changed (self->heading, shown ? C_("remote machine", "Other Machines") : self->heading_text);
}

void
mg_machine_list_add_to_stack (MgMachineList *self,
                              GtkStack      *stack,
                              GtkLabel      *heading)
{
  g_return_if_fail (MG_IS_MACHINE_LIST (self));
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (GTK_IS_LABEL (heading));

  self->heading = heading;
  g_free (self->heading_text);
  self->heading_text = g_strdup (gtk_label_get_text (heading));
  /* Translators: the gauge window's page of remote machines, beside "Processes" */
  gtk_stack_add_titled (stack, GTK_WIDGET (self), "machines", C_("remote machine", "Machines"));
  /* Both live as long as the window. */
  g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (on_visible_page), self,
                           0);
}

GtkWidget *
mg_machine_list_get_row (MgMachineList *self,
                         const char    *id)
{
  g_autoptr(GList) rows = NULL;

  g_return_val_if_fail (MG_IS_MACHINE_LIST (self), NULL);

  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  for (GList *l = rows; l != NULL; l = l->next)
    if (g_strcmp0 (mg_remote_machine_get_id (mg_machine_row_get_machine (l->data)), id) == 0)
      return l->data;
  return NULL;
}

static void
mg_machine_list_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mg_machine_list_parent_class)->map (widget);

  follow (MG_MACHINE_LIST (widget), TRUE);
}

static void
mg_machine_list_unmap (GtkWidget *widget)
{
  /* Hidden, or another page shown: no timer, no signal but the list's. */
  follow (MG_MACHINE_LIST (widget), FALSE);

  GTK_WIDGET_CLASS (mg_machine_list_parent_class)->unmap (widget);
}

static void
mg_machine_list_dispose (GObject *object)
{
  MgMachineList *self = MG_MACHINE_LIST (object);

  mg_machine_list_set_fleet (self, NULL);
  g_clear_pointer (&self->heading_text, g_free);

  G_OBJECT_CLASS (mg_machine_list_parent_class)->dispose (object);
}

static void
mg_machine_list_class_init (MgMachineListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_machine_list_dispose;
  widget_class->map = mg_machine_list_map;
  widget_class->unmap = mg_machine_list_unmap;
}

static void
mg_machine_list_init (MgMachineList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);
  /* Shown by the fleet's first machine, not by a show_all of the window. */
  gtk_widget_set_no_show_all (GTK_WIDGET (self), TRUE);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->list)), "frame");
  mg_widget_set_accessible_name (GTK_WIDGET (self->list), C_("remote machine", "Other Machines"));
  gtk_buildable_set_name (GTK_BUILDABLE (self->list), "machines_list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);

  mg_widget_set_accessible_description (GTK_WIDGET (self->list),
                                        C_("remote machine", "Press Enter on a machine for its own gauge."));

  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->list));
  gtk_widget_show (GTK_WIDGET (self->list));
}

GtkWidget *
mg_machine_list_new (void)
{
  return g_object_new (MG_TYPE_MACHINE_LIST, NULL);
}
