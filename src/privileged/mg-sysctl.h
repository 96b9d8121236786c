/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl: the helper's fixed table of keys, validation, writing, persisting and compaction. */
#pragma once

#include <glib.h>

#include "mg-helper-protocol.h"

G_BEGIN_DECLS

#define MG_SYSCTL_ERROR (mg_sysctl_error_quark ())

/**
 * MgSysctlError:
 * @MG_SYSCTL_ERROR_USAGE: the arguments do not follow the grammar
 * @MG_SYSCTL_ERROR_INVALID: an argument is not KEY=VALUE with a known key and plain decimal
 *   digits (this includes signs, whitespace, hex, exponents and non-ASCII digits), or a key is
 *   repeated
 * @MG_SYSCTL_ERROR_OUT_OF_RANGE: well-formed, but outside the key's range or against a rule
 *   between keys
 * @MG_SYSCTL_ERROR_UNSUPPORTED: the running kernel has no such file, or it cannot be read
 * @MG_SYSCTL_ERROR_KERNEL_REFUSED: the kernel rejected the value with `EINVAL`
 * @MG_SYSCTL_ERROR_WRITE_FAILED: the file could not be opened, written or read back, or
 *   another value was read back
 * @MG_SYSCTL_ERROR_RESTORE_FAILED: a key failed and an earlier one could not be put back
 * @MG_SYSCTL_ERROR_PERSIST_FAILED: the sysctl.d file could not be replaced; the old one, if
 *   any, is unchanged
 * @MG_SYSCTL_ERROR_UNSAFE_DIR: the sysctl.d folder is a symbolic link, belongs to another
 *   user or is writable by others; nothing was written
 *
 * Error codes of #MG_SYSCTL_ERROR. Messages are in English, for standard error; what a person
 * sees comes from the app's side (mg-helper-client).
 */
typedef enum {
  MG_SYSCTL_ERROR_USAGE,
  MG_SYSCTL_ERROR_INVALID,
  MG_SYSCTL_ERROR_OUT_OF_RANGE,
  MG_SYSCTL_ERROR_UNSUPPORTED,
  MG_SYSCTL_ERROR_KERNEL_REFUSED,
  MG_SYSCTL_ERROR_WRITE_FAILED,
  MG_SYSCTL_ERROR_RESTORE_FAILED,
  MG_SYSCTL_ERROR_PERSIST_FAILED,
  MG_SYSCTL_ERROR_UNSAFE_DIR,
} MgSysctlError;

GQuark mg_sysctl_error_quark (void);

/**
 * MgSysctlPaths:
 * @keys: the file of each key; the helper uses the table's fixed `/proc/sys/vm/…` paths
 * @compact_memory: `/proc/sys/vm/compact_memory` in the helper
 * @meminfo: `/proc/meminfo` in the helper (for the bound of min_free_kbytes)
 * @sysctl_dir: #MG_SYSCTL_DIR in the helper
 *
 * Every path the privileged code touches. The helper passes mg_sysctl_paths_system(), built
 * from constants; only the unit tests, which link this library directly, pass a temporary
 * tree. Nothing here reads the environment.
 */
typedef struct {
  const char *keys[MG_SYSCTL_N_KEYS];
  const char *compact_memory;
  const char *meminfo;
  const char *sysctl_dir;
} MgSysctlPaths;

/* The system's paths, from the compiled-in table. */
const MgSysctlPaths *mg_sysctl_paths_system (void);

/**
 * MgSysctlRequest:
 * @keys: the keys to write, in the order of #MgSysctlKey
 * @values: the value of each of @keys
 * @n: how many of @keys and @values are used
 * @persist: whether `--persist` was given
 */
typedef struct {
  MgSysctlKey keys[MG_SYSCTL_N_KEYS];
  guint64     values[MG_SYSCTL_N_KEYS];
  guint       n;
  gboolean    persist;
} MgSysctlRequest;

typedef enum {
  MG_HELPER_VERB_SYSCTL,
  MG_HELPER_VERB_COMPACT,
} MgHelperVerb;

/**
 * mg_sysctl_lookup_key:
 * @name: a key name, exactly as sysctl(8) spells it (case matters)
 * @len: the length of @name
 * @out: (out): the key
 *
 * Returns: %TRUE if @name is in the table
 */
gboolean mg_sysctl_lookup_key  (const char   *name,
                                gsize         len,
                                MgSysctlKey  *out);

/**
 * mg_sysctl_parse_value:
 * @text: the text, not necessarily NUL-terminated
 * @len: its length
 * @out: (out): the value, set only on success
 * @error: return location for %MG_SYSCTL_ERROR_INVALID
 *
 * Accepts 1 to #MG_SYSCTL_VALUE_MAX_DIGITS ASCII digits, no leading zero unless the value is
 * "0", at most `G_MAXINT` (the kernel keeps these as int).
 */
gboolean mg_sysctl_parse_value (const char  *text,
                                gsize        len,
                                guint64     *out,
                                GError     **error);

/**
 * mg_sysctl_parse_args:
 * @argc: the argument count, as main() gets it
 * @argv: the arguments; @argv[0] is the program and is ignored
 * @out_verb: (out): what to do
 * @out_request: (out): for %MG_HELPER_VERB_SYSCTL, the keys sorted into table order
 * @out_key: (out): the key an %MG_SYSCTL_ERROR_INVALID error is about, or
 *   %MG_SYSCTL_N_KEYS when it is about no known key
 * @error: %MG_SYSCTL_ERROR_USAGE or %MG_SYSCTL_ERROR_INVALID
 *
 * The grammar of mg-helper-protocol.h and nothing else. Checks form only, not ranges.
 */
gboolean mg_sysctl_parse_args  (int                  argc,
                                const char * const  *argv,
                                MgHelperVerb        *out_verb,
                                MgSysctlRequest     *out_request,
                                MgSysctlKey         *out_key,
                                GError             **error);

/**
 * mg_sysctl_check:
 * @paths: where the files are
 * @request: a parsed request
 * @live: (out): the value each key of @request (and the other dirty ratio) holds now, as read
 *   from the kernel; only those entries are set
 * @out_key: (out): the key an error is about
 * @error: %MG_SYSCTL_ERROR_OUT_OF_RANGE or %MG_SYSCTL_ERROR_UNSUPPORTED
 *
 * Everything that can be known before writing: each value within its key's range (see the
 * table in mg-sysctl-table.c), min_free_kbytes within its bound of MemTotal, the running
 * kernel has each key, and dirty_background_ratio below dirty_ratio once the request is
 * applied (with the live value of the one not in the request). Writes nothing.
 */
gboolean mg_sysctl_check       (const MgSysctlPaths   *paths,
                                const MgSysctlRequest *request,
                                guint64                live[MG_SYSCTL_N_KEYS],
                                MgSysctlKey           *out_key,
                                GError               **error);

/**
 * mg_sysctl_read_value:
 * @path: a sysctl file holding one number
 * @out: (out): its value
 * @error: %MG_SYSCTL_ERROR_UNSUPPORTED (missing) or %MG_SYSCTL_ERROR_WRITE_FAILED
 */
gboolean mg_sysctl_read_value  (const char  *path,
                                guint64     *out,
                                GError     **error);

/**
 * mg_sysctl_write_value:
 * @path: a sysctl file; it must exist and not be a symbolic link
 * @value: the value, already validated
 * @error: %MG_SYSCTL_ERROR_KERNEL_REFUSED or %MG_SYSCTL_ERROR_WRITE_FAILED
 *
 * Writes "@value\n" in a single `write` (a sysctl file takes the whole value from one write),
 * then reads the file back and compares.
 */
gboolean mg_sysctl_write_value (const char  *path,
                                guint64      value,
                                GError     **error);

/**
 * mg_sysctl_apply:
 * @paths: where the files are
 * @request: a request that passed mg_sysctl_check()
 * @live: the values mg_sysctl_check() read, to restore on failure
 * @report: the report lines of mg-helper-protocol.h are appended here
 * @out_key: (out): the key that failed
 * @error: %MG_SYSCTL_ERROR_KERNEL_REFUSED, %MG_SYSCTL_ERROR_WRITE_FAILED or
 *   %MG_SYSCTL_ERROR_RESTORE_FAILED
 *
 * Writes each key in table order and reads it back. When one fails, the keys already written
 * are put back to their @live values, the last written first, and the keys after it are not
 * touched.
 */
gboolean mg_sysctl_apply       (const MgSysctlPaths   *paths,
                                const MgSysctlRequest *request,
                                const guint64          live[MG_SYSCTL_N_KEYS],
                                GString               *report,
                                MgSysctlKey           *out_key,
                                GError               **error);

/**
 * mg_sysctl_persist:
 * @dir: the directory, #MG_SYSCTL_DIR in the helper; it must exist
 * @request: the keys to set in the file
 * @report: a "persisted" line for each key the file sets is appended here
 * @error: %MG_SYSCTL_ERROR_UNSAFE_DIR or %MG_SYSCTL_ERROR_PERSIST_FAILED
 *
 * Atomically replaces `@dir/`#MG_SYSCTL_CONF_NAME with every key MemGauge persisted: the keys
 * of @request, then those of the old file, then vm.swappiness of an old
 * #MG_SWAPPINESS_CONF_NAME, the first of these that sets a key winning. Works only relative
 * to a descriptor of @dir, which is refused when it is a symbolic link, is not owned by the
 * effective user or is writable by its group or others. A temporary file is created with
 * `O_EXCL | O_NOFOLLOW`, mode 0644, written, synced and renamed over the old file; then the
 * old #MG_SWAPPINESS_CONF_NAME is removed and @dir synced. On failure the temporary file is
 * removed and the old files are untouched; temporary files of an earlier crash are removed.
 */
gboolean mg_sysctl_persist     (const char            *dir,
                                const MgSysctlRequest *request,
                                GString               *report,
                                GError               **error);

/**
 * mg_sysctl_compact:
 * @path: `/proc/sys/vm/compact_memory` in the helper
 * @error: %MG_SYSCTL_ERROR_WRITE_FAILED
 *
 * Writes "1\n" to @path: the kernel compacts every zone before the write returns. The file is
 * write-only, so nothing is read back.
 */
gboolean mg_sysctl_compact     (const char  *path,
                                GError     **error);

/**
 * mg_helper_run:
 * @paths: mg_sysctl_paths_system() in the helper, a temporary tree in tests
 * @argc: as main() gets it
 * @argv: as main() gets it
 * @out: standard output is appended here (the report lines)
 * @err: standard error is appended here (one line per problem, in English)
 *
 * Everything `memgauge-helper` does after making itself safe: parse, check, apply, persist
 * or compact.
 *
 * Returns: the #MgHelperExit code
 */
int      mg_helper_run         (const MgSysctlPaths  *paths,
                                int                   argc,
                                const char * const   *argv,
                                GString              *out,
                                GString              *err);

G_END_DECLS
