/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-swappiness: hostile values, writing, atomic persisting through a folder fd. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-swappiness.h"
#include "mg-test-files.h"

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
test_write_file (MgTestTempDir *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->path, "swappiness", NULL);
  const guint values[] = { 10, 0, 200, 60 };

  mg_test_write_file (fixture->path, "swappiness", "60\n");

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *expected = g_strdup_printf ("%u\n", values[i]);

      g_assert_true (mg_swappiness_write (path, values[i], &error));
      g_assert_no_error (error);

      /* A regular file is not truncated; the first line is what matters. */
      contents = mg_test_read_file (fixture->path, "swappiness");
      g_assert_true (g_str_has_prefix (contents, expected));
    }
}

static void
test_write_refuses_symlink (MgTestTempDir *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->path, "target", NULL);
  g_autofree char *link = g_build_filename (fixture->path, "link", NULL);
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, "target", "60\n");
  g_assert_cmpint (symlink (target, link), ==, 0);

  g_assert_false (mg_swappiness_write (link, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED);

  contents = mg_test_read_file (fixture->path, "target");
  g_assert_cmpstr (contents, ==, "60\n");
}

static void
test_write_missing (MgTestTempDir *fixture,
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
test_persist (MgTestTempDir *fixture,
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

  contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("10"));
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 07777, ==, 0644);
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);

  /* Replacing works too, and leaves no temporary file either. */
  g_assert_true (mg_swappiness_persist (fixture->path, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("0"));
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);
}

static void
test_persist_replaces_symlink (MgTestTempDir *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *target = g_build_filename (fixture->path, "elsewhere", NULL);
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, "elsewhere", "keep\n");
  g_assert_cmpint (symlink (target, path), ==, 0);

  /* rename() replaces the link itself; what it pointed to is left alone. */
  g_assert_true (mg_swappiness_persist (fixture->path, 10, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  contents = mg_test_read_file (fixture->path, "elsewhere");
  g_assert_cmpstr (contents, ==, "keep\n");
}

static void
test_persist_missing_dir (MgTestTempDir *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->path, "missing", NULL);

  g_assert_false (mg_swappiness_persist (dir, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_persist_rename_fails (MgTestTempDir *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SWAPPINESS_CONF_NAME, NULL);
  g_autofree char *inside = g_build_filename (path, "inside", NULL);

  /* A non-empty directory in the way makes the rename fail after the temporary file exists. */
  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME "/inside", "x");

  g_assert_false (mg_swappiness_persist (fixture->path, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  /* The temporary file was removed. */
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);
}

/* What a persist killed before its rename leaves behind: the old file and a temporary file. */
#define STALE_NAME "." MG_SWAPPINESS_CONF_NAME ".Ab12Cd"

static void
test_persist_stale_temp_files (MgTestTempDir *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *keep = g_build_filename (fixture->path, "keep", NULL);
  g_autofree char *stale_link = g_build_filename (fixture->path,
                                                  "." MG_SWAPPINESS_CONF_NAME ".Zz98Yx", NULL);

  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("60"));
  mg_test_write_file (fixture->path, STALE_NAME, CONF_CONTENT ("10"));
  /* A leftover that is a symbolic link goes too, and what it points to stays. */
  mg_test_write_file (fixture->path, "keep", "keep\n");
  g_assert_cmpint (symlink (keep, stale_link), ==, 0);
  /* Similar names that are not ours are left alone. */
  mg_test_write_file (fixture->path, "." MG_SWAPPINESS_CONF_NAME ".toolong", "x");
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 5);

  /* Until the next persist the old file is the one in effect, untouched. */
  contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("60"));

  g_assert_true (mg_swappiness_persist (fixture->path, 20, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("20"));

  g_assert_null (mg_test_read_file (fixture->path, STALE_NAME));
  g_assert_false (g_file_test (stale_link, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, "keep");
  g_assert_cmpstr (contents, ==, "keep\n");
  /* The conf file, "keep" and the name that is not ours. */
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 3);
}

/* Asserts that persisting into @dir is refused and that @dir keeps @entries entries. */
static void
assert_refused (const char *dir,
                guint       entries)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mg_swappiness_persist (dir, 10, &error));
  g_assert_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_UNSAFE_DIR);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpuint (mg_test_count_entries (dir), ==, entries);
}

static void
test_persist_refuses_symlinked_dir (MgTestTempDir *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *real = g_build_filename (fixture->path, "real", NULL);
  g_autofree char *link = g_build_filename (fixture->path, "sysctl.d", NULL);

  g_assert_cmpint (g_mkdir (real, 0755), ==, 0);
  g_assert_cmpint (chmod (real, 0755), ==, 0);
  g_assert_cmpint (symlink (real, link), ==, 0);

  assert_refused (link, 0);
  g_assert_cmpuint (mg_test_count_entries (real), ==, 0);
}

static void
test_persist_refuses_group_writable_dir (MgTestTempDir *fixture,
                                         gconstpointer  user_data)
{
  const mode_t modes[] = { 0775, 0757, 01777 };

  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, CONF_CONTENT ("60"));

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *contents = NULL;

      g_test_message ("mode %04o", (guint) modes[i]);
      g_assert_cmpint (chmod (fixture->path, modes[i]), ==, 0);
      assert_refused (fixture->path, 1);
      contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
      g_assert_cmpstr (contents, ==, CONF_CONTENT ("60"));
    }

  /* The same folder is fine once only its owner can write. */
  g_assert_cmpint (chmod (fixture->path, 0755), ==, 0);
  g_assert_true (mg_swappiness_persist (fixture->path, 10, NULL));
}

static void
test_persist_refuses_foreign_dir (MgTestTempDir *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *dir = g_build_filename (fixture->path, "sysctl.d", NULL);
  struct passwd *nobody;

  /* Only root can give a folder away; under CI the tests run as root and nothing may skip. */
  if (geteuid () != 0)
    {
      if (g_getenv ("MEMGAUGE_TEST_NO_SKIP") != NULL)
        {
          g_test_message ("MEMGAUGE_TEST_NO_SKIP is set, but this needs root to chown");
          g_test_fail ();
        }
      else
        {
          g_test_skip ("giving a folder to another user needs root");
        }
      return;
    }

  nobody = getpwnam ("nobody");
  g_assert_nonnull (nobody);
  g_assert_cmpuint (nobody->pw_uid, !=, 0);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (chmod (dir, 0755), ==, 0);
  g_assert_cmpint (chown (dir, nobody->pw_uid, nobody->pw_gid), ==, 0);

  assert_refused (dir, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/swappiness/parse/rejected", test_parse_rejected);
  g_test_add_func ("/swappiness/parse/accepted", test_parse_accepted);
  g_test_add_func ("/swappiness/parse/max", test_parse_max);

  mg_test_add_in_temp_dir ("/swappiness/write/file", test_write_file);
  mg_test_add_in_temp_dir ("/swappiness/write/refuses-symlink", test_write_refuses_symlink);
  mg_test_add_in_temp_dir ("/swappiness/write/missing", test_write_missing);
  g_test_add_func ("/swappiness/write/failure", test_write_failure);
  g_test_add_func ("/swappiness/write/unconfirmed", test_write_unconfirmed);

  mg_test_add_in_temp_dir ("/swappiness/persist/content", test_persist);
  mg_test_add_in_temp_dir ("/swappiness/persist/replaces-symlink", test_persist_replaces_symlink);
  mg_test_add_in_temp_dir ("/swappiness/persist/missing-dir", test_persist_missing_dir);
  mg_test_add_in_temp_dir ("/swappiness/persist/rename-fails", test_persist_rename_fails);
  mg_test_add_in_temp_dir ("/swappiness/persist/stale-temp-files", test_persist_stale_temp_files);
  mg_test_add_in_temp_dir ("/swappiness/persist/refuses-symlinked-dir",
                           test_persist_refuses_symlinked_dir);
  mg_test_add_in_temp_dir ("/swappiness/persist/refuses-group-writable-dir",
                           test_persist_refuses_group_writable_dir);
  mg_test_add_in_temp_dir ("/swappiness/persist/refuses-foreign-dir",
                           test_persist_refuses_foreign_dir);


  return g_test_run ();
}
