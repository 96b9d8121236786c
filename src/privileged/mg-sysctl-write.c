/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-write: write and read back sysctl files, a batch with restore, and compaction. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mg-sysctl-private.h"

/* Runs as root inside the helper: no logging, no gettext, no function pointer. */

int
mg_sysctl_open (const char *path,
                int         flags,
                mode_t      mode)
{
  int fd;

  do
    fd = open (path, flags, mode);
  while (fd < 0 && errno == EINTR);

  return fd;
}

gboolean
mg_sysctl_fsync (int fd)
{
  int r;

  do
    r = fsync (fd);
  while (r < 0 && errno == EINTR);

  return r == 0;
}

gboolean
mg_sysctl_write_all (int          fd,
                     const char  *buf,
                     gsize        len,
                     int         *out_errno)
{
  while (len > 0)
    {
      ssize_t n = write (fd, buf, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *out_errno = errno;
          return FALSE;
        }
      if (n == 0)
        {
          *out_errno = EIO;
          return FALSE;
        }
      buf += n;
      len -= (gsize) n;
    }

  return TRUE;
}

gssize
mg_sysctl_read_fd (int    fd,
                   char  *buf,
                   gsize  size)
{
  ssize_t n;

  do
    n = read (fd, buf, size - 1);
  while (n < 0 && errno == EINTR);

  buf[n < 0 ? 0 : n] = '\0';
  return n;
}

void
mg_sysctl_report (GString     *report,
                  MgSysctlKey  key,
                  guint64      value,
                  const char  *word)
{
  if (report != NULL)
    g_string_append_printf (report, "%s=%" G_GUINT64_FORMAT " %s\n",
                            mg_sysctl_key_name (key), value, word);
}

gboolean
mg_sysctl_read_value (const char  *path,
                      guint64     *out,
                      GError     **error)
{
  /* The kernel prints an int and a newline: at most 12 bytes ("-2147483648\n"). */
  char buf[16];
  gssize n;
  guint64 value = 0;
  gssize digits = 0;
  int saved_errno;
  int fd;

  /* O_NONBLOCK: a FIFO in a test tree must not hang the helper. */
  fd = mg_sysctl_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_SYSCTL_ERROR,
                   saved_errno == ENOENT ? MG_SYSCTL_ERROR_UNSUPPORTED
                                         : MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Could not open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  n = mg_sysctl_read_fd (fd, buf, sizeof buf);
  saved_errno = errno;
  close (fd);

  if (n < 0)
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Could not read %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Only the first line counts: a regular file (in tests) may keep bytes of a longer old
   * value after it, since sysctl files are written without O_TRUNC. */
  for (; digits < n && g_ascii_isdigit (buf[digits]); digits++)
    value = value * 10 + (guint64) (buf[digits] - '0');

  if (digits == 0 || digits > MG_SYSCTL_VALUE_MAX_DIGITS || value > G_MAXINT ||
      (digits < n && buf[digits] != '\n'))
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "%s does not hold a number", path);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* One write of @text to the existing file @path, never following a symbolic link. */
static gboolean
write_once (const char  *path,
            const char  *text,
            GError     **error)
{
  gsize len = strlen (text);
  int saved_errno;
  ssize_t n;
  int fd;

  fd = mg_sysctl_open (path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Could not open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  /* One write: proc_dointvec_minmax() parses each write(2) on its own, so a value split over
   * two writes would be two values. A short write therefore counts as a failure. */
  do
    n = write (fd, text, len);
  while (n < 0 && errno == EINTR);
  saved_errno = errno;

  if (n < 0)
    {
      close (fd);
      /* proc_dointvec_minmax() answers EINVAL for a value outside extra1..extra2. */
      if (saved_errno == EINVAL)
        g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_KERNEL_REFUSED,
                     "The kernel refused the value for %s", path);
      else
        g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                     "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if ((gsize) n != len)
    {
      close (fd);
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Short write to %s", path);
      return FALSE;
    }

  /* close() can report a deferred write error on some file systems; EINTR still closed it. */
  if (close (fd) < 0 && errno != EINTR)
    {
      saved_errno = errno;
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_sysctl_write_value (const char  *path,
                       guint64      value,
                       GError     **error)
{
  /* Ten digits, a newline and a NUL. */
  char buf[16];
  guint64 read_value;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (value <= G_MAXINT, FALSE);

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT "\n", value);
  if (!write_once (path, buf, error))
    return FALSE;

  if (!mg_sysctl_read_value (path, &read_value, error))
    {
      /* Read back failing after a write is a write failure, whatever the reason. */
      if (error != NULL && *error != NULL)
        (*error)->code = MG_SYSCTL_ERROR_WRITE_FAILED;
      return FALSE;
    }

  if (read_value != value)
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED,
                   "Wrote %" G_GUINT64_FORMAT " to %s but read back %" G_GUINT64_FORMAT,
                   value, path, read_value);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_sysctl_apply (const MgSysctlPaths   *paths,
                 const MgSysctlRequest *request,
                 const guint64          live[MG_SYSCTL_N_KEYS],
                 GString               *report,
                 MgSysctlKey           *out_key,
                 GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean restored_all = TRUE;
  guint failed;

  g_return_val_if_fail (paths != NULL && request != NULL && out_key != NULL, FALSE);

  for (failed = 0; failed < request->n; failed++)
    {
      MgSysctlKey key = request->keys[failed];
      guint64 value = request->values[failed];

      if (!mg_sysctl_write_value (paths->keys[key], value, &local_error))
        {
          gboolean refused = g_error_matches (local_error, MG_SYSCTL_ERROR,
                                              MG_SYSCTL_ERROR_KERNEL_REFUSED);

          mg_sysctl_report (report, key, value, refused ? "refused" : "failed");
          break;
        }
      mg_sysctl_report (report, key, value, "ok");
    }

  if (failed == request->n)
    return TRUE;

  *out_key = request->keys[failed];

  /* The last written first, so the kernel passes back through the states it came from. */
  for (guint i = failed; i-- > 0;)
    {
      MgSysctlKey key = request->keys[i];

      if (mg_sysctl_write_value (paths->keys[key], live[key], NULL))
        mg_sysctl_report (report, key, live[key], "restored");
      else
        {
          mg_sysctl_report (report, key, live[key], "unrestored");
          restored_all = FALSE;
        }
    }

  if (!restored_all)
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_RESTORE_FAILED,
                   "%s; an earlier key could not be restored", local_error->message);
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
mg_sysctl_compact (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  /* sysctl_compaction_handler() compacts every node before write() returns; compact_memory
   * is write-only (mode 0200), so there is nothing to read back. */
  if (!write_once (path, "1\n", error))
    {
      if (error != NULL && *error != NULL)
        (*error)->code = MG_SYSCTL_ERROR_WRITE_FAILED;
      return FALSE;
    }

  return TRUE;
}
