/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessCurrent: the swappiness in use, what it means, and a note when there is no swap. */
#pragma once

#include <gtk/gtk.h>

#include "mg-sample.h"

G_BEGIN_DECLS

#define MG_TYPE_SWAPPINESS_CURRENT (mg_swappiness_current_get_type ())
G_DECLARE_FINAL_TYPE (MgSwappinessCurrent, mg_swappiness_current, MG, SWAPPINESS_CURRENT, GtkBox)

/**
 * mg_swappiness_current_set_sample:
 * @self: a header
 * @sample: (nullable): the latest valid sample, or %NULL when there is none
 *
 * Shows "Swappiness in use: N" (or "unknown"), and the note that swappiness changes little
 * while the sample reports no swap at all (SwapTotal 0).
 */
void mg_swappiness_current_set_sample (MgSwappinessCurrent *self,
                                       const MgSample      *sample);

G_END_DECLS
