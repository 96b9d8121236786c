/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-window-fit: a window's first size, from its content's natural size. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include "mg-window-fit.h"

/* The natural width of the content and its natural height at that width, with the header
 * bar, within the screen's work area. GtkWindow's own guess asks the scrolled window for a
 * height without a width, which is the height of every wrapping label at its narrowest: far
 * taller than the content is. */
void
mg_window_fit_content (GtkWindow         *window,
                       GtkWidget         *content,
                       GtkScrolledWindow *scrolled)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GdkDisplay *display = gtk_widget_get_display (widget);
  GdkMonitor *monitor = gdk_display_get_primary_monitor (display);
  GtkWidget *titlebar = gtk_window_get_titlebar (window);
  GdkRectangle workarea = { 0, 0, G_MAXINT / 4, G_MAXINT / 4 };
  int width = 0;
  int height = 0;
  int title_height = 0;

  if (monitor == NULL && gdk_display_get_n_monitors (display) > 0)
    monitor = gdk_display_get_monitor (display, 0);
  if (monitor != NULL)
    gdk_monitor_get_workarea (monitor, &workarea);

  gtk_widget_get_preferred_width (content, NULL, &width);
  gtk_widget_get_preferred_height_for_width (content, width, NULL, &height);
  if (titlebar != NULL)
    gtk_widget_get_preferred_height_for_width (titlebar, width, NULL, &title_height);

  if (height + title_height > workarea.height)
    {
      GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (scrolled);
      int scrollbar_width = 0;

      /* Too tall for the screen: the rest scrolls, beside a scroll bar that shows it. */
      gtk_widget_get_preferred_width (scrollbar, NULL, &scrollbar_width);
      width += scrollbar_width;
      height = MAX (workarea.height - title_height, 1);
    }

  gtk_window_set_default_size (window, MIN (width, workarea.width),
                               height + title_height);
}
