/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swap-reader: reads /proc/swaps, zram's mm_stat and zswap's state, on demand. */

#define G_LOG_DOMAIN "memgauge-swap"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "mg-parse-swaps.h"
#include "mg-swap-reader.h"

/* /proc/swaps is at most 32 devices of a header-width line each, unless paths are long;
 * mm_stat and the zswap switch are one short line. 64 KiB holds 32 paths of 2 KiB escaped;
 * anything longer is refused rather than parsed in part. */
#define MG_SWAP_READ_MAX 65536

/* Reads @path whole into a new buffer. O_NONBLOCK: a FIFO planted in a test root must not
 * hang the main loop, which calls this while the gauge window is visible. */
static char *
read_small (const char  *path,
            gsize       *len,
            GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize total = 0;
  int saved_errno = 0;
  int fd;

  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_PROC_ERROR,
                   saved_errno == ENOENT || saved_errno == ENOTDIR
                     ? MG_PROC_ERROR_MISSING_FILE : MG_PROC_ERROR_READ,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  buffer = g_malloc (MG_SWAP_READ_MAX + 1);
  while (total < MG_SWAP_READ_MAX + 1)
    {
      ssize_t n = read (fd, buffer + total, MG_SWAP_READ_MAX + 1 - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      total += (gsize) n;
    }
  close (fd);

  if (saved_errno != 0)
    {
      /* sysfs answers ENODEV once a zram device is being reset or removed. */
      g_set_error (error, MG_PROC_ERROR,
                   saved_errno == ENODEV || saved_errno == ENXIO
                     ? MG_PROC_ERROR_MISSING_FILE : MG_PROC_ERROR_READ,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  if (total > MG_SWAP_READ_MAX)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE,
                   _("%s is larger than %u KiB: not a kernel file"),
                   path, MG_SWAP_READ_MAX / 1024);
      return NULL;
    }

  *len = total;
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
