/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sample-variant: the serializer's sample object as D-Bus carries it, and back. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * mg_sample_variant_to_bus:
 * @sample: an `a{sv}` from mg_serializer_to_variant()
 *
 * D-Bus has no maybe type: leaves out every key (at any depth) whose value is the
 * serializer's empty maybe, and unwraps present ones.
 *
 * Returns: (transfer full): a new, non-floating `a{sv}` that D-Bus can carry
 */
GVariant *mg_sample_variant_to_bus   (GVariant *sample);

/**
 * mg_sample_variant_from_bus:
 * @bus_sample: an `a{sv}` from mg_sample_variant_to_bus(), as received
 *
 * Puts back, in the serializer's order, every key that mg_sample_variant_to_bus() left
 * out, as an empty maybe, so that mg_serializer_variant_to_json() writes the very object
 * `--json` prints, `null`s included. An object with neither `total_mb` nor any other key
 * of a sample (the unknown level's `pressure_level` and `reason` only) is returned as is.
 *
 * Returns: (transfer full): a new, non-floating `a{sv}`
 */
GVariant *mg_sample_variant_from_bus (GVariant *bus_sample);

/**
 * mg_sample_variant_new_unknown:
 * @reason: (nullable): why no sample could be read
 *
 * Returns: (transfer full): the sample object of an unknown level:
 *   `{"pressure_level": "unknown", "reason": @reason}`
 */
GVariant *mg_sample_variant_new_unknown (const char *reason);

/**
 * mg_sample_variant_to_json_line:
 * @sample: an `a{sv}` as mg_serializer_variant_to_json() takes it
 *
 * Returns: (transfer full): the JSON text of `--json` on one line, ending in a newline
 */
char     *mg_sample_variant_to_json_line (GVariant *sample);

G_END_DECLS
