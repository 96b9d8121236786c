/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-window-fit: a window's first size, from its content's natural size. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * mg_window_fit_content:
 * @window: a window not yet shown
 * @content: what @scrolled holds
 * @scrolled: the window's scrolled area
 *
 * Sets @window's default size to the natural width of @content and its natural height
 * at that width, with the title bar, within the screen's work area; taller content
 * scrolls beside a scroll bar.
 */
void mg_window_fit_content (GtkWindow         *window,
                            GtkWidget         *content,
                            GtkScrolledWindow *scrolled);

G_END_DECLS
