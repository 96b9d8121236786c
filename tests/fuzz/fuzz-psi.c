/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_proc_parse_psi() on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-psi.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Written as "inside" so that a NaN fails it too. */
static gboolean
line_ok (const MgPsiLine *line)
{
  return line->avg10 >= 0.0 && line->avg10 <= 100.0 &&
         line->avg60 >= 0.0 && line->avg60 <= 100.0 &&
         line->avg300 >= 0.0 && line->avg300 <= 100.0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  MgPsi psi;

  if (mg_proc_parse_psi ((const char *) data, size, &psi, &error))
    {
      /* Averages are shares of time; abort() is how a fuzz target reports a wrong
       * answer as a crash. */
      if (error != NULL || !line_ok (&psi.some) || (psi.has_full && !line_ok (&psi.full)))
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
