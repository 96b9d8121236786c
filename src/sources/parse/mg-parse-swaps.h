/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-swaps: the pure parsers of /proc/swaps and zram's mm_stat; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-swap-state.h"

G_BEGIN_DECLS

/* The most lines /proc/swaps may hold: MAX_SWAPFILES is at most 32 (include/linux/swap.h). */
#define MG_SWAPS_MAX_DEVICES 32

/**
 * mg_proc_parse_swaps:
 * @text: the contents of /proc/swaps, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @devices: (element-type MgSwapDevice): an array from mg_swap_devices_new(); one element
 *   is appended for each device, in the file's order
 * @error: set in the %MG_PROC_ERROR domain
 *
 * A file with only its header line means no swap. A `/dev/zramN` "partition" is given the
 * type %MG_SWAP_TYPE_ZRAM. On failure nothing is appended.
 *
 * Returns: %TRUE if @text is the header and well-formed device lines
 */
gboolean mg_proc_parse_swaps        (const char  *text,
                                     gsize        len,
                                     GArray      *devices,
                                     GError     **error);

/**
 * mg_sys_parse_zram_mm_stat:
 * @text: the contents of `/sys/block/zramN/mm_stat`
 * @len: the length of @text in bytes
 * @out: (out caller-allocates): the first three fields and how many there were; @device is
 *   left alone
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Takes one line of at least three numbers (Linux 4.1 printed 7, 4.19 added huge_pages,
 * 5.15 huge_pages_since; later kernels may add more).
 *
 * Returns: %TRUE if @text is such a line
 */
gboolean mg_sys_parse_zram_mm_stat  (const char  *text,
                                     gsize        len,
                                     MgZramStat  *out,
                                     GError     **error);

/* Whether @path names a zram device, `/dev/zram` followed by digits. */
gboolean mg_swap_path_is_zram       (const char  *path);

G_END_DECLS
