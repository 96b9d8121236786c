/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-swappiness: hostile values, writing, atomic persisting, outcomes, sysctl scan. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-helper-client.h"
#include "mg-swappiness.h"
#include "mg-sysctl-scan.h"

/* A temporary directory removed, with everything in it, when the test ends. */
typedef struct {
  char *path;
} TempDir;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      (void) g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  (void) g_rmdir (path);
}

static void
temp_dir_setup (TempDir       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->path = g_dir_make_tmp ("test-swappiness-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
temp_dir_teardown (TempDir       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->path);
  g_free (fixture->path);
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* --- parsing ------------------------------------------------------------------------------- */

static void
test_parse_rejected (void)
{
  g_autofree char *digits_4k = g_strnfill (4096, '7');
  const struct {
    const char *name;
    const char *arg;
    MgSwappinessError code;
  } cases[] = {
    { "empty", "", MG_SWAPPINESS_ERROR_INVALID },
    { "negative", "-1", MG_SWAPPINESS_ERROR_INVALID },
    { "plus sign", "+10", MG_SWAPPINESS_ERROR_INVALID },
    { "leading space", " 10", MG_SWAPPINESS_ERROR_INVALID },
    { "trailing space", "10 ", MG_SWAPPINESS_ERROR_INVALID },
    { "leading zero", "010", MG_SWAPPINESS_ERROR_INVALID },
    { "double zero", "00", MG_SWAPPINESS_ERROR_INVALID },
    { "hex", "0x10", MG_SWAPPINESS_ERROR_INVALID },
    { "exponent", "1e2", MG_SWAPPINESS_ERROR_INVALID },
    { "above maximum", "201", MG_SWAPPINESS_ERROR_OUT_OF_RANGE },
    { "huge", "99999999999999999999", MG_SWAPPINESS_ERROR_INVALID },
    { "trailing newline", "10\n", MG_SWAPPINESS_ERROR_INVALID },
    { "tab", "\t10", MG_SWAPPINESS_ERROR_INVALID },
    { "4 KiB of digits", digits_4k, MG_SWAPPINESS_ERROR_INVALID },
    { "arabic-indic digits", "\xd9\xa1\xd9\xa0", MG_SWAPPINESS_ERROR_INVALID },
    { "fullwidth digits", "\xef\xbc\x91\xef\xbc\x90", MG_SWAPPINESS_ERROR_INVALID },
    { "decimal point", "1.5", MG_SWAPPINESS_ERROR_INVALID },
    { "option", "--persist", MG_SWAPPINESS_ERROR_INVALID },
    { "NULL", NULL, MG_SWAPPINESS_ERROR_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 12345;
      gboolean ok;

      g_test_message ("rejected: %s", cases[i].name);
      ok = mg_swappiness_parse_value (cases[i].arg, MG_SWAPPINESS_MAX, &value, &error);
      g_assert_false (ok);
      g_assert_error (error, MG_SWAPPINESS_ERROR, (gint) cases[i].code);
      /* The output is left alone on failure. */
      g_assert_cmpuint (value, ==, 12345);
    }
}

static void
test_parse_accepted (void)
{
  const struct {
    const char *arg;
    guint value;
  } cases[] = {
    { "0", 0 },
    { "1", 1 },
    { "10", 10 },
    { "60", 60 },
    { "100", 100 },
    { "199", 199 },
    { "200", 200 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 12345;

      g_test_message ("accepted: %s", cases[i].arg);
      g_assert_true (mg_swappiness_parse_value (cases[i].arg, MG_SWAPPINESS_MAX, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value, ==, cases[i].value);
    }
}

static void
test_parse_max (void)
{
  g_autoptr(GError) error = NULL;
  guint value = 0;

  /* Kernels before 5.8 allow 100 at most. */
  g_assert_true (mg_swappiness_parse_value ("100", 100, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 100);

  g_assert_false (mg_swappiness_parse_value ("101", 100, &value, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_OUT_OF_RANGE);
}

/* --- writing ------------------------------------------------------------------------------- */

static void
test_write_file (TempDir       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->path, "swappiness", NULL);
  const guint values[] = { 10, 0, 200, 60 };

  write_file (fixture->path, "swappiness", "60\n");

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *expected = g_strdup_printf ("%u\n", values[i]);

      g_assert_true (mg_swappiness_write (path, values[i], &error));
      g_assert_no_error (error);

      /* A regular file is not truncated; the first line is what matters. */
      contents = read_file (path);
      g_assert_true (g_str_has_prefix (contents, expected));
    }
}

static void
test_write_refuses_symlink (TempDir       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->path, "target", NULL);
  g_autofree char *link = g_build_filename (fixture->path, "link", NULL);
  g_autofree char *contents = NULL;

  write_file (fixture->path, "target", "60\n");
  g_assert_cmpint (symlink (target, link), ==, 0);

  g_assert_false (mg_swappiness_write (link, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED);

  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "60\n");
}

static void
test_write_missing (TempDir       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, "missing", NULL);

  g_assert_false (mg_swappiness_write (path, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED);
  /* Never created. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_write_failure (void)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("/dev/full is missing");
      return;
    }

  /* Any errno but EINVAL is a write failure, not a refusal by the kernel. */
  g_assert_false (mg_swappiness_write ("/dev/full", 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED);
}

static void
test_write_unconfirmed (void)
{
  g_autoptr(GError) error = NULL;

  /* Reading back /dev/null gives nothing: the value cannot be confirmed. */
  g_assert_false (mg_swappiness_write ("/dev/null", 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED);
}

/* --- persisting ---------------------------------------------------------------------------- */

#define CONF_CONTENT(n) \
  "# Written by MemGauge; applying another value in MemGauge replaces this file.\nvm.swappiness = " n "\n"

static void
test_persist (TempDir       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *contents = NULL;
  struct stat st;
  mode_t old_umask;

  /* A strict umask must not make the file unreadable for systemd-sysctl or people. */
  old_umask = umask (077);
  g_assert_true (mg_swappiness_persist (fixture->path, 10, &error));
  umask (old_umask);
  g_assert_no_error (error);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("10"));
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 07777, ==, 0644);
  g_assert_cmpuint (count_entries (fixture->path), ==, 1);

  /* Replacing works too, and leaves no temporary file either. */
  g_assert_true (mg_swappiness_persist (fixture->path, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("0"));
  g_assert_cmpuint (count_entries (fixture->path), ==, 1);
}

static void
test_persist_replaces_symlink (TempDir       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *target = g_build_filename (fixture->path, "elsewhere", NULL);
  g_autofree char *contents = NULL;

  write_file (fixture->path, "elsewhere", "keep\n");
  g_assert_cmpint (symlink (target, path), ==, 0);

  /* rename() replaces the link itself; what it pointed to is left alone. */
  g_assert_true (mg_swappiness_persist (fixture->path, 10, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  contents = read_file (target);
  g_assert_cmpstr (contents, ==, "keep\n");
}

static void
test_persist_missing_dir (TempDir       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->path, "missing", NULL);

  g_assert_false (mg_swappiness_persist (dir, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_persist_rename_fails (TempDir       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *inside = g_build_filename (path, "inside", NULL);

  /* A non-empty directory in the way makes the rename fail after the temporary file exists. */
  write_file (fixture->path, MG_SWAPPINESS_CONF_NAME "/inside", "x");

  g_assert_false (mg_swappiness_persist (fixture->path, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  /* The temporary file was removed. */
  g_assert_cmpuint (count_entries (fixture->path), ==, 1);
}

#define CRASH_EXIT_CODE 42

static void
crash_before_rename (const char *temp_path)
{
  /* Dies like a killed process would: no cleanup of any kind runs. */
  _exit (CRASH_EXIT_CODE);
}

static void
test_persist_crash (TempDir       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgSwappinessScan) scan = NULL;
  g_autofree char *dir = g_build_filename (fixture->path, "etc", "sysctl.d", NULL);
  g_autofree char *path = g_build_filename (dir, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *contents = NULL;
  int status = 0;
  pid_t pid;

  write_file (dir, MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("60"));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      mg_swappiness_persist_before_rename_hook = crash_before_rename;
      mg_swappiness_persist (dir, 10, NULL);
      /* Only reached if the hook did not run. */
      _exit (1);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, CRASH_EXIT_CODE);

  /* The old file is intact; the temporary file is left behind, as after a real crash. */
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("60"));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  /* systemd-sysctl does not read the leftover: it is hidden and lacks the ".conf" suffix. */
  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 1);
  g_assert_nonnull (scan->persisted);
  g_assert_cmpstr (scan->persisted->value, ==, "60");

  /* The next persist succeeds and removes the leftover. */
  g_assert_true (mg_swappiness_persist (dir, 20, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("20"));
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* --- outcomes ------------------------------------------------------------------------------ */

static void
test_outcome_table (void)
{
  const struct {
    int wait_status;
    MgSwappinessOutcome outcome;
  } cases[] = {
    { W_EXITCODE (0, 0), MG_SWAPPINESS_OUTCOME_CHANGED },
    { W_EXITCODE (126, 0), MG_SWAPPINESS_OUTCOME_CANCELLED },
    { W_EXITCODE (127, 0), MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_INVALID_VALUE, 0), MG_SWAPPINESS_OUTCOME_INVALID_VALUE },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_KERNEL_REFUSED, 0), MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_WRITE_FAILED, 0), MG_SWAPPINESS_OUTCOME_WRITE_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_PERSIST_FAILED, 0), MG_SWAPPINESS_OUTCOME_PERSIST_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_USAGE, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_NOT_ROOT, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (1, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (255, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGKILL), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGSEGV) | WCOREFLAG, MG_SWAPPINESS_OUTCOME_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *message = NULL;

      g_test_message ("wait status 0x%x", (guint) cases[i].wait_status);
      g_assert_cmpint (mg_swappiness_outcome_from_wait_status (cases[i].wait_status, &message),
                       ==, cases[i].outcome);
      g_assert_cmpstr (message, ==, mg_swappiness_outcome_get_message (cases[i].outcome));
    }

  /* The message is optional. */
  g_assert_cmpint (mg_swappiness_outcome_from_wait_status (W_EXITCODE (127, 0), NULL),
                   ==, MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED);
}

static void
test_outcome_codes (void)
{
  const int codes[] = {
    MG_SWAPPINESS_EXIT_USAGE,
    MG_SWAPPINESS_EXIT_INVALID_VALUE,
    MG_SWAPPINESS_EXIT_NOT_ROOT,
    MG_SWAPPINESS_EXIT_KERNEL_REFUSED,
    MG_SWAPPINESS_EXIT_WRITE_FAILED,
    MG_SWAPPINESS_EXIT_PERSIST_FAILED,
  };
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);

  /* Distinct, non-zero, and clear of pkexec's 126/127 and the harness's 77. */
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpint (codes[i], >, 0);
      g_assert_cmpint (codes[i], <, 126);
      g_assert_cmpint (codes[i], !=, 77);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpint (codes[i], !=, codes[j]);
    }

  /* Each outcome has a message of its own. */
  for (int o = MG_SWAPPINESS_OUTCOME_CHANGED; o <= MG_SWAPPINESS_OUTCOME_FAILED; o++)
    {
      const char *message = mg_swappiness_outcome_get_message ((MgSwappinessOutcome) o);

      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 0);
      g_assert_false (g_hash_table_contains (messages, message));
      g_hash_table_add (messages, (gpointer) message);
    }
}

/* --- sysctl scan --------------------------------------------------------------------------- */

static void
test_scan_empty (TempDir       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = mg_swappiness_scan_sysctl (fixture->path);

  g_assert_cmpuint (scan->sources->len, ==, 0);
  g_assert_null (scan->winner);
  g_assert_null (scan->persisted);
  g_assert_null (scan->overridden_by);
}

static void
test_scan_order (TempDir       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;
  g_autofree char *sysctl_d = g_build_filename (fixture->path, "etc", "sysctl.d", NULL);
  g_autofree char *sysctl_conf_link = g_build_filename (sysctl_d, "99-sysctl.conf", NULL);
  const struct {
    const char *path;
    const char *value;
  } expected[] = {
    { "usr/lib/sysctl.d/50-default.conf", "30" },
    { "usr/local/lib/sysctl.d/60-local.conf", "40" },
    { "run/sysctl.d/70-runtime.conf", "50" },
    { "etc/sysctl.d/99-memgauge-swappiness.conf", "10" },
    { "etc/sysctl.d/99-sysctl.conf", "90" },
  };

  write_file (fixture->path, "usr/lib/sysctl.d/50-default.conf",
              "kernel.pid_max = 4194304\nvm.swappiness = 30\n");
  /* Comments, a slash-separated key and a "-" prefix, as systemd-sysctl reads them. */
  write_file (fixture->path, "usr/local/lib/sysctl.d/60-local.conf",
              "# vm.swappiness = 1\n; vm.swappiness = 2\nvm/swappiness=35\n  -vm.swappiness =  40  \n");
  write_file (fixture->path, "run/sysctl.d/70-runtime.conf", "vm.swappiness=50");
  /* Same name in a higher-priority directory hides the lower one, even without the key. */
  write_file (fixture->path, "usr/lib/sysctl.d/80-vendor.conf", "vm.swappiness = 5\n");
  write_file (fixture->path, "etc/sysctl.d/80-vendor.conf", "# masked by the admin\n");
  write_file (fixture->path, "etc/sysctl.d/99-memgauge-swappiness.conf", CONF_CONTENT ("10"));
  write_file (fixture->path, "run/sysctl.d/99-memgauge-swappiness.conf", "vm.swappiness = 77\n");
  /* Not read at all: hidden, wrong suffix, similar but different key. */
  write_file (fixture->path, "etc/sysctl.d/.hidden.conf", "vm.swappiness = 3\n");
  write_file (fixture->path, "etc/sysctl.d/99-zz.conf.dpkg-old", "vm.swappiness = 4\n");
  write_file (fixture->path, "usr/lib/sysctl.d/10-other.conf",
              "vm.swappiness_extra = 6\nvm.swappinessx=7\nnet.vm.swappiness = 8\n");
  /* Debian's link to /etc/sysctl.conf, which sorts after our file. */
  write_file (fixture->path, "etc/sysctl.conf", "vm.swappiness = 90\n");
  g_assert_cmpint (symlink ("../sysctl.conf", sysctl_conf_link), ==, 0);

  scan = mg_swappiness_scan_sysctl (fixture->path);

  g_assert_cmpuint (scan->sources->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MgSwappinessSource *source = g_ptr_array_index (scan->sources, i);
      g_autofree char *path = g_build_filename (fixture->path, expected[i].path, NULL);

      g_assert_cmpstr (source->path, ==, path);
      g_assert_cmpstr (source->value, ==, expected[i].value);
    }

  g_assert_true (scan->winner == g_ptr_array_index (scan->sources, 4));
  g_assert_true (scan->persisted == g_ptr_array_index (scan->sources, 3));
  g_assert_true (scan->overridden_by == g_ptr_array_index (scan->sources, 4));

  /* Without the link, ours wins. */
  g_assert_cmpint (g_unlink (sysctl_conf_link), ==, 0);
  g_clear_pointer (&scan, mg_swappiness_scan_free);
  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 4);
  g_assert_true (scan->winner == scan->persisted);
  g_assert_cmpstr (scan->winner->value, ==, "10");
  g_assert_null (scan->overridden_by);
}

static void
test_scan_not_persisted (TempDir       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(MgSwappinessScan) scan = NULL;

  /* Nothing persisted yet, but a later file would override whatever is persisted. */
  write_file (fixture->path, "usr/lib/sysctl.d/99-zz-vendor.conf", "vm.swappiness = 100\n");
  write_file (fixture->path, "usr/lib/sysctl.d/10-early.conf", "vm.swappiness = 1\n");

  scan = mg_swappiness_scan_sysctl (fixture->path);
  g_assert_cmpuint (scan->sources->len, ==, 2);
  g_assert_null (scan->persisted);
  g_assert_nonnull (scan->overridden_by);
  g_assert_cmpstr (scan->overridden_by->value, ==, "100");
  g_assert_true (scan->winner == scan->overridden_by);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/swappiness/parse/rejected", test_parse_rejected);
  g_test_add_func ("/swappiness/parse/accepted", test_parse_accepted);
  g_test_add_func ("/swappiness/parse/max", test_parse_max);

  g_test_add ("/swappiness/write/file", TempDir, NULL,
              temp_dir_setup, test_write_file, temp_dir_teardown);
  g_test_add ("/swappiness/write/refuses-symlink", TempDir, NULL,
              temp_dir_setup, test_write_refuses_symlink, temp_dir_teardown);
  g_test_add ("/swappiness/write/missing", TempDir, NULL,
              temp_dir_setup, test_write_missing, temp_dir_teardown);
  g_test_add_func ("/swappiness/write/failure", test_write_failure);
  g_test_add_func ("/swappiness/write/unconfirmed", test_write_unconfirmed);

  g_test_add ("/swappiness/persist/content", TempDir, NULL,
              temp_dir_setup, test_persist, temp_dir_teardown);
  g_test_add ("/swappiness/persist/replaces-symlink", TempDir, NULL,
              temp_dir_setup, test_persist_replaces_symlink, temp_dir_teardown);
  g_test_add ("/swappiness/persist/missing-dir", TempDir, NULL,
              temp_dir_setup, test_persist_missing_dir, temp_dir_teardown);
  g_test_add ("/swappiness/persist/rename-fails", TempDir, NULL,
              temp_dir_setup, test_persist_rename_fails, temp_dir_teardown);
  g_test_add ("/swappiness/persist/crash-before-rename", TempDir, NULL,
              temp_dir_setup, test_persist_crash, temp_dir_teardown);

  g_test_add_func ("/swappiness/outcome/table", test_outcome_table);
  g_test_add_func ("/swappiness/outcome/codes", test_outcome_codes);

  g_test_add ("/swappiness/scan/empty", TempDir, NULL,
              temp_dir_setup, test_scan_empty, temp_dir_teardown);
  g_test_add ("/swappiness/scan/order", TempDir, NULL,
              temp_dir_setup, test_scan_order, temp_dir_teardown);
  g_test_add ("/swappiness/scan/not-persisted", TempDir, NULL,
              temp_dir_setup, test_scan_not_persisted, temp_dir_teardown);

  return g_test_run ();
}
