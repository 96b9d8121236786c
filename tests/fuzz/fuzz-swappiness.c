/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_proc_parse_swappiness() on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-swappiness.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  guint swappiness = G_MAXUINT;

  if (mg_proc_parse_swappiness ((const char *) data, size, &swappiness, &error))
    {
      /* The kernel accepts 0 to 200 (100 before 5.8); abort() is how a fuzz target
       * reports a wrong answer as a crash. */
      if (error != NULL || swappiness > 200)
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
