/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-swappiness: validate, write and persist vm.swappiness; shared by the helper and the app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MG_SWAPPINESS_MAX:
 *
 * The largest value any kernel accepts: 200 since Linux 5.8, 100 before. The helper accepts up
 * to this and lets an older kernel refuse the rest with `EINVAL`.
 */
#define MG_SWAPPINESS_MAX 200

/**
 * MG_SWAPPINESS_PROC_PATH:
 *
 * The only file the helper ever writes at run time.
 */
#define MG_SWAPPINESS_PROC_PATH "/proc/sys/vm/swappiness"

/**
 * MG_SWAPPINESS_SYSCTL_DIR:
 *
 * Where `--persist` writes #MG_SWAPPINESS_CONF_NAME.
 */
#define MG_SWAPPINESS_SYSCTL_DIR "/etc/sysctl.d"

/**
 * MG_SWAPPINESS_CONF_NAME:
 *
 * The file name of the persisted setting inside #MG_SWAPPINESS_SYSCTL_DIR.
 */
#define MG_SWAPPINESS_CONF_NAME "99-memgauge-swappiness.conf"

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
} MgSwappinessError;

GQuark mg_swappiness_error_quark (void);

/**
 * MgSwappinessExit:
 * @MG_SWAPPINESS_EXIT_OK: the value was written and read back (and persisted with `--persist`)
 * @MG_SWAPPINESS_EXIT_USAGE: the arguments were not exactly `VALUE [--persist]`
 * @MG_SWAPPINESS_EXIT_INVALID_VALUE: `VALUE` is malformed or out of range; nothing was written
 * @MG_SWAPPINESS_EXIT_NOT_ROOT: the helper was not started as root; nothing was written
 * @MG_SWAPPINESS_EXIT_KERNEL_REFUSED: the kernel refused the value; nothing changed
 * @MG_SWAPPINESS_EXIT_WRITE_FAILED: writing or reading back `/proc/sys/vm/swappiness` failed
 * @MG_SWAPPINESS_EXIT_PERSIST_FAILED: the running value was changed, but the sysctl.d file could
 *   not be written, so the change will not survive a restart
 *
 * Exit codes of `memgauge-swappiness-helper`. They stay clear of 126 and 127, which pkexec
 * returns when the person dismisses the dialog or is not authorized, and of 77, which test
 * harnesses read as "skipped".
 */
typedef enum {
  MG_SWAPPINESS_EXIT_OK = 0,
  MG_SWAPPINESS_EXIT_USAGE = 2,
  MG_SWAPPINESS_EXIT_INVALID_VALUE = 3,
  MG_SWAPPINESS_EXIT_NOT_ROOT = 4,
  MG_SWAPPINESS_EXIT_KERNEL_REFUSED = 5,
  MG_SWAPPINESS_EXIT_WRITE_FAILED = 6,
  MG_SWAPPINESS_EXIT_PERSIST_FAILED = 7,
} MgSwappinessExit;

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
 * 0644: a temporary file is created in @dir, written, synced and renamed over the old file,
 * then @dir is synced. On failure the temporary file is removed and the old file is untouched;
 * temporary files left by an earlier crash are removed first.
 *
 * Returns: %TRUE on success; on failure @error is %MG_SWAPPINESS_ERROR_PERSIST_FAILED
 */
gboolean mg_swappiness_persist (const char  *dir,
                                guint        value,
                                GError     **error);

/*
 * For tests only: when set, mg_swappiness_persist() calls this after the temporary file is
 * written and synced, just before the rename, so a test can simulate a crash there.
 */
extern void (*mg_swappiness_persist_before_rename_hook) (const char *temp_path);

G_END_DECLS
