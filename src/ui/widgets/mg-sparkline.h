/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSparkline: used memory over the last minutes, from the monitor's history ring. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

#define MG_TYPE_SPARKLINE (mg_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (MgSparkline, mg_sparkline, MG, SPARKLINE, GtkDrawingArea)

/* The area under the line is the level's color at this opacity over the background. */
#define MG_SPARKLINE_FILL_ALPHA 0.3

GtkWidget *mg_sparkline_new          (void);

/**
 * mg_sparkline_set_monitor:
 * @self: a sparkline
 * @monitor: (nullable): whose history to draw; the sparkline keeps a reference but
 *   connects to no signal: its owner calls mg_sparkline_queue_update() for new samples
 */
void       mg_sparkline_set_monitor  (MgSparkline *self,
                                      MgMonitor   *monitor);

/**
 * mg_sparkline_set_range:
 * @self: a sparkline
 * @seconds: how far back the left edge is
 */
void       mg_sparkline_set_range    (MgSparkline *self,
                                      guint        seconds);
guint      mg_sparkline_get_range    (MgSparkline *self);

/**
 * mg_sparkline_queue_update:
 * @self: a sparkline
 *
 * The history changed: recompute the columns (at once when mapped, else when it is
 * next drawn) and redraw. The cost grows with the width, not with the history length.
 */
void       mg_sparkline_queue_update (MgSparkline *self);

/**
 * mg_sparkline_get_readout:
 * @self: a sparkline
 *
 * The sample under the pointer, or under the cursor that Left, Right, Home and End move
 * while the graph has the keyboard focus, in words: "3 min ago: 62 % used, High
 * pressure". It is also the graph's accessible description while it lasts.
 *
 * Returns: (nullable): the read-out, or %NULL without a cursor
 */
const char *mg_sparkline_get_readout (MgSparkline *self);

/* Tests: draws so far, and the horizontal span, in widget coordinates, that the drawn
 * history covers; FALSE when nothing was drawn. */
guint      mg_sparkline_get_n_draws  (MgSparkline *self);
gboolean   mg_sparkline_get_extent   (MgSparkline *self,
                                      double      *x_first,
                                      double      *x_last);
/* Tests: where the history is drawn, beside the axis labels, in widget coordinates. */
void       mg_sparkline_get_plot_area (MgSparkline  *self,
                                       GdkRectangle *plot);
/* Tests: the percentage axis's label @index (0 %, 50 %, 100 %, bottom to top) and where it
 * is drawn; FALSE past the last. */
gboolean   mg_sparkline_get_axis_label (MgSparkline  *self,
                                        guint         index,
                                        const char  **text,
                                        GdkRectangle *rect);

/**
 * mg_sparkline_attach_footer:
 * @self: a graph
 * @footer: a stack with two children, "readout" (holding @readout_label) and "edges"
 * @readout_label: shows the read-out while the pointer is on the graph
 * @edges: the times of the graph's edges, indented to where the plot starts
 *
 * Keeps the line under the graph up to date. All four belong to one window.
 */
void       mg_sparkline_attach_footer (MgSparkline *self,
                                       GtkStack    *footer,
                                       GtkLabel    *readout_label,
                                       GtkWidget   *edges);

G_END_DECLS
