/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgDetailsGrid: what the kernel reports, labelled values in two pairs of columns. */
#pragma once

#include <gtk/gtk.h>

#include "mg-monitor.h"
#include "mg-sample.h"
#include "mg-swap-state.h"

G_BEGIN_DECLS

#define MG_TYPE_DETAILS_GRID (mg_details_grid_get_type ())
G_DECLARE_FINAL_TYPE (MgDetailsGrid, mg_details_grid, MG, DETAILS_GRID, GtkGrid)

/**
 * mg_details_grid_new:
 *
 * Available, used, cache, swap, swappiness (with its "Change…" button, which activates
 * `app.swappiness`), PSI, swap and fault rates and OOM kills. Each value label's
 * accessible name says which value it is; the keys' tooltips say what it means.
 *
 * Returns: (transfer floating): a new grid, every value empty
 */
GtkWidget *mg_details_grid_new        (void);

/* Shows @sample's values; %NULL (no readable sample) shows "Unknown" for each. */
void       mg_details_grid_set_sample (MgDetailsGrid  *self,
                                       const MgSample *sample);

/* Shows disk swap, zram and zswap apart: zram and zswap while in use, disk swap when there
 * is some next to either; %NULL (not read) hides the three rows. */
void       mg_details_grid_set_swap   (MgDetailsGrid     *self,
                                       const MgSwapState *state);

/**
 * mg_details_grid_set_sample_from:
 * @self: a grid
 * @monitor: the monitor @sample comes from
 * @sample: (nullable): its sample
 *
 * mg_details_grid_set_sample(), then, for a monitor of the local /proc, reads where swap
 * lives (mg_swap_read(): /proc/swaps, zram's mm_stat, zswap) and shows it. The gauge window
 * calls it for each sample while it is visible: the reading is not part of the background
 * sample, which stays free of allocations.
 */
void       mg_details_grid_set_sample_from (MgDetailsGrid  *self,
                                            MgMonitor      *monitor,
                                            const MgSample *sample);

G_END_DECLS
