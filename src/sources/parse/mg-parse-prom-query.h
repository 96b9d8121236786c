/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-prom-query: the pure reader of a Prometheus HTTP API answer to MemGauge's
 * instant query (JSON, read with json-glib), grouped by machine; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-parse-remote.h"

G_BEGIN_DECLS

/**
 * MG_PROM_QUERY:
 *
 * The one instant query that reads a whole fleet: the four memory gauges as they are, and
 * the PSI counters as rates over the last minute (a share of time, 0 to 1) marked with a
 * `memgauge_psi` label of `some` or `full`. The label, not the name (which rate() drops),
 * tells the rates apart, and keeps `or` from merging them with the gauges, whose label
 * sets would otherwise be equal. `max by` keeps only the labels read: service discovery
 * may add dozens to every series (Kubernetes does), and an instance scraped by two jobs
 * comes once. A machine is its `instance` label.
 */
#define MG_PROM_QUERY \
  "max by (__name__, instance) " \
  "({__name__=~\"node_memory_(MemTotal|MemAvailable|SwapTotal|SwapFree)_bytes\"})" \
  " or max by (instance, memgauge_psi) (label_replace(" \
  "rate(node_pressure_memory_waiting_seconds_total[1m]), \"memgauge_psi\", \"some\", \"\", \"\"))" \
  " or max by (instance, memgauge_psi) (label_replace(" \
  "rate(node_pressure_memory_stalled_seconds_total[1m]), \"memgauge_psi\", \"full\", \"\", \"\"))"

/* JSON nests no deeper than this in an answer (answer, data, result, item, value): more
 * is refused before json-glib, whose parser recurses, sees it. */
#define MG_PROM_MAX_DEPTH 8

/**
 * MgPromHost:
 * @instance: the machine's `instance` label (valid UTF-8)
 * @memory: its figures; PSI values are rates (@memory.psi_is_rate)
 * @error: (nullable): why its figures cannot be used, in words
 */
typedef struct {
  char           *instance;
  MgRemoteMemory  memory;
  char           *error;
} MgPromHost;

void mg_prom_host_free (MgPromHost *host);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPromHost, mg_prom_host_free)

/**
 * mg_parse_prom_query:
 * @text: the body of `/api/v1/query`'s answer, not necessarily NUL-terminated
 * @len: its length, at most %MG_REMOTE_MAX_RESPONSE
 * @error: set in the %MG_REMOTE_ERROR domain when the answer as a whole is unusable
 *   (not JSON, status "error", not a vector, too deep, too many machines)
 *
 * Returns: (transfer full) (element-type MgPromHost): one per machine, sorted by
 *   instance; a machine whose figures are wrong (NaN, missing MemTotal, …) has @error set
 */
GPtrArray *mg_parse_prom_query (const char  *text,
                                gsize        len,
                                GError     **error);

G_END_DECLS
