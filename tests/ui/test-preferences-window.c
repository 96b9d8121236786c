/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui test of MgPreferencesWindow under Xvfb: every control against its key, both ways. */

#define G_LOG_DOMAIN "memgauge-preferences"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mg-gauge-window.h"
#include "mg-preferences-window.h"
#include "mg-style.h"
#include "mg-env.h"
#include "mg-helper-protocol.h"
#include "mg-test-files.h"
#include "mg-swappiness-host.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

#define SCHEMA_ID "io.github.memgauge.MemGauge"
typedef struct {
  char                *tmp;
  char                *root;         /* a copy of linux-6.18-high: 15.0 % available */
  char                *sysctl_root;  /* stands in for / when the panel looks for sysctl files */
  GSettings           *settings;
  MgMonitor           *monitor;
  MgAutostart         *autostart;
  MgPreferencesWindow *window;
} Fixture;

/* Keys bound to the monitor as MgApplication binds them. */
static const char * const monitor_keys[] = {
  "low-threshold", "medium-threshold", "high-threshold", "hysteresis-margin",
  "psi-raises-level",
};

static const char * const alert_keys[] = {
  "low-threshold", "medium-threshold", "high-threshold", "hysteresis-margin",
  "psi-raises-level", "notify-on-high", "notify-on-critical", "renotify-minutes",
};

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   MG_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* The warning icon is in the theme's warning colour: memgauge.css, loaded once for the
 * screen by mg_ui_style_ensure (), reaches the window. */
static void
assert_warning_colour (Fixture *fixture)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (child (fixture,
                                                                                "order_warning")));
  GtkStyleContext *context;
  GdkRGBA expected;
  GdkRGBA colour;

  g_assert_true (GTK_IS_IMAGE (children->data));
  context = gtk_widget_get_style_context (GTK_WIDGET (children->data));
  g_assert_true (gtk_style_context_lookup_color (context, "warning_color", &expected));
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &colour);
  g_assert_true (gdk_rgba_equal (&colour, &expected));
}

static gboolean
switch_active (Fixture    *fixture,
               const char *name)
{
  return gtk_switch_get_active (GTK_SWITCH (child (fixture, name)));
}

static int
spin_value (Fixture    *fixture,
            const char *name)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (fixture, name)));
}

/* What a person does: types a number and leaves the field (or presses Enter). */
static void
type_into (Fixture    *fixture,
           const char *name,
           const char *text)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child (fixture, name));

  gtk_widget_grab_focus (GTK_WIDGET (spin));
  gtk_entry_set_text (GTK_ENTRY (spin), text);
  gtk_widget_activate (GTK_WIDGET (spin));
  mg_test_ui_iterate_pending ();
}

static void
type_number (Fixture    *fixture,
             const char *name,
             guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  type_into (fixture, name, text);
}

static void
send_key (Fixture         *fixture,
          guint            keyval,
          GdkModifierType  state)
{
  mg_test_ui_send_key (GTK_WIDGET (fixture->window), keyval, state);
}

static void
assert_thresholds_ordered (GSettings *settings)
{
  guint low = g_settings_get_uint (settings, "low-threshold");
  guint medium = g_settings_get_uint (settings, "medium-threshold");
  guint high = g_settings_get_uint (settings, "high-threshold");

  g_assert_cmpuint (high, <, medium);
  g_assert_cmpuint (medium, <, low);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                   "linux-6.18-high", NULL);

  fixture->tmp = g_dir_make_tmp ("test-preferences-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->root = g_build_filename (fixture->tmp, "proc", NULL);
  fixture->sysctl_root = g_build_filename (fixture->tmp, "root", NULL);
  mg_test_copy_tree (source, fixture->root);
  g_assert_cmpint (g_mkdir_with_parents (fixture->sysctl_root, 0755), ==, 0);

  /* The memory backend lives as long as the process: start every test from the defaults. */
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->settings, keys[i]);

  fixture->monitor = mg_test_monitor_new (fixture->root);
  g_settings_bind (fixture->settings, "sample-interval", fixture->monitor, "interval",
                   G_SETTINGS_BIND_GET);
  for (guint i = 0; i < G_N_ELEMENTS (monitor_keys); i++)
    g_settings_bind (fixture->settings, monitor_keys[i], fixture->monitor, monitor_keys[i],
                     G_SETTINGS_BIND_GET);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));

  /* G_TEST_OPTION_ISOLATE_DIRS gives each test an empty XDG_CONFIG_HOME. */
  fixture->autostart = mg_autostart_new ("memgauge");

  fixture->window = mg_preferences_window_new (NULL, fixture->settings, fixture->autostart,
                                               fixture->monitor);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  mg_tuning_page_set_sysctl_root (mg_preferences_window_get_tuning_page (fixture->window),
                                  fixture->sysctl_root);
  gtk_widget_show (GTK_WIDGET (fixture->window));
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  mg_test_ui_iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_widget_destroy (GTK_WIDGET (fixture->window));
  g_assert_null (fixture->window);
  mg_test_ui_iterate_pending ();

  g_clear_object (&fixture->autostart);
  mg_monitor_stop (fixture->monitor);
  g_clear_object (&fixture->monitor);
  g_clear_object (&fixture->settings);

  mg_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->root);
  g_free (fixture->sysctl_root);
}

/* ------------------------------------------------------------------------------------- */

static const struct {
  const char *key;
  const char *widget;
} switches[] = {
  { "show-percentage-label", "percentage_switch" },
  { "psi-raises-level", "psi_switch" },
  { "notify-on-high", "notify_high_switch" },
  { "notify-on-critical", "notify_critical_switch" },
};

static const struct {
  const char *key;
  const char *widget;
  guint       value;   /* a valid non-default value */
} spins[] = {
  { "sample-interval", "interval_spin", 7 },
  { "low-threshold", "low_spin", 55 },
  { "medium-threshold", "medium_spin", 25 },
  { "high-threshold", "high_spin", 12 },
  { "renotify-minutes", "renotify_spin", 90 },
};

static void
test_controls_change_keys (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *autostart_path = g_strdup (mg_autostart_get_path (fixture->autostart));

  /* The defaults, as the window first shows them. */
  g_assert_false (switch_active (fixture, "autostart_switch"));
  g_assert_false (switch_active (fixture, "percentage_switch"));
  g_assert_true (switch_active (fixture, "psi_switch"));
  g_assert_cmpint (spin_value (fixture, "interval_spin"), ==, 3);
  g_assert_cmpint (spin_value (fixture, "low_spin"), ==, 40);
  g_assert_cmpint (spin_value (fixture, "medium_spin"), ==, 20);
  g_assert_cmpint (spin_value (fixture, "high_spin"), ==, 10);
  g_assert_cmpint (spin_value (fixture, "renotify_spin"), ==, 30);

  /* A switch flips as a click or Space flips it. */
  for (gsize i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      gboolean before = g_settings_get_boolean (fixture->settings, switches[i].key);

      g_test_message ("toggling %s", switches[i].widget);
      gtk_widget_activate (child (fixture, switches[i].widget));
      mg_test_ui_iterate_pending ();
      g_assert_cmpint (g_settings_get_boolean (fixture->settings, switches[i].key), ==, !before);
      gtk_widget_activate (child (fixture, switches[i].widget));
      mg_test_ui_iterate_pending ();
      g_assert_cmpint (g_settings_get_boolean (fixture->settings, switches[i].key), ==, before);
    }

  /* Numbers typed in, as a person would. */
  for (gsize i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      g_test_message ("typing %u into %s", spins[i].value, spins[i].widget);
      type_number (fixture, spins[i].widget, spins[i].value);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, spins[i].key), ==, spins[i].value);
    }
  /* And the arrow keys of a focused field. */
  gtk_widget_grab_focus (child (fixture, "interval_spin"));
  g_assert_true (gtk_bindings_activate (G_OBJECT (child (fixture, "interval_spin")),
                                        GDK_KEY_Up, 0));
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "sample-interval"), ==, 8);
  g_assert_cmpuint (mg_monitor_get_interval (fixture->monitor), ==, 8);

  /* Start at Login writes the autostart file, and removes it again. */
  g_assert_false (g_file_test (autostart_path, G_FILE_TEST_EXISTS));
  gtk_widget_activate (child (fixture, "autostart_switch"));
  mg_test_ui_iterate_pending ();
  g_assert_true (g_file_test (autostart_path, G_FILE_TEST_EXISTS));
  g_assert_true (mg_autostart_get_enabled (fixture->autostart));
  gtk_widget_activate (child (fixture, "autostart_switch"));
  mg_test_ui_iterate_pending ();
  g_assert_false (g_file_test (autostart_path, G_FILE_TEST_EXISTS));
  g_assert_false (mg_autostart_get_enabled (fixture->autostart));
}

static void
test_keys_move_controls (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *autostart_path = mg_autostart_get_path (fixture->autostart);
  g_autofree char *autostart_dir = g_path_get_dirname (autostart_path);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      gboolean value = !g_settings_get_boolean (fixture->settings, switches[i].key);

      g_settings_set_boolean (fixture->settings, switches[i].key, value);
      mg_test_ui_iterate_pending ();
      g_assert_cmpint (switch_active (fixture, switches[i].widget), ==, value);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      g_settings_set_uint (fixture->settings, spins[i].key, spins[i].value);
      mg_test_ui_iterate_pending ();
      g_assert_cmpint (spin_value (fixture, spins[i].widget), ==, (int) spins[i].value);
      /* Shown without being written back differently. */
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, spins[i].key), ==,
                        spins[i].value);
    }
  g_assert_cmpuint (mg_monitor_get_interval (fixture->monitor), ==, 7);

  /* Another tool writes and removes the autostart file: the switch follows the file. */
  g_assert_cmpint (g_mkdir_with_parents (autostart_dir, 0700), ==, 0);
  g_file_set_contents (autostart_path,
                       "[Desktop Entry]\nType=Application\nName=MemGauge\nExec=memgauge\n",
                       -1, &error);
  g_assert_no_error (error);
  MG_TEST_WAIT_FOR (switch_active (fixture, "autostart_switch"));
  g_assert_cmpint (g_unlink (autostart_path), ==, 0);
  MG_TEST_WAIT_FOR (!switch_active (fixture, "autostart_switch"));
  /* GNOME's way of turning an entry off. */
  g_file_set_contents (autostart_path,
                       "[Desktop Entry]\nType=Application\nName=MemGauge\nExec=memgauge\n"
                       "X-GNOME-Autostart-enabled=false\n",
                       -1, &error);
  g_assert_no_error (error);
  mg_test_ui_run_for (300);
  g_assert_false (switch_active (fixture, "autostart_switch"));
}

static void
test_thresholds_ordered (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkSpinButton *high = GTK_SPIN_BUTTON (child (fixture, "high_spin"));
  GtkSpinButton *medium = GTK_SPIN_BUTTON (child (fixture, "medium_spin"));
  GtkSpinButton *low = GTK_SPIN_BUTTON (child (fixture, "low_spin"));
  const MgLevelParams *params;
  double lower, upper;

  /* High above medium, typed: it stops one below medium, and the field says so. */
  type_into (fixture, "high_spin", "30");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 19);
  g_assert_cmpint (spin_value (fixture, "high_spin"), ==, 19);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (high)), ==, "19");
  assert_thresholds_ordered (fixture->settings);

  /* Equal to medium: the same. */
  type_into (fixture, "high_spin", "10");
  type_into (fixture, "high_spin", "20");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 19);
  type_into (fixture, "high_spin", "10");

  /* Stepped up with the keyboard: it stops one below medium. */
  gtk_widget_grab_focus (GTK_WIDGET (high));
  for (guint i = 0; i < 20; i++)
    gtk_bindings_activate (G_OBJECT (high), GDK_KEY_Up, 0);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 19);
  assert_thresholds_ordered (fixture->settings);

  /* Medium now cannot go down to high; low cannot go down to medium. */
  gtk_spin_button_get_range (medium, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 20.0);
  g_assert_cmpfloat (upper, ==, 39.0);
  gtk_spin_button_get_range (low, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 21.0);
  gtk_spin_button_get_range (high, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 19.0);
  gtk_spin_button_set_value (medium, 5);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "medium-threshold"), ==, 20);
  type_into (fixture, "low_spin", "15");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "low-threshold"), ==, 21);
  type_into (fixture, "low_spin", "40");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "low-threshold"), ==, 40);
  gtk_widget_grab_focus (GTK_WIDGET (medium));
  g_assert_true (gtk_bindings_activate (G_OBJECT (medium), GDK_KEY_Page_Down, 0));
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "medium-threshold"), ==, 20);
  assert_thresholds_ordered (fixture->settings);
  g_assert_false (gtk_widget_get_visible (child (fixture, "order_warning")));

  /* Raising medium makes room for high, at once. */
  type_into (fixture, "medium_spin", "30");
  gtk_spin_button_get_range (high, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 29.0);

  /* From outside the window (gsettings), an unordered value is shown as it is and not
   * rewritten; the window warns, and the monitor keeps the last ordered thresholds. */
  g_settings_set_uint (fixture->settings, "high-threshold", 50);
  mg_test_ui_iterate_pending ();
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 50);
  g_assert_cmpint (spin_value (fixture, "high_spin"), ==, 50);
  g_assert_true (gtk_widget_get_visible (child (fixture, "order_warning")));
  assert_warning_colour (fixture);
  params = mg_monitor_get_level_params (fixture->monitor);
  g_assert_cmpfloat (params->high_percent, ==, 19.0);
  g_assert_cmpfloat (params->medium_percent, ==, 30.0);
  /* In the window, high can only come down from there. */
  gtk_spin_button_get_range (high, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 50.0);
  type_into (fixture, "high_spin", "60");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 50);

  /* The rest of that outside change orders them again. */
  g_settings_set_uint (fixture->settings, "low-threshold", 70);
  g_settings_set_uint (fixture->settings, "medium-threshold", 60);
  mg_test_ui_iterate_pending ();
  g_assert_false (gtk_widget_get_visible (child (fixture, "order_warning")));
  g_assert_cmpint (spin_value (fixture, "high_spin"), ==, 50);
  g_assert_cmpint (spin_value (fixture, "medium_spin"), ==, 60);
  g_assert_cmpint (spin_value (fixture, "low_spin"), ==, 70);
  params = mg_monitor_get_level_params (fixture->monitor);
  g_assert_cmpfloat (params->high_percent, ==, 50.0);
  g_assert_cmpfloat (params->medium_percent, ==, 60.0);
  g_assert_cmpfloat (params->low_percent, ==, 70.0);
  gtk_spin_button_get_range (high, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 59.0);
}

static void
test_thresholds_level (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 15.0 % available: between the high (10) and medium (20) thresholds. */
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);

  /* High to 20 needs medium above 20 first; before that, 20 stops at 19. */
  type_into (fixture, "high_spin", "20");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 19);
  type_into (fixture, "medium_spin", "30");
  type_into (fixture, "high_spin", "20");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==, 20);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "medium-threshold"), ==, 30);

  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  g_test_message ("level after the change: %s", mg_monitor_get_reason (fixture->monitor));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);

  /* And back: the margin keeps it critical until available memory clears 10 % by 2 points,
   * which 15 % does. */
  type_into (fixture, "high_spin", "10");
  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
}

typedef struct {
  GArray *times;
} SampleLog;

static void
on_sample_updated (MgMonitor *monitor,
                   SampleLog *log)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (log->times, now);
}

static void
log_gaps (SampleLog  *log,
          guint       from,
          const char *what,
          double     *out_min,
          double     *out_max)
{
  *out_min = G_MAXDOUBLE;
  *out_max = 0.0;
  for (guint i = from + 1; i < log->times->len; i++)
    {
      double gap = (double) (g_array_index (log->times, gint64, i) -
                             g_array_index (log->times, gint64, i - 1)) / G_USEC_PER_SEC;

      g_test_message ("%s: gap %.3f s", what, gap);
      *out_min = MIN (*out_min, gap);
      *out_max = MAX (*out_max, gap);
    }
}

static void
test_interval_reschedules (Fixture       *fixture,
                           gconstpointer  data)
{
  SampleLog log = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gulong handler;
  guint changed_at;
  double min_gap, max_gap;

  type_into (fixture, "interval_spin", "1");
  g_assert_cmpuint (mg_monitor_get_interval (fixture->monitor), ==, 1);
  handler = g_signal_connect (fixture->monitor, "sample-updated",
                              G_CALLBACK (on_sample_updated), &log);
  mg_monitor_start (fixture->monitor);
  mg_test_ui_run_for (4300);
  g_assert_cmpuint (log.times->len, >=, 4);
  /* GLib lines whole-second timers up to a per-session offset, so the first gap after
   * (re)scheduling can be up to a second off; the ones after it are the interval. */
  log_gaps (&log, 1, "interval 1", &min_gap, &max_gap);
  g_assert_cmpfloat (min_gap, >, 0.6);
  g_assert_cmpfloat (max_gap, <, 1.5);

  /* The person changes the interval in the window: the running timer follows. */
  changed_at = log.times->len;
  type_into (fixture, "interval_spin", "2");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "sample-interval"), ==, 2);
  g_assert_cmpuint (mg_monitor_get_interval (fixture->monitor), ==, 2);
  mg_test_ui_run_for (7300);
  g_assert_cmpuint (log.times->len - changed_at, >=, 3);
  g_assert_cmpuint (log.times->len - changed_at, <=, 4);
  log_gaps (&log, changed_at, "interval 2", &min_gap, &max_gap);
  g_assert_cmpfloat (min_gap, >, 1.6);
  g_assert_cmpfloat (max_gap, <, 2.5);

  g_signal_handler_disconnect (fixture->monitor, handler);
  g_array_unref (log.times);
}

static void
on_threshold_changed (GSettings  *settings,
                      const char *key,
                      guint      *n_changes)
{
  if (g_str_has_suffix (key, "-threshold"))
    {
      (*n_changes)++;
      /* Every step on the way, not only the end. */
      assert_thresholds_ordered (settings);
    }
}

static void
test_restore_defaults (Fixture       *fixture,
                       gconstpointer  data)
{
  /* From below the defaults (low must go first) and from above them (high must). */
  const guint starts[][3] = { { 3, 5, 8 }, { 50, 60, 70 }, { 15, 30, 35 } };

  for (gsize s = 0; s < G_N_ELEMENTS (starts); s++)
    {
      guint n_changes = 0;
      gulong handler;

      g_test_message ("restoring from %u/%u/%u", starts[s][0], starts[s][1], starts[s][2]);
      /* Set in the window, in an order that the window allows. */
      if (starts[s][0] < 10)
        {
          type_number (fixture, "high_spin", starts[s][0]);
          type_number (fixture, "medium_spin", starts[s][1]);
          type_number (fixture, "low_spin", starts[s][2]);
        }
      else
        {
          type_number (fixture, "low_spin", starts[s][2]);
          type_number (fixture, "medium_spin", starts[s][1]);
          type_number (fixture, "high_spin", starts[s][0]);
        }
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, "high-threshold"), ==,
                        starts[s][0]);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, "medium-threshold"), ==,
                        starts[s][1]);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, "low-threshold"), ==,
                        starts[s][2]);
      gtk_widget_activate (child (fixture, "psi_switch"));
      gtk_widget_activate (child (fixture, "notify_high_switch"));
      gtk_widget_activate (child (fixture, "notify_critical_switch"));
      type_into (fixture, "renotify_spin", "120");
      g_settings_set_uint (fixture->settings, "hysteresis-margin", 5);
      /* Not an alert key: Restore Defaults leaves it alone. */
      g_settings_set_uint (fixture->settings, "sample-interval", 9);
      mg_test_ui_iterate_pending ();
      for (gsize i = 0; i < G_N_ELEMENTS (alert_keys); i++)
        {
          g_autoptr(GVariant) user_value = g_settings_get_user_value (fixture->settings,
                                                                       alert_keys[i]);
          g_assert_nonnull (user_value);
        }

      handler = g_signal_connect (fixture->settings, "changed",
                                  G_CALLBACK (on_threshold_changed), &n_changes);
      gtk_button_clicked (GTK_BUTTON (child (fixture, "restore_button")));
      mg_test_ui_iterate_pending ();
      g_signal_handler_disconnect (fixture->settings, handler);
      g_assert_cmpuint (n_changes, >=, 3);

      for (gsize i = 0; i < G_N_ELEMENTS (alert_keys); i++)
        {
          g_autoptr(GVariant) user_value = g_settings_get_user_value (fixture->settings,
                                                                       alert_keys[i]);
          g_test_message ("%s after Restore Defaults: %s", alert_keys[i],
                          user_value != NULL ? "set" : "default");
          g_assert_null (user_value);
        }
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, "sample-interval"), ==, 9);
      g_settings_reset (fixture->settings, "sample-interval");

      g_assert_cmpint (spin_value (fixture, "low_spin"), ==, 40);
      g_assert_cmpint (spin_value (fixture, "medium_spin"), ==, 20);
      g_assert_cmpint (spin_value (fixture, "high_spin"), ==, 10);
      g_assert_cmpint (spin_value (fixture, "renotify_spin"), ==, 30);
      g_assert_true (switch_active (fixture, "psi_switch"));
      g_assert_true (switch_active (fixture, "notify_high_switch"));
      g_assert_true (switch_active (fixture, "notify_critical_switch"));
      g_assert_cmpfloat (mg_monitor_get_level_params (fixture->monitor)->low_percent, ==, 40.0);
      g_assert_cmpfloat (mg_monitor_get_level_params (fixture->monitor)->high_percent, ==, 10.0);
    }
}

/* The controls of each section, in the order Tab should reach them. */
static const char * const general_controls[] = {
  "autostart_switch", "percentage_switch", "interval_spin", "power_saver_switch",
  "autostart_switch", "percentage_switch", "interval_spin", "group_limit_spin", "leak_switch",
};
static const char * const alerts_controls[] = {
  "low_spin", "medium_spin", "high_spin", "psi_switch", "notify_high_switch",
  "notify_critical_switch", "renotify_spin", "restore_button",
};

static void
check_tab_order_widgets (Fixture     *fixture,
                         const char  *section,
                         GtkWidget  **widgets,
                         gsize        n_names)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  gsize next = 0;

  mg_preferences_window_set_section (fixture->window, section);
  mg_test_ui_iterate_pending ();
  gtk_window_set_focus (window, NULL);

  /* Tab through the whole window once: the controls come in reading order. */
  for (guint i = 0; i < 40 && next < n_names; i++)
    {
      GtkWidget *focus;

      send_key (fixture, GDK_KEY_Tab, 0);
      focus = gtk_window_get_focus (window);
      g_assert_nonnull (focus);
      if (focus == widgets[next])
        next++;
    }
  g_test_message ("%s: Tab reached %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " controls",
                  section, next, n_names);
  g_assert_cmpuint (next, ==, n_names);
}

static void
check_tab_order (Fixture            *fixture,
                 const char         *section,
                 const char * const *names,
                 gsize               n_names)
{
  g_autofree GtkWidget **widgets = g_new0 (GtkWidget *, n_names);

  for (gsize i = 0; i < n_names; i++)
    widgets[i] = child (fixture, names[i]);
  check_tab_order_widgets (fixture, section, widgets, n_names);
}

/* The Kernel section: every button with a mnemonic, each setting's field named after it,
 * and Tab through presets, the fields the kernel has, the check box and Compact Now. */
static void
check_kernel_keyboard (Fixture *fixture)
{
  MgTuningPage *page = mg_preferences_window_get_tuning_page (fixture->window);
  const char * const buttons[] = {
    "defaults_button", "desktop_button", "persist_check", "apply_button", "compact_button",
  };
  GtkWidget *order[MG_SYSCTL_N_KEYS + 4];
  gsize n = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = mg_test_ui_find_widget (GTK_WIDGET (page), buttons[i]);

      g_assert_true (gtk_widget_get_can_focus (button));
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
    }

  order[n++] = mg_test_ui_find_widget (GTK_WIDGET (page), "defaults_button");
  order[n++] = mg_test_ui_find_widget (GTK_WIDGET (page), "desktop_button");
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      GtkWidget *spin = mg_tuning_row_get_spin_button (mg_tuning_page_get_row (page, k));

      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (spin)), ==,
                       mg_tuning_row_get_title (k));
      /* The fixture has only swappiness: the others are insensitive, skipped by Tab. */
      if (gtk_widget_is_sensitive (spin))
        order[n++] = spin;
    }
  g_assert_cmpuint (n, ==, 3);
  order[n++] = mg_test_ui_find_widget (GTK_WIDGET (page), "persist_check");
  order[n++] = mg_test_ui_find_widget (GTK_WIDGET (page), "compact_button");
  check_tab_order_widgets (fixture, "kernel", order, n);
}

static void
check_control (Fixture    *fixture,
               const char *name)
{
  GtkWidget *widget = child (fixture, name);
  AtkObject *accessible = gtk_widget_get_accessible (widget);
  const char *accessible_name = atk_object_get_name (accessible);

  g_test_message ("%s is called \"%s\"", name, accessible_name);
  g_assert_nonnull (accessible_name);
  g_assert_cmpstr (accessible_name, !=, "");
  g_assert_true (gtk_widget_get_can_focus (widget));

  if (GTK_IS_BUTTON (widget))
    {
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (widget)));
    }
  else
    {
      g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (widget);

      g_assert_nonnull (labels);
      g_assert_true (gtk_label_get_use_underline (GTK_LABEL (labels->data)));
      g_assert_cmpuint (gtk_label_get_mnemonic_keyval (GTK_LABEL (labels->data)), !=,
                        GDK_KEY_VoidSymbol);
    }
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GList) buttons = gtk_container_get_children (GTK_CONTAINER (child (fixture,
                                                                              "switcher")));
  const char * const sections[] = { "general", "alerts", "kernel", "machines" };
  const guint section_keys[] = { GDK_KEY_g, GDK_KEY_a, GDK_KEY_e, GDK_KEY_m };
  GdkModifierType alt = gtk_window_get_mnemonic_modifier (GTK_WINDOW (fixture->window));

  for (gsize i = 0; i < G_N_ELEMENTS (general_controls); i++)
    check_control (fixture, general_controls[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (alerts_controls); i++)
    check_control (fixture, alerts_controls[i]);
  check_kernel_keyboard (fixture);

  check_tab_order (fixture, "general", general_controls, G_N_ELEMENTS (general_controls));
  check_tab_order (fixture, "alerts", alerts_controls, G_N_ELEMENTS (alerts_controls));

  /* The section buttons have mnemonics too: Alt+G, Alt+A, Alt+E, Alt+M. */
  g_assert_cmpuint (g_list_length (buttons), ==, 4);
  for (GList *l = buttons; l != NULL; l = l->next)
    {
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (l->data));

      g_assert_true (GTK_IS_LABEL (label));
      g_assert_true (gtk_label_get_use_underline (GTK_LABEL (label)));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      gsize j = G_N_ELEMENTS (sections) - 1 - i;

      /* A button clicks a moment after its mnemonic, as it would on Enter. */
      send_key (fixture, section_keys[j], alt);
      MG_TEST_WAIT_FOR (g_strcmp0 (mg_preferences_window_get_section (fixture->window),
                           sections[j]) == 0);
    }

  /* A row's mnemonic flips its switch, on the section in view. */
  g_assert_cmpstr (mg_preferences_window_get_section (fixture->window), ==, "general");
  send_key (fixture, GDK_KEY_p, alt);
  g_assert_true (g_settings_get_boolean (fixture->settings, "show-percentage-label"));
  send_key (fixture, GDK_KEY_i, alt);
  g_assert_true (gtk_widget_has_focus (child (fixture, "interval_spin")));
  send_key (fixture, GDK_KEY_o, alt);
  g_assert_false (g_settings_get_boolean (fixture->settings, "slower-in-power-saver"));
  send_key (fixture, GDK_KEY_a, alt);
  MG_TEST_WAIT_FOR (g_strcmp0 (mg_preferences_window_get_section (fixture->window), "alerts") == 0);
  send_key (fixture, GDK_KEY_n, alt);
  g_assert_false (g_settings_get_boolean (fixture->settings, "notify-on-high"));
  send_key (fixture, GDK_KEY_h, alt);
  g_assert_true (gtk_widget_has_focus (child (fixture, "high_spin")));

  /* Escape closes the window; everything was saved already. */
  send_key (fixture, GDK_KEY_Escape, 0);
  MG_TEST_WAIT_FOR (fixture->window == NULL);
}

static void
on_applied (MgTuningPage *page,
            gboolean     *done)
{
  *done = TRUE;
}

/* The Kernel section is the Tuning page, bound to the app's monitor and driving the
 * privileged command; here a script stands in for pkexec and the helper. */
static void
test_kernel (Fixture       *fixture,
             gconstpointer  data)
{
  MgTuningPage *page = mg_preferences_window_get_tuning_page (fixture->window);
  MgTuningRow *row = mg_tuning_page_get_row (page, MG_SYSCTL_SWAPPINESS);
  GtkWidget *apply = mg_test_ui_find_widget (GTK_WIDGET (page), "apply_button");
  g_autofree char *command = g_test_build_filename (G_TEST_DIST, "ui", "swappiness-test-command.sh",
                                                    NULL);
  g_autofree char *written = NULL;
  gboolean done = FALSE;
  gulong handler;

  mg_preferences_window_set_section (fixture->window, "kernel");
  mg_test_ui_iterate_pending ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (mg_tuning_row_get_value (row), ==, 60);
  /* Nothing changed yet: nothing to apply. */
  g_assert_false (gtk_widget_get_sensitive (apply));
  /* linux-6.18-high has only swappiness: the others show no field with a made-up number. */
  g_assert_false (gtk_widget_get_visible (mg_tuning_row_get_spin_button (
                    mg_tuning_page_get_row (page, MG_SYSCTL_VFS_CACHE_PRESSURE))));

  g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
  g_setenv ("MG_TEST_PROC_ROOT", fixture->root, TRUE);
  g_setenv ("MG_TEST_SYSCTL_ROOT", fixture->sysctl_root, TRUE);
  mg_tuning_row_set_value (row, 10);
  g_assert_true (gtk_widget_get_sensitive (apply));
  handler = g_signal_connect (page, "applied", G_CALLBACK (on_applied), &done);
  gtk_widget_activate (apply);
  MG_TEST_WAIT_FOR (done);
  g_signal_handler_disconnect (page, handler);
  g_unsetenv (MG_HELPER_COMMAND_ENV);

  written = mg_test_read_file (fixture->root, "sys/vm/swappiness");
  g_assert_cmpstr (written, ==, "10\n");
  g_assert_cmpstr (mg_tuning_page_get_message (page), ==,
                   "The kernel now reports:\nSwappiness: 60 → 10\n"
                   "The changes last until the computer restarts.");
  g_assert_false (gtk_widget_get_sensitive (apply));
}

/* Typed beyond its range, a number becomes the nearest limit, in the field and in the key:
 * 99 in "Low Pressure Above" (at most 98) gives 98, not the old 40. */
static void
test_typed_out_of_range (Fixture       *fixture,
                         gconstpointer  data)
{
  MgTuningRow *row = mg_tuning_page_get_row (mg_preferences_window_get_tuning_page (fixture->window),
                                             MG_SYSCTL_SWAPPINESS);
  GtkSpinButton *swappiness = GTK_SPIN_BUTTON (mg_tuning_row_get_spin_button (row));
  double lower, upper;

  type_into (fixture, "low_spin", "99");
  g_assert_cmpint (spin_value (fixture, "low_spin"), ==, 98);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (child (fixture, "low_spin"))), ==, "98");
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "low-threshold"), ==, 98);
  g_assert_cmpfloat (mg_monitor_get_level_params (fixture->monitor)->low_percent, ==, 98.0);

  /* Every number field of the window, above and below its range. */
  for (gsize i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (child (fixture, spins[i].widget));
      char text[16];

      gtk_spin_button_get_range (spin, &lower, &upper);
      g_test_message ("%s: %.0f to %.0f", spins[i].widget, lower, upper);
      g_snprintf (text, sizeof text, "%.0f", upper + 1);
      type_into (fixture, spins[i].widget, text);
      g_assert_cmpint (spin_value (fixture, spins[i].widget), ==, (int) upper);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, spins[i].key), ==, (guint) upper);

      type_into (fixture, spins[i].widget, "0");
      gtk_spin_button_get_range (spin, &lower, &upper);
      g_assert_cmpint (spin_value (fixture, spins[i].widget), ==, (int) lower);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, spins[i].key), ==, (guint) lower);

      /* A field left blank keeps its value. */
      type_into (fixture, spins[i].widget, "");
      g_assert_cmpint (spin_value (fixture, spins[i].widget), ==, (int) lower);
      g_assert_cmpuint (g_settings_get_uint (fixture->settings, spins[i].key), ==, (guint) lower);
    }
  assert_thresholds_ordered (fixture->settings);

  /* And the Kernel page's swappiness field: beyond the kernel's maximum gives the maximum. */
  mg_preferences_window_set_section (fixture->window, "kernel");
  gtk_widget_grab_focus (GTK_WIDGET (swappiness));
  gtk_entry_set_text (GTK_ENTRY (swappiness), "999");
  gtk_widget_activate (GTK_WIDGET (swappiness));
  mg_test_ui_iterate_pending ();
  g_assert_cmpuint (mg_tuning_row_get_value (row), ==, mg_swappiness_kernel_max ());
}

static void
count_updates (MgMonitor *monitor,
               guint     *n_updates)
{
  (*n_updates)++;
}

/* A threshold changed in the window, or Restore Defaults, shows at once: the monitor
 * weighs its last sample again, and the gauge window (as the tray and the notifier, which
 * follow the same signal) shows the new level before any new sample is taken. */
static void
test_thresholds_apply_at_once (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MgProcessScanner) scanner = mg_process_scanner_new (fixture->root);
  MgGaugeWindow *gauge = mg_gauge_window_new (NULL, fixture->monitor, scanner,
                                              fixture->settings);
  GtkWidget *level_label = mg_test_ui_find_widget (GTK_WIDGET (gauge), "level_label");
  guint n_updates = 0;
  guint64 n_samples;
  gulong handler;

  /* The gauge asks for a sample when shown; the monitor's clock is not running. */
  gtk_widget_show (GTK_WIDGET (gauge));
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (gauge)));
  mg_test_ui_run_for (200);
  n_samples = mg_monitor_get_n_samples (fixture->monitor);
  handler = g_signal_connect (fixture->monitor, "sample-updated", G_CALLBACK (count_updates),
                              &n_updates);

  /* 15.0 % available: high, until high pressure starts above 15 %. */
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (level_label)), ==,
                   "High pressure");
  type_into (fixture, "low_spin", "70");
  type_into (fixture, "medium_spin", "60");
  type_into (fixture, "high_spin", "50");
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (level_label)), ==,
                   "Critical pressure");
  g_assert_cmpuint (n_updates, >=, 1);

  /* Restore Defaults: back to high at once, with one re-evaluation for the five keys. */
  n_updates = 0;
  gtk_button_clicked (GTK_BUTTON (child (fixture, "restore_button")));
  mg_test_ui_iterate_pending ();
  g_test_message ("after Restore Defaults: %s", mg_monitor_get_reason (fixture->monitor));
  g_assert_cmpint (mg_monitor_get_level (fixture->monitor), ==, MG_LEVEL_HIGH);
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (level_label)), ==,
                   "High pressure");
  g_assert_cmpuint (n_updates, ==, 1);

  /* None of this took a sample. */
  g_assert_cmpuint (mg_monitor_get_n_samples (fixture->monitor), ==, n_samples);

  g_signal_handler_disconnect (fixture->monitor, handler);
  gtk_widget_destroy (GTK_WIDGET (gauge));
}

/* Every page presents its settings the same way: rows in boxed lists (a GtkFrame of class
 * mg-boxed-list around a box of class view), the Kernel page's included. */
static void
collect_boxed_lists (GtkWidget *widget,
                     gpointer   user_data)
{
  GPtrArray *found = user_data;

  if (GTK_IS_FRAME (widget) &&
      gtk_style_context_has_class (gtk_widget_get_style_context (widget), "mg-boxed-list"))
    g_ptr_array_add (found, widget);
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), collect_boxed_lists, found);
}

static void
test_one_family (Fixture       *fixture,
                 gconstpointer  data)
{
  const char * const sections[] = { "general", "alerts", "kernel" };
  MgTuningPage *tuning = mg_preferences_window_get_tuning_page (fixture->window);
  GtkWidget *caption = mg_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                               "percentage_caption");
  int width, height;
  int tallest = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (child (fixture, "stack")),
                                                     sections[i]);
      g_autoptr(GPtrArray) lists = g_ptr_array_new ();

      int minimum, natural;

      gtk_widget_get_preferred_height_for_width (gtk_bin_get_child (GTK_BIN (
                                                   gtk_bin_get_child (GTK_BIN (page)))),
                                                 gtk_widget_get_allocated_width (child (fixture, "stack")),
                                                 &minimum, &natural);
      collect_boxed_lists (page, lists);
      g_test_message ("%s: %u boxed lists, %d px high", sections[i], lists->len, natural);
      /* Seven kernel settings with their explanations scroll; the other pages fit. */
      if (!g_str_equal (sections[i], "kernel"))
        tallest = MAX (tallest, natural);
      g_assert_cmpuint (lists->len, >=, 1);
      for (guint j = 0; j < lists->len; j++)
        {
          GtkWidget *inner = gtk_bin_get_child (GTK_BIN (lists->pdata[j]));

          g_assert_true (GTK_IS_BOX (inner));
          g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (inner),
                                                      "view"));
        }
    }
  /* The Kernel page's list holds the seven settings themselves. */
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (mg_tuning_page_get_row (tuning, k)),
                                           mg_test_ui_find_widget (GTK_WIDGET (tuning),
                                                                   "rows_frame")));

  /* Sized to its content: about 560 wide, as high as the tallest page (Alerts) and, with
   * the header bar, not over 600; the tallest page fits without scrolling. */
  gtk_window_get_size (GTK_WINDOW (fixture->window), &width, &height);
  height += gtk_widget_get_allocated_height (gtk_window_get_titlebar (GTK_WINDOW (
                                              fixture->window)));
  g_test_message ("window size %d×%d with the header bar", width, height);
  g_assert_cmpint (width, >=, 520);
  g_assert_cmpint (width, <=, 600);
  g_assert_cmpint (height, >=, 450);
  g_assert_cmpint (height, <=, 600);
  g_assert_cmpint (tallest, <=, gtk_widget_get_allocated_height (child (fixture, "stack")));

  /* Under the percentage switch, which panels show the percentage. */
  g_assert_true (gtk_widget_get_mapped (caption));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==,
                   "Shown by panels that can put text beside indicator icons, such as GNOME "
                   "with the AppIndicator extension. KDE Plasma and the Xfce panel show only "
                   "the icon.");
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (caption),
                                              "dim-label"));
  g_assert_true (gtk_widget_is_ancestor (caption, gtk_widget_get_parent (
                   gtk_widget_get_parent (child (fixture, "percentage_switch")))));
}

/* What a person sees, kept as a PNG artefact. */
static void
save_png (Fixture    *fixture,
          const char *name)
{
  g_autofree char *stem = g_strdup_printf ("preferences-window-%s", name);

  mg_test_ui_save_png (GTK_WIDGET (fixture->window), stem);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const sections[] = { "general", "alerts", "kernel", "machines" };
  g_autoptr(GList) buttons = gtk_container_get_children (GTK_CONTAINER (child (fixture,
                                                                              "switcher")));
  MgTuningPage *page;
  int width, height;

  gtk_window_get_size (GTK_WINDOW (fixture->window), &width, &height);
  g_test_message ("window size %d×%d", width, height);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "MemGauge Settings");

  /* As a person gets there: a click on the section's button, which takes the focus. */
  g_assert_cmpuint (g_list_length (buttons), ==, G_N_ELEMENTS (sections));
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *button = g_list_nth_data (buttons, i);

      gtk_widget_grab_focus (button);
      gtk_button_clicked (GTK_BUTTON (button));
      g_assert_cmpstr (mg_preferences_window_get_section (fixture->window), ==, sections[i]);
      save_png (fixture, sections[i]);
    }

  /* The Kernel section when another sysctl file overrides MemGauge's. */
  page = mg_preferences_window_get_tuning_page (fixture->window);
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-memgauge.conf",
                      "vm.swappiness = 10\n");
  /* Debian's link to /etc/sysctl.conf sorts after ours. */
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-sysctl.conf", "vm.swappiness=30\n");
  mg_preferences_window_set_section (fixture->window, "kernel");
  mg_tuning_page_refresh (page);
  g_assert_cmpstr (mg_tuning_row_get_boot_text (mg_tuning_page_get_row (page,
                                                                        MG_SYSCTL_SWAPPINESS)),
                   ==, "At boot: /etc/sysctl.d/99-sysctl.conf sets 30, read after MemGauge’s "
                       "file, so it wins.");
  save_png (fixture, "kernel-override");

  /* Thresholds set out of order elsewhere: the warning a person then sees. */
  mg_preferences_window_set_section (fixture->window, "alerts");
  g_settings_set_uint (fixture->settings, "high-threshold", 30);
  save_png (fixture, "alerts-unordered");
}

int
main (int   argc,
      char *argv[])
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);

  /* G_TEST_OPTION_ISOLATE_DIRS empties XDG_DATA_DIRS in each test, but icons, and the MIME
   * database GdkPixbuf needs to load them, are read-only system data. Keep the system's;
   * the writable folders (the autostart file's among them) stay isolated. */
  for (gsize i = 0; data_dirs[i] != NULL; i++)
    {
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
      g_ptr_array_add (icon_dirs, g_build_filename (data_dirs[i], "icons", NULL));
    }
  g_ptr_array_add (icon_dirs, g_strdup (SOURCE_ICON_DIR));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* English messages, whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);
  if (g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") != 0)
    {
      g_printerr ("test-preferences-window: needs GSETTINGS_BACKEND=memory\n");
      return 1;
    }
  if (!gtk_init_check (&argc, &argv))
    {
      g_printerr ("test-preferences-window: no display; run it through tests/lib/ui-session.sh\n");
      return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
    }
  mg_ui_style_ensure ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_default (),
                                  (const char **) icon_dirs->pdata, (int) icon_dirs->len);
  /* A switch flips at the end of its animation; without animations, at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/preferences-window/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("controls-change-keys", test_controls_change_keys);
  ADD ("keys-move-controls", test_keys_move_controls);
  ADD ("thresholds/ordered", test_thresholds_ordered);
  ADD ("thresholds/level", test_thresholds_level);
  ADD ("interval-reschedules", test_interval_reschedules);
  ADD ("restore-defaults", test_restore_defaults);
  ADD ("typed-out-of-range", test_typed_out_of_range);
  ADD ("thresholds/apply-at-once", test_thresholds_apply_at_once);
  ADD ("one-family", test_one_family);
  ADD ("keyboard", test_keyboard);
  ADD ("kernel", test_kernel);
  ADD ("screenshots", test_screenshots);

#undef ADD

  return g_test_run ();
}
