/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupRow: one app, service or container in "Apps and Containers": its name, icon,
 * usage, limit, OOM kills, stalls and growth, and "End…". */

#define G_LOG_DOMAIN "memgauge-group-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "mg-format.h"
#include "mg-group-ender.h"
#include "mg-group-row.h"
#include "mg-widget-util.h"

/* Stalls below this (some avg10, percent) are noise, not worth a word in a row. */
#define STALL_SHOWN_PERCENT 1.0

struct _MgGroupRow {
  GtkListBoxRow  parent_instance;

  MgGroup       *group;

  GtkImage      *icon;
  GtkLabel      *name;
  GtkLabel      *kind;
  GtkLabel      *usage;
  GtkLevelBar   *bar;
  GtkLabel      *limit;
  GtkLabel      *oom;
  GtkLabel      *stalls;
  GtkLabel      *growth;
  GtkButton     *end_button;
  GtkStack      *end_slot;
};

G_DEFINE_FINAL_TYPE (MgGroupRow, mg_group_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_END_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_word (MgGroupKind kind)
{
  switch (kind)
    {
    /* Translators: the kind of a control group, under its name */
    case MG_GROUP_KIND_APP: return _("App");
    /* Translators: the kind of a control group, under its name */
    case MG_GROUP_KIND_SERVICE: return _("Service");
    /* Translators: the kind of a control group, under its name */
    case MG_GROUP_KIND_CONTAINER: return _("Container");
    /* Translators: the kind of a control group (Kubernetes), under its name */
    case MG_GROUP_KIND_POD: return _("Pod");
    /* Translators: the kind of a control group, under its name */
    case MG_GROUP_KIND_SESSION: return _("Session");
    /* Translators: the kind of a control group (a systemd slice), under its name */
    case MG_GROUP_KIND_SLICE: return _("Slice");
    case MG_GROUP_KIND_OTHER:
    default:
      /* Translators: the kind of a control group that is none of the others */
      return _("Group");
    }
}

static const char *
fallback_icon (MgGroupKind kind)
{
  switch (kind)
    {
    case MG_GROUP_KIND_CONTAINER:
    case MG_GROUP_KIND_POD:
      return "package-x-generic-symbolic";
    case MG_GROUP_KIND_SERVICE:
    case MG_GROUP_KIND_SESSION:
      return "system-run-symbolic";
    case MG_GROUP_KIND_APP:
    case MG_GROUP_KIND_SLICE:
    case MG_GROUP_KIND_OTHER:
    default:
      return "application-x-executable-symbolic";
    }
}

/* The texts of the row's parts, shared by the labels and the accessible name. */
typedef struct {
  char *usage;
  char *limit;
  char *oom;
  char *stalls;
  char *growth;
  double fraction;
} Texts;

static void
texts_clear (Texts *texts)
{
  g_free (texts->usage);
  g_free (texts->limit);
  g_free (texts->oom);
  g_free (texts->stalls);
  g_free (texts->growth);
}

static void
make_texts (const MgGroup *group,
            Texts         *texts)
{
  double percent;

  memset (texts, 0, sizeof *texts);
  texts->usage = mg_group_has (group, MG_GROUP_HAS_USAGE)
                 ? mg_format_size_kib (group->usage_kib)
                 /* Translators: a group's memory use cannot be read */
                 : g_strdup (_("unknown"));
  if (mg_group_get_limit_percent (group, &percent))
    {
      g_autofree char *limit = mg_format_size_kib (group->limit_kib);

      texts->fraction = CLAMP (percent / 100.0, 0.0, 1.0);
      texts->limit = g_strdup_printf (group->limit_is_high
                                      /* Translators: "95 % of its 512 MiB limit" (memory.high) */
                                      ? _("%.0f %% of its %s soft limit")
                                      /* Translators: "95 % of its 64 MiB limit" */
                                      : _("%.0f %% of its %s limit"),
                                      floor (percent), limit);
    }
  if (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS) && group->oom_kills > 0)
    {
      guint kills = (guint) MIN (group->oom_kills, G_MAXUINT);

      texts->oom = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 /* Translators: a badge: processes the
                                                  * kernel ended when the group ran out of
                                                  * memory */
                                                 "%u OOM kill", "%u OOM kills", kills),
                                    kills);
    }
  if (mg_group_has (group, MG_GROUP_HAS_PRESSURE) &&
      group->pressure_some_avg10 >= STALL_SHOWN_PERCENT)
    /* Translators: share of the last 10 s its processes waited for memory, "stalls 12 %" */
    texts->stalls = g_strdup_printf (_("stalls %.0f %%"), group->pressure_some_avg10);
  if (group->growth_kib_per_hour > 0)
    {
      g_autofree char *rate = mg_format_size_kib (group->growth_kib_per_hour);

      /* Translators: the leak hint, "grows 1.2 GiB/h" */
      texts->growth = g_strdup_printf (_("grows %s/h"), rate);
    }
}

char *
mg_group_row_describe (const MgGroup *group)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Texts texts;

  g_return_val_if_fail (group != NULL, NULL);

  make_texts (group, &texts);
  /* Translators: accessible name of a group's row: "Firefox, app: 2.1 GiB" */
  g_string_append_printf (text, _("%s, %s: %s"), group->name != NULL ? group->name : group->path,
                          kind_word (group->kind), texts.usage);
  if (texts.limit != NULL)
    g_string_append_printf (text, ", %s", texts.limit);
  if (texts.oom != NULL)
    g_string_append_printf (text, ", %s", texts.oom);
  if (texts.stalls != NULL)
    g_string_append_printf (text, ", %s", texts.stalls);
  if (texts.growth != NULL)
    g_string_append_printf (text, ", %s", texts.growth);
  texts_clear (&texts);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An app's icon that the theme lacks (an uninstalled app's leftover scope) would be a
 * broken image: the kind's icon then, or none in a theme without either. */
static void
set_icon (MgGroupRow    *self,
          const MgGroup *group)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_screen (gtk_widget_get_screen (GTK_WIDGET (self)));
  const char *name = group->icon_name;

  if (name == NULL || !gtk_icon_theme_has_icon (theme, name))
    name = fallback_icon (group->kind);
  if (!gtk_icon_theme_has_icon (theme, name))
    name = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->icon), name != NULL);
  if (name != NULL)
    gtk_image_set_from_icon_name (self->icon, name, GTK_ICON_SIZE_LARGE_TOOLBAR);
}

static void
set_optional (GtkLabel   *label,
              const char *text)
{
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text != NULL)
    mg_label_set_text_if_changed (label, text);
}

void
mg_group_row_set_group (MgGroupRow    *self,
                        const MgGroup *group)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *old_tooltip = NULL;
  Texts texts;

  g_return_if_fail (MG_IS_GROUP_ROW (self));
  g_return_if_fail (group != NULL);

  g_clear_pointer (&self->group, mg_group_free);
  self->group = mg_group_copy (group);

  make_texts (group, &texts);
  name = g_utf8_make_valid (group->name != NULL ? group->name : group->path, -1);
  mg_label_set_text_if_changed (self->name, name);
  mg_label_set_text_if_changed (self->kind, kind_word (group->kind));
  mg_label_set_text_if_changed (self->usage, texts.usage);
  set_icon (self, group);

  gtk_widget_set_visible (GTK_WIDGET (self->bar), texts.limit != NULL);
  if (texts.limit != NULL)
    gtk_level_bar_set_value (self->bar, texts.fraction);
  set_optional (self->limit, texts.limit);
  set_optional (self->oom, texts.oom);
  set_optional (self->stalls, texts.stalls);
  set_optional (self->growth, texts.growth);
  texts_clear (&texts);
  /* The session, the desktop's shell and the like are never ended: no button to refuse. */
  gtk_stack_set_visible_child_name (self->end_slot,
                                    mg_group_is_session (group->path) ? "none" : "end");

  /* The full path tells groups of the same name apart; a screen reader hears it too. */
  tooltip = g_utf8_make_valid (group->path, -1);
  old_tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self));
  if (g_strcmp0 (tooltip, old_tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  description = mg_group_row_describe (group);
  mg_widget_set_accessible_name (GTK_WIDGET (self), description);
  mg_widget_set_accessible_description (GTK_WIDGET (self), tooltip);
  {
    g_autofree char *end_name = g_strdup_printf (/* Translators: accessible name of the
                                                  * End button of a row, "End Firefox" */
                                                 _("End %s"), name);

    mg_widget_set_accessible_name (GTK_WIDGET (self->end_button), end_name);
  }
}

const MgGroup *
mg_group_row_get_group (MgGroupRow *self)
{
  g_return_val_if_fail (MG_IS_GROUP_ROW (self), NULL);

  return self->group;
}

static void
on_end_clicked (GtkButton  *button,
                MgGroupRow *self)
{
  if (self->group != NULL)
    g_signal_emit (self, signals[SIGNAL_END_REQUESTED], 0, self->group);
}

static void
mg_group_row_finalize (GObject *object)
{
  MgGroupRow *self = MG_GROUP_ROW (object);

  g_clear_pointer (&self->group, mg_group_free);

  G_OBJECT_CLASS (mg_group_row_parent_class)->finalize (object);
}

static void
mg_group_row_class_init (MgGroupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mg_group_row_finalize;

  /**
   * MgGroupRow::end-requested:
   * @group: (type gpointer): the #MgGroup the row shows, valid during the emission
   *
   * A person pressed "End…".
   */
  signals[SIGNAL_END_REQUESTED] =
    g_signal_new ("end-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static GtkLabel *
new_label (const char *style_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  return GTK_LABEL (label);
}

static void
mg_group_row_init (MgGroupRow *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkStyleContext *style;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_START);
  self->name = new_label ("heading", 0.0f);
  gtk_label_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->name), TRUE);
  self->kind = new_label ("dim-label", 0.0f);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->kind)), "caption");
  self->usage = new_label ("numeric", 1.0f);
  self->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0.0, 1.0));
  /* A limit is not a battery: fuller is worse. GTK's offsets colour a full bar green;
   * ours (memgauge.css) turn it to the error colour from 90 %, where the near-limit
   * notification speaks. */
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->bar, "mg-below-limit", 0.9);
  gtk_level_bar_add_offset_value (self->bar, "mg-near-limit", 1.0);
  gtk_widget_set_valign (GTK_WIDGET (self->bar), GTK_ALIGN_CENTER);
  self->limit = new_label ("caption", 0.0f);
  self->oom = new_label ("mg-badge-oom", 0.0f);
  self->stalls = new_label ("mg-badge-stalls", 0.0f);
  self->growth = new_label ("mg-badge-growth", 0.0f);

  /* Translators: the button of a group's row that ends its processes, after a question */
  self->end_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_End…")));
  gtk_widget_set_valign (GTK_WIDGET (self->end_button), GTK_ALIGN_CENTER);
  style = gtk_widget_get_style_context (GTK_WIDGET (self->end_button));
  gtk_style_context_add_class (style, "flat");
  g_signal_connect (self->end_button, "clicked", G_CALLBACK (on_end_clicked), self);

  gtk_container_add (GTK_CONTAINER (badges), GTK_WIDGET (self->limit));
  gtk_container_add (GTK_CONTAINER (badges), GTK_WIDGET (self->oom));
  gtk_container_add (GTK_CONTAINER (badges), GTK_WIDGET (self->stalls));
  gtk_container_add (GTK_CONTAINER (badges), GTK_WIDGET (self->growth));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->icon), 0, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->name), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->usage), 2, 0, 1, 1);
  /* A row without the button keeps its room, so that the sizes line up. */
  self->end_slot = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->end_slot, GTK_WIDGET (self->end_button), "end");
  gtk_stack_add_named (self->end_slot, gtk_label_new (NULL), "none");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->end_slot), 3, 0, 1, 2);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->kind), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->bar), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), badges, 1, 2, 2, 1);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar), 80, -1);
  gtk_widget_set_margin_start (grid, 8);
  gtk_widget_set_margin_end (grid, 4);
  gtk_widget_set_margin_top (grid, 4);
  gtk_widget_set_margin_bottom (grid, 4);
  gtk_widget_show_all (grid);
  gtk_container_add (GTK_CONTAINER (self), grid);

  gtk_buildable_set_name (GTK_BUILDABLE (self->name), "group_name");
  gtk_buildable_set_name (GTK_BUILDABLE (self->kind), "group_kind");
  gtk_buildable_set_name (GTK_BUILDABLE (self->usage), "group_usage");
  gtk_buildable_set_name (GTK_BUILDABLE (self->bar), "group_bar");
  gtk_buildable_set_name (GTK_BUILDABLE (self->limit), "group_limit");
  gtk_buildable_set_name (GTK_BUILDABLE (self->oom), "group_oom");
  gtk_buildable_set_name (GTK_BUILDABLE (self->stalls), "group_stalls");
  gtk_buildable_set_name (GTK_BUILDABLE (self->growth), "group_growth");
  gtk_buildable_set_name (GTK_BUILDABLE (self->end_button), "group_end");
}

GtkWidget *
mg_group_row_new (void)
{
  return g_object_new (MG_TYPE_GROUP_ROW, NULL);
}
