/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-widget-util: setters that touch a label or an accessible only when the value changed;
 * spin buttons that clamp what is typed. */

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

/* GTK reads a blank field as 0, which the clamp would turn into the lower limit: a person
 * who clears the field and leaves it has not asked for that. */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (spin))));

  if (*text != '\0')
    return FALSE;

  *new_value = gtk_spin_button_get_value (spin);
  return TRUE;
}

void
mg_spin_button_clamp_typed (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  /* GTK_UPDATE_IF_VALID puts the old value back when the typed one is out of range. */
  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_spin_button_set_update_policy (spin, GTK_UPDATE_ALWAYS);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), NULL);
}
