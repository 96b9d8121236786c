/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGauge: a horizontal bar of used memory, colored by level, with the threshold marks. */
#pragma once

#include <gtk/gtk.h>

#include "mg-level.h"

G_BEGIN_DECLS

#define MG_TYPE_GAUGE (mg_gauge_get_type ())
G_DECLARE_FINAL_TYPE (MgGauge, mg_gauge, MG, GAUGE, GtkDrawingArea)

/* Height of the bar itself; the marks reach MG_GAUGE_MARK_OVERHANG above and below it. */
#define MG_GAUGE_BAR_HEIGHT 20
#define MG_GAUGE_MARK_OVERHANG 5

GtkWidget *mg_gauge_new             (void);

/**
 * mg_gauge_set_value:
 * @self: a gauge
 * @fraction: used memory as a fraction of total, 0 to 1
 * @level: the pressure level, which picks the color
 *
 * Redraws only when something changed.
 */
void       mg_gauge_set_value       (MgGauge             *self,
                                     double               fraction,
                                     MgLevel              level);
double     mg_gauge_get_fraction    (MgGauge             *self);
MgLevel    mg_gauge_get_level       (MgGauge             *self);

/**
 * mg_gauge_set_thresholds:
 * @self: a gauge
 * @params: the thresholds; the marks sit where used memory crosses into the next level
 */
void       mg_gauge_set_thresholds  (MgGauge             *self,
                                     const MgLevelParams *params);

/**
 * mg_level_get_color:
 * @level: a level; out of range gives the colour of %MG_LEVEL_UNKNOWN
 * @color: (out caller-allocates): mg_level_style_get (@level)'s colour, opaque, for GDK
 */
void       mg_level_get_color       (MgLevel              level,
                                     GdkRGBA             *color);

/* A path of a rectangle with round corners, for the gauge and the sparkline. */
void       mg_draw_rounded_rectangle (cairo_t            *cr,
                                      double              x,
                                      double              y,
                                      double              width,
                                      double              height,
                                      double              radius);

/* Tests: how many times the gauge has been drawn. */
guint      mg_gauge_get_n_draws     (MgGauge             *self);

G_END_DECLS
