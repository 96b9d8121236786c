/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-swaps: the pure parsers of /proc/swaps and zram's mm_stat; no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-private.h"
#include "mg-parse-swaps.h"

/* The most fields mm_stat is read for; the kernel prints 7 to 9 (zram.rst). */
#define MG_MM_STAT_MAX_FIELDS 32

static gboolean
swaps_error (GError     **error,
             guint        line,
             const char  *why)
{
  g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
               /* Translators: %u is a line number, the %s says what is wrong */
               _("swaps, line %u: %s"), line, why);
  return FALSE;
}

gboolean
mg_swap_path_is_zram (const char *path)
{
  const char *p;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_str_has_prefix (path, "/dev/zram") || path[strlen ("/dev/zram")] == '\0')
    return FALSE;
  for (p = path + strlen ("/dev/zram"); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The path up to the first blank, with the `\ooo` escapes of seq_file_path () undone
 * (mm/swapfile.c escapes " \t\n\\"; other bytes, UTF-8 included, come as they are). */
static char *
parse_path (const char **p,
            const char  *eol,
            guint        line,
            GError     **error)
{
  const char *s = *p;
  GString *path = g_string_new (NULL);

  for (; s < eol && *s != ' ' && *s != '\t'; s++)
    {
      if (*s == '\\')
        {
          guint value = 0;

          if (eol - s < 4)
            break;
          for (guint i = 1; i <= 3; i++)
            {
              if (s[i] < '0' || s[i] > '7')
                goto bad_escape;
              value = value * 8 + (guint) (s[i] - '0');
            }
          if (value == 0 || value > 255)
            goto bad_escape;
          g_string_append_c (path, (char) value);
          s += 3;
          continue;
        }
      g_string_append_c (path, *s);
    }

  if (s < eol && *s == '\\')
    goto bad_escape;
  if (path->len == 0)
    {
      g_string_free (path, TRUE);
      swaps_error (error, line, _("no file name"));
      return NULL;
    }

  *p = s;
  return g_string_free (path, FALSE);

bad_escape:
  g_string_free (path, TRUE);
  swaps_error (error, line, _("a backslash that is not an octal escape"));
  return NULL;
}

static gboolean
parse_priority (const char **p,
                const char  *eol,
                gint        *out,
                guint        line,
                GError     **error)
{
  gboolean negative = FALSE;
  guint64 value;

  if (*p < eol && **p == '-')
    {
      negative = TRUE;
      (*p)++;
    }
  if (!mg_parse_u64 (p, eol, &value, "swaps", line, error))
    return FALSE;
  if (value > (negative ? (guint64) G_MAXINT + 1 : (guint64) G_MAXINT))
    return swaps_error (error, line, _("the priority does not fit in an int"));

  *out = negative ? (gint) (-(gint64) value) : (gint) value;
  return TRUE;
}

static gboolean
parse_device (const char    *p,
              const char    *eol,
              guint          line,
              MgSwapDevice  *out,
              GError       **error)
{
  g_autofree char *path = parse_path (&p, eol, line, error);
  MgSwapDevice device = { 0 };
  gsize word;

  if (path == NULL)
    return FALSE;

  p = mg_parse_skip_blanks (p, eol);
  for (word = 0; p + word < eol && p[word] != ' ' && p[word] != '\t'; word++)
    ;
  if (word == strlen ("partition") && memcmp (p, "partition", word) == 0)
    device.type = mg_swap_path_is_zram (path) ? MG_SWAP_TYPE_ZRAM : MG_SWAP_TYPE_PARTITION;
  else if (word == strlen ("file") && memcmp (p, "file", word) == 0)
    device.type = MG_SWAP_TYPE_FILE;
  else
    return swaps_error (error, line, _("the type is neither “partition” nor “file”"));
  p = mg_parse_skip_blanks (p + word, eol);

  if (!mg_parse_u64 (&p, eol, &device.size_kib, "swaps", line, error))
    return FALSE;
  p = mg_parse_skip_blanks (p, eol);
  if (!mg_parse_u64 (&p, eol, &device.used_kib, "swaps", line, error))
    return FALSE;
  p = mg_parse_skip_blanks (p, eol);
  if (!parse_priority (&p, eol, &device.priority, line, error) ||
      !mg_parse_expect_line_end (p, eol, "swaps", line, error))
    return FALSE;

  if (device.used_kib > device.size_kib)
    return swaps_error (error, line, _("more is used than the device holds"));

  device.path = g_steal_pointer (&path);
  *out = device;
  return TRUE;
}

gboolean
mg_proc_parse_swaps (const char  *text,
                     gsize        len,
                     GArray      *devices,
                     GError     **error)
{
  const char *p = text;
  const char *end = text + len;
  guint first = 0;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (devices != NULL, FALSE);

  /* Not mg_parse_check_text (): a path may hold any byte but NUL. */
  if (len == 0)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_EMPTY, _("%s is empty"), "swaps");
      return FALSE;
    }
  if (memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_BINARY,
                   _("%s holds a byte that is not text (0x%02x at offset %lu)"), "swaps", 0u,
                   (unsigned long) ((const char *) memchr (text, '\0', len) - text));
      return FALSE;
    }
  if (text[len - 1] != '\n')
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TRUNCATED,
                   _("%s ends in the middle of a line"), "swaps");
      return FALSE;
    }

  first = devices->len;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      MgSwapDevice device;

      line++;
      if (line == 1)
        {
          /* "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority" since Linux 2.6. */
          if (eol - p < (ptrdiff_t) strlen ("Filename") ||
              memcmp (p, "Filename", strlen ("Filename")) != 0)
            {
              g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_KEY,
                           _("swaps does not start with its “Filename” header"));
              return FALSE;
            }
        }
      else if (devices->len - first >= MG_SWAPS_MAX_DEVICES)
        {
          swaps_error (error, line, _("more swap devices than the kernel allows"));
          goto fail;
        }
      else if (!parse_device (p, eol, line, &device, error))
        {
          goto fail;
        }
      else
        {
          g_array_append_val (devices, device);
        }

      p = eol + 1;
    }

  return TRUE;

fail:
  g_array_set_size (devices, first);
  return FALSE;
}

gboolean
mg_sys_parse_zram_mm_stat (const char  *text,
                           gsize        len,
                           MgZramStat  *out,
                           GError     **error)
{
  const char *what = "mm_stat";
  const char *p = text;
  const char *eol;
  guint64 value[3] = { 0 };
  guint n = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  eol = memchr (text, '\n', len);
  if (eol != text + len - 1)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s has more than one line"), what);
      return FALSE;
    }

  for (p = mg_parse_skip_blanks (p, eol); p < eol; p = mg_parse_skip_blanks (p, eol))
    {
      guint64 number;

      if (n == MG_MM_STAT_MAX_FIELDS)
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                       _("%s has more than %u fields"), what, MG_MM_STAT_MAX_FIELDS);
          return FALSE;
        }
      if (!mg_parse_u64 (&p, eol, &number, what, 1, error))
        return FALSE;
      if (p < eol && *p != ' ' && *p != '\t')
        return mg_parse_expect_line_end (p, eol, what, 1, error);
      if (n < G_N_ELEMENTS (value))
        value[n] = number;
      n++;
    }

  if (n < G_N_ELEMENTS (value))
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_KEY,
                   /* Translators: %s is "mm_stat", %u a count of numbers */
                   _("%s has %u fields; orig_data_size, compr_data_size and mem_used_total "
                     "need 3"), what, n);
      return FALSE;
    }

  out->orig_bytes = value[0];
  out->compr_bytes = value[1];
  out->mem_used_bytes = value[2];
  out->n_fields = n;
  return TRUE;
}
