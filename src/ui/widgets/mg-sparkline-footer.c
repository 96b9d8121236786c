/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The line under a history graph: the read-out while the pointer is on the graph, else the
 * times of its edges lined up with the plot. Shared by the gauge window and a remote
 * machine's window. */

#include "config.h"

#include "mg-sparkline.h"
#include "mg-widget-util.h"

typedef struct {
  GtkStack  *footer;
  GtkLabel  *readout_label;
  GtkWidget *edges;
} Footer;

static void
on_readout_changed (MgSparkline *sparkline,
                    GParamSpec  *pspec,
                    Footer      *footer)
{
  const char *readout = mg_sparkline_get_readout (sparkline);

  if (readout != NULL)
    mg_label_set_text_if_changed (footer->readout_label, readout);
  gtk_stack_set_visible_child_name (footer->footer, readout != NULL ? "readout" : "edges");
}

/* The edges' times line up with the plot, which starts after the axis labels. */
static void
on_allocated (MgSparkline  *sparkline,
              GdkRectangle *allocation,
              Footer       *footer)
{
  GdkRectangle plot;

  mg_sparkline_get_plot_area (sparkline, &plot);
  if (gtk_widget_get_margin_start (footer->edges) != plot.x)
    gtk_widget_set_margin_start (footer->edges, plot.x);
}

static void
footer_free (gpointer data,
             GClosure *closure)
{
  g_free (data);
}

void
mg_sparkline_attach_footer (MgSparkline *self,
                            GtkStack    *footer,
                            GtkLabel    *readout_label,
                            GtkWidget   *edges)
{
  Footer *data = g_new0 (Footer, 1);

  g_return_if_fail (MG_IS_SPARKLINE (self));

  /* Children of the same window: they live as long as the graph's handlers. */
  data->footer = footer;
  data->readout_label = readout_label;
  data->edges = edges;
  g_signal_connect (self, "notify::readout", G_CALLBACK (on_readout_changed), data);
  g_signal_connect_data (self, "size-allocate", G_CALLBACK (on_allocated), data, footer_free,
                         G_CONNECT_AFTER);
}
