/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-kernel-file: reading one small kernel file whole (see the header). */

#define G_LOG_DOMAIN "memgauge-sources"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "mg-kernel-file.h"
#include "mg-parse.h"

static gboolean
is_gone (int saved_errno)
{
  return saved_errno == ENOENT || saved_errno == ENOTDIR || saved_errno == ENODEV ||
         saved_errno == ENXIO;
}

gboolean
mg_kernel_file_read (const char  *path,
                     char        *buffer,
                     gsize        size,
                     gsize       *len,
                     gboolean    *missing,
                     GError     **error)
{
  gsize total = 0;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL && buffer != NULL && size > 1 && len != NULL, FALSE);

  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    saved_errno = errno;

  /* procfs hands out a whole seq_file in the first read when the buffer is large enough;
   * the loop matters for regular files in a test root. */
  while (fd >= 0 && total < size)
    {
      ssize_t n = read (fd, buffer + total, size - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      total += (gsize) n;
    }
  if (fd >= 0)
    close (fd);

  if (saved_errno != 0)
    {
      if (missing != NULL && is_gone (saved_errno))
        {
          *missing = TRUE;
          return FALSE;
        }
      g_set_error (error, MG_PROC_ERROR,
                   is_gone (saved_errno) ? MG_PROC_ERROR_MISSING_FILE : MG_PROC_ERROR_READ,
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (total >= size)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE,
                   _("%s is larger than %u KiB: not a kernel file"),
                   path, (guint) ((size - 1) / 1024));
      return FALSE;
    }

  *len = total;
  return TRUE;
}
