/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share for temporary trees and files; GLib only, so that the tests of
 * src/privileged/ can link them without GObject. */

#include <glib/gstdio.h>

#include "mg-test-files.h"

void
mg_test_remove_tree (const char *path)
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

      mg_test_remove_tree (child);
    }
  (void) g_rmdir (path);
}

void
mg_test_copy_tree (const char *from,
                   const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (from, 0, &error);
  const char *name;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          mg_test_copy_tree (src, dst);
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize len;

          g_file_get_contents (src, &contents, &len, &error);
          g_assert_no_error (error);
          g_file_set_contents (dst, contents, (gssize) len, &error);
          g_assert_no_error (error);
        }
    }
}

void
mg_test_write_file (const char *root,
                    const char *name,
                    const char *contents)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

char *
mg_test_read_file (const char *root,
                   const char *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return NULL;
    }

  return contents;
}

guint
mg_test_count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

void
mg_test_temp_dir_setup (MgTestTempDir *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->path = g_dir_make_tmp ("memgauge-test-XXXXXX", &error);
  g_assert_no_error (error);
}

void
mg_test_temp_dir_teardown (MgTestTempDir *fixture,
                           gconstpointer  user_data)
{
  mg_test_remove_tree (fixture->path);
  g_clear_pointer (&fixture->path, g_free);
}
