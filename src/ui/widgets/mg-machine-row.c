/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineRow: one remote machine in the gauge window's "Machines": its name, level in
 * words and colour, used %, swap, stalls and last contact, or why it does not answer. */

#define G_LOG_DOMAIN "memgauge-machine-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-level-style.h"
#include "mg-machine-row.h"
#include "mg-machine-text.h"
#include "mg-widget-util.h"

/* The level's dot, in pixels: as tall as a line of the name. */
#define DOT_SIZE 12

struct _MgMachineRow {
  GtkListBoxRow    parent_instance;

  MgRemoteMachine *machine;
  MgLevel          level;

  GtkWidget       *dot;
  GtkLabel        *name;
  GtkLabel        *level_words;
  GtkLabel        *used;
  GtkLabel        *details;
};

G_DEFINE_FINAL_TYPE (MgMachineRow, mg_machine_row, GTK_TYPE_LIST_BOX_ROW)

/* The level's colour, the same as the tray icon's and the gauge's: the words beside it
 * carry the meaning. */
static gboolean
on_dot_draw (GtkWidget    *widget,
             cairo_t      *cr,
             MgMachineRow *self)
{
  const MgLevelStyle *style = mg_level_style_get (self->level);
  double width = gtk_widget_get_allocated_width (widget);
  double height = gtk_widget_get_allocated_height (widget);

  cairo_set_source_rgb (cr, style->red, style->green, style->blue);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
  return GDK_EVENT_PROPAGATE;
}

/* Joins the non-%NULL parts of @parts with " · " (or ", " for a screen reader). */
static char *
join_parts (char       **parts,
            guint        n_parts,
            const char  *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
mg_machine_row_update (MgMachineRow *self)
{
  MgMonitor *monitor = NULL;
  const MgSample *sample = NULL;
  MgLevel level;
  const char *problem;
  const char *level_label;
  g_autofree char *name = NULL;
  g_autofree char *used = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *last_contact = NULL;
  g_autofree char *details = NULL;
  g_autofree char *spoken = NULL;
  g_autofree char *accessible = NULL;
  char *parts[4] = { NULL, };
  gboolean changed;

  g_return_val_if_fail (MG_IS_MACHINE_ROW (self), FALSE);

  monitor = mg_remote_machine_get_monitor (self->machine);
  level = mg_monitor_get_level (monitor);
  sample = mg_monitor_get_sample (monitor);
  problem = mg_machine_text_problem (self->machine);
  level_label = mg_level_style_get_label (level);
  changed = level != self->level;
  self->level = level;
  if (changed)
    gtk_widget_queue_draw (self->dot);

  name = g_utf8_make_valid (mg_remote_machine_get_name (self->machine), -1);
  mg_label_set_text_if_changed (self->name, name);
  mg_label_set_text_if_changed (self->level_words, level_label);

  contact = mg_machine_text_last_contact (self->machine, g_get_real_time ());
  /* Translators: when a remote machine last answered, "last contact 2 min ago" */
  last_contact = g_strdup_printf (C_("remote machine", "last contact %s"), contact);
  if (problem == NULL && sample != NULL)
    {
      g_autofree char *swap = mg_machine_text_swap (sample);

      used = mg_machine_text_used (monitor);
      parts[0] = swap != NULL
                 /* Translators: swap of a remote machine, "swap 172 KiB of 4.0 GiB" */
                 ? g_strdup_printf (C_("remote machine", "swap %s"), swap)
                 /* Translators: a remote machine without swap */
                 : g_strdup (C_("remote machine", "no swap"));
      parts[1] = mg_machine_text_stalls (sample);
      parts[2] = g_strdup (last_contact);
    }
  else
    {
      /* Unknown: why, how long already, and when it last answered. */
      parts[0] = g_strdup (problem);
      parts[1] = mg_machine_text_failing_for (self->machine, g_get_monotonic_time ());
      parts[2] = g_strdup (last_contact);
    }
  /* Empty, it keeps its room: the level's words stay lined up with the other rows'. */
  mg_label_set_text_if_changed (self->used, used != NULL ? used : "");
  details = join_parts (parts, G_N_ELEMENTS (parts), " · ");
  mg_label_set_text_if_changed (self->details, details);

  parts[3] = parts[2];
  parts[2] = parts[1];
  parts[1] = parts[0];
  parts[0] = g_steal_pointer (&used);
  spoken = join_parts (parts, G_N_ELEMENTS (parts), ", ");
  /* Translators: a remote machine's row for a screen reader: "web1: High pressure, 85 %
   * used, swap 1.0 GiB of 4.0 GiB, stalls 3 %, last contact just now" */
  accessible = g_strdup_printf (C_("remote machine", "%s: %s, %s"), name, level_label, spoken);
  mg_widget_set_accessible_name (GTK_WIDGET (self), accessible);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_free (parts[i]);

  return changed;
}

MgRemoteMachine *
mg_machine_row_get_machine (MgMachineRow *self)
{
  g_return_val_if_fail (MG_IS_MACHINE_ROW (self), NULL);

  return self->machine;
}

static void
mg_machine_row_dispose (GObject *object)
{
  MgMachineRow *self = MG_MACHINE_ROW (object);

  g_clear_object (&self->machine);

  G_OBJECT_CLASS (mg_machine_row_parent_class)->dispose (object);
}

static void
mg_machine_row_class_init (MgMachineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_machine_row_dispose;
}

static GtkLabel *
new_label (const char *name,
           const char *style_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  gtk_buildable_set_name (GTK_BUILDABLE (label), name);
  return GTK_LABEL (label);
}

static void
mg_machine_row_init (MgMachineRow *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-end-symbolic", GTK_ICON_SIZE_BUTTON);

  self->level = MG_LEVEL_UNKNOWN;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);

  self->dot = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->dot, DOT_SIZE, DOT_SIZE);
  gtk_widget_set_valign (self->dot, GTK_ALIGN_CENTER);
  gtk_buildable_set_name (GTK_BUILDABLE (self->dot), "machine_dot");
  g_signal_connect (self->dot, "draw", G_CALLBACK (on_dot_draw), self);

  self->name = new_label ("machine_name", "heading", 0.0f);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
  self->level_words = new_label ("machine_level", "heading", 1.0f);
  self->used = new_label ("machine_used", "numeric", 1.0f);
  /* "100 % used" and "2 % used" take the same room: the words line up across rows. */
  gtk_label_set_width_chars (self->used, 10);
  self->details = new_label ("machine_details", "dim-label", 0.0f);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->details)),
                               "caption");
  gtk_label_set_line_wrap (self->details, TRUE);
  gtk_label_set_line_wrap_mode (self->details, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->details, 50);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_grid_attach (GTK_GRID (grid), self->dot, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->name), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->level_words), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->used), 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->details), 1, 1, 3, 1);
  /* The row opens the machine's own gauge, as a row with an arrow does in GNOME. */
  gtk_style_context_add_class (gtk_widget_get_style_context (arrow), "dim-label");
  gtk_grid_attach (GTK_GRID (grid), arrow, 4, 0, 1, 2);
  gtk_widget_set_margin_start (grid, 8);
  gtk_widget_set_margin_end (grid, 4);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  gtk_widget_show_all (grid);
  gtk_container_add (GTK_CONTAINER (self), grid);
}

GtkWidget *
mg_machine_row_new (MgRemoteMachine *machine)
{
  MgMachineRow *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (machine), NULL);

  self = g_object_new (MG_TYPE_MACHINE_ROW, NULL);
  self->machine = g_object_ref (machine);
  url = g_utf8_make_valid (mg_remote_machine_get_url (machine), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), url);
  mg_widget_set_accessible_description (GTK_WIDGET (self), url);
  self->level = mg_monitor_get_level (mg_remote_machine_get_monitor (machine));
  mg_machine_row_update (self);
  return GTK_WIDGET (self);
}
