/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_proc_parse_vmstat() on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-vmstat.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgVmstat vmstat;

  if (mg_proc_parse_vmstat ((const char *) data, size, &vmstat, &error))
    {
      /* pgmajfault is required, so an accepted text always has it; abort() is how a
       * fuzz target reports a wrong answer as a crash. */
      if (error != NULL ||
          !mg_vmstat_has (&vmstat, MG_VMSTAT_PGMAJFAULT) ||
          (vmstat.present >> MG_VMSTAT_N_FIELDS) != 0)
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
