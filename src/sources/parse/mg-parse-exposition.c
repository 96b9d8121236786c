/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-exposition: Prometheus's text exposition format 0.0.4, as node_exporter serves
 * it, checked line by line within hard limits; the memory metrics are kept. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-exposition.h"

/* Longer than any float or millisecond timestamp Go's strconv prints (-1.2345678901234567e+308
 * is 24 bytes). */
#define MAX_NUMBER 40

typedef struct {
  guint    line;
  GError **error;
} Cursor;

static gboolean
fail (Cursor     *cursor,
      int         code,
      const char *what)
{
  /* Translators: "line 3: a label value longer than 4096 bytes" */
  g_set_error (cursor->error, MG_REMOTE_ERROR, code, _("line %u: %s"), cursor->line, what);
  return FALSE;
}

static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':';
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* A label set `{name="value",…}` from *p (at `{`); moves *p past `}`. */
static gboolean
parse_labels (const char **pp,
              const char  *end,
              guint       *n_labels,
              Cursor      *cursor)
{
  const char *p = *pp + 1;

  *n_labels = 0;
  for (;;)
    {
      gsize value_len = 0;

      p = skip_blanks (p, end);
      if (p < end && *p == '}')
        break;
      if (p >= end || !(g_ascii_isalpha (*p) || *p == '_'))
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a label name was expected"));
      while (p < end && (g_ascii_isalnum (*p) || *p == '_'))
        p++;
      p = skip_blanks (p, end);
      if (p >= end || *p != '=')
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("“=” was expected after a label name"));
      p = skip_blanks (p + 1, end);
      if (p >= end || *p != '"')
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a label value must be quoted"));
      for (p++; p < end && *p != '"'; p++, value_len++)
        {
          if (*p == '\\')
            {
              p++;
              if (p >= end || (*p != '\\' && *p != '"' && *p != 'n'))
                return fail (cursor, MG_REMOTE_ERROR_SYNTAX,
                             _("an unknown escape in a label value"));
            }
          if (value_len >= MG_REMOTE_MAX_LABEL)
            return fail (cursor, MG_REMOTE_ERROR_TOO_LARGE,
                         _("a label value is over the limit of 4096 bytes"));
        }
      if (p >= end)
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a label value is not closed"));
      if (++*n_labels > MG_REMOTE_MAX_LABELS)
        return fail (cursor, MG_REMOTE_ERROR_TOO_LARGE, _("more than 32 labels"));
      p = skip_blanks (p + 1, end);
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '}')
        break;
      return fail (cursor, MG_REMOTE_ERROR_SYNTAX,
                   _("“,” or “}” was expected after a label"));
    }

  *pp = p + 1;
  return TRUE;
}

/* The token at *p up to a blank or the line's end, NUL-terminated in @buffer. */
static gboolean
take_token (const char **pp,
            const char  *end,
            char        *buffer,
            Cursor      *cursor)
{
  const char *start = *pp;
  const char *p = start;

  while (p < end && *p != ' ' && *p != '\t')
    p++;
  if (p == start)
    return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a value was expected"));
  if (p - start >= MAX_NUMBER)
    return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a value is too long to be a number"));
  memcpy (buffer, start, (gsize) (p - start));
  buffer[p - start] = '\0';
  *pp = p;
  return TRUE;
}

/* What Go's strconv.FormatFloat writes (digits, a point, an exponent) or NaN and ±Inf,
 * without converting it. */
static gboolean
looks_like_number (const char *token)
{
  const char *p = token + (*token == '+' || *token == '-');

  if (g_ascii_strcasecmp (p, "inf") == 0 || g_ascii_strcasecmp (p, "infinity") == 0 ||
      g_ascii_strcasecmp (token, "nan") == 0)
    return TRUE;
  if (!g_ascii_isdigit (*p) && *p != '.')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '+' && *p != '-')
      return FALSE;
  return TRUE;
}

/* The value and optional timestamp after the name and labels. Go's ParseFloat also takes
 * NaN and ±Inf, which node_exporter may print; they are read here and refused by
 * mg_remote_check_value() for the metrics MemGauge uses. */
static gboolean
parse_value (const char **pp,
             const char  *end,
             double      *value,
             Cursor      *cursor)
{
  char token[MAX_NUMBER];
  const char *p = *pp;

  if (p >= end || (*p != ' ' && *p != '\t'))
    return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a blank was expected before the value"));
  p = skip_blanks (p, end);
  if (!take_token (&p, end, token, cursor))
    return FALSE;
  /* Only the values MemGauge keeps are converted (strtod is most of the cost of a line);
   * the others are checked for the characters a number may have. */
  if (value != NULL)
    {
      char *number_end = NULL;

      *value = g_ascii_strtod (token, &number_end);
      if (number_end == token || *number_end != '\0')
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("the value is not a number"));
    }
  else if (!looks_like_number (token))
    {
      return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("the value is not a number"));
    }

  p = skip_blanks (p, end);
  if (p < end)
    {
      guint64 unused;

      if (!take_token (&p, end, token, cursor))
        return FALSE;
      if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, (gint64 *) &unused, NULL))
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("the timestamp is not a whole number"));
      p = skip_blanks (p, end);
      if (p < end)
        return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("text after the timestamp"));
    }

  *pp = p;
  return TRUE;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether a byte below 0x20 other than a tab lies in [p, end). Eight bytes at a time: the
 * word test flags every byte under 0x20 (and may flag more only next to one), and such a
 * word is looked at byte by byte. */
static gboolean
has_control (const char *p,
             const char *end)
{
  for (; end - p >= 8; p += 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      if (G_LIKELY ((((w - ONES * 0x20) & ~w) & HIGHS) == 0))
        continue;
      for (int i = 0; i < 8; i++)
        if ((guchar) p[i] < 0x20 && p[i] != '\t')
          return TRUE;
    }
  for (; p < end; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      return TRUE;
  return FALSE;
}

static int
field_of (const char *name,
          gsize       len)
{
  /* Most lines are other metrics: one byte and a length rule them out. */
  if (len < 26 || (name[5] != 'm' && name[5] != 'p'))
    return -1;
  for (int field = 0; field < MG_REMOTE_N_FIELDS; field++)
    {
      const char *metric = mg_remote_field_metric (field);

      if (strlen (metric) == len && memcmp (metric, name, len) == 0)
        return field;
    }
  return -1;
}

static gboolean
parse_line (const char     *p,
            const char     *end,
            MgRemoteMemory *out,
            Cursor         *cursor)
{
  const char *name = p;
  guint n_labels = 0;
  double value;
  int field;

  if (!is_name_start (*p))
    return fail (cursor, MG_REMOTE_ERROR_SYNTAX, _("a metric name was expected"));
  while (p < end && is_name_char (*p))
    p++;
  field = field_of (name, (gsize) (p - name));
  if (p < end && *p == '{' && !parse_labels (&p, end, &n_labels, cursor))
    return FALSE;
  if (!parse_value (&p, end, field >= 0 ? &value : NULL, cursor))
    return FALSE;
  if (field < 0)
    return TRUE;

  /* node_exporter prints these once, without labels: anything else is several machines
   * (a federation or a push gateway) that one figure cannot stand for. */
  if (n_labels > 0)
    return fail (cursor, MG_REMOTE_ERROR_INVALID_VALUE,
                 _("a memory metric has labels: not one machine"));
  if (mg_remote_memory_has (out, field))
    return fail (cursor, MG_REMOTE_ERROR_INVALID_VALUE, _("a memory metric appears twice"));
  if (!mg_remote_check_value (field, value, cursor->error))
    return FALSE;
  out->value[field] = value;
  out->present |= 1u << field;
  return TRUE;
}

gboolean
mg_parse_exposition (const char      *text,
                     gsize            len,
                     MgRemoteMemory  *out,
                     GError         **error)
{
  Cursor cursor = { 0, error };
  const char *p = text;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (len == 0)
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_SYNTAX,
                           _("the response is empty"));
      return FALSE;
    }
  if (len > MG_REMOTE_MAX_RESPONSE)
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                           _("response over 4 MiB"));
      return FALSE;
    }

  while (p < end)
    {
      const char *line_end = memchr (p, '\n', (gsize) (end - p));

      cursor.line++;
      if (line_end == NULL)
        {
          if ((gsize) (end - p) > MG_REMOTE_MAX_LINE)
            return fail (&cursor, MG_REMOTE_ERROR_TOO_LARGE, _("a line longer than 16384 bytes"));
          return fail (&cursor, MG_REMOTE_ERROR_SYNTAX,
                       _("the response ends in the middle of a line"));
        }
      if ((gsize) (line_end - p) > MG_REMOTE_MAX_LINE)
        return fail (&cursor, MG_REMOTE_ERROR_TOO_LARGE, _("a line longer than 16384 bytes"));
      p = skip_blanks (p, line_end);
      /* A comment (# HELP, # TYPE) is half of a scrape and nothing here reads it: only its
       * length counts. */
      if (p < line_end && *p != '#')
        {
          if (G_UNLIKELY (has_control (p, line_end)))
            return fail (&cursor, MG_REMOTE_ERROR_SYNTAX, _("a control character: not text"));
          if (!parse_line (p, line_end, out, &cursor))
            return FALSE;
        }
      p = line_end + 1;
    }

  return TRUE;
}
