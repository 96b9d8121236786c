/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSparkline: used memory over the last minutes, from the monitor's history ring. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mg-gauge.h"
#include "mg-level-style.h"
#include "mg-sparkline.h"

#define CORNER_RADIUS 6.0
#define LINE_WIDTH 2.0
#define MIN_WIDTH 160
#define MIN_HEIGHT 72
#define DEFAULT_RANGE_S 600

/* A device pixel column covers range / width of time: at most this many of its entries
 * are read (evenly spaced), so a column costs the same however dense the history. */
#define MAX_PER_COLUMN 8

/* A column without an entry of its own continues the line from the entry before it,
 * unless sampling stopped for longer than this many intervals (suspend, a stalled
 * machine): then the line shows the gap. */
#define GAP_INTERVALS 2.5

/* @filled: the column has entries (or continues one); @valid: at least one of them is a
 * reading. A filled column without a reading is a gap: failed samples are not zeros. */
typedef struct {
  float    fraction;
  guint8   level;
  gboolean filled;
  gboolean valid;
} Column;

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

  char           *description;
  guint           n_draws;
};

G_DEFINE_FINAL_TYPE (MgSparkline, mg_sparkline, GTK_TYPE_DRAWING_AREA)

/* The first age whose entry is older than @time_us; ages go back in time, so this is a
 * binary search in [@lo, @hi). */
static guint
first_age_before (MgMonitor *monitor,
                  gint64     time_us,
                  guint      lo,
                  guint      hi)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (mg_history_get (mg_monitor_get_history (monitor), mid)->time_us < time_us)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static void
fill_column (MgSparkline *self,
             Column      *column,
             guint        newer,
             guint        older)
{
  guint count = older - newer;
  guint stride = (count + MAX_PER_COLUMN - 1) / MAX_PER_COLUMN;
  float fraction = 0.0f;
  guint8 level = MG_LEVEL_UNKNOWN;
  gboolean valid = FALSE;

  /* The worst reading of the column: a short spike must not fall between pixels. */
  for (guint age = newer; age < older; age += stride)
    {
      const MgHistoryEntry *entry = mg_history_get (mg_monitor_get_history (self->monitor), age);

      if (!entry->valid)
        continue;
      fraction = MAX (fraction, entry->used_fraction);
      level = MAX (level, entry->level);
      valid = TRUE;
    }

  column->fraction = fraction;
  column->level = valid ? level : MG_LEVEL_UNKNOWN;
  column->filled = TRUE;
  column->valid = valid;
}

static char *
describe (MgSparkline *self)
{
  g_autofree char *range = NULL;
  float low = 1.0f;
  float high = 0.0f;
  guint now_used = 0, low_percent, high_percent;
  const MgHistoryEntry *newest;

  if (self->range_s % 3600 == 0)
    range = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: part of "Used memory over the last hour" */
                                          "the last hour", "the last %u hours",
                                          self->range_s / 3600),
                             self->range_s / 3600);
  else
    range = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: part of "Used memory over the last 10 minutes" */
                                          "the last minute", "the last %u minutes",
                                          self->range_s / 60),
                             self->range_s / 60);

  if (self->first_filled < 0)
    /* Translators: %s is "the last 10 minutes" or "the last hour" */
    return g_strdup_printf (_("No memory readings over %s yet"), range);

  for (int i = self->first_filled; i <= self->last_filled; i++)
    {
      const Column *column = &g_array_index (self->columns, Column, i);

      if (!column->valid)
        continue;
      low = MIN (low, column->fraction);
      high = MAX (high, column->fraction);
    }

  newest = mg_history_get (mg_monitor_get_history (self->monitor), 0);
  if (low > high)
    return g_strdup_printf (_("No memory readings over %s yet"), range);

  /* The last sample failed: its used fraction is a placeholder, not a reading. */
  if (!newest->valid)
    return g_strdup_printf (/* Translators: "Used memory over the last 10 minutes: between
                             * 20 % and 62 %, now unknown" */
                            _("Used memory over %s: between %.0f %% and %.0f %%, now unknown"),
                            range, 100.0 * low, 100.0 * high);

  /* Now as every view shows it (mg_format_available_percent ()), and the range takes it
   * in: a figure rounded to the level's side may lie just outside the raw readings. */
  mg_monitor_get_shown_percent (self->monitor, NULL, &now_used);
  low_percent = MIN ((guint) (100.0f * low + 0.5f), now_used);
  high_percent = MAX ((guint) (100.0f * high + 0.5f), now_used);

  return g_strdup_printf (/* Translators: "Used memory over the last 10 minutes: between
                           * 20 % and 62 %, now 62 % (High pressure)" */
                          _("Used memory over %s: between %.0f %% and %.0f %%, now %.0f %% (%s)"),
                          range, (double) low_percent, (double) high_percent, (double) now_used,
                          mg_level_style_get_label (newest->level));
}

static void
update_description (MgSparkline *self)
{
  g_autofree char *description = describe (self);

  if (g_strcmp0 (description, self->description) == 0)
    return;

  g_free (self->description);
  self->description = g_steal_pointer (&description);
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (self)), self->description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
}

static void
compute_columns (MgSparkline *self)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  guint n = (guint) MAX (gtk_widget_get_allocated_width (GTK_WIDGET (self)), 0) * (guint) scale;
  guint length = self->monitor != NULL ? mg_history_get_length (mg_monitor_get_history (self->monitor)) : 0;
  gint64 newest_us;
  gint64 left_us;
  gint64 gap_us;
  double column_us;
  guint older;

  self->dirty = FALSE;
  self->scale = scale;
  self->first_filled = -1;
  self->last_filled = -1;
  g_array_set_size (self->columns, n);
  if (n > 0)
    memset (self->columns->data, 0, n * sizeof (Column));

  if (n == 0 || length == 0)
    {
      update_description (self);
      return;
    }

  newest_us = mg_history_get (mg_monitor_get_history (self->monitor), 0)->time_us;
  left_us = newest_us - (gint64) self->range_s * G_USEC_PER_SEC;
  column_us = (double) self->range_s * G_USEC_PER_SEC / n;
  gap_us = (gint64) (GAP_INTERVALS * mg_monitor_get_interval (self->monitor) * G_USEC_PER_SEC);
  gap_us = MAX (gap_us, (gint64) column_us);

  older = first_age_before (self->monitor, left_us, 0, length);

  for (guint c = 0; c < n && older > 0; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);
      gint64 start_us = left_us + (gint64) (c * column_us);
      gint64 end_us = c + 1 == n ? newest_us + 1 : left_us + (gint64) ((c + 1) * column_us);
      guint newer = first_age_before (self->monitor, end_us, 0, older);

      if (newer < older)
        {
          fill_column (self, column, newer, older);
        }
      else if (older < length &&
               start_us - mg_history_get (mg_monitor_get_history (self->monitor), older)->time_us <= gap_us)
        {
          const MgHistoryEntry *previous = mg_history_get (mg_monitor_get_history (self->monitor), older);

          column->fraction = previous->valid ? previous->used_fraction : 0.0f;
          column->level = previous->valid ? previous->level : MG_LEVEL_UNKNOWN;
          column->filled = TRUE;
          column->valid = previous->valid;
        }

      if (column->filled)
        {
          if (self->first_filled < 0)
            self->first_filled = (int) c;
          self->last_filled = (int) c;
        }

      older = newer;
    }

  /* Before the first column is reached, older == length means no entry is old enough
   * to continue from: columns stay empty, which is right. */
  update_description (self);
}

static void
draw_thresholds (MgSparkline   *self,
                 cairo_t       *cr,
                 const GdkRGBA *fg,
                 double         width,
                 double         height)
{
  const MgLevelParams *params;
  const double dash[] = { 4.0, 3.0 };
  double percents[3];

  if (self->monitor == NULL)
    return;

  params = mg_monitor_get_level_params (self->monitor);
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

static double
fraction_to_y (double fraction,
               double height)
{
  return height * (1.0 - CLAMP (fraction, 0.0, 1.0));
}

/* Runs of columns with the same level are filled and stroked together: one cairo path
 * per level change, not per column. */
static void
draw_history (MgSparkline *self,
              cairo_t     *cr,
              double       height)
{
  double column_width = 1.0 / self->scale;
  int run_start = self->first_filled;

  while (run_start >= 0 && run_start <= self->last_filled)
    {
      const Column *first = &g_array_index (self->columns, Column, run_start);
      const MgLevelStyle *style;
      int run_end = run_start;

      if (!first->filled)
        {
          run_start++;
          continue;
        }

      while (run_end + 1 <= self->last_filled)
        {
          const Column *next = &g_array_index (self->columns, Column, run_end + 1);

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
          const Column *column = &g_array_index (self->columns, Column, c);
          double y = fraction_to_y (column->fraction, height);

          cairo_rectangle (cr, c * column_width, y, column_width, height - y);
        }
      cairo_set_source_rgba (cr, style->red, style->green, style->blue, MG_SPARKLINE_FILL_ALPHA);
      cairo_fill (cr);

      /* The line starts at the previous column, so that runs join without a gap. */
      for (int c = MAX (run_start - 1, self->first_filled); c <= run_end; c++)
        {
          const Column *column = &g_array_index (self->columns, Column, c);
          double x = (c + 0.5) * column_width;
          double y = fraction_to_y (column->fraction, height);

          if (!column->valid)
            continue;
          if (c == MAX (run_start - 1, self->first_filled))
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_set_source_rgb (cr, style->red, style->green, style->blue);
      cairo_stroke (cr);

      run_start = run_end + 1;
    }
}

static gboolean
mg_sparkline_draw (GtkWidget *widget,
                   cairo_t   *cr)
{
  MgSparkline *self = MG_SPARKLINE (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_allocated_width (widget);
  double height = gtk_widget_get_allocated_height (widget);
  GdkRGBA fg;

  self->n_draws++;

  if (self->dirty || self->scale != gtk_widget_get_scale_factor (widget) ||
      self->columns->len != (guint) (width * gtk_widget_get_scale_factor (widget)))
    compute_columns (self);

  gtk_style_context_get_color (style, gtk_style_context_get_state (style), &fg);

  cairo_save (cr);
  mg_draw_rounded_rectangle (cr, 0, 0, width, height, CORNER_RADIUS);
  cairo_clip_preserve (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.05);
  cairo_fill (cr);

  draw_thresholds (self, cr, &fg, width, height);

  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_history (self, cr, height);
  cairo_restore (cr);

  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  mg_draw_rounded_rectangle (cr, 0.5, 0.5, width - 1, height - 1, CORNER_RADIUS);
  cairo_stroke (cr);

  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (style, cr, 0, 0, width, height);

  return GDK_EVENT_PROPAGATE;
}

static void
mg_sparkline_size_allocate (GtkWidget     *widget,
                            GtkAllocation *allocation)
{
  MG_SPARKLINE (widget)->dirty = TRUE;

  GTK_WIDGET_CLASS (mg_sparkline_parent_class)->size_allocate (widget, allocation);
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

static gboolean
mg_sparkline_focus_changed (GtkWidget     *widget,
                            GdkEventFocus *event)
{
  gtk_widget_queue_draw (widget);

  return GDK_EVENT_PROPAGATE;
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
  g_free (self->description);

  G_OBJECT_CLASS (mg_sparkline_parent_class)->finalize (object);
}

static void
mg_sparkline_class_init (MgSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_sparkline_dispose;
  object_class->finalize = mg_sparkline_finalize;

  widget_class->draw = mg_sparkline_draw;
  widget_class->size_allocate = mg_sparkline_size_allocate;
  widget_class->map = mg_sparkline_map;
  widget_class->get_preferred_width = mg_sparkline_get_preferred_width;
  widget_class->get_preferred_height = mg_sparkline_get_preferred_height;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
}

static void
mg_sparkline_init (MgSparkline *self)
{
  self->range_s = DEFAULT_RANGE_S;
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  self->dirty = TRUE;
  self->scale = 1;
  self->first_filled = -1;
  self->last_filled = -1;

  gtk_widget_set_can_focus (GTK_WIDGET (self), TRUE);
  gtk_widget_add_events (GTK_WIDGET (self), GDK_FOCUS_CHANGE_MASK);
  g_signal_connect (self, "focus-in-event", G_CALLBACK (mg_sparkline_focus_changed), NULL);
  g_signal_connect (self, "focus-out-event", G_CALLBACK (mg_sparkline_focus_changed), NULL);
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
    *x_first = (double) self->first_filled / self->scale;
  if (x_last != NULL)
    *x_last = (double) (self->last_filled + 1) / self->scale;
  return TRUE;
}
