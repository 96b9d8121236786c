/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-remote: what the remote parsers (node_exporter's text, Prometheus's JSON) read
 * about one machine, their limits and their error domain; no I/O here. */
#pragma once

#include <glib.h>

#include "mg-sample.h"

G_BEGIN_DECLS

#define MG_REMOTE_ERROR (mg_remote_error_quark ())

/**
 * MgRemoteError:
 * @MG_REMOTE_ERROR_SYNTAX: the text is not the format it should be
 * @MG_REMOTE_ERROR_TOO_LARGE: the response, a line or a label is over its limit
 * @MG_REMOTE_ERROR_MISSING: a required metric is absent
 * @MG_REMOTE_ERROR_INVALID_VALUE: a value is NaN, infinite, negative, huge, duplicated or
 *   contradicts another
 * @MG_REMOTE_ERROR_QUERY: Prometheus answered its query with an error
 * @MG_REMOTE_ERROR_NETWORK: the server could not be reached or hung up
 * @MG_REMOTE_ERROR_TIMEOUT: no complete answer within the timeout
 * @MG_REMOTE_ERROR_HTTP: an HTTP status other than 200, or too many redirects
 * @MG_REMOTE_ERROR_CONTENT_TYPE: the answer is not of the expected type
 * @MG_REMOTE_ERROR_TLS: the certificate was refused
 * @MG_REMOTE_ERROR_URL: the URL cannot be used
 * @MG_REMOTE_ERROR_BAD_REQUEST: HTTP 400, which node_exporter answers to a collector it does
 *   not run (a source may then ask again without naming collectors)
 * @MG_REMOTE_ERROR_AUTH: HTTP 401 or 403: credentials are missing or refused
 */
typedef enum {
  MG_REMOTE_ERROR_SYNTAX,
  MG_REMOTE_ERROR_TOO_LARGE,
  MG_REMOTE_ERROR_MISSING,
  MG_REMOTE_ERROR_INVALID_VALUE,
  MG_REMOTE_ERROR_QUERY,
  MG_REMOTE_ERROR_NETWORK,
  MG_REMOTE_ERROR_TIMEOUT,
  MG_REMOTE_ERROR_HTTP,
  MG_REMOTE_ERROR_CONTENT_TYPE,
  MG_REMOTE_ERROR_TLS,
  MG_REMOTE_ERROR_URL,
  MG_REMOTE_ERROR_BAD_REQUEST,
  MG_REMOTE_ERROR_AUTH,
} MgRemoteError;

GQuark mg_remote_error_quark (void);

/* The largest response read from a server, node_exporter's or Prometheus's. A full
 * node_exporter 1.5 scrape of a server is 100 to 300 KiB; a Prometheus answer for 50
 * machines about 30 KiB. */
#define MG_REMOTE_MAX_RESPONSE ((gsize) 4 * 1024 * 1024)
/* The longest line of the text format: node_exporter's longest are label sets of mount
 * points and devices, a few hundred bytes; a path label may reach PATH_MAX. */
#define MG_REMOTE_MAX_LINE 16384
/* The longest label value (PATH_MAX) and the most labels on one sample. */
#define MG_REMOTE_MAX_LABEL 4096
#define MG_REMOTE_MAX_LABELS 32
/* A memory size in bytes above 2^60 (1 EiB) is no machine's. */
#define MG_REMOTE_MAX_BYTES 1152921504606846976.0
/* PSI counters in seconds: 2^53 microseconds, 285 years of stalls. */
#define MG_REMOTE_MAX_SECONDS 9007199254.0
/* The most machines read from one Prometheus answer. */
#define MG_REMOTE_MAX_HOSTS 1000

/* What a remote source reads, in node_exporter's metric names. */
typedef enum {
  MG_REMOTE_MEM_TOTAL,        /* node_memory_MemTotal_bytes */
  MG_REMOTE_MEM_AVAILABLE,    /* node_memory_MemAvailable_bytes */
  MG_REMOTE_SWAP_TOTAL,       /* node_memory_SwapTotal_bytes */
  MG_REMOTE_SWAP_FREE,        /* node_memory_SwapFree_bytes */
  MG_REMOTE_PSI_SOME,         /* node_pressure_memory_waiting_seconds_total */
  MG_REMOTE_PSI_FULL,         /* node_pressure_memory_stalled_seconds_total */
  MG_REMOTE_N_FIELDS,
} MgRemoteField;

/**
 * MgRemoteMemory:
 * @value: bytes for the memory fields; for PSI, seconds stalled (a counter, from
 *   node_exporter) or seconds stalled per second (a rate, from a Prometheus query, when
 *   @psi_is_rate)
 * @present: bit `1 << field` for each field read
 * @psi_is_rate: the PSI values are already rates
 */
typedef struct {
  double   value[MG_REMOTE_N_FIELDS];
  guint32  present;
  gboolean psi_is_rate;
} MgRemoteMemory;

static inline gboolean
mg_remote_memory_has (const MgRemoteMemory *memory,
                      MgRemoteField         field)
{
  return (memory->present & (1u << field)) != 0;
}

/* The metric name of @field. */
const char *mg_remote_field_metric (MgRemoteField field);

/**
 * mg_remote_check_value:
 * @field: what the value is
 * @value: as read
 * @error: set in %MG_REMOTE_ERROR_INVALID_VALUE naming the metric
 *
 * Returns: whether @value is finite, not negative and not huge
 */
gboolean mg_remote_check_value (MgRemoteField   field,
                                double          value,
                                GError        **error);

/**
 * mg_remote_memory_check:
 * @memory: what was read
 * @error: why it cannot be a sample: "not a node_exporter: no node_memory_MemTotal_bytes",
 *   MemAvailable over MemTotal, …
 *
 * Returns: whether @memory has MemTotal (not 0) and MemAvailable, and its figures agree
 */
gboolean mg_remote_memory_check (const MgRemoteMemory *memory,
                                 GError              **error);

/**
 * mg_remote_memory_to_sample:
 * @memory: what mg_remote_memory_check() accepted
 * @psi_some_share: (nullable): the share of time some task stalled, 0 to 1, or %NULL
 * @psi_full_share: (nullable): the same for all tasks at once
 * @sample: (out caller-allocates): the sample: meminfo's four fields in KiB, PSI (from the
 *   shares) as avg10 in percent, with avg60 and avg300 NaN (absent: one window only),
 *   no vmstat, no swappiness
 */
void     mg_remote_memory_to_sample (const MgRemoteMemory *memory,
                                     const double         *psi_some_share,
                                     const double         *psi_full_share,
                                     MgSample             *sample);

G_END_DECLS
