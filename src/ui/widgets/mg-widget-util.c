/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-widget-util: setters that touch a label or an accessible only when the value changed. */

#define G_LOG_DOMAIN "memgauge-widget-util"

#include "config.h"

#include "mg-widget-util.h"

void
mg_label_set_text_if_changed (GtkLabel   *label,
                              const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

void
mg_widget_set_accessible_name (GtkWidget  *widget,
                               const char *name)
{
  AtkObject *accessible;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  accessible = gtk_widget_get_accessible (widget);
  if (g_strcmp0 (atk_object_get_name (accessible), name) != 0)
    atk_object_set_name (accessible, name);
}

void
mg_widget_set_accessible_description (GtkWidget  *widget,
                                      const char *description)
{
  AtkObject *accessible;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  accessible = gtk_widget_get_accessible (widget);
  if (g_strcmp0 (atk_object_get_description (accessible), description) != 0)
    atk_object_set_description (accessible, description);
}
