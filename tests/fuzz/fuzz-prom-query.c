/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: mg_parse_prom_query() (json-glib under it) on arbitrary bytes. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "mg-parse-prom-query.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  GPtrArray *hosts = mg_parse_prom_query ((const char *) data, size, &error);

  if (hosts != NULL)
    {
      if (error != NULL || hosts->len > MG_REMOTE_MAX_HOSTS)
        abort ();
      for (guint i = 0; i < hosts->len; i++)
        {
          MgPromHost *host = g_ptr_array_index (hosts, i);

          /* Sorted, unique, valid UTF-8 names; a host without an error passed the check. */
          if (!g_utf8_validate (host->instance, -1, NULL) ||
              (i > 0 && strcmp (((MgPromHost *) hosts->pdata[i - 1])->instance,
                                host->instance) >= 0))
            abort ();
          if (host->error == NULL && !mg_remote_memory_check (&host->memory, NULL))
            abort ();
        }
      g_ptr_array_unref (hosts);
    }
  else if (error == NULL || error->domain != MG_REMOTE_ERROR)
    {
      abort ();
    }

  g_clear_error (&error);
  return 0;
}
