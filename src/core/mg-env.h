/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-env: the only place the app reads its test seams from the environment. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MG_HELPER_COMMAND_ENV:
 *
 * Names a program that the app runs as `PROGRAM sysctl KEY=VALUE... [--persist]` or
 * `PROGRAM compact` instead of `pkexec HELPER_PATH ...`, reading its exit status and report
 * lines the same way. The app holds no privilege, so this only lets tests stand in for pkexec
 * and the helper; the helper never reads it.
 */
#define MG_HELPER_COMMAND_ENV "MEMGAUGE_HELPER_COMMAND"

/* The name the tests of the swappiness dialog use. */
#define MG_SWAPPINESS_COMMAND_ENV MG_HELPER_COMMAND_ENV

/**
 * MG_TEST_INTERVAL_MS_ENV:
 *
 * For tests: a sampling interval in milliseconds, 1 to #MG_ENV_TEST_INTERVAL_MS_MAX, that
 * overrides the setting.
 */
#define MG_TEST_INTERVAL_MS_ENV "MEMGAUGE_TEST_INTERVAL_MS"

/**
 * MG_ENV_TEST_INTERVAL_MS_MAX:
 *
 * The longest test interval accepted: a minute.
 */
#define MG_ENV_TEST_INTERVAL_MS_MAX 60000

/**
 * mg_env_get_helper_command:
 *
 * Returns: (nullable) (transfer none): the value of #MG_HELPER_COMMAND_ENV, or %NULL when it
 *   is unset or empty
 */
const char *mg_env_get_helper_command     (void);

/**
 * mg_env_parse_interval_ms:
 * @text: (nullable): the text to parse
 * @out: (out): the interval, set only on success
 *
 * Accepts only ASCII digits (no sign, space or suffix) for a value from 1 to
 * #MG_ENV_TEST_INTERVAL_MS_MAX.
 *
 * Returns: %TRUE if @text is acceptable
 */
gboolean    mg_env_parse_interval_ms      (const char *text,
                                           guint      *out);

/**
 * mg_env_get_test_interval_ms:
 *
 * Reads #MG_TEST_INTERVAL_MS_ENV. A value mg_env_parse_interval_ms() does not accept is
 * ignored with one warning naming the variable and the value.
 *
 * Returns: the interval in milliseconds, or 0 when there is none to use
 */
guint       mg_env_get_test_interval_ms   (void);

/**
 * MG_CGROUP_ROOT_ENV:
 *
 * Names a folder to read control groups below instead of `/sys/fs/cgroup` (tests, replaying
 * a bug report): a cgroup v2 tree, or `memory/` (v1) with an optional `unified/` (hybrid).
 */
#define MG_CGROUP_ROOT_ENV "MEMGAUGE_CGROUP_ROOT"

/**
 * mg_env_get_cgroup_root:
 *
 * Returns: (transfer none): the value of #MG_CGROUP_ROOT_ENV, or `/sys/fs/cgroup` when it
 *   is unset or empty
 */
const char *mg_env_get_cgroup_root        (void);

/**
 * MG_SYS_ROOT_ENV:
 *
 * Names a folder to read zram's `block/zramN/mm_stat` and zswap's
 * `module/zswap/parameters/enabled` below instead of `/sys` (tests, replaying a bug report).
 */
#define MG_SYS_ROOT_ENV "MEMGAUGE_SYS_ROOT"

/**
 * mg_env_get_sys_root:
 *
 * Returns: (transfer none): the value of #MG_SYS_ROOT_ENV, or `/sys` when it is unset or
 *   empty
 */
const char *mg_env_get_sys_root           (void);

/**
 * MG_MLOCK_ENV:
 *
 * `0` keeps the long-running modes from locking their pages in RAM (to measure what the
 * lock is worth: build-aux/measure-thrash.sh); anything else, or unset, lets them.
 */
#define MG_MLOCK_ENV "MEMGAUGE_MLOCK"

/* FALSE when #MG_MLOCK_ENV is `0`. */
gboolean    mg_env_get_mlock_allowed      (void);

/**
 * MG_END_GRACE_MS_ENV:
 *
 * For tests only: the time between SIGTERM and SIGKILL when a group is ended
 * (mg-group-ender.c), 1 to #MG_ENV_TEST_INTERVAL_MS_MAX milliseconds, instead of 5 s, so
 * that a test of a process that ignores SIGTERM need not wait that long.
 */
#define MG_END_GRACE_MS_ENV "MEMGAUGE_TEST_END_GRACE_MS"

/* Returns: the value of #MG_END_GRACE_MS_ENV, or @default_ms when it is unset or bad. */
guint       mg_env_get_end_grace_ms       (guint default_ms);

/**
 * MG_TEST_UNREACHABLE_MS_ENV:
 *
 * For tests only: how long a remote machine must fail before the "does not answer"
 * notification, 1 to #MG_ENV_TEST_INTERVAL_MS_MAX milliseconds, instead of the
 * `unreachable-minutes` setting (which stays the switch: 0 still means never).
 */
#define MG_TEST_UNREACHABLE_MS_ENV "MEMGAUGE_TEST_UNREACHABLE_MS"

/* Returns: the value of #MG_TEST_UNREACHABLE_MS_ENV, or 0 when it is unset or bad. */
guint       mg_env_get_test_unreachable_ms (void);

G_END_DECLS
