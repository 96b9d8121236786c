/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPreferencesWindow: every setting a person can change, bound live to GSettings. */

#define G_LOG_DOMAIN "memgauge-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-preferences-window.h"
#include "mg-widget-util.h"

struct _MgPreferencesWindow {
  GtkApplicationWindow  parent_instance;

  GSettings            *settings;
  MgAutostart          *autostart;
  MgMonitor            *monitor;

  GBinding             *autostart_binding;
  gulong                settings_handler;
  gulong                autostart_switch_handler;
  /* The monitor weighs its last sample again once the level keys have settled. */

  /* Template children */
  GtkStack             *stack;
  GtkWidget            *switcher;
  GtkWidget            *autostart_switch;
  GtkWidget            *percentage_switch;
  GtkWidget            *interval_spin;
  GtkWidget            *low_spin;
  GtkWidget            *medium_spin;
  GtkWidget            *high_spin;
  GtkWidget            *psi_switch;
  GtkWidget            *order_warning;
  GtkWidget            *notify_high_switch;
  GtkWidget            *notify_critical_switch;
  GtkWidget            *renotify_spin;
  GtkWidget            *power_saver_switch;
  GtkWidget            *group_limit_spin;
  GtkWidget            *leak_switch;
  GtkWidget            *restore_button;
  MgTuningPage         *tuning_page;
  MgMachinesPage       *machines_page;
};

G_DEFINE_FINAL_TYPE (MgPreferencesWindow, mg_preferences_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_AUTOSTART,
  PROP_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every control and the key it shows; g_settings_bind() keeps both ways live. */
static const struct {
  const char *key;
  gsize       offset;
  const char *property;
} bound_controls[] = {
  { "show-percentage-label", G_STRUCT_OFFSET (MgPreferencesWindow, percentage_switch), "active" },
  { "sample-interval", G_STRUCT_OFFSET (MgPreferencesWindow, interval_spin), "value" },
  { "low-threshold", G_STRUCT_OFFSET (MgPreferencesWindow, low_spin), "value" },
  { "medium-threshold", G_STRUCT_OFFSET (MgPreferencesWindow, medium_spin), "value" },
  { "high-threshold", G_STRUCT_OFFSET (MgPreferencesWindow, high_spin), "value" },
  { "psi-raises-level", G_STRUCT_OFFSET (MgPreferencesWindow, psi_switch), "active" },
  { "notify-on-high", G_STRUCT_OFFSET (MgPreferencesWindow, notify_high_switch), "active" },
  { "notify-on-critical", G_STRUCT_OFFSET (MgPreferencesWindow, notify_critical_switch), "active" },
  { "renotify-minutes", G_STRUCT_OFFSET (MgPreferencesWindow, renotify_spin), "value" },
  { "slower-in-power-saver", G_STRUCT_OFFSET (MgPreferencesWindow, power_saver_switch), "active" },
  { "group-limit-percent", G_STRUCT_OFFSET (MgPreferencesWindow, group_limit_spin), "value" },
  { "notify-on-leaks", G_STRUCT_OFFSET (MgPreferencesWindow, leak_switch), "active" },
};

#define CONTROL(self, i) G_STRUCT_MEMBER (GtkWidget *, (self), bound_controls[i].offset)

/* The thresholds, from the boundary between high and critical up: each must be below the
 * next, as mg_level_params_are_valid() demands. */
enum {
  THRESHOLD_HIGH,
  THRESHOLD_MEDIUM,
  THRESHOLD_LOW,
  N_THRESHOLDS
};

static const char * const threshold_keys[N_THRESHOLDS] = {
  [THRESHOLD_HIGH] = "high-threshold",
  [THRESHOLD_MEDIUM] = "medium-threshold",
  [THRESHOLD_LOW] = "low-threshold",
};

/* What "Restore Defaults" resets besides the thresholds: the rest of the Alerts section,
 * and the margin that belongs with the thresholds although no control shows it. */
static const char * const alert_keys[] = {
  "psi-raises-level",
  "notify-on-high",
  "notify-on-critical",
  "renotify-minutes",
  "hysteresis-margin",
};

static gboolean
thresholds_ordered (const guint values[N_THRESHOLDS])
{
  return values[THRESHOLD_HIGH] < values[THRESHOLD_MEDIUM] &&
         values[THRESHOLD_MEDIUM] < values[THRESHOLD_LOW];
}

static void
get_thresholds (MgPreferencesWindow *self,
                guint                values[N_THRESHOLDS])
{
  for (guint i = 0; i < N_THRESHOLDS; i++)
    values[i] = g_settings_get_uint (self->settings, threshold_keys[i]);
}

/* The schema's range of a `u` key, so that the limits live in one place. */
static void
get_key_range (GSettings  *settings,
               const char *key,
               guint      *out_min,
               guint      *out_max)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type = NULL;

  *out_min = 0;
  *out_max = G_MAXUINT;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_strcmp0 (type, "range") == 0)
    g_variant_get (limits, "(uu)", out_min, out_max);
}

static GtkWidget *
threshold_spin (MgPreferencesWindow *self,
                guint                threshold)
{
  switch (threshold)
    {
    case THRESHOLD_HIGH:
      return self->high_spin;
    case THRESHOLD_MEDIUM:
      return self->medium_spin;
    case THRESHOLD_LOW:
    default:
      return self->low_spin;
    }
}

/* Each threshold may move only between its neighbours, so that a person cannot enter an
 * unordered combination. When the keys are already out of order (set with `gsettings`,
 * perhaps one step of a longer change), the range is widened to take the stored value:
 * the window shows it rather than clamping it and writing the clamp back, which would
 * undo the next step of that change. The monitor keeps the last ordered combination
 * meanwhile. */
static void
update_threshold_ranges (MgPreferencesWindow *self)
{
  guint values[N_THRESHOLDS];

  get_thresholds (self, values);

  for (guint i = 0; i < N_THRESHOLDS; i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (threshold_spin (self, i));
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
      g_autofree char *tooltip = NULL;
      guint key_min, key_max;
      guint lower, upper;

      get_key_range (self->settings, threshold_keys[i], &key_min, &key_max);
      lower = key_min;
      upper = key_max;
      if (i > 0)
        lower = MAX (lower, values[i - 1] + 1);
      if (i + 1 < N_THRESHOLDS)
        upper = MIN (upper, values[i + 1] - 1);
      lower = MIN (lower, values[i]);
      upper = MAX (upper, values[i]);

      /* The stored value itself, so that configuring never clamps what the key says. */
      gtk_adjustment_configure (adjustment, values[i], lower, upper,
                                gtk_adjustment_get_step_increment (adjustment),
                                gtk_adjustment_get_page_increment (adjustment), 0.0);

      /* Translators: tooltip of a threshold field; the numbers are percentages. */
      tooltip = g_strdup_printf (_("From %u %% to %u %%: each threshold stays between its "
                                   "neighbours."), lower, upper);
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), tooltip);
    }

  gtk_widget_set_visible (self->order_warning, !thresholds_ordered (values));
}

static void
on_settings_changed (GSettings           *settings,
                     const char          *key,
                     MgPreferencesWindow *self)
{
  for (guint i = 0; i < N_THRESHOLDS; i++)
    {
      if (g_strcmp0 (key, threshold_keys[i]) == 0)
        {
          update_threshold_ranges (self);
          return;
        }
    }
}

/* The switch shows what the autostart file says, also when writing it failed. */
static void
on_autostart_switch_active (GtkSwitch           *autostart_switch,
                            GParamSpec          *pspec,
                            MgPreferencesWindow *self)
{
  gboolean enabled = mg_autostart_get_enabled (self->autostart);

  if (gtk_switch_get_active (autostart_switch) != enabled)
    gtk_switch_set_active (autostart_switch, enabled);
}

static void
on_restore_clicked (MgPreferencesWindow *self)
{
  mg_preferences_window_restore_alert_defaults (self);
}

/* GtkStackSwitcher puts the pages' titles into its buttons as plain labels: give them
 * their mnemonics (Alt+G, Alt+A, Alt+E). */
static void
use_underline_in_switcher (MgPreferencesWindow *self)
{
  g_autoptr(GList) buttons = gtk_container_get_children (GTK_CONTAINER (self->switcher));

  for (GList *l = buttons; l != NULL; l = l->next)
    {
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (l->data));

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_use_underline (GTK_LABEL (label), TRUE);
          gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (l->data));
        }
    }
}

/* 99 typed where 98 is the most becomes 98, rather than going back to the old value
 * without a word. The Tuning page does the same for its own fields. */
static void
clamp_typed_numbers (MgPreferencesWindow *self)
{
  GtkWidget *spins[] = {
    self->interval_spin, self->low_spin, self->medium_spin, self->high_spin,
    self->renotify_spin, self->group_limit_spin,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (spins); i++)
    mg_spin_button_clamp_typed (GTK_SPIN_BUTTON (spins[i]));
}

static gboolean
mg_preferences_window_key_press_event (GtkWidget   *widget,
                                       GdkEventKey *event)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (GTK_WIDGET_CLASS (mg_preferences_window_parent_class)->key_press_event (widget, event))
    return TRUE;

  /* Settings apply as they change, so Escape only closes, as in GNOME's settings windows. */
  if (event->keyval == GDK_KEY_Escape && modifiers == 0)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return TRUE;
    }

  return FALSE;
}

static void
mg_preferences_window_constructed (GObject *object)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (mg_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));
  g_return_if_fail (MG_IS_AUTOSTART (self->autostart));
  g_return_if_fail (MG_IS_MONITOR (self->monitor));

  /* The ranges first, so that the bindings' first values fit them. */
  update_threshold_ranges (self);
  for (guint i = 0; i < G_N_ELEMENTS (bound_controls); i++)
    g_settings_bind (self->settings, bound_controls[i].key, CONTROL (self, i),
                     bound_controls[i].property, G_SETTINGS_BIND_DEFAULT);
  /* After the bindings: a threshold's new value is in its spin button before the
   * neighbours' ranges follow it. */
  self->settings_handler = g_signal_connect (self->settings, "changed",
                                             G_CALLBACK (on_settings_changed), self);

  self->autostart_binding = g_object_bind_property (self->autostart, "enabled",
                                                    self->autostart_switch, "active",
                                                    G_BINDING_BIDIRECTIONAL |
                                                    G_BINDING_SYNC_CREATE);
  self->autostart_switch_handler =
    g_signal_connect_after (self->autostart_switch, "notify::active",
                            G_CALLBACK (on_autostart_switch_active), self);

  mg_tuning_page_set_monitor (self->tuning_page, self->monitor);
  mg_machines_page_set_settings (self->machines_page, self->settings);
}

static void
mg_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_AUTOSTART:
      self->autostart = g_value_dup_object (value);
      break;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_AUTOSTART:
      g_value_set_object (value, self->autostart);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_preferences_window_dispose (GObject *object)
{
  MgPreferencesWindow *self = MG_PREFERENCES_WINDOW (object);

  /* Before the template's children go: a key changed meanwhile must not reach them. */
  if (self->settings != NULL)
    {
      g_clear_signal_handler (&self->settings_handler, self->settings);
      for (guint i = 0; i < G_N_ELEMENTS (bound_controls); i++)
        {
          if (CONTROL (self, i) != NULL)
            g_settings_unbind (CONTROL (self, i), bound_controls[i].property);
        }
    }
  if (self->autostart_switch != NULL)
    g_clear_signal_handler (&self->autostart_switch_handler, self->autostart_switch);
  g_clear_pointer (&self->autostart_binding, g_binding_unbind);

  g_clear_object (&self->settings);
  g_clear_object (&self->autostart);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_preferences_window_parent_class)->dispose (object);
}

static void
mg_preferences_window_class_init (MgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mg_preferences_window_constructed;
  object_class->set_property = mg_preferences_window_set_property;
  object_class->get_property = mg_preferences_window_get_property;
  object_class->dispose = mg_preferences_window_dispose;

  widget_class->key_press_event = mg_preferences_window_key_press_event;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSTART] =
    g_param_spec_object ("autostart", NULL, NULL, MG_TYPE_AUTOSTART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MG_TYPE_TUNING_PAGE);
  g_type_ensure (MG_TYPE_MACHINES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, switcher);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, percentage_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, low_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, medium_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, high_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, psi_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, order_warning);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, notify_high_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow,
                                        notify_critical_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, renotify_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, power_saver_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, group_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, leak_switch);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, tuning_page);
  gtk_widget_class_bind_template_child (widget_class, MgPreferencesWindow, machines_page);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
}

static void
mg_preferences_window_init (MgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  use_underline_in_switcher (self);
  clamp_typed_numbers (self);
}

MgPreferencesWindow *
mg_preferences_window_new (GtkApplication *app,
                           GSettings      *settings,
                           MgAutostart    *autostart,
                           MgMonitor      *monitor)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MG_IS_AUTOSTART (autostart), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);

  return g_object_new (MG_TYPE_PREFERENCES_WINDOW,
                       "application", app,
                       "settings", settings,
                       "autostart", autostart,
                       "monitor", monitor,
                       NULL);
}

void
mg_preferences_window_set_section (MgPreferencesWindow *self,
                                   const char          *name)
{
  g_return_if_fail (MG_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (name != NULL);

  gtk_stack_set_visible_child_name (self->stack, name);
}

const char *
mg_preferences_window_get_section (MgPreferencesWindow *self)
{
  g_return_val_if_fail (MG_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
mg_preferences_window_restore_alert_defaults (MgPreferencesWindow *self)
{
  gboolean reset[N_THRESHOLDS] = { FALSE, };

  g_return_if_fail (MG_IS_PREFERENCES_WINDOW (self));

  /* One threshold at a time, each time one whose default keeps the three ordered. From an
   * ordered start there always is one: if neither the high nor the low threshold could
   * take its default, the medium one would be at least the default low and at most the
   * default high. So three rounds reset all three without an unordered step. */
  for (guint round = 0; round < N_THRESHOLDS; round++)
    {
      for (guint i = 0; i < N_THRESHOLDS; i++)
        {
          g_autoptr(GVariant) default_value = NULL;
          guint values[N_THRESHOLDS];

          if (reset[i])
            continue;

          get_thresholds (self, values);
          default_value = g_settings_get_default_value (self->settings, threshold_keys[i]);
          values[i] = g_variant_get_uint32 (default_value);
          if (thresholds_ordered (values))
            {
              g_settings_reset (self->settings, threshold_keys[i]);
              reset[i] = TRUE;
            }
        }
    }

  /* Only from a start that was already out of order (set elsewhere). */
  for (guint i = 0; i < N_THRESHOLDS; i++)
    {
      if (!reset[i])
        g_settings_reset (self->settings, threshold_keys[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (alert_keys); i++)
    g_settings_reset (self->settings, alert_keys[i]);
}

MgTuningPage *
mg_preferences_window_get_tuning_page (MgPreferencesWindow *self)
{
  g_return_val_if_fail (MG_IS_PREFERENCES_WINDOW (self), NULL);

  return self->tuning_page;
}

MgMachinesPage *
mg_preferences_window_get_machines_page (MgPreferencesWindow *self)
{
  g_return_val_if_fail (MG_IS_PREFERENCES_WINDOW (self), NULL);

  return self->machines_page;
}
