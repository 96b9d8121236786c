/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSourceRelay: a source that gives back the sample (or error) it was last handed: how a
 * poller that reads many machines at once feeds one monitor per machine. */
#pragma once

#include "mg-source.h"

G_BEGIN_DECLS

#define MG_TYPE_SOURCE_RELAY (mg_source_relay_get_type ())
G_DECLARE_FINAL_TYPE (MgSourceRelay, mg_source_relay, MG, SOURCE_RELAY, GObject)

/**
 * mg_source_relay_new:
 *
 * Returns: (transfer full): a source that reads at once (mg_source_can_read_now()) and
 *   fails with "No answer yet" until mg_source_relay_set() has been called
 */
MgSource *mg_source_relay_new (void);

/**
 * mg_source_relay_set:
 * @self: a relay
 * @sample: (nullable): the next reads' sample, copied; %NULL when @error is set
 * @error: (nullable): the next reads' error, copied
 */
void      mg_source_relay_set (MgSourceRelay  *self,
                               const MgSample *sample,
                               const GError   *error);

G_END_DECLS
