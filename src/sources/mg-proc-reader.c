/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-proc-reader: reads the sampled /proc files below a proc root into a fixed buffer. */

#define G_LOG_DOMAIN "memgauge-proc"

#include "config.h"

#include <string.h>

#include "mg-kernel-file.h"
#include "mg-parse-buddyinfo.h"
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
  [MG_PROC_FILE_BUDDYINFO] = "buddyinfo",
};

struct _MgProcReader {
  char *root;
  char *paths[MG_PROC_N_FILES];
  /* log2 of the page size, for the orders of buddyinfo (sysconf, once). */
  guint page_shift;
  /* Where buddyinfo is parsed to before the sample gets its summary: 8 KiB that belong in
   * the reader, allocated once, not in each sample. */
  MgBuddyinfo buddyinfo;
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
  long page_size;

  if (root == NULL || root[0] == '\0')
    root = "/proc";

  reader->root = g_strdup (root);
  for (guint i = 0; i < MG_PROC_N_FILES; i++)
    reader->paths[i] = g_build_filename (root, file_names[i], NULL);

  /* The page size is the running kernel's even for another proc root: a bug report from a
   * machine with other pages would need its own, which no file below /proc says. */
  page_size = sysconf (_SC_PAGESIZE);
  reader->page_shift = 12;
  if (page_size >= 1024 && page_size <= (1 << 20) && (page_size & (page_size - 1)) == 0)
    reader->page_shift = (guint) g_bit_nth_lsf ((gulong) page_size, -1);

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

/* Reads @path into the reader's buffer (mg_kernel_file_read(): with @missing, an absent
 * optional file costs no allocation per sample). */
static const char *
read_path (MgProcReader  *reader,
           const char    *path,
           gsize         *len,
           gboolean      *missing,
           GError       **error)
{
  if (!mg_kernel_file_read (path, reader->buffer, sizeof reader->buffer, len, missing, error))
    return NULL;

  return reader->buffer;
}

const char *
mg_proc_reader_read_file (MgProcReader  *reader,
                          MgProcFile     file,
                          gsize         *len,
                          GError       **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (file < MG_PROC_N_FILES, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  return read_path (reader, reader->paths[file], len, NULL, error);
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
  gboolean missing = FALSE;
  const char *text;
  gboolean ok = FALSE;
  gsize len = 0;

  text = read_path (reader, reader->paths[file], &len, optional ? &missing : NULL,
                    &local_error);
  if (text == NULL)
    {
      if (missing)
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
    case MG_PROC_FILE_BUDDYINFO:
      ok = mg_proc_parse_buddyinfo (text, len, &reader->buddyinfo, &local_error) &&
           mg_proc_buddyinfo_summarize (&reader->buddyinfo, reader->page_shift,
                                        &sample->fragmentation, &local_error);
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

  /* vmstat, PSI (Linux 4.20, CONFIG_PSI), swappiness and buddyinfo may be missing in
   * containers and on old or small kernels; meminfo is what the level is made of. */
  return read_one (reader, MG_PROC_FILE_MEMINFO, FALSE, &has_meminfo, sample, error) &&
         read_one (reader, MG_PROC_FILE_VMSTAT, TRUE, &sample->has_vmstat, sample, error) &&
         read_one (reader, MG_PROC_FILE_PRESSURE, TRUE, &sample->has_psi, sample, error) &&
         read_one (reader, MG_PROC_FILE_SWAPPINESS, TRUE, &sample->has_swappiness, sample,
                   error) &&
         read_one (reader, MG_PROC_FILE_BUDDYINFO, TRUE, &sample->has_fragmentation, sample,
                   error);
}

gboolean
mg_proc_reader_read_sysctl (MgProcReader    *reader,
                            MgSysctlValues  *out,
                            GError         **error)
{
  MgSysctlValues values = { 0 };

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      /* "vm.dirty_ratio" is sys/vm/dirty_ratio below the proc root. */
      const char *name = mg_sysctl_key_name ((MgSysctlKey) k) + strlen ("vm.");
      g_autofree char *what = g_strconcat ("sys/vm/", name, NULL);
      g_autofree char *path = g_build_filename (reader->root, what, NULL);
      g_autoptr(GError) local_error = NULL;
      const char *text;
      gsize len = 0;

      text = read_path (reader, path, &len, NULL, &local_error);
      if (text == NULL)
        {
          /* A key this kernel lacks (compaction_proactiveness before 5.9) is null. */
          if (g_error_matches (local_error, MG_PROC_ERROR, MG_PROC_ERROR_MISSING_FILE))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!mg_proc_parse_sysctl_int (text, len, what, &values.value[k], &local_error))
        {
          g_prefix_error (&local_error, "%s/", reader->root);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      values.set[k] = TRUE;
    }

  *out = values;
  return TRUE;
}
