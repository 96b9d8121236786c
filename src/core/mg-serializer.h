/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-serializer: one sample, its level and reason as a GVariant a{sv} or as JSON text. */
#pragma once

#include <glib.h>

#include "mg-group.h"
#include "mg-helper-report.h"
#include "mg-level.h"
#include "mg-sample.h"
#include "mg-swap-state.h"

G_BEGIN_DECLS

/**
 * mg_serializer_to_variant:
 * @sample: a valid sample
 * @level: its pressure level
 * @reason: (nullable): the level's reason; invalid UTF-8 is repaired, %NULL gives ""
 *
 * Builds the sample object that `--json`, the D-Bus `Sample` and the stream share: an
 * `a{sv}` whose keys are in output order (the original API's `total_mb`, `available_mb`,
 * `swap_total_mb`, `swap_free_mb`, `swappiness`, `pressure_level` first). Sizes are MB as
 * KiB / 1024, truncated. Nested objects (`psi`, `psi.some`, `psi.full`, `vmstat`,
 * `rates_per_s`, `fragmentation`) are `a{sv}` too. `fragmentation` is {`free_mb`,
 * `free_2mb_blocks_mb`, `unusable_index_2mb`} from /proc/buddyinfo (see
 * mg_proc_buddyinfo_summarize()).
 *
 * A value the sample lacks keeps its key and holds an empty maybe, `@mv nothing`; a
 * present value is stored as itself, never wrapped in a maybe. JSON writes the empty maybe
 * as `null`. Callers that must not send maybes (D-Bus) drop those entries.
 *
 * Returns: (transfer full): a new, non-floating `a{sv}`
 */
GVariant *mg_serializer_to_variant      (const MgSample *sample,
                                         MgLevel         level,
                                         const char     *reason);

/**
 * mg_serializer_variant_to_json:
 * @variant: an `a{sv}` from mg_serializer_to_variant()
 *
 * Writes @variant as `--json` prints it: the top level one key a line with two spaces of
 * indent, nested objects on one line, doubles with two decimals (`null` when not finite),
 * strings with `"`, `\` and control characters escaped, and a final newline.
 *
 * Returns: (transfer full): the JSON text
 */
char     *mg_serializer_variant_to_json (GVariant       *variant);

/**
 * mg_serializer_to_json:
 * @sample: a valid sample
 * @level: its pressure level
 * @reason: (nullable): the level's reason
 *
 * mg_serializer_to_variant() written by mg_serializer_variant_to_json(): what
 * `memgauge --json` prints.
 *
 * Returns: (transfer full): the JSON text
 */
char     *mg_serializer_to_json         (const MgSample *sample,
                                         MgLevel         level,
                                         const char     *reason);

/* --- groups (control groups by memory use) --------------------------------------- */

/* How many groups `--json` lists. */
#define MG_SERIALIZER_MAX_GROUPS 20

/**
 * mg_serializer_groups_to_variant:
 * @groups: (nullable) (element-type MgGroup): leaf groups sorted largest first, as
 *   mg_group_collect() gives them; %NULL when they could not be read
 * @max: how many to keep, such as #MG_SERIALIZER_MAX_GROUPS
 *
 * The `groups` value: an array of the first @max groups that have a usage, each an
 * `a{sv}` with `path`, `name`, `kind`, `usage_mb`, `limit_mb`, `limit_percent`, `swap_mb`,
 * `oom_kills` and `pressure_some_avg10` in that order (MB as KiB / 1024, truncated);
 * a figure the group lacks is an empty maybe (JSON `null`). %NULL @groups gives an
 * empty maybe too.
 *
 * Returns: (transfer full): a new, non-floating value
 */
GVariant *mg_serializer_groups_to_variant (GPtrArray *groups,
                                           guint      max);

/**
 * mg_serializer_add_groups:
 * @sample: an `a{sv}` from mg_serializer_to_variant()
 * @groups: (nullable) (element-type MgGroup): as for mg_serializer_groups_to_variant()
 *
 * Returns: (transfer full): @sample's entries followed by `groups` with the first
 *   #MG_SERIALIZER_MAX_GROUPS groups; @sample is left alone
 */
GVariant *mg_serializer_add_groups        (GVariant  *sample,
                                           GPtrArray *groups);

/**
 * mg_serializer_to_variant_full:
 * @sample: a valid sample
 * @level: its pressure level
 * @reason: (nullable): the level's reason
 * @sysctl_values: (nullable): the kernel settings of MemGauge's helper table, read once by
 *   the command line (the app does not read them every sample)
 *
 * mg_serializer_to_variant() with, when @sysctl_values is given, a `sysctl` object after
 * `rates_per_s`: {`swappiness`, `vfs_cache_pressure`, `compaction_proactiveness`,
 * `overcommit_memory`, `min_free_kbytes`, `dirty_ratio`, `dirty_background_ratio`}, each an
 * integer, or an empty maybe (`null`) where the kernel lacks the key.
 *
 * Returns: (transfer full): a new, non-floating `a{sv}`
 */
GVariant *mg_serializer_to_variant_full (const MgSample       *sample,
                                         MgLevel               level,
                                         const char           *reason,
                                         const MgSysctlValues *sysctl_values);

/**
 * mg_serializer_to_json_full:
 * @sample: a valid sample
 * @level: its pressure level
 * @reason: (nullable): the level's reason
 * @sysctl_values: (nullable): as for mg_serializer_to_variant_full()
 *
 * What `memgauge --json` prints.
 *
 * Returns: (transfer full): the JSON text
 */
char     *mg_serializer_to_json_full    (const MgSample       *sample,
                                         MgLevel               level,
                                         const char           *reason,
                                         const MgSysctlValues *sysctl_values);

/* --- swap devices, zram and zswap (read on demand, not every sample) ------------------- */

/**
 * mg_serializer_add_swap:
 * @sample: an `a{sv}` from mg_serializer_to_variant() or mg_serializer_add_groups()
 * @state: (nullable): from mg_swap_read(); %NULL when it was not read
 *
 * Appends `swap_devices` (an array of {`path`, `type` ("partition", "file" or "zram"),
 * `size_mb`, `used_mb`, `priority`}), `zram` (an array of {`device`, `orig_mb`, `compr_mb`,
 * `mem_used_mb`}) and `zswap` ({`pool_mb`, `stored_mb`}, an empty maybe when zswap is off),
 * MB as KiB / 1024 truncated (zram's bytes are first made KiB). Without devices (@state
 * %NULL, or /proc/swaps unreadable) `swap_devices` and `zram` are empty maybes too.
 *
 * Returns: (transfer full): @sample's entries followed by those three; @sample is left alone
 */
GVariant *mg_serializer_add_swap          (GVariant          *sample,
                                           const MgSwapState *state);

G_END_DECLS
