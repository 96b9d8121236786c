/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-engines: pure readers of podman's and docker's container metadata (JSON). */

#define G_LOG_DOMAIN "memgauge-group"

#include "config.h"

#include <string.h>

#include "mg-group-engines.h"

/* Core is GLib and GIO only, and we need two keys from two files: a reader of RFC 8259
 * text small enough to fuzz whole. Nesting deeper than this is refused. */
#define MAX_DEPTH 64

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static void
skip_blanks (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

static gboolean
expect (Cursor *c,
        char    ch)
{
  skip_blanks (c);
  if (c->p >= c->end || *c->p != ch)
    return FALSE;
  c->p++;
  return TRUE;
}

static gboolean
peek (Cursor *c,
      char    ch)
{
  skip_blanks (c);
  return c->p < c->end && *c->p == ch;
}

static gint
hex4 (const char *p)
{
  gint value = 0;

  for (guint i = 0; i < 4; i++)
    {
      gint digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads a string; appends it to @out unless @out is NULL. Escapes that make no valid
 * character (a lone surrogate) become U+FFFD. */
static gboolean
read_string (Cursor  *c,
             GString *out)
{
  if (!expect (c, '"'))
    return FALSE;

  while (c->p < c->end)
    {
      char ch = *c->p++;

      if (ch == '"')
        return out == NULL || g_utf8_validate (out->str, (gssize) out->len, NULL);
      if ((guchar) ch < 0x20)
        return FALSE;
      if (ch != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, ch);
          continue;
        }
      if (c->p >= c->end)
        return FALSE;
      ch = *c->p++;
      switch (ch)
        {
        case '"': case '\\': case '/':
          break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\f'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 't': ch = '\t'; break;
        case 'u':
          {
            gint unit = c->end - c->p >= 4 ? hex4 (c->p) : -1;
            gunichar character;

            if (unit < 0)
              return FALSE;
            c->p += 4;
            character = (gunichar) unit;
            if (unit >= 0xd800 && unit < 0xdc00 && c->end - c->p >= 6 &&
                c->p[0] == '\\' && c->p[1] == 'u')
              {
                gint low = hex4 (c->p + 2);

                if (low >= 0xdc00 && low < 0xe000)
                  {
                    character = 0x10000 + (((gunichar) unit - 0xd800) << 10) +
                                ((gunichar) low - 0xdc00);
                    c->p += 6;
                  }
              }
            if (character == 0 || (character >= 0xd800 && character < 0xe000))
              character = 0xfffd;
            if (out != NULL)
              g_string_append_unichar (out, character);
            continue;
          }
        default:
          return FALSE;
        }
      if (out != NULL)
        g_string_append_c (out, ch);
    }

  return FALSE;
}

/* Skips one value of any kind. Recursive, bounded by MAX_DEPTH. */
static gboolean
skip_value (Cursor *c, /* NOLINT(misc-no-recursion) */
            guint   depth)
{
  skip_blanks (c);
  if (c->p >= c->end || depth > MAX_DEPTH)
    return FALSE;

  if (*c->p == '"')
    return read_string (c, NULL);

  if (*c->p == '[' || *c->p == '{')
    {
      gboolean object = *c->p == '{';
      char close = object ? '}' : ']';

      c->p++;
      if (peek (c, close))
        {
          c->p++;
          return TRUE;
        }
      do
        {
          if (object && (!read_string (c, NULL) || !expect (c, ':')))
            return FALSE;
          if (!skip_value (c, depth + 1))
            return FALSE;
        }
      while (expect (c, ','));
      return expect (c, close);
    }

  /* Numbers, true, false, null: their characters only; their grammar matters not here. */
  {
    const char *start = c->p;

    while (c->p < c->end && (g_ascii_isalnum (*c->p) || *c->p == '-' || *c->p == '+' ||
                             *c->p == '.'))
      c->p++;
    return c->p > start;
  }
}

/* Reads the first string of an array of strings (the others are skipped). */
static gboolean
read_first_of_array (Cursor  *c,
                     GString *out)
{
  gboolean first = TRUE;

  if (!expect (c, '['))
    return FALSE;
  if (peek (c, ']'))
    {
      c->p++;
      return TRUE;
    }
  do
    {
      if (!(first ? read_string (c, out) : skip_value (c, 1)))
        return FALSE;
      first = FALSE;
    }
  while (expect (c, ','));
  return expect (c, ']');
}

gboolean
mg_group_parse_podman_containers (const char *text,
                                  gsize       len,
                                  GHashTable *names)
{
  Cursor c = { text, text + len };
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (names != NULL, FALSE);

  if (!expect (&c, '['))
    return FALSE;
  if (peek (&c, ']'))
    return TRUE;

  do
    {
      gboolean has_id = FALSE, has_name = FALSE;

      if (!expect (&c, '{'))
        return FALSE;
      if (!peek (&c, '}'))
        {
          do
            {
              g_string_truncate (key, 0);
              if (!read_string (&c, key) || !expect (&c, ':'))
                return FALSE;
              if (strcmp (key->str, "id") == 0 && peek (&c, '"'))
                {
                  g_string_truncate (id, 0);
                  if (!read_string (&c, id))
                    return FALSE;
                  has_id = TRUE;
                }
              else if (strcmp (key->str, "names") == 0 && peek (&c, '['))
                {
                  g_string_truncate (name, 0);
                  if (!read_first_of_array (&c, name))
                    return FALSE;
                  has_name = name->len > 0;
                }
              else if (!skip_value (&c, 2))
                {
                  return FALSE;
                }
            }
          while (expect (&c, ','));
        }
      if (!expect (&c, '}'))
        return FALSE;
      if (has_id && has_name && id->len > 0)
        g_hash_table_replace (names, g_strdup (id->str), g_strdup (name->str));
    }
  while (expect (&c, ','));

  return expect (&c, ']');
}

char *
mg_group_parse_docker_config (const char *text,
                              gsize       len)
{
  Cursor c = { text, text + len };
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean has_name = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (!expect (&c, '{'))
    return NULL;
  if (!peek (&c, '}'))
    {
      do
        {
          g_string_truncate (key, 0);
          if (!read_string (&c, key) || !expect (&c, ':'))
            return NULL;
          if (!has_name && strcmp (key->str, "Name") == 0 && peek (&c, '"'))
            {
              if (!read_string (&c, name))
                return NULL;
              has_name = TRUE;
            }
          else if (!skip_value (&c, 1))
            {
              return NULL;
            }
        }
      while (expect (&c, ','));
    }
  if (!expect (&c, '}'))
    return NULL;

  /* docker keeps names with a leading slash ("/web") and shows them without. */
  if (name->len > 0 && name->str[0] == '/')
    g_string_erase (name, 0, 1);
  if (name->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&name), FALSE);
}
