/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swappiness: validate, write and persist vm.swappiness, as root in the helper. */
#pragma once

#include <glib.h>

#include "mg-helper-protocol.h"

G_BEGIN_DECLS

#define MG_SWAPPINESS_ERROR (mg_swappiness_error_quark ())

/**
 * MgSwappinessError:
 * @MG_SWAPPINESS_ERROR_INVALID: the argument is not 1 to 3 ASCII digits without a superfluous
 *   leading zero (this includes signs, whitespace, hex, exponents and non-ASCII digits)
 * @MG_SWAPPINESS_ERROR_OUT_OF_RANGE: well-formed, but larger than the allowed maximum
 * @MG_SWAPPINESS_ERROR_KERNEL_REFUSED: the kernel rejected the value with `EINVAL` (for example
 *   a value above 100 before Linux 5.8)
 * @MG_SWAPPINESS_ERROR_WRITE_FAILED: the file could not be opened, written or read back
 * @MG_SWAPPINESS_ERROR_READ_BACK_MISMATCH: the write succeeded but a different value was read
 *   back
 * @MG_SWAPPINESS_ERROR_PERSIST_FAILED: the sysctl.d file could not be replaced; the old file, if
 *   any, is unchanged
 * @MG_SWAPPINESS_ERROR_UNSAFE_DIR: the sysctl.d folder is a symbolic link, belongs to another
 *   user or is writable by others; nothing was written
 *
 * Error codes of #MG_SWAPPINESS_ERROR. Their messages are in English and meant for logs and
 * the helper's standard error; what a person sees comes from mg_swappiness_outcome_get_message().
 */
typedef enum {
  MG_SWAPPINESS_ERROR_INVALID,
  MG_SWAPPINESS_ERROR_OUT_OF_RANGE,
  MG_SWAPPINESS_ERROR_KERNEL_REFUSED,
  MG_SWAPPINESS_ERROR_WRITE_FAILED,
  MG_SWAPPINESS_ERROR_READ_BACK_MISMATCH,
  MG_SWAPPINESS_ERROR_PERSIST_FAILED,
  MG_SWAPPINESS_ERROR_UNSAFE_DIR,
} MgSwappinessError;

GQuark mg_swappiness_error_quark (void);

/**
 * mg_swappiness_parse_value:
 * @arg: (nullable): the text to parse, typically `argv[1]`
 * @max: the largest value to accept, at most #MG_SWAPPINESS_MAX
 * @out: (out): the value, set only on success
 * @error: return location for a #MG_SWAPPINESS_ERROR
 *
 * Accepts exactly 1 to 3 ASCII digits with no sign, no whitespace and no leading zero unless
 * the whole text is "0", and a value of at most @max. %NULL is rejected like any other invalid
 * text.
 *
 * Returns: %TRUE if @arg is acceptable
 */
gboolean mg_swappiness_parse_value (const char  *arg,
                                    guint        max,
                                    guint       *out,
                                    GError     **error);

/**
 * mg_swappiness_write:
 * @path: the file to write, #MG_SWAPPINESS_PROC_PATH in the helper; it must exist
 * @value: the value, already validated
 * @error: return location for a #MG_SWAPPINESS_ERROR
 *
 * Writes "@value\n" in a single `write` (a sysctl file takes the whole value from one write),
 * without following a symbolic link, then reads the file back and compares.
 *
 * Returns: %TRUE if the file now holds @value; on failure @error is
 *   %MG_SWAPPINESS_ERROR_KERNEL_REFUSED, %MG_SWAPPINESS_ERROR_WRITE_FAILED or
 *   %MG_SWAPPINESS_ERROR_READ_BACK_MISMATCH
 */
gboolean mg_swappiness_write (const char  *path,
                              guint        value,
                              GError     **error);

/**
 * mg_swappiness_persist:
 * @dir: the directory, #MG_SWAPPINESS_SYSCTL_DIR in the helper; it must exist
 * @value: the value, already validated
 * @error: return location for a #MG_SWAPPINESS_ERROR
 *
 * Atomically replaces `@dir/99-memgauge-swappiness.conf` with `vm.swappiness = @value`, mode
 * 0644, working only relative to a descriptor of @dir. @dir is refused, with nothing written,
 * when it is a symbolic link, is not owned by the effective user (root in the helper) or is
 * writable by its group or others: whoever could write there could swap files under us. A
 * temporary file is created in @dir with `O_EXCL | O_NOFOLLOW`, written, synced and renamed
 * over the old file, then @dir is synced. On failure the temporary file is removed and the old
 * file is untouched; temporary files left by an earlier crash are removed first.
 *
 * Returns: %TRUE on success; on failure @error is %MG_SWAPPINESS_ERROR_UNSAFE_DIR or
 *   %MG_SWAPPINESS_ERROR_PERSIST_FAILED
 */
gboolean mg_swappiness_persist (const char  *dir,
                                guint        value,
                                GError     **error);

G_END_DECLS
