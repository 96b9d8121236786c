/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-unreachable-rule: when to say that a remote machine does not answer, and that it
 * answers again; pure, clock passed in. */

#define G_LOG_DOMAIN "memgauge-unreachable-rule"

#include "config.h"

#include "mg-unreachable-rule.h"

MgUnreachableAction
mg_unreachable_rule_update (MgUnreachableRule *rule,
                            gint64             failing_since_us,
                            gint64             now_us,
                            gint64             delay_us)
{
  g_return_val_if_fail (rule != NULL, MG_UNREACHABLE_ACTION_NONE);

  if (failing_since_us == 0)
    {
      if (!rule->down_said)
        return MG_UNREACHABLE_ACTION_NONE;
      rule->down_said = FALSE;
      return MG_UNREACHABLE_ACTION_BACK;
    }

  /* Once per outage: a machine that stays down is not news at every poll. A new run of
   * failures that starts while one was said (no answer came between) is the same outage. */
  if (rule->down_said || delay_us <= 0)
    return MG_UNREACHABLE_ACTION_NONE;
  if (now_us - failing_since_us < delay_us)
    return MG_UNREACHABLE_ACTION_NONE;

  rule->down_said = TRUE;
  return MG_UNREACHABLE_ACTION_DOWN;
}

gboolean
mg_unreachable_rule_is_down (const MgUnreachableRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  return rule->down_said;
}
