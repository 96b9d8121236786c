/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgConsumerList: the largest processes, as an MgProcessScanner last found them, with
 * "End…" on the user's own. */

#define G_LOG_DOMAIN "memgauge-consumer-list"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-consumer-list.h"
#include "mg-format.h"
#include "mg-group-end-dialog.h"
#include "mg-group-ender.h"
#include "mg-widget-util.h"

struct _MgConsumerList {
  GtkBox            parent_instance;

  MgProcessScanner *scanner;
  gulong            updated_handler;

  GtkListBox       *list;
  GtkLabel         *caption;
  GtkWidget        *rows[MG_CONSUMER_LIST_N_ROWS];
  GtkLabel         *names[MG_CONSUMER_LIST_N_ROWS];
  GtkLabel         *sizes[MG_CONSUMER_LIST_N_ROWS];
  GtkLabel         *measures[MG_CONSUMER_LIST_N_ROWS];
  GtkStack         *end_slots[MG_CONSUMER_LIST_N_ROWS];
  GtkWidget        *end_buttons[MG_CONSUMER_LIST_N_ROWS];
  /* What each row shows, for its "End…". */
  MgProcessUsage    shown[MG_CONSUMER_LIST_N_ROWS];
};

G_DEFINE_FINAL_TYPE (MgConsumerList, mg_consumer_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SCANNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The row's tooltip, which a screen reader hears as its description: the command line (its
 * start when long), who runs it and the pid. */
static char *
describe_process (const MgProcessUsage *usage)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *cmdline = g_utf8_make_valid (usage->cmdline, -1);
  g_autofree char *user = g_utf8_make_valid (usage->user, -1);

  if (cmdline[0] != '\0')
    {
      g_string_append (text, cmdline);
      if (usage->cmdline_truncated)
        g_string_append (text, "…");
    }
  else
    {
      /* Translators: tooltip of a process that has no command line (a zombie) */
      g_string_append (text, _("No command line"));
    }
  g_string_append_c (text, '\n');
  if (usage->has_uid)
    /* Translators: tooltip of a process, "User: alice" */
    g_string_append_printf (text, _("User: %s"), user);
  else
    /* Translators: tooltip of a process whose owner cannot be read */
    g_string_append (text, _("User unknown"));
  g_string_append_c (text, '\n');
  /* Translators: tooltip of a process, "Process ID: 5669" */
  g_string_append_printf (text, _("Process ID: %u"), usage->pid);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_row (MgConsumerList       *self,
          guint                 i,
          const MgProcessUsage *usage)
{
  gboolean pss = usage->measure == MG_PROCESS_MEASURE_PSS;
  g_autofree char *name = g_utf8_make_valid (usage->name, -1);
  g_autofree char *size = mg_format_size_kib (usage->kib);
  g_autofree char *tooltip = describe_process (usage);
  g_autofree char *accessible = NULL;
  g_autofree char *old_tooltip = gtk_widget_get_tooltip_text (self->rows[i]);

  mg_label_set_text_if_changed (self->names[i], name);
  mg_label_set_text_if_changed (self->sizes[i], size);
  /* Translators: abbreviations of proportional and resident set size */
  mg_label_set_text_if_changed (self->measures[i], pss ? _("PSS") : _("RSS"));

  if (g_strcmp0 (old_tooltip, tooltip) != 0)
    gtk_widget_set_tooltip_text (self->rows[i], tooltip);
  accessible = g_strdup_printf (pss
                                /* Translators: accessible name, "firefox: 2.3 GiB, proportional set size" */
                                ? _("%s: %s, proportional set size")
                                /* Translators: accessible name, "postgres: 2.3 GiB, resident set size" */
                                : _("%s: %s, resident set size"),
                                name, size);
  mg_widget_set_accessible_name (self->rows[i], accessible);
  mg_widget_set_accessible_description (self->rows[i], tooltip);

  self->shown[i] = *usage;
  /* Other users' processes, MemGauge, init and the session's own get no button to
   * refuse; the check when it is pressed reads the real process again. */
  gtk_stack_set_visible_child_name (self->end_slots[i],
                                    mg_process_end_offered (usage) ? "end" : "none");
  {
    g_autofree char *end_name = g_strdup_printf (/* Translators: accessible name of the
                                                  * End button of a row, "End Firefox" */
                                                 _("End %s"), name);

    mg_widget_set_accessible_name (self->end_buttons[i], end_name);
  }
}

static void
on_end_done (gpointer user_data)
{
  /* The row goes as soon as the process is gone, not at the next sample. */
  mg_process_scanner_request_now (MG_PROCESS_SCANNER (user_data));
}

static void
on_end_clicked (GtkButton      *button,
                MgConsumerList *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  for (guint i = 0; i < MG_CONSUMER_LIST_N_ROWS; i++)
    if (self->end_buttons[i] == GTK_WIDGET (button) && self->scanner != NULL)
      mg_process_end_dialog_run (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                 &self->shown[i], on_end_done,
                                 g_object_ref (self->scanner), g_object_unref);
}

static void
on_updated (MgProcessScanner *scanner,
            gpointer          user_data)
{
  MgConsumerList *self = MG_CONSUMER_LIST (user_data);
  const GError *error = mg_process_scanner_get_error (scanner);
  const MgProcessUsage *found = NULL;
  gboolean any_rss = FALSE;
  guint n_shown;

  if (error != NULL)
    {
      g_autofree char *caption = NULL;

      /* The rows keep what the last scan found: better than nothing, and the caption
       * says that listing failed. */
      /* Translators: %s is an error message */
      caption = g_strdup_printf (_("Cannot list processes: %s"), error->message);
      mg_label_set_text_if_changed (self->caption, caption);
      return;
    }

  n_shown = mg_process_scanner_get_results (scanner, &found);
  if (n_shown > MG_CONSUMER_LIST_N_ROWS)
    n_shown = MG_CONSUMER_LIST_N_ROWS;
  for (guint i = 0; i < MG_CONSUMER_LIST_N_ROWS; i++)
    {
      gboolean visible = i < n_shown;

      gtk_widget_set_visible (self->rows[i], visible);
      gtk_widget_set_can_focus (self->rows[i], visible);
      if (!visible)
        continue;

      show_row (self, i, &found[i]);
      any_rss |= found[i].measure == MG_PROCESS_MEASURE_RSS;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), n_shown > 0);
  if (n_shown == 0)
    mg_label_set_text_if_changed (self->caption, _("No processes found."));
  else if (any_rss)
    mg_label_set_text_if_changed (self->caption,
                                  _("PSS, the proportional set size, splits memory that "
                                    "processes share between them. RSS, shown where PSS is "
                                    "not readable (processes of other users), counts "
                                    "shared memory in full."));
  else
    mg_label_set_text_if_changed (self->caption,
                                  _("By proportional set size (PSS): memory that processes "
                                    "share is split between them."));
}

MgProcessScanner *
mg_consumer_list_get_scanner (MgConsumerList *self)
{
  g_return_val_if_fail (MG_IS_CONSUMER_LIST (self), NULL);

  return self->scanner;
}

void
mg_consumer_list_set_scanner (MgConsumerList   *self,
                              MgProcessScanner *scanner)
{
  g_return_if_fail (MG_IS_CONSUMER_LIST (self));
  g_return_if_fail (scanner == NULL || MG_IS_PROCESS_SCANNER (scanner));

  if (self->scanner == scanner)
    return;

  if (self->scanner != NULL)
    g_clear_signal_handler (&self->updated_handler, self->scanner);
  g_set_object (&self->scanner, scanner);
  if (scanner != NULL)
    {
      self->updated_handler = g_signal_connect (scanner, "updated",
                                                G_CALLBACK (on_updated), self);
      /* A scanner that has already scanned: show that at once. */
      if (mg_process_scanner_get_n_scans (scanner) > 0)
        on_updated (scanner, self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNER]);
}

static GtkLabel *
add_label (GtkStyleContext **style,
           float             xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  *style = gtk_widget_get_style_context (label);
  return GTK_LABEL (label);
}

/* One focusable row per process, so that the keyboard reaches each and its tooltip (who
 * runs it, with what command line); the size columns line up through size groups. */
static void
build_rows (MgConsumerList *self)
{
  g_autoptr(GtkSizeGroup) size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_autoptr(GtkSizeGroup) measure_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < MG_CONSUMER_LIST_N_ROWS; i++)
    {
      g_autofree char *row_id = g_strdup_printf ("consumer_row_%u", i);
      g_autofree char *name_id = g_strdup_printf ("consumer_name_%u", i);
      g_autofree char *size_id = g_strdup_printf ("consumer_size_%u", i);
      g_autofree char *measure_id = g_strdup_printf ("consumer_measure_%u", i);
      g_autofree char *end_id = g_strdup_printf ("consumer_end_%u", i);
      GtkStyleContext *style;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      self->names[i] = add_label (&style, 0.0f);
      gtk_label_set_ellipsize (self->names[i], PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (GTK_WIDGET (self->names[i]), TRUE);

      self->sizes[i] = add_label (&style, 1.0f);
      gtk_style_context_add_class (style, "numeric");
      gtk_size_group_add_widget (size_group, GTK_WIDGET (self->sizes[i]));

      self->measures[i] = add_label (&style, 0.0f);
      gtk_style_context_add_class (style, "dim-label");
      gtk_style_context_add_class (style, "caption");
      gtk_size_group_add_widget (measure_group, GTK_WIDGET (self->measures[i]));

      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 2);
      gtk_widget_set_margin_bottom (box, 2);
      gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->names[i]));
      gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->sizes[i]));
      gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->measures[i]));

      /* Translators: the button of a process's row that ends it, after a question */
      self->end_buttons[i] = gtk_button_new_with_mnemonic (_("_End…"));
      gtk_widget_set_valign (self->end_buttons[i], GTK_ALIGN_CENTER);
      gtk_style_context_add_class (gtk_widget_get_style_context (self->end_buttons[i]), "flat");
      g_signal_connect (self->end_buttons[i], "clicked", G_CALLBACK (on_end_clicked), self);
      /* A stack keeps the column's width whether the button shows or not; a row without
       * the button keeps a label's height. */
      self->end_slots[i] = GTK_STACK (gtk_stack_new ());
      gtk_stack_set_vhomogeneous (self->end_slots[i], FALSE);
      gtk_stack_add_named (self->end_slots[i], self->end_buttons[i], "end");
      gtk_stack_add_named (self->end_slots[i], gtk_label_new (NULL), "none");
      gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->end_slots[i]));
      gtk_widget_show_all (box);
      gtk_stack_set_visible_child_name (self->end_slots[i], "none");

      self->rows[i] = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->rows[i]), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->rows[i]), FALSE);
      gtk_container_add (GTK_CONTAINER (self->rows[i]), box);
      /* Empty until the first scan, which follows the window's showing at once: the rows
       * take their room from the start, so that the window, sized to its content when
       * shown, has room for them. Nothing to reach by keyboard yet. */
      gtk_widget_set_can_focus (self->rows[i], FALSE);
      gtk_widget_show (self->rows[i]);
      gtk_list_box_insert (self->list, self->rows[i], -1);

      gtk_buildable_set_name (GTK_BUILDABLE (self->rows[i]), row_id);
      gtk_buildable_set_name (GTK_BUILDABLE (self->names[i]), name_id);
      gtk_buildable_set_name (GTK_BUILDABLE (self->sizes[i]), size_id);
      gtk_buildable_set_name (GTK_BUILDABLE (self->measures[i]), measure_id);
      gtk_buildable_set_name (GTK_BUILDABLE (self->end_buttons[i]), end_id);
    }
}

static void
mg_consumer_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MgConsumerList *self = MG_CONSUMER_LIST (object);

  switch (prop_id)
    {
    case PROP_SCANNER:
      mg_consumer_list_set_scanner (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_consumer_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MgConsumerList *self = MG_CONSUMER_LIST (object);

  switch (prop_id)
    {
    case PROP_SCANNER:
      g_value_set_object (value, self->scanner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_consumer_list_dispose (GObject *object)
{
  MgConsumerList *self = MG_CONSUMER_LIST (object);

  if (self->scanner != NULL)
    g_clear_signal_handler (&self->updated_handler, self->scanner);
  g_clear_object (&self->scanner);

  G_OBJECT_CLASS (mg_consumer_list_parent_class)->dispose (object);
}

static void
mg_consumer_list_class_init (MgConsumerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_consumer_list_set_property;
  object_class->get_property = mg_consumer_list_get_property;
  object_class->dispose = mg_consumer_list_dispose;

  properties[PROP_SCANNER] =
    g_param_spec_object ("scanner", NULL, NULL, MG_TYPE_PROCESS_SCANNER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_consumer_list_init (MgConsumerList *self)
{
  GtkStyleContext *style;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->list)), "frame");
  /* The heading above it is the gauge window's, beside the switch to "Apps and
   * Containers" (mg-gauge-window.ui). */
  mg_widget_set_accessible_name (GTK_WIDGET (self->list), _("Largest Consumers"));

  self->caption = add_label (&style, 0.0f);
  gtk_label_set_line_wrap (self->caption, TRUE);
  gtk_label_set_max_width_chars (self->caption, 40);
  gtk_style_context_add_class (style, "dim-label");
  gtk_style_context_add_class (style, "caption");
  gtk_label_set_text (self->caption, _("Looking for the largest consumers…"));

  /* The names the window's template gave them, which tests look them up by. */
  gtk_buildable_set_name (GTK_BUILDABLE (self->list), "consumers_list");
  gtk_buildable_set_name (GTK_BUILDABLE (self->caption), "consumers_caption");

  build_rows (self);
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->list));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->caption));
  gtk_widget_show (GTK_WIDGET (self->list));
  gtk_widget_show (GTK_WIDGET (self->caption));
}

GtkWidget *
mg_consumer_list_new (MgProcessScanner *scanner)
{
  g_return_val_if_fail (scanner == NULL || MG_IS_PROCESS_SCANNER (scanner), NULL);

  return g_object_new (MG_TYPE_CONSUMER_LIST, "scanner", scanner, NULL);
}
