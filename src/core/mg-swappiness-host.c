/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swappiness-host: what the running system allows for swappiness (kernel range, sandbox). */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include "mg-swappiness-host.h"

#include <errno.h>
#include <sys/utsname.h>

#include "mg-helper-protocol.h"

/* Reads a decimal number of at most 4 digits at *p and moves *p past it. */
static gboolean
parse_component (const char **p,
                 guint       *out)
{
  guint value = 0;
  guint digits = 0;

  while (g_ascii_isdigit (**p) && digits < 4)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      digits++;
    }

  *out = value;
  return digits > 0 && !g_ascii_isdigit (**p);
}

guint
mg_swappiness_max_for_release (const char *release)
{
  const char *p = release;
  guint major;
  guint minor;

  if (p == NULL || !parse_component (&p, &major) || *p != '.')
    return MG_SWAPPINESS_MAX;
  p++;
  if (!parse_component (&p, &minor))
    return MG_SWAPPINESS_MAX;

  /* Linux 5.8 raised the limit from 100 to 200 so that swapping anonymous memory can be
   * preferred over dropping file cache (commit c843966c556d, "mm: allow swappiness that
   * prefers reclaiming anon over the file workingset"). */
  if (major > 5 || (major == 5 && minor >= 8))
    return 200;

  return 100;
}

guint
mg_swappiness_kernel_max (void)
{
  struct utsname name;

  if (uname (&name) != 0)
    {
      g_debug ("uname() failed: %s", g_strerror (errno));
      return MG_SWAPPINESS_MAX;
    }

  return mg_swappiness_max_for_release (name.release);
}

gboolean
mg_swappiness_in_flatpak (const char *flatpak_info)
{
  return g_file_test (flatpak_info != NULL ? flatpak_info : MG_SWAPPINESS_FLATPAK_INFO,
                      G_FILE_TEST_EXISTS);
}
