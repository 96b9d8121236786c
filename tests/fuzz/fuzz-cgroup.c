/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the cgroup file parsers (mg-parse-cgroup.c, and the PSI parser as
 * memory.pressure) on arbitrary bytes. The first byte picks the parser, the rest is the
 * file, as MgCgroupWalker hands it over. */

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "mg-parse-cgroup.h"
#include "mg-parse-psi.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_error (gboolean  ok,
             GError   *error)
{
  /* abort () is how a fuzz target reports a wrong answer as a crash. */
  if (ok ? error != NULL : (error == NULL || error->domain != MG_PROC_ERROR))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text;
  GError *error = NULL;
  gboolean ok = FALSE;
  gboolean has = TRUE;
  guint64 value = 12345;
  gsize len;

  if (size == 0)
    return 0;
  text = (const char *) data + 1;
  len = size - 1;

  switch (data[0] % 6)
    {
    case 0:
      ok = mg_cgroup_parse_bytes (text, len, "memory.current", &value, &error);
      break;
    case 1:
      ok = mg_cgroup_parse_limit (text, len, "memory.max", &has, &value, &error);
      /* "No limit" is never a number, and a number is never as large as "none". */
      if (ok && (has ? value >= MG_CGROUP_V1_UNLIMITED_MIN : value != 0))
        abort ();
      break;
    case 2:
      ok = mg_cgroup_parse_keyed (text, len, "memory.events", "oom_kill", &has, &value, &error);
      if (ok && !has && value != 0)
        abort ();
      break;
    case 3:
      ok = mg_cgroup_parse_keyed (text, len, "memory.stat", "total_swap", &has, &value, &error);
      if (ok && !has && value != 0)
        abort ();
      break;
    case 4:
      {
        MgPsi psi;

        ok = mg_proc_parse_psi_named (text, len, "memory.pressure", &psi, &error);
        if (ok && !(psi.some.avg10 >= 0.0 && psi.some.avg10 <= 100.0))
          abort ();
      }
      break;
    default:
      /* Never fails; must not read past the end. */
      (void) mg_cgroup_parse_controllers (text, len, "memory");
      return 0;
    }

  check_error (ok, error);
  g_clear_error (&error);
  return 0;
}
