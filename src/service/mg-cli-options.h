/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli-options: memgauge's options, which go together, and those that print and exit
 * (`--version`, `--json`, `--print`, `--follow [--format]`). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The option table for g_application_add_main_option_entries(). */
const GOptionEntry *mg_cli_options_entries (void);

/**
 * mg_cli_options_run:
 * @options: the parsed options, as GApplication's handle-local-options gets them
 * @proc_root: (nullable): the proc root; %NULL for `/proc`
 *
 * Refuses options that do not go together (mg_cli_options_check()) and runs those that
 * print and exit: `--version`, `--json`, `--print` and `--follow`.
 *
 * Returns: the exit status, or -1 when the options are for the app (its windows, or none)
 */
int mg_cli_options_run        (GVariantDict *options,
                               const char   *proc_root);

/**
 * mg_cli_options_check:
 * @options: the parsed options, as GApplication's handle-local-options gets them
 *
 * `--version`, `--json`, `--print` and `--follow` each do one thing and exit, and the
 * windows (`--show`, `--preferences`) open together: any other two at once, or `--format`
 * without `--follow`, are refused with one line on stderr.
 *
 * Returns: 2 (the exit status) for a refused combination, -1 when the options fit
 */
int mg_cli_options_check      (GVariantDict *options);

/**
 * mg_cli_options_run_follow:
 * @options: the parsed options, with `follow`
 * @proc_root: (nullable): the proc root; %NULL for `/proc`
 *
 * Runs mg_follow_run() in the format `--format` names (plain by default), or refuses an
 * unknown format with one line on stderr.
 *
 * Returns: the exit status: mg_follow_run()'s, or 2 for an unknown format
 */
int mg_cli_options_run_follow (GVariantDict *options,
                               const char   *proc_root);

G_END_DECLS
