/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-meminfo: the pure parser of /proc/meminfo; no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-meminfo.h"
#include "mg-parse-private.h"

/* Indexed by MgMeminfoField; the names as Documentation/filesystems/proc.rst spells them. */
static const MgKey meminfo_keys[MG_MEMINFO_N_FIELDS] = {
  [MG_MEMINFO_MEM_TOTAL] = MG_KEY ("MemTotal"),
  [MG_MEMINFO_MEM_FREE] = MG_KEY ("MemFree"),
  [MG_MEMINFO_MEM_AVAILABLE] = MG_KEY ("MemAvailable"),
  [MG_MEMINFO_BUFFERS] = MG_KEY ("Buffers"),
  [MG_MEMINFO_CACHED] = MG_KEY ("Cached"),
  [MG_MEMINFO_SHMEM] = MG_KEY ("Shmem"),
  [MG_MEMINFO_SRECLAIMABLE] = MG_KEY ("SReclaimable"),
  [MG_MEMINFO_DIRTY] = MG_KEY ("Dirty"),
  [MG_MEMINFO_ANON_PAGES] = MG_KEY ("AnonPages"),
  [MG_MEMINFO_SWAP_TOTAL] = MG_KEY ("SwapTotal"),
  [MG_MEMINFO_SWAP_FREE] = MG_KEY ("SwapFree"),
  [MG_MEMINFO_SWAP_CACHED] = MG_KEY ("SwapCached"),
  [MG_MEMINFO_ZSWAP] = MG_KEY ("Zswap"),
  [MG_MEMINFO_ZSWAPPED] = MG_KEY ("Zswapped"),
};

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

  if (!mg_parse_check_text (text, len, what, error))
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
          const char *v = mg_parse_skip_blanks (colon + 1, eol);

          if (!mg_parse_u64 (&v, eol, &kib[field], what, line, error))
            return FALSE;

          v = mg_parse_skip_blanks (v, eol);
          if (eol - v >= 2 && v[0] == 'k' && v[1] == 'B')
            v += 2;
          if (!mg_parse_expect_line_end (v, eol, what, line, error))
            return FALSE;

          info.present |= 1u << field;
        }

      p = eol + 1;
    }

  if (!mg_meminfo_has (&info, MG_MEMINFO_MEM_TOTAL))
    return mg_parse_missing_key (what, "MemTotal", error);
  if (!mg_meminfo_has (&info, MG_MEMINFO_MEM_FREE))
    return mg_parse_missing_key (what, "MemFree", error);

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
