/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-proc-reader: reads the sampled /proc files below a proc root into a fixed buffer. */
#pragma once

#include "mg-helper-report.h"
#include "mg-parse.h"
#include "mg-sample.h"

G_BEGIN_DECLS

typedef enum {
  MG_PROC_FILE_MEMINFO,
  MG_PROC_FILE_VMSTAT,
  MG_PROC_FILE_PRESSURE,
  MG_PROC_FILE_SWAPPINESS,
  MG_PROC_FILE_BUDDYINFO,
  MG_PROC_N_FILES,
} MgProcFile;

typedef struct _MgProcReader MgProcReader;

/**
 * mg_proc_reader_new:
 * @root: (nullable): the proc root, such as `/proc`; %NULL means `/proc`
 *
 * Returns: (transfer full): a reader; it opens nothing until the first read
 */
MgProcReader *mg_proc_reader_new       (const char    *root);
void          mg_proc_reader_free      (MgProcReader  *reader);
const char   *mg_proc_reader_get_root  (MgProcReader  *reader);

/**
 * mg_proc_reader_read:
 * @reader: a reader
 * @sample: (out caller-allocates): filled in; rates and @time_us are left alone
 * @error: set when meminfo is missing or any file present is malformed; the error
 *   message names the file
 *
 * Reads and parses meminfo, vmstat, pressure/memory, sys/vm/swappiness and buddyinfo. A
 * missing vmstat, pressure, swappiness or buddyinfo file is no error: that part is marked
 * absent (bug reports from before MemGauge read buddyinfo lack it). Allocates nothing unless
 * it fails.
 */
gboolean      mg_proc_reader_read      (MgProcReader  *reader,
                                        MgSample      *sample,
                                        GError       **error);

/**
 * mg_proc_reader_read_file:
 * @reader: a reader
 * @file: which file
 * @len: (out): how many bytes were read
 * @error: set with %MG_PROC_ERROR_MISSING_FILE, %MG_PROC_ERROR_READ or
 *   %MG_PROC_ERROR_TOO_LARGE
 *
 * Reads one file into the reader's buffer without parsing it (the benchmark's baseline).
 *
 * Returns: (transfer none) (nullable): the text, valid until the next read
 */
const char   *mg_proc_reader_read_file (MgProcReader  *reader,
                                        MgProcFile     file,
                                        gsize         *len,
                                        GError       **error);

const char   *mg_proc_file_name        (MgProcFile     file);

/**
 * mg_proc_reader_read_sysctl:
 * @reader: a reader
 * @out: (out caller-allocates): the value of each key of MemGauge's helper table, read from
 *   `sys/vm/` below the proc root; unset where the kernel lacks the file
 * @error: set when a file exists but cannot be read or is not one int; the message names it
 *
 * For `--json`: read once, not every sample.
 *
 * Returns: %TRUE unless a file is unreadable or malformed
 */
gboolean      mg_proc_reader_read_sysctl (MgProcReader    *reader,
                                          MgSysctlValues  *out,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgProcReader, mg_proc_reader_free)

G_END_DECLS
