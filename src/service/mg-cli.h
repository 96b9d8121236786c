/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli: `memgauge --json` and `--print`, one sample for scripts and people. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MG_CLI_FORMAT_JSON,
  MG_CLI_FORMAT_TEXT,
} MgCliFormat;

/**
 * mg_cli_print_sample:
 * @proc_root: (nullable): the proc root; %NULL for `/proc`
 * @format: JSON for scripts or text for people
 *
 * Takes a sample, prints it on stdout and returns the exit status for main(): 0, or 1
 * with a one-line message on stderr and nothing on stdout when the sample is bad.
 * Needs neither a display nor a session bus.
 */
int mg_cli_print_sample (const char  *proc_root,
                         MgCliFormat  format);

/**
 * mg_cli_print_groups:
 * @cgroup_root: (nullable): where the cgroup filesystems are; %NULL for `/sys/fs/cgroup`
 *
 * `memgauge --groups`: the #MG_SERIALIZER_MAX_GROUPS largest leaf control groups as a
 * table for people (what `--json` lists in `groups`), on stdout; a group whose files
 * could not all be read gets a line on stderr. Returns 1 with a one-line message on
 * stderr when no group can be read at all.
 */
int mg_cli_print_groups (const char  *cgroup_root);

G_END_DECLS
