/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-widget-util: setters that touch a label or an accessible only when the value changed. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Each sample refreshes every label of a visible window: unchanged texts must not
 * queue a resize or an AT-SPI event. */
void mg_label_set_text_if_changed         (GtkLabel   *label,
                                           const char *text);
void mg_widget_set_accessible_name        (GtkWidget  *widget,
                                           const char *name);
void mg_widget_set_accessible_description (GtkWidget  *widget,
                                           const char *description);

G_END_DECLS
