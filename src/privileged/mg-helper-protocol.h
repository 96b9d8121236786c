/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-protocol: what the app and the root helper agree on (keys, exit codes, report lines). */
#pragma once

/* Header-only and free of GLib on purpose: the app includes it without linking anything of
 * src/privileged/, and the helper's behaviour is fixed by these values alone.
 *
 * The command line:
 *
 *   memgauge-helper sysctl KEY=VALUE... [--persist]
 *   memgauge-helper compact
 *
 * KEY is one of the names of #MgSysctlKey, spelled exactly; VALUE is 1 to 10 ASCII digits
 * without a leading zero; each KEY at most once; `--persist` only last. polkit chooses the
 * action from the first argument (org.freedesktop.policykit.exec.argv1).
 *
 * What the helper prints on standard output, one line per event, nothing else:
 *
 *   LINE  := KEY "=" VALUE " " WORD "\n"
 *   WORD  := "ok"          the kernel now holds VALUE (written and read back)
 *          | "refused"     the kernel refused VALUE (EINVAL); the key is unchanged
 *          | "failed"      writing or reading back VALUE failed
 *          | "restored"    a later key failed, so this key was put back to VALUE
 *          | "unrestored"  putting this key back to VALUE failed too
 *          | "persisted"   MG_SYSCTL_CONF_NAME now sets KEY to VALUE
 *
 * and, for `compact`, the single line "vm.compact_memory=1 ok". Messages for people go to
 * standard error, in English. */

/**
 * MgSysctlKey:
 * @MG_SYSCTL_SWAPPINESS: `vm.swappiness`
 * @MG_SYSCTL_VFS_CACHE_PRESSURE: `vm.vfs_cache_pressure`
 * @MG_SYSCTL_COMPACTION_PROACTIVENESS: `vm.compaction_proactiveness` (Linux 5.9)
 * @MG_SYSCTL_OVERCOMMIT_MEMORY: `vm.overcommit_memory`
 * @MG_SYSCTL_MIN_FREE_KBYTES: `vm.min_free_kbytes`
 * @MG_SYSCTL_DIRTY_RATIO: `vm.dirty_ratio`
 * @MG_SYSCTL_DIRTY_BACKGROUND_RATIO: `vm.dirty_background_ratio`
 * @MG_SYSCTL_N_KEYS: the number of keys
 *
 * The keys the helper may write, in the order it writes them. The order is part of the
 * protocol: exit codes add the key's number to a base.
 */
typedef enum {
  MG_SYSCTL_SWAPPINESS,
  MG_SYSCTL_VFS_CACHE_PRESSURE,
  MG_SYSCTL_COMPACTION_PROACTIVENESS,
  MG_SYSCTL_OVERCOMMIT_MEMORY,
  MG_SYSCTL_MIN_FREE_KBYTES,
  MG_SYSCTL_DIRTY_RATIO,
  MG_SYSCTL_DIRTY_BACKGROUND_RATIO,
  MG_SYSCTL_N_KEYS,
} MgSysctlKey;

/* The name of @key as sysctl(8) spells it, or a null pointer for an invalid key. */
static inline const char *
mg_sysctl_key_name (MgSysctlKey key)
{
  switch (key)
    {
    case MG_SYSCTL_SWAPPINESS: return "vm.swappiness";
    case MG_SYSCTL_VFS_CACHE_PRESSURE: return "vm.vfs_cache_pressure";
    case MG_SYSCTL_COMPACTION_PROACTIVENESS: return "vm.compaction_proactiveness";
    case MG_SYSCTL_OVERCOMMIT_MEMORY: return "vm.overcommit_memory";
    case MG_SYSCTL_MIN_FREE_KBYTES: return "vm.min_free_kbytes";
    case MG_SYSCTL_DIRTY_RATIO: return "vm.dirty_ratio";
    case MG_SYSCTL_DIRTY_BACKGROUND_RATIO: return "vm.dirty_background_ratio";
    case MG_SYSCTL_N_KEYS:
    default: return (const char *) 0;
    }
}

/* The longest VALUE: the kernel keeps these as int, at most 2147483647. */
#define MG_SYSCTL_VALUE_MAX_DIGITS 10u

/**
 * MG_SWAPPINESS_MAX:
 *
 * The largest swappiness any kernel accepts: 200 since Linux 5.8, 100 before. The helper
 * accepts up to this and lets an older kernel refuse the rest with `EINVAL`.
 */
#define MG_SWAPPINESS_MAX 200

/**
 * MG_SYSCTL_DIR:
 *
 * Where `--persist` writes #MG_SYSCTL_CONF_NAME. The helper refuses it unless it is a real
 * directory (not a symbolic link) owned by root and writable by nobody else.
 */
#define MG_SYSCTL_DIR "/etc/sysctl.d"
/* The old name, still used by the sysctl.d scan of the app. */
#define MG_SWAPPINESS_SYSCTL_DIR MG_SYSCTL_DIR

/**
 * MG_SYSCTL_CONF_NAME:
 *
 * The file inside #MG_SYSCTL_DIR that holds every key MemGauge persisted.
 */
#define MG_SYSCTL_CONF_NAME "99-memgauge.conf"

/**
 * MG_SWAPPINESS_CONF_NAME:
 *
 * The file of `memgauge-swappiness-helper`, MemGauge's helper before `memgauge-helper`. The
 * next `--persist` moves its value into #MG_SYSCTL_CONF_NAME (unless the request sets
 * swappiness itself) and removes it.
 */
#define MG_SWAPPINESS_CONF_NAME "99-memgauge-swappiness.conf"

/**
 * MgHelperExit:
 * @MG_HELPER_EXIT_OK: every value was written and read back (and persisted with `--persist`),
 *   or memory was compacted
 * @MG_HELPER_EXIT_USAGE: the arguments do not follow the grammar (no verb or an unknown one,
 *   no pair, more pairs than keys, `--persist` not last, anything after `compact`)
 * @MG_HELPER_EXIT_INVALID: an argument is not KEY=VALUE with a known KEY and a plain decimal
 *   VALUE, or a KEY is given twice; nothing was written
 * @MG_HELPER_EXIT_NOT_ROOT: the helper was not started as root; nothing was written
 * @MG_HELPER_EXIT_SETUP_FAILED: the helper could not make itself safe to run (environment,
 *   standard descriptors, working directory); nothing was written
 * @MG_HELPER_EXIT_PERSIST_FAILED: the running values were changed, but the sysctl.d file could
 *   not be written (or its folder is not safe), so the change will not survive a restart
 * @MG_HELPER_EXIT_COMPACT_FAILED: writing `/proc/sys/vm/compact_memory` failed
 * @MG_HELPER_EXIT_OUT_OF_RANGE: (+ key) the key's value is outside its range, or breaks a
 *   rule between keys (dirty_background_ratio below dirty_ratio); nothing was written
 * @MG_HELPER_EXIT_UNSUPPORTED: (+ key) the running kernel has no such file, or its value
 *   cannot be read; nothing was written
 * @MG_HELPER_EXIT_KERNEL_REFUSED: (+ key) the kernel refused the key's value; the keys
 *   written before it were restored
 * @MG_HELPER_EXIT_WRITE_FAILED: (+ key) writing or reading back the key failed; the keys
 *   written before it were restored
 * @MG_HELPER_EXIT_RESTORE_FAILED: (+ key) the key failed and at least one key written before
 *   it could not be restored; the report lines say which values are in effect
 *
 * Exit codes of `memgauge-helper`. Those marked "+ key" are the base plus the #MgSysctlKey
 * that failed (10 to 56). They stay clear of 126 and 127, which pkexec returns when the person
 * dismisses the dialog or is not authorized, and of 77, which test harnesses read as
 * "skipped".
 */
typedef enum {
  MG_HELPER_EXIT_OK = 0,
  MG_HELPER_EXIT_USAGE = 2,
  MG_HELPER_EXIT_INVALID = 3,
  MG_HELPER_EXIT_NOT_ROOT = 4,
  MG_HELPER_EXIT_SETUP_FAILED = 5,
  MG_HELPER_EXIT_PERSIST_FAILED = 7,
  MG_HELPER_EXIT_COMPACT_FAILED = 8,
  MG_HELPER_EXIT_OUT_OF_RANGE = 10,
  MG_HELPER_EXIT_UNSUPPORTED = 20,
  MG_HELPER_EXIT_KERNEL_REFUSED = 30,
  MG_HELPER_EXIT_WRITE_FAILED = 40,
  MG_HELPER_EXIT_RESTORE_FAILED = 50,
} MgHelperExit;

/* The width of each "+ key" range above. */
#define MG_HELPER_EXIT_KEY_RANGE 10
