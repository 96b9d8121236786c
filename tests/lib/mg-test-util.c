/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share: a monitor of a proc root, parser inputs (the file helpers
 * are in mg-test-files.c). */

#include <string.h>

#include "mg-source-procfs.h"
#include "mg-test-util.h"

MgMonitor *
mg_test_monitor_new (const char *proc_root)
{
  g_autoptr(MgSource) source = mg_source_procfs_new (proc_root);

  return mg_monitor_new (source);
}

char *
mg_test_copy_text (const char *text,
                   gsize       len)
{
  char *copy = g_malloc (MAX (len, 1));

  memcpy (copy, text, len);
  return copy;
}

char *
mg_test_load_fixture (const char *fixture,
                      const char *file,
                      gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *text = NULL;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "proc", fixture, file, NULL);
  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

void
mg_test_run_error_cases (MgTestParseFunc        parse,
                         gsize                  out_size,
                         const MgTestErrorCase *cases,
                         gsize                  n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = NULL;
      g_autofree gpointer out = g_malloc0 (out_size);

      g_test_message ("case: %s", cases[i].name);
      copy = mg_test_copy_text (cases[i].text, cases[i].len);
      g_assert_false (parse (copy, cases[i].len, out, &error));
      g_assert_error (error, MG_PROC_ERROR, (gint) cases[i].code);
    }
}
