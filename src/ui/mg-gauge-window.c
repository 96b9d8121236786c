/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGaugeWindow: the popup a person opens to understand the tray icon. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-consumer-list.h"
#include "mg-details-grid.h"
#include "mg-format.h"
#include "mg-gauge-window.h"
#include "mg-gauge.h"
#include "mg-group-list.h"
#include "mg-level-style.h"
#include "mg-machine-list.h"
#include "mg-sparkline.h"
#include "mg-widget-util.h"
#include "mg-window-fit.h"

struct _MgGaugeWindow {
  GtkApplicationWindow  parent_instance;

  MgMonitor            *monitor;
  MgProcessScanner     *scanner;
  GSettings            *settings;
  gulong                sample_handler;
  gulong                range_handler;

  /* Template children */
  GtkScrolledWindow    *scrolled;
  GtkWidget            *content;
  GtkLabel             *used_percent_label;
  GtkLabel             *used_of_total_label;
  GtkLabel             *level_label;
  MgGauge              *gauge;
  GtkLabel             *reason_label;
  MgSparkline          *sparkline;
  GtkStack             *history_footer;
  GtkWidget            *history_edges;
  GtkLabel             *history_start_label;
  GtkLabel             *history_readout_label;
  MgDetailsGrid        *details_grid;
  MgConsumerList       *consumer_list;
  MgGroupList          *group_list;
  GtkStack             *consumers_stack;
  GtkLabel             *consumers_heading;
  GtkWidget            *machine_list;

  int                   width;
  int                   height;
  gboolean              maximized;

  guint                 n_updates;
};

G_DEFINE_FINAL_TYPE (MgGaugeWindow, mg_gauge_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_SCANNER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_level (MgGaugeWindow *self,
              MgLevel        level)
{
  const char *label = mg_level_style_get_label (level);
  g_autofree char *markup = NULL;

  /* The words carry the meaning; the dot only repeats the gauge's color. */
  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                    mg_level_style_get (level)->color, label);
  if (g_strcmp0 (gtk_label_get_label (self->level_label), markup) != 0)
    gtk_label_set_markup (self->level_label, markup);
  mg_widget_set_accessible_name (GTK_WIDGET (self->level_label), label);
}

/* The used figure every view shows (mg_format_available_percent()). */
static guint
shown_used_percent (MgMonitor *monitor)
{
  guint used = 0;

  mg_monitor_get_shown_percent (monitor, NULL, &used);
  return used;
}

static void
update_gauge (MgGaugeWindow  *self,
              const MgSample *sample,
              MgLevel         level)
{
  const MgLevelParams *params = mg_monitor_get_level_params (self->monitor);
  g_autofree char *description = NULL;
  g_autofree char *total = NULL;
  double fraction = 0.0;

  mg_gauge_set_thresholds (self->gauge, params);

  if (sample == NULL)
    {
      mg_gauge_set_value (self->gauge, 0.0, MG_LEVEL_UNKNOWN);
      mg_widget_set_accessible_description (GTK_WIDGET (self->gauge),
                                            _("Memory use unknown"));
      return;
    }

  fraction = (double) mg_sample_used_kib (sample) / (double) mg_sample_total_kib (sample);
  mg_gauge_set_value (self->gauge, fraction, level);

  total = mg_format_size_kib (mg_sample_total_kib (sample));
  description = g_strdup_printf (/* Translators: the gauge's accessible description */
                                 _("%.0f %% of %s used, %s. The level rises at %.0f %%, "
                                   "%.0f %% and %.0f %% used."),
                                 /* The same figure as the big percentage */
                                 (double) shown_used_percent (self->monitor),
                                 total, mg_level_style_get_label (level),
                                 100.0 - params->low_percent, 100.0 - params->medium_percent,
                                 100.0 - params->high_percent);
  mg_widget_set_accessible_description (GTK_WIDGET (self->gauge), description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gauge), description);
}

static void
refresh (MgGaugeWindow *self)
{
  const MgSample *sample = mg_monitor_get_sample (self->monitor);
  MgLevel level = mg_monitor_get_level (self->monitor);

  self->n_updates++;

  update_level (self, level);
  update_gauge (self, sample, level);
  mg_label_set_text_if_changed (self->reason_label, mg_monitor_get_reason (self->monitor));
  mg_sparkline_queue_update (self->sparkline);

  if (sample != NULL)
    {
      g_autofree char *percent = NULL;
      g_autofree char *name = NULL;
      g_autofree char *used = mg_format_size_kib (mg_sample_used_kib (sample));
      g_autofree char *total = mg_format_size_kib (mg_sample_total_kib (sample));
      g_autofree char *of_total = NULL;
      guint shown = shown_used_percent (self->monitor);

      /* Translators: used memory, "62 %" */
      percent = g_strdup_printf (_("%u %%"), shown);
      /* Translators: accessible name of the big percentage */
      name = g_strdup_printf (_("%u %% of memory used"), shown);
      /* Translators: "14.5 GiB of 23.5 GiB used" */
      of_total = g_strdup_printf (_("%s of %s used"), used, total);
      mg_label_set_text_if_changed (self->used_percent_label, percent);
      mg_widget_set_accessible_name (GTK_WIDGET (self->used_percent_label), name);
      mg_label_set_text_if_changed (self->used_of_total_label, of_total);
      mg_details_grid_set_sample_from (self->details_grid, self->monitor, sample);
    }
  else
    {
      mg_label_set_text_if_changed (self->used_percent_label, "—");
      mg_widget_set_accessible_name (GTK_WIDGET (self->used_percent_label),
                                     _("Memory use unknown"));
      mg_label_set_text_if_changed (self->used_of_total_label, _("Memory use unknown"));
      mg_details_grid_set_sample (self->details_grid, NULL);
    }
}

static void
on_sample_updated (MgMonitor *monitor,
                   gpointer   user_data)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (user_data);

  refresh (self);
  mg_process_scanner_request (self->scanner);
}

static guint
history_range_seconds (GSettings *settings)
{
  g_autofree char *range = g_settings_get_string (settings, "history-range");

  return g_str_equal (range, "1h") ? 3600 : 600;
}

static void
on_history_range_changed (GSettings  *settings,
                          const char *key,
                          gpointer    user_data)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (user_data);
  guint seconds = history_range_seconds (settings);
  g_autofree char *start = NULL;

  if (seconds % 3600 == 0)
    start = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the left edge of the history graph */
                                          "%u hour ago", "%u hours ago", seconds / 3600),
                             seconds / 3600);
  else
    start = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the left edge of the history graph */
                                          "%u minute ago", "%u minutes ago", seconds / 60),
                             seconds / 60);

  mg_label_set_text_if_changed (self->history_start_label, start);
  mg_sparkline_set_range (self->sparkline, seconds);
}

static void
save_size (MgGaugeWindow *self)
{
  if (self->settings == NULL || self->width <= 0 || self->height <= 0)
    return;

  if (g_settings_get_int (self->settings, "gauge-width") != self->width)
    g_settings_set_int (self->settings, "gauge-width", self->width);
  if (g_settings_get_int (self->settings, "gauge-height") != self->height)
    g_settings_set_int (self->settings, "gauge-height", self->height);
}

static void
mg_gauge_window_show (GtkWidget *widget)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);
  gboolean had_focus = gtk_window_get_focus (GTK_WINDOW (self)) != NULL;

  /* Fill in the figures first, so that a window sized to its content is sized for them
   * and not for empty labels. A remembered size (gauge-width, gauge-height) wins. */
  refresh (self);
  if (!gtk_widget_get_realized (widget) &&
      (g_settings_get_int (self->settings, "gauge-width") <= 0 ||
       g_settings_get_int (self->settings, "gauge-height") <= 0))
    mg_window_fit_content (GTK_WINDOW (self), self->content, self->scrolled);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->show (widget);

  /* GtkWindow focuses the first widget, the gauge, without showing it: the first Tab
   * then went on to the range buttons, as if the gauge came last. With no focus, the
   * first Tab lands on the gauge, the top of the window. Shown again, the window keeps
   * the focus a person left it at. */
  if (!had_focus)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
mg_gauge_window_map (GtkWidget *widget)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->map (widget);

  /* Live only while visible: nothing is connected while the window is hidden. What it
   * shows at once may be a sample interval old; a fresh one follows soon. The scanner
   * refuses requests closer than its interval (10 s), so asking at every sample is
   * cheap. */
  if (self->sample_handler == 0)
    self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);
  mg_monitor_request_sample (self->monitor);
  refresh (self);
  mg_process_scanner_request (self->scanner);
}

static void
mg_gauge_window_unmap (GtkWidget *widget)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  g_clear_signal_handler (&self->sample_handler, self->monitor);
  /* Hidden, nobody needs the list: a scan under way is cut short. (Unmapped in
   * destruction too, after dispose has let go of the scanner.) */
  if (self->scanner != NULL)
    mg_process_scanner_cancel (self->scanner);
  save_size (self);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->unmap (widget);
}

static void
mg_gauge_window_size_allocate (GtkWidget     *widget,
                               GtkAllocation *allocation)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->size_allocate (widget, allocation);

  /* The size to restore is the unmaximized one, as gtk_window_set_default_size() takes it. */
  if (!self->maximized)
    gtk_window_get_size (GTK_WINDOW (widget), &self->width, &self->height);
}

static gboolean
mg_gauge_window_window_state_event (GtkWidget           *widget,
                                    GdkEventWindowState *event)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  self->maximized = (event->new_window_state & GDK_WINDOW_STATE_MAXIMIZED) != 0;

  return GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->window_state_event (widget, event);
}

/* Closing hides the window instead of destroying it: it opens again at once, as it was
 * (size, scroll position, range), and while hidden it is disconnected from the monitor,
 * so it costs a little memory and no work. */
static gboolean
mg_gauge_window_delete_event (GtkWidget   *widget,
                              GdkEventAny *event)
{
  gtk_widget_hide (widget);

  return GDK_EVENT_STOP;
}

static gboolean
mg_gauge_window_key_press_event (GtkWidget   *widget,
                                 GdkEventKey *event)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (event->keyval == GDK_KEY_Escape && modifiers == 0)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  return GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->key_press_event (widget, event);
}

static void
mg_gauge_window_constructed (GObject *object)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);
  g_autoptr(GAction) range_action = NULL;
  int width;
  int height;

  G_OBJECT_CLASS (mg_gauge_window_parent_class)->constructed (object);

  g_assert (self->monitor != NULL);
  g_assert (self->scanner != NULL);
  g_assert (self->settings != NULL);

  width = g_settings_get_int (self->settings, "gauge-width");
  height = g_settings_get_int (self->settings, "gauge-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  mg_sparkline_set_monitor (self->sparkline, self->monitor);
  mg_consumer_list_set_scanner (self->consumer_list, self->scanner);
  mg_group_list_set_monitor (self->group_list, self->monitor);
  range_action = g_settings_create_action (self->settings, "history-range");
  g_action_map_add_action (G_ACTION_MAP (self), range_action);
  self->range_handler = g_signal_connect (self->settings, "changed::history-range",
                                          G_CALLBACK (on_history_range_changed), self);
  on_history_range_changed (self->settings, "history-range", self);
}

static void
mg_gauge_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_SCANNER:
      self->scanner = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_gauge_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_SCANNER:
      g_value_set_object (value, self->scanner);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_gauge_window_dispose (GObject *object)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  if (self->scanner != NULL)
    mg_process_scanner_cancel (self->scanner);
  save_size (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->range_handler, self->settings);
  g_clear_object (&self->monitor);
  g_clear_object (&self->scanner);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_gauge_window_parent_class)->dispose (object);
}

static void
mg_gauge_window_class_init (MgGaugeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mg_gauge_window_constructed;
  object_class->set_property = mg_gauge_window_set_property;
  object_class->get_property = mg_gauge_window_get_property;
  object_class->dispose = mg_gauge_window_dispose;

  widget_class->show = mg_gauge_window_show;
  widget_class->map = mg_gauge_window_map;
  widget_class->unmap = mg_gauge_window_unmap;
  widget_class->size_allocate = mg_gauge_window_size_allocate;
  widget_class->window_state_event = mg_gauge_window_window_state_event;
  widget_class->delete_event = mg_gauge_window_delete_event;
  widget_class->key_press_event = mg_gauge_window_key_press_event;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCANNER] =
    g_param_spec_object ("scanner", NULL, NULL, MG_TYPE_PROCESS_SCANNER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MG_TYPE_CONSUMER_LIST);
  g_type_ensure (MG_TYPE_DETAILS_GRID);
  g_type_ensure (MG_TYPE_GAUGE);
  g_type_ensure (MG_TYPE_GROUP_LIST);
  g_type_ensure (MG_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-gauge-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, content);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, used_percent_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, used_of_total_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, level_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, gauge);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, sparkline);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, history_footer);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, history_edges);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, history_start_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, history_readout_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, consumer_list);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, group_list);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, details_grid);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, consumers_stack);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, consumers_heading);
}

static void
mg_gauge_window_init (MgGaugeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tab moves through the gauge, the range, the graph, "Change…" and the consumers: keep
   * the focused one in view. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->content),
                                       gtk_scrolled_window_get_vadjustment (self->scrolled));

  mg_widget_set_accessible_name (GTK_WIDGET (self->gauge), _("Memory used"));
  mg_widget_set_accessible_name (GTK_WIDGET (self->sparkline), _("Memory use history"));
  mg_sparkline_attach_footer (self->sparkline, self->history_footer,
                              self->history_readout_label, self->history_edges);
}

MgGaugeWindow *
mg_gauge_window_new (GtkApplication   *app,
                     MgMonitor        *monitor,
                     MgProcessScanner *scanner,
                     GSettings        *settings)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (scanner), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MG_TYPE_GAUGE_WINDOW,
                       "application", app,
                       "monitor", monitor,
                       "scanner", scanner,
                       "settings", settings,
                       NULL);
}

guint
mg_gauge_window_get_n_updates (MgGaugeWindow *self)
{
  g_return_val_if_fail (MG_IS_GAUGE_WINDOW (self), 0);

  return self->n_updates;
}

guint
mg_gauge_window_get_n_scans (MgGaugeWindow *self)
{
  g_return_val_if_fail (MG_IS_GAUGE_WINDOW (self), 0);

  return mg_process_scanner_get_n_scans (self->scanner);
}

void
mg_gauge_window_set_group_watch (MgGaugeWindow *self,
                                 MgGroupWatch  *watch)
{
  g_return_if_fail (MG_IS_GAUGE_WINDOW (self));

  mg_group_list_set_watch (self->group_list, watch);
}

void
mg_gauge_window_set_fleet (MgGaugeWindow *self,
                           MgRemoteFleet *fleet)
{
  g_return_if_fail (MG_IS_GAUGE_WINDOW (self));

  if (self->machine_list == NULL)
    {
      self->machine_list = mg_machine_list_new ();
      mg_machine_list_add_to_stack (MG_MACHINE_LIST (self->machine_list), self->consumers_stack,
                                    self->consumers_heading);
    }
  mg_machine_list_set_fleet (MG_MACHINE_LIST (self->machine_list), fleet);
}
