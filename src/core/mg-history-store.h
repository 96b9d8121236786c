/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-history-store: the last hour of MgHistory as bytes and back, for the state file. */
#pragma once

#include <glib.h>

#include "mg-history.h"

G_BEGIN_DECLS

#define MG_HISTORY_STORE_ERROR (mg_history_store_error_quark ())

/**
 * MgHistoryStoreError:
 * @MG_HISTORY_STORE_ERROR_TRUNCATED: shorter than its header or its entries say
 * @MG_HISTORY_STORE_ERROR_MAGIC: not a MemGauge history file
 * @MG_HISTORY_STORE_ERROR_VERSION: a format version this build does not read
 * @MG_HISTORY_STORE_ERROR_FOREIGN: written on another machine, or with another MemTotal
 * @MG_HISTORY_STORE_ERROR_TOO_LARGE: more entries than an hour can hold, or bytes past them
 * @MG_HISTORY_STORE_ERROR_INVALID: a value out of range, out of order or in the future
 */
typedef enum {
  MG_HISTORY_STORE_ERROR_TRUNCATED,
  MG_HISTORY_STORE_ERROR_MAGIC,
  MG_HISTORY_STORE_ERROR_VERSION,
  MG_HISTORY_STORE_ERROR_FOREIGN,
  MG_HISTORY_STORE_ERROR_TOO_LARGE,
  MG_HISTORY_STORE_ERROR_INVALID,
} MgHistoryStoreError;

#define MG_HISTORY_STORE_VERSION 1
/* How far back the file reaches. */
#define MG_HISTORY_STORE_MAX_AGE_US ((gint64) 3600 * G_USEC_PER_SEC)
/* An hour at the shortest sampling interval (1 s), as MG_MONITOR_HISTORY_CAPACITY. */
#define MG_HISTORY_STORE_MAX_ENTRIES 3600
#define MG_HISTORY_STORE_HEADER_SIZE 48
#define MG_HISTORY_STORE_ENTRY_SIZE 10
#define MG_HISTORY_STORE_MAX_SIZE \
  (MG_HISTORY_STORE_HEADER_SIZE + MG_HISTORY_STORE_MAX_ENTRIES * MG_HISTORY_STORE_ENTRY_SIZE)

/**
 * MgHistoryStoreIdentity:
 * @machine: a hash of the machine id, never the id itself (it is meant to stay private)
 * @mem_total_kib: MemTotal of the machine the history was taken on
 *
 * What makes a file this machine's own: a copy from another machine, or from before a
 * memory upgrade, is foreign.
 */
typedef struct {
  guint8  machine[16];
  guint64 mem_total_kib;
} MgHistoryStoreIdentity;

GQuark   mg_history_store_error_quark    (void);

/**
 * mg_history_store_identity_init:
 * @identity: (out caller-allocates): the identity to fill in
 * @machine_id: (nullable): the contents of /etc/machine-id (surrounding white space is
 *   ignored); %NULL or empty where the machine has none
 * @mem_total_kib: MemTotal
 */
void     mg_history_store_identity_init  (MgHistoryStoreIdentity       *identity,
                                          const char                   *machine_id,
                                          guint64                       mem_total_kib);

/**
 * mg_history_store_serialize:
 * @history: the history to keep
 * @identity: this machine
 * @wall_offset_us: wall-clock time minus the monotonic time of @history's clock, now
 * @now_wall_us: wall-clock time now
 *
 * The entries of the last hour (at most %MG_HISTORY_STORE_MAX_ENTRIES), oldest first,
 * with wall-clock times, since monotonic time starts again at every boot.
 *
 * Returns: (transfer full): the file's contents, at most %MG_HISTORY_STORE_MAX_SIZE bytes
 */
GBytes  *mg_history_store_serialize      (const MgHistory              *history,
                                          const MgHistoryStoreIdentity *identity,
                                          gint64                        wall_offset_us,
                                          gint64                        now_wall_us);

/**
 * mg_history_store_parse:
 * @data: (array length=length): the file's contents, from outside: nothing is trusted
 * @length: its length
 * @identity: this machine
 * @wall_offset_us: wall-clock time minus the monotonic time of the monitor's clock, now
 * @now_wall_us: wall-clock time now
 * @entries: (out) (transfer full): the entries of the last hour, oldest first, their
 *   times on the monitor's clock; set only on success
 * @error: which check failed
 *
 * Checks the header, the identity, the count against the length, every value's range,
 * that times never go back and none is in the future, and drops what is more than an
 * hour old.
 *
 * Returns: %TRUE on success
 */
gboolean mg_history_store_parse          (const guint8                 *data,
                                          gsize                         length,
                                          const MgHistoryStoreIdentity *identity,
                                          gint64                        wall_offset_us,
                                          gint64                        now_wall_us,
                                          GArray                      **entries,
                                          GError                      **error);

G_END_DECLS
