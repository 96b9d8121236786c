/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwapState: where swap lives (devices, zram, zswap), read on demand, not every sample. */

#define G_LOG_DOMAIN "memgauge-swap"

#include "config.h"

#include "mg-swap-state.h"

const char *
mg_swap_type_to_nick (MgSwapType type)
{
  switch (type)
    {
    case MG_SWAP_TYPE_PARTITION: return "partition";
    case MG_SWAP_TYPE_FILE: return "file";
    case MG_SWAP_TYPE_ZRAM: return "zram";
    default: g_return_val_if_reached ("partition");
    }
}

MgSwapState *
mg_swap_state_new (void)
{
  MgSwapState *state = g_new0 (MgSwapState, 1);

  state->devices = mg_swap_devices_new ();
  state->zram = g_array_new (FALSE, TRUE, sizeof (MgZramStat));
  g_array_set_clear_func (state->zram, mg_zram_stat_clear);
  return state;
}

void
mg_swap_state_free (MgSwapState *state)
{
  if (state == NULL)
    return;

  g_array_unref (state->devices);
  g_array_unref (state->zram);
  g_free (state);
}

guint
mg_swap_state_sum (const MgSwapState *state,
                   MgSwapType         type,
                   guint64           *size_kib,
                   guint64           *used_kib)
{
  guint64 size = 0;
  guint64 used = 0;
  guint n = 0;

  g_return_val_if_fail (state != NULL, 0);

  for (guint i = 0; i < state->devices->len; i++)
    {
      const MgSwapDevice *device = &g_array_index (state->devices, MgSwapDevice, i);

      if (device->type != type)
        continue;
      /* Saturating: the parser caps nothing, and hostile sizes must not wrap. */
      size = device->size_kib > G_MAXUINT64 - size ? G_MAXUINT64 : size + device->size_kib;
      used = device->used_kib > G_MAXUINT64 - used ? G_MAXUINT64 : used + device->used_kib;
      n++;
    }

  if (size_kib != NULL)
    *size_kib = size;
  if (used_kib != NULL)
    *used_kib = used;
  return n;
}
