/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-format: the exact size and percentage texts every view shows. */

#include <math.h>

#include "mg-format.h"

static void
test_size_kib (void)
{
  static const struct {
    guint64     kib;
    const char *expected;
  } cases[] = {
    { 0, "0 bytes" },
    { 1, "1.0\302\240KiB" },
    { 1023, "1023.0\302\240KiB" },
    { 1536, "1.5\302\240MiB" },
    /* A 16 GB laptop's MemTotal, as the tray and notifications show it. */
    { 16323520, "15.6\302\240GiB" },
    { G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024, "4.0\302\240TiB" },
    /* Past G_MAXUINT64 / 1024 KiB the bytes would wrap to a small size: they stop at 16 EiB. */
    { G_MAXUINT64 / 1024, "16.0\302\240EiB" },
    { G_MAXUINT64 / 1024 + 1, "16.0\302\240EiB" },
    { G_MAXUINT64, "16.0\302\240EiB" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mg_format_size_kib (cases[i].kib);

      g_test_message ("%" G_GUINT64_FORMAT " KiB", cases[i].kib);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_percent_of (void)
{
  static const struct {
    guint64 part;
    guint64 whole;
    guint   expected;
  } cases[] = {
    { 0, 0, 0 },
    { 5, 0, 0 },
    { 0, 100, 0 },
    { 1, 3, 33 },
    { 2, 3, 67 },
    /* Halves round up: 0.5 % is 1 %, 99.5 % is 100 %. */
    { 1, 200, 1 },
    { 199, 200, 100 },
    { 1, 201, 0 },
    { 3, 4, 75 },
    { 100, 100, 100 },
    /* A part larger than the whole (a racy reading) is all of it, never 150 %. */
    { 150, 100, 100 },
    /* 100 × part would overflow in integers. */
    { G_MAXUINT64, G_MAXUINT64, 100 },
    { G_MAXUINT64 / 2, G_MAXUINT64, 50 },
    { G_MAXUINT64 / 3, G_MAXUINT64, 33 },
    { 1, G_MAXUINT64, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, cases[i].part,
                      cases[i].whole);
      g_assert_cmpuint (mg_format_percent_of (cases[i].part, cases[i].whole), ==,
                        cases[i].expected);
    }
}

typedef struct {
  double  percent;
  MgLevel memory_level;
  guint   expected;
} ShownCase;

static void
test_available_percent (void)
{
  static const ShownCase cases[] = {
    /* The thresholds: "above 40 % low, above 20 % medium, above 10 % high, else critical".
     * Plain rounding would put 10.3 on critical's side ("high: 10 % available"). */
    { 10.0, MG_LEVEL_CRITICAL, 10 },
    { 9.6, MG_LEVEL_CRITICAL, 10 },
    { 10.3, MG_LEVEL_HIGH, 11 },
    { 10.5, MG_LEVEL_HIGH, 11 },
    { 11.4, MG_LEVEL_HIGH, 11 },
    { 19.6, MG_LEVEL_HIGH, 20 },
    { 20.0, MG_LEVEL_HIGH, 20 },
    { 20.2, MG_LEVEL_MEDIUM, 21 },
    { 40.0, MG_LEVEL_MEDIUM, 40 },
    { 40.4, MG_LEVEL_LOW, 41 },
    { 55.5, MG_LEVEL_LOW, 56 },
    /* Held by the 2-point margin on the way down: the band's edge, never the next
     * level's figure. */
    { 11.5, MG_LEVEL_CRITICAL, 10 },
    { 12.0, MG_LEVEL_CRITICAL, 10 },
    { 21.9, MG_LEVEL_HIGH, 20 },
    { 42.0, MG_LEVEL_MEDIUM, 40 },
    /* Of the report: 97 % available and 3 % used, never 97 and 2. */
    { 97.4, MG_LEVEL_LOW, 97 },
    { 97.5, MG_LEVEL_LOW, 98 },
    /* 0 and 100 mean none and all. */
    { 99.6, MG_LEVEL_LOW, 99 },
    { 99.5, MG_LEVEL_LOW, 99 },
    { 100.0, MG_LEVEL_LOW, 100 },
    { 0.4, MG_LEVEL_CRITICAL, 1 },
    { 0.0, MG_LEVEL_CRITICAL, 0 },
    /* Out of range or no number: nothing, or all. */
    { -3.0, MG_LEVEL_CRITICAL, 0 },
    { 150.0, MG_LEVEL_LOW, 100 },
    { NAN, MG_LEVEL_CRITICAL, 0 },
    /* No level to honour: only the rounding. */
    { 10.3, MG_LEVEL_UNKNOWN, 10 },
  };
  MgLevelParams params;

  mg_level_params_init_default (&params);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%.1f %% at %s", cases[i].percent, mg_level_to_nick (cases[i].memory_level));
      g_assert_cmpuint (mg_format_available_percent (cases[i].percent, cases[i].memory_level,
                                                     &params), ==, cases[i].expected);
    }

  /* Without thresholds, only the rounding. */
  g_assert_cmpuint (mg_format_available_percent (10.3, MG_LEVEL_HIGH, NULL), ==, 10);

  /* The settings' thresholds, not the defaults: high from 20 % down, medium from 30 %. */
  params.high_percent = 20.0;
  params.medium_percent = 30.0;
  g_assert_cmpuint (mg_format_available_percent (20.4, MG_LEVEL_HIGH, &params), ==, 21);
  g_assert_cmpuint (mg_format_available_percent (20.4, MG_LEVEL_CRITICAL, &params), ==, 20);
  g_assert_cmpuint (mg_format_available_percent (30.2, MG_LEVEL_HIGH, &params), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/size-kib", test_size_kib);
  g_test_add_func ("/format/percent-of", test_percent_of);
  g_test_add_func ("/format/available-percent", test_available_percent);

  return g_test_run ();
}
