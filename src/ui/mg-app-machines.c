/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-app-machines: the app's remote machines, from the setting to the tray. */

#define G_LOG_DOMAIN "memgauge-app"

#include "config.h"

#include <string.h>

#include "mg-app-machines.h"
#include "mg-machine-credentials.h"
#include "mg-machine-notifier.h"
#include "mg-machine-window.h"

static void
on_show_machine (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MgRemoteFleet *fleet = user_data;
  GListModel *machines = mg_remote_fleet_get_machines (fleet);
  const char *id = g_variant_get_string (parameter, NULL);
  guint n = g_list_model_get_n_items (machines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MgRemoteMachine) machine = g_list_model_get_item (machines, i);

      if (strcmp (mg_remote_machine_get_id (machine), id) == 0)
        {
          mg_machine_window_present (NULL, fleet, machine);
          return;
        }
    }
  /* Removed since the notification was sent: this machine's gauge, with the list. */
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "show-gauge",
                                  NULL);
}

MgRemoteFleet *
mg_app_machines_start (GApplication *app,
                       GSettings    *settings,
                       guint         test_interval_ms)
{
  MgRemoteFleet *fleet = mg_remote_fleet_new (settings);
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-machine", G_VARIANT_TYPE_STRING);

  /* The action outlives the fleet (the app drops it at shutdown): it lets go with it. */
  g_signal_connect_object (action, "activate", G_CALLBACK (on_show_machine), fleet, 0);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
  mg_machine_credentials_attach (fleet, settings);
  if (test_interval_ms != 0)
    mg_remote_fleet_set_test_interval_ms (fleet, test_interval_ms);
  mg_remote_fleet_start (fleet);
  return fleet;
}

void
mg_app_machines_show (GApplication  *app,
                      MgRemoteFleet *fleet,
                      MgTray        *tray,
                      GSettings     *settings)
{
  mg_tray_set_fleet (tray, fleet, settings);
  mg_machine_notifier_attach (app, fleet, settings);
}
