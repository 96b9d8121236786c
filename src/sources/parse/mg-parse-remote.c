/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-remote: the error domain, value checks and sample of the remote parsers. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mg-parse-remote.h"

G_DEFINE_QUARK (mg-remote-error-quark, mg_remote_error)

static const char *const metric_names[MG_REMOTE_N_FIELDS] = {
  [MG_REMOTE_MEM_TOTAL] = "node_memory_MemTotal_bytes",
  [MG_REMOTE_MEM_AVAILABLE] = "node_memory_MemAvailable_bytes",
  [MG_REMOTE_SWAP_TOTAL] = "node_memory_SwapTotal_bytes",
  [MG_REMOTE_SWAP_FREE] = "node_memory_SwapFree_bytes",
  [MG_REMOTE_PSI_SOME] = "node_pressure_memory_waiting_seconds_total",
  [MG_REMOTE_PSI_FULL] = "node_pressure_memory_stalled_seconds_total",
};

const char *
mg_remote_field_metric (MgRemoteField field)
{
  g_return_val_if_fail (field < MG_REMOTE_N_FIELDS, NULL);

  return metric_names[field];
}

gboolean
mg_remote_check_value (MgRemoteField   field,
                       double          value,
                       GError        **error)
{
  const char *name = mg_remote_field_metric (field);
  double max = field >= MG_REMOTE_PSI_SOME ? MG_REMOTE_MAX_SECONDS : MG_REMOTE_MAX_BYTES;

  if (isnan (value))
    {
      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a metric's name such as node_memory_MemTotal_bytes */
                   _("%s is NaN (not a number)"), name);
      return FALSE;
    }
  if (isinf (value))
    {
      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a metric's name such as node_memory_MemTotal_bytes */
                   _("%s is infinite"), name);
      return FALSE;
    }
  if (value < 0.0)
    {
      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a metric's name such as node_memory_MemTotal_bytes */
                   _("%s is negative"), name);
      return FALSE;
    }
  if (value > max)
    {
      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                   /* Translators: %s is a metric's name such as node_memory_MemTotal_bytes */
                   _("%s is too large to be true"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
mg_remote_memory_check (const MgRemoteMemory  *memory,
                        GError               **error)
{
  const double *v = memory->value;

  g_return_val_if_fail (memory != NULL, FALSE);

  for (MgRemoteField field = MG_REMOTE_MEM_TOTAL; field <= MG_REMOTE_MEM_AVAILABLE; field++)
    if (!mg_remote_memory_has (memory, field))
      {
        g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_MISSING,
                     /* Translators: %s is a metric's name such as node_memory_MemTotal_bytes */
                     _("not a node_exporter: no %s"), mg_remote_field_metric (field));
        return FALSE;
      }

  /* Below a KiB the sample would hold a total of 0, which no level can be computed from. */
  if (v[MG_REMOTE_MEM_TOTAL] < 1024.0)
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                           _("node_memory_MemTotal_bytes is 0"));
      return FALSE;
    }
  if (v[MG_REMOTE_MEM_AVAILABLE] > v[MG_REMOTE_MEM_TOTAL])
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                           _("more memory available than there is in total"));
      return FALSE;
    }
  if (mg_remote_memory_has (memory, MG_REMOTE_SWAP_TOTAL) !=
        mg_remote_memory_has (memory, MG_REMOTE_SWAP_FREE) ||
      (mg_remote_memory_has (memory, MG_REMOTE_SWAP_FREE) &&
       v[MG_REMOTE_SWAP_FREE] > v[MG_REMOTE_SWAP_TOTAL]))
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                           _("the swap figures do not agree"));
      return FALSE;
    }

  return TRUE;
}

static void
set_kib (MgSample       *sample,
         MgMeminfoField  field,
         double          bytes)
{
  sample->meminfo.kib[field] = (guint64) (bytes / 1024.0);
  sample->meminfo.present |= 1u << field;
}

static void
set_psi (MgPsiLine    *line,
         const double *share)
{
  /* One rate over one window (the poll interval, or the query's range), which stands for
   * avg10; the other windows were not measured. */
  line->avg10 = CLAMP (*share * 100.0, 0.0, 100.0);
  line->avg60 = NAN;
  line->avg300 = NAN;
  line->total_us = 0;
}

void
mg_remote_memory_to_sample (const MgRemoteMemory *memory,
                            const double         *psi_some_share,
                            const double         *psi_full_share,
                            MgSample             *sample)
{
  const double *v = memory->value;

  memset (sample, 0, sizeof *sample);
  set_kib (sample, MG_MEMINFO_MEM_TOTAL, v[MG_REMOTE_MEM_TOTAL]);
  set_kib (sample, MG_MEMINFO_MEM_AVAILABLE, v[MG_REMOTE_MEM_AVAILABLE]);
  if (mg_remote_memory_has (memory, MG_REMOTE_SWAP_TOTAL))
    {
      set_kib (sample, MG_MEMINFO_SWAP_TOTAL, v[MG_REMOTE_SWAP_TOTAL]);
      set_kib (sample, MG_MEMINFO_SWAP_FREE, v[MG_REMOTE_SWAP_FREE]);
    }

  if (psi_some_share != NULL && isfinite (*psi_some_share))
    {
      sample->has_psi = TRUE;
      set_psi (&sample->psi.some, psi_some_share);
      if (psi_full_share != NULL && isfinite (*psi_full_share))
        {
          sample->psi.has_full = TRUE;
          set_psi (&sample->psi.full, psi_full_share);
        }
    }
  if (!mg_remote_memory_has (memory, MG_REMOTE_PSI_SOME) || memory->psi_is_rate)
    return;
  sample->psi.some.total_us = (guint64) (v[MG_REMOTE_PSI_SOME] * G_USEC_PER_SEC);
  if (mg_remote_memory_has (memory, MG_REMOTE_PSI_FULL))
    sample->psi.full.total_us = (guint64) (v[MG_REMOTE_PSI_FULL] * G_USEC_PER_SEC);
}
