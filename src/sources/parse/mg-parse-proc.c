/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-proc: pure parsers for the /proc files MemGauge samples; no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-proc.h"

G_DEFINE_QUARK (mg-proc-error-quark, mg_proc_error)

typedef struct {
  const char *name;
  guint8      len;
} MgKey;

#define KEY(s) { s, sizeof (s) - 1 }

/* Indexed by MgMeminfoField; the names as Documentation/filesystems/proc.rst spells them. */
static const MgKey meminfo_keys[MG_MEMINFO_N_FIELDS] = {
  [MG_MEMINFO_MEM_TOTAL] = KEY ("MemTotal"),
  [MG_MEMINFO_MEM_FREE] = KEY ("MemFree"),
  [MG_MEMINFO_MEM_AVAILABLE] = KEY ("MemAvailable"),
  [MG_MEMINFO_BUFFERS] = KEY ("Buffers"),
  [MG_MEMINFO_CACHED] = KEY ("Cached"),
  [MG_MEMINFO_SHMEM] = KEY ("Shmem"),
  [MG_MEMINFO_SRECLAIMABLE] = KEY ("SReclaimable"),
  [MG_MEMINFO_DIRTY] = KEY ("Dirty"),
  [MG_MEMINFO_ANON_PAGES] = KEY ("AnonPages"),
  [MG_MEMINFO_SWAP_TOTAL] = KEY ("SwapTotal"),
  [MG_MEMINFO_SWAP_FREE] = KEY ("SwapFree"),
  [MG_MEMINFO_SWAP_CACHED] = KEY ("SwapCached"),
  [MG_MEMINFO_ZSWAP] = KEY ("Zswap"),
  [MG_MEMINFO_ZSWAPPED] = KEY ("Zswapped"),
};

static const MgKey vmstat_keys[MG_VMSTAT_N_FIELDS] = {
  [MG_VMSTAT_PSWPIN] = KEY ("pswpin"),
  [MG_VMSTAT_PSWPOUT] = KEY ("pswpout"),
  [MG_VMSTAT_PGMAJFAULT] = KEY ("pgmajfault"),
  [MG_VMSTAT_OOM_KILL] = KEY ("oom_kill"),
};

#undef KEY

static int
find_key (const MgKey *keys,
          guint        n_keys,
          const char  *name,
          gsize        len)
{
  for (guint i = 0; i < n_keys; i++)
    {
      if (keys[i].len == len && memcmp (keys[i].name, name, len) == 0)
        return (int) i;
    }

  return -1;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
/* Sets the high bit of (at least) the lowest zero byte of @w: non-zero when any is. */
#define HAS_ZERO(w) (((w) - ONES) & ~(w))

/* The kernel writes these files with seq_printf from ASCII format strings: any other
 * byte means the text is not what the kernel wrote. */
static gboolean
check_text (const char  *text,
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

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* Parses the digits at *p into *out, moving *p past them. */
static gboolean
parse_u64 (const char **p,
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

static gboolean
expect_line_end (const char  *p,
                 const char  *end,
                 const char  *what,
                 guint        line,
                 GError     **error)
{
  p = skip_blanks (p, end);
  if (p != end)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                   _("%s, line %u: unexpected text after the value"), what, line);
      return FALSE;
    }

  return TRUE;
}

static gboolean
missing_key (const char  *what,
             const char  *key,
             GError     **error)
{
  g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_KEY,
               /* Translators: the first %s is a file name, the second a key such as MemTotal */
               _("%s has no “%s”"), what, key);
  return FALSE;
}

gboolean
mg_proc_parse_meminfo (const char  *text,
                       gsize        len,
                       MgMeminfo   *out,
                       GError     **error)
{
  const char *what = "meminfo";
  const char *p = text;
  const char *end = text + len;
  MgMeminfo info = { 0 };
  guint64 *kib = info.kib;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_text (text, len, what, error))
    return FALSE;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *colon = memchr (p, ':', (gsize) (eol - p));
      int field;

      line++;

      /* Keys are matched from the start of the line up to the colon, so that
       * "Cached" never matches inside "SwapCached". */
      if (colon != NULL &&
          (field = find_key (meminfo_keys, MG_MEMINFO_N_FIELDS, p, (gsize) (colon - p))) >= 0 &&
          (info.present & (1u << field)) == 0)
        {
          const char *v = skip_blanks (colon + 1, eol);

          if (!parse_u64 (&v, eol, &kib[field], what, line, error))
            return FALSE;

          v = skip_blanks (v, eol);
          if (eol - v >= 2 && v[0] == 'k' && v[1] == 'B')
            v += 2;
          if (!expect_line_end (v, eol, what, line, error))
            return FALSE;

          info.present |= 1u << field;
        }

      p = eol + 1;
    }

  if (!mg_meminfo_has (&info, MG_MEMINFO_MEM_TOTAL))
    return missing_key (what, "MemTotal", error);
  if (!mg_meminfo_has (&info, MG_MEMINFO_MEM_FREE))
    return missing_key (what, "MemFree", error);

  if (kib[MG_MEMINFO_MEM_TOTAL] == 0)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("meminfo says the machine has no memory (MemTotal is 0)"));
      return FALSE;
    }

  if (kib[MG_MEMINFO_MEM_FREE] > kib[MG_MEMINFO_MEM_TOTAL])
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("meminfo has more memory free than in total"));
      return FALSE;
    }

  if (mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE))
    {
      if (kib[MG_MEMINFO_MEM_AVAILABLE] > kib[MG_MEMINFO_MEM_TOTAL])
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                       _("meminfo has more memory available than in total"));
          return FALSE;
        }
    }
  else
    {
      /* Kernels before 3.14 (commit 34e431b0ae39) have no MemAvailable. Estimate it as
       * free memory plus what reclaim can get back without swapping: the page cache
       * and buffers and reclaimable slab, less shared memory, which sits in the cache
       * but cannot be dropped. This overestimates a little (the kernel also keeps the
       * low watermarks and half of the cache back) and is flagged as an estimate. */
      static const MgMeminfoField reclaimable[] = {
        MG_MEMINFO_MEM_FREE, MG_MEMINFO_BUFFERS, MG_MEMINFO_CACHED, MG_MEMINFO_SRECLAIMABLE,
      };
      guint64 estimate = 0;

      /* Saturating: hostile values must not wrap round to a small number. */
      for (guint i = 0; i < G_N_ELEMENTS (reclaimable); i++)
        estimate = kib[reclaimable[i]] > G_MAXUINT64 - estimate ? G_MAXUINT64
                                                                 : estimate + kib[reclaimable[i]];
      estimate = estimate > kib[MG_MEMINFO_SHMEM] ? estimate - kib[MG_MEMINFO_SHMEM] : 0;
      kib[MG_MEMINFO_MEM_AVAILABLE] = MIN (estimate, kib[MG_MEMINFO_MEM_TOTAL]);
      info.mem_available_estimated = TRUE;
    }

  if (kib[MG_MEMINFO_SWAP_FREE] > kib[MG_MEMINFO_SWAP_TOTAL])
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("meminfo has more swap free than in total"));
      return FALSE;
    }

  *out = info;
  return TRUE;
}

/* Finds "\n<key> " (or the key at the very start) and returns where its value starts. */
static const char *
find_vmstat_value (const char  *text,
                   gsize        len,
                   const MgKey *key)
{
  char needle[32];

  g_assert ((gsize) key->len + 2 < sizeof needle);

  if (len > key->len && memcmp (text, key->name, key->len) == 0 && text[key->len] == ' ')
    return text + key->len + 1;

  needle[0] = '\n';
  memcpy (needle + 1, key->name, key->len);
  needle[key->len + 1] = ' ';

  {
    const char *hit = memmem (text, len, needle, key->len + 2);

    return hit != NULL ? hit + key->len + 2 : NULL;
  }
}

/* Parses one counter's value; counts lines only on the way to an error message. */
static gboolean
parse_vmstat_value (const char  *text,
                    const char  *value,
                    const char  *eol,
                    guint64     *out,
                    GError     **error)
{
  const char *p = value;
  guint line = 1;

  if (parse_u64 (&p, eol, out, "vmstat", 0, NULL) && expect_line_end (p, eol, "vmstat", 0, NULL))
    return TRUE;

  for (const char *c = text; (c = memchr (c, '\n', (gsize) (value - c))) != NULL; c++)
    line++;

  p = value;
  if (parse_u64 (&p, eol, out, "vmstat", line, error))
    expect_line_end (p, eol, "vmstat", line, error);
  return FALSE;
}

gboolean
mg_proc_parse_vmstat (const char  *text,
                      gsize        len,
                      MgVmstat    *out,
                      GError     **error)
{
  const char *what = "vmstat";
  const char *end = text + len;
  MgVmstat vmstat = { 0 };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_text (text, len, what, error))
    return FALSE;

  /* vmstat has about 180 counters of which MemGauge wants four: searching for each
   * costs a quarter of walking every line. */
  for (guint field = 0; field < MG_VMSTAT_N_FIELDS; field++)
    {
      const char *v = find_vmstat_value (text, len, &vmstat_keys[field]);
      const char *eol;

      if (v == NULL)
        continue;

      eol = memchr (v, '\n', (gsize) (end - v));
      if (!parse_vmstat_value (text, v, eol, &vmstat.count[field], error))
        return FALSE;

      vmstat.present |= 1u << field;
    }

  /* pgmajfault has been counted by every kernel since 2.6; swap counters exist only
   * with CONFIG_SWAP and oom_kill only since 4.13. */
  if (!mg_vmstat_has (&vmstat, MG_VMSTAT_PGMAJFAULT))
    return missing_key (what, "pgmajfault", error);

  *out = vmstat;
  return TRUE;
}

/* A PSI average as the kernel prints it with "%lu.%02lu": digits, a point, digits. */
static gboolean
parse_percent (const char **p,
               const char  *end,
               double      *out,
               guint        line,
               GError     **error)
{
  const char *what = "pressure/memory";
  guint64 whole, fraction = 0;
  double scale = 1.0;

  if (!parse_u64 (p, end, &whole, what, line, error))
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
                guint        line,
                GError     **error)
{
  static const char *const names[] = { "avg10=", "avg60=", "avg300=", "total=" };
  const char *what = "pressure/memory";
  double *avgs[] = { &out->avg10, &out->avg60, &out->avg300 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize name_len = strlen (names[i]);

      p = skip_blanks (p, eol);
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
          if (!parse_percent (&p, eol, avgs[i], line, error))
            return FALSE;
        }
      else if (!parse_u64 (&p, eol, &out->total_us, what, line, error))
        {
          return FALSE;
        }
    }

  return expect_line_end (p, eol, what, line, error);
}

gboolean
mg_proc_parse_psi (const char  *text,
                   gsize        len,
                   MgPsi       *out,
                   GError     **error)
{
  const char *what = "pressure/memory";
  const char *p = text;
  const char *end = text + len;
  MgPsi psi = { 0 };
  gboolean has_some = FALSE;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_text (text, len, what, error))
    return FALSE;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize line_len = (gsize) (eol - p);

      line++;

      if (line_len >= 5 && memcmp (p, "some ", 5) == 0 && !has_some)
        {
          if (!parse_psi_line (p + 5, eol, &psi.some, line, error))
            return FALSE;
          has_some = TRUE;
        }
      else if (line_len >= 5 && memcmp (p, "full ", 5) == 0 && !psi.has_full)
        {
          if (!parse_psi_line (p + 5, eol, &psi.full, line, error))
            return FALSE;
          psi.has_full = TRUE;
        }

      p = eol + 1;
    }

  if (!has_some)
    return missing_key (what, "some", error);

  *out = psi;
  return TRUE;
}

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

  if (!check_text (text, len, what, error))
    return FALSE;

  /* check_text () made sure the text ends in a newline. */
  end--;
  if (!parse_u64 (&p, end, &value, what, 1, error) ||
      !expect_line_end (p, end, what, 1, error))
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
