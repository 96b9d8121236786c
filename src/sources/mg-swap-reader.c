/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swap-reader: reads /proc/swaps, zram's mm_stat and zswap's state, on demand. */

#define G_LOG_DOMAIN "memgauge-swap"

#include "config.h"

#include "mg-kernel-file.h"
#include "mg-parse-swaps.h"
#include "mg-swap-reader.h"

/* /proc/swaps is at most 32 devices of a header-width line each, unless paths are long;
 * mm_stat and the zswap switch are one short line. 64 KiB holds 32 paths of 2 KiB escaped;
 * anything longer is refused rather than parsed in part. */
#define MG_SWAP_READ_MAX 65536

/* Reads @path whole into a new buffer: the main loop calls this while the gauge window is
 * visible, for three small files at most. */
static char *
read_small (const char  *path,
            gsize       *len,
            GError     **error)
{
  g_autofree char *buffer = g_malloc (MG_SWAP_READ_MAX + 1);

  if (!mg_kernel_file_read (path, buffer, MG_SWAP_READ_MAX + 1, len, NULL, error))
    return NULL;

  return g_steal_pointer (&buffer);
}

static void
read_zram (MgSwapState *state,
           const char  *sys_root,
           const char  *device_path)
{
  g_autofree char *name = g_path_get_basename (device_path);
  g_autofree char *path = g_build_filename (sys_root, "block", name, "mm_stat", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgZramStat stat = { 0 };
  gsize len = 0;

  /* The device may be swapped off and reset between the two reads, and kernels before 4.1
   * have no mm_stat: either way there is nothing to tell, and the gauge is read again. */
  text = read_small (path, &len, &error);
  if (text == NULL || !mg_sys_parse_zram_mm_stat (text, len, &stat, &error))
    {
      g_debug ("No zram figures for %s: %s", device_path,
               error != NULL ? error->message : "unreadable");
      return;
    }

  stat.device = g_steal_pointer (&name);
  g_array_append_val (state->zram, stat);
}

/* Whether zswap is switched on: "Y" or "N" (mm/zswap.c, a bool module parameter). */
static gboolean
zswap_enabled (const char *sys_root)
{
  g_autofree char *path = g_build_filename (sys_root, "module", "zswap", "parameters",
                                            "enabled", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  text = read_small (path, &len, NULL);
  return text != NULL && len >= 1 && (text[0] == 'Y' || text[0] == '1');
}

MgSwapState *
mg_swap_read (const char       *proc_root,
              const char       *sys_root,
              const MgMeminfo  *meminfo,
              GError          **error)
{
  g_autoptr(MgSwapState) state = mg_swap_state_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (proc_root == NULL || proc_root[0] == '\0')
    proc_root = "/proc";
  if (sys_root == NULL || sys_root[0] == '\0')
    sys_root = "/sys";

  path = g_build_filename (proc_root, "swaps", NULL);
  text = read_small (path, &len, &local_error);
  if (text == NULL)
    {
      /* A kernel built without CONFIG_SWAP has no /proc/swaps: no devices, truly. */
      if (g_error_matches (local_error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE))
        state->has_devices = TRUE;
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (!mg_proc_parse_swaps (text, len, state->devices, &local_error))
    {
      g_prefix_error (&local_error, "%s/", proc_root);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else
    {
      state->has_devices = TRUE;
      for (guint i = 0; i < state->devices->len; i++)
        {
          const MgSwapDevice *device = &g_array_index (state->devices, MgSwapDevice, i);

          if (device->type == MG_SWAP_TYPE_ZRAM)
            read_zram (state, sys_root, device->path);
        }
    }

  /* meminfo prints Zswap and Zswapped (5.x and later) whenever zswap is built in, on or
   * off; pages stored while it was on stay until they are read back. */
  if (meminfo != NULL && mg_meminfo_has (meminfo, MG_MEMINFO_ZSWAP))
    {
      state->zswap_pool_kib = meminfo->kib[MG_MEMINFO_ZSWAP];
      state->zswap_stored_kib = mg_meminfo_has (meminfo, MG_MEMINFO_ZSWAPPED)
                                  ? meminfo->kib[MG_MEMINFO_ZSWAPPED] : 0;
      state->has_zswap = state->zswap_pool_kib > 0 || state->zswap_stored_kib > 0 ||
                         zswap_enabled (sys_root);
    }

  return g_steal_pointer (&state);
}
