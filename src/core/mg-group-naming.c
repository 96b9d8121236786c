/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-naming: a control group's name a person recognises (the desktop app's name and
 * icon, the container's name from its engine), cached; the kind comes from
 * mg-group-identify.c. */

#define G_LOG_DOMAIN "memgauge-group"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <string.h>
#include <sys/stat.h>

#include "mg-group-engines.h"
#include "mg-group-naming.h"

/* containers.json holds every container of a store; a file larger than this is not it. */
#define MAX_METADATA_SIZE ((off_t) 16 * 1024 * 1024)

typedef struct {
  char *name;
  char *icon_name;
} AppEntry;

static void
app_entry_free (gpointer data)
{
  AppEntry *entry = data;

  g_free (entry->name);
  g_free (entry->icon_name);
  g_free (entry);
}

/* One containers.json, read again only when its modification time changes, and
 * looked at (stat) at most once a second: a scan names hundreds of containers. */
#define STORE_CHECK_INTERVAL_US G_USEC_PER_SEC

typedef struct {
  char       *path;
  gint64      mtime_ns;
  gboolean    loaded;
  gint64      checked_us;
  GHashTable *names;
} PodmanStore;

struct _MgGroupNamer {
  char        *system_root;
  MgTimeFunc   time_func;
  gpointer     time_func_data;
  PodmanStore  podman[2];
  GHashTable  *docker_names;
  GHashTable  *apps;
  guint        n_reads;
};

MgGroupNamer *
mg_group_namer_new (const char *user_data_dir,
                    const char *system_root)
{
  MgGroupNamer *namer = g_new0 (MgGroupNamer, 1);
  const char *store = "containers/storage/overlay-containers/containers.json";

  mg_group_namer_set_time_func (namer, NULL, NULL);

  namer->system_root = g_strdup (system_root != NULL ? system_root : "/");
  namer->podman[0].path = g_build_filename (user_data_dir != NULL ? user_data_dir
                                                                   : g_get_user_data_dir (),
                                            store, NULL);
  namer->podman[1].path = g_build_filename (namer->system_root, "var/lib", store, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (namer->podman); i++)
    namer->podman[i].names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  namer->docker_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  namer->apps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, app_entry_free);

  return namer;
}

void
mg_group_namer_free (MgGroupNamer *namer)
{
  if (namer == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (namer->podman); i++)
    {
      g_free (namer->podman[i].path);
      g_hash_table_unref (namer->podman[i].names);
    }
  g_hash_table_unref (namer->docker_names);
  g_hash_table_unref (namer->apps);
  g_free (namer->system_root);
  g_free (namer);
}

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

void
mg_group_namer_set_time_func (MgGroupNamer *namer,
                              MgTimeFunc    func,
                              gpointer      user_data)
{
  g_return_if_fail (namer != NULL);

  namer->time_func = func != NULL ? func : default_time_func;
  namer->time_func_data = func != NULL ? user_data : NULL;
}

guint
mg_group_namer_get_n_reads (MgGroupNamer *namer)
{
  g_return_val_if_fail (namer != NULL, 0);

  return namer->n_reads;
}

static char *
read_small_file (MgGroupNamer *namer,
                 const char   *path,
                 gsize        *len)
{
  char *contents = NULL;
  struct stat st;

  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MAX_METADATA_SIZE)
    return NULL;

  namer->n_reads++;
  if (!g_file_get_contents (path, &contents, len, NULL))
    return NULL;
  return contents;
}

static const char *
podman_name (MgGroupNamer *namer,
             const char   *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (namer->podman); i++)
    {
      PodmanStore *store = &namer->podman[i];
      const char *name = g_hash_table_lookup (store->names, id);
      struct stat st;
      gint64 mtime_ns;
      gint64 now_us;

      if (name != NULL)
        return name;

      /* Unknown here: read the store again if it changed since (a new container). */
      now_us = namer->time_func (namer->time_func_data);
      if (store->checked_us != 0 && now_us - store->checked_us < STORE_CHECK_INTERVAL_US)
        continue;
      store->checked_us = now_us;
      if (stat (store->path, &st) != 0)
        continue;
      mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
      if (store->loaded && mtime_ns == store->mtime_ns)
        continue;

      {
        gsize len = 0;
        g_autofree char *text = read_small_file (namer, store->path, &len);

        store->loaded = TRUE;
        store->mtime_ns = mtime_ns;
        g_hash_table_remove_all (store->names);
        if (text == NULL || !mg_group_parse_podman_containers (text, len, store->names))
          g_debug ("%s: not readable as podman's containers.json", store->path);
      }

      name = g_hash_table_lookup (store->names, id);
      if (name != NULL)
        return name;
    }

  return NULL;
}

/* docker writes config.v2.json when it creates a container, before its group exists:
 * one read per id, remembered whatever it gave ("" for nothing). */
static const char *
docker_name (MgGroupNamer *namer,
             const char   *id)
{
  const char *name = g_hash_table_lookup (namer->docker_names, id);

  if (name == NULL)
    {
      g_autofree char *path = g_build_filename (namer->system_root, "var/lib/docker/containers",
                                                id, "config.v2.json", NULL);
      gsize len = 0;
      g_autofree char *text = read_small_file (namer, path, &len);
      char *found = text != NULL ? mg_group_parse_docker_config (text, len) : NULL;

      name = found != NULL ? found : g_strdup ("");
      g_hash_table_insert (namer->docker_names, g_strdup (id), (char *) name);
    }

  return name[0] != '\0' ? name : NULL;
}

static const AppEntry *
app_entry (MgGroupNamer *namer,
           const char   *app_id)
{
  AppEntry *entry = g_hash_table_lookup (namer->apps, app_id);

  if (entry == NULL)
    {
      g_autofree char *desktop_id = g_strconcat (app_id, ".desktop", NULL);
      g_autoptr(GDesktopAppInfo) info = NULL;

      entry = g_new0 (AppEntry, 1);
      /* A desktop id is a file name: an app id with a slash is no desktop id. */
      if (strchr (app_id, '/') == NULL)
        info = g_desktop_app_info_new (desktop_id);
      if (info != NULL)
        {
          GIcon *icon = g_app_info_get_icon (G_APP_INFO (info));

          entry->name = g_strdup (g_app_info_get_name (G_APP_INFO (info)));
          if (icon != NULL)
            entry->icon_name = g_icon_to_string (icon);
        }
      g_hash_table_insert (namer->apps, g_strdup (app_id), entry);
    }

  return entry;
}

void
mg_group_namer_name (MgGroupNamer *namer,
                     MgGroup      *group)
{
  MgGroupIdentity identity;
  const char *found = NULL;

  g_return_if_fail (namer != NULL);
  g_return_if_fail (group != NULL && group->path != NULL);

  mg_group_identify (group->path, &identity);
  group->kind = identity.kind;

  if (identity.app_id != NULL)
    {
      const AppEntry *entry = app_entry (namer, identity.app_id);

      found = entry->name;
      g_free (group->icon_name);
      group->icon_name = g_strdup (entry->icon_name);
      g_free (group->app_id);
      group->app_id = g_strdup (identity.app_id);
    }
  else if (identity.container_id != NULL && g_strcmp0 (identity.engine, "podman") == 0)
    {
      found = podman_name (namer, identity.container_id);
    }
  else if (identity.container_id != NULL && g_strcmp0 (identity.engine, "docker") == 0)
    {
      found = docker_name (namer, identity.container_id);
    }

  g_free (group->name);
  group->name = g_strdup (found != NULL ? found : identity.name);

  /* runc's `container` below a podman scope: the limit is on the scope. */
  if (identity.inherited && !mg_group_has (group, MG_GROUP_HAS_LIMIT) &&
      mg_group_has (group, MG_GROUP_HAS_ANCESTOR_LIMIT))
    {
      group->limit_kib = group->ancestor_limit_kib;
      group->present |= MG_GROUP_HAS_LIMIT;
    }

  mg_group_identity_clear (&identity);
}
