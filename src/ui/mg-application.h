/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgApplication: one instance per session; owns the monitor and the views. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MG_TYPE_APPLICATION (mg_application_get_type ())
G_DECLARE_FINAL_TYPE (MgApplication, mg_application, MG, APPLICATION, GtkApplication)

MgApplication *mg_application_new (const char *proc_root);

G_END_DECLS
