/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-machine-text: the words a remote machine's row and its gauge window share (used,
 * swap, stalls, last contact, how long it has failed). */
#pragma once

#include <glib.h>

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

/* "62 % used", with mg_monitor_get_shown_percent() as the local gauge; %NULL without a
 * sample. */
char *mg_machine_text_used         (MgMonitor       *monitor);

/* Swap used of total, "1.2 GiB of 4.0 GiB", or %NULL when the machine has none. */
char *mg_machine_text_swap         (const MgSample  *sample);

/* "stalls 12 %" (PSI some avg10) when the machine exports PSI, else %NULL. */
char *mg_machine_text_stalls       (const MgSample  *sample);

/* "just now", "2 min ago", "3 h ago", "2 days ago", or "never" before the first good
 * sample, at @now_us (g_get_real_time()). */
char *mg_machine_text_last_contact (MgRemoteMachine *machine,
                                    gint64           now_us);

/* "for less than a minute", "for 3 min" while the machine fails (at @now_us, g_get_monotonic_time()), else %NULL. */
char *mg_machine_text_failing_for  (MgRemoteMachine *machine,
                                    gint64           now_us);

/* Why the machine has no level, in words ("connection refused"), or %NULL when it has one. */
const char *mg_machine_text_problem (MgRemoteMachine *machine);

G_END_DECLS
