/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sample-pace: how long to wait before the next sample, from how fast memory fills; pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Never sample more often than this, however fast memory fills. */
#define MG_SAMPLE_PACE_MIN_MS 250

/**
 * MgSamplePace:
 *
 * The last sample's time and available figure, and the fill rates of the last two steps.
 * Set up by mg_sample_pace_init(); the fields are private.
 */
typedef struct {
  /*< private >*/
  gboolean has_last;
  gint64   last_us;
  double   last_percent;
  double   rate[2];
} MgSamplePace;

void  mg_sample_pace_init   (MgSamplePace *pace);

/**
 * mg_sample_pace_update:
 * @pace: pace
 * @now_us: monotonic time of the sample in µs
 * @available_percent: MemAvailable in percent of MemTotal, 0 to 100
 * @thresholds: (array length=n_thresholds): the level thresholds in percent available
 *   (low, medium, high), in any order
 * @n_thresholds: how many
 * @calm_ms: the delay while memory is steady or being freed (the sample interval)
 *
 * Feeds one good sample and says when to take the next one: @calm_ms while memory is
 * steady or being freed; while it fills, no later than half the predicted time until
 * available memory reaches the next threshold below it (or runs out, below the last
 * one), and never sooner than %MG_SAMPLE_PACE_MIN_MS.
 *
 * Returns: the delay in milliseconds, from %MG_SAMPLE_PACE_MIN_MS to @calm_ms
 */
guint mg_sample_pace_update (MgSamplePace *pace,
                             gint64        now_us,
                             double        available_percent,
                             const double *thresholds,
                             guint         n_thresholds,
                             guint         calm_ms);

/**
 * mg_sample_pace_forget:
 * @pace: pace
 *
 * After a failed sample: the next good one starts afresh (no rate across the gap).
 */
void  mg_sample_pace_forget (MgSamplePace *pace);

G_END_DECLS
