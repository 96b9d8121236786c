/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the parser of zram's mm_stat on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-swaps.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgZramStat stat = { 0 };

  if (mg_sys_parse_zram_mm_stat ((const char *) data, size, &stat, &error))
    {
      /* abort () is how a fuzz target reports a wrong answer as a crash. */
      if (error != NULL || stat.n_fields < 3 || stat.device != NULL)
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
