/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level-tracker: a monitor's level over time: its thresholds, hysteresis and reason. */

#define G_LOG_DOMAIN "memgauge-level"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-format.h"
#include "mg-level-tracker.h"

void
mg_level_tracker_init (MgLevelTracker *self)
{
  g_return_if_fail (self != NULL);

  mg_level_params_init_default (&self->requested);
  self->params = self->requested;
  mg_level_state_init (&self->state);
  self->level = MG_LEVEL_UNKNOWN;
  g_strlcpy (self->reason, _("unknown: not sampled yet"), sizeof self->reason);
}

static gboolean
params_equal (const MgLevelParams *a,
              const MgLevelParams *b)
{
  return a->low_percent == b->low_percent && a->medium_percent == b->medium_percent &&
         a->high_percent == b->high_percent && a->margin_percent == b->margin_percent &&
         !a->psi_enabled == !b->psi_enabled && a->psi_some_percent == b->psi_some_percent &&
         a->psi_full_percent == b->psi_full_percent;
}

static gboolean
set_requested (MgLevelTracker      *self,
               const MgLevelParams *requested)
{
  if (params_equal (&self->requested, requested))
    return FALSE;

  self->requested = *requested;
  if (mg_level_params_are_valid (requested))
    self->params = *requested;
  else
    g_debug ("Ignoring thresholds %.0f/%.0f/%.0f %% until they are ordered",
             requested->low_percent, requested->medium_percent, requested->high_percent);

  return TRUE;
}

/* The percent field that the property @name sets, or NULL for another property. */
static double *
threshold_field (MgLevelParams *params,
                 const char    *name)
{
  if (g_str_equal (name, "low-threshold"))
    return &params->low_percent;
  if (g_str_equal (name, "medium-threshold"))
    return &params->medium_percent;
  if (g_str_equal (name, "high-threshold"))
    return &params->high_percent;
  if (g_str_equal (name, "hysteresis-margin"))
    return &params->margin_percent;

  return NULL;
}

gboolean
mg_level_tracker_set_param (MgLevelTracker *self,
                            const char     *name,
                            const GValue   *value)
{
  MgLevelParams requested;
  double *field;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  requested = self->requested;
  field = threshold_field (&requested, name);
  if (field != NULL)
    *field = (double) g_value_get_uint (value);
  else if (g_str_equal (name, "psi-raises-level"))
    requested.psi_enabled = g_value_get_boolean (value);
  else
    g_return_val_if_reached (FALSE);

  return set_requested (self, &requested);
}

void
mg_level_tracker_get_param (const MgLevelTracker *self,
                            const char           *name,
                            GValue               *value)
{
  MgLevelParams requested;
  double *field;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && value != NULL);

  requested = self->requested;
  field = threshold_field (&requested, name);
  if (field != NULL)
    g_value_set_uint (value, (guint) *field);
  else if (g_str_equal (name, "psi-raises-level"))
    g_value_set_boolean (value, requested.psi_enabled);
  else
    g_return_if_reached ();
}

MgLevel
mg_level_tracker_update (MgLevelTracker *self,
                         const MgSample *sample)
{
  g_return_val_if_fail (self != NULL, MG_LEVEL_UNKNOWN);

  self->level = mg_level_state_update (&self->state, sample, &self->params,
                                       self->reason, sizeof self->reason);

  return self->level;
}

void
mg_level_tracker_fail (MgLevelTracker *self,
                       const char     *message)
{
  g_return_if_fail (self != NULL);

  self->level = MG_LEVEL_UNKNOWN;
  g_snprintf (self->reason, sizeof self->reason, "%s: %s", mg_level_get_word (MG_LEVEL_UNKNOWN), message);
}

void
mg_level_tracker_shown_percent (const MgLevelTracker *self,
                                const MgSample       *sample,
                                guint                *available,
                                guint                *used)
{
  guint shown;

  g_return_if_fail (self != NULL);
  g_return_if_fail (sample != NULL);

  shown = mg_format_available_percent (mg_sample_available_percent (sample),
                                       self->state.memory_level, &self->params);
  if (available != NULL)
    *available = shown;
  if (used != NULL)
    *used = 100 - shown;
}
