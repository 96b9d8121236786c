/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-vmstat: the pure parser of /proc/vmstat; no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <string.h>

#include "mg-parse-vmstat.h"
#include "mg-parse-private.h"

static const MgKey vmstat_keys[MG_VMSTAT_N_FIELDS] = {
  [MG_VMSTAT_PSWPIN] = MG_KEY ("pswpin"),
  [MG_VMSTAT_PSWPOUT] = MG_KEY ("pswpout"),
  [MG_VMSTAT_PGMAJFAULT] = MG_KEY ("pgmajfault"),
  [MG_VMSTAT_OOM_KILL] = MG_KEY ("oom_kill"),
  [MG_VMSTAT_COMPACT_STALL] = MG_KEY ("compact_stall"),
  [MG_VMSTAT_COMPACT_SUCCESS] = MG_KEY ("compact_success"),
  [MG_VMSTAT_COMPACT_FAIL] = MG_KEY ("compact_fail"),
};

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

  if (mg_parse_u64 (&p, eol, out, "vmstat", 0, NULL) &&
      mg_parse_expect_line_end (p, eol, "vmstat", 0, NULL))
    return TRUE;

  for (const char *c = text; (c = memchr (c, '\n', (gsize) (value - c))) != NULL; c++)
    line++;

  p = value;
  if (mg_parse_u64 (&p, eol, out, "vmstat", line, error))
    mg_parse_expect_line_end (p, eol, "vmstat", line, error);
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

  if (!mg_parse_check_text (text, len, what, error))
    return FALSE;

  /* vmstat has about 180 counters of which MemGauge wants seven: searching for each
   * costs less than walking every line. */
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
   * with CONFIG_SWAP, oom_kill only since 4.13 and compact_* only with CONFIG_COMPACTION. */
  if (!mg_vmstat_has (&vmstat, MG_VMSTAT_PGMAJFAULT))
    return mg_parse_missing_key (what, "pgmajfault", error);

  *out = vmstat;
  return TRUE;
}
