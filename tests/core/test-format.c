/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-format: the exact size and percentage texts every view shows. */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/size-kib", test_size_kib);
  g_test_add_func ("/format/percent-of", test_percent_of);

  return g_test_run ();
}
