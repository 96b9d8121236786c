/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-widget-util: setters that touch a label or an accessible only when the value changed;
 * spin buttons that clamp what is typed. */
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

/**
 * mg_spin_button_clamp_typed:
 * @spin: a numeric spin button
 *
 * A number typed beyond the range becomes the nearest limit (99 in a field that goes up to
 * 98 gives 98) instead of being dropped in silence; a field left blank keeps its value.
 */
void mg_spin_button_clamp_typed           (GtkSpinButton *spin);

G_END_DECLS
