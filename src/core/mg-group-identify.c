/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-identify: what a control group is (app, service, container, pod, session…),
 * read from its path alone: systemd's unit names and the engines' conventions. Pure. */

#define G_LOG_DOMAIN "memgauge-group"

#include "config.h"

#include <string.h>

#include "mg-group-naming.h"

/* Engines print 12 characters of an id; 8 tell containers apart on one machine and
 * leave room for the name column. */
#define SHORT_ID_LEN 8

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
