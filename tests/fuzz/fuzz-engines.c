/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the readers of podman's containers.json and docker's config.v2.json
 * (mg-group-engines.c) on arbitrary bytes; the first byte picks the reader. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-group-engines.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_text (const char *text)
{
  /* Names go into JSON and labels: valid UTF-8 without NUL, never empty. */
  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size == 0)
    return 0;

  if (data[0] & 1)
    {
      char *name = mg_group_parse_docker_config ((const char *) data + 1, size - 1);

      if (name != NULL)
        check_text (name);
      g_free (name);
    }
  else
    {
      GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      GHashTableIter iter;
      gpointer key, value;

      (void) mg_group_parse_podman_containers ((const char *) data + 1, size - 1, names);
      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          check_text (key);
          check_text (value);
        }
      g_hash_table_unref (names);
    }

  return 0;
}
