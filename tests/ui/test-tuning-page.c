/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui test of MgTuningPage under Xvfb, with a script standing in for pkexec and the helper. */

#define G_LOG_DOMAIN "memgauge-tuning"

#include "config.h"

#include <gtk/gtk.h>

#include "mg-env.h"
#include "mg-style.h"
#include "mg-swappiness-host.h"
#include "mg-test-files.h"
#include "mg-test-ui.h"
#include "mg-test-util.h"
#include "mg-tuning-page.h"

typedef struct {
  char         *tmp;
  char         *root;        /* a copy of linux-6.18-idle with every key and a buddyinfo */
  char         *sysctl_root; /* stands in for / when looking for sysctl files */
  char         *log;         /* the stand-in's arguments, one call per line */
  MgMonitor    *monitor;
  GtkWidget    *window;
  MgTuningPage *page;
} Fixture;

/* This machine's values (Linux 6.18, 24 GiB) for the keys the fixture root lacks. */
static const char * const live_files[][2] = {
  { "sys/vm/vfs_cache_pressure", "100\n" },
  { "sys/vm/compaction_proactiveness", "20\n" },
  { "sys/vm/overcommit_memory", "0\n" },
  { "sys/vm/min_free_kbytes", "67584\n" },
  { "sys/vm/dirty_ratio", "20\n" },
  { "sys/vm/dirty_background_ratio", "10\n" },
};

static void
save_png (Fixture    *fixture,
          const char *name)
{
  g_autofree char *stem = g_strdup_printf ("tuning-page-%s", name);
  GtkWidget *scrolled = gtk_bin_get_child (GTK_BIN (fixture->window));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* An outcome is shown at the bottom, where Apply and Compact Now are: scrolled there, as a
   * person who just clicked them sees the page. */
  if (!g_str_equal (name, "initial"))
    {
      /* The message just shown must be laid out first, or the end is short of it. */
      for (guint i = 0; i < 3; i++)
        {
          mg_test_ui_run_for (50);
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        }
      mg_test_ui_iterate_pending ();
      g_test_message ("%s: scrolled to %.0f of %.0f (page %.0f)", name,
                      gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment),
                      gtk_adjustment_get_page_size (adjustment));
    }
  mg_test_ui_save_png (fixture->window, stem);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (fixture->page), name);
}

static MgTuningRow *
row (Fixture     *fixture,
     MgSysctlKey  key)
{
  return mg_tuning_page_get_row (fixture->page, key);
}

static char *
buddyinfo_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "proc", "buddyinfo", name, NULL);
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
  g_autofree char *before = buddyinfo_fixture ("linux-6.18-before-compaction");
  g_autofree char *buddyinfo = NULL;
  GtkWidget *scrolled;

  fixture->tmp = g_dir_make_tmp ("test-tuning-page-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->root = g_build_filename (fixture->tmp, "proc", NULL);
  fixture->sysctl_root = g_build_filename (fixture->tmp, "root", NULL);
  fixture->log = g_build_filename (fixture->tmp, "calls.log", NULL);
  mg_test_copy_tree (source, fixture->root);
  for (gsize i = 0; i < G_N_ELEMENTS (live_files); i++)
    mg_test_write_file (fixture->root, live_files[i][0], live_files[i][1]);
  g_assert_true (g_file_get_contents (before, &buddyinfo, NULL, NULL));
  mg_test_write_file (fixture->root, "buddyinfo", buddyinfo);
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/.keep", "");

  g_setenv (MG_HELPER_COMMAND_ENV, command, TRUE);
  g_setenv ("MG_TEST_PROC_ROOT", fixture->root, TRUE);
  g_setenv ("MG_TEST_SYSCTL_ROOT", fixture->sysctl_root, TRUE);
  g_setenv ("MG_TEST_LOG", fixture->log, TRUE);
  g_unsetenv ("MG_TEST_EXIT");
  g_unsetenv ("MG_TEST_REFUSE_KEY");
  g_unsetenv ("MG_TEST_NO_WRITE");
  g_unsetenv ("MG_TEST_BUDDYINFO_AFTER");

  fixture->monitor = mg_test_monitor_new (fixture->root);
  g_assert_true (mg_monitor_sample_now (fixture->monitor));

  fixture->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 560, 720);
  scrolled = gtk_scrolled_window_new (NULL, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_container_add (GTK_CONTAINER (fixture->window), scrolled);
  fixture->page = MG_TUNING_PAGE (mg_tuning_page_new (fixture->monitor));
  g_object_set (fixture->page, "margin", 18, NULL);
  mg_tuning_page_set_sysctl_root (fixture->page, fixture->sysctl_root);
  gtk_container_add (GTK_CONTAINER (scrolled), GTK_WIDGET (fixture->page));
  gtk_widget_show_all (fixture->window);
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (fixture->window));
  mg_test_ui_iterate_pending ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_widget_destroy (fixture->window);
  g_assert_null (fixture->window);
  mg_test_ui_iterate_pending ();
  g_clear_object (&fixture->monitor);

  mg_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->root);
  g_free (fixture->sysctl_root);
  g_free (fixture->log);
}

static void
on_done (MgTuningPage *page,
         gboolean     *done)
{
  *done = TRUE;
}

static const char *
apply_and_wait (Fixture *fixture)
{
  gboolean done = FALSE;
  gulong handler = g_signal_connect (fixture->page, "applied", G_CALLBACK (on_done), &done);

  g_assert_true (gtk_widget_is_sensitive (child (fixture, "apply_button")));
  gtk_button_clicked (GTK_BUTTON (child (fixture, "apply_button")));
  MG_TEST_WAIT_FOR (done);
  g_signal_handler_disconnect (fixture->page, handler);
  mg_test_ui_iterate_pending ();

  return mg_tuning_page_get_message (fixture->page);
}

static char *
kernel_value (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename ("sys", "vm", name, NULL);

  return mg_test_read_file (fixture->root, path);
}

static char *
calls (Fixture *fixture)
{
  return mg_test_read_file (fixture->tmp, "calls.log");
}

/* ------------------------------------------------------------------------------------- */

static void
test_initial (Fixture       *fixture,
              gconstpointer  data)
{
  const guint64 live[MG_SYSCTL_N_KEYS] = { 60, 100, 20, 0, 67584, 20, 10 };

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      GtkWidget *spin = mg_tuning_row_get_spin_button (row (fixture, k));

      g_assert_cmpuint (mg_tuning_row_get_value (row (fixture, k)), ==, live[k]);
      g_assert_true (gtk_widget_is_sensitive (spin));
      g_assert_true (gtk_widget_get_can_focus (spin));
      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (spin)), ==,
                       mg_tuning_row_get_title (k));
      g_assert_null (mg_tuning_row_get_boot_text (row (fixture, k)));
    }
  /* The helper's ranges: swappiness up to the kernel's maximum, min_free_kbytes up to 5 %
   * of MemTotal (linux-6.18-idle: 24684084 KiB). */
  {
    double lower, upper;

    gtk_spin_button_get_range (GTK_SPIN_BUTTON (mg_tuning_row_get_spin_button (
                                 row (fixture, MG_SYSCTL_SWAPPINESS))), &lower, &upper);
    g_assert_cmpfloat (lower, ==, 0.0);
    g_assert_cmpfloat (upper, ==, (double) mg_swappiness_kernel_max ());
    gtk_spin_button_get_range (GTK_SPIN_BUTTON (mg_tuning_row_get_spin_button (
                                 row (fixture, MG_SYSCTL_VFS_CACHE_PRESSURE))), &lower, &upper);
    g_assert_cmpfloat (lower, ==, 1.0);
    g_assert_cmpfloat (upper, ==, 1000.0);
  }

  /* Nothing changed: nothing to apply. */
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "apply_button")));
  g_assert_null (mg_tuning_page_get_message (fixture->page));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "compact_button")));
  /* Nothing saved before: nothing kept unless asked; no sandbox here. */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (fixture,
                                                                          "persist_check"))));
  g_assert_false (gtk_widget_get_visible (child (fixture, "sandbox_note")));

  /* dirty_background_ratio not below dirty_ratio is refused by the helper: not offered. */
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_DIRTY_BACKGROUND_RATIO), 20);
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "apply_button")));
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_DIRTY_BACKGROUND_RATIO), 10);

  save_png (fixture, "initial");
}

static void
test_texts (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *spin = mg_tuning_row_get_spin_button (row (fixture, MG_SYSCTL_SWAPPINESS));
  const char *description = atk_object_get_description (gtk_widget_get_accessible (spin));

  /* The value in use, the kernel's default and what it does, for the screen reader too. */
  g_assert_true (g_str_has_prefix (description, "In use: 60 · Kernel default: 60. How readily"));
  spin = mg_tuning_row_get_spin_button (row (fixture, MG_SYSCTL_MIN_FREE_KBYTES));
  description = atk_object_get_description (gtk_widget_get_accessible (spin));
  /* int_sqrt (24684084 * 16), from the fixture's MemTotal */
  g_assert_true (g_str_has_prefix (description, "In use: 67584 · Kernel default: 19873. "));

  /* The boot files, as for swappiness in the dialog. */
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-memgauge.conf",
                      "vm.vfs_cache_pressure = 50\n");
  mg_test_write_file (fixture->sysctl_root, "usr/lib/sysctl.d/50-default.conf",
                      "vm.dirty_ratio = 15\n");
  mg_tuning_page_refresh (fixture->page);
  g_assert_cmpstr (mg_tuning_row_get_boot_text (row (fixture, MG_SYSCTL_VFS_CACHE_PRESSURE)), ==,
                   "At boot: 50, saved by MemGauge in /etc/sysctl.d/99-memgauge.conf.");
  g_assert_cmpstr (mg_tuning_row_get_boot_text (row (fixture, MG_SYSCTL_DIRTY_RATIO)), ==,
                   "At boot: 15, set by /usr/lib/sysctl.d/50-default.conf.");
  g_assert_null (mg_tuning_row_get_boot_text (row (fixture, MG_SYSCTL_SWAPPINESS)));
}

/* A preset fills in its values; one Apply sets the keys that differ, in one call. */
static void
test_preset_changed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *log = NULL;
  g_autofree char *swappiness = NULL;
  g_autofree char *vfs = NULL;
  const char *message;

  gtk_button_clicked (GTK_BUTTON (child (fixture, "desktop_button")));
  g_assert_cmpuint (mg_tuning_row_get_value (row (fixture, MG_SYSCTL_SWAPPINESS)), ==, 10);
  g_assert_cmpuint (mg_tuning_row_get_value (row (fixture, MG_SYSCTL_VFS_CACHE_PRESSURE)), ==, 50);
  g_assert_cmpuint (mg_tuning_row_get_value (row (fixture, MG_SYSCTL_COMPACTION_PROACTIVENESS)),
                    ==, 20);

  message = apply_and_wait (fixture);
  log = calls (fixture);
  g_assert_cmpstr (log, ==, "sysctl vm.swappiness=10 vm.vfs_cache_pressure=50\n");
  swappiness = kernel_value (fixture, "swappiness");
  vfs = kernel_value (fixture, "vfs_cache_pressure");
  g_assert_cmpstr (swappiness, ==, "10\n");
  g_assert_cmpstr (vfs, ==, "50\n");
  g_assert_cmpstr (message, ==,
                   "The kernel now reports:\n"
                   "Swappiness: 60 → 10\n"
                   "File name cache pressure: 100 → 50\n"
                   "The changes last until the computer restarts.");
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "apply_button")));
  save_png (fixture, "changed");

  /* Back with the other preset: the keys it sets that differ now. */
  gtk_button_clicked (GTK_BUTTON (child (fixture, "defaults_button")));
  message = apply_and_wait (fixture);
  g_clear_pointer (&log, g_free);
  log = calls (fixture);
  g_assert_cmpstr (log, ==, "sysctl vm.swappiness=10 vm.vfs_cache_pressure=50\n"
                            "sysctl vm.swappiness=60 vm.vfs_cache_pressure=100\n");
  g_assert_true (g_str_has_prefix (message, "The kernel now reports:\nSwappiness: 10 → 60\n"));
}

/* The kernel refuses one key: the ones before it are put back, and the page says which. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *swappiness = NULL;
  g_autofree char *dirty = NULL;
  const char *message;

  g_setenv ("MG_TEST_REFUSE_KEY", "vm.dirty_ratio", TRUE);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 30);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_DIRTY_RATIO), 15);
  message = apply_and_wait (fixture);

  swappiness = kernel_value (fixture, "swappiness");
  dirty = kernel_value (fixture, "dirty_ratio");
  g_assert_cmpstr (swappiness, ==, "60\n");
  g_assert_cmpstr (dirty, ==, "20\n");
  g_assert_cmpstr (message, ==,
                   "Nothing was changed because the kernel refused a value.\n"
                   "Swappiness: not changed, still 60.\n"
                   "Unwritten data limit (%): the kernel refused 15; it stays 20.");
  /* The fields follow the kernel again. */
  g_assert_cmpuint (mg_tuning_row_get_value (row (fixture, MG_SYSCTL_SWAPPINESS)), ==, 60);
  save_png (fixture, "refused");
}

/* "Keep after restart": kept only when MemGauge's file holds the value and no later file
 * overrides it. */
static void
test_kept (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *conf = NULL;
  const char *message;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "persist_check")), TRUE);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_DIRTY_RATIO), 15);
  message = apply_and_wait (fixture);
  g_assert_cmpstr (message, ==,
                   "The kernel now reports:\n"
                   "Unwritten data limit (%): 20 → 15\n"
                   "Kept after a restart.");
  conf = mg_test_read_file (fixture->sysctl_root, "etc/sysctl.d/99-memgauge.conf");
  g_assert_nonnull (strstr (conf, "\nvm.dirty_ratio = 15\n"));
  g_assert_cmpstr (mg_tuning_row_get_boot_text (row (fixture, MG_SYSCTL_DIRTY_RATIO)), ==,
                   "At boot: 15, saved by MemGauge in /etc/sysctl.d/99-memgauge.conf.");
  save_png (fixture, "kept");

  /* A file read after ours wins at boot: said so, not "kept". */
  mg_test_write_file (fixture->sysctl_root, "etc/sysctl.d/99-sysctl.conf", "vm.swappiness=30\n");
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 10);
  message = apply_and_wait (fixture);
  g_assert_cmpstr (message, ==,
                   "The kernel now reports:\n"
                   "Swappiness: 60 → 10\n"
                   "Saved, but these files are read after MemGauge’s and win when the computer "
                   "starts:\n/etc/sysctl.d/99-sysctl.conf");
}

/* Values MemGauge saved before (an earlier Apply, or the old helper): the check starts set,
 * so Apply keeps saving them; cleared, the report says the saved values come back at boot. */
static void
test_saved (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *saved_root = g_build_filename (fixture->tmp, "saved", NULL);
  GtkToggleButton *check = GTK_TOGGLE_BUTTON (child (fixture, "persist_check"));
  g_autofree char *log = NULL;
  g_autofree char *conf = NULL;
  const char *message;

  mg_test_write_file (saved_root, "etc/sysctl.d/99-memgauge.conf",
                      "# Written by memgauge-helper\nvm.swappiness = 30\n");
  g_setenv ("MG_TEST_SYSCTL_ROOT", saved_root, TRUE);
  mg_tuning_page_set_sysctl_root (fixture->page, saved_root);
  g_assert_true (gtk_toggle_button_get_active (check));
  g_assert_true (mg_tuning_page_get_persist (fixture->page));

  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_DIRTY_RATIO), 15);
  message = apply_and_wait (fixture);
  log = calls (fixture);
  g_assert_cmpstr (log, ==, "sysctl vm.dirty_ratio=15 --persist\n");
  g_assert_cmpstr (message, ==,
                   "The kernel now reports:\n"
                   "Unwritten data limit (%): 20 → 15\n"
                   "Kept after a restart.");
  conf = mg_test_read_file (saved_root, "etc/sysctl.d/99-memgauge.conf");
  g_assert_nonnull (strstr (conf, "vm.swappiness = 30\n"));
  g_assert_nonnull (strstr (conf, "vm.dirty_ratio = 15\n"));
  g_assert_true (gtk_toggle_button_get_active (check));

  /* Cleared by the person: the change lasts until the saved value comes back. */
  gtk_toggle_button_set_active (check, FALSE);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 10);
  message = apply_and_wait (fixture);
  g_assert_cmpstr (message, ==,
                   "The kernel now reports:\n"
                   "Swappiness: 60 → 10\n"
                   "The changes last until the computer restarts; then the values saved "
                   "earlier in /etc/sysctl.d/99-memgauge.conf apply again.");
  mg_test_remove_tree (saved_root);
}

/* In a Flatpak sandbox pkexec cannot reach the host: Apply and Compact Now are off, and the
 * page says why, with the command for the values chosen. */
static void
test_sandboxed (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *note = child (fixture, "sandbox_note");
  GtkLabel *command = GTK_LABEL (child (fixture, "sandbox_command_label"));

  mg_tuning_page_set_sandboxed (fixture->page, TRUE);
  mg_test_ui_iterate_pending ();
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (command)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (fixture, "sandbox_label"))), ==,
                   "MemGauge runs in a sandbox and cannot change system settings. To use the "
                   "value chosen above, run this command in a terminal outside the sandbox:");
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "compact_button")));

  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 10);
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "apply_button")));
  g_assert_cmpstr (gtk_label_get_text (command), ==,
                   "sudo sysctl -w vm.swappiness=10 vm.vfs_cache_pressure=100 "
                   "vm.compaction_proactiveness=20 vm.overcommit_memory=0 "
                   "vm.min_free_kbytes=67584 vm.dirty_ratio=20 vm.dirty_background_ratio=10");
  /* Clicking does nothing: no helper runs. */
  gtk_button_clicked (GTK_BUTTON (child (fixture, "compact_button")));
  mg_tuning_page_apply (fixture->page);
  g_assert_false (mg_tuning_page_get_busy (fixture->page));
  g_assert_false (g_file_test (fixture->log, G_FILE_TEST_EXISTS));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "persist_check")), TRUE);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (command),
                                   " && printf '%s\\n' 'vm.swappiness = 10' "
                                   "'vm.vfs_cache_pressure = 100' "
                                   "'vm.compaction_proactiveness = 20' 'vm.overcommit_memory = 0' "
                                   "'vm.min_free_kbytes = 67584' 'vm.dirty_ratio = 20' "
                                   "'vm.dirty_background_ratio = 10' "
                                   "| sudo tee -a /etc/sysctl.d/99-memgauge.conf"));
  save_png (fixture, "sandboxed");
}

/* A helper that says "ok" without changing anything: the page reads the kernel back and
 * claims nothing. Cancelling the password dialog changes nothing either. */
static void
test_never_claims (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *message;

  g_setenv ("MG_TEST_NO_WRITE", "1", TRUE);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 10);
  message = apply_and_wait (fixture);
  g_assert_cmpstr (message, ==, "The kernel now reports:\nSwappiness: not changed, still 60.");
  g_unsetenv ("MG_TEST_NO_WRITE");

  g_setenv ("MG_TEST_EXIT", "126", TRUE);
  mg_tuning_row_set_value (row (fixture, MG_SYSCTL_SWAPPINESS), 10);
  message = apply_and_wait (fixture);
  g_assert_cmpstr (message, ==, "Nothing was changed because authentication was cancelled.");
}

/* Compact Now: measured before and after, from buddyinfo (the real captures of this
 * machine's compaction, tests/fixtures/proc/buddyinfo/README.md: 3158016 KiB in 2 MiB blocks
 * before, 3207168 after). */
static void
test_compact (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *after = buddyinfo_fixture ("linux-6.18-after-compaction");
  g_autofree char *log = NULL;
  gboolean done = FALSE;
  gulong handler;

  g_setenv ("MG_TEST_BUDDYINFO_AFTER", after, TRUE);
  handler = g_signal_connect (fixture->page, "compacted", G_CALLBACK (on_done), &done);
  gtk_button_clicked (GTK_BUTTON (child (fixture, "compact_button")));
  g_assert_true (mg_tuning_page_get_busy (fixture->page));
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "compact_button")));
  MG_TEST_WAIT_FOR (done);
  g_signal_handler_disconnect (fixture->page, handler);
  mg_test_ui_iterate_pending ();

  log = calls (fixture);
  g_assert_cmpstr (log, ==, "compact\n");
  g_assert_cmpstr (mg_tuning_page_get_compact_message (fixture->page), ==,
                   /* mg_format_size_kib () keeps number and unit together. */
                   "Free memory in 2 MiB blocks: 3.0\u00a0GiB → 3.1\u00a0GiB");
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "compact_button")));
  save_png (fixture, "compacted");

  /* Refused by polkit: nothing is claimed. */
  done = FALSE;
  g_setenv ("MG_TEST_EXIT", "127", TRUE);
  handler = g_signal_connect (fixture->page, "compacted", G_CALLBACK (on_done), &done);
  gtk_button_clicked (GTK_BUTTON (child (fixture, "compact_button")));
  MG_TEST_WAIT_FOR (done);
  g_signal_handler_disconnect (fixture->page, handler);
  g_assert_cmpstr (mg_tuning_page_get_compact_message (fixture->page), ==,
                   "Memory was not compacted: not authorized or cancelled.");
}

int
main (int   argc,
      char *argv[])
{
  if (!mg_test_ui_init (&argc, &argv))
    {
      g_printerr ("test-tuning-page: no display; run it through tests/lib/ui-session.sh\n");
      return g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL ? 1 : 77;
    }
  mg_ui_style_ensure ();

#define ADD(path, func) \
  g_test_add ("/tuning-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("initial", test_initial);
  if (g_getenv ("MEMGAUGE_TEST_PICTURES_ONLY") == NULL)
    ADD ("texts", test_texts);
  ADD ("preset-changed", test_preset_changed);
  ADD ("refused", test_refused);
  ADD ("kept", test_kept);
  if (g_getenv ("MEMGAUGE_TEST_PICTURES_ONLY") == NULL)
    ADD ("never-claims", test_never_claims);
  ADD ("compact", test_compact);
  if (g_getenv ("MEMGAUGE_TEST_PICTURES_ONLY") == NULL)
    ADD ("saved", test_saved);
  ADD ("sandboxed", test_sandboxed);
#undef ADD

  return g_test_run ();
}
