/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-common: the error domain and the scanning helpers of the /proc parsers. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-private.h"

G_DEFINE_QUARK (mg-proc-error-quark, mg_proc_error)

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
/* Sets the high bit of (at least) the lowest zero byte of @w: non-zero when any is. */
#define HAS_ZERO(w) (((w) - ONES) & ~(w))

/* The kernel writes these files with seq_printf from ASCII format strings: any other
 * byte means the text is not what the kernel wrote. */
gboolean
mg_parse_check_text (const char  *text,
                     gsize        len,
                     const char  *what,
                     GError     **error)
{
  if (len == 0)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_EMPTY,
                   /* Translators: %s is a file name such as "meminfo" */
                   _("%s is empty"), what);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      /* Eight bytes at a time while they are all printable ASCII: this check reads every
       * byte of vmstat and would otherwise cost more than parsing it. */
      if ((i & 7) == 0 && len - i >= 8)
        {
          guint64 w;

          memcpy (&w, text + i, 8);
          if (((w | ((w - ONES * 0x20) & ~w) | HAS_ZERO (w ^ (ONES * 0x7f))) & HIGHS) == 0)
            {
              i += 7;
              continue;
            }
        }

      if (G_UNLIKELY ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\t'))
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_BINARY,
                       _("%s holds a byte that is not text (0x%02x at offset %lu)"),
                       what, c, (unsigned long) i);
          return FALSE;
        }
    }

  if (text[len - 1] != '\n')
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TRUNCATED,
                   _("%s ends in the middle of a line"), what);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_parse_u64 (const char **p,
              const char  *end,
              guint64     *out,
              const char  *what,
              guint        line,
              GError     **error)
{
  const char *s = *p;
  guint64 value = 0;

  if (s == end || !g_ascii_isdigit (*s))
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                   _("%s, line %u: the value is not a number"), what, line);
      return FALSE;
    }

  for (; s < end && g_ascii_isdigit (*s); s++)
    {
      guint digit = (guint) (*s - '0');

      if (value > (G_MAXUINT64 - digit) / 10)
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_OVERFLOW,
                       _("%s, line %u: the value does not fit in 64 bits"), what, line);
          return FALSE;
        }
      value = value * 10 + digit;
    }

  *p = s;
  *out = value;
  return TRUE;
}

gboolean
mg_parse_expect_line_end (const char  *p,
                          const char  *end,
                          const char  *what,
                          guint        line,
                          GError     **error)
{
  p = mg_parse_skip_blanks (p, end);
  if (p != end)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                   _("%s, line %u: unexpected text after the value"), what, line);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_parse_missing_key (const char  *what,
                      const char  *key,
                      GError     **error)
{
  g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_KEY,
               /* Translators: the first %s is a file name, the second a key such as MemTotal */
               _("%s has no “%s”"), what, key);
  return FALSE;
}
