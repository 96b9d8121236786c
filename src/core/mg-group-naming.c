/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-naming: what a control group is (app, service, container…) and its name. */

#define G_LOG_DOMAIN "memgauge-group"

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <string.h>
#include <sys/stat.h>

#include "mg-group-engines.h"
#include "mg-group-naming.h"

/* Engines print 12 characters of an id; 8 tell containers apart on one machine and
 * leave room for the name column. */
#define SHORT_ID_LEN 8
/* containers.json holds every container of a store; a file larger than this is not it. */
#define MAX_METADATA_SIZE ((off_t) 16 * 1024 * 1024)

static gboolean
has_prefix_len (const char *text,
                gsize       len,
                const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && memcmp (text, prefix, prefix_len) == 0;
}

static gboolean
has_suffix_len (const char *text,
                gsize       len,
                const char *suffix)
{
  gsize suffix_len = strlen (suffix);

  return len >= suffix_len && memcmp (text + len - suffix_len, suffix, suffix_len) == 0;
}

/* Container ids are 64 hex digits; accept any run of at least 12 (a short id). */
static gboolean
is_hex_id (const char *text,
           gsize       len)
{
  if (len < 12)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

char *
mg_group_unescape_unit (const char *text,
                        gssize      len)
{
  GString *out;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize) len;
  out = g_string_sized_new (n);
  for (gsize i = 0; i < n; i++)
    {
      if (text[i] == '\\' && i + 3 < n && text[i + 1] == 'x' &&
          g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3]))
        {
          char byte = (char) (g_ascii_xdigit_value (text[i + 2]) * 16 +
                              g_ascii_xdigit_value (text[i + 3]));

          if (byte != '\0')
            {
              g_string_append_c (out, byte);
              i += 3;
              continue;
            }
        }
      g_string_append_c (out, text[i]);
    }

  if (!g_utf8_validate (out->str, (gssize) out->len, NULL))
    {
      g_string_free (out, TRUE);
      return g_utf8_make_valid (text, (gssize) n);
    }
  return g_string_free (out, FALSE);
}

static void
set_container (MgGroupIdentity *out,
               const char      *engine,
               const char      *id,
               gsize            id_len)
{
  out->kind = MG_GROUP_KIND_CONTAINER;
  out->engine = engine;
  out->container_id = g_strndup (id, id_len);
  out->name = g_strdup_printf ("%s %.*s", engine, (int) MIN (id_len, SHORT_ID_LEN), id);
}

/* app[-LAUNCHER]-APPID-RANDOM.scope or app[-LAUNCHER]-APPID[@RANDOM].service, @stem
 * without "app-" and the suffix (systemd.io/DESKTOP_ENVIRONMENTS). The app id's own
 * dashes are escaped as \x2d, so every real dash is a separator. */
static gboolean
set_app (MgGroupIdentity *out,
         const char      *stem,
         gsize            len,
         gboolean         scope)
{
  const char *at = memchr (stem, '@', len);
  const char *dash;

  if (scope)
    {
      const char *last = g_strrstr_len (stem, (gssize) len, "-");

      if (last == NULL)
        return FALSE;
      len = (gsize) (last - stem);
    }
  else if (at != NULL)
    {
      len = (gsize) (at - stem);
    }

  dash = memchr (stem, '-', len);
  if (dash != NULL)
    {
      len -= (gsize) (dash + 1 - stem);
      stem = dash + 1;
    }
  if (len == 0)
    return FALSE;

  out->kind = MG_GROUP_KIND_APP;
  out->app_id = mg_group_unescape_unit (stem, (gssize) len);
  out->name = g_strdup (out->app_id);
  return TRUE;
}

static void
set_unit (MgGroupIdentity *out,
          MgGroupKind      kind,
          const char      *stem,
          gsize            len)
{
  out->kind = kind;
  out->name = mg_group_unescape_unit (stem, (gssize) len);
}

/* A pod's uid, from "podUID" (cgroupfs) or "kubepods[-QOS]-podUID" (systemd, with the
 * uid's dashes written as underscores). */
static void
set_pod (MgGroupIdentity *out,
         const char      *uid,
         gsize            len)
{
  g_autofree char *dashed = g_strndup (uid, len);

  g_strdelimit (dashed, "_", '-');
  out->kind = MG_GROUP_KIND_POD;
  out->name = g_strdup_printf ("pod %.*s", (int) MIN (len, SHORT_ID_LEN), dashed);
}

/* One path component, with its parent's for the layouts that need it. Returns FALSE for a
 * plain directory that matches nothing (named after itself, kind other). */
static gboolean
identify_component (const char      *component,
                    gsize            len,
                    const char      *parent,
                    gsize            parent_len,
                    MgGroupIdentity *out)
{
  static const struct {
    const char *prefix;
    const char *engine;
  } scopes[] = {
    { "libpod-", "podman" },
    { "docker-", "docker" },
    { "cri-containerd-", "containerd" },
    { "crio-", "cri-o" },
  };
  const char *stem = component;
  gsize stem_len = len;
  gboolean scope = FALSE, service = FALSE, slice = FALSE;

  if (has_suffix_len (component, len, ".scope"))
    scope = TRUE, stem_len -= strlen (".scope");
  else if (has_suffix_len (component, len, ".service"))
    service = TRUE, stem_len -= strlen (".service");
  else if (has_suffix_len (component, len, ".slice"))
    slice = TRUE, stem_len -= strlen (".slice");

  if ((scope || service) && has_prefix_len (stem, stem_len, "app-") &&
      set_app (out, stem + 4, stem_len - 4, scope))
    return TRUE;

  /* GNOME starts D-Bus activated apps as dbus-:1.N-APPID@N.service. */
  if (service && has_prefix_len (stem, stem_len, "dbus-:"))
    {
      const char *dash = memchr (stem + 6, '-', stem_len - 6);

      if (dash != NULL && set_app (out, dash + 1, stem_len - (gsize) (dash + 1 - stem), FALSE))
        return TRUE;
    }

  /* Engines' conmon monitors sit beside their containers: not the container. */
  if (has_prefix_len (stem, stem_len, "libpod-conmon-") ||
      has_prefix_len (stem, stem_len, "crio-conmon-"))
    {
      gboolean podman = stem[0] == 'l';
      gsize prefix_len = podman ? strlen ("libpod-conmon-") : strlen ("crio-conmon-");

      out->kind = MG_GROUP_KIND_OTHER;
      out->name = g_strdup_printf ("%s conmon %.*s", podman ? "podman" : "cri-o",
                                   (int) MIN (stem_len - prefix_len, SHORT_ID_LEN),
                                   stem + prefix_len);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      gsize prefix_len = strlen (scopes[i].prefix);

      /* podman with cgroupfs names the group libpod-ID, without ".scope". */
      if ((scope || (!service && !slice)) &&
          has_prefix_len (stem, stem_len, scopes[i].prefix) &&
          is_hex_id (stem + prefix_len, stem_len - prefix_len))
        {
          set_container (out, scopes[i].engine, stem + prefix_len, stem_len - prefix_len);
          return TRUE;
        }
    }

  if (!scope && !service && !slice && is_hex_id (component, len) && parent != NULL)
    {
      if (parent_len == 6 && memcmp (parent, "docker", 6) == 0)
        {
          set_container (out, "docker", component, len);
          return TRUE;
        }
      if (has_prefix_len (parent, parent_len, "pod"))
        {
          set_container (out, "kubernetes", component, len);
          return TRUE;
        }
    }

  if (!scope && !service && !slice && has_prefix_len (component, len, "pod") && len > 3 &&
      parent != NULL &&
      ((parent_len == 8 && memcmp (parent, "kubepods", 8) == 0) ||
       (parent_len == 9 && memcmp (parent, "burstable", 9) == 0) ||
       (parent_len == 10 && memcmp (parent, "besteffort", 10) == 0)))
    {
      set_pod (out, component + 3, len - 3);
      return TRUE;
    }

  if (slice && has_prefix_len (stem, stem_len, "kubepods-"))
    {
      const char *pod = g_strstr_len (stem, (gssize) stem_len, "-pod");

      if (pod != NULL && (gsize) (pod + 4 - stem) < stem_len)
        {
          set_pod (out, pod + 4, stem_len - (gsize) (pod + 4 - stem));
          return TRUE;
        }
    }

  if (scope && has_prefix_len (stem, stem_len, "session-"))
    set_unit (out, MG_GROUP_KIND_SESSION, stem, stem_len);
  else if (service)
    set_unit (out, MG_GROUP_KIND_SERVICE, stem, stem_len);
  else if (slice)
    set_unit (out, MG_GROUP_KIND_SLICE, stem, stem_len);
  else
    set_unit (out, MG_GROUP_KIND_OTHER, stem, stem_len);

  return scope || service || slice;
}

/* The last '/' in [@start, @end), or %NULL. */
static const char *
last_slash (const char *start,
            const char *end)
{
  while (end > start)
    if (*--end == '/')
      return end;
  return NULL;
}

/* Called for every group of every scan: the components are looked at in place, from
 * the leaf up, without splitting the path into copies. */
void
mg_group_identify (const char      *path,
                   MgGroupIdentity *out)
{
  const char *start;
  const char *end;
  gboolean leaf = TRUE;

  g_return_if_fail (path != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  start = path[0] == '/' ? path + 1 : path;
  end = start + strlen (start);
  if (end == start || end[-1] == '/')
    {
      out->kind = MG_GROUP_KIND_OTHER;
      out->name = g_strdup ("/");
      return;
    }

  /* The leaf first; if it is a plain directory that says nothing (runc's `container`),
   * the nearest ancestor that does (a slice says too little to name what is below it). */
  while (end != NULL)
    {
      MgGroupIdentity found = { 0 };
      const char *slash = last_slash (start, end);
      const char *component = slash != NULL ? slash + 1 : start;
      gsize len = (gsize) (end - component);
      const char *parent = NULL;
      gsize parent_len = 0;
      gboolean said;

      if (slash != NULL)
        {
          const char *before = last_slash (start, slash);

          parent = before != NULL ? before + 1 : start;
          parent_len = (gsize) (slash - parent);
        }

      said = identify_component (component, len, parent, parent_len, &found);
      if (leaf)
        {
          *out = found;
          if (said)
            return;
          leaf = FALSE;
        }
      else if (found.kind != MG_GROUP_KIND_OTHER && found.kind != MG_GROUP_KIND_SLICE)
        {
          mg_group_identity_clear (out);
          *out = found;
          out->inherited = TRUE;
          return;
        }
      else
        mg_group_identity_clear (&found);

      end = slash;
    }
}

void
mg_group_identity_clear (MgGroupIdentity *identity)
{
  g_clear_pointer (&identity->name, g_free);
  g_clear_pointer (&identity->app_id, g_free);
  g_clear_pointer (&identity->container_id, g_free);
  identity->engine = NULL;
}

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
