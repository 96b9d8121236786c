/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-buddyinfo: the pure parser of /proc/buddyinfo (free blocks per order); no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-sample.h"

G_BEGIN_DECLS

/* The most zones accepted: MAX_NR_ZONES is at most 6 (DMA, DMA32, Normal, HighMem, Movable,
 * Device) and a desktop has one or two nodes; 64 lines leave room for a large NUMA machine
 * without letting a hostile file grow the work. */
#define MG_BUDDYINFO_MAX_ZONES 64

/* Zone names are at most 7 characters ("Movable"); the kernel pads them to 8. */
#define MG_BUDDYINFO_ZONE_NAME_MAX 15

typedef struct {
  guint   node;
  char    name[MG_BUDDYINFO_ZONE_NAME_MAX + 1];
  guint64 free_blocks[MG_BUDDYINFO_MAX_ORDERS];
} MgBuddyZone;

/**
 * MgBuddyinfo:
 * @zones: one entry per line, in the kernel's order
 * @n_zones: how many of @zones are used
 * @n_orders: how many orders each line lists (the same on every line)
 *
 * /proc/buddyinfo: free blocks of each order (2^order pages) per zone per node.
 */
typedef struct {
  MgBuddyZone zones[MG_BUDDYINFO_MAX_ZONES];
  guint       n_zones;
  guint       n_orders;
} MgBuddyinfo;

/**
 * mg_proc_parse_buddyinfo:
 * @text: the contents of /proc/buddyinfo, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out caller-allocates): the zones; on failure its zones may hold a part of the text,
 *   but @n_zones and @n_orders are left alone
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Each line must be `Node N, zone NAME COUNT...` with at least one and at most
 * #MG_BUDDYINFO_MAX_ORDERS counts, the same number on every line, at most
 * #MG_BUDDYINFO_MAX_ZONES lines and no zone twice. Allocates nothing unless it fails.
 *
 * Returns: %TRUE if @text is such a file
 */
gboolean mg_proc_parse_buddyinfo     (const char       *text,
                                      gsize             len,
                                      MgBuddyinfo      *out,
                                      GError          **error);

/**
 * mg_proc_buddyinfo_summarize:
 * @info: a parsed file
 * @page_shift: log2 of the page size (12 for 4 KiB pages), 10 to 20
 * @out: (out caller-allocates): free memory, the part in blocks of 2 MiB or more and the
 *   unusable free space index for that order
 * @error: %MG_PROC_ERROR_OVERFLOW when the free memory does not fit in 64 bits
 *
 * The unusable free space index of order j (Mel Gorman, "Measuring the Impact of the Linux
 * Memory Manager"; the kernel computes the same per zone in unusable_free_index() of
 * mm/vmstat.c, shown in debugfs as extfrag/unusable_index since Linux 2.6.35) is
 *
 *   Fu(j) = (TotalFree - sum_{i >= j} 2^i k_i) / TotalFree
 *
 * with k_i the free blocks of order i and TotalFree = sum_i 2^i k_i, in pages: the share of
 * free memory that cannot serve an allocation of order j. As the kernel does, no free memory
 * counts as all of it unusable (1). Computed here over every zone of every node together,
 * with j = 21 - @page_shift, the order of 2 MiB.
 */
gboolean mg_proc_buddyinfo_summarize (const MgBuddyinfo *info,
                                      guint              page_shift,
                                      MgFragmentation   *out,
                                      GError           **error);

G_END_DECLS
