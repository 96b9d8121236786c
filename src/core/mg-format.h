/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-format: sizes and percentages as every view shows them. */
#pragma once

#include <glib.h>

#include "mg-level.h"

G_BEGIN_DECLS

/**
 * mg_format_size_kib:
 * @kib: a size in KiB, as the kernel gives it
 *
 * Binary units everywhere ("23.5 GiB"), so that figures agree with the kernel's KiB.
 *
 * Returns: (transfer full): the size for people
 */
char  *mg_format_size_kib   (guint64 kib);

/**
 * mg_format_percent_of:
 * @part: a part of @whole
 * @whole: the whole; 0 gives 0
 *
 * Returns: 100 × @part / @whole rounded to the nearest whole percent
 */
guint  mg_format_percent_of (guint64 part,
                             guint64 whole);

/**
 * mg_format_available_percent:
 * @available_percent: MemAvailable / MemTotal × 100, as the level rule saw it
 * @memory_level: the level the memory rule gave for it (#MgLevelState.memory_level):
 *   its band of percentages is where the figure must stay
 * @params: (nullable): the thresholds that gave @memory_level; %NULL only rounds
 *
 * The one rounding of the available percentage for every view: the tray's tooltip and
 * menu, the notification, the gauge window, `--print` and the reasons. The used
 * percentage shown next to it is always 100 minus this, so that the two add up to 100.
 * See mg-format.c for the rule.
 *
 * Returns: the whole percentage to show, 0 to 100
 */
guint  mg_format_available_percent (double               available_percent,
                                    MgLevel              memory_level,
                                    const MgLevelParams *params);

G_END_DECLS
