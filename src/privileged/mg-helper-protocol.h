/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-protocol: what the app and the root helper agree on (exit codes, range, files). */
#pragma once

/* Header-only and free of GLib on purpose: the app includes it without linking anything of
 * src/privileged/, and the helper's behaviour is fixed by these values alone. */

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
 * Where `--persist` writes #MG_SWAPPINESS_CONF_NAME. The helper refuses it unless it is a real
 * directory (not a symbolic link) owned by root and writable by nobody else.
 */
#define MG_SWAPPINESS_SYSCTL_DIR "/etc/sysctl.d"

/**
 * MG_SWAPPINESS_CONF_NAME:
 *
 * The file name of the persisted setting inside #MG_SWAPPINESS_SYSCTL_DIR.
 */
#define MG_SWAPPINESS_CONF_NAME "99-memgauge-swappiness.conf"

/**
 * MgSwappinessExit:
 * @MG_SWAPPINESS_EXIT_OK: the value was written and read back (and persisted with `--persist`)
 * @MG_SWAPPINESS_EXIT_USAGE: the arguments were not exactly `VALUE [--persist]`
 * @MG_SWAPPINESS_EXIT_INVALID_VALUE: `VALUE` is malformed or out of range; nothing was written
 * @MG_SWAPPINESS_EXIT_NOT_ROOT: the helper was not started as root; nothing was written
 * @MG_SWAPPINESS_EXIT_KERNEL_REFUSED: the kernel refused the value; nothing changed
 * @MG_SWAPPINESS_EXIT_WRITE_FAILED: writing or reading back `/proc/sys/vm/swappiness` failed
 * @MG_SWAPPINESS_EXIT_PERSIST_FAILED: the running value was changed, but the sysctl.d file could
 *   not be written (or its folder is not safe to write), so the change will not survive a
 *   restart
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
