/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-cgroup: pure parsers of the memory controller's files (cgroup v1 and v2). */

#define G_LOG_DOMAIN "memgauge-cgroup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-cgroup.h"
#include "mg-parse-private.h"

/* The single-value files are one line: the kernel writes "%llu\n" (or "max\n"). More
 * lines mean the file is not what we think it is. */
static gboolean
single_line (const char  *text,
             gsize        len,
             const char  *what,
             const char **eol,
             GError     **error)
{
  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  *eol = memchr (text, '\n', len);
  if (*eol != text + len - 1)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                   /* Translators: %s is a file name such as "memory.current" */
                   _("%s holds more than one line"), what);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_cgroup_parse_bytes (const char  *text,
                       gsize        len,
                       const char  *what,
                       guint64     *out,
                       GError     **error)
{
  const char *p = text;
  const char *eol;
  guint64 value;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!single_line (text, len, what, &eol, error) ||
      !mg_parse_u64 (&p, eol, &value, what, 1, error) ||
      !mg_parse_expect_line_end (p, eol, what, 1, error))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
mg_cgroup_parse_limit (const char  *text,
                       gsize        len,
                       const char  *what,
                       gboolean    *has_limit,
                       guint64     *out,
                       GError     **error)
{
  const char *p = text;
  const char *eol;
  guint64 value;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (has_limit != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!single_line (text, len, what, &eol, error))
    return FALSE;

  /* cgroup v2 prints an unset limit as "max" (Documentation/admin-guide/cgroup-v2.rst). */
  if (eol - p >= 3 && memcmp (p, "max", 3) == 0)
    {
      if (!mg_parse_expect_line_end (p + 3, eol, what, 1, error))
        return FALSE;
      *has_limit = FALSE;
      *out = 0;
      return TRUE;
    }

  if (!mg_parse_u64 (&p, eol, &value, what, 1, error) ||
      !mg_parse_expect_line_end (p, eol, what, 1, error))
    return FALSE;

  *has_limit = value < MG_CGROUP_V1_UNLIMITED_MIN;
  *out = *has_limit ? value : 0;
  return TRUE;
}

gboolean
mg_cgroup_parse_keyed (const char  *text,
                       gsize        len,
                       const char  *what,
                       const char  *key,
                       gboolean    *found,
                       guint64     *out,
                       GError     **error)
{
  const char *p = text;
  const char *end = text + len;
  gsize key_len;
  gboolean seen = FALSE;
  guint64 result = 0;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  key_len = strlen (key);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *name = p;
      gsize name_len;
      guint64 value;

      line++;
      while (p < eol && (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
        p++;
      name_len = (gsize) (p - name);
      if (name_len == 0 || p == eol || *p != ' ')
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                       /* Translators: %s is a file name such as "memory.events" */
                       _("%s, line %u: not a key and a value"), what, line);
          return FALSE;
        }
      p++;
      if (!mg_parse_u64 (&p, eol, &value, what, line, error) ||
          !mg_parse_expect_line_end (p, eol, what, line, error))
        return FALSE;

      if (!seen && name_len == key_len && memcmp (name, key, key_len) == 0)
        {
          seen = TRUE;
          result = value;
        }

      p = eol + 1;
    }

  *found = seen;
  *out = result;
  return TRUE;
}

gboolean
mg_cgroup_parse_controllers (const char *text,
                             gsize       len,
                             const char *name)
{
  const char *p = text;
  const char *end = text + len;
  gsize name_len;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  name_len = strlen (name);
  while (p < end)
    {
      const char *word;

      while (p < end && (*p == ' ' || *p == '\n'))
        p++;
      word = p;
      while (p < end && *p != ' ' && *p != '\n')
        p++;
      if ((gsize) (p - word) == name_len && memcmp (word, name, name_len) == 0)
        return TRUE;
    }

  return FALSE;
}
