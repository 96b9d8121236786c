/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-style: the application's one stylesheet, memgauge.css, added once for the screen. */

#define G_LOG_DOMAIN "memgauge-style"

#include "config.h"

#include "mg-style.h"

#define STYLESHEET "/io/github/memgauge/MemGauge/memgauge.css"

void
mg_ui_style_ensure (void)
{
  /* The screen keeps its reference: one provider for the process, never removed. */
  static GtkCssProvider *provider;
  GdkScreen *screen = gdk_screen_get_default ();

  g_return_if_fail (screen != NULL);

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, STYLESHEET);
  gtk_style_context_add_provider_for_screen (screen, GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
