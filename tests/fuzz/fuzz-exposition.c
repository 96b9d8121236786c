/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_parse_exposition() and mg_remote_memory_check() on arbitrary bytes. */

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-exposition.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgRemoteMemory memory;

  if (mg_parse_exposition ((const char *) data, size, &memory, &error))
    {
      MgSample sample;
      double share = 0.5;

      if (error != NULL)
        abort ();
      /* Every value kept is finite, not negative and in range: abort() reports a wrong
       * answer as a crash. */
      for (int field = 0; field < MG_REMOTE_N_FIELDS; field++)
        if (mg_remote_memory_has (&memory, field) &&
            !(memory.value[field] >= 0.0 && memory.value[field] <= MG_REMOTE_MAX_BYTES))
          abort ();
      if (mg_remote_memory_check (&memory, &error))
        {
          mg_remote_memory_to_sample (&memory, &share, &share, &sample);
          if (mg_sample_available_kib (&sample) > mg_sample_total_kib (&sample) ||
              mg_sample_total_kib (&sample) == 0 ||
              sample.meminfo.kib[MG_MEMINFO_SWAP_FREE] > sample.meminfo.kib[MG_MEMINFO_SWAP_TOTAL])
            abort ();
        }
      else if (error == NULL || error->domain != MG_REMOTE_ERROR)
        abort ();
    }
  else if (error == NULL || error->domain != MG_REMOTE_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
