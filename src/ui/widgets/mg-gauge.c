/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGauge: a horizontal bar of used memory, colored by level, with the threshold marks. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <string.h>

#include "mg-gauge.h"
#include "mg-level-style.h"

#define BAR_RADIUS 5.0
#define MIN_WIDTH 160
#define N_MARKS 3

struct _MgGauge {
  GtkDrawingArea parent_instance;

  double         fraction;
  MgLevel        level;
  /* Used fractions at which the level rises: low → medium, medium → high, high → critical. */
  double         marks[N_MARKS];
  guint          n_draws;
};

G_DEFINE_FINAL_TYPE (MgGauge, mg_gauge, GTK_TYPE_DRAWING_AREA)

void
mg_level_get_color (MgLevel  level,
                    GdkRGBA *color)
{
  const MgLevelStyle *style = mg_level_style_get (level);

  g_return_if_fail (color != NULL);

  *color = (GdkRGBA) { style->red, style->green, style->blue, 1.0 };
}

void
mg_draw_rounded_rectangle (cairo_t *cr,
                           double   x,
                           double   y,
                           double   width,
                           double   height,
                           double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI_2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI_2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI_2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
}

static gboolean
mg_gauge_draw (GtkWidget *widget,
               cairo_t   *cr)
{
  MgGauge *self = MG_GAUGE (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_allocated_width (widget);
  double height = gtk_widget_get_allocated_height (widget);
  double bar_y = (double) (int) ((height - MG_GAUGE_BAR_HEIGHT) / 2.0);
  GdkRGBA fg;
  GdkRGBA fill;

  self->n_draws++;

  /* The theme's text color, so that the trough and marks follow light and dark themes. */
  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &fg);
  mg_level_get_color (self->level, &fill);

  cairo_save (cr);
  mg_draw_rounded_rectangle (cr, 0, bar_y, width, MG_GAUGE_BAR_HEIGHT, BAR_RADIUS);
  cairo_clip_preserve (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_fill (cr);

  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_rectangle (cr, 0, bar_y, (double) (int) (width * self->fraction + 0.5), MG_GAUGE_BAR_HEIGHT);
  cairo_fill (cr);
  cairo_restore (cr);

  /* Ticks outside the bar say where each level starts; a faint line carries them across
   * it without hiding the fill's color. */
  for (guint i = 0; i < N_MARKS; i++)
    {
      double x;

      if (self->marks[i] <= 0.0 || self->marks[i] >= 1.0)
        continue;

      x = (double) (int) (width * self->marks[i] + 0.5) - 1.0;
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_rectangle (cr, x, bar_y - MG_GAUGE_MARK_OVERHANG, 2, MG_GAUGE_MARK_OVERHANG);
      cairo_rectangle (cr, x, bar_y + MG_GAUGE_BAR_HEIGHT, 2, MG_GAUGE_MARK_OVERHANG);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
      cairo_rectangle (cr, x + 0.5, bar_y, 1, MG_GAUGE_BAR_HEIGHT);
      cairo_fill (cr);
    }

  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (style, cr, 0, 0, width, height);

  return GDK_EVENT_PROPAGATE;
}

static void
mg_gauge_get_preferred_width (GtkWidget *widget,
                              int       *minimum,
                              int       *natural)
{
  *minimum = *natural = MIN_WIDTH;
}

static void
mg_gauge_get_preferred_height (GtkWidget *widget,
                               int       *minimum,
                               int       *natural)
{
  /* Two pixels more than the marks need, for the focus ring. */
  *minimum = *natural = MG_GAUGE_BAR_HEIGHT + 2 * MG_GAUGE_MARK_OVERHANG + 4;
}

static gboolean
mg_gauge_focus_in_event (GtkWidget     *widget,
                         GdkEventFocus *event)
{
  gtk_widget_queue_draw (widget);

  return GTK_WIDGET_CLASS (mg_gauge_parent_class)->focus_in_event (widget, event);
}

static gboolean
mg_gauge_focus_out_event (GtkWidget     *widget,
                          GdkEventFocus *event)
{
  gtk_widget_queue_draw (widget);

  return GTK_WIDGET_CLASS (mg_gauge_parent_class)->focus_out_event (widget, event);
}

static void
mg_gauge_class_init (MgGaugeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->draw = mg_gauge_draw;
  widget_class->get_preferred_width = mg_gauge_get_preferred_width;
  widget_class->get_preferred_height = mg_gauge_get_preferred_height;
  widget_class->focus_in_event = mg_gauge_focus_in_event;
  widget_class->focus_out_event = mg_gauge_focus_out_event;

  gtk_widget_class_set_css_name (widget_class, "gauge");
}

static void
mg_gauge_init (MgGauge *self)
{
  MgLevelParams params;

  self->level = MG_LEVEL_UNKNOWN;
  mg_level_params_init_default (&params);
  mg_gauge_set_thresholds (self, &params);

  /* Focusable, so that keyboard and screen reader users can land on it and hear it. */
  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_FOCUS_CHANGE_MASK);
  atk_object_set_role (gtk_widget_get_accessible (GTK_WIDGET (self)), ATK_ROLE_LEVEL_BAR);
}

GtkWidget *
mg_gauge_new (void)
{
  return g_object_new (MG_TYPE_GAUGE, NULL);
}

void
mg_gauge_set_value (MgGauge *self,
                    double   fraction,
                    MgLevel  level)
{
  g_return_if_fail (MG_IS_GAUGE (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->fraction == fraction && self->level == level)
    return;

  self->fraction = fraction;
  self->level = level;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
mg_gauge_get_fraction (MgGauge *self)
{
  g_return_val_if_fail (MG_IS_GAUGE (self), 0.0);

  return self->fraction;
}

MgLevel
mg_gauge_get_level (MgGauge *self)
{
  g_return_val_if_fail (MG_IS_GAUGE (self), MG_LEVEL_UNKNOWN);

  return self->level;
}

void
mg_gauge_set_thresholds (MgGauge             *self,
                         const MgLevelParams *params)
{
  double marks[N_MARKS];

  g_return_if_fail (MG_IS_GAUGE (self));
  g_return_if_fail (params != NULL);

  /* The rule is about available memory; the bar shows used memory. */
  marks[0] = 1.0 - params->low_percent / 100.0;
  marks[1] = 1.0 - params->medium_percent / 100.0;
  marks[2] = 1.0 - params->high_percent / 100.0;

  /* Bits on purpose: the marks come from one formula, so the same thresholds give the
   * same bits, and a false "changed" (-0.0 against 0.0) costs one redraw, nothing more.
   * NOLINTNEXTLINE(bugprone-suspicious-memory-comparison,cert-exp42-c,cert-flp37-c) */
  if (memcmp (marks, self->marks, sizeof marks) == 0)
    return;

  memcpy (self->marks, marks, sizeof marks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mg_gauge_get_n_draws (MgGauge *self)
{
  g_return_val_if_fail (MG_IS_GAUGE (self), 0);

  return self->n_draws;
}
