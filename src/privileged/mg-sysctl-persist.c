/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-persist: replace /etc/sysctl.d/99-memgauge.conf atomically through a folder fd. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mg-sysctl-private.h"

/* Runs as root inside the helper: no logging, no gettext, no function pointer. */

/* Temporary files are a hidden prefix and TEMP_SUFFIX_LEN random characters, without the
 * ".conf" suffix, so systemd-sysctl never reads one. The old helper's prefix is cleaned too. */
#define TEMP_PREFIX "." MG_SYSCTL_CONF_NAME "."
#define OLD_TEMP_PREFIX "." MG_SWAPPINESS_CONF_NAME "."
#define TEMP_SUFFIX_LEN 6

/* Our own files hold at most seven short lines and a comment; a person may have added a few
 * comments. Anything larger is not ours to merge. */
#define CONF_MAX_SIZE 4096

static gboolean
persist_failed (GError     **error,
                const char  *what,
                const char  *dir,
                int          saved_errno)
{
  g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_PERSIST_FAILED,
               "%s %s: %s", what, dir, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
is_temp_name (const char *name,
              const char *prefix)
{
  return g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + TEMP_SUFFIX_LEN;
}

/* Temporary files of a persist that died before its rename. Only called under the lock. */
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
      /* unlinkat() without AT_REMOVEDIR removes a symbolic link itself, never its target,
       * and leaves directories alone. */
      if (is_temp_name (entry->d_name, TEMP_PREFIX) ||
          is_temp_name (entry->d_name, OLD_TEMP_PREFIX))
        (void) unlinkat (dir_fd, entry->d_name, 0);
    }

  closedir (d);
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

  dir_fd = mg_sysctl_open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (dir_fd < 0)
    {
      struct stat lst;

      saved_errno = errno;
      /* With O_DIRECTORY, Linux answers ENOTDIR for a symbolic link, ELOOP without it; the
       * lstat() only chooses the message, nothing is opened through the name again. */
      if ((saved_errno == ELOOP || saved_errno == ENOTDIR) &&
          lstat (dir, &lst) == 0 && S_ISLNK (lst.st_mode))
        {
          g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_UNSAFE_DIR,
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
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_UNSAFE_DIR,
                   "Refusing to write into %s: it is owned by uid %u, not %u", dir,
                   (guint) st.st_uid, (guint) geteuid ());
      close (dir_fd);
      return -1;
    }

  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_UNSAFE_DIR,
                   "Refusing to write into %s: it is writable by its group or others "
                   "(mode %04o)", dir, (guint) (st.st_mode & 07777));
      close (dir_fd);
      return -1;
    }

  return dir_fd;
}

/* Reads the keys an earlier persist wrote into @name, filling the entries of @values whose
 * @have is still FALSE. Lines that are not "KEY = VALUE" of the table are dropped: the next
 * file is MemGauge's own again. A missing file, or a symbolic link in its place (the rename
 * replaces the link itself), sets nothing; a file that cannot be read fails, rather than
 * rewriting it without its keys. */
static gboolean
merge_old_file (int          dir_fd,
                const char  *name,
                gboolean     have[MG_SYSCTL_N_KEYS],
                guint64      values[MG_SYSCTL_N_KEYS],
                gboolean    *out_exists,
                int         *out_errno)
{
  char buf[CONF_MAX_SIZE + 1];
  g_auto(GStrv) lines = NULL;
  struct stat st;
  gssize n;
  int fd;

  *out_exists = FALSE;

  do
    fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      if (errno == ENOENT || errno == ELOOP)
        return TRUE;
      *out_errno = errno;
      return FALSE;
    }

  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) || st.st_size > CONF_MAX_SIZE)
    {
      close (fd);
      *out_errno = EINVAL;
      return FALSE;
    }

  n = mg_sysctl_read_fd (fd, buf, sizeof buf);
  *out_errno = errno;
  close (fd);
  if (n < 0)
    return FALSE;

  *out_exists = TRUE;
  lines = g_strsplit (buf, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *eq = strchr (line, '=');
      MgSysctlKey key;
      guint64 value;
      char *value_text;

      if (eq == NULL || line[0] == '#' || line[0] == ';')
        continue;
      *eq = '\0';
      g_strchomp (line);
      value_text = g_strchug (eq + 1);
      if (mg_sysctl_lookup_key (line, strlen (line), &key) && !have[key] &&
          mg_sysctl_parse_value (value_text, strlen (value_text), &value, NULL))
        {
          have[key] = TRUE;
          values[key] = value;
        }
    }

  return TRUE;
}

/* O_EXCL, so no existing file or link is ever reused; a name taken is simply skipped. */
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

/* Writes @content into a new temporary file of @dir_fd and renames it to MG_SYSCTL_CONF_NAME;
 * on failure the temporary file is gone and *@out_errno says why. */
static gboolean
replace_conf (int          dir_fd,
              const char  *content,
              int         *out_errno)
{
  char temp_name[sizeof TEMP_PREFIX + TEMP_SUFFIX_LEN];
  int fd;

  fd = create_temp_file (dir_fd, temp_name);
  if (fd < 0)
    {
      *out_errno = errno;
      return FALSE;
    }

  /* Explicitly 0644, whatever the umask: systemd-sysctl and people read this file. Only
   * mg_sysctl_write_all() sets *out_errno; the others leave their reason in errno. */
  *out_errno = 0;
  if (fchmod (fd, 0644) < 0 ||
      !mg_sysctl_write_all (fd, content, strlen (content), out_errno) ||
      !mg_sysctl_fsync (fd))
    {
      if (*out_errno == 0)
        *out_errno = errno;
      close (fd);
      (void) unlinkat (dir_fd, temp_name, 0);
      return FALSE;
    }

  if (close (fd) < 0 && errno != EINTR)
    {
      *out_errno = errno;
      (void) unlinkat (dir_fd, temp_name, 0);
      return FALSE;
    }

  if (renameat (dir_fd, temp_name, dir_fd, MG_SYSCTL_CONF_NAME) < 0)
    {
      *out_errno = errno;
      (void) unlinkat (dir_fd, temp_name, 0);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_sysctl_persist (const char            *dir,
                   const MgSysctlRequest *request,
                   GString               *report,
                   GError               **error)
{
  gboolean have[MG_SYSCTL_N_KEYS] = { FALSE };
  guint64 values[MG_SYSCTL_N_KEYS] = { 0 };
  g_autoptr(GString) content = NULL;
  gboolean conf_exists, old_exists;
  int saved_errno = 0;
  int dir_fd;

  g_return_val_if_fail (dir != NULL && request != NULL, FALSE);

  /* The request wins over the file, which wins over the old helper's file (it sorts after
   * it, so its value was the one applied at boot). */
  for (guint i = 0; i < request->n; i++)
    {
      have[request->keys[i]] = TRUE;
      values[request->keys[i]] = request->values[i];
    }

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

  if (!merge_old_file (dir_fd, MG_SYSCTL_CONF_NAME, have, values, &conf_exists, &saved_errno) ||
      !merge_old_file (dir_fd, MG_SWAPPINESS_CONF_NAME, have, values, &old_exists,
                       &saved_errno))
    {
      close (dir_fd);
      return persist_failed (error, "Could not read MemGauge's earlier file in", dir,
                             saved_errno);
    }

  content = g_string_new ("# Written by MemGauge; applying values in MemGauge replaces "
                          "this file.\n");
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (have[k])
      g_string_append_printf (content, "%s = %" G_GUINT64_FORMAT "\n",
                              mg_sysctl_key_name ((MgSysctlKey) k), values[k]);

  if (!replace_conf (dir_fd, content->str, &saved_errno))
    {
      close (dir_fd);
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_PERSIST_FAILED,
                   "Could not write %s in %s: %s", MG_SYSCTL_CONF_NAME, dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* Only now that its value is in the new file does the old one go. */
  if (old_exists && unlinkat (dir_fd, MG_SWAPPINESS_CONF_NAME, 0) < 0 && errno != ENOENT)
    {
      saved_errno = errno;
      close (dir_fd);
      return persist_failed (error, "Could not remove " MG_SWAPPINESS_CONF_NAME " from", dir,
                             saved_errno);
    }

  /* The rename is only durable once the directory entry is on disk. */
  if (!mg_sysctl_fsync (dir_fd))
    {
      saved_errno = errno;
      close (dir_fd);
      return persist_failed (error, "Could not sync the directory", dir, saved_errno);
    }

  close (dir_fd);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (have[k])
      mg_sysctl_report (report, (MgSysctlKey) k, values[k], "persisted");

  return TRUE;
}
