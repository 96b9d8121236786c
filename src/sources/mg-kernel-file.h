/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-kernel-file: reading one small kernel file (procfs, sysfs) whole, the same way for
 * every reader of the sources layer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * mg_kernel_file_read:
 * @path: the file
 * @buffer: where its text goes (not NUL-terminated)
 * @size: the size of @buffer: one byte more than the largest file taken, so that a longer
 *   one is seen and refused rather than parsed in part
 * @len: (out): how many bytes were read
 * @missing: (out) (optional): with it, a file that does not exist (ENOENT, ENOTDIR) or
 *   whose device went away while it was read (ENODEV, ENXIO: a zram device being reset)
 *   sets *@missing and returns %FALSE without an error, allocating nothing
 * @error: %MG_PROC_ERROR_MISSING_FILE, %MG_PROC_ERROR_READ or %MG_PROC_ERROR_TOO_LARGE,
 *   naming @path
 *
 * Opens with O_NONBLOCK, so that a FIFO planted in a test root cannot hang the main loop.
 * Allocates nothing unless it fails with an error.
 *
 * Returns: whether @buffer holds the whole file
 */
gboolean mg_kernel_file_read (const char  *path,
                              char        *buffer,
                              gsize        size,
                              gsize       *len,
                              gboolean    *missing,
                              GError     **error);

G_END_DECLS
