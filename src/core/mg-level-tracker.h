/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level-tracker: a monitor's level over time: its thresholds, hysteresis and reason. */
#pragma once

#include <glib-object.h>

#include "mg-level.h"

G_BEGIN_DECLS

/**
 * MgLevelTracker:
 * @requested: the thresholds as last set, possibly out of order for a moment
 * @params: the last valid combination of them, the one the rule uses
 * @state: the rule's state after the last valid sample
 * @level: the level now: %MG_LEVEL_UNKNOWN after a failed sample
 * @reason: why, in words, with the figures every view shows
 *
 * Plain data owned by #MgMonitor; the functions below are its only writers. Thresholds
 * arrive one settings key at a time, so an order can pass through invalid states: the
 * rule keeps the last valid set until the requested one is valid again.
 */
typedef struct {
  MgLevelParams requested;
  MgLevelParams params;
  MgLevelState  state;
  MgLevel       level;
  char          reason[MG_LEVEL_REASON_SIZE];
} MgLevelTracker;

/* Default thresholds, level unknown, "not sampled yet". */
void     mg_level_tracker_init          (MgLevelTracker       *self);

/**
 * mg_level_tracker_set_param:
 * @self: a tracker
 * @name: the name of an #MgMonitor property that sets a threshold: "low-threshold",
 *   "medium-threshold", "high-threshold", "hysteresis-margin" (guint, percent) or
 *   "psi-raises-level" (gboolean)
 * @value: its new value
 *
 * Returns: %TRUE when the requested value changed
 */
gboolean mg_level_tracker_set_param     (MgLevelTracker       *self,
                                         const char           *name,
                                         const GValue         *value);

/* The requested value of the threshold property @name, as for mg_level_tracker_set_param(). */
void     mg_level_tracker_get_param     (const MgLevelTracker *self,
                                         const char           *name,
                                         GValue               *value);

/* Takes a valid sample: the level and reason follow the rule. Returns the level. */
MgLevel  mg_level_tracker_update        (MgLevelTracker       *self,
                                         const MgSample       *sample);

/* A failed sample: the level is unknown for @message, and the hysteresis of the last
 * valid sample is kept for the next one. */
void     mg_level_tracker_fail          (MgLevelTracker       *self,
                                         const char           *message);

/**
 * mg_level_tracker_shown_percent:
 * @self: a tracker
 * @sample: the sample the level was last updated with
 * @available: (out) (optional): the available percentage to show
 * @used: (out) (optional): the used percentage to show: 100 − @available
 *
 * The figures rounded by mg_format_available_percent() for the current level.
 */
void     mg_level_tracker_shown_percent (const MgLevelTracker *self,
                                         const MgSample       *sample,
                                         guint                *available,
                                         guint                *used);

G_END_DECLS
