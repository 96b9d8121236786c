/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-leak-fit: the leak hint's rule, a least-squares line through a group's usage; pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One point a minute for an hour: the most a group's ring holds. */
#define MG_LEAK_RING_SIZE 60

/* The rule (see mg_leak_fit()): at least this span of points ... */
#define MG_LEAK_MIN_SPAN_US ((gint64) 20 * 60 * G_USEC_PER_SEC)
/* ... at least this many of them ... */
#define MG_LEAK_MIN_POINTS 10
/* ... a line that explains at least this share of their variance (R²) ... */
#define MG_LEAK_MIN_R2 0.9
/* ... and rising at least this percentage of the machine's RAM per hour. */
#define MG_LEAK_MIN_PERCENT_PER_HOUR 5.0

/**
 * MgLeakRing:
 *
 * The last hour of one group's usage, one point per read: a fixed array, so that
 * nothing grows with time. Points older than an hour fall out.
 */
typedef struct {
  gint64  time_us[MG_LEAK_RING_SIZE];
  guint64 usage_kib[MG_LEAK_RING_SIZE];
  guint   first;
  guint   len;
} MgLeakRing;

void     mg_leak_ring_clear (MgLeakRing *ring);

/* Appends a point (time never going backwards), dropping those over an hour older. */
void     mg_leak_ring_push  (MgLeakRing *ring,
                             gint64      time_us,
                             guint64     usage_kib);

/**
 * mg_leak_fit:
 * @ring: a group's points
 * @ram_kib: the machine's MemTotal
 * @growth_kib_per_hour: (out): the slope when the rule holds, else 0
 *
 * The rule of the leak hint: a group leaks when a least-squares line through its
 * points, which span at least 20 minutes and are at least 10, explains at least 90 %
 * of their variance (R² ≥ 0.9: a steady rise, not a few jumps or a sawtooth) and rises
 * by at least 5 % of RAM per hour. A group that fell back to its start is no leak.
 *
 * Returns: %TRUE when the group is rising steadily by the rule
 */
gboolean mg_leak_fit        (const MgLeakRing *ring,
                             guint64           ram_kib,
                             guint64          *growth_kib_per_hour);

G_END_DECLS
