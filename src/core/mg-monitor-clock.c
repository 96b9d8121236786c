/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMonitorClock: the monitor's sampling timer: calm at the interval, sooner near a threshold. */

#define G_LOG_DOMAIN "memgauge-monitor"

#include "config.h"

#include "mg-monitor-clock.h"

void
mg_monitor_clock_init (MgMonitorClock     *clock,
                       guint               interval_s,
                       MgMonitorClockTick  tick,
                       gpointer            tick_data)
{
  g_return_if_fail (clock != NULL);

  *clock = (MgMonitorClock) {
    .tick = tick,
    .tick_data = tick_data,
    .interval_s = interval_s,
  };
  mg_sample_pace_init (&clock->pace);
}

guint
mg_monitor_clock_get_calm_ms (const MgMonitorClock *clock)
{
  guint ms = clock->test_interval_ms != 0 ? clock->test_interval_ms
                                          : clock->interval_s * 1000;

  return clock->power_saver ? ms * 2 : ms;
}

guint
mg_monitor_clock_get_delay_ms (const MgMonitorClock *clock)
{
  return clock->fast_ms != 0 ? clock->fast_ms : mg_monitor_clock_get_calm_ms (clock);
}

static gboolean
on_calm_timeout (gpointer user_data)
{
  MgMonitorClock *clock = user_data;

  /* The tick may replace this timer with a one-shot; returning CONTINUE for a removed
   * source only lets it go. */
  clock->tick (clock->tick_data);

  return G_SOURCE_CONTINUE;
}

static void
arm_calm (MgMonitorClock *clock)
{
  guint ms = mg_monitor_clock_get_calm_ms (clock);

  g_clear_handle_id (&clock->timeout_id, g_source_remove);
  clock->fast_ms = 0;
  /* Whole seconds let GLib line the wakeup up with other timers of the session: at rest
   * this is the app's only wakeup. */
  if (clock->test_interval_ms == 0)
    clock->timeout_id = g_timeout_add_seconds (ms / 1000, on_calm_timeout, clock);
  else
    clock->timeout_id = g_timeout_add (ms, on_calm_timeout, clock);
  g_source_set_name_by_id (clock->timeout_id, "[memgauge] sample");
}

static gboolean
on_fast_timeout (gpointer user_data)
{
  MgMonitorClock *clock = user_data;

  /* Calm until the sample says otherwise: a source that reads asynchronously re-times
   * the clock only when its answer comes. */
  clock->timeout_id = 0;
  arm_calm (clock);
  clock->tick (clock->tick_data);

  return G_SOURCE_REMOVE;
}

static void
arm_fast (MgMonitorClock *clock,
          guint           ms)
{
  g_clear_handle_id (&clock->timeout_id, g_source_remove);
  clock->fast_ms = ms;
  clock->timeout_id = g_timeout_add (ms, on_fast_timeout, clock);
  g_source_set_name_by_id (clock->timeout_id, "[memgauge] sample soon");
}

void
mg_monitor_clock_start (MgMonitorClock *clock)
{
  clock->running = TRUE;
  arm_calm (clock);
}

void
mg_monitor_clock_stop (MgMonitorClock *clock)
{
  clock->running = FALSE;
  clock->fast_ms = 0;
  g_clear_handle_id (&clock->timeout_id, g_source_remove);
}

/* A new calm interval takes effect at once, unless a fast timer runs: it is sooner. */
static void
calm_changed (MgMonitorClock *clock)
{
  if (clock->running && clock->fast_ms == 0)
    arm_calm (clock);
}

void
mg_monitor_clock_set_interval (MgMonitorClock *clock,
                               guint           interval_s)
{
  clock->interval_s = interval_s;
  calm_changed (clock);
}

void
mg_monitor_clock_set_test_interval_ms (MgMonitorClock *clock,
                                       guint           milliseconds)
{
  clock->test_interval_ms = milliseconds;
  calm_changed (clock);
}

void
mg_monitor_clock_set_power_saver (MgMonitorClock *clock,
                                  gboolean        power_saver)
{
  if (clock->power_saver == !!power_saver)
    return;
  clock->power_saver = !!power_saver;
  calm_changed (clock);
}

void
mg_monitor_clock_sampled (MgMonitorClock      *clock,
                          const MgSample      *sample,
                          const MgLevelParams *params)
{
  guint calm_ms = mg_monitor_clock_get_calm_ms (clock);
  guint ms;

  if (sample == NULL)
    {
      mg_sample_pace_forget (&clock->pace);
      ms = calm_ms;
    }
  else
    {
      const double thresholds[] = {
        params->low_percent, params->medium_percent, params->high_percent,
      };

      ms = mg_sample_pace_update (&clock->pace, sample->time_us,
                                  mg_sample_available_percent (sample), thresholds,
                                  G_N_ELEMENTS (thresholds), calm_ms);
    }

  /* Samples taken outside the clock (mg_monitor_sample_now(), a request) re-time it only
   * while it runs. At rest the periodic timer keeps its phase: nothing is re-armed. */
  if (!clock->running)
    return;
  if (ms < calm_ms)
    arm_fast (clock, ms);
  else if (clock->fast_ms != 0)
    arm_calm (clock);
}
