/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share: temporary proc roots and files, a monitor of one. */
#pragma once

#include <glib.h>

#include "mg-monitor.h"

G_BEGIN_DECLS

/* Removes @path and everything below it; a missing path is no error. */
void  mg_test_remove_tree (const char *path);
/* Copies the folder @from to @to, which is created; asserts on failure. */
void  mg_test_copy_tree   (const char *from,
                           const char *to);
/* Writes @contents to @root/@name, creating folders; asserts on failure. */
void  mg_test_write_file  (const char *root,
                           const char *name,
                           const char *contents);
/* The contents of @root/@name; asserts on failure. */
char *mg_test_read_file   (const char *root,
                           const char *name);

/* A monitor of a MgSourceProcfs reading below @proc_root (%NULL: /proc). */
MgMonitor *mg_test_monitor_new (const char *proc_root);

G_END_DECLS
