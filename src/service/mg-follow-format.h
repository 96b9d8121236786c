/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-follow-format: the lines of `memgauge --follow`, from the API's properties. */
#pragma once

#include <glib.h>

#include "mg-dbus-generated.h"

G_BEGIN_DECLS

/**
 * MgFollowFormat:
 * @MG_FOLLOW_FORMAT_JSON: the `--json` object on one line
 * @MG_FOLLOW_FORMAT_WAYBAR: waybar's custom-module JSON: text, tooltip, class (the
 *   level), percentage (used) and alt (the level)
 * @MG_FOLLOW_FORMAT_PLAIN: one short line for i3blocks and polybar
 */
typedef enum {
  MG_FOLLOW_FORMAT_JSON,
  MG_FOLLOW_FORMAT_WAYBAR,
  MG_FOLLOW_FORMAT_PLAIN,
} MgFollowFormat;

/**
 * mg_follow_format_parse:
 * @text: `json`, `waybar` or `plain`
 * @format: (out): the format, set only on success
 *
 * Returns: %TRUE when @text names a format
 */
gboolean  mg_follow_format_parse (const char      *text,
                                  MgFollowFormat  *format);

/**
 * mg_follow_format_line:
 * @state: the app's properties, through a proxy or the local skeleton
 * @format: the format
 *
 * Returns: (transfer full): the line for @state, ending in a newline
 */
char     *mg_follow_format_line  (MgDbusMemGauge1 *state,
                                  MgFollowFormat   format);

G_END_DECLS
