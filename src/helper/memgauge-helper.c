/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memgauge-helper: sets MemGauge's sysctl keys or compacts memory as root for pkexec. */

#define G_LOG_DOMAIN "memgauge-helper"

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
#include "mg-sysctl.h"

/* Usage: memgauge-helper sysctl KEY=VALUE... [--persist]
 *        memgauge-helper compact
 *
 * The caller is untrusted: arguments come from whoever ran pkexec. Every path this program
 * touches is a constant of mg-sysctl-table.c; its exit codes and output lines are those of
 * mg-helper-protocol.h. */

static void
fail (const char *message)
{
  /* Plain stdio: g_printerr() would consult the locale's charset. */
  fprintf (stderr, "memgauge-helper: %s\n", message);
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
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) err = NULL;
  int status;

  /* First, so nothing below (GLib, libc) can be steered by variables the caller set. pkexec
   * already resets most of them; this helper does not rely on it. No setlocale(), so messages
   * are in English and no locale files are read. */
  if (clearenv () != 0)
    return MG_HELPER_EXIT_SETUP_FAILED;
  umask (022);

  if (!ensure_standard_fds ())
    return MG_HELPER_EXIT_SETUP_FAILED;

  if (geteuid () != 0)
    {
      fail ("must run as root; run it through pkexec");
      return MG_HELPER_EXIT_NOT_ROOT;
    }

  /* Nothing is resolved relative to the caller's working directory. */
  if (chdir ("/") != 0)
    {
      fail ("cannot change to the root directory");
      return MG_HELPER_EXIT_SETUP_FAILED;
    }

  out = g_string_new (NULL);
  err = g_string_new (NULL);
  status = mg_helper_run (mg_sysctl_paths_system (), argc, (const char * const *) argv,
                          out, err);

  /* The report is the app's only view of which keys changed: write it before exiting, even
   * when something failed. */
  fputs (out->str, stdout);
  fflush (stdout);
  fputs (err->str, stderr);

  return status;
}
