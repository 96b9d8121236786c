/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-scan: which sysctl.d files set a vm key at boot, as systemd-sysctl reads them. */

#define G_LOG_DOMAIN "memgauge-sysctl-scan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-sysctl-scan.h"

static void
source_free (gpointer data)
{
  MgSwappinessSource *source = data;

  g_free (source->path);
  g_free (source->value);
  g_free (source);
}

void
mg_swappiness_scan_free (MgSwappinessScan *scan)
{
  if (scan == NULL)
    return;

  g_ptr_array_unref (scan->sources);
  g_free (scan);
}

/* systemd's sysctl_normalize(): if the first separator is a dot, dots and slashes swap, so
 * "vm.swappiness" and "vm/swappiness" both become "vm/swappiness". */
static gboolean
is_key (char       *key,
        const char *wanted)
{
  const char *sep;

  /* A leading "-" only means "ignore failure to set"; the assignment still counts. */
  if (key[0] == '-')
    key++;
  sep = strpbrk (key, "./");
  if (sep != NULL && *sep == '.')
    {
      for (char *p = key; *p != '\0'; p++)
        {
          if (*p == '.')
            *p = '/';
          else if (*p == '/')
            *p = '.';
        }
    }

  return g_str_equal (key, wanted);
}

/* The value the file's last line for @wanted ("vm/swappiness") assigns, or NULL. */
static char *
find_assignment (const char *path,
                 const char *wanted)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  char *value = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_debug ("Skipping unreadable %s", path);
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq;

      if (line[0] == '\0' || line[0] == '#' || line[0] == ';')
        continue;

      eq = strchr (line, '=');
      if (eq == NULL)
        continue;
      *eq = '\0';

      if (is_key (g_strstrip (line), wanted))
        {
          g_free (value);
          value = g_strdup (g_strstrip (eq + 1));
        }
    }

  return value;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

MgSwappinessScan *
mg_swappiness_scan_sysctl (const char *root)
{
  return mg_sysctl_scan_key (root, MG_SYSCTL_SWAPPINESS);
}

MgSwappinessScan *
mg_sysctl_scan_key (const char  *root,
                    MgSysctlKey  key)
{
  /* systemd's CONF_PATHS("sysctl.d"), highest priority first; /lib only differs from /usr/lib
   * on systems without a merged /usr. */
  static const char * const dirs[] = {
    "etc/sysctl.d",
    "run/sysctl.d",
    "usr/local/lib/sysctl.d",
    "usr/lib/sysctl.d",
    "lib/sysctl.d",
  };
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **names = NULL;
  guint n_names = 0;
  g_autofree char *ours = NULL;
  g_autofree char *ours_old = NULL;
  g_autofree char *wanted = NULL;
  MgSwappinessScan *scan;

  g_return_val_if_fail (key < MG_SYSCTL_N_KEYS, NULL);

  if (root == NULL)
    root = "/";
  /* Every key of the table is "vm." and one word: systemd's normalised form swaps the dot. */
  wanted = g_strdup (mg_sysctl_key_name (key));
  wanted[2] = '/';

  /* memgauge-helper's file, or the old helper's until the next persist moves it. */
  ours = g_build_filename (root, MG_SYSCTL_DIR, MG_SYSCTL_CONF_NAME, NULL);
  ours_old = g_build_filename (root, MG_SYSCTL_DIR, MG_SWAPPINESS_CONF_NAME, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir_path = g_build_filename (root, dirs[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          /* Like systemd's conf_files_list(): hidden files are skipped, the suffix is required,
           * and a name seen in a higher-priority directory hides this one. */
          if (name[0] == '.' || !g_str_has_suffix (name, ".conf"))
            continue;
          if (g_hash_table_contains (by_name, name))
            continue;
          g_hash_table_insert (by_name, g_strdup (name), g_build_filename (dir_path, name, NULL));
        }
    }

  names = (const char **) g_hash_table_get_keys_as_array (by_name, &n_names);
  /* Sorted by file name alone, with strcmp() like systemd's path_compare_filename(). */
  g_qsort_with_data (names, (gint) n_names, sizeof (char *), compare_names, NULL);

  scan = g_new0 (MgSwappinessScan, 1);
  scan->sources = g_ptr_array_new_with_free_func (source_free);

  for (guint i = 0; i < n_names; i++)
    {
      const char *name = names[i];
      const char *path = g_hash_table_lookup (by_name, name);
      char *value = find_assignment (path, wanted);
      MgSwappinessSource *source;

      if (value == NULL)
        continue;

      source = g_new0 (MgSwappinessSource, 1);
      source->path = g_strdup (path);
      source->value = value;
      g_ptr_array_add (scan->sources, source);

      if (g_str_equal (path, ours) || g_str_equal (path, ours_old))
        scan->persisted = source;
      /* A file of the same name elsewhere is hidden by ours once it exists, so only names
       * sorting after ours (the one in effect, or the one the next persist writes) can
       * override it. */
      else if (scan->persisted != NULL || strcmp (name, MG_SYSCTL_CONF_NAME) > 0)
        scan->overridden_by = source;
    }

  if (scan->sources->len > 0)
    scan->winner = g_ptr_array_index (scan->sources, scan->sources->len - 1);

  return scan;
}

const char *
mg_swappiness_scan_display_path (const char *root,
                                 const char *path)
{
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (root == NULL)
    return path;

  len = strlen (root);
  while (len > 0 && root[len - 1] == '/')
    len--;
  if (strncmp (path, root, len) == 0 && path[len] == '/')
    return path + len;

  return path;
}

char *
mg_swappiness_scan_describe_boot (const MgSwappinessScan  *scan,
                                  const char              *root,
                                  const char             **out_path)
{
  g_return_val_if_fail (scan != NULL, NULL);
  g_return_val_if_fail (out_path != NULL, NULL);

  *out_path = NULL;

  if (scan->persisted != NULL)
    {
      *out_path = mg_swappiness_scan_display_path (root, scan->persisted->path);
      /* Translators: %s is the swappiness value in MemGauge's sysctl file; the file's path
       * is shown on the next line. */
      return g_strdup_printf (_("After a restart: %s, saved by MemGauge in this file:"),
                              scan->persisted->value);
    }

  if (scan->winner != NULL)
    {
      *out_path = mg_swappiness_scan_display_path (root, scan->winner->path);
      /* Translators: %s is the swappiness value set by another sysctl file, whose path is
       * shown on the next line. */
      return g_strdup_printf (_("After a restart: %s, set by this file (MemGauge has not "
                                "saved a value):"),
                              scan->winner->value);
    }

  return g_strdup (_("After a restart: 60, the default of Linux."));
}

char *
mg_swappiness_scan_describe_override (const MgSwappinessScan *scan,
                                      const char             *root)
{
  g_return_val_if_fail (scan != NULL, NULL);

  if (scan->overridden_by == NULL)
    return NULL;

  /* Translators: %s is a file path, then a number. “Keep After Restart” is the switch. */
  return g_strdup_printf (_("%s also sets swappiness, to %s, and is read after "
                            "MemGauge’s file, so its value wins when the computer "
                            "starts. “Keep After Restart” cannot change that; edit or "
                            "remove that file instead."),
                          mg_swappiness_scan_display_path (root, scan->overridden_by->path),
                          scan->overridden_by->value);
}
