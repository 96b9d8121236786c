/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSparkline: used memory over the last minutes, from the monitor's history ring. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mg-gauge.h"
#include "mg-sparkline.h"
#include "mg-sparkline-private.h"

#define LINE_WIDTH 2.0
#define MIN_WIDTH 160
#define MIN_HEIGHT 72
#define DEFAULT_RANGE_S 600

struct _MgSparkline {
  GtkDrawingArea  parent_instance;

  MgMonitor      *monitor;
  guint           range_s;

  /* One per device pixel column, recomputed only when the history, the size or the
   * range changed. */
  GArray         *columns;
  gboolean        dirty;
  int             first_filled;
  int             last_filled;
  int             scale;

  /* The plot beside the axis labels, in widget coordinates. */
  GdkRectangle    plot;
  MgSparklineAxisLabel axis[MG_SPARKLINE_N_AXIS_LABELS];

  /* The sample the read-out is about, by its time, so that it stays on that sample as
   * new ones come; the pointer's, or the keyboard's while focused. */
  gboolean        has_cursor;
  gboolean        pointer_inside;
  gint64          cursor_us;
  char           *readout;

  char           *summary;
  guint           n_draws;
};

enum {
  PROP_0,
  PROP_READOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MgSparkline, mg_sparkline, GTK_TYPE_DRAWING_AREA)

static const MgHistory *
get_history (MgSparkline *self)
{
  return mg_monitor_get_history (self->monitor);
}

static guint
history_length (MgSparkline *self)
{
  return self->monitor != NULL ? mg_history_get_length (get_history (self)) : 0;
}

/* The age of the cursor's sample, which the history still holds; -1 when there is none. */
static int
cursor_age (MgSparkline *self)
{
  guint length = history_length (self);
  guint age;

  if (!self->has_cursor || length == 0)
    return -1;

  /* The newest entry not newer than the cursor. */
  age = mg_sparkline_first_age_before (get_history (self), self->cursor_us + 1, 0, length);
  return age < length ? (int) age : -1;
}

static int
oldest_age_in_range (MgSparkline *self)
{
  return self->monitor != NULL
         ? mg_sparkline_oldest_age_in_range (get_history (self), self->range_s) : -1;
}

/* The accessible description is the read-out while there is one, so that a screen reader
 * follows the cursor, and the summary otherwise; the tooltip is always the summary. */
static void
update_texts (MgSparkline *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *readout = NULL;
  guint now_used = 0;
  int age = cursor_age (self);
  int oldest = oldest_age_in_range (self);
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  /* Time went on: a sample that left the range hands the cursor to the oldest inside. */
  if (age > oldest)
    {
      age = oldest;
      self->cursor_us = mg_history_get (get_history (self), (guint) age)->time_us;
    }

  if (self->monitor != NULL)
    mg_monitor_get_shown_percent (self->monitor, NULL, &now_used);
  summary = mg_sparkline_describe (self->range_s, self->columns, self->first_filled,
                                   self->last_filled,
                                   history_length (self) > 0 ? mg_history_get (get_history (self), 0) : NULL,
                                   now_used);
  if (age >= 0)
    readout = mg_sparkline_format_readout (mg_history_get (get_history (self), (guint) age),
                                           mg_history_get (get_history (self), 0)->time_us);
  else
    self->has_cursor = FALSE;

  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->summary);
    }
  if (g_strcmp0 (readout, self->readout) != 0)
    {
      g_free (self->readout);
      self->readout = g_steal_pointer (&readout);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
    }

  if (g_strcmp0 (atk_object_get_description (accessible),
                 self->readout != NULL ? self->readout : self->summary) != 0)
    atk_object_set_description (accessible, self->readout != NULL ? self->readout : self->summary);
}

static void
compute_columns (MgSparkline *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  guint n = (guint) MAX (self->plot.width, 0) * (guint) scale;

  self->dirty = FALSE;
  self->scale = scale;
  g_array_set_size (self->columns, n);
  if (n > 0)
    memset (self->columns->data, 0, n * sizeof (MgSparklineColumn));
  self->first_filled = -1;
  self->last_filled = -1;
  if (self->monitor != NULL)
    mg_sparkline_fill_columns (get_history (self), self->range_s,
                               mg_monitor_get_interval (self->monitor), self->columns,
                               &self->first_filled, &self->last_filled);

  update_texts (self);
}

static void
set_cursor_age (MgSparkline *self,
                int          age)
{
  self->has_cursor = age >= 0;
  if (self->has_cursor)
    self->cursor_us = mg_history_get (get_history (self), (guint) age)->time_us;
  update_texts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_cursor_at_x (MgSparkline *self,
                 double       x)
{
  if (self->monitor == NULL || self->plot.width <= 0)
    set_cursor_age (self, -1);
  else
    set_cursor_age (self, mg_sparkline_nearest_age (get_history (self), self->range_s,
                                                     (x - self->plot.x) / self->plot.width));
}

static gboolean
mg_sparkline_draw (GtkWidget *widget,
                   cairo_t   *cr)
{
  MgSparkline *self = MG_SPARKLINE (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = self->plot.width;
  double height = self->plot.height;
  int age;
  GdkRGBA fg;

  self->n_draws++;

  if (self->dirty || self->scale != gtk_widget_get_scale_factor (widget) ||
      self->columns->len != (guint) (width * gtk_widget_get_scale_factor (widget)))
    compute_columns (self);

  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &fg);
  mg_sparkline_draw_axis (widget, cr, &self->plot, self->axis, &fg);

  cairo_save (cr);
  cairo_translate (cr, self->plot.x, self->plot.y);
  mg_draw_rounded_rectangle (cr, 0, 0, width, height, MG_SPARKLINE_CORNER_RADIUS);
  cairo_clip (cr);

  if (self->monitor != NULL)
    mg_sparkline_draw_thresholds (cr, mg_monitor_get_level_params (self->monitor), &fg,
                                  width, height);

  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  mg_sparkline_draw_history (cr, self->columns, self->first_filled, self->last_filled,
                             self->scale, height);

  age = cursor_age (self);
  if (age >= 0)
    {
      const MgHistoryEntry *entry = mg_history_get (get_history (self), (guint) age);
      gint64 left_us = mg_history_get (get_history (self), 0)->time_us -
                       (gint64) self->range_s * G_USEC_PER_SEC;
      double x = (double) (entry->time_us - left_us) / (self->range_s * G_USEC_PER_SEC) * width;

      mg_sparkline_draw_cursor (cr, entry, &fg, CLAMP (x, 0, width - 1), height);
    }
  cairo_restore (cr);

  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  mg_draw_rounded_rectangle (cr, self->plot.x + 0.5, self->plot.y + 0.5, width - 1, height - 1,
                             MG_SPARKLINE_CORNER_RADIUS);
  cairo_stroke (cr);

  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (style, cr, self->plot.x, self->plot.y, width, height);

  return GDK_EVENT_PROPAGATE;
}

static void
relayout (MgSparkline *self)
{
  mg_sparkline_layout_axis (GTK_WIDGET (self), gtk_widget_get_allocated_width (GTK_WIDGET (self)),
                            gtk_widget_get_allocated_height (GTK_WIDGET (self)), &self->plot,
                            self->axis);
  self->dirty = TRUE;
}

static void
mg_sparkline_size_allocate (GtkWidget     *widget,
                            GtkAllocation *allocation)
{
  GTK_WIDGET_CLASS (mg_sparkline_parent_class)->size_allocate (widget, allocation);

  relayout (MG_SPARKLINE (widget));
}

static void
mg_sparkline_style_updated (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mg_sparkline_parent_class)->style_updated (widget);

  /* Another font, another size of the axis labels. */
  relayout (MG_SPARKLINE (widget));
  gtk_widget_queue_draw (widget);
}

static void
mg_sparkline_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mg_sparkline_parent_class)->map (widget);

  /* The history went on while hidden. */
  mg_sparkline_queue_update (MG_SPARKLINE (widget));
}

static void
mg_sparkline_get_preferred_width (GtkWidget *widget,
                                  int       *minimum,
                                  int       *natural)
{
  *minimum = *natural = MIN_WIDTH;
}

static void
mg_sparkline_get_preferred_height (GtkWidget *widget,
                                   int       *minimum,
                                   int       *natural)
{
  *minimum = *natural = MIN_HEIGHT;
}

/* Arriving by keyboard, the read-out starts at the newest sample; leaving, it ends unless
 * the pointer is still over the graph. */
static gboolean
mg_sparkline_focus_in_event (GtkWidget     *widget,
                             GdkEventFocus *event)
{
  MgSparkline *self = MG_SPARKLINE (widget);

  if (!self->has_cursor)
    set_cursor_age (self, history_length (self) > 0 ? 0 : -1);
  gtk_widget_queue_draw (widget);

  return GTK_WIDGET_CLASS (mg_sparkline_parent_class)->focus_in_event (widget, event);
}

static gboolean
mg_sparkline_focus_out_event (GtkWidget     *widget,
                              GdkEventFocus *event)
{
  MgSparkline *self = MG_SPARKLINE (widget);

  if (!self->pointer_inside)
    set_cursor_age (self, -1);
  gtk_widget_queue_draw (widget);

  return GTK_WIDGET_CLASS (mg_sparkline_parent_class)->focus_out_event (widget, event);
}

static gboolean
mg_sparkline_motion_notify_event (GtkWidget      *widget,
                                  GdkEventMotion *event)
{
  MgSparkline *self = MG_SPARKLINE (widget);

  self->pointer_inside = TRUE;
  set_cursor_at_x (self, event->x);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
mg_sparkline_leave_notify_event (GtkWidget        *widget,
                                 GdkEventCrossing *event)
{
  MgSparkline *self = MG_SPARKLINE (widget);

  self->pointer_inside = FALSE;
  /* With the focus, the keyboard's cursor stays where the pointer left it. */
  if (!gtk_widget_has_focus (widget))
    set_cursor_age (self, -1);

  return GDK_EVENT_PROPAGATE;
}

/* Left and Right step through the samples, Home and End go to the oldest and the newest. */
static gboolean
mg_sparkline_key_press_event (GtkWidget   *widget,
                              GdkEventKey *event)
{
  MgSparkline *self = MG_SPARKLINE (widget);
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();
  int oldest = oldest_age_in_range (self);
  int age = cursor_age (self);
  int target;

  if (modifiers != 0)
    return GTK_WIDGET_CLASS (mg_sparkline_parent_class)->key_press_event (widget, event);

  switch (event->keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = age < 0 ? 0 : MIN (age + 1, oldest);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = age < 0 ? 0 : MAX (age - 1, 0);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = oldest;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = 0;
      break;
    default:
      return GTK_WIDGET_CLASS (mg_sparkline_parent_class)->key_press_event (widget, event);
    }

  if (oldest >= 0)
    set_cursor_age (self, target);
  return GDK_EVENT_STOP;
}

static void
mg_sparkline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MgSparkline *self = MG_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_sparkline_dispose (GObject *object)
{
  MgSparkline *self = MG_SPARKLINE (object);

  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_sparkline_parent_class)->dispose (object);
}

static void
mg_sparkline_finalize (GObject *object)
{
  MgSparkline *self = MG_SPARKLINE (object);

  g_array_unref (self->columns);
  mg_sparkline_clear_axis (self->axis);
  g_free (self->readout);
  g_free (self->summary);

  G_OBJECT_CLASS (mg_sparkline_parent_class)->finalize (object);
}

static void
mg_sparkline_class_init (MgSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mg_sparkline_get_property;
  object_class->dispose = mg_sparkline_dispose;
  object_class->finalize = mg_sparkline_finalize;

  widget_class->draw = mg_sparkline_draw;
  widget_class->size_allocate = mg_sparkline_size_allocate;
  widget_class->style_updated = mg_sparkline_style_updated;
  widget_class->map = mg_sparkline_map;
  widget_class->get_preferred_width = mg_sparkline_get_preferred_width;
  widget_class->get_preferred_height = mg_sparkline_get_preferred_height;
  widget_class->focus_in_event = mg_sparkline_focus_in_event;
  widget_class->focus_out_event = mg_sparkline_focus_out_event;
  widget_class->motion_notify_event = mg_sparkline_motion_notify_event;
  widget_class->leave_notify_event = mg_sparkline_leave_notify_event;
  widget_class->key_press_event = mg_sparkline_key_press_event;

  /**
   * MgSparkline:readout:
   *
   * What the graph says about the sample under the pointer or the keyboard's cursor,
   * such as "3 min ago: 62 % used, High pressure"; %NULL when there is no cursor.
   */
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sparkline");
}

static void
mg_sparkline_init (MgSparkline *self)
{
  self->range_s = DEFAULT_RANGE_S;
  self->columns = g_array_new (FALSE, TRUE, sizeof (MgSparklineColumn));
  self->dirty = TRUE;
  self->scale = 1;
  self->first_filled = -1;
  self->last_filled = -1;

  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_FOCUS_CHANGE_MASK | GDK_KEY_PRESS_MASK |
                         GDK_POINTER_MOTION_MASK | GDK_LEAVE_NOTIFY_MASK);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (mg_sparkline_queue_update), NULL);
  atk_object_set_role (gtk_widget_get_accessible (GTK_WIDGET (self)), ATK_ROLE_CHART);
}

GtkWidget *
mg_sparkline_new (void)
{
  return g_object_new (MG_TYPE_SPARKLINE, NULL);
}

void
mg_sparkline_set_monitor (MgSparkline *self,
                          MgMonitor   *monitor)
{
  g_return_if_fail (MG_IS_SPARKLINE (self));
  g_return_if_fail (monitor == NULL || MG_IS_MONITOR (monitor));

  if (g_set_object (&self->monitor, monitor))
    mg_sparkline_queue_update (self);
}

void
mg_sparkline_set_range (MgSparkline *self,
                        guint        seconds)
{
  g_return_if_fail (MG_IS_SPARKLINE (self));
  g_return_if_fail (seconds > 0);

  if (self->range_s == seconds)
    return;

  self->range_s = seconds;
  mg_sparkline_queue_update (self);
}

guint
mg_sparkline_get_range (MgSparkline *self)
{
  g_return_val_if_fail (MG_IS_SPARKLINE (self), 0);

  return self->range_s;
}

void
mg_sparkline_queue_update (MgSparkline *self)
{
  g_return_if_fail (MG_IS_SPARKLINE (self));

  self->dirty = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* At once, so that the accessible description is current even if this part of the
   * window is scrolled out of view and not drawn. */
  compute_columns (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mg_sparkline_get_n_draws (MgSparkline *self)
{
  g_return_val_if_fail (MG_IS_SPARKLINE (self), 0);

  return self->n_draws;
}

gboolean
mg_sparkline_get_extent (MgSparkline *self,
                         double      *x_first,
                         double      *x_last)
{
  g_return_val_if_fail (MG_IS_SPARKLINE (self), FALSE);

  if (self->first_filled < 0)
    return FALSE;

  if (x_first != NULL)
    *x_first = self->plot.x + (double) self->first_filled / self->scale;
  if (x_last != NULL)
    *x_last = self->plot.x + (double) (self->last_filled + 1) / self->scale;
  return TRUE;
}

void
mg_sparkline_get_plot_area (MgSparkline  *self,
                            GdkRectangle *plot)
{
  g_return_if_fail (MG_IS_SPARKLINE (self));
  g_return_if_fail (plot != NULL);

  *plot = self->plot;
}

gboolean
mg_sparkline_get_axis_label (MgSparkline   *self,
                             guint          index,
                             const char   **text,
                             GdkRectangle  *rect)
{
  g_return_val_if_fail (MG_IS_SPARKLINE (self), FALSE);

  if (index >= MG_SPARKLINE_N_AXIS_LABELS || self->axis[index].text == NULL)
    return FALSE;

  if (text != NULL)
    *text = self->axis[index].text;
  if (rect != NULL)
    *rect = self->axis[index].rect;
  return TRUE;
}

const char *
mg_sparkline_get_readout (MgSparkline *self)
{
  g_return_val_if_fail (MG_IS_SPARKLINE (self), NULL);

  return self->readout;
}
