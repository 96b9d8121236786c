/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMonitorClock: the monitor's sampling timer: calm at the interval, sooner near a threshold. */
#pragma once

#include <glib.h>

#include "mg-level.h"
#include "mg-sample.h"
#include "mg-sample-pace.h"

G_BEGIN_DECLS

typedef void (*MgMonitorClockTick) (gpointer user_data);

/**
 * MgMonitorClock:
 *
 * A periodic timer at the calm interval (`sample-interval`, doubled in power-saver mode
 * when asked), replaced by one-shot timers while mg_sample_pace_update() asks for sooner.
 * Embedded in #MgMonitor; the fields are private.
 */
typedef struct {
  /*< private >*/
  MgMonitorClockTick tick;
  gpointer           tick_data;
  guint              interval_s;
  guint              test_interval_ms;
  gboolean           power_saver;
  gboolean           running;
  guint              timeout_id;
  /* The delay of the one-shot timer in place; 0 while the periodic one runs. */
  guint              fast_ms;
  MgSamplePace       pace;
} MgMonitorClock;

void  mg_monitor_clock_init             (MgMonitorClock     *clock,
                                         guint               interval_s,
                                         MgMonitorClockTick  tick,
                                         gpointer            tick_data);
/* Starts (or restarts) at the calm interval. */
void  mg_monitor_clock_start            (MgMonitorClock     *clock);
void  mg_monitor_clock_stop             (MgMonitorClock     *clock);
void  mg_monitor_clock_set_interval     (MgMonitorClock     *clock,
                                         guint               interval_s);
/* Tests: the calm interval in ms instead (0: back to seconds). */
void  mg_monitor_clock_set_test_interval_ms (MgMonitorClock *clock,
                                             guint           milliseconds);
/* Doubles the calm interval; the adaptive pace still applies near a threshold. */
void  mg_monitor_clock_set_power_saver  (MgMonitorClock     *clock,
                                         gboolean            power_saver);
/* The calm delay in ms, power saver included. */
guint mg_monitor_clock_get_calm_ms      (const MgMonitorClock *clock);
/* The delay before the next sample now in place, in ms (the calm one when calm). */
guint mg_monitor_clock_get_delay_ms     (const MgMonitorClock *clock);

/**
 * mg_monitor_clock_sampled:
 * @clock: a clock
 * @sample: (nullable): the sample just taken, %NULL when it failed
 * @params: the level thresholds
 *
 * Re-times the next sample from the fill rate; a failed sample goes back to the calm
 * interval.
 */
void  mg_monitor_clock_sampled          (MgMonitorClock      *clock,
                                         const MgSample      *sample,
                                         const MgLevelParams *params);

G_END_DECLS
