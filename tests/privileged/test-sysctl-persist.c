/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg_sysctl_persist(): the one sysctl.d file, atomic, through a folder fd. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-sysctl.h"
#include "mg-test-files.h"

#define HEADER "# Written by MemGauge; applying values in MemGauge replaces this file.\n"
#define CONF_CONTENT(n) HEADER "vm.swappiness = " n "\n"
/* What memgauge-swappiness-helper wrote. */
#define OLD_CONTENT(n) \
  "# Written by MemGauge; applying another value in MemGauge replaces this file.\n" \
  "vm.swappiness = " n "\n"

/* Persists vm.swappiness=@value alone; returns the report. */
static char *
persist_swappiness (const char  *dir,
                    guint64      value,
                    GError     **error)
{
  MgSysctlRequest request = { .keys = { MG_SYSCTL_SWAPPINESS }, .values = { value }, .n = 1,
                              .persist = TRUE };
  g_autoptr(GString) report = g_string_new (NULL);

  if (!mg_sysctl_persist (dir, &request, report, error))
    {
      g_assert_cmpstr (report->str, ==, "");
      return NULL;
    }

  return g_strdup (report->str);
}

/* --- persisting ---------------------------------------------------------------------------- */

static void
test_persist (MgTestTempDir *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SYSCTL_CONF_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *report = NULL;
  struct stat st;
  mode_t old_umask;

  /* A strict umask must not make the file unreadable for systemd-sysctl or people. */
  old_umask = umask (077);
  report = persist_swappiness (fixture->path, 10, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "vm.swappiness=10 persisted\n");

  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("10"));
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 07777, ==, 0644);
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);

  /* Replacing works too, and leaves no temporary file either. */
  g_clear_pointer (&report, g_free);
  report = persist_swappiness (fixture->path, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("0"));
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);
}

/* Every key MemGauge persisted stays in the one file: the request wins, the rest is kept, in
 * table order; lines that are not ours are dropped. */
static void
test_persist_merges (MgTestTempDir *fixture,
                     gconstpointer  user_data)
{
  MgSysctlRequest request = {
    .keys = { MG_SYSCTL_VFS_CACHE_PRESSURE, MG_SYSCTL_DIRTY_RATIO },
    .values = { 50, 30 },
    .n = 2,
  };
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, MG_SYSCTL_CONF_NAME,
                      HEADER
                      "vm.dirty_ratio = 15\n"
                      "  vm.swappiness=10  \n"
                      "# a comment of a person\n"
                      "vm.drop_caches = 3\n"
                      "vm.overcommit_memory = 0x1\n"
                      "vm.compaction_proactiveness = 20\n");

  g_assert_true (mg_sysctl_persist (fixture->path, &request, report, &error));
  g_assert_no_error (error);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==,
                   HEADER
                   "vm.swappiness = 10\n"
                   "vm.vfs_cache_pressure = 50\n"
                   "vm.compaction_proactiveness = 20\n"
                   "vm.dirty_ratio = 30\n");
  g_assert_cmpstr (report->str, ==,
                   "vm.swappiness=10 persisted\n"
                   "vm.vfs_cache_pressure=50 persisted\n"
                   "vm.compaction_proactiveness=20 persisted\n"
                   "vm.dirty_ratio=30 persisted\n");
}

/* The old helper's file moves into the new one: its value is kept unless the request (or the
 * new file, which was read after it at boot) sets swappiness, and it is removed. */
static void
test_persist_migrates (MgTestTempDir *fixture,
                       gconstpointer  user_data)
{
  MgSysctlRequest request = { .keys = { MG_SYSCTL_MIN_FREE_KBYTES }, .values = { 90000 }, .n = 1 };
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, OLD_CONTENT ("30"));
  g_assert_true (mg_sysctl_persist (fixture->path, &request, report, &error));
  g_assert_no_error (error);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, HEADER "vm.swappiness = 30\nvm.min_free_kbytes = 90000\n");
  g_assert_null (mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME));
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);

  /* Overridden by the request. */
  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, OLD_CONTENT ("30"));
  g_clear_pointer (&contents, g_free);
  g_free (persist_swappiness (fixture->path, 5, &error));
  g_assert_no_error (error);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, HEADER "vm.swappiness = 5\nvm.min_free_kbytes = 90000\n");
  g_assert_null (mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME));

  /* Overridden by the new file. */
  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, OLD_CONTENT ("30"));
  g_string_truncate (report, 0);
  g_assert_true (mg_sysctl_persist (fixture->path, &request, report, &error));
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, HEADER "vm.swappiness = 5\nvm.min_free_kbytes = 90000\n");
  g_assert_null (mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME));
}

/* A failed persist leaves the old helper's file where it was. */
static void
test_persist_migrate_fails (MgTestTempDir *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, OLD_CONTENT ("30"));
  mg_test_write_file (fixture->path, MG_SYSCTL_CONF_NAME "/inside", "x");
  g_assert_null (persist_swappiness (fixture->path, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_PERSIST_FAILED);
  contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
  g_assert_cmpstr (contents, ==, OLD_CONTENT ("30"));
}

static void
test_persist_replaces_symlink (MgTestTempDir *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SYSCTL_CONF_NAME, NULL);
  g_autofree char *target = g_build_filename (fixture->path, "elsewhere", NULL);
  g_autofree char *contents = NULL;

  mg_test_write_file (fixture->path, "elsewhere", "vm.dirty_ratio = 1\n");
  g_assert_cmpint (symlink (target, path), ==, 0);

  /* rename() replaces the link itself; what it pointed to is neither read nor changed. */
  g_free (persist_swappiness (fixture->path, 10, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("10"));
  g_clear_pointer (&contents, g_free);
  contents = mg_test_read_file (fixture->path, "elsewhere");
  g_assert_cmpstr (contents, ==, "vm.dirty_ratio = 1\n");
}

static void
test_persist_missing_dir (MgTestTempDir *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->path, "missing", NULL);

  g_assert_null (persist_swappiness (dir, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_PERSIST_FAILED);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_persist_rename_fails (MgTestTempDir *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->path, MG_SYSCTL_CONF_NAME, NULL);
  g_autofree char *inside = g_build_filename (path, "inside", NULL);

  /* A non-empty directory in the way makes the rename fail after the temporary file exists. */
  mg_test_write_file (fixture->path, MG_SYSCTL_CONF_NAME "/inside", "x");

  g_assert_null (persist_swappiness (fixture->path, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_PERSIST_FAILED);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  /* The temporary file was removed. */
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 1);
}

/* What a persist killed before its rename leaves behind: the old file and a temporary file,
 * of this helper or of the old one. */
#define STALE_NAME "." MG_SYSCTL_CONF_NAME ".Ab12Cd"
#define OLD_STALE_NAME "." MG_SWAPPINESS_CONF_NAME ".Ef34Gh"

static void
test_persist_stale_temp_files (MgTestTempDir *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *keep = g_build_filename (fixture->path, "keep", NULL);
  g_autofree char *stale_link = g_build_filename (fixture->path,
                                                  "." MG_SYSCTL_CONF_NAME ".Zz98Yx", NULL);

  mg_test_write_file (fixture->path, MG_SYSCTL_CONF_NAME, CONF_CONTENT ("60"));
  mg_test_write_file (fixture->path, STALE_NAME, CONF_CONTENT ("10"));
  mg_test_write_file (fixture->path, OLD_STALE_NAME, OLD_CONTENT ("10"));
  /* A leftover that is a symbolic link goes too, and what it points to stays. */
  mg_test_write_file (fixture->path, "keep", "keep\n");
  g_assert_cmpint (symlink (keep, stale_link), ==, 0);
  /* Similar names that are not ours are left alone. */
  mg_test_write_file (fixture->path, "." MG_SYSCTL_CONF_NAME ".toolong", "x");
  g_assert_cmpuint (mg_test_count_entries (fixture->path), ==, 6);

  g_free (persist_swappiness (fixture->path, 20, &error));
  g_assert_no_error (error);
  contents = mg_test_read_file (fixture->path, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (contents, ==, CONF_CONTENT ("20"));

  g_assert_null (mg_test_read_file (fixture->path, STALE_NAME));
  g_assert_null (mg_test_read_file (fixture->path, OLD_STALE_NAME));
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

  g_assert_null (persist_swappiness (dir, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_UNSAFE_DIR);
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

  mg_test_write_file (fixture->path, MG_SWAPPINESS_CONF_NAME, OLD_CONTENT ("60"));

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *contents = NULL;

      g_test_message ("mode %04o", (guint) modes[i]);
      g_assert_cmpint (chmod (fixture->path, modes[i]), ==, 0);
      assert_refused (fixture->path, 1);
      contents = mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME);
      g_assert_cmpstr (contents, ==, OLD_CONTENT ("60"));
    }

  /* The same folder is fine once only its owner can write. */
  g_assert_cmpint (chmod (fixture->path, 0755), ==, 0);
  g_free (persist_swappiness (fixture->path, 10, NULL));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
  g_assert_null (mg_test_read_file (fixture->path, MG_SWAPPINESS_CONF_NAME));
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

  mg_test_add_in_temp_dir ("/sysctl/persist/content", test_persist);
  mg_test_add_in_temp_dir ("/sysctl/persist/merges", test_persist_merges);
  mg_test_add_in_temp_dir ("/sysctl/persist/migrates-old-file", test_persist_migrates);
  mg_test_add_in_temp_dir ("/sysctl/persist/migrate-fails", test_persist_migrate_fails);
  mg_test_add_in_temp_dir ("/sysctl/persist/replaces-symlink", test_persist_replaces_symlink);
  mg_test_add_in_temp_dir ("/sysctl/persist/missing-dir", test_persist_missing_dir);
  mg_test_add_in_temp_dir ("/sysctl/persist/rename-fails", test_persist_rename_fails);
  mg_test_add_in_temp_dir ("/sysctl/persist/stale-temp-files", test_persist_stale_temp_files);
  mg_test_add_in_temp_dir ("/sysctl/persist/refuses-symlinked-dir",
                           test_persist_refuses_symlinked_dir);
  mg_test_add_in_temp_dir ("/sysctl/persist/refuses-group-writable-dir",
                           test_persist_refuses_group_writable_dir);
  mg_test_add_in_temp_dir ("/sysctl/persist/refuses-foreign-dir",
                           test_persist_refuses_foreign_dir);

  return g_test_run ();
}
