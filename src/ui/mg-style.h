/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-style: the application's one stylesheet, memgauge.css, added once for the screen. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * mg_ui_style_ensure:
 *
 * Adds memgauge.css from the GResource to the default screen, at application priority, the
 * first time it is called; later calls do nothing. MgApplication calls it at startup; tests
 * that build windows without the application call it after gtk_init().
 */
void mg_ui_style_ensure (void);

G_END_DECLS
