/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What MgSparkline shares with its drawing (mg-sparkline-draw.c) and wording
 * (mg-sparkline-text.c) units. */
#pragma once

#include <gtk/gtk.h>

#include "mg-history.h"
#include "mg-level.h"

G_BEGIN_DECLS

#define MG_SPARKLINE_CORNER_RADIUS 6.0

/* One per device pixel column of the plot. @filled: the column has entries (or continues
 * one); @valid: at least one of them is a reading. A filled column without a reading is a
 * gap: failed samples are not zeros. */
typedef struct {
  float    fraction;
  guint8   level;
  gboolean filled;
  gboolean valid;
} MgSparklineColumn;

/* The first age whose entry is older than @time_us, searched in [@lo, @hi). */
guint mg_sparkline_first_age_before (const MgHistory            *history,
                                     gint64                      time_us,
                                     guint                       lo,
                                     guint                       hi);

/* The oldest age inside the last @range_s seconds up to the newest entry; -1 for an empty
 * history. */
int   mg_sparkline_oldest_age_in_range (const MgHistory         *history,
                                        guint                    range_s);

/* The age of the entry nearest to the time at @position (0 the left edge, 1 the newest
 * entry) of the last @range_s seconds, within them; -1 for an empty history. */
int   mg_sparkline_nearest_age      (const MgHistory            *history,
                                     guint                       range_s,
                                     double                      position);

/* Fills @columns (zeroed, one per device pixel column of the plot) from @history over the
 * last @range_s seconds up to its newest entry; @first_filled and @last_filled (-1 for
 * none) say which columns have something to draw. */
void  mg_sparkline_fill_columns     (const MgHistory            *history,
                                     guint                       range_s,
                                     double                      interval_s,
                                     GArray                     *columns,
                                     int                        *first_filled,
                                     int                        *last_filled);

/* The percentage axis: 0 %, 50 % and 100 % used, bottom to top. */
#define MG_SPARKLINE_N_AXIS_LABELS 3

/* @rect: where the text is drawn, in widget coordinates; @y: its gridline. */
typedef struct {
  char         *text;
  guint         percent;
  GdkRectangle  rect;
  double        y;
} MgSparklineAxisLabel;

/* Places the axis labels in a gutter on the left and returns the plot beside them, inset
 * by half a label's height at the top and bottom so that the end labels are not cut. */
void  mg_sparkline_layout_axis     (GtkWidget                  *widget,
                                    int                         width,
                                    int                         height,
                                    GdkRectangle               *plot,
                                    MgSparklineAxisLabel       *labels);
void  mg_sparkline_clear_axis      (MgSparklineAxisLabel       *labels);

/* The plot's background, gridlines and labels, in the theme's foreground colour. */
void  mg_sparkline_draw_axis       (GtkWidget                  *widget,
                                    cairo_t                    *cr,
                                    const GdkRectangle         *plot,
                                    const MgSparklineAxisLabel *labels,
                                    const GdkRGBA              *fg);

/* The following draw in plot coordinates (the caller translates to the plot's corner). */
void  mg_sparkline_draw_thresholds (cairo_t                    *cr,
                                    const MgLevelParams        *params,
                                    const GdkRGBA              *fg,
                                    double                      width,
                                    double                      height);
void  mg_sparkline_draw_history    (cairo_t                    *cr,
                                    GArray                     *columns,
                                    int                         first_filled,
                                    int                         last_filled,
                                    int                         scale,
                                    double                      height);
/* A vertical line at @x through the sample the read-out is about, with a dot on its
 * value. */
void  mg_sparkline_draw_cursor     (cairo_t                    *cr,
                                    const MgHistoryEntry       *entry,
                                    const GdkRGBA              *fg,
                                    double                      x,
                                    double                      height);

double mg_sparkline_fraction_to_y  (double                      fraction,
                                    double                      height);

/* "Used memory over the last 10 minutes: between 20 % and 62 %, now 62 % (High
 * pressure)", from the columns; @newest is the newest entry, or %NULL. */
char *mg_sparkline_describe        (guint                       range_s,
                                    GArray                     *columns,
                                    int                         first_filled,
                                    int                         last_filled,
                                    const MgHistoryEntry       *newest,
                                    guint                       now_used);

/* "3 min ago: 62 % used, High pressure": @entry as of @newest_us. */
char *mg_sparkline_format_readout  (const MgHistoryEntry       *entry,
                                    gint64                      newest_us);

G_END_DECLS
