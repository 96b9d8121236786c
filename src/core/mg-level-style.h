/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level-style: how each pressure level looks and reads; defined here and nowhere else. */
#pragma once

#include "mg-level.h"

G_BEGIN_DECLS

/**
 * MgLevelStyle:
 * @label: translatable words for the level, such as "High pressure" (pass to _())
 * @icon_name: the tray and notification icon, `io.github.memgauge.MemGauge-level-NICK`
 * @color: the level's colour as `#rrggbb`, the same as in the icons
 * @red: @color's red, 0 to 1; likewise @green and @blue, for cairo
 */
typedef struct {
  const char *label;
  const char *icon_name;
  const char *color;
  double      red;
  double      green;
  double      blue;
} MgLevelStyle;

/**
 * mg_level_style_get:
 * @level: a level; a value out of range gives the style of %MG_LEVEL_UNKNOWN
 *
 * Returns: (transfer none): the level's style, static
 */
const MgLevelStyle *mg_level_style_get       (MgLevel level);

/* The translated label: "Low pressure", …, "Pressure unknown". */
const char         *mg_level_style_get_label (MgLevel level);

G_END_DECLS
