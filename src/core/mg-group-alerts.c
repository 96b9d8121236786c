/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-alerts: when a limited group is news: near its limit, stalling the machine; pure. */

#define G_LOG_DOMAIN "memgauge-group-alerts"

#include "config.h"

#include "mg-group-alerts.h"

gboolean
mg_limit_episode_update (MgLimitEpisode *episode,
                         double          percent,
                         guint           threshold,
                         gint64          now_us)
{
  g_return_val_if_fail (episode != NULL, FALSE);

  if (percent >= threshold)
    {
      episode->below = FALSE;
      if (episode->n_above < G_MAXUINT)
        episode->n_above++;
      if (episode->n_above >= 2 && !episode->announced)
        {
          episode->announced = TRUE;
          return TRUE;
        }
      return FALSE;
    }

  episode->n_above = 0;
  if (percent >= threshold - MG_GROUP_LIMIT_REARM_MARGIN)
    {
      episode->below = FALSE;
      return FALSE;
    }
  if (!episode->below)
    {
      episode->below = TRUE;
      episode->below_since_us = now_us;
    }
  if (now_us - episode->below_since_us >= MG_GROUP_LIMIT_REARM_US)
    episode->announced = FALSE;
  return FALSE;
}

gboolean
mg_group_psi_excused (double     machine_some_avg10,
                      GPtrArray *groups)
{
  g_return_val_if_fail (groups != NULL, FALSE);

  if (machine_some_avg10 <= 0.0)
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);
      double percent;

      if (mg_group_has (group, MG_GROUP_HAS_PRESSURE) &&
          mg_group_get_limit_percent (group, &percent) &&
          percent >= MG_GROUP_THRASH_PERCENT &&
          group->pressure_some_avg10 >= machine_some_avg10)
        return TRUE;
    }
  return FALSE;
}
