/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sample-pace: how long to wait before the next sample, from how fast memory fills; pure. */

#define G_LOG_DOMAIN "memgauge-sample-pace"

#include "config.h"

#include "mg-sample-pace.h"

/* The rule. A program that runs away fills memory at hundreds of MiB/s (about 250 MiB/s
 * on the project's VMs, 1 GiB/s and more on a desktop), so a 3 s clock can step over the
 * whole high band between two samples and warn late or never. Polling fast all the time
 * would cost wakeups nobody needs at rest. So, as earlyoom and nohang do (both sleep
 * longer the further memory is from their action threshold and the slower it shrinks,
 * and wake sooner as it closes in), the clock adapts:
 *  - the last step's fill rate (percentage points per second) not above zero: memory is
 *    steady or being freed, so the calm interval (`sample-interval`, one wakeup each);
 *  - filling: take the faster of the last two steps (one slower step in a runaway must
 *    not send the clock back to sleep);
 *  - filling: predict when available memory reaches the next threshold below it (below
 *    the last threshold, when it runs out), and sample again after half that time, so
 *    that the crossing is seen at most a quarter second late even when the rate grows;
 *  - never sooner than 250 ms (the cost of a sample is about 50 µs, but a desktop app
 *    that wakes four times a second forever would be a nuisance) and never later than
 *    the calm interval. */

void
mg_sample_pace_init (MgSamplePace *pace)
{
  g_return_if_fail (pace != NULL);

  *pace = (MgSamplePace) { .has_last = FALSE };
}

void
mg_sample_pace_forget (MgSamplePace *pace)
{
  g_return_if_fail (pace != NULL);

  mg_sample_pace_init (pace);
}

/* The nearest threshold below @percent, or 0 (memory gone) when none is. */
static double
next_threshold (double        percent,
                const double *thresholds,
                guint         n_thresholds)
{
  double next = 0.0;

  for (guint i = 0; i < n_thresholds; i++)
    if (thresholds[i] < percent && thresholds[i] > next)
      next = thresholds[i];

  return next;
}

guint
mg_sample_pace_update (MgSamplePace *pace,
                       gint64        now_us,
                       double        available_percent,
                       const double *thresholds,
                       guint         n_thresholds,
                       guint         calm_ms)
{
  double rate;
  double until_s;
  double delay_ms;

  g_return_val_if_fail (pace != NULL, calm_ms);
  g_return_val_if_fail (thresholds != NULL || n_thresholds == 0, calm_ms);

  calm_ms = MAX (calm_ms, MG_SAMPLE_PACE_MIN_MS);

  /* A first sample, or a clock that did not move (a repeated or reevaluated sample),
   * gives no rate: keep what is known. */
  if (pace->has_last && now_us > pace->last_us)
    {
      pace->rate[1] = pace->rate[0];
      pace->rate[0] = (pace->last_percent - available_percent) * G_USEC_PER_SEC /
                      (double) (now_us - pace->last_us);
    }
  else if (pace->has_last)
    {
      return calm_ms;
    }
  pace->has_last = TRUE;
  pace->last_us = now_us;
  pace->last_percent = available_percent;

  if (!(pace->rate[0] > 0.0))
    return calm_ms;
  rate = MAX (pace->rate[0], pace->rate[1]);

  until_s = (available_percent - next_threshold (available_percent, thresholds,
                                                 n_thresholds)) / rate;
  delay_ms = until_s * 1000.0 / 2.0;
  if (delay_ms >= (double) calm_ms)
    return calm_ms;

  return (guint) MAX (delay_ms, (double) MG_SAMPLE_PACE_MIN_MS);
}
