/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share for temporary trees and files (GLib only). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it; a missing path is no error. */
void  mg_test_remove_tree (const char *path);
/* Copies the folder @from to @to, which is created; asserts on failure. */
void  mg_test_copy_tree   (const char *from,
                           const char *to);
/* Writes @contents to @root/@name, creating folders; asserts on failure. */
void  mg_test_write_file  (const char *root,
                           const char *name,
                           const char *contents);
/* The contents of @root/@name, or %NULL when it does not exist; asserts on other failures. */
char *mg_test_read_file   (const char *root,
                           const char *name);

/* The number of entries in the folder @path; asserts that it can be read. */
guint mg_test_count_entries (const char *path);

/* A fixture for g_test_add(): a temporary folder, removed with everything in it afterwards. */
typedef struct {
  char *path;
} MgTestTempDir;

void  mg_test_temp_dir_setup    (MgTestTempDir *fixture,
                                 gconstpointer  user_data);
void  mg_test_temp_dir_teardown (MgTestTempDir *fixture,
                                 gconstpointer  user_data);

/* g_test_add() with an MgTestTempDir fixture. */
#define mg_test_add_in_temp_dir(path, func) \
  g_test_add ((path), MgTestTempDir, NULL, mg_test_temp_dir_setup, (func), \
              mg_test_temp_dir_teardown)

G_END_DECLS
