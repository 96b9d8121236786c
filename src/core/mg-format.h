/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-format: sizes and percentages as every view shows them. */
#pragma once

#include <glib.h>

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

G_END_DECLS
