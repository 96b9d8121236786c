/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-psi: the pure parser of /proc/pressure/memory; no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-psi.h"
#include "mg-parse-private.h"

/* A PSI average as the kernel prints it with "%lu.%02lu": digits, a point, digits. */
static gboolean
parse_percent (const char **p,
               const char  *end,
               double      *out,
               const char  *what,
               guint        line,
               GError     **error)
{
  guint64 whole, fraction = 0;
  double scale = 1.0;

  if (!mg_parse_u64 (p, end, &whole, what, line, error))
    return FALSE;

  if (*p < end && **p == '.')
    {
      const char *s = ++(*p);

      for (; *p < end && g_ascii_isdigit (**p) && *p - s < 9; (*p)++)
        {
          fraction = fraction * 10 + (guint64) (**p - '0');
          scale *= 10.0;
        }
      if (*p == s || (*p < end && g_ascii_isdigit (**p)))
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                       _("%s, line %u: the value is not a number"), what, line);
          return FALSE;
        }
    }

  if (whole > 100)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s, line %u: a share of time above 100 %%"), what, line);
      return FALSE;
    }

  *out = (double) whole + (double) fraction / scale;
  if (*out > 100.0)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s, line %u: a share of time above 100 %%"), what, line);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_psi_line (const char  *p,
                const char  *eol,
                MgPsiLine   *out,
                const char  *what,
                guint        line,
                GError     **error)
{
  static const char *const names[] = { "avg10=", "avg60=", "avg300=", "total=" };
  double *avgs[] = { &out->avg10, &out->avg60, &out->avg300 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize name_len = strlen (names[i]);

      p = mg_parse_skip_blanks (p, eol);
      if ((gsize) (eol - p) < name_len || memcmp (p, names[i], name_len) != 0)
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_KEY,
                       /* Translators: %s is a key such as "avg10" */
                       _("%s, line %u: no “%.*s”"), what, line, (int) name_len - 1, names[i]);
          return FALSE;
        }
      p += name_len;

      if (i < G_N_ELEMENTS (avgs))
        {
          if (!parse_percent (&p, eol, avgs[i], what, line, error))
            return FALSE;
        }
      else if (!mg_parse_u64 (&p, eol, &out->total_us, what, line, error))
        {
          return FALSE;
        }
    }

  return mg_parse_expect_line_end (p, eol, what, line, error);
}

gboolean
mg_proc_parse_psi (const char  *text,
                   gsize        len,
                   MgPsi       *out,
                   GError     **error)
{
  return mg_proc_parse_psi_named (text, len, "pressure/memory", out, error);
}

gboolean
mg_proc_parse_psi_named (const char  *text,
                         gsize        len,
                         const char  *what,
                         MgPsi       *out,
                         GError     **error)
{
  const char *p = text;
  const char *end = text + len;
  MgPsi psi = { 0 };
  gboolean has_some = FALSE;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize line_len = (gsize) (eol - p);

      line++;

      if (line_len >= 5 && memcmp (p, "some ", 5) == 0 && !has_some)
        {
          if (!parse_psi_line (p + 5, eol, &psi.some, what, line, error))
            return FALSE;
          has_some = TRUE;
        }
      else if (line_len >= 5 && memcmp (p, "full ", 5) == 0 && !psi.has_full)
        {
          if (!parse_psi_line (p + 5, eol, &psi.full, what, line, error))
            return FALSE;
          psi.has_full = TRUE;
        }

      p = eol + 1;
    }

  if (!has_some)
    return mg_parse_missing_key (what, "some", error);

  *out = psi;
  return TRUE;
}
