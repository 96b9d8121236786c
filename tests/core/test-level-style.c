/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-level-style: each level's words, icon name and colour, and out-of-range levels. */

#include "config.h"

#include <stdio.h>

#include "mg-enums.h"
#include "mg-level-style.h"

static const struct {
  MgLevel     level;
  const char *label;
  const char *icon_name;
  const char *color;
} expected[] = {
  { MG_LEVEL_UNKNOWN, "Pressure unknown", "io.github.memgauge.MemGauge-level-unknown", "#9a9996" },
  { MG_LEVEL_LOW, "Low pressure", "io.github.memgauge.MemGauge-level-low", "#33d17a" },
  { MG_LEVEL_MEDIUM, "Medium pressure", "io.github.memgauge.MemGauge-level-medium", "#f6d32d" },
  { MG_LEVEL_HIGH, "High pressure", "io.github.memgauge.MemGauge-level-high", "#ff7800" },
  { MG_LEVEL_CRITICAL, "Critical pressure", "io.github.memgauge.MemGauge-level-critical",
    "#e01b24" },
};

static void
test_levels (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MgLevelStyle *style = mg_level_style_get (expected[i].level);
      unsigned int r, g, b;

      g_test_message ("level %d", expected[i].level);
      g_assert_nonnull (style);
      g_assert_cmpstr (style->label, ==, expected[i].label);
      g_assert_cmpstr (mg_level_style_get_label (expected[i].level), ==, expected[i].label);
      g_assert_cmpstr (style->icon_name, ==, expected[i].icon_name);
      g_assert_cmpstr (style->color, ==, expected[i].color);

      /* The doubles for cairo are the hex colour, not a second palette. */
      g_assert_cmpint (sscanf (style->color, "#%02x%02x%02x", &r, &g, &b), ==, 3);
      g_assert_cmpfloat_with_epsilon (style->red, r / 255.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (style->green, g / 255.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (style->blue, b / 255.0, 1e-9);
    }
}

/* The icon names end in the registered nick, the word of --json, and name a shipped icon. */
static void
test_icons_match_nicks (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MG_TYPE_LEVEL);

  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *value = &klass->values[i];
      const char *icon_name = mg_level_style_get ((MgLevel) value->value)->icon_name;
      g_autofree char *name = g_strdup_printf ("%s-level-%s", ICON_PREFIX, value->value_nick);
      g_autofree char *svg = g_strconcat (name, ".svg", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "icons",
                                                     "hicolor", "scalable", "status", svg,
                                                     NULL);

      g_assert_cmpstr (icon_name, ==, name);
      g_assert_cmpstr (mg_level_to_nick ((MgLevel) value->value), ==, value->value_nick);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_out_of_range (void)
{
  const MgLevelStyle *unknown = mg_level_style_get (MG_LEVEL_UNKNOWN);
  const MgLevel bad[] = { MG_LEVEL_CRITICAL + 1, (MgLevel) 99, (MgLevel) -1, (MgLevel) G_MAXINT };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_true (mg_level_style_get (bad[i]) == unknown);
      g_assert_cmpstr (mg_level_style_get_label (bad[i]), ==, "Pressure unknown");
      g_assert_cmpstr (mg_level_to_nick (bad[i]), ==, "unknown");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/level-style/levels", test_levels);
  g_test_add_func ("/level-style/icons-match-nicks", test_icons_match_nicks);
  g_test_add_func ("/level-style/out-of-range", test_out_of_range);

  return g_test_run ();
}
