/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-unreachable-rule: when to say that a remote machine does not answer, and that it
 * answers again; pure, clock passed in. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MgUnreachableAction:
 * @MG_UNREACHABLE_ACTION_NONE: nothing to say
 * @MG_UNREACHABLE_ACTION_DOWN: send "does not answer"
 * @MG_UNREACHABLE_ACTION_BACK: send "answers again" (it replaces "does not answer")
 */
typedef enum {
  MG_UNREACHABLE_ACTION_NONE,
  MG_UNREACHABLE_ACTION_DOWN,
  MG_UNREACHABLE_ACTION_BACK,
} MgUnreachableAction;

/**
 * MgUnreachableRule:
 *
 * One machine's state; zero-initialised means "nothing said".
 */
typedef struct {
  /*< private >*/
  gboolean down_said;
} MgUnreachableRule;

/**
 * mg_unreachable_rule_update:
 * @rule: a machine's rule
 * @failing_since_us: monotonic time of the first failed poll of the current run of
 *   failures, 0 while the machine answers (mg_remote_machine_get_failing_since())
 * @now_us: monotonic time now
 * @delay_us: how long the failures must last before they are news; 0 or less: never
 *
 * Called after each poll. "Does not answer" is said once per outage, when it has lasted
 * @delay_us; "answers again" once, at the first answer after it, and only then. A run of
 * failures shorter than the delay says nothing, not even when it ends.
 *
 * Returns: what to say now
 */
MgUnreachableAction mg_unreachable_rule_update (MgUnreachableRule *rule,
                                                gint64             failing_since_us,
                                                gint64             now_us,
                                                gint64             delay_us);

/* Whether "does not answer" was said and "answers again" not yet. */
gboolean            mg_unreachable_rule_is_down (const MgUnreachableRule *rule);

G_END_DECLS
