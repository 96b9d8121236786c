/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-format: sizes and percentages as every view shows them. */

#define G_LOG_DOMAIN "memgauge-format"

#include "config.h"

#include "mg-format.h"

char *
mg_format_size_kib (guint64 kib)
{
  /* Past G_MAXUINT64 / 1024 KiB the byte count would wrap; no machine has 16 EiB. */
  return g_format_size_full (MIN (kib, G_MAXUINT64 / 1024) * 1024, G_FORMAT_SIZE_IEC_UNITS);
}

guint
mg_format_percent_of (guint64 part,
                      guint64 whole)
{
  if (whole == 0)
    return 0;

  /* In double, 100 × part cannot overflow; 53 bits are far more than a percent needs. */
  return (guint) (100.0 * (double) MIN (part, whole) / (double) whole + 0.5);
}
