/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-env: the only place the app reads its test seams from the environment. */

#define G_LOG_DOMAIN "memgauge-env"

#include "config.h"

#include <errno.h>

#include "mg-env.h"

const char *
mg_env_get_helper_command (void)
{
  const char *command = g_getenv (MG_HELPER_COMMAND_ENV);

  if (command == NULL || command[0] == '\0')
    return NULL;

  return command;
}

gboolean
mg_env_parse_interval_ms (const char *text,
                          guint      *out)
{
  guint64 value;
  char *end = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  /* g_ascii_strtoull() alone would take a sign, leading spaces or "0x"; digits only. */
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;
  if (value < 1 || value > MG_ENV_TEST_INTERVAL_MS_MAX)
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

guint
mg_env_get_test_interval_ms (void)
{
  const char *text = g_getenv (MG_TEST_INTERVAL_MS_ENV);
  guint value;

  if (text == NULL)
    return 0;

  if (!mg_env_parse_interval_ms (text, &value))
    {
      g_warning ("Ignoring %s=%s: expected a number of milliseconds from 1 to %u",
                 MG_TEST_INTERVAL_MS_ENV, text, (guint) MG_ENV_TEST_INTERVAL_MS_MAX);
      return 0;
    }

  return value;
}

const char *
mg_env_get_cgroup_root (void)
{
  const char *root = g_getenv (MG_CGROUP_ROOT_ENV);

  if (root == NULL || root[0] == '\0')
    return "/sys/fs/cgroup";

  return root;
}

const char *
mg_env_get_sys_root (void)
{
  const char *root = g_getenv (MG_SYS_ROOT_ENV);

  if (root == NULL || root[0] == '\0')
    return "/sys";

  return root;
}

gboolean
mg_env_get_mlock_allowed (void)
{
  return g_strcmp0 (g_getenv (MG_MLOCK_ENV), "0") != 0;
}

guint
mg_env_get_end_grace_ms (guint default_ms)
{
  const char *text = g_getenv (MG_END_GRACE_MS_ENV);
  guint value = 0;

  if (text == NULL || text[0] == '\0')
    return default_ms;
  if (!mg_env_parse_interval_ms (text, &value))
    {
      g_warning ("Ignoring %s=%s: expected a number of milliseconds from 1 to %u",
                 MG_END_GRACE_MS_ENV, text, (guint) MG_ENV_TEST_INTERVAL_MS_MAX);
      return default_ms;
    }

  return value;
}

guint
mg_env_get_test_unreachable_ms (void)
{
  const char *text = g_getenv (MG_TEST_UNREACHABLE_MS_ENV);
  guint value = 0;

  if (text == NULL || text[0] == '\0')
    return 0;
  if (!mg_env_parse_interval_ms (text, &value))
    {
      g_warning ("Ignoring %s=%s: expected a number of milliseconds from 1 to %u",
                 MG_TEST_UNREACHABLE_MS_ENV, text, (guint) MG_ENV_TEST_INTERVAL_MS_MAX);
      return 0;
    }

  return value;
}
