/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the parts of MgRemoteFleet share: its sources (mg-remote-fleet.c follows the setting,
 * mg-remote-fleet-poll.c polls them and hands each answer to a machine). */
#pragma once

#include "mg-remote-fleet.h"
#include "mg-remote-machine-private.h"
#include "mg-remote-url.h"

G_BEGIN_DECLS

/* One configured source: its settings, its reader and its timer. */
typedef struct {
  MgRemoteFleet *fleet;
  char          *id;
  char          *name;
  char          *url;
  char          *auth;
  char          *fingerprint;
  guint          interval_s;

  GUri          *uri;        /* NULL when the URL cannot be used */
  MgRemoteKind   kind;
  GObject       *reader;     /* MgSourceNodeExporter or MgSourcePrometheus */
  GError        *url_error;
  GCancellable  *cancellable;
  guint          timer_id;
  gboolean       busy;
  gboolean       waiting_for_credentials;
  gboolean       told_too_many;
} Source;

struct _MgRemoteFleet {
  GObject       parent_instance;

  GSettings    *settings;
  gulong        changed_handler;
  GPtrArray    *sources;     /* Source */
  GListStore   *machines;    /* MgRemoteMachine, sorted by name */
  gboolean      running;
  guint         test_interval_ms;
  guint         poll_now_id;
};

/* mg-remote-fleet.c */
void             mg_remote_fleet_emit_polled        (MgRemoteFleet   *self,
                                                     MgRemoteMachine *machine);

/* mg-remote-fleet-poll.c */
/* A GCompareDataFunc for the list of machines: mg_remote_machine_compare(). */
int              mg_remote_fleet_compare_machines   (gconstpointer    a,
                                                     gconstpointer    b,
                                                     gpointer         user_data);
MgRemoteMachine *mg_remote_fleet_find_machine       (MgRemoteFleet   *self,
                                                     const char      *id,
                                                     guint           *position);
void             mg_remote_fleet_remove_machine_at  (MgRemoteFleet   *self,
                                                     guint            position);
/* Removes the machines of @source_id that @keep does not hold (all when it is %NULL). */
void             mg_remote_fleet_remove_machines_of (MgRemoteFleet   *self,
                                                     const char      *source_id,
                                                     GHashTable      *keep);
/* Hands a poll's result (@sample, or @error) to @machine's monitor and says so. */
void             mg_remote_fleet_deliver            (MgRemoteFleet   *self,
                                                     MgRemoteMachine *machine,
                                                     const MgSample  *sample,
                                                     const GError    *error);
MgRemoteMachine *mg_remote_source_add_machine       (Source          *source,
                                                     const char      *id,
                                                     const char      *name);
/* The machine that stands for a source while it has no machine of its own to show. */
MgRemoteMachine *mg_remote_source_machine           (Source          *source);
/* Starts one poll unless one is in flight, the source waits for credentials or its URL
 * cannot be used. */
void             mg_remote_source_poll              (Source          *source);
/* (Re)starts the source's timer while the fleet runs; stops it otherwise. */
void             mg_remote_source_start_timer       (Source          *source);

G_END_DECLS
