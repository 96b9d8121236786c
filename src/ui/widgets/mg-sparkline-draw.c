/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sparkline-draw: MgSparkline's pictures: the percentage axis, the level thresholds, the
 * history and the read-out's cursor. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-gauge.h"
#include "mg-level-style.h"
#include "mg-sparkline.h"
#include "mg-sparkline-private.h"

/* Between a label's right edge and the plot. */
#define AXIS_GAP 6

static const guint axis_percents[MG_SPARKLINE_N_AXIS_LABELS] = { 0, 50, 100 };

double
mg_sparkline_fraction_to_y (double fraction,
                            double height)
{
  return height * (1.0 - CLAMP (fraction, 0.0, 1.0));
}

/* The labels are in the widget's font at the caption size, with tabular figures. Three
 * short layouts per frame cost less than keeping them in step with font and scale. */
static PangoLayout *
create_label_layout (GtkWidget  *widget,
                     const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);

  return layout;
}

void
mg_sparkline_clear_axis (MgSparklineAxisLabel *labels)
{
  for (guint i = 0; i < MG_SPARKLINE_N_AXIS_LABELS; i++)
    g_clear_pointer (&labels[i].text, g_free);
}

void
mg_sparkline_layout_axis (GtkWidget            *widget,
                          int                   width,
                          int                   height,
                          GdkRectangle         *plot,
                          MgSparklineAxisLabel *labels)
{
  int text_width[MG_SPARKLINE_N_AXIS_LABELS];
  int gutter = 0;
  int text_height = 0;

  mg_sparkline_clear_axis (labels);
  for (guint i = 0; i < MG_SPARKLINE_N_AXIS_LABELS; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int h;

      labels[i].percent = axis_percents[i];
      /* Translators: a label of the history graph's percentage axis, "50 %" */
      labels[i].text = g_strdup_printf (_("%u %%"), axis_percents[i]);
      layout = create_label_layout (widget, labels[i].text);
      pango_layout_get_pixel_size (layout, &text_width[i], &h);
      gutter = MAX (gutter, text_width[i]);
      text_height = MAX (text_height, h);
    }

  plot->x = gutter + AXIS_GAP;
  plot->y = (text_height + 1) / 2;
  plot->width = MAX (width - plot->x, 0);
  plot->height = MAX (height - 2 * plot->y, 0);

  for (guint i = 0; i < MG_SPARKLINE_N_AXIS_LABELS; i++)
    {
      double y = plot->y + mg_sparkline_fraction_to_y (axis_percents[i] / 100.0, plot->height);

      labels[i].y = y;
      labels[i].rect.x = gutter - text_width[i];
      labels[i].rect.y = (int) (y - text_height / 2.0 + 0.5);
      labels[i].rect.width = text_width[i];
      labels[i].rect.height = text_height;
    }
}

void
mg_sparkline_draw_axis (GtkWidget                  *widget,
                        cairo_t                    *cr,
                        const GdkRectangle         *plot,
                        const MgSparklineAxisLabel *labels,
                        const GdkRGBA              *fg)
{
  cairo_save (cr);

  mg_draw_rounded_rectangle (cr, plot->x, plot->y, plot->width, plot->height, MG_SPARKLINE_CORNER_RADIUS);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.05);
  cairo_fill (cr);

  /* The middle gridline; 0 % and 100 % are the plot's edges. */
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.12);
  for (guint i = 0; i < MG_SPARKLINE_N_AXIS_LABELS; i++)
    {
      if (labels[i].percent == 0 || labels[i].percent == 100)
        continue;
      cairo_move_to (cr, plot->x, (int) labels[i].y + 0.5);
      cairo_line_to (cr, plot->x + plot->width, (int) labels[i].y + 0.5);
    }
  cairo_stroke (cr);

  /* Dimmed as a caption is, but the theme's own colour, so that it reads on a dark
   * theme as on a light one. */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
  for (guint i = 0; i < MG_SPARKLINE_N_AXIS_LABELS; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (labels[i].text == NULL)
        continue;
      layout = create_label_layout (widget, labels[i].text);
      cairo_move_to (cr, labels[i].rect.x, labels[i].rect.y);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_restore (cr);
}

void
mg_sparkline_draw_thresholds (cairo_t             *cr,
                              const MgLevelParams *params,
                              const GdkRGBA       *fg,
                              double               width,
                              double               height)
{
  const double dash[] = { 4.0, 3.0 };
  double percents[3];

  percents[0] = params->low_percent;
  percents[1] = params->medium_percent;
  percents[2] = params->high_percent;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.3);
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      /* Available above the threshold is used below 1 − threshold: the same line the
       * gauge marks. */
      double y = (double) (int) (height * percents[i] / 100.0 + 0.5) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Runs of columns with the same level are filled and stroked together: one cairo path
 * per level change, not per column. */
void
mg_sparkline_draw_history (cairo_t *cr,
                           GArray  *columns,
                           int      first_filled,
                           int      last_filled,
                           int      scale,
                           double   height)
{
  double column_width = 1.0 / scale;
  int run_start = first_filled;

  while (run_start >= 0 && run_start <= last_filled)
    {
      const MgSparklineColumn *first = &g_array_index (columns, MgSparklineColumn, run_start);
      const MgLevelStyle *style;
      int run_end = run_start;

      if (!first->filled)
        {
          run_start++;
          continue;
        }

      while (run_end + 1 <= last_filled)
        {
          const MgSparklineColumn *next = &g_array_index (columns, MgSparklineColumn,
                                                          run_end + 1);

          if (!next->filled || next->valid != first->valid || next->level != first->level)
            break;
          run_end++;
        }

      style = mg_level_style_get (first->level);

      if (!first->valid)
        {
          /* No reading: a gray band along the bottom, not a fake zero. */
          cairo_set_source_rgba (cr, style->red, style->green, style->blue, 0.6);
          cairo_rectangle (cr, run_start * column_width, height - 3,
                           (run_end - run_start + 1) * column_width, 3);
          cairo_fill (cr);
          run_start = run_end + 1;
          continue;
        }

      for (int c = run_start; c <= run_end; c++)
        {
          const MgSparklineColumn *column = &g_array_index (columns, MgSparklineColumn, c);
          double y = mg_sparkline_fraction_to_y (column->fraction, height);

          cairo_rectangle (cr, c * column_width, y, column_width, height - y);
        }
      cairo_set_source_rgba (cr, style->red, style->green, style->blue, MG_SPARKLINE_FILL_ALPHA);
      cairo_fill (cr);

      /* The line starts at the previous column, so that runs join without a gap. */
      for (int c = MAX (run_start - 1, first_filled); c <= run_end; c++)
        {
          const MgSparklineColumn *column = &g_array_index (columns, MgSparklineColumn, c);
          double x = (c + 0.5) * column_width;
          double y = mg_sparkline_fraction_to_y (column->fraction, height);

          if (!column->valid)
            continue;
          if (c == MAX (run_start - 1, first_filled))
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_source_rgb (cr, style->red, style->green, style->blue);
      cairo_stroke (cr);

      run_start = run_end + 1;
    }
}

void
mg_sparkline_draw_cursor (cairo_t              *cr,
                          const MgHistoryEntry *entry,
                          const GdkRGBA        *fg,
                          double                x,
                          double                height)
{
  const MgLevelStyle *style = mg_level_style_get (entry->valid ? entry->level : MG_LEVEL_UNKNOWN);
  double y = mg_sparkline_fraction_to_y (entry->valid ? entry->used_fraction : 0.0, height);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
  cairo_move_to (cr, (int) x + 0.5, 0);
  cairo_line_to (cr, (int) x + 0.5, height);
  cairo_stroke (cr);

  /* The dot has a ring of the foreground colour, so that it stands out of the fill. */
  cairo_arc (cr, x, y, 4.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, style->red, style->green, style->blue);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}
