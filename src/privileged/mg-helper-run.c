/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-run: memgauge-helper's work once it is safe to run: grammar, checks, writes, exit code. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include "mg-sysctl-private.h"

/* Runs as root inside the helper: no logging, no gettext, no function pointer. Kept apart
 * from main() so that the unit tests run exactly this against a temporary tree. */

static int
key_exit (MgHelperExit base,
          MgSysctlKey  key)
{
  return (int) base + (int) key;
}

static int
run_sysctl (const MgSysctlPaths   *paths,
            const MgSysctlRequest *request,
            GString               *out,
            GString               *err)
{
  g_autoptr(GError) error = NULL;
  guint64 live[MG_SYSCTL_N_KEYS] = { 0 };
  MgSysctlKey key = MG_SYSCTL_N_KEYS;

  /* Every check before the first write: a refused request changes nothing. */
  if (!mg_sysctl_check (paths, request, live, &key, &error))
    {
      g_string_append_printf (err, "memgauge-helper: %s\n", error->message);
      if (g_error_matches (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_UNSUPPORTED))
        return key_exit (MG_HELPER_EXIT_UNSUPPORTED, key);
      return key_exit (MG_HELPER_EXIT_OUT_OF_RANGE, key);
    }

  /* The running values first: a value the kernel refuses must never be persisted. */
  if (!mg_sysctl_apply (paths, request, live, out, &key, &error))
    {
      g_string_append_printf (err, "memgauge-helper: %s\n", error->message);
      if (g_error_matches (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_RESTORE_FAILED))
        return key_exit (MG_HELPER_EXIT_RESTORE_FAILED, key);
      if (g_error_matches (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_KERNEL_REFUSED))
        return key_exit (MG_HELPER_EXIT_KERNEL_REFUSED, key);
      return key_exit (MG_HELPER_EXIT_WRITE_FAILED, key);
    }

  if (request->persist && !mg_sysctl_persist (paths->sysctl_dir, request, out, &error))
    {
      g_string_append_printf (err, "memgauge-helper: %s\n", error->message);
      return MG_HELPER_EXIT_PERSIST_FAILED;
    }

  return MG_HELPER_EXIT_OK;
}

int
mg_helper_run (const MgSysctlPaths  *paths,
               int                   argc,
               const char * const   *argv,
               GString              *out,
               GString              *err)
{
  g_autoptr(GError) error = NULL;
  MgSysctlRequest request;
  MgHelperVerb verb;
  MgSysctlKey key;

  g_return_val_if_fail (paths != NULL && out != NULL && err != NULL, MG_HELPER_EXIT_USAGE);

  if (!mg_sysctl_parse_args (argc, argv, &verb, &request, &key, &error))
    {
      g_string_append_printf (err, "memgauge-helper: %s\n", error->message);
      if (g_error_matches (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_USAGE))
        return MG_HELPER_EXIT_USAGE;
      return MG_HELPER_EXIT_INVALID;
    }

  if (verb == MG_HELPER_VERB_COMPACT)
    {
      if (!mg_sysctl_compact (paths->compact_memory, &error))
        {
          g_string_append_printf (err, "memgauge-helper: %s\n", error->message);
          return MG_HELPER_EXIT_COMPACT_FAILED;
        }
      g_string_append (out, "vm.compact_memory=1 ok\n");
      return MG_HELPER_EXIT_OK;
    }

  return run_sysctl (paths, &request, out, err);
}
