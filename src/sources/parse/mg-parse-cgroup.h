/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-cgroup: pure parsers of the memory controller's files (cgroup v1 and v2). */
#pragma once

#include <glib.h>

#include "mg-parse.h"

G_BEGIN_DECLS

/**
 * MG_CGROUP_V1_UNLIMITED_MIN:
 *
 * A cgroup v1 limit at or above this many bytes means "no limit". The kernel prints an
 * unset limit as PAGE_COUNTER_MAX pages, LONG_MAX rounded down to a page:
 * 9223372036854771712 with 4 KiB pages, 9223372036854710272 with 64 KiB pages
 * (mm/page_counter.c, include/linux/page_counter.h). 2^62 bytes (4 EiB) is below both and
 * above any memory a machine has.
 */
#define MG_CGROUP_V1_UNLIMITED_MIN (G_GUINT64_CONSTANT (1) << 62)

/**
 * mg_cgroup_parse_bytes:
 * @text: the file's contents, not necessarily NUL-terminated
 * @len: the length of @text
 * @what: the file's name for messages, such as "memory.current"
 * @out: (out): the value in bytes
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Parses a file that holds one number of bytes and a newline: `memory.current`,
 * `memory.swap.current`, `memory.usage_in_bytes`, `memory.memsw.usage_in_bytes`.
 *
 * Returns: %TRUE on success
 */
gboolean mg_cgroup_parse_bytes (const char  *text,
                                gsize        len,
                                const char  *what,
                                guint64     *out,
                                GError     **error);

/**
 * mg_cgroup_parse_limit:
 * @text: the file's contents
 * @len: the length of @text
 * @what: the file's name for messages
 * @has_limit: (out): %FALSE when the file says there is no limit
 * @out: (out): the limit in bytes; 0 when there is none
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Parses `memory.max` and `memory.high` (v2: a number, or "max" for none) and
 * `memory.limit_in_bytes` (v1: a number, at or above #MG_CGROUP_V1_UNLIMITED_MIN for
 * none).
 *
 * Returns: %TRUE on success
 */
gboolean mg_cgroup_parse_limit (const char  *text,
                                gsize        len,
                                const char  *what,
                                gboolean    *has_limit,
                                guint64     *out,
                                GError     **error);

/**
 * mg_cgroup_parse_keyed:
 * @text: the file's contents
 * @len: the length of @text
 * @what: the file's name for messages
 * @key: the key to look for, such as "oom_kill"
 * @found: (out): whether a line starts with @key and a blank
 * @out: (out): its value; 0 when not found
 * @error: set in the %MG_PROC_ERROR domain
 *
 * Parses a flat keyed file of `key value` lines, `memory.events` (v2) or
 * `memory.oom_control` (v1), for one key. Every line must be a key, one blank and a
 * number, so that junk is refused rather than half read. A missing key is no error:
 * `oom_kill` appeared in Linux 4.13.
 *
 * Returns: %TRUE when @text is well formed
 */
gboolean mg_cgroup_parse_keyed (const char  *text,
                                gsize        len,
                                const char  *what,
                                const char  *key,
                                gboolean    *found,
                                guint64     *out,
                                GError     **error);

/**
 * mg_cgroup_parse_controllers:
 * @text: the contents of `cgroup.controllers`
 * @len: the length of @text
 * @name: a controller, such as "memory"
 *
 * Returns: %TRUE when @name is one of the space-separated words of @text
 */
gboolean mg_cgroup_parse_controllers (const char *text,
                                      gsize       len,
                                      const char *name);

G_END_DECLS
