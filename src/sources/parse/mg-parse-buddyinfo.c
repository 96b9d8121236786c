/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-buddyinfo: the pure parser of /proc/buddyinfo (free blocks per order); no I/O here. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-buddyinfo.h"
#include "mg-parse-private.h"

/* The kernel's frag_show_print() (mm/vmstat.c) writes each line as
 *   seq_printf (m, "Node %d, zone %8s ", node, zone->name);
 *   for each order: seq_printf (m, "%6lu ", nr_free);
 *   seq_putc (m, '\n');
 * so fields are separated by one or more spaces and every line ends in a space. */

#define WHAT "buddyinfo"

/* Node numbers below MAX_NUMNODES (at most 1 << 10 in every configuration). */
#define NODE_MAX 1023

static gboolean
bad_line (GError **error,
          guint    line)
{
  g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
               /* Translators: do not translate "Node" and "zone", they are the file's words */
               _("%s, line %u: not of the form “Node N, zone NAME COUNTS”"), WHAT, line);
  return FALSE;
}

/* Skips the literal @word at *p followed by at least one blank (the kernel writes spaces;
 * tabs are taken too, as by the other parsers). */
static gboolean
expect_word (const char **p,
             const char  *end,
             const char  *word)
{
  gsize len = strlen (word);

  if ((gsize) (end - *p) <= len || memcmp (*p, word, len) != 0 ||
      ((*p)[len] != ' ' && (*p)[len] != '\t'))
    return FALSE;
  *p = mg_parse_skip_blanks (*p + len, end);
  return TRUE;
}

static gboolean
parse_line (const char   *p,
            const char   *end,
            guint         line,
            MgBuddyZone  *zone,
            guint        *n_orders,
            GError      **error)
{
  const char *name;
  guint64 node;
  guint orders = 0;

  if (!expect_word (&p, end, "Node") ||
      !mg_parse_u64 (&p, end, &node, WHAT, line, NULL) ||
      p == end || *p != ',')
    return bad_line (error, line);
  p = mg_parse_skip_blanks (p + 1, end);
  if (node > NODE_MAX || !expect_word (&p, end, "zone"))
    return bad_line (error, line);

  name = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '_'))
    p++;
  if (p == name || p - name > MG_BUDDYINFO_ZONE_NAME_MAX || p == end || (*p != ' ' && *p != '\t'))
    return bad_line (error, line);
  memcpy (zone->name, name, (gsize) (p - name));
  zone->name[p - name] = '\0';
  zone->node = (guint) node;

  for (p = mg_parse_skip_blanks (p, end); p < end; p = mg_parse_skip_blanks (p, end))
    {
      if (orders == MG_BUDDYINFO_MAX_ORDERS)
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                       _("%s, line %u: more than %u block orders, or not as many as the "
                         "first line"), WHAT, line, MG_BUDDYINFO_MAX_ORDERS);
          return FALSE;
        }
      if (!mg_parse_u64 (&p, end, &zone->free_blocks[orders], WHAT, line, error))
        return FALSE;
      if (p < end && *p != ' ' && *p != '\t')
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_NUMBER,
                       _("%s, line %u: the value is not a number"), WHAT, line);
          return FALSE;
        }
      orders++;
    }

  if (orders == 0 || (*n_orders != 0 && orders != *n_orders))
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                   _("%s, line %u: more than %u block orders, or not as many as the first "
                     "line"), WHAT, line, MG_BUDDYINFO_MAX_ORDERS);
      return FALSE;
    }

  *n_orders = orders;
  return TRUE;
}

gboolean
mg_proc_parse_buddyinfo (const char   *text,
                         gsize         len,
                         MgBuddyinfo  *out,
                         GError      **error)
{
  const char *end = text + len;
  const char *p = text;
  guint n_zones = 0;
  guint n_orders = 0;
  guint line = 0;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!mg_parse_check_text (text, len, WHAT, error))
    return FALSE;

  /* Straight into @out, which is only a scratch buffer of the reader: callers use it only
   * after success, and the sample holds the summary, not this. */
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      MgBuddyZone *zone;

      line++;
      if (n_zones == MG_BUDDYINFO_MAX_ZONES)
        {
          g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                       _("%s lists more than %u zones, or one zone twice"), WHAT,
                       MG_BUDDYINFO_MAX_ZONES);
          return FALSE;
        }

      zone = &out->zones[n_zones];
      if (!parse_line (p, eol, line, zone, &n_orders, error))
        return FALSE;

      for (guint z = 0; z < n_zones; z++)
        if (out->zones[z].node == zone->node && strcmp (out->zones[z].name, zone->name) == 0)
          {
            g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_INVALID_VALUE,
                         _("%s lists more than %u zones, or one zone twice"), WHAT,
                         MG_BUDDYINFO_MAX_ZONES);
            return FALSE;
          }

      n_zones++;
      p = eol + 1;
    }

  if (n_zones == 0)
    return mg_parse_missing_key (WHAT, "Node", error);

  out->n_zones = n_zones;
  out->n_orders = n_orders;
  return TRUE;
}

static gboolean
overflow (GError **error)
{
  g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_OVERFLOW,
               _("%s: the free memory does not fit in 64 bits"), WHAT);
  return FALSE;
}

gboolean
mg_proc_buddyinfo_summarize (const MgBuddyinfo  *info,
                             guint               page_shift,
                             MgFragmentation    *out,
                             GError            **error)
{
  MgFragmentation result = { 0 };
  guint64 free_pages = 0;
  guint64 large_pages = 0;

  g_return_val_if_fail (info != NULL && out != NULL, FALSE);
  g_return_val_if_fail (page_shift >= 10 && page_shift <= 20, FALSE);
  g_return_val_if_fail (info->n_orders <= MG_BUDDYINFO_MAX_ORDERS, FALSE);

  /* 2 MiB is 2^21 bytes: 2^(21 - PAGE_SHIFT) pages, order 9 with 4 KiB pages, 5 with 64 KiB. */
  result.order_2mb = 21 - page_shift;
  result.n_orders = info->n_orders;

  for (guint z = 0; z < info->n_zones; z++)
    for (guint i = 0; i < info->n_orders; i++)
      {
        guint64 blocks = info->zones[z].free_blocks[i];
        guint64 pages;

        /* No counter or sum may wrap: a hostile file could make a small total out of a huge
         * one. */
        if (blocks > G_MAXUINT64 >> i || result.free_blocks[i] > G_MAXUINT64 - blocks)
          return overflow (error);
        pages = blocks << i;
        if (free_pages > G_MAXUINT64 - pages)
          return overflow (error);
        result.free_blocks[i] += blocks;
        free_pages += pages;
        if (i >= result.order_2mb)
          large_pages += pages;
      }

  if (free_pages > G_MAXUINT64 >> page_shift)
    return overflow (error);

  result.free_kib = free_pages << (page_shift - 10);
  result.free_kib_2mb = large_pages << (page_shift - 10);
  result.unusable_index_2mb = free_pages == 0
    ? 1.0 : (double) (free_pages - large_pages) / (double) free_pages;

  *out = result;
  return TRUE;
}
