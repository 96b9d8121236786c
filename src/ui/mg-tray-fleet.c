/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-tray-fleet: what the tray says about the remote machines: the level its icon shows
 * and the tooltip's line naming the worst machine. */

#define G_LOG_DOMAIN "memgauge-tray"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-tray-fleet.h"

MgLevel
mg_tray_fleet_level (MgMonitor     *local,
                     MgRemoteFleet *fleet,
                     gboolean       worst)
{
  MgLevel level = mg_monitor_get_level (local);
  MgRemoteMachine *machine;
  MgLevel remote;

  if (!worst || fleet == NULL)
    return level;

  machine = mg_remote_fleet_get_worst (fleet);
  if (machine == NULL)
    return level;

  remote = mg_monitor_get_level (mg_remote_machine_get_monitor (machine));
  return mg_remote_fleet_rank (remote) > mg_remote_fleet_rank (level) ? remote : level;
}

/* "build-box, 91 % of memory used (critical)", or why there is no figure. */
static char *
describe_machine (MgRemoteMachine *machine)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  MgLevel level = mg_monitor_get_level (monitor);
  const GError *error = mg_monitor_get_error (monitor);
  const char *name = mg_remote_machine_get_name (machine);
  guint used;

  if (level != MG_LEVEL_UNKNOWN && mg_monitor_get_shown_percent (monitor, NULL, &used))
    /* Translators: a remote machine in the tray's tooltip: its name, the share of its
     * memory in use and its level, "build-box, 91 % of memory used (critical)" */
    return g_strdup_printf (_("%s, %u %% of memory used (%s)"), name, used,
                            g_dpgettext2 (NULL, "level", mg_level_to_nick (level)));

  if (error != NULL)
    /* Translators: a remote machine in the tray's tooltip that does not answer, and why:
     * "build-box, does not answer: connection refused" */
    return g_strdup_printf (_("%s, does not answer: %s"), name, error->message);

  /* Translators: a remote machine in the tray's tooltip before its first answer */
  return g_strdup_printf (_("%s, waiting for its first figures"), name);
}

char *
mg_tray_fleet_describe (MgMonitor     *local,
                        MgRemoteFleet *fleet)
{
  MgRemoteMachine *machine;
  g_autofree char *remote = NULL;
  MgLevel level;

  if (fleet == NULL)
    return NULL;
  machine = mg_remote_fleet_get_worst (fleet);
  if (machine == NULL)
    return NULL;

  remote = describe_machine (machine);
  level = mg_monitor_get_level (mg_remote_machine_get_monitor (machine));
  /* A tie goes to the remote machine: the first line already speaks of this one. */
  if (mg_remote_fleet_rank (level) >= mg_remote_fleet_rank (mg_monitor_get_level (local)))
    /* Translators: the tray tooltip's line after this machine's; %s is a remote machine,
     * "Worst: build-box, 91 % of memory used (critical)" */
    return g_strdup_printf (_("Worst: %s"), remote);

  /* Translators: the tray tooltip's line after this machine's when this machine is worse
   * than every remote one; %s is the worst of those, "build-box, 40 % of memory used (low)" */
  return g_strdup_printf (_("Worst: this computer; next: %s"), remote);
}
