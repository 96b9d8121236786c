/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What MgRemoteFleet does to its machines; views only read them (mg-remote-fleet.h). */
#pragma once

#include "mg-remote-fleet.h"

G_BEGIN_DECLS

MgRemoteMachine *mg_remote_machine_new      (const char      *id,
                                             const char      *name,
                                             const char      *source_id,
                                             const char      *url,
                                             guint            history_capacity);
void             mg_remote_machine_set_name (MgRemoteMachine *self,
                                             const char      *name);

/* By name as people sort (g_utf8_collate()), then by id. */
int              mg_remote_machine_compare  (MgRemoteMachine *a,
                                             MgRemoteMachine *b);

/* Hands one poll's result to the machine's monitor: @sample, or @error when it failed. */
void             mg_remote_machine_take     (MgRemoteMachine *self,
                                             const MgSample  *sample,
                                             const GError    *error);

G_END_DECLS
