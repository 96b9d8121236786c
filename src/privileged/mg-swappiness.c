/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swappiness: validate, write and persist vm.swappiness, as root in the helper. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include "mg-swappiness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* This file runs as root inside the helper. It therefore never logs (GLib's log handlers read
 * the environment) and never calls gettext; GError messages stay in English for logs and
 * standard error. It holds no function pointer or other writable switch: what the root binary
 * does is fixed at build time. */

G_DEFINE_QUARK (mg-swappiness-error-quark, mg_swappiness_error)

/* Temporary files are TEMP_PREFIX and TEMP_SUFFIX_LEN random characters: hidden and without
 * the ".conf" suffix, so systemd-sysctl never reads one. */
#define TEMP_PREFIX "." MG_SWAPPINESS_CONF_NAME "."
#define TEMP_SUFFIX_LEN 6

gboolean
mg_swappiness_parse_value (const char  *arg,
                           guint        max,
                           guint       *out,
                           GError     **error)
{
  gsize len;
  guint value = 0;

  g_return_val_if_fail (max <= MG_SWAPPINESS_MAX, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The text is hostile: never echo it back, and never scan past the fourth byte. */
  if (arg == NULL)
    {
      g_set_error_literal (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_INVALID,
                           "No value given");
      return FALSE;
    }

  len = strnlen (arg, 4);
  if (len == 0 || len > 3)
    {
      g_set_error_literal (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_INVALID,
                           "The value must be 1 to 3 digits");
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      /* g_ascii_isdigit() only: isdigit() depends on the locale, and UTF-8 digits of other
       * scripts (U+0661, U+FF11, …) are multi-byte sequences rejected here byte by byte. */
      if (!g_ascii_isdigit (arg[i]))
        {
          g_set_error_literal (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_INVALID,
                               "The value must be plain decimal digits");
          return FALSE;
        }
      value = value * 10 + (guint) (arg[i] - '0');
    }

  /* "010" could be read as octal by other tools; accept a single spelling of each number. */
  if (len > 1 && arg[0] == '0')
    {
      g_set_error_literal (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_INVALID,
                           "The value must not have leading zeros");
      return FALSE;
    }

  if (value > max)
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_OUT_OF_RANGE,
                   "The value must be between 0 and %u", max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static int
open_noeintr (const char *path,
              int         flags,
              mode_t      mode)
{
  int fd;

  do
    fd = open (path, flags, mode);
  while (fd < 0 && errno == EINTR);

  return fd;
}

static gboolean
write_all (int          fd,
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

static gboolean
read_back (const char  *path,
           guint       *out,
           GError     **error)
{
  /* The kernel prints an int and a newline: at most 12 bytes ("-2147483648\n"). */
  char buf[16];
  ssize_t n;
  guint64 value = 0;
  gsize digits = 0;
  int fd;
  int saved_errno;

  fd = open_noeintr (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "Could not open %s to read it back: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  do
    n = read (fd, buf, sizeof buf - 1);
  while (n < 0 && errno == EINTR);
  saved_errno = errno;
  close (fd);

  if (n < 0)
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "Could not read %s back: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Only the first line counts: a regular file (in tests) may keep bytes of a longer old
   * value after it, since sysctl files are written without O_TRUNC. */
  for (; digits < (gsize) n && g_ascii_isdigit (buf[digits]); digits++)
    value = value * 10 + (guint64) (buf[digits] - '0');

  if (digits == 0 || digits > 10 || value > G_MAXUINT ||
      (digits < (gsize) n && buf[digits] != '\n'))
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "%s does not hold a number", path);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

gboolean
mg_swappiness_write (const char  *path,
                     guint        value,
                     GError     **error)
{
  /* "200\n" and a NUL. */
  char buf[8];
  int len;
  int fd;
  int saved_errno = 0;
  ssize_t n;
  guint read_value;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (value <= MG_SWAPPINESS_MAX, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = g_snprintf (buf, sizeof buf, "%u\n", value);

  fd = open_noeintr (path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "Could not open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  /* One write: proc_dointvec_minmax() parses each write(2) on its own, so a value split over
   * two writes would be two values. A short write therefore counts as a failure. */
  do
    n = write (fd, buf, (size_t) len);
  while (n < 0 && errno == EINTR);
  saved_errno = errno;

  if (n < 0)
    {
      close (fd);
      /* proc_dointvec_minmax() answers EINVAL for a value outside extra1..extra2. */
      if (saved_errno == EINVAL)
        g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_KERNEL_REFUSED,
                     "The kernel refused the value %u", value);
      else
        g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                     "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (n != len)
    {
      close (fd);
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "Short write to %s", path);
      return FALSE;
    }

  /* close() can report a deferred write error on some file systems; EINTR still closed it. */
  if (close (fd) < 0 && errno != EINTR)
    {
      saved_errno = errno;
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_WRITE_FAILED,
                   "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!read_back (path, &read_value, error))
    return FALSE;

  if (read_value != value)
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_READ_BACK_MISMATCH,
                   "Wrote %u to %s but read back %u", value, path, read_value);
      return FALSE;
    }

  return TRUE;
}

/* Temporary files of a persist that died before its rename; they never end in ".conf", so
 * systemd-sysctl ignores them, but they should not pile up. Only called under the lock. */
static void
remove_stale_temp_files (int dir_fd)
{
  struct dirent *entry;
  DIR *d;
  int fd;

  /* closedir() closes the descriptor it was given, so it gets its own. */
  fd = fcntl (dir_fd, F_DUPFD_CLOEXEC, 3);
  if (fd < 0)
    return;

  d = fdopendir (fd);
  if (d == NULL)
    {
      close (fd);
      return;
    }

  while ((entry = readdir (d)) != NULL)
    {
      const char *name = entry->d_name;

      /* unlinkat() without AT_REMOVEDIR removes a symbolic link itself, never its target,
       * and leaves directories alone. */
      if (g_str_has_prefix (name, TEMP_PREFIX) &&
          strlen (name) == strlen (TEMP_PREFIX) + TEMP_SUFFIX_LEN)
        (void) unlinkat (dir_fd, name, 0);
    }

  closedir (d);
}

static gboolean
fsync_noeintr (int fd)
{
  int r;

  do
    r = fsync (fd);
  while (r < 0 && errno == EINTR);

  return r == 0;
}

static gboolean
persist_failed (GError     **error,
                const char  *what,
                const char  *path,
                int          saved_errno)
{
  g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED,
               "%s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Opens @dir without following a symbolic link and checks, on what was opened rather than on
 * the name, that only the effective user (root in the helper) can change its entries: anyone
 * else who could would be able to replace the file between our write and systemd-sysctl's
 * read. */
static int
open_safe_dir (const char  *dir,
               GError     **error)
{
  struct stat st;
  int saved_errno;
  int dir_fd;

  dir_fd = open_noeintr (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (dir_fd < 0)
    {
      struct stat lst;

      saved_errno = errno;
      /* With O_DIRECTORY, Linux answers ENOTDIR for a symbolic link, ELOOP without it; the
       * lstat() only chooses the message, nothing is opened through the name again. */
      if ((saved_errno == ELOOP || saved_errno == ENOTDIR) &&
          lstat (dir, &lst) == 0 && S_ISLNK (lst.st_mode))
        {
          g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_UNSAFE_DIR,
                       "Refusing to write into %s: it is a symbolic link", dir);
          return -1;
        }
      persist_failed (error, "Could not open the directory", dir, saved_errno);
      return -1;
    }

  if (fstat (dir_fd, &st) < 0)
    {
      saved_errno = errno;
      close (dir_fd);
      persist_failed (error, "Could not examine the directory", dir, saved_errno);
      return -1;
    }

  if (st.st_uid != geteuid ())
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_UNSAFE_DIR,
                   "Refusing to write into %s: it is owned by uid %u, not %u", dir,
                   (guint) st.st_uid, (guint) geteuid ());
      close (dir_fd);
      return -1;
    }

  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_UNSAFE_DIR,
                   "Refusing to write into %s: it is writable by its group or others "
                   "(mode %04o)", dir, (guint) (st.st_mode & 07777));
      close (dir_fd);
      return -1;
    }

  return dir_fd;
}

/* O_EXCL, so no existing file or link is ever reused; a name taken (by a file this process
 * cannot remove) is simply skipped. */
static int
create_temp_file (int   dir_fd,
                  char *name_out)
{
  static const char letters[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  gsize prefix_len = strlen (TEMP_PREFIX);

  memcpy (name_out, TEMP_PREFIX, prefix_len);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      int fd;

      for (gsize i = 0; i < TEMP_SUFFIX_LEN; i++)
        name_out[prefix_len + i] = letters[g_random_int_range (0, sizeof letters - 1)];
      name_out[prefix_len + TEMP_SUFFIX_LEN] = '\0';

      do
        fd = openat (dir_fd, name_out,
                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      while (fd < 0 && errno == EINTR);

      if (fd >= 0 || errno != EEXIST)
        return fd;
    }

  errno = EEXIST;
  return -1;
}

gboolean
mg_swappiness_persist (const char  *dir,
                       guint        value,
                       GError     **error)
{
  g_autofree char *content = NULL;
  char temp_name[sizeof TEMP_PREFIX + TEMP_SUFFIX_LEN];
  int dir_fd;
  int fd;
  int saved_errno;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (value <= MG_SWAPPINESS_MAX, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  content = g_strdup_printf ("# Written by MemGauge; applying another value in MemGauge "
                             "replaces this file.\n"
                             "vm.swappiness = %u\n", value);

  dir_fd = open_safe_dir (dir, error);
  if (dir_fd < 0)
    return FALSE;

  /* Two helpers at once must not remove each other's temporary file as stale. */
  if (flock (dir_fd, LOCK_EX) < 0)
    {
      saved_errno = errno;
      close (dir_fd);
      return persist_failed (error, "Could not lock", dir, saved_errno);
    }

  remove_stale_temp_files (dir_fd);

  fd = create_temp_file (dir_fd, temp_name);
  if (fd < 0)
    {
      saved_errno = errno;
      close (dir_fd);
      return persist_failed (error, "Could not create a temporary file in", dir, saved_errno);
    }

  /* Explicitly 0644, whatever the umask: systemd-sysctl and people read this file. */
  if (fchmod (fd, 0644) < 0)
    {
      saved_errno = errno;
      goto fail_fd;
    }

  if (!write_all (fd, content, strlen (content), &saved_errno))
    goto fail_fd;

  if (!fsync_noeintr (fd))
    {
      saved_errno = errno;
      goto fail_fd;
    }

  if (close (fd) < 0 && errno != EINTR)
    {
      saved_errno = errno;
      fd = -1;
      goto fail_fd;
    }
  fd = -1;

  if (renameat (dir_fd, temp_name, dir_fd, MG_SWAPPINESS_CONF_NAME) < 0)
    {
      saved_errno = errno;
      goto fail_fd;
    }

  /* The rename is only durable once the directory entry is on disk. */
  if (!fsync_noeintr (dir_fd))
    {
      saved_errno = errno;
      close (dir_fd);
      return persist_failed (error, "Could not sync the directory", dir, saved_errno);
    }

  close (dir_fd);
  return TRUE;

fail_fd:
  if (fd >= 0)
    close (fd);
  (void) unlinkat (dir_fd, temp_name, 0);
  close (dir_fd);
  g_set_error (error, MG_SWAPPINESS_ERROR, MG_SWAPPINESS_ERROR_PERSIST_FAILED,
               "Could not write %s in %s: %s", MG_SWAPPINESS_CONF_NAME, dir,
               g_strerror (saved_errno));
  return FALSE;
}
