/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-alerts: when a limited group is news: near its limit, stalling the machine; pure. */
#pragma once

#include <glib.h>

#include "mg-group.h"

G_BEGIN_DECLS

/* The default of the group-limit-percent setting. */
#define MG_GROUP_LIMIT_DEFAULT_PERCENT 90
/* An episode ends once usage stays this many points below the threshold ... */
#define MG_GROUP_LIMIT_REARM_MARGIN 5.0
/* ... for this long. */
#define MG_GROUP_LIMIT_REARM_US ((gint64) 60 * G_USEC_PER_SEC)
/* A group this close to its limit is one that can thrash at it. */
#define MG_GROUP_THRASH_PERCENT 90.0

/**
 * MgLimitEpisode:
 *
 * One limited group's near-limit state between samples; zero-initialised.
 */
typedef struct {
  guint    n_above;
  gboolean announced;
  gboolean below;
  gint64   below_since_us;
} MgLimitEpisode;

/**
 * mg_limit_episode_update:
 * @episode: the group's state
 * @percent: its usage as a percentage of its limit in this sample
 * @threshold: the group-limit-percent setting
 * @now_us: the sample's monotonic time
 *
 * The rule: a group at or above @threshold percent of its limit on two samples in a
 * row is announced, once per episode. The episode ends when its usage has stayed
 * below @threshold − 5 for a minute; the next two samples at or above @threshold are
 * news again. In between, dips and returns announce nothing.
 *
 * Returns: %TRUE when this sample is the one to announce
 */
gboolean mg_limit_episode_update (MgLimitEpisode *episode,
                                  double          percent,
                                  guint           threshold,
                                  gint64          now_us);

/**
 * mg_group_psi_excused:
 * @machine_some_avg10: the machine's `some avg10`, percent
 * @groups: (element-type MgGroup): the limited groups as just read
 *
 * The rule: the machine's stalls come from groups held to their own limits when some
 * group is at ≥ 90 % of its limit and its own `some avg10` is at least the machine's.
 * The machine's `some` counts time in which any task stalls, so one group thrashing
 * alone gives the machine at most its own figure: a group at its limit stalling as much
 * as the machine accounts for all of it, and more memory for the machine would not help.
 *
 * Returns: %TRUE when the machine's level should ignore PSI for this sample
 */
gboolean mg_group_psi_excused    (double          machine_some_avg10,
                                  GPtrArray      *groups);

G_END_DECLS
