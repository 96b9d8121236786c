/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-level-style: how each pressure level looks and reads; defined here and nowhere else. */

#define G_LOG_DOMAIN "memgauge-level-style"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mg-level-style.h"

#define ICON(nick) ICON_PREFIX "-level-" nick
#define RGB(r, g, b) (r) / 255.0, (g) / 255.0, (b) / 255.0

/* The GNOME HIG palette (green 3, yellow 3, orange 3, red 3, light 4), which the icons in
 * data/icons/hicolor/scalable/status/ use too. */
static const MgLevelStyle styles[] = {
  [MG_LEVEL_UNKNOWN] = { N_("Pressure unknown"), ICON ("unknown"), "#9a9996",
                         RGB (0x9a, 0x99, 0x96) },
  [MG_LEVEL_LOW] = { N_("Low pressure"), ICON ("low"), "#33d17a", RGB (0x33, 0xd1, 0x7a) },
  [MG_LEVEL_MEDIUM] = { N_("Medium pressure"), ICON ("medium"), "#f6d32d",
                        RGB (0xf6, 0xd3, 0x2d) },
  [MG_LEVEL_HIGH] = { N_("High pressure"), ICON ("high"), "#ff7800", RGB (0xff, 0x78, 0x00) },
  [MG_LEVEL_CRITICAL] = { N_("Critical pressure"), ICON ("critical"), "#e01b24",
                          RGB (0xe0, 0x1b, 0x24) },
};

const MgLevelStyle *
mg_level_style_get (MgLevel level)
{
  if ((guint) level >= G_N_ELEMENTS (styles))
    level = MG_LEVEL_UNKNOWN;

  return &styles[level];
}

const char *
mg_level_style_get_label (MgLevel level)
{
  return _(mg_level_style_get (level)->label);
}
