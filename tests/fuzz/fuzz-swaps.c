/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the /proc/swaps parser on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mg-parse-swaps.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  GArray *devices = mg_swap_devices_new ();

  if (mg_proc_parse_swaps ((const char *) data, size, devices, &error))
    {
      /* abort () is how a fuzz target reports a wrong answer as a crash. */
      if (error != NULL || devices->len > MG_SWAPS_MAX_DEVICES)
        abort ();
      for (guint i = 0; i < devices->len; i++)
        {
          const MgSwapDevice *device = &g_array_index (devices, MgSwapDevice, i);

          if (device->path == NULL || device->path[0] == '\0' ||
              device->used_kib > device->size_kib || device->type > MG_SWAP_TYPE_ZRAM ||
              (device->type == MG_SWAP_TYPE_ZRAM) != (mg_swap_path_is_zram (device->path) &&
                                                      device->type != MG_SWAP_TYPE_FILE))
            abort ();
          /* A path never holds the blank that ends it, unescaped or not. */
          if (strlen (device->path) > size)
            abort ();
        }
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR || devices->len != 0)
    {
      abort ();
    }

  g_clear_error (&error);
  g_array_unref (devices);
  return 0;
}
