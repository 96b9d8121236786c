/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-leak-fit: the leak hint's rule, a least-squares line through a group's usage; pure. */

#define G_LOG_DOMAIN "memgauge-leak-fit"

#include "config.h"

#include "mg-leak-fit.h"

#define HOUR_US ((gint64) 3600 * G_USEC_PER_SEC)

void
mg_leak_ring_clear (MgLeakRing *ring)
{
  g_return_if_fail (ring != NULL);

  ring->first = 0;
  ring->len = 0;
}

void
mg_leak_ring_push (MgLeakRing *ring,
                   gint64      time_us,
                   guint64     usage_kib)
{
  guint slot;

  g_return_if_fail (ring != NULL);

  /* A clock that went backwards (a restored test clock) starts the ring afresh. */
  if (ring->len > 0 &&
      time_us < ring->time_us[(ring->first + ring->len - 1) % MG_LEAK_RING_SIZE])
    mg_leak_ring_clear (ring);

  while (ring->len > 0 && time_us - ring->time_us[ring->first] > HOUR_US)
    {
      ring->first = (ring->first + 1) % MG_LEAK_RING_SIZE;
      ring->len--;
    }
  if (ring->len == MG_LEAK_RING_SIZE)
    {
      ring->first = (ring->first + 1) % MG_LEAK_RING_SIZE;
      ring->len--;
    }

  slot = (ring->first + ring->len) % MG_LEAK_RING_SIZE;
  ring->time_us[slot] = time_us;
  ring->usage_kib[slot] = usage_kib;
  ring->len++;
}

gboolean
mg_leak_fit (const MgLeakRing *ring,
             guint64           ram_kib,
             guint64          *growth_kib_per_hour)
{
  double mean_t = 0.0, mean_y = 0.0;
  double stt = 0.0, sty = 0.0, syy = 0.0;
  double slope_per_hour, r2;
  gint64 t0;

  g_return_val_if_fail (ring != NULL, FALSE);
  g_return_val_if_fail (growth_kib_per_hour != NULL, FALSE);

  *growth_kib_per_hour = 0;
  if (ring->len < MG_LEAK_MIN_POINTS || ram_kib == 0)
    return FALSE;

  t0 = ring->time_us[ring->first];
  if (ring->time_us[(ring->first + ring->len - 1) % MG_LEAK_RING_SIZE] - t0 <
      MG_LEAK_MIN_SPAN_US)
    return FALSE;

  /* Hours since the first point and KiB as doubles: an hour of 16 TiB stays exact
   * enough, and centring on the means keeps the sums small. */
  for (guint i = 0; i < ring->len; i++)
    {
      guint k = (ring->first + i) % MG_LEAK_RING_SIZE;

      mean_t += (double) (ring->time_us[k] - t0) / HOUR_US;
      mean_y += (double) ring->usage_kib[k];
    }
  mean_t /= ring->len;
  mean_y /= ring->len;

  for (guint i = 0; i < ring->len; i++)
    {
      guint k = (ring->first + i) % MG_LEAK_RING_SIZE;
      double dt = (double) (ring->time_us[k] - t0) / HOUR_US - mean_t;
      double dy = (double) ring->usage_kib[k] - mean_y;

      stt += dt * dt;
      sty += dt * dy;
      syy += dy * dy;
    }

  /* Flat usage has no variance to explain: no rise at all. */
  if (stt <= 0.0 || syy <= 0.0)
    return FALSE;

  slope_per_hour = sty / stt;
  r2 = (sty * sty) / (stt * syy);
  if (slope_per_hour <= 0.0 || r2 < MG_LEAK_MIN_R2 ||
      slope_per_hour < (double) ram_kib * MG_LEAK_MIN_PERCENT_PER_HOUR / 100.0)
    return FALSE;

  *growth_kib_per_hour = (guint64) slope_per_hour;
  return TRUE;
}
