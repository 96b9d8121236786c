/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgDetailsGrid: what the kernel reports, labelled values in two pairs of columns. */
#pragma once

#include <gtk/gtk.h>

#include "mg-sample.h"

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

G_END_DECLS
