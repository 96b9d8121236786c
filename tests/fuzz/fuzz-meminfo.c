/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_proc_parse_meminfo() on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-meminfo.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgMeminfo info;

  if (mg_proc_parse_meminfo ((const char *) data, size, &info, &error))
    {
      const guint64 *kib = info.kib;

      /* Accepted text must give numbers that can be true together; abort() is how a
       * fuzz target reports a wrong answer as a crash. */
      if (error != NULL ||
          kib[MG_MEMINFO_MEM_TOTAL] == 0 ||
          kib[MG_MEMINFO_MEM_AVAILABLE] > kib[MG_MEMINFO_MEM_TOTAL] ||
          (mg_meminfo_has (&info, MG_MEMINFO_SWAP_FREE) &&
           mg_meminfo_has (&info, MG_MEMINFO_SWAP_TOTAL) &&
           kib[MG_MEMINFO_SWAP_FREE] > kib[MG_MEMINFO_SWAP_TOTAL]) ||
          (info.mem_available_estimated &&
           mg_meminfo_has (&info, MG_MEMINFO_MEM_AVAILABLE)))
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
