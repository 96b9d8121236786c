/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GLib tests share: a monitor of a proc root; the file helpers are in
 * mg-test-files.h. */
#pragma once

#include <glib.h>

#include "mg-monitor.h"
#include "mg-test-files.h"

G_BEGIN_DECLS

/* A monitor of a MgSourceProcfs reading below @proc_root (%NULL: /proc). */
MgMonitor *mg_test_monitor_new (const char *proc_root);

G_END_DECLS
