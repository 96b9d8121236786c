/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMonitor: the model; owns the sampling clock, the latest sample, history and level. */
#pragma once

#include <glib-object.h>

#include "mg-level.h"
#include "mg-sample.h"

G_BEGIN_DECLS

#define MG_TYPE_MONITOR (mg_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MgMonitor, mg_monitor, MG, MONITOR, GObject)

/* One hour at the shortest interval (1 s), three hours at the default 3 s. */
#define MG_MONITOR_HISTORY_CAPACITY 3600

typedef struct {
  gint64  time_us;
  float   used_fraction;
  guint8  level;
} MgHistoryEntry;

typedef gint64 (*MgTimeFunc) (gpointer user_data);

MgMonitor            *mg_monitor_new                (const char  *proc_root);
void                  mg_monitor_start              (MgMonitor   *self);
void                  mg_monitor_stop               (MgMonitor   *self);
gboolean              mg_monitor_sample_now         (MgMonitor   *self);

guint                 mg_monitor_get_interval       (MgMonitor   *self);
void                  mg_monitor_set_interval       (MgMonitor   *self,
                                                     guint        seconds);
MgLevel               mg_monitor_get_level          (MgMonitor   *self);
const char           *mg_monitor_get_reason         (MgMonitor   *self);
const char           *mg_monitor_get_proc_root      (MgMonitor   *self);

/* The latest valid sample, or %NULL while the level is unknown. */
const MgSample       *mg_monitor_get_sample         (MgMonitor   *self);
/* The error of the last sample, or %NULL when it was good. */
const GError         *mg_monitor_get_error          (MgMonitor   *self);
guint64               mg_monitor_get_n_samples      (MgMonitor   *self);

const MgLevelParams  *mg_monitor_get_level_params   (MgMonitor   *self);

guint                 mg_monitor_get_history_length (MgMonitor   *self);
/* @age 0 is the newest entry. */
const MgHistoryEntry *mg_monitor_get_history_entry  (MgMonitor   *self,
                                                     guint        age);

/* Tests: sample every @milliseconds (0: back to the interval in seconds), so that a test
 * runs through thousands of samples in a minute. */
void                  mg_monitor_set_test_interval_ms (MgMonitor *self,
                                                       guint      milliseconds);
/* Tests: replace the monotonic clock used for timestamps and rates. */
void                  mg_monitor_set_time_func      (MgMonitor   *self,
                                                     MgTimeFunc   func,
                                                     gpointer     user_data);

G_END_DECLS
