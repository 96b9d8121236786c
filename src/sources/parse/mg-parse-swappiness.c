/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-swappiness: pure parsers of /proc/sys/vm/swappiness and other one-int sysctl files. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-swappiness.h"
#include "mg-parse-private.h"

gboolean
mg_proc_parse_swappiness (const char  *text,
                          gsize        len,
                          guint       *out,
                          GError     **error)
{
  const char *what = "sys/vm/swappiness";
  const char *p = text;
  const char *end = text + len;
  guint64 value;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  /* mg_parse_check_text () made sure the text ends in a newline. */
  end--;
  if (!mg_parse_u64 (&p, end, &value, what, 1, error) ||
      !mg_parse_expect_line_end (p, end, what, 1, error))
    return FALSE;

  /* 0 to 100 before Linux 5.8, 0 to 200 since (commit c843966c556d). */
  if (value > 200)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s: %llu is outside 0 to 200"), what, (unsigned long long) value);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

gboolean
mg_proc_parse_sysctl_int (const char  *text,
                          gsize        len,
                          const char  *what,
                          guint64     *out,
                          GError     **error)
{
  const char *p = text;
  const char *end = text + len;
  guint64 value;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (what != NULL && out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  end--;
  if (!mg_parse_u64 (&p, end, &value, what, 1, error) ||
      !mg_parse_expect_line_end (p, end, what, 1, error))
    return FALSE;

  /* proc_dointvec() prints an int: anything larger is not what the kernel wrote. */
  if (value > G_MAXINT)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s: %llu is larger than the kernel’s int"), what,
                   (unsigned long long) value);
      return FALSE;
    }

  *out = value;
  return TRUE;
}
