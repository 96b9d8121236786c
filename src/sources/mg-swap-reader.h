/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swap-reader: reads /proc/swaps, zram's mm_stat and zswap's state, on demand. */
#pragma once

#include <glib.h>

#include "mg-parse.h"
#include "mg-sample.h"
#include "mg-swap-state.h"

G_BEGIN_DECLS

/**
 * mg_swap_read:
 * @proc_root: (nullable): the proc root, such as `/proc`; %NULL means `/proc`
 * @sys_root: (nullable): the sysfs root, such as `/sys`; %NULL means `/sys`
 * @meminfo: (nullable): the sample's meminfo, for `Zswap` and `Zswapped`
 * @error: set when /proc/swaps exists but cannot be read or is malformed (the message
 *   names the file); the state is then still returned, without devices
 *
 * Reads `swaps`, then `block/zramN/mm_stat` for each zram device it lists, and
 * `module/zswap/parameters/enabled`. Costs a few small reads and allocations: for `--json`
 * and while the gauge window is visible, never every background sample. A missing
 * /proc/swaps (a kernel without swap) is no device and no error; a zram device that
 * vanished since /proc/swaps was read, or that has no (or a malformed) mm_stat, is left
 * out of @zram.
 *
 * Returns: (transfer full): the state; check @has_devices
 */
MgSwapState *mg_swap_read (const char       *proc_root,
                           const char       *sys_root,
                           const MgMeminfo  *meminfo,
                           GError          **error);

G_END_DECLS
