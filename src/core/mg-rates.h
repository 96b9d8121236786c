/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-rates: per-second rates of the vmstat counters between two samples. */
#pragma once

#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * mg_rates_compute:
 * @sample: the new sample; its `rate_per_s` and `has_rates` are filled in
 * @previous: (nullable): the previous good sample, or %NULL for none
 *
 * Rates are per second of the samples' `time_us`. There are none for a first sample, for
 * samples without vmstat or not later than @previous, and when a counter went backwards
 * (another proc root, a reset). A counter only one of the two has gives 0.
 *
 * Returns: the new `has_rates`
 */
gboolean mg_rates_compute (MgSample       *sample,
                           const MgSample *previous);

G_END_DECLS
