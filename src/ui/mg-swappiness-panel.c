/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessPanel: the swappiness controls and the privileged Apply, for any container. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include "mg-enums.h"
#include "mg-swappiness-boot.h"
#include "mg-swappiness-current.h"
#include "mg-swappiness-host.h"
#include "mg-swappiness-panel.h"
#include "mg-swappiness-status.h"
#include "mg-widget-util.h"

/* Presets: 10 keeps a desktop's programs in RAM, 60 is Linux's default. */
#define PRESET_DESKTOP 10
#define PRESET_KERNEL_DEFAULT 60

struct _MgSwappinessPanel {
  GtkBox               parent_instance;

  GtkAdjustment       *adjustment;
  MgSwappinessCurrent *current;
  GtkWidget           *spin_button;
  GtkWidget           *persist_switch;
  MgSwappinessBoot    *boot;
  MgSwappinessStatus  *status;

  MgMonitor           *monitor;
  gulong               sample_handler;

  GCancellable        *cancellable;
  guint                requested;
  gboolean             requested_persist;
  /* The helper has answered; the outcome is shown once the monitor has sampled again,
   * that is, once it has taken more than @samples_before samples. */
  gboolean             awaiting_sample;
  guint64              samples_before;
  MgSwappinessOutcome  helper_outcome;

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
  guint value;

  mg_swappiness_current_set_sample (self->current, self->monitor != NULL ?
                                    mg_monitor_get_sample (self->monitor) : NULL);

  if (!self->value_from_monitor && live_value (self, &value))
    {
      self->value_from_monitor = TRUE;
      gtk_adjustment_set_value (self->adjustment, MIN (value, self->maximum));
    }
}

/* Someone who saved a value before most likely wants to keep saving it. */
static void
reset_persist (MgSwappinessPanel *self)
{
  gtk_switch_set_active (GTK_SWITCH (self->persist_switch),
                         mg_swappiness_boot_get_scan (self->boot)->persisted != NULL);
}

static void
update_sandbox_command (MgSwappinessPanel *self)
{
  if (self->sandboxed)
    mg_swappiness_boot_set_command (self->boot, mg_swappiness_panel_get_value (self),
                                    mg_swappiness_panel_get_persist (self));
}

static void
set_busy (MgSwappinessPanel *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  mg_swappiness_status_set_busy (self->status, busy);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_APPLY]);
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
  gboolean overridden;

  set_busy (self, FALSE);

  /* Whatever the outcome, the live value and the boot files are shown as they are now. */
  have_now = live_value (self, &now);
  mg_swappiness_boot_rescan (self->boot);

  overridden = mg_swappiness_boot_get_scan (self->boot)->overridden_by != NULL;
  outcome = mg_swappiness_outcome_confirm (outcome, self->requested, self->requested_persist,
                                           overridden, have_now, now, &severity, &message);
  /* The controls follow the kernel, not the person's last drag. */
  if (severity == MG_SWAPPINESS_SEVERITY_SUCCESS)
    gtk_adjustment_set_value (self->adjustment, MIN (now, self->maximum));

  g_debug ("Apply %u%s: outcome %d: %s", self->requested,
           self->requested_persist ? " --persist" : "", outcome, message);

  mg_swappiness_status_show_outcome (self->status, outcome, severity, message);

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
  self->samples_before = mg_monitor_get_n_samples (self->monitor);
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

  /* A re-evaluation for new thresholds is no reading taken after the helper. */
  if (self->awaiting_sample && mg_monitor_get_n_samples (monitor) > self->samples_before)
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
      self->samples_before = mg_monitor_get_n_samples (self->monitor);
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
  mg_swappiness_boot_set_sandboxed (self->boot, sandboxed);
  update_sandbox_command (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOXED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_APPLY]);
}

void
mg_swappiness_panel_set_sysctl_root (MgSwappinessPanel *self,
                                     const char        *root)
{
  g_return_if_fail (MG_IS_SWAPPINESS_PANEL (self));

  if (g_strcmp0 (mg_swappiness_boot_get_root (self->boot), root) == 0)
    return;

  mg_swappiness_boot_set_root (self->boot, root);
  reset_persist (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSCTL_ROOT]);
}

gboolean
mg_swappiness_panel_get_outcome (MgSwappinessPanel   *self,
                                 MgSwappinessOutcome *out_outcome)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), FALSE);

  /* Template children are gone once the panel is destroyed, and with them the outcome. */
  return self->status != NULL && mg_swappiness_status_get_outcome (self->status, out_outcome);
}

const char *
mg_swappiness_panel_get_message (MgSwappinessPanel *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_PANEL (self), NULL);

  return self->status != NULL ? mg_swappiness_status_get_message (self->status) : NULL;
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
      g_value_set_string (value, mg_swappiness_boot_get_root (self->boot));
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
mg_swappiness_panel_class_init (MgSwappinessPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mg_swappiness_panel_get_property;
  object_class->set_property = mg_swappiness_panel_set_property;
  object_class->dispose = mg_swappiness_panel_dispose;

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

  g_type_ensure (MG_TYPE_SWAPPINESS_BOOT);
  g_type_ensure (MG_TYPE_SWAPPINESS_CURRENT);
  g_type_ensure (MG_TYPE_SWAPPINESS_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, adjustment);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, current);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, spin_button);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, persist_switch);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, boot);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessPanel, status);
  gtk_widget_class_bind_template_callback (widget_class, on_desktop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_default_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_persist_changed);
}

static void
mg_swappiness_panel_init (MgSwappinessPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mg_spin_button_clamp_typed (GTK_SPIN_BUTTON (self->spin_button));

  self->maximum = MG_SWAPPINESS_MAX;
  mg_swappiness_panel_set_maximum (self, mg_swappiness_kernel_max ());

  reset_persist (self);
  update_current (self);

  mg_swappiness_panel_set_sandboxed (self, mg_swappiness_in_flatpak (NULL));
}
