/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memgauge-swappiness-helper: sets vm.swappiness as root for pkexec (mg-helper-protocol.h). */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "mg-helper-protocol.h"
#include "mg-swappiness.h"

/* Usage: memgauge-swappiness-helper VALUE [--persist]
 *
 * The caller is untrusted: arguments come from whoever ran pkexec. Everything this program
 * touches is a fixed path, and its exit codes are MgSwappinessExit. */

static void
fail (const char *message)
{
  /* Plain stdio: g_printerr() would consult the locale's charset. */
  fprintf (stderr, "memgauge-swappiness-helper: %s\n", message);
}

/* If the caller closed stdin, stdout or stderr, the next open() would take that number and a
 * message could end up inside the file being written. */
static gboolean
ensure_standard_fds (void)
{
  for (int fd = 0; fd <= 2; fd++)
    {
      if (fcntl (fd, F_GETFD) >= 0 || errno != EBADF)
        continue;
      if (open ("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean persist = FALSE;
  guint value = 0;

  /* First, so nothing below (GLib, libc) can be steered by variables the caller set. pkexec
   * already resets most of them; this helper does not rely on it. No setlocale(), so messages
   * are in English and no locale files are read. */
  if (clearenv () != 0)
    return MG_SWAPPINESS_EXIT_WRITE_FAILED;
  umask (022);

  if (!ensure_standard_fds ())
    return MG_SWAPPINESS_EXIT_WRITE_FAILED;

  if (geteuid () != 0)
    {
      fail ("must run as root; run it through pkexec");
      return MG_SWAPPINESS_EXIT_NOT_ROOT;
    }

  /* Nothing is resolved relative to the caller's working directory. */
  if (chdir ("/") != 0)
    {
      fail ("cannot change to the root directory");
      return MG_SWAPPINESS_EXIT_WRITE_FAILED;
    }

  if (argc == 3 && strcmp (argv[2], "--persist") == 0)
    persist = TRUE;
  else if (argc != 2)
    {
      fail ("usage: memgauge-swappiness-helper VALUE [--persist]");
      return MG_SWAPPINESS_EXIT_USAGE;
    }

  if (!mg_swappiness_parse_value (argv[1], MG_SWAPPINESS_MAX, &value, &error))
    {
      fail (error->message);
      return MG_SWAPPINESS_EXIT_INVALID_VALUE;
    }

  /* Write the running value first: a value the kernel refuses must never be persisted. */
  if (!mg_swappiness_write (MG_SWAPPINESS_PROC_PATH, value, &error))
    {
      fail (error->message);
      if (g_error_matches (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_KERNEL_REFUSED))
        return MG_SWAPPINESS_EXIT_KERNEL_REFUSED;
      return MG_SWAPPINESS_EXIT_WRITE_FAILED;
    }

  if (persist && !mg_swappiness_persist (MG_SWAPPINESS_SYSCTL_DIR, value, &error))
    {
      fail (error->message);
      return MG_SWAPPINESS_EXIT_PERSIST_FAILED;
    }

  return MG_SWAPPINESS_EXIT_OK;
}
