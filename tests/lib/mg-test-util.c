/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share: a monitor of a proc root (the file helpers are in
 * mg-test-files.c). */

#include "mg-source-procfs.h"
#include "mg-test-util.h"

MgMonitor *
mg_test_monitor_new (const char *proc_root)
{
  g_autoptr(MgSource) source = mg_source_procfs_new (proc_root);

  return mg_monitor_new (source);
}
