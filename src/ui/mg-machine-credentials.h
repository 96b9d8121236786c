/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-machine-credentials: answers the fleet's "credentials-needed" from the Secret Service. */
#pragma once

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

/**
 * mg_machine_credentials_attach:
 * @fleet: the app's fleet
 * @settings: the settings the fleet follows (`remote-sources` says which sources have credentials)
 *
 * On #MgRemoteFleet::credentials-needed, and whenever a source's secret was stored or cleared
 * here (#MgRemoteCredentials::changed), looks the source's secret up and hands the fleet its
 * `Authorization` header, or %NULL when there is none or the keyring cannot give it (the
 * source then polls without). Detaches itself when @fleet is finalized.
 */
void mg_machine_credentials_attach (MgRemoteFleet *fleet,
                                    GSettings     *settings);

G_END_DECLS
