/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineWindow: a remote machine's own gauge, opened from the gauge window's
 * "Machines". */

#define G_LOG_DOMAIN "memgauge-machine-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-format.h"
#include "mg-gauge.h"
#include "mg-level-style.h"
#include "mg-machine-text.h"
#include "mg-machine-window.h"
#include "mg-sparkline.h"
#include "mg-widget-util.h"

/* What the history shows: as the gauge window's default range. */
#define HISTORY_RANGE_S 600

typedef enum {
  VALUE_TOTAL,
  VALUE_AVAILABLE,
  VALUE_USED,
  VALUE_SWAP,
  VALUE_STALLS,
  VALUE_PROBLEM,
  VALUE_CONTACT,
  VALUE_URL,
  N_VALUES
} Value;

/* Keys of their own carry the context "remote machine"; the others are the gauge window's. */
static const struct {
  const char *id;
  const char *key;
  gboolean    remote;
} value_info[N_VALUES] = {
  [VALUE_TOTAL] = { "total", NC_("remote machine", "Total"), TRUE },
  [VALUE_AVAILABLE] = { "available", N_("Available") },
  [VALUE_USED] = { "used", N_("Used") },
  [VALUE_SWAP] = { "swap", N_("Swap") },
  /* Translators: PSI some avg10 of a remote machine */
  [VALUE_STALLS] = { "stalls", N_("Stalled, last 10 s") },
  /* Translators: why a remote machine has no level */
  [VALUE_PROBLEM] = { "problem", NC_("remote machine", "Not answering"), TRUE },
  [VALUE_CONTACT] = { "contact", NC_("remote machine", "Last contact"), TRUE },
  /* Translators: the URL a remote machine is read from */
  [VALUE_URL] = { "url", NC_("remote machine", "Address"), TRUE },
};

struct _MgMachineWindow {
  GtkApplicationWindow  parent_instance;

  MgRemoteFleet        *fleet;
  MgRemoteMachine      *machine;
  gulong                polled_handler;
  gulong                items_handler;

  GtkHeaderBar         *header;
  GtkWidget            *content;
  GtkLabel             *used_percent_label;
  GtkLabel             *level_label;
  MgGauge              *gauge;
  GtkLabel             *reason_label;
  MgSparkline          *sparkline;
  GtkStack             *history_footer;
  GtkWidget            *history_edges;
  GtkLabel             *history_start_label;
  GtkLabel             *history_readout_label;
  GtkGrid              *details;
  GtkWidget            *keys[N_VALUES];
  GtkLabel             *values[N_VALUES];
};

G_DEFINE_FINAL_TYPE (MgMachineWindow, mg_machine_window, GTK_TYPE_APPLICATION_WINDOW)

static const char *
key_text (Value value)
{
  if (value_info[value].remote)
    return g_dpgettext2 (GETTEXT_PACKAGE, "remote machine", value_info[value].key);
  return _(value_info[value].key);
}

/* @text %NULL hides the value and its key. */
static void
set_value (MgMachineWindow *self,
           Value            value,
           const char      *text)
{
  g_autofree char *name = NULL;

  gtk_widget_set_visible (self->keys[value], text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->values[value]), text != NULL);
  if (text == NULL)
    return;
  mg_label_set_text_if_changed (self->values[value], text);
  /* Translators: a value's accessible name, "Available: 3.5 GiB" */
  name = g_strdup_printf (_("%s: %s"), key_text (value), text);
  mg_widget_set_accessible_name (GTK_WIDGET (self->values[value]), name);
}

static void
set_value_kib (MgMachineWindow *self,
               Value            value,
               guint64          kib)
{
  g_autofree char *text = mg_format_size_kib (kib);

  set_value (self, value, text);
}

static void
refresh_level (MgMachineWindow *self,
               MgMonitor       *monitor)
{
  MgLevel level = mg_monitor_get_level (monitor);
  const MgSample *sample = mg_monitor_get_sample (monitor);
  const char *words = mg_level_style_get_label (level);
  g_autofree char *markup = NULL;
  guint used = 0;

  /* The words carry the meaning; the dot only repeats the gauge's colour. */
  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                    mg_level_style_get (level)->color, words);
  if (g_strcmp0 (gtk_label_get_label (self->level_label), markup) != 0)
    gtk_label_set_markup (self->level_label, markup);
  mg_widget_set_accessible_name (GTK_WIDGET (self->level_label), words);
  mg_label_set_text_if_changed (self->reason_label, mg_monitor_get_reason (monitor));

  mg_gauge_set_thresholds (self->gauge, mg_monitor_get_level_params (monitor));
  if (level != MG_LEVEL_UNKNOWN && sample != NULL &&
      mg_monitor_get_shown_percent (monitor, NULL, &used))
    {
      g_autofree char *percent = NULL;
      g_autofree char *name = NULL;

      mg_gauge_set_value (self->gauge, (double) mg_sample_used_kib (sample) /
                                       (double) mg_sample_total_kib (sample), level);
      /* Translators: used memory, "62 %" */
      percent = g_strdup_printf (_("%u %%"), used);
      /* Translators: accessible name of the big percentage */
      name = g_strdup_printf (_("%u %% of memory used"), used);
      mg_label_set_text_if_changed (self->used_percent_label, percent);
      mg_widget_set_accessible_name (GTK_WIDGET (self->used_percent_label), name);
      mg_widget_set_accessible_description (GTK_WIDGET (self->gauge), name);
    }
  else
    {
      mg_gauge_set_value (self->gauge, 0.0, MG_LEVEL_UNKNOWN);
      mg_label_set_text_if_changed (self->used_percent_label, "—");
      mg_widget_set_accessible_name (GTK_WIDGET (self->used_percent_label),
                                     _("Memory use unknown"));
      mg_widget_set_accessible_description (GTK_WIDGET (self->gauge), _("Memory use unknown"));
    }
}

static void
refresh (MgMachineWindow *self)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (self->machine);
  const MgSample *sample = mg_monitor_get_sample (monitor);
  const char *problem = mg_machine_text_problem (self->machine);
  g_autofree char *name = g_utf8_make_valid (mg_remote_machine_get_name (self->machine), -1);
  g_autofree char *contact = NULL;
  g_autofree char *failing = NULL;
  g_autofree char *problem_text = NULL;

  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), name) != 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), name);
      gtk_header_bar_set_title (self->header, name);
    }
  refresh_level (self, monitor);
  mg_sparkline_queue_update (self->sparkline);

  /* Without an answer there are no figures (the monitor keeps none while unknown): only
   * why, under "Not answering". */
  if (sample != NULL)
    {
      g_autofree char *swap = mg_machine_text_swap (sample);
      g_autofree char *stalls = NULL;

      set_value_kib (self, VALUE_TOTAL, mg_sample_total_kib (sample));
      set_value_kib (self, VALUE_AVAILABLE, mg_sample_available_kib (sample));
      set_value_kib (self, VALUE_USED, mg_sample_used_kib (sample));
      set_value (self, VALUE_SWAP, swap != NULL ? swap : _("No swap"));
      if (sample->has_psi)
        /* Translators: PSI, the share of time some tasks waited for memory; "some" is the
         * kernel's term */
        stalls = g_strdup_printf (_("some %.1f %%"), sample->psi.some.avg10);
      set_value (self, VALUE_STALLS, stalls);
    }
  else
    {
      for (Value v = VALUE_TOTAL; v <= VALUE_STALLS; v++)
        set_value (self, v, NULL);
    }

  failing = mg_machine_text_failing_for (self->machine, g_get_monotonic_time ());
  if (problem != NULL)
    /* Translators: why a remote machine does not answer and for how long,
     * "connection refused, for 3 min" */
    problem_text = failing != NULL
                   ? g_strdup_printf (C_("remote machine", "%s, %s"), problem, failing)
                   : g_strdup (problem);
  set_value (self, VALUE_PROBLEM, problem_text);
  contact = mg_machine_text_last_contact (self->machine, g_get_real_time ());
  set_value (self, VALUE_CONTACT, contact);
  set_value (self, VALUE_URL, mg_remote_machine_get_url (self->machine));
}

static void
on_machine_polled (MgRemoteFleet         *fleet,
                   const MgRemoteMachine *machine,
                   MgMachineWindow       *self)
{
  if (machine == self->machine)
    refresh (self);
}

/* Its machine gone from the settings (or from Prometheus), the window has nothing to show. */
static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  MgMachineWindow *self)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgRemoteMachine) item = g_list_model_get_item (model, i);

      if (item == self->machine)
        {
          refresh (self);
          return;
        }
    }
  g_debug ("%s left the fleet: closing its window", mg_remote_machine_get_id (self->machine));
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
mg_machine_window_map (GtkWidget *widget)
{
  MgMachineWindow *self = MG_MACHINE_WINDOW (widget);

  GTK_WIDGET_CLASS (mg_machine_window_parent_class)->map (widget);

  /* Live only while visible; the fleet polls anyway, this only asks for it sooner. */
  if (self->polled_handler == 0)
    self->polled_handler = g_signal_connect (self->fleet, "machine-polled",
                                             G_CALLBACK (on_machine_polled), self);
  refresh (self);
  mg_remote_fleet_poll_now (self->fleet);
}

static void
mg_machine_window_unmap (GtkWidget *widget)
{
  MgMachineWindow *self = MG_MACHINE_WINDOW (widget);

  if (self->fleet != NULL)
    g_clear_signal_handler (&self->polled_handler, self->fleet);

  GTK_WIDGET_CLASS (mg_machine_window_parent_class)->unmap (widget);
}

static gboolean
mg_machine_window_key_press_event (GtkWidget   *widget,
                                   GdkEventKey *event)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (event->keyval == GDK_KEY_Escape && modifiers == 0)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }
  return GTK_WIDGET_CLASS (mg_machine_window_parent_class)->key_press_event (widget, event);
}

static void
mg_machine_window_dispose (GObject *object)
{
  MgMachineWindow *self = MG_MACHINE_WINDOW (object);

  if (self->fleet != NULL)
    {
      g_clear_signal_handler (&self->polled_handler, self->fleet);
      g_clear_signal_handler (&self->items_handler, mg_remote_fleet_get_machines (self->fleet));
    }
  if (self->sparkline != NULL)
    mg_sparkline_set_monitor (self->sparkline, NULL);
  g_clear_object (&self->fleet);
  g_clear_object (&self->machine);

  G_OBJECT_CLASS (mg_machine_window_parent_class)->dispose (object);
}

static void
mg_machine_window_class_init (MgMachineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_machine_window_dispose;
  widget_class->map = mg_machine_window_map;
  widget_class->unmap = mg_machine_window_unmap;
  widget_class->key_press_event = mg_machine_window_key_press_event;

  g_type_ensure (MG_TYPE_GAUGE);
  g_type_ensure (MG_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-machine-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, header);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, content);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, used_percent_label);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, level_label);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, gauge);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, sparkline);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, history_footer);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, history_edges);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, history_start_label);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, history_readout_label);
  gtk_widget_class_bind_template_child (widget_class, MgMachineWindow, details);
}

static void
mg_machine_window_init (MgMachineWindow *self)
{
  g_autofree char *start = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (Value v = 0; v < N_VALUES; v++)
    {
      g_autofree char *key_id = g_strdup_printf ("%s_key", value_info[v].id);
      g_autofree char *value_id = g_strdup_printf ("%s_value", value_info[v].id);
      GtkWidget *key = gtk_label_new (key_text (v));
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (key), 1.0f);
      gtk_widget_set_valign (key, GTK_ALIGN_BASELINE);
      gtk_style_context_add_class (gtk_widget_get_style_context (key), "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_label_set_line_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_line_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 36);
      /* The URL and the figures can be copied with the keyboard too. */
      gtk_label_set_selectable (GTK_LABEL (value), v == VALUE_URL || v == VALUE_PROBLEM);
      gtk_style_context_add_class (gtk_widget_get_style_context (value), "numeric");
      gtk_buildable_set_name (GTK_BUILDABLE (key), key_id);
      gtk_buildable_set_name (GTK_BUILDABLE (value), value_id);
      atk_object_add_relationship (gtk_widget_get_accessible (value), ATK_RELATION_LABELLED_BY,
                                   gtk_widget_get_accessible (key));
      gtk_grid_attach (self->details, key, 0, (int) v, 1, 1);
      gtk_grid_attach (self->details, value, 1, (int) v, 1, 1);
      self->keys[v] = key;
      self->values[v] = GTK_LABEL (value);
    }

  mg_widget_set_accessible_name (GTK_WIDGET (self->gauge), _("Memory used"));
  mg_widget_set_accessible_name (GTK_WIDGET (self->sparkline), _("Memory use history"));
  mg_sparkline_set_range (self->sparkline, HISTORY_RANGE_S);
  start = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: the left edge of the history graph */
                                        "%u minute ago", "%u minutes ago", HISTORY_RANGE_S / 60),
                           HISTORY_RANGE_S / 60);
  gtk_label_set_text (self->history_start_label, start);
  mg_sparkline_attach_footer (self->sparkline, self->history_footer,
                              self->history_readout_label, self->history_edges);
}

/* Sized to its figures, not to empty labels, and to its natural width: GtkWindow's own
 * guess takes every wrapping label at its narrowest. The default size leaves out the
 * header bar, which GTK 3 adds (gtk_window_update_csd_size()); a screen too small for it
 * gets a scroll bar. */
static void
fit_content (MgMachineWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_widget_get_preferred_width (self->content, NULL, &width);
  gtk_widget_get_preferred_height_for_width (self->content, width, NULL, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

MgRemoteMachine *
mg_machine_window_get_machine (MgMachineWindow *self)
{
  g_return_val_if_fail (MG_IS_MACHINE_WINDOW (self), NULL);

  return self->machine;
}

MgMachineWindow *
mg_machine_window_present (GtkWindow       *parent,
                           MgRemoteFleet   *fleet,
                           MgRemoteMachine *machine)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  MgMachineWindow *self = NULL;
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MG_IS_REMOTE_FLEET (fleet), NULL);
  g_return_val_if_fail (MG_IS_REMOTE_MACHINE (machine), NULL);

  for (GList *l = toplevels; l != NULL && self == NULL; l = l->next)
    if (MG_IS_MACHINE_WINDOW (l->data) && MG_MACHINE_WINDOW (l->data)->machine == machine)
      self = l->data;

  if (self == NULL)
    {
      GListModel *model = mg_remote_fleet_get_machines (fleet);

      self = g_object_new (MG_TYPE_MACHINE_WINDOW, "application", app, NULL);
      self->fleet = g_object_ref (fleet);
      self->machine = g_object_ref (machine);
      self->items_handler = g_signal_connect (model, "items-changed",
                                              G_CALLBACK (on_items_changed), self);
      mg_sparkline_set_monitor (self->sparkline, mg_remote_machine_get_monitor (machine));
      refresh (self);
      fit_content (self);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
