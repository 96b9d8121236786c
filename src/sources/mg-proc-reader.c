/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-proc-reader: reads the sampled /proc files below a proc root into a fixed buffer. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "mg-parse-meminfo.h"
#include "mg-parse-psi.h"
#include "mg-parse-swappiness.h"
#include "mg-parse-vmstat.h"
#include "mg-proc-reader.h"

/* /proc/vmstat is the largest file read: 3.9 KiB with about 180 counters on Linux 6.18,
 * and it grows by a few counters a release. 16 KiB leaves four times that; anything
 * larger is not a kernel file and is refused rather than parsed in part. */
#define MG_PROC_BUFFER_SIZE 16384

static const char *const file_names[MG_PROC_N_FILES] = {
  [MG_PROC_FILE_MEMINFO] = "meminfo",
  [MG_PROC_FILE_VMSTAT] = "vmstat",
  [MG_PROC_FILE_PRESSURE] = "pressure/memory",
  [MG_PROC_FILE_SWAPPINESS] = "sys/vm/swappiness",
};

struct _MgProcReader {
  char *root;
  char *paths[MG_PROC_N_FILES];
  /* One byte more than any accepted file, to tell "exactly full" from "too large". */
  char  buffer[MG_PROC_BUFFER_SIZE + 1];
};

const char *
mg_proc_file_name (MgProcFile file)
{
  g_return_val_if_fail (file < MG_PROC_N_FILES, NULL);

  return file_names[file];
}

MgProcReader *
mg_proc_reader_new (const char *root)
{
  MgProcReader *reader = g_new0 (MgProcReader, 1);

  if (root == NULL || root[0] == '\0')
    root = "/proc";

  reader->root = g_strdup (root);
  for (guint i = 0; i < MG_PROC_N_FILES; i++)
    reader->paths[i] = g_build_filename (root, file_names[i], NULL);

  return reader;
}

void
mg_proc_reader_free (MgProcReader *reader)
{
  if (reader == NULL)
    return;

  for (guint i = 0; i < MG_PROC_N_FILES; i++)
    g_free (reader->paths[i]);
  g_free (reader->root);
  g_free (reader);
}

const char *
mg_proc_reader_get_root (MgProcReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->root;
}

const char *
mg_proc_reader_read_file (MgProcReader  *reader,
                          MgProcFile     file,
                          gsize         *len,
                          GError       **error)
{
  const char *path;
  gsize total = 0;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (file < MG_PROC_N_FILES, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  path = reader->paths[file];

  /* O_NONBLOCK: a FIFO planted in a test root must not hang the main loop. */
  do
    fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);

  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, MG_PROC_ERROR,
                   saved_errno == ENOENT || saved_errno == ENOTDIR
                     ? MG_PROC_ERROR_MISSING_FILE : MG_PROC_ERROR_READ,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  /* procfs hands out a whole seq_file in the first read when the buffer is large
   * enough; the loop only matters for regular files in a test root. */
  while (total < sizeof reader->buffer)
    {
      ssize_t n = read (fd, reader->buffer + total, sizeof reader->buffer - total);

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

  close (fd);

  if (saved_errno != 0)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_READ,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  if (total > MG_PROC_BUFFER_SIZE)
    {
      g_set_error (error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE,
                   _("%s is larger than %u KiB: not a kernel file"),
                   path, MG_PROC_BUFFER_SIZE / 1024);
      return NULL;
    }

  *len = total;
  return reader->buffer;
}

/* Reads and parses one file. Returns FALSE with @error set on failure; sets *@present
 * to FALSE without an error when an optional file does not exist. */
static gboolean
read_one (MgProcReader  *reader,
          MgProcFile     file,
          gboolean       optional,
          gboolean      *present,
          MgSample      *sample,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gboolean ok = FALSE;
  gsize len = 0;

  text = mg_proc_reader_read_file (reader, file, &len, &local_error);
  if (text == NULL)
    {
      if (optional && g_error_matches (local_error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE))
        {
          *present = FALSE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  switch (file)
    {
    case MG_PROC_FILE_MEMINFO:
      ok = mg_proc_parse_meminfo (text, len, &sample->meminfo, &local_error);
      break;
    case MG_PROC_FILE_VMSTAT:
      ok = mg_proc_parse_vmstat (text, len, &sample->vmstat, &local_error);
      break;
    case MG_PROC_FILE_PRESSURE:
      ok = mg_proc_parse_psi (text, len, &sample->psi, &local_error);
      break;
    case MG_PROC_FILE_SWAPPINESS:
      ok = mg_proc_parse_swappiness (text, len, &sample->swappiness, &local_error);
      break;
    case MG_PROC_N_FILES:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      /* The parsers name the file relative to the proc root. */
      g_prefix_error (&local_error, "%s/", reader->root);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *present = TRUE;
  return TRUE;
}

gboolean
mg_proc_reader_read (MgProcReader  *reader,
                     MgSample      *sample,
                     GError       **error)
{
  gboolean has_meminfo;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (sample != NULL, FALSE);

  /* vmstat, PSI (Linux 4.20, CONFIG_PSI) and swappiness may be missing in containers
   * and on old or small kernels; meminfo is what the level is made of. */
  return read_one (reader, MG_PROC_FILE_MEMINFO, FALSE, &has_meminfo, sample, error) &&
         read_one (reader, MG_PROC_FILE_VMSTAT, TRUE, &sample->has_vmstat, sample, error) &&
         read_one (reader, MG_PROC_FILE_PRESSURE, TRUE, &sample->has_psi, sample, error) &&
         read_one (reader, MG_PROC_FILE_SWAPPINESS, TRUE, &sample->has_swappiness, sample, error);
}
