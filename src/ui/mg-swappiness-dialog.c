/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessDialog: a window around MgSwappinessPanel with Apply and Cancel. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-swappiness-dialog.h"

struct _MgSwappinessDialog {
  GtkDialog          parent_instance;

  MgSwappinessPanel *panel;
  GtkWidget         *cancel_button;
  GtkWidget         *apply_button;
};

G_DEFINE_FINAL_TYPE (MgSwappinessDialog, mg_swappiness_dialog, GTK_TYPE_DIALOG)

static void
on_applied (MgSwappinessPanel  *panel,
            guint               outcome,
            MgSwappinessDialog *self)
{
  /* The window now only reports what happened: leaving it cancels nothing. */
  /* Translators: replaces “Cancel” once Apply has finished; closes the window. */
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
}

static void
mg_swappiness_dialog_response (GtkDialog *dialog,
                               int        response_id)
{
  MgSwappinessDialog *self = MG_SWAPPINESS_DIALOG (dialog);

  if (response_id == GTK_RESPONSE_APPLY)
    {
      mg_swappiness_panel_apply (self->panel);
      return;
    }

  /* Cancel, Escape and the window's close button; the panel withdraws a pending request. */
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
mg_swappiness_dialog_class_init (MgSwappinessDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  dialog_class->response = mg_swappiness_dialog_response;

  g_type_ensure (MG_TYPE_SWAPPINESS_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessDialog, panel);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_applied);
}

static void
mg_swappiness_dialog_init (MgSwappinessDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Bound here rather than in the template: the panel's state decides, not the dialog. */
  g_object_bind_property (self->panel, "can-apply", self->apply_button, "sensitive",
                          G_BINDING_SYNC_CREATE);
  gtk_widget_grab_default (self->apply_button);
}

MgSwappinessDialog *
mg_swappiness_dialog_new (GtkApplication *app,
                          MgMonitor      *monitor)
{
  MgSwappinessDialog *self;

  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);

  /* A header bar with Cancel and Apply, as GNOME's dialogs have and as the settings and
   * gauge windows have theirs: one family of windows whatever the desktop. */
  self = g_object_new (MG_TYPE_SWAPPINESS_DIALOG,
                       "use-header-bar", TRUE,
                       "application", app,
                       NULL);
  mg_swappiness_panel_set_monitor (self->panel, monitor);

  return self;
}

MgSwappinessPanel *
mg_swappiness_dialog_get_panel (MgSwappinessDialog *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_DIALOG (self), NULL);

  return self->panel;
}
