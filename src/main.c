/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memgauge: entry point. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MgApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A proc root other than /proc is for tests and for replaying a bug report. */
  app = mg_application_new (g_getenv ("MEMGAUGE_PROC_ROOT"));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
