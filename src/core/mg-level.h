/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level: the pure rule that turns a sample into a pressure level and its reason. */
#pragma once

#include "mg-sample.h"

G_BEGIN_DECLS

/**
 * MgLevel:
 * @MG_LEVEL_UNKNOWN: no valid sample
 * @MG_LEVEL_LOW: plenty available
 * @MG_LEVEL_MEDIUM: getting full
 * @MG_LEVEL_HIGH: the kernel is working hard to find memory
 * @MG_LEVEL_CRITICAL: close to swapping hard or killing programs
 *
 * Ordered by severity: a larger value is worse. The nicks are the words used by
 * `--json` and in icon names.
 */
typedef enum {
  MG_LEVEL_UNKNOWN,
  MG_LEVEL_LOW,
  MG_LEVEL_MEDIUM,
  MG_LEVEL_HIGH,
  MG_LEVEL_CRITICAL,
} MgLevel;

/**
 * MgLevelParams:
 * @low_percent: available above this many percent of total is low pressure
 * @medium_percent: above this, medium
 * @high_percent: above this, high; at or below it, critical
 * @margin_percent: how far above a threshold the ratio must climb before the level
 *   falls back across it
 * @psi_enabled: whether kernel pressure stall information may raise the level
 * @psi_some_percent: `some avg10` at or above this raises the level to at least medium
 * @psi_full_percent: `full avg10` at or above this raises the level to at least high
 */
typedef struct {
  double   low_percent;
  double   medium_percent;
  double   high_percent;
  double   margin_percent;
  gboolean psi_enabled;
  double   psi_some_percent;
  double   psi_full_percent;
} MgLevelParams;

#define MG_LEVEL_REASON_SIZE 256

void        mg_level_params_init_default (MgLevelParams       *params);
gboolean    mg_level_params_are_valid    (const MgLevelParams *params);

/**
 * mg_level_evaluate:
 * @sample: (nullable): a valid sample, or %NULL when sampling failed
 * @previous: the level before this sample, for hysteresis
 * @psi_level: (inout) (nullable): the level PSI alone gave last time, replaced by the level
 *   it gives now; PSI's margin on the way down applies only when PSI itself held the level.
 *   %NULL takes @previous for it, as if PSI had made the previous level
 * @params: thresholds
 * @reason: (out caller-allocates): a short human reason, written when not %NULL
 * @reason_size: size of @reason, normally %MG_LEVEL_REASON_SIZE
 *
 * Returns: the new level; %MG_LEVEL_UNKNOWN for a %NULL sample
 */
MgLevel     mg_level_evaluate            (const MgSample      *sample,
                                          MgLevel              previous,
                                          MgLevel             *psi_level,
                                          const MgLevelParams *params,
                                          char                *reason,
                                          gsize                reason_size);

/**
 * mg_level_to_nick:
 * @level: a level; a value out of range gives "unknown"
 *
 * Returns: the nick registered for @level in its #GEnumClass ("low", "medium", "high",
 *   "critical" or "unknown"), not translated: the word of `--json` and of icon names
 */
const char *mg_level_to_nick             (MgLevel              level);

G_END_DECLS
