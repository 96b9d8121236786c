/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-rates: per-second rates of the vmstat counters between two samples. */

#define G_LOG_DOMAIN "memgauge-rates"

#include "config.h"

#include "mg-rates.h"

gboolean
mg_rates_compute (MgSample       *sample,
                  const MgSample *previous)
{
  double seconds;

  g_return_val_if_fail (sample != NULL, FALSE);

  sample->has_rates = FALSE;
  if (previous == NULL || !sample->has_vmstat || !previous->has_vmstat)
    return FALSE;

  seconds = (double) (sample->time_us - previous->time_us) / G_USEC_PER_SEC;
  if (seconds <= 0.0)
    return FALSE;

  for (guint i = 0; i < MG_VMSTAT_N_FIELDS; i++)
    {
      gboolean both = mg_vmstat_has (&sample->vmstat, i) && mg_vmstat_has (&previous->vmstat, i);

      if (both && sample->vmstat.count[i] < previous->vmstat.count[i])
        return FALSE;
      sample->rate_per_s[i] =
        both ? (double) (sample->vmstat.count[i] - previous->vmstat.count[i]) / seconds : 0.0;
    }

  sample->has_rates = TRUE;
  return TRUE;
}
