/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the swappiness and one-int sysctl parsers on arbitrary bytes. */

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
  guint64 value = G_MAXUINT64;

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

  /* The same kind of file for the other keys of --json: one int. */
  if (mg_proc_parse_sysctl_int ((const char *) data, size, "sys/vm/dirty_ratio", &value, &error))
    {
      if (error != NULL || value > G_MAXINT)
        abort ();
    }
  else if (error == NULL || error->domain != MG_PROC_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
