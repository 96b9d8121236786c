/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessPanel: the swappiness controls and the privileged Apply, for any container. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-enums.h"
#include "mg-swappiness-host.h"
#include "mg-swappiness-panel.h"

/* Presets: 10 keeps a desktop's programs in RAM, 60 is Linux's default. */
#define PRESET_DESKTOP 10
#define PRESET_KERNEL_DEFAULT 60

struct _MgSwappinessPanel {
  GtkBox               parent_instance;

  GtkAdjustment       *adjustment;
  GtkLabel            *current_label;
  GtkWidget           *controls_grid;
  GtkWidget           *scale;
  GtkWidget           *spin_button;
  GtkWidget           *desktop_button;
  GtkWidget           *default_button;
  GtkWidget           *persist_switch;
  GtkWidget           *boot_box;
  GtkLabel            *persisted_label;
  GtkLabel            *persisted_path_label;
  GtkWidget           *override_box;
  GtkLabel            *override_label;
  GtkWidget           *sandbox_box;
  GtkLabel            *sandbox_command_label;
  GtkWidget           *busy_box;
  GtkWidget           *spinner;
  GtkWidget           *status_bar;
  GtkImage            *status_image;
  GtkWidget           *override_image;
  GtkLabel            *status_label;

  MgMonitor           *monitor;
  gulong               sample_handler;
  char                *sysctl_root;
  MgSwappinessScan    *scan;

  GCancellable        *cancellable;
  guint                requested;
  gboolean             requested_persist;
  /* The helper has answered; the outcome is shown once the monitor has sampled again. */
  gboolean             awaiting_sample;
  MgSwappinessOutcome  helper_outcome;

  MgSwappinessOutcome  outcome;
  char                *message;
  gboolean             has_outcome;

  guint                maximum;
  gboolean             sandboxed;
  gboolean             busy;
  /* The controls start at the live value once; later samples must not undo a choice. */
  gboolean             value_from_monitor;
};

G_DEFINE_FINAL_TYPE (MgSwappinessPanel, mg_swappiness_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_VALUE,
  PROP_PERSIST,
  PROP_MAXIMUM,
  PROP_SANDBOXED,
  PROP_SYSCTL_ROOT,
  PROP_BUSY,
  PROP_CAN_APPLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
live_value (MgSwappinessPanel *self,
            guint             *out)
{
  const MgSample *sample;

  if (self->monitor == NULL)
    return FALSE;

  sample = mg_monitor_get_sample (self->monitor);
  if (sample == NULL || !sample->has_swappiness)
    return FALSE;

  *out = sample->swappiness;
  return TRUE;
}

static void
update_current (MgSwappinessPanel *self)
{
  g_autofree char *text = NULL;
  guint value;

  if (live_value (self, &value))
    {
      /* Translators: %u is the swappiness the kernel uses right now, 0 to 200. */
      text = g_strdup_printf (_("Swappiness in use: %u"), value);
      if (!self->value_from_monitor)
        {
          self->value_from_monitor = TRUE;
          gtk_adjustment_set_value (self->adjustment, MIN (value, self->maximum));
        }
    }
  else
    {
      /* Translators: the swappiness in use could not be read from /proc. */
      text = g_strdup (_("Swappiness in use: unknown"));
    }

  gtk_label_set_text (self->current_label, text);
}

static void
update_boot (MgSwappinessPanel *self)
{
  g_autofree char *persisted = NULL;
  g_autofree char *warning = NULL;
  const char *path = NULL;

  /* The path goes on a line of its own: in running text, long paths break at their dashes. */
  persisted = mg_swappiness_scan_describe_boot (self->scan, self->sysctl_root, &path);
  gtk_label_set_text (self->persisted_label, persisted);
  gtk_label_set_text (self->persisted_path_label, path != NULL ? path : "");
  gtk_widget_set_visible (GTK_WIDGET (self->persisted_path_label), path != NULL);

  warning = mg_swappiness_scan_describe_override (self->scan, self->sysctl_root);
  gtk_label_set_text (self->override_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (self->override_box, warning != NULL);
}

static void
rescan (MgSwappinessPanel *self)
{
  g_clear_pointer (&self->scan, mg_swappiness_scan_free);
  self->scan = mg_swappiness_scan_sysctl (self->sysctl_root);
  update_boot (self);
}

/* Someone who saved a value before most likely wants to keep saving it. */
static void
reset_persist (MgSwappinessPanel *self)
{
  gtk_switch_set_active (GTK_SWITCH (self->persist_switch), self->scan->persisted != NULL);
}

static void
update_sandbox_command (MgSwappinessPanel *self)
{
  guint value = mg_swappiness_panel_get_value (self);
  g_autofree char *command = NULL;

  if (!self->sandboxed)
    return;

  command = mg_helper_client_host_command (value, mg_swappiness_panel_get_persist (self));
  gtk_label_set_text (self->sandbox_command_label, command);
}

static void
set_busy (MgSwappinessPanel *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_APPLY]);
}

/* Adwaita colours an icon only through its own style classes; these name its palette. */
static const char icon_css[] =
  "image.mg-success { color: @success_color; }\n"
  "image.mg-warning { color: @warning_color; }\n"
  "image.mg-error { color: @error_color; }\n";

static void
add_icon_style (GtkWidget *image)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider, icon_css, -1, NULL);
    }
  gtk_style_context_add_provider (gtk_widget_get_style_context (image),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
show_status (MgSwappinessPanel    *self,
             MgSwappinessSeverity  severity,
             const char           *message)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->status_image));
  GtkMessageType type = GTK_MESSAGE_INFO;
  const char *icon = "dialog-information-symbolic";
  const char *style = NULL;

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

  gtk_style_context_remove_class (context, "mg-error");
  gtk_style_context_remove_class (context, "mg-warning");
  gtk_style_context_remove_class (context, "mg-success");
  if (style != NULL)
    gtk_style_context_add_class (context, style);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->status_bar), type);
  gtk_image_set_from_icon_name (self->status_image, icon, GTK_ICON_SIZE_LARGE_TOOLBAR);
  gtk_label_set_text (self->status_label, message);
  gtk_widget_show (self->status_bar);
}

/* Shows what happened, claiming a change only when the kernel reports the new value: called
 * with a sample taken after the helper finished. */
static void
finish (MgSwappinessPanel   *self,
        MgSwappinessOutcome  outcome)
{
  MgSwappinessSeverity severity;
  g_autofree char *message = NULL;
  guint now = 0;
  gboolean have_now;

  set_busy (self, FALSE);

  /* Whatever the outcome, the live value and the boot files are shown as they are now. */
  have_now = live_value (self, &now);
  rescan (self);

  outcome = mg_swappiness_outcome_confirm (outcome, self->requested, self->requested_persist,
                                           self->scan->overridden_by != NULL, have_now, now,
                                           &severity, &message);
  /* The controls follow the kernel, not the person's last drag. */
  if (severity == MG_SWAPPINESS_SEVERITY_SUCCESS)
    gtk_adjustment_set_value (self->adjustment, MIN (now, self->maximum));

  g_debug ("Apply %u%s: outcome %d: %s", self->requested,
           self->requested_persist ? " --persist" : "", outcome, message);

  g_free (self->message);
  self->message = g_steal_pointer (&message);
  self->outcome = outcome;
  self->has_outcome = TRUE;
  show_status (self, severity, self->message);

  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, outcome);
}

static void
on_helper_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MgSwappinessPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  MgSwappinessOutcome outcome;

  /* Cancelled in dispose: the panel is going away and shows nothing more. */
  if (!mg_helper_client_set_swappiness_finish (result, &outcome, &error))
    return;

  g_clear_object (&self->cancellable);

  if (self->monitor == NULL)
    {
      finish (self, outcome);
      return;
    }

  /* The helper's word is checked against a sample taken now, delivered by sample-updated. */
  self->helper_outcome = outcome;
  self->awaiting_sample = TRUE;
  mg_monitor_request_sample (self->monitor);
}

void
mg_swappiness_panel_apply (MgSwappinessPanel *self)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  if (!mg_swappiness_panel_get_can_apply (self))
    return;

  self->requested = mg_swappiness_panel_get_value (self);
  self->requested_persist = mg_swappiness_panel_get_persist (self);
  gtk_widget_hide (self->status_bar);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  mg_helper_client_set_swappiness_async (self->requested, self->requested_persist,
                                         self->cancellable, on_helper_done,
                                         g_object_ref (self));
}

static void
on_sample_updated (MgMonitor         *monitor,
                   MgSwappinessPanel *self)
{
  update_current (self);

  if (self->awaiting_sample)
    {
      self->awaiting_sample = FALSE;
      finish (self, self->helper_outcome);
    }
}

static void
on_desktop_clicked (GtkButton         *button,
                    MgSwappinessPanel *self)
{
  mg_swappiness_panel_set_value (self, PRESET_DESKTOP);
}

static void
on_default_clicked (GtkButton         *button,
                    MgSwappinessPanel *self)
{
  mg_swappiness_panel_set_value (self, PRESET_KERNEL_DEFAULT);
}

static void
on_value_changed (GtkAdjustment     *adjustment,
                  MgSwappinessPanel *self)
{
  update_sandbox_command (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
on_persist_changed (GtkSwitch         *persist_switch,
                    GParamSpec        *pspec,
                    MgSwappinessPanel *self)
{
  update_sandbox_command (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSIST]);
}

GtkWidget *
mg_swappiness_panel_new (MgMonitor *monitor)
{
  return g_object_new (MG_TYPE_SWAPPINESS_PANEL, "monitor", monitor, NULL);
}

void
mg_swappiness_panel_set_monitor (MgSwappinessPanel *self,
                                 MgMonitor         *monitor)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));
  g_return_if_fail (monitor == NULL || MG_IS_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (self->monitor != NULL)
    self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);

  update_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);

  /* An Apply waiting for a sample must not wait on a monitor that has gone. */
  if (self->awaiting_sample && self->monitor != NULL)
    {
      mg_monitor_request_sample (self->monitor);
    }
  else if (self->awaiting_sample)
    {
      self->awaiting_sample = FALSE;
      finish (self, self->helper_outcome);
    }
}

MgMonitor *
mg_swappiness_panel_get_monitor (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), NULL);

  return self->monitor;
}

gboolean
mg_swappiness_panel_get_busy (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), FALSE);

  return self->busy;
}

gboolean
mg_swappiness_panel_get_can_apply (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), FALSE);

  return !self->busy && !self->sandboxed;
}

guint
mg_swappiness_panel_get_value (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), 0);

  /* The adjustment's step is 1, but a scale may still leave a fraction in between. */
  return (guint) (gtk_adjustment_get_value (self->adjustment) + 0.5);
}

void
mg_swappiness_panel_set_value (MgSwappinessPanel *self,
                               guint              value)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  /* The adjustment clamps to the kernel's range and notifies through on_value_changed. */
  gtk_adjustment_set_value (self->adjustment, value);
}

gboolean
mg_swappiness_panel_get_persist (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), FALSE);

  return gtk_switch_get_active (GTK_SWITCH (self->persist_switch));
}

void
mg_swappiness_panel_set_persist (MgSwappinessPanel *self,
                                 gboolean           persist)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  gtk_switch_set_active (GTK_SWITCH (self->persist_switch), persist);
}


void
mg_swappiness_panel_set_maximum (MgSwappinessPanel *self,
                                 guint              maximum)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));
  g_return_if_fail (maximum > 0 && maximum <= MG_SWAPPINESS_MAX);

  if (self->maximum == maximum)
    return;

  self->maximum = maximum;
  gtk_adjustment_set_upper (self->adjustment, maximum);
  if (gtk_adjustment_get_value (self->adjustment) > maximum)
    gtk_adjustment_set_value (self->adjustment, maximum);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM]);
}


void
mg_swappiness_panel_set_sandboxed (MgSwappinessPanel *self,
                                   gboolean           sandboxed)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  sandboxed = !!sandboxed;
  if (self->sandboxed == sandboxed)
    return;

  self->sandboxed = sandboxed;
  /* Inside the sandbox /etc is the runtime's, so what it says about restarts would be wrong. */
  gtk_widget_set_visible (self->boot_box, !sandboxed);
  gtk_widget_set_visible (self->sandbox_box, sandboxed);
  update_sandbox_command (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_APPLY]);
}

void
mg_swappiness_panel_set_sysctl_root (MgSwappinessPanel *self,
                                     const char        *root)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  if (g_strcmp0 (self->sysctl_root, root) == 0)
    return;

  g_free (self->sysctl_root);
  self->sysctl_root = g_strdup (root);
  rescan (self);
  reset_persist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSCTL_ROOT]);
}


gboolean
mg_swappiness_panel_get_outcome (MgSwappinessPanel   *self,
                                 MgSwappinessOutcome *out_outcome)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), FALSE);

  if (self->has_outcome && out_outcome != NULL)
    *out_outcome = self->outcome;

  return self->has_outcome;
}

const char *
mg_swappiness_panel_get_message (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), NULL);

  return self->message;
}

static void
mg_swappiness_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MgSwappinessPanel *self = MG_SWAPPINESS_PANEL (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_VALUE:
      g_value_set_uint (value, mg_swappiness_panel_get_value (self));
      break;
    case PROP_PERSIST:
      g_value_set_boolean (value, mg_swappiness_panel_get_persist (self));
      break;
    case PROP_MAXIMUM:
      g_value_set_uint (value, self->maximum);
      break;
    case PROP_SANDBOXED:
      g_value_set_boolean (value, self->sandboxed);
      break;
    case PROP_SYSCTL_ROOT:
      g_value_set_string (value, self->sysctl_root);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CAN_APPLY:
      g_value_set_boolean (value, mg_swappiness_panel_get_can_apply (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_swappiness_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MgSwappinessPanel *self = MG_SWAPPINESS_PANEL (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      mg_swappiness_panel_set_monitor (self, g_value_get_object (value));
      break;
    case PROP_VALUE:
      mg_swappiness_panel_set_value (self, g_value_get_uint (value));
      break;
    case PROP_PERSIST:
      mg_swappiness_panel_set_persist (self, g_value_get_boolean (value));
      break;
    case PROP_MAXIMUM:
      mg_swappiness_panel_set_maximum (self, g_value_get_uint (value));
      break;
    case PROP_SANDBOXED:
      mg_swappiness_panel_set_sandboxed (self, g_value_get_boolean (value));
      break;
    case PROP_SYSCTL_ROOT:
      mg_swappiness_panel_set_sysctl_root (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_swappiness_panel_dispose (GObject *object)
{
  MgSwappinessPanel *self = MG_SWAPPINESS_PANEL (object);

  /* Closing the panel withdraws a pending request: the helper client stops pkexec still
   * waiting for a password, so its authentication dialog goes away. A helper already running
   * as root cannot be signalled and finishes on its own, which is harmless. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->awaiting_sample = FALSE;

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_swappiness_panel_parent_class)->dispose (object);
}

static void
mg_swappiness_panel_finalize (GObject *object)
{
  MgSwappinessPanel *self = MG_SWAPPINESS_PANEL (object);

  g_clear_pointer (&self->scan, mg_swappiness_scan_free);
  g_free (self->sysctl_root);
  g_free (self->message);

  G_OBJECT_CLASS (mg_swappiness_panel_parent_class)->finalize (object);
}

static void
mg_swappiness_panel_class_init (MgSwappinessPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mg_swappiness_panel_get_property;
  object_class->set_property = mg_swappiness_panel_set_property;
  object_class->dispose = mg_swappiness_panel_dispose;
  object_class->finalize = mg_swappiness_panel_finalize;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_uint ("value", NULL, NULL, 0, MG_SWAPPINESS_MAX, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSIST] =
    g_param_spec_boolean ("persist", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAXIMUM] =
    g_param_spec_uint ("maximum", NULL, NULL, 1, MG_SWAPPINESS_MAX, MG_SWAPPINESS_MAX,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOXED] =
    g_param_spec_boolean ("sandboxed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYSCTL_ROOT] =
    g_param_spec_string ("sysctl-root", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_APPLY] =
    g_param_spec_boolean ("can-apply", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MgSwappinessPanel::applied:
   * @self: the panel
   * @outcome: the #MgSwappinessOutcome, after checking the value read back from the kernel
   *
   * Emitted when an Apply has finished and its message is shown.
   */
  signals[SIGNAL_APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MG_TYPE_SWAPPINESS_OUTCOME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, current_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, controls_grid);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, scale);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, spin_button);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, desktop_button);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, default_button);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, persist_switch);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, boot_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, persisted_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, persisted_path_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, override_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, override_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, sandbox_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, sandbox_command_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, busy_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, status_bar);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, status_image);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, override_image);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_desktop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_default_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_persist_changed);
}

static void
mg_swappiness_panel_init (MgSwappinessPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_icon_style (GTK_WIDGET (self->status_image));
  add_icon_style (self->override_image);

  self->maximum = MG_SWAPPINESS_MAX;
  mg_swappiness_panel_set_maximum (self, mg_swappiness_kernel_max ());

  self->scan = mg_swappiness_scan_sysctl (NULL);
  reset_persist (self);
  update_boot (self);
  update_current (self);

  mg_swappiness_panel_set_sandboxed (self, mg_swappiness_in_flatpak (NULL));
}
