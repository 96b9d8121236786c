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

/* A level PSI raised stays at least this long after the last sample whose stalls
 * justified it (see mg_level_state_update()). */
#define MG_LEVEL_PSI_HOLD_US ((gint64) 30 * G_USEC_PER_SEC)

/**
 * MgLevelState:
 * @level: the level: the worse of @memory_level and @psi_level
 * @memory_level: what the memory rule alone gives, with its margin on the way down
 * @psi_level: what stalls alone give (%MG_LEVEL_LOW when they give nothing), with their
 *   margin and hold time on the way down
 * @psi_from_full: whether @psi_level comes from `full` stalls rather than `some`
 * @psi_active: whether the stalls of this very sample justify @psi_level (otherwise only
 *   the hold time keeps it)
 * @psi_since_us: for a held @psi_level, how long ago the stalls last justified it
 *
 * The rule's memory from one valid sample to the next. Failed samples do not touch it,
 * so that the hysteresis that held a level before a glitch still holds after it.
 */
typedef struct {
  MgLevel  level;
  MgLevel  memory_level;
  MgLevel  psi_level;
  gboolean psi_from_full;
  gboolean psi_active;
  gint64   psi_since_us;

  /*< private >*/
  /* When the stalls last justified medium and high, in sample time; G_MININT64: never. */
  gint64   psi_seen_us[MG_LEVEL_CRITICAL];
} MgLevelState;

/**
 * mg_level_state_init:
 * @state: (out caller-allocates): a state as before the first sample: no hysteresis
 */
void        mg_level_state_init          (MgLevelState        *state);

/**
 * mg_level_state_update:
 * @state: the state after the previous valid sample; updated
 * @sample: (nullable): a valid sample, or %NULL when sampling failed
 * @params: thresholds
 * @reason: (out caller-allocates) (nullable): a short human reason
 * @reason_size: size of @reason, normally %MG_LEVEL_REASON_SIZE
 *
 * Memory: rising is immediate; falling across a threshold needs the available ratio to
 * clear it by the margin. Stalls (PSI) can only raise the level, each step (`some` to
 * medium, `full` to high) entering at its threshold; a step PSI holds falls back only once
 * avg10 has been under its threshold minus the margin for %MG_LEVEL_PSI_HOLD_US. Samples
 * are timed by @sample's `time_us`.
 *
 * A %NULL sample (or one without a total) gives %MG_LEVEL_UNKNOWN and leaves @state alone.
 *
 * Returns: the new level
 */
MgLevel     mg_level_state_update        (MgLevelState        *state,
                                          const MgSample      *sample,
                                          const MgLevelParams *params,
                                          char                *reason,
                                          gsize                reason_size);

/**
 * mg_level_state_raised_by_stalls:
 * @state: a state
 *
 * Returns: whether the level comes from stalls alone, memory being at a lower level:
 *   programs wait for memory that is not short, and the words must say so
 */
gboolean    mg_level_state_raised_by_stalls (const MgLevelState *state);

/**
 * mg_level_to_nick:
 * @level: a level; a value out of range gives "unknown"
 *
 * Returns: the nick registered for @level in its #GEnumClass ("low", "medium", "high",
 *   "critical" or "unknown"), not translated: the word of `--json` and of icon names
 */
const char *mg_level_to_nick             (MgLevel              level);

/**
 * mg_level_get_word:
 * @level: a level; a value out of range gives the word for unknown
 *
 * Returns: the level's word in the user's language, lower case, as reasons and status
 *   lines start with it ("high: 8 % available")
 */
const char *mg_level_get_word            (MgLevel              level);

G_END_DECLS
