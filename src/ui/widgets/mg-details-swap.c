/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-details-swap: reads where swap lives for MgDetailsGrid, only while the gauge shows it. */

#define G_LOG_DOMAIN "memgauge-details-grid"

#include "config.h"

#include "mg-details-grid.h"
#include "mg-env.h"
#include "mg-source-procfs.h"
#include "mg-swap-reader.h"

void
mg_details_grid_set_sample_from (MgDetailsGrid  *self,
                                 MgMonitor      *monitor,
                                 const MgSample *sample)
{
  g_autoptr(MgSwapState) state = NULL;
  g_autoptr(GError) error = NULL;
  MgSource *source;

  g_return_if_fail (MG_IS_DETAILS_GRID (self));
  g_return_if_fail (MG_IS_MONITOR (monitor));

  mg_details_grid_set_sample (self, sample);

  source = mg_monitor_get_source (monitor);
  if (sample == NULL || !MG_IS_SOURCE_PROCFS (source))
    {
      /* Only the local kernel tells where its swap lives. */
      mg_details_grid_set_swap (self, NULL);
      return;
    }

  /* A few small reads (/proc/swaps, one mm_stat per zram device, zswap's switch): cheap
   * enough for the main loop, and done only while the window is visible. */
  state = mg_swap_read (mg_source_procfs_get_root (MG_SOURCE_PROCFS (source)),
                        mg_env_get_sys_root (), &sample->meminfo, &error);
  /* Junk in /proc/swaps shows "Unknown"; said once a sample only to the debug log, since
   * the window would repeat it every few seconds. */
  if (error != NULL)
    g_debug ("%s", error->message);
  mg_details_grid_set_swap (self, state);
}
