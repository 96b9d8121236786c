/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwapState: where swap lives (devices, zram, zswap), read on demand, not every sample. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgSwapType:
 * @MG_SWAP_TYPE_PARTITION: a block device (what /proc/swaps calls "partition")
 * @MG_SWAP_TYPE_FILE: a swap file on a file system
 * @MG_SWAP_TYPE_ZRAM: a compressed RAM disk, `/dev/zramN` (a "partition" to the kernel)
 */
typedef enum {
  MG_SWAP_TYPE_PARTITION,
  MG_SWAP_TYPE_FILE,
  MG_SWAP_TYPE_ZRAM,
} MgSwapType;

/**
 * MgSwapDevice:
 * @path: the device or file, with the kernel's `\ooo` escapes undone (any bytes but NUL)
 * @type: its kind
 * @size_kib: its size, KiB
 * @used_kib: the part in use, KiB
 * @priority: the kernel's priority (negative when none was given)
 *
 * One line of /proc/swaps.
 */
typedef struct {
  char      *path;
  MgSwapType type;
  guint64    size_kib;
  guint64    used_kib;
  gint       priority;
} MgSwapDevice;

/**
 * MgZramStat:
 * @device: the block device's name, such as `zram0`
 * @orig_bytes: what was stored, uncompressed (orig_data_size)
 * @compr_bytes: the same compressed (compr_data_size)
 * @mem_used_bytes: the RAM the device takes, with the allocator's overhead (mem_used_total)
 * @n_fields: how many fields its mm_stat had (7 before Linux 4.19, 9 since 5.15)
 *
 * The first fields of `/sys/block/zramN/mm_stat`, in bytes as the kernel prints them.
 */
typedef struct {
  char   *device;
  guint64 orig_bytes;
  guint64 compr_bytes;
  guint64 mem_used_bytes;
  guint   n_fields;
} MgZramStat;

/**
 * MgSwapState:
 * @has_devices: %FALSE when /proc/swaps could not be read; @devices is then empty
 * @devices: (element-type MgSwapDevice): the lines of /proc/swaps, in its order
 * @zram: (element-type MgZramStat): the zram devices among @devices whose mm_stat could be
 *   read (one that vanished or has none is left out)
 * @has_zswap: %TRUE when zswap is on or still holds pages
 * @zswap_pool_kib: RAM taken by zswap's compressed pool (meminfo `Zswap`)
 * @zswap_stored_kib: what the pool holds, uncompressed (meminfo `Zswapped`)
 */
typedef struct {
  gboolean has_devices;
  GArray  *devices;
  GArray  *zram;
  gboolean has_zswap;
  guint64  zswap_pool_kib;
  guint64  zswap_stored_kib;
} MgSwapState;

/* Inline, as the parsers (which link no core) fill these too. Frees what @device points to,
 * not @device itself: a GArray clear func. */
static inline void
mg_swap_device_clear (gpointer device)
{
  g_clear_pointer (&((MgSwapDevice *) device)->path, g_free);
}

static inline void
mg_zram_stat_clear (gpointer stat)
{
  g_clear_pointer (&((MgZramStat *) stat)->device, g_free);
}

/* An empty array of #MgSwapDevice that clears its elements. */
static inline GArray *
mg_swap_devices_new (void)
{
  GArray *devices = g_array_new (FALSE, TRUE, sizeof (MgSwapDevice));

  g_array_set_clear_func (devices, mg_swap_device_clear);
  return devices;
}

/* "partition", "file" or "zram", as `--json` writes them. */
const char  *mg_swap_type_to_nick   (MgSwapType   type);

/**
 * mg_swap_state_new:
 *
 * Returns: (transfer full): no devices, no zram, no zswap
 */
MgSwapState *mg_swap_state_new      (void);
void         mg_swap_state_free     (MgSwapState *state);

/**
 * mg_swap_state_sum:
 * @state: a state
 * @type: which kind of device
 * @size_kib: (out) (optional): the sizes of the devices of @type, summed
 * @used_kib: (out) (optional): what is used of them
 *
 * Returns: how many devices of @type there are
 */
guint        mg_swap_state_sum      (const MgSwapState *state,
                                     MgSwapType         type,
                                     guint64           *size_kib,
                                     guint64           *used_kib);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgSwapState, mg_swap_state_free)

G_END_DECLS
