/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-leak-fit: the leak hint's rule over injected times and usages, and the
 * fixed ring of the last hour. */

#include "mg-leak-fit.h"

#define MINUTE_US ((gint64) 60 * G_USEC_PER_SEC)
/* 16 GiB of RAM: 5 % of it is 838,860.8 KiB per hour. */
#define RAM_KIB (G_GUINT64_CONSTANT (16) * 1024 * 1024)

typedef enum {
  SHAPE_LINE,
  SHAPE_SAWTOOTH,
  SHAPE_STEP,
} Shape;

typedef struct {
  const char *name;
  guint       n_points;
  guint       minutes_apart;
  double      percent_per_hour;
  Shape       shape;
  gboolean    leaks;
} Case;

static const Case cases[] = {
  { "steady-10-percent-30-min", 31, 1, 10.0, SHAPE_LINE, TRUE },
  { "exactly-20-min", 21, 1, 10.0, SHAPE_LINE, TRUE },
  { "19-min-too-short", 20, 1, 10.0, SHAPE_LINE, FALSE },
  { "few-points", 6, 5, 10.0, SHAPE_LINE, FALSE },
  { "ten-points-over-45-min", 10, 5, 10.0, SHAPE_LINE, TRUE },
  { "5.1-percent-enough", 40, 1, 5.1, SHAPE_LINE, TRUE },
  { "4.9-percent-too-slow", 40, 1, 4.9, SHAPE_LINE, FALSE },
  { "flat", 40, 1, 0.0, SHAPE_LINE, FALSE },
  { "falling", 40, 1, -10.0, SHAPE_LINE, FALSE },
  /* A cache that fills and is dropped every 10 minutes: rises, but not steadily. */
  { "sawtooth", 60, 1, 40.0, SHAPE_SAWTOOTH, FALSE },
  /* One jump half-way: a fit of R² 0.75, no steady rise. */
  { "one-step", 40, 1, 20.0, SHAPE_STEP, FALSE },
};

static guint64
usage_at (const Case *c,
          guint       i)
{
  double hours = (double) (i * c->minutes_apart) / 60.0;
  double base = 2.0 * 1024 * 1024;
  double per_hour = (double) RAM_KIB * c->percent_per_hour / 100.0;

  switch (c->shape)
    {
    case SHAPE_SAWTOOTH:
      return (guint64) (base + per_hour * (double) ((i * c->minutes_apart) % 10) / 60.0);
    case SHAPE_STEP:
      return (guint64) (base + (i >= c->n_points / 2 ? per_hour / 3.0 : 0.0));
    case SHAPE_LINE:
    default:
      return (guint64) (base + per_hour * hours);
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  MgLeakRing ring;
  guint64 growth = 12345;
  gboolean leaks;

  mg_leak_ring_clear (&ring);
  for (guint i = 0; i < c->n_points; i++)
    mg_leak_ring_push (&ring, 1000 * G_USEC_PER_SEC + i * c->minutes_apart * MINUTE_US,
                       usage_at (c, i));

  leaks = mg_leak_fit (&ring, RAM_KIB, &growth);
  g_assert_cmpint (leaks, ==, c->leaks);
  if (c->leaks)
    {
      double expected = (double) RAM_KIB * c->percent_per_hour / 100.0;

      g_assert_cmpfloat_with_epsilon ((double) growth, expected, expected * 0.001);
    }
  else
    {
      g_assert_cmpuint (growth, ==, 0);
    }
}

static void
test_ring_keeps_an_hour (void)
{
  MgLeakRing ring;
  guint64 growth;

  mg_leak_ring_clear (&ring);
  /* Two hours, one point a minute: a flat first hour, then 10 % of RAM an hour. Only
   * the last hour is kept, and it is a steady rise. */
  for (guint i = 0; i <= 120; i++)
    mg_leak_ring_push (&ring, i * MINUTE_US,
                       1000000 + (i > 60 ? (i - 60) * (RAM_KIB / 10 / 60) : 0));
  g_assert_cmpuint (ring.len, ==, MG_LEAK_RING_SIZE);
  g_assert_cmpint (ring.time_us[ring.first], ==, 61 * MINUTE_US);
  g_assert_true (mg_leak_fit (&ring, RAM_KIB, &growth));
  g_assert_cmpuint (growth, ==, RAM_KIB / 10 / 60 * 60);

  /* Points a minute apart but after a pause: those over an hour old leave. */
  mg_leak_ring_push (&ring, 200 * MINUTE_US, 5);
  g_assert_cmpuint (ring.len, ==, 1);

  /* A clock that goes backwards starts afresh. */
  mg_leak_ring_push (&ring, 10 * MINUTE_US, 5);
  g_assert_cmpuint (ring.len, ==, 1);
  g_assert_cmpint (ring.time_us[ring.first], ==, 10 * MINUTE_US);
}

static void
test_no_ram (void)
{
  MgLeakRing ring;
  guint64 growth = 1;

  mg_leak_ring_clear (&ring);
  for (guint i = 0; i < 30; i++)
    mg_leak_ring_push (&ring, i * MINUTE_US, i * 100000);
  g_assert_false (mg_leak_fit (&ring, 0, &growth));
  g_assert_cmpuint (growth, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/leak-fit/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/leak-fit/ring-keeps-an-hour", test_ring_keeps_an_hour);
  g_test_add_func ("/leak-fit/no-ram", test_no_ram);

  return g_test_run ();
}
