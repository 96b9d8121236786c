/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessStatus: the swappiness panel's busy spinner and the outcome of the last Apply. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include "mg-swappiness-status.h"

struct _MgSwappinessStatus {
  GtkBox               parent_instance;

  GtkWidget           *busy_box;
  GtkWidget           *spinner;
  GtkWidget           *status_bar;
  GtkImage            *status_image;
  GtkLabel            *status_label;

  MgSwappinessOutcome  outcome;
  char                *message;
  gboolean             has_outcome;
};

G_DEFINE_FINAL_TYPE (MgSwappinessStatus, mg_swappiness_status, GTK_TYPE_BOX)

void
mg_swappiness_status_set_busy (MgSwappinessStatus *self,
                               gboolean            busy)
{
  g_return_if_fail (MG_IS_SWAPPINESS_STATUS (self));

  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    {
      /* The last outcome no longer describes what is going on. */
      gtk_widget_hide (self->status_bar);
      gtk_spinner_start (GTK_SPINNER (self->spinner));
    }
  else
    {
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
    }
  gtk_widget_set_visible (GTK_WIDGET (self), busy || gtk_widget_get_visible (self->status_bar));
}

void
mg_swappiness_status_show_outcome (MgSwappinessStatus   *self,
                                   MgSwappinessOutcome   outcome,
                                   MgSwappinessSeverity  severity,
                                   const char           *message)
{
  GtkStyleContext *context;
  GtkMessageType type = GTK_MESSAGE_INFO;
  const char *icon = "dialog-information-symbolic";
  const char *style = NULL;

  g_return_if_fail (MG_IS_SWAPPINESS_STATUS (self));
  g_return_if_fail (message != NULL);

  switch (severity)
    {
    case MG_SWAPPINESS_SEVERITY_ERROR:
      type = GTK_MESSAGE_ERROR;
      icon = "dialog-error-symbolic";
      style = "mg-error";
      break;
    case MG_SWAPPINESS_SEVERITY_WARNING:
      type = GTK_MESSAGE_WARNING;
      icon = "dialog-warning-symbolic";
      style = "mg-warning";
      break;
    case MG_SWAPPINESS_SEVERITY_SUCCESS:
      icon = "emblem-ok-symbolic";
      style = "mg-success";
      break;
    case MG_SWAPPINESS_SEVERITY_INFO:
    default:
      break;
    }

  /* The colours are memgauge.css's (image.mg-success and its siblings). */
  context = gtk_widget_get_style_context (GTK_WIDGET (self->status_image));
  gtk_style_context_remove_class (context, "mg-error");
  gtk_style_context_remove_class (context, "mg-warning");
  gtk_style_context_remove_class (context, "mg-success");
  if (style != NULL)
    gtk_style_context_add_class (context, style);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->status_bar), type);
  gtk_image_set_from_icon_name (self->status_image, icon, GTK_ICON_SIZE_LARGE_TOOLBAR);
  gtk_label_set_text (self->status_label, message);
  gtk_widget_show (self->status_bar);
  gtk_widget_show (GTK_WIDGET (self));

  g_free (self->message);
  self->message = g_strdup (message);
  self->outcome = outcome;
  self->has_outcome = TRUE;
}

gboolean
mg_swappiness_status_get_outcome (MgSwappinessStatus  *self,
                                  MgSwappinessOutcome *out_outcome)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_STATUS (self), FALSE);

  if (self->has_outcome && out_outcome != NULL)
    *out_outcome = self->outcome;

  return self->has_outcome;
}

const char *
mg_swappiness_status_get_message (MgSwappinessStatus *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_STATUS (self), NULL);

  return self->message;
}

static void
mg_swappiness_status_finalize (GObject *object)
{
  MgSwappinessStatus *self = MG_SWAPPINESS_STATUS (object);

  g_free (self->message);

  G_OBJECT_CLASS (mg_swappiness_status_parent_class)->finalize (object);
}

static void
mg_swappiness_status_class_init (MgSwappinessStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mg_swappiness_status_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-status.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessStatus, busy_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessStatus, status_bar);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessStatus, status_image);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessStatus, status_label);
}

static void
mg_swappiness_status_init (MgSwappinessStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
