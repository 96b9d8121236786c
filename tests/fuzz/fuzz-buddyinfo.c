/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_proc_parse_buddyinfo() and the fragmentation summary on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-buddyinfo.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Parsed to a static buffer, as the reader does: 8 KiB on the stack would hide nothing. */
static MgBuddyinfo info;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgFragmentation frag;

  info.n_zones = 0;
  info.n_orders = 0;
  if (mg_proc_parse_buddyinfo ((const char *) data, size, &info, &error))
    {
      /* abort() is how a fuzz target reports a wrong answer as a crash. */
      if (error != NULL || info.n_zones == 0 || info.n_zones > MG_BUDDYINFO_MAX_ZONES ||
          info.n_orders == 0 || info.n_orders > MG_BUDDYINFO_MAX_ORDERS)
        abort ();

      for (guint shift = 12; shift <= 16; shift += 4)
        {
          if (mg_proc_buddyinfo_summarize (&info, shift, &frag, &error))
            {
              /* The part in large blocks is part of the whole, and the index a share. */
              if (error != NULL || frag.free_kib_2mb > frag.free_kib ||
                  !(frag.unusable_index_2mb >= 0.0 && frag.unusable_index_2mb <= 1.0) ||
                  (frag.free_kib == 0 && frag.unusable_index_2mb != 1.0))
                abort ();
            }
          else if (error == NULL || error->domain != MG_PROC_ERROR)
            {
              abort ();
            }
          g_clear_error (&error);
        }
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR || info.n_zones != 0)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
