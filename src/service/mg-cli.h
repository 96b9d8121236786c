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

G_END_DECLS
