/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui test of MgSwappinessDialog under Xvfb, with a script standing in for pkexec and the helper. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mg-swappiness-dialog.h"
#include "mg-style.h"
#include "mg-swappiness-host.h"
#include "mg-enums.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"

typedef struct {
  char               *root;        /* a copy of the linux-6.18-idle fixture */
  char               *sysctl_root; /* stands in for / when looking for sysctl files */
  char               *log;         /* the test command's arguments, one call per line */
  MgMonitor          *monitor;
  MgSwappinessDialog *dialog;
  MgSwappinessPanel  *panel;
} Fixture;

/* What a person sees, kept as a PNG artefact. */
static void
save_png (Fixture    *fixture,
          const char *name)
{
  g_autofree char *stem = g_strdup_printf ("swappiness-dialog-%s", name);

  mg_test_ui_save_png (GTK_WIDGET (fixture->dialog), stem);
}

/* A widget of the panel by its id, in the panel's template or in one of its parts'. */
static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (fixture->panel), name);
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static GtkWidget *
apply_button (Fixture *fixture)
{
  return gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog), GTK_RESPONSE_APPLY);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                   "linux-6.18-idle", NULL);
  g_autofree char *command = g_test_build_filename (G_TEST_DIST, "ui",
                                                    "swappiness-test-command.sh", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("test-swappiness-dialog-XXXXXX", &error);

  g_assert_no_error (error);

  fixture->root = g_build_filename (tmp, "proc", NULL);
  fixture->sysctl_root = g_build_filename (tmp, "root", NULL);
  fixture->log = g_build_filename (tmp, "calls.log", NULL);
  mg_test_copy_tree (source, fixture->root);
  g_assert_cmpint (g_mkdir_with_parents (fixture->sysctl_root, 0755), ==, 0);

  g_setenv (MG_SWAPPINESS_COMMAND_ENV, command, TRUE);
  g_setenv ("MG_TEST_PROC_ROOT", fixture->root, TRUE);
  g_setenv ("MG_TEST_SYSCTL_ROOT", fixture->sysctl_root, TRUE);
  g_setenv ("MG_TEST_LOG", fixture->log, TRUE);
  g_unsetenv ("MG_TEST_EXIT");
  g_unsetenv ("MG_TEST_SIGNAL");
  g_unsetenv ("MG_TEST_SLEEP");
  g_unsetenv ("MG_TEST_NO_WRITE");

  fixture->monitor = mg_test_monitor_new (fixture->root);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));

  fixture->dialog = mg_swappiness_dialog_new (NULL, fixture->monitor);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  fixture->panel = mg_swappiness_dialog_get_panel (fixture->dialog);
  mg_swappiness_panel_set_sysctl_root (fixture->panel, fixture->sysctl_root);
  gtk_widget_show (GTK_WIDGET (fixture->dialog));
  mg_test_ui_iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *tmp = g_path_get_dirname (fixture->root);

  if (fixture->dialog != NULL)
    gtk_widget_destroy (GTK_WIDGET (fixture->dialog));
  g_assert_null (fixture->dialog);
  mg_test_ui_iterate_pending ();
  g_clear_object (&fixture->monitor);

  mg_test_remove_tree (tmp);
  g_free (fixture->root);
  g_free (fixture->sysctl_root);
  g_free (fixture->log);
}

static void
on_applied (MgSwappinessPanel   *panel,
            MgSwappinessOutcome  outcome,
            gboolean            *done)
{
  *done = TRUE;
}

/* The applied signal carries the registered outcome type, so bindings and GValues see an
 * enum with nicks rather than a bare number. */
static void
test_applied_type (Fixture       *fixture,
                   gconstpointer  data)
{
  GSignalQuery query;

  g_signal_query (g_signal_lookup ("applied", MG_TYPE_SWAPPINESS_PANEL), &query);
  g_assert_cmpuint (query.n_params, ==, 1);
  g_assert_true (query.param_types[0] == MG_TYPE_SWAPPINESS_OUTCOME);
  g_assert_true (G_TYPE_IS_ENUM (query.param_types[0]));
}

/* Clicks Apply and runs the main loop until the panel reports the outcome. */
static MgSwappinessOutcome
apply_and_wait (Fixture *fixture)
{
  MgSwappinessOutcome outcome = MG_SWAPPINESS_OUTCOME_CHANGED;
  gboolean done = FALSE;
  gulong handler;

  handler = g_signal_connect (fixture->panel, "applied", G_CALLBACK (on_applied), &done);
  gtk_button_clicked (GTK_BUTTON (apply_button (fixture)));
  MG_TEST_WAIT_FOR (done);
  g_signal_handler_disconnect (fixture->panel, handler);
  mg_test_ui_iterate_pending ();

  g_assert_true (mg_swappiness_panel_get_outcome (fixture->panel, &outcome));
  return outcome;
}

static guint
kernel_value (Fixture *fixture)
{
  g_autofree char *text = mg_test_read_file (fixture->root, "sys/vm/swappiness");

  g_assert_nonnull (text);
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

/* ------------------------------------------------------------------------------------- */

static void
test_initial (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *apply = apply_button (fixture);
  GtkWidget *cancel = gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog),
                                                          GTK_RESPONSE_CANCEL);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (child (fixture, "scale")));
  const char *named[] = { "scale", "spin_button", "persist_switch" };

  g_assert_cmpstr (label_text (fixture, "current_label"), ==, "Swappiness in use: 60");
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 60);
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==,
                     (double) mg_swappiness_kernel_max ());
  /* One adjustment drives both controls. */
  g_assert_true (adjustment ==
                 gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (child (fixture, "spin_button"))));

  g_assert_false (mg_swappiness_panel_get_persist (fixture->panel));
  g_assert_cmpstr (label_text (fixture, "persisted_label"), ==,
                   "After a restart: 60, the default of Linux.");
  g_assert_false (gtk_widget_get_visible (child (fixture, "persisted_path_label")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "override_box")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "sandbox_box")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "status_bar")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "busy_box")));

  /* Keyboard: Enter applies, Escape cancels (GtkDialog's "close" binding), every control
   * has a mnemonic and an accessible name. */
  g_assert_true (gtk_widget_has_default (apply));
  g_assert_true (gtk_widget_is_sensitive (apply));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (apply)));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (cancel)));
  g_assert_true (gtk_entry_get_activates_default (GTK_ENTRY (child (fixture, "spin_button"))));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (fixture->dialog)));
  g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (fixture->dialog)));
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GtkWidget *widget = child (fixture, named[i]);
      const char *name = atk_object_get_name (gtk_widget_get_accessible (widget));

      g_test_message ("%s is called \"%s\"", named[i], name);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_true (gtk_widget_get_can_focus (widget));
    }
  g_assert_nonnull (gtk_widget_list_mnemonic_labels (child (fixture, "spin_button")));
  g_assert_nonnull (gtk_widget_list_mnemonic_labels (child (fixture, "persist_switch")));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (child (fixture, "desktop_button"))));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (child (fixture, "default_button"))));

  save_png (fixture, "initial");
}

static void
test_controls (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *scale = child (fixture, "scale");
  GtkSpinButton *spin = GTK_SPIN_BUTTON (child (fixture, "spin_button"));
  guint max = mg_swappiness_kernel_max ();

  gtk_range_set_value (GTK_RANGE (scale), 35);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 35);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 35);

  /* Typed into the spin button, as a person would, then committed. */
  gtk_entry_set_text (GTK_ENTRY (spin), "77");
  gtk_spin_button_update (spin);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 77);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 77.0);

  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 10);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 10.0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);

  gtk_button_clicked (GTK_BUTTON (child (fixture, "default_button")));
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 60);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 60);

  /* Nothing beyond the running kernel's range can be chosen. */
  gtk_entry_set_text (GTK_ENTRY (spin), "250");
  gtk_spin_button_update (spin);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), <=, max);
  mg_swappiness_panel_set_value (fixture->panel, 250);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, max);

  /* A kernel before 5.8. */
  mg_swappiness_panel_set_maximum (fixture->panel, 100);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_range_get_adjustment (GTK_RANGE (scale))),
                     ==, 100.0);
  gtk_range_set_value (GTK_RANGE (scale), 150);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 100);

  /* Keyboard on the focused scale: the arrow keys move by one. */
  gtk_range_set_value (GTK_RANGE (scale), 60);
  gtk_widget_grab_focus (scale);
  g_assert_true (gtk_bindings_activate (G_OBJECT (scale), GDK_KEY_Left, 0));
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 59);

  /* A later sample does not undo the person's choice. */
  mg_monitor_sample_now (fixture->monitor);
  g_assert_cmpuint (mg_swappiness_panel_get_value (fixture->panel), ==, 59);
}

typedef struct {
  const char          *name;
  int                  exit_status;     /* of the test command */
  const char          *signal;          /* or killed by this signal */
  gboolean             persist;
  gboolean             no_write;        /* the command lies: exit 0 without writing */
  const char          *command;         /* replaces the test command: "missing", "noent" */
  MgSwappinessOutcome  outcome;
  GtkMessageType       type;
  const char          *message;         /* the exact message, %u for the value read back */
  guint                kernel_after;    /* what sys/vm/swappiness holds afterwards */
} OutcomeCase;

static const OutcomeCase outcome_cases[] = {
  { "changed", 0, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_CHANGED, GTK_MESSAGE_INFO,
    "Swappiness was changed. The kernel now reports 10. It will be reset when the computer "
    "restarts.", 10 },
  { "changed-persist", 0, NULL, TRUE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_CHANGED,
    GTK_MESSAGE_INFO,
    "Swappiness was changed. The kernel now reports 10. It was saved and will be kept after "
    "a restart.", 10 },
  { "cancelled", 126, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_CANCELLED,
    GTK_MESSAGE_INFO,
    "Swappiness was not changed because authentication was cancelled.", 60 },
  { "not-authorized", 127, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED,
    GTK_MESSAGE_ERROR,
    "Swappiness was not changed because you are not allowed to change it.", 60 },
  { "invalid-value", 3, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_INVALID_VALUE,
    GTK_MESSAGE_ERROR,
    "Swappiness was not changed because the value is not valid.", 60 },
  { "kernel-refused", 5, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED,
    GTK_MESSAGE_ERROR,
    "Swappiness was not changed because the kernel refused the value. Kernels before Linux "
    "5.8 accept at most 100.", 60 },
  { "write-failed", 6, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_WRITE_FAILED,
    GTK_MESSAGE_ERROR, "Swappiness could not be set to the new value.", 60 },
  { "persist-failed", 7, NULL, TRUE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_PERSIST_FAILED,
    GTK_MESSAGE_WARNING,
    "Swappiness was changed, but it could not be saved, so it will be reset when the computer "
    "restarts. The kernel now reports 10.", 10 },
  { "helper-missing", 0, NULL, FALSE, FALSE, "missing", MG_SWAPPINESS_OUTCOME_HELPER_MISSING,
    GTK_MESSAGE_ERROR,
    "Swappiness cannot be changed because pkexec or memgauge-helper is not installed.", 60 },
  /* Executable, but its interpreter is missing: spawning fails with G_SPAWN_ERROR_NOENT. */
  { "spawn-noent", 0, NULL, FALSE, FALSE, "noent", MG_SWAPPINESS_OUTCOME_HELPER_MISSING,
    GTK_MESSAGE_ERROR,
    "Swappiness cannot be changed because pkexec or memgauge-helper is not installed.", 60 },
  { "usage", 2, NULL, FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_FAILED, GTK_MESSAGE_ERROR,
    "Something went wrong while changing swappiness. The value shown is the one in use now.",
    60 },
  { "killed", 0, "TERM", FALSE, FALSE, NULL, MG_SWAPPINESS_OUTCOME_FAILED, GTK_MESSAGE_ERROR,
    "Something went wrong while changing swappiness. The value shown is the one in use now.",
    60 },
  /* Success claimed, nothing written: the kernel's word counts, not the helper's. */
  { "not-confirmed", 0, NULL, FALSE, TRUE, NULL, MG_SWAPPINESS_OUTCOME_FAILED,
    GTK_MESSAGE_ERROR,
    "Swappiness was not changed as asked: the kernel reports 60 instead of 10.", 60 },
};

static void
test_outcome (Fixture       *fixture,
              gconstpointer  data)
{
  const OutcomeCase *c = data;
  GtkWidget *status_bar = child (fixture, "status_bar");
  g_autofree char *expected_current = g_strdup_printf ("Swappiness in use: %u",
                                                       c->kernel_after);
  g_autofree char *calls = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *tmp = NULL;
  MgSwappinessOutcome outcome;

  g_autofree char *exit_status = g_strdup_printf ("%d", c->exit_status);

  g_setenv ("MG_TEST_EXIT", exit_status, TRUE);
  if (c->signal != NULL)
    g_setenv ("MG_TEST_SIGNAL", c->signal, TRUE);
  if (c->no_write)
    g_setenv ("MG_TEST_NO_WRITE", "1", TRUE);
  if (g_strcmp0 (c->command, "missing") == 0)
    {
      tmp = g_build_filename (fixture->sysctl_root, "no-such-helper", NULL);
      g_setenv (MG_SWAPPINESS_COMMAND_ENV, tmp, TRUE);
    }
  else if (g_strcmp0 (c->command, "noent") == 0)
    {
      tmp = g_build_filename (fixture->sysctl_root, "helper-without-interpreter", NULL);
      mg_test_write_file (fixture->sysctl_root, "helper-without-interpreter",
                  "#!/nonexistent/interpreter\nexit 0\n");
      g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
      g_setenv (MG_SWAPPINESS_COMMAND_ENV, tmp, TRUE);
    }

  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));
  mg_swappiness_panel_set_persist (fixture->panel, c->persist);

  outcome = apply_and_wait (fixture);

  g_assert_cmpint (outcome, ==, c->outcome);
  g_assert_cmpuint (kernel_value (fixture), ==, c->kernel_after);
  g_assert_true (gtk_widget_get_visible (status_bar));
  g_assert_cmpint (gtk_info_bar_get_message_type (GTK_INFO_BAR (status_bar)), ==, c->type);
  g_assert_cmpstr (label_text (fixture, "status_label"), ==, c->message);
  g_assert_cmpstr (mg_swappiness_panel_get_message (fixture->panel), ==, c->message);
  /* The live value is the kernel's, read again after the command. */
  g_assert_cmpstr (label_text (fixture, "current_label"), ==, expected_current);
  g_assert_false (mg_swappiness_panel_get_busy (fixture->panel));
  g_assert_false (gtk_widget_get_visible (child (fixture, "busy_box")));
  g_assert_true (gtk_widget_is_sensitive (apply_button (fixture)));

  /* Exactly sysctl vm.swappiness=VALUE [--persist], nothing else, and nothing run when the
   * program is missing. */
  calls = mg_test_read_file (fixture->sysctl_root, "../calls.log");
  if (c->command != NULL)
    g_assert_null (calls);
  else
    g_assert_cmpstr (calls, ==, c->persist ? "sysctl vm.swappiness=10 --persist\n"
                                           : "sysctl vm.swappiness=10\n");

  conf = mg_test_read_file (fixture->sysctl_root, "etc/sysctl.d/99-memgauge.conf");
  if (outcome == MG_SWAPPINESS_OUTCOME_CHANGED && c->persist)
    {
      g_assert_nonnull (conf);
      g_assert_cmpstr (label_text (fixture, "persisted_label"), ==,
                       "After a restart: 10, saved by MemGauge in this file:");
      g_assert_cmpstr (label_text (fixture, "persisted_path_label"), ==,
                       "/etc/sysctl.d/99-memgauge.conf");
    }
  else
    {
      g_assert_null (conf);
    }

  /* After an outcome the dialog only reports: Cancel became Close. */
  g_assert_cmpstr (gtk_button_get_label (
                     GTK_BUTTON (gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog),
                                                                     GTK_RESPONSE_CANCEL))),
                   ==, "_Close");

  save_png (fixture, c->name);
}

static void
on_sample_updated (MgMonitor *monitor,
                   guint     *count)
{
  (*count)++;
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *spinner = child (fixture, "spinner");
  MgSwappinessOutcome outcome = MG_SWAPPINESS_OUTCOME_FAILED;
  gboolean done = FALSE;
  gboolean saw_busy_png = FALSE;
  guint ticks = 0;
  guint samples = 0;
  guint tick_id;
  gint64 deadline;
  gulong sample_handler;
  gulong applied_handler;
  gint64 start;

  g_setenv ("MG_TEST_SLEEP", "2", TRUE);
  mg_monitor_set_interval (fixture->monitor, 1);
  mg_monitor_start (fixture->monitor);
  sample_handler = g_signal_connect (fixture->monitor, "sample-updated",
                                     G_CALLBACK (on_sample_updated), &samples);
  applied_handler = g_signal_connect (fixture->panel, "applied", G_CALLBACK (on_applied),
                                      &done);
  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));

  start = g_get_monotonic_time ();
  gtk_button_clicked (GTK_BUTTON (apply_button (fixture)));

  /* Apply returned at once: the command runs while the main loop keeps going. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_assert_true (mg_swappiness_panel_get_busy (fixture->panel));
  g_assert_false (mg_swappiness_panel_get_can_apply (fixture->panel));
  g_assert_false (gtk_widget_is_sensitive (apply_button (fixture)));
  g_assert_true (gtk_widget_get_visible (child (fixture, "busy_box")));
  g_assert_true (gtk_widget_is_visible (spinner));
  g_assert_false (gtk_widget_get_visible (child (fixture, "status_bar")));

  tick_id = g_timeout_add (100, count_tick, &ticks);
  deadline = g_get_monotonic_time () + MG_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  while (!done && mg_test_ui_before_deadline (deadline, "the outcome"))
    {
      gboolean active = FALSE;

      g_main_context_iteration (NULL, TRUE);
      g_object_get (spinner, "active", &active, NULL);
      if (!done)
        {
          g_assert_true (active);
          /* The person can still move the controls while waiting. */
          g_assert_true (gtk_widget_is_sensitive (child (fixture, "scale")));
        }
      if (!done && !saw_busy_png && ticks >= 3)
        {
          saw_busy_png = TRUE;
          save_png (fixture, "busy");
        }
    }
  g_source_remove (tick_id);
  g_signal_handler_disconnect (fixture->panel, applied_handler);
  g_signal_handler_disconnect (fixture->monitor, sample_handler);
  mg_monitor_stop (fixture->monitor);

  g_test_message ("%u timer ticks and %u samples while the helper ran %.1f s", ticks, samples,
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  g_assert_true (saw_busy_png);
  /* 2 s at 100 ms would be 20 ticks; half of them proves nothing blocked the loop. */
  g_assert_cmpuint (ticks, >=, 10);
  /* The monitor's 1 s clock kept sampling meanwhile. */
  g_assert_cmpuint (samples, >=, 1);

  g_assert_true (mg_swappiness_panel_get_outcome (fixture->panel, &outcome));
  g_assert_cmpint (outcome, ==, MG_SWAPPINESS_OUTCOME_CHANGED);
  g_assert_false (mg_swappiness_panel_get_busy (fixture->panel));
  g_assert_false (gtk_widget_get_visible (child (fixture, "busy_box")));
  g_assert_true (gtk_widget_is_sensitive (apply_button (fixture)));
}

static void
test_escape (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_true (gtk_bindings_activate (G_OBJECT (fixture->dialog), GDK_KEY_Escape, 0));
  mg_test_ui_iterate_pending ();
  g_assert_null (fixture->dialog);
}

static void
test_cancel_button (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *cancel = gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog),
                                                          GTK_RESPONSE_CANCEL);

  gtk_button_clicked (GTK_BUTTON (cancel));
  mg_test_ui_iterate_pending ();
  g_assert_null (fixture->dialog);
}

/* Closing while the command runs withdraws it; nothing runs on a destroyed panel. */
static void
test_escape_while_busy (Fixture       *fixture,
                        gconstpointer  data)
{
  gboolean done = FALSE;
  g_autoptr(MgSwappinessPanel) panel = g_object_ref (fixture->panel);

  g_setenv ("MG_TEST_SLEEP", "1", TRUE);
  g_signal_connect (panel, "applied", G_CALLBACK (on_applied), &done);
  gtk_button_clicked (GTK_BUTTON (apply_button (fixture)));
  g_assert_true (mg_swappiness_panel_get_busy (panel));

  g_assert_true (gtk_bindings_activate (G_OBJECT (fixture->dialog), GDK_KEY_Escape, 0));
  mg_test_ui_iterate_pending ();
  g_assert_null (fixture->dialog);

  mg_test_ui_run_for (1500);

  g_assert_false (done);
  g_assert_false (mg_swappiness_panel_get_outcome (panel, NULL));
  /* The stand-in was killed before it wrote anything. */
  g_assert_cmpuint (kernel_value (fixture), ==, 60);
}

static void
test_override (Fixture       *fixture,
               gconstpointer  data)
{
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-memgauge-swappiness.conf",
              "vm.swappiness = 10\n");
  /* Debian's link to /etc/sysctl.conf sorts after ours. */
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-sysctl.conf",
              "# tuned by hand\nvm.swappiness=30\n");
  mg_swappiness_panel_set_sysctl_root (fixture->panel, NULL);
  mg_swappiness_panel_set_sysctl_root (fixture->panel, fixture->sysctl_root);

  g_assert_true (mg_swappiness_panel_get_persist (fixture->panel));
  g_assert_cmpstr (label_text (fixture, "persisted_label"), ==,
                   "After a restart: 10, saved by MemGauge in this file:");
  g_assert_cmpstr (label_text (fixture, "persisted_path_label"), ==,
                   "/etc/sysctl.d/99-memgauge-swappiness.conf");
  g_assert_true (gtk_widget_get_visible (child (fixture, "override_box")));
  g_assert_cmpstr (label_text (fixture, "override_label"), ==,
                   "/etc/sysctl.d/99-sysctl.conf also sets swappiness, to 30, and is read after "
                   "MemGauge’s file, so its value wins when the computer starts. “Keep After "
                   "Restart” cannot change that; edit or remove that file instead.");
  save_png (fixture, "override");

  /* Applying with the switch on says plainly that the saved value will not win. */
  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));
  g_assert_cmpint (apply_and_wait (fixture), ==, MG_SWAPPINESS_OUTCOME_CHANGED);
  g_assert_cmpstr (label_text (fixture, "status_label"), ==,
                   "Swappiness was changed. The kernel now reports 10. It was saved, but another "
                   "sysctl file overrides it when the computer starts.");
}

static void
test_other_file_sets_it (Fixture       *fixture,
                         gconstpointer  data)
{
  mg_test_write_file (fixture->sysctl_root, "usr/lib/sysctl.d/50-distribution.conf",
              "vm.swappiness = 20\n");
  mg_swappiness_panel_set_sysctl_root (fixture->panel, NULL);
  mg_swappiness_panel_set_sysctl_root (fixture->panel, fixture->sysctl_root);

  g_assert_false (mg_swappiness_panel_get_persist (fixture->panel));
  g_assert_cmpstr (label_text (fixture, "persisted_label"), ==,
                   "After a restart: 20, set by this file (MemGauge has not saved a value):");
  g_assert_cmpstr (label_text (fixture, "persisted_path_label"), ==,
                   "/usr/lib/sysctl.d/50-distribution.conf");
  save_png (fixture, "other-file");
  g_assert_false (gtk_widget_get_visible (child (fixture, "override_box")));
}

static void
test_sandboxed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *calls = NULL;

  mg_swappiness_panel_set_sandboxed (fixture->panel, TRUE);
  mg_test_ui_iterate_pending ();

  g_assert_false (mg_swappiness_panel_get_can_apply (fixture->panel));
  g_assert_false (gtk_widget_is_sensitive (apply_button (fixture)));
  g_assert_true (gtk_widget_get_visible (child (fixture, "sandbox_box")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "boot_box")));
  g_assert_cmpstr (label_text (fixture, "current_label"), ==, "Swappiness in use: 60");

  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));
  g_assert_cmpstr (label_text (fixture, "sandbox_command_label"), ==,
                   "sudo sysctl -w vm.swappiness=10");
  mg_swappiness_panel_set_persist (fixture->panel, TRUE);
  g_assert_cmpstr (label_text (fixture, "sandbox_command_label"), ==,
                   "sudo sysctl -w vm.swappiness=10 && sudo touch /etc/sysctl.d/99-memgauge.conf && "
                   "sudo sed -i '/^vm\\.swappiness *=/d' /etc/sysctl.d/99-memgauge.conf && "
                   "echo 'vm.swappiness = 10' | sudo tee -a /etc/sysctl.d/99-memgauge.conf");
  save_png (fixture, "sandboxed");

  /* Nothing runs, whoever asks. */
  mg_swappiness_panel_apply (fixture->panel);
  gtk_dialog_response (GTK_DIALOG (fixture->dialog), GTK_RESPONSE_APPLY);
  mg_test_ui_iterate_pending ();
  g_assert_false (mg_swappiness_panel_get_busy (fixture->panel));
  g_assert_false (mg_swappiness_panel_get_outcome (fixture->panel, NULL));
  calls = mg_test_read_file (fixture->sysctl_root, "../calls.log");
  g_assert_null (calls);
}

/* Like the other windows, the dialog has a header bar: the title, Cancel at its start and
 * Apply at its end, and nothing at the bottom of the window. */
static void
test_header_bar (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (fixture->dialog));
  GtkWidget *cancel = gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog),
                                                          GTK_RESPONSE_CANCEL);
  GtkWidget *apply = apply_button (fixture);
  GtkPackType pack_type;

  g_assert_nonnull (titlebar);
  g_assert_true (GTK_IS_HEADER_BAR (titlebar));
  g_assert_true (gtk_widget_get_mapped (titlebar));
  g_assert_cmpstr (gtk_header_bar_get_title (GTK_HEADER_BAR (titlebar)), ==, "Swappiness");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->dialog)), ==, "Swappiness");

  g_assert_true (gtk_widget_get_parent (cancel) == titlebar);
  gtk_container_child_get (GTK_CONTAINER (titlebar), cancel, "pack-type", &pack_type, NULL);
  g_assert_cmpint (pack_type, ==, GTK_PACK_START);
  g_assert_true (gtk_widget_get_parent (apply) == titlebar);
  gtk_container_child_get (GTK_CONTAINER (titlebar), apply, "pack-type", &pack_type, NULL);
  g_assert_cmpint (pack_type, ==, GTK_PACK_END);
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (apply),
                                              "suggested-action"));
}

/* The fixture (linux-6.18-idle) has no swap: the panel says what that means, and the note
 * goes once the kernel reports swap. */
static void
test_no_swap (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *meminfo = mg_test_read_file (fixture->root, "meminfo");
  g_autoptr(GString) with_swap = g_string_new (meminfo);
  GtkWidget *note = child (fixture, "noswap_box");
  GtkWidget *label = child (fixture, "noswap_label");

  g_assert_true (gtk_widget_is_visible (note));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "This computer has no swap, so swappiness changes little until swap is "
                   "added (a swap partition, a swap file or zram).");
  save_png (fixture, "no-swap");

  g_assert_cmpuint (g_string_replace (with_swap, "SwapTotal:             0 kB\n",
                                      "SwapTotal:       4194300 kB\n", 1), ==, 1);
  mg_test_write_file (fixture->root, "meminfo", with_swap->str);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));
  mg_test_ui_iterate_pending ();
  g_assert_false (gtk_widget_is_visible (note));
}

/* The panel stands alone too, as the settings window will embed it. */
static void
test_panel_alone (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-swappiness-panel-XXXXXX", &error);
  g_autoptr(MgMonitor) monitor = NULL;
  GtkWidget *window;

  GtkWidget *panel;

  g_assert_no_error (error);
  mg_test_write_file (tmp, "meminfo", "MemTotal: 1000 kB\nMemFree: 500 kB\nMemAvailable: 600 kB\n");
  mg_test_write_file (tmp, "sys/vm/swappiness", "133\n");
  monitor = mg_test_monitor_new (tmp);
  g_assert_true (mg_monitor_sample_now (monitor));

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  panel = mg_swappiness_panel_new (monitor);
  gtk_container_add (GTK_CONTAINER (window), panel);
  gtk_widget_show (window);
  mg_test_ui_iterate_pending ();

  g_assert_cmpuint (mg_swappiness_panel_get_value (MG_SWAPPINESS_PANEL (panel)), ==,
                    MIN (133, mg_swappiness_kernel_max ()));
  g_assert_true (mg_swappiness_panel_get_can_apply (MG_SWAPPINESS_PANEL (panel)));

  /* Without a sample there is no value to claim. */
  mg_swappiness_panel_set_monitor (MG_SWAPPINESS_PANEL (panel), NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mg_test_ui_find_widget (panel, "current_label"))),
                   ==, "Swappiness in use: unknown");

  gtk_widget_destroy (window);
  mg_test_ui_iterate_pending ();
  mg_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  gboolean pictures_only;

  if (!mg_test_ui_init (&argc, &argv))
    {
      g_printerr ("test-swappiness-dialog: no display; run it through tests/lib/ui-session.sh\n");
      return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
    }
  /* As MgApplication does: the outcome icons take their colours from memgauge.css. */
  mg_ui_style_ensure ();

#define ADD(path, func, data) \
  g_test_add ("/swappiness-dialog/" path, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)

  /* The dark-theme run repeats only the cases that save a picture; registering the
   * others there would only report them as skipped. */
  pictures_only = g_strcmp0 (g_getenv ("MEMGAUGE_TEST_PICTURES_ONLY"), "1") == 0;

  ADD ("initial", test_initial, NULL);
  if (!pictures_only)
    ADD ("controls", test_controls, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (outcome_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/swappiness-dialog/outcome/%s",
                                               outcome_cases[i].name);

      g_test_add (path, Fixture, &outcome_cases[i], fixture_set_up, test_outcome,
                  fixture_tear_down);
    }
  ADD ("busy", test_busy, NULL);
  if (!pictures_only)
    {
      ADD ("applied-type", test_applied_type, NULL);
      ADD ("escape", test_escape, NULL);
      ADD ("cancel-button", test_cancel_button, NULL);
      ADD ("escape-while-busy", test_escape_while_busy, NULL);
    }
  ADD ("override", test_override, NULL);
  ADD ("other-file-sets-it", test_other_file_sets_it, NULL);
  ADD ("sandboxed", test_sandboxed, NULL);
  ADD ("no-swap", test_no_swap, NULL);
  if (!pictures_only)
    ADD ("header-bar", test_header_bar, NULL);
  if (!pictures_only)
    g_test_add_func ("/swappiness-dialog/panel-alone", test_panel_alone);

#undef ADD

  return g_test_run ();
}
