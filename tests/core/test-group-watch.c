/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgGroupWatch over a temporary cgroup v2 tree with injected sample times: the
 * limited groups' counters on each sample, their notifications' signals, OOM kills at a
 * limit or not, the machine's PSI left to limited groups, the leak fit; and the level
 * rule ignoring excused PSI. */

#include "mg-cgroup-walker.h"
#include "mg-group-watch.h"
#include "mg-level.h"
#include "mg-test-util.h"

#define S ((gint64) G_USEC_PER_SEC)
#define MIB (G_GUINT64_CONSTANT (1) << 20)
#define RAM_KIB (G_GUINT64_CONSTANT (8) * 1024 * 1024)

typedef struct {
  char           *root;
  char           *cgroup;
  MgGroupWalker  *walker;
  MgGroupScanner *scanner;
  MgGroupWatch   *watch;
  gint64          now_us;
  GPtrArray      *events;
} Fixture;

static void
write_group (Fixture    *fixture,
             const char *name,
             guint64     usage,
             const char *max,
             guint64     oom,
             guint64     oom_kill,
             double      some_avg10)
{
  g_autofree char *current = g_strdup_printf ("%" G_GUINT64_FORMAT "\n", usage);
  g_autofree char *events = g_strdup_printf ("low 0\nhigh 0\nmax 0\noom %" G_GUINT64_FORMAT
                                             "\noom_kill %" G_GUINT64_FORMAT
                                             "\noom_group_kill 0\n", oom, oom_kill);
  g_autofree char *pressure = g_strdup_printf ("some avg10=%.2f avg60=0.00 avg300=0.00 "
                                               "total=0\nfull avg10=0.00 avg60=0.00 "
                                               "avg300=0.00 total=0\n", some_avg10);
  g_autofree char *dir = g_build_filename (fixture->cgroup, name, NULL);

  mg_test_write_file (dir, "cgroup.procs", "");
  mg_test_write_file (dir, "memory.current", current);
  mg_test_write_file (dir, "memory.max", max);
  mg_test_write_file (dir, "memory.events", events);
  mg_test_write_file (dir, "memory.pressure", pressure);
}

static void
record (Fixture    *fixture,
        const char *what,
        const MgGroup *group,
        double      value)
{
  g_ptr_array_add (fixture->events, g_strdup_printf ("%s %s %.0f", what, group->path, value));
}

static void
on_limit (MgGroupWatch *w, const MgGroup *group, double percent, Fixture *fixture)
{
  record (fixture, "limit", group, percent);
}

static void
on_cleared (MgGroupWatch *w, const MgGroup *group, Fixture *fixture)
{
  record (fixture, "cleared", group, 0.0);
}

static void
on_oom (MgGroupWatch *w, const MgGroup *group, guint64 kills, Fixture *fixture)
{
  record (fixture, "oom", group, (double) kills);
}

static void
on_culprit (MgGroupWatch *w, const MgGroup *group, guint64 kills, Fixture *fixture)
{
  record (fixture, "culprit", group, (double) kills);
}

static void
on_leak (MgGroupWatch *w, const MgGroup *group, Fixture *fixture)
{
  record (fixture, "leak", group, (double) group->growth_kib_per_hour);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("memgauge-watch-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->cgroup = g_build_filename (fixture->root, "cgroup", NULL);
  mg_test_write_file (fixture->cgroup, "cgroup.controllers", "cpu memory pids\n");
  /* A large group without a limit, and "web" limited to 64 MiB. */
  write_group (fixture, "big.service", 512 * MIB, "max\n", 0, 0, 0.0);
  write_group (fixture, "web.scope", 40 * MIB, "67108864\n", 0, 0, 0.0);

  fixture->walker = mg_cgroup_walker_new (fixture->cgroup);
  fixture->scanner = mg_group_scanner_new (fixture->walker,
                                           mg_group_namer_new (fixture->root, fixture->root));
  mg_group_scanner_set_min_interval (fixture->scanner, 0);
  fixture->watch = mg_group_watch_new (NULL, fixture->scanner, fixture->walker);
  fixture->events = g_ptr_array_new_with_free_func (g_free);
  fixture->now_us = 1000 * S;
  g_signal_connect (fixture->watch, "limit-reached", G_CALLBACK (on_limit), fixture);
  g_signal_connect (fixture->watch, "limit-cleared", G_CALLBACK (on_cleared), fixture);
  g_signal_connect (fixture->watch, "group-oom", G_CALLBACK (on_oom), fixture);
  g_signal_connect (fixture->watch, "oom-culprit", G_CALLBACK (on_culprit), fixture);
  g_signal_connect (fixture->watch, "leak", G_CALLBACK (on_leak), fixture);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_clear_object (&fixture->watch);
  g_clear_object (&fixture->scanner);
  g_clear_object (&fixture->walker);
  g_clear_pointer (&fixture->events, g_ptr_array_unref);
  mg_test_remove_tree (fixture->root);
  g_free (fixture->cgroup);
  g_free (fixture->root);
}

/* One sample @seconds after the last; waits for a scan it started. Returns the sample's
 * verdict on PSI. */
static gboolean
sample (Fixture *fixture,
        gint64   seconds,
        double   machine_some)
{
  MgSample s = { 0 };
  guint n_scans = mg_group_scanner_get_n_scans (fixture->scanner);

  fixture->now_us += seconds * S;
  s.time_us = fixture->now_us;
  s.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = RAM_KIB;
  s.has_psi = TRUE;
  s.psi.some.avg10 = machine_some;
  mg_group_watch_on_sample (fixture->watch, &s);
  if (mg_group_scanner_is_scanning (fixture->scanner))
    while (mg_group_scanner_get_n_scans (fixture->scanner) == n_scans)
      g_main_context_iteration (NULL, TRUE);
  return s.psi_from_limited_groups;
}

static char *
events (Fixture *fixture)
{
  g_auto(GStrv) strv = NULL;

  g_ptr_array_add (fixture->events, NULL);
  strv = (GStrv) g_ptr_array_steal (fixture->events, NULL);
  return g_strjoinv ("; ", strv);
}

static void
test_limit_and_oom (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *seen = NULL;
  const MgGroup *victim = (const MgGroup *) 1;
  GPtrArray *limited;

  /* The first sample scans: only "web" has a limit, so only it is read from now on. */
  sample (fixture, 0, 0.0);
  limited = mg_group_watch_get_limited (fixture->watch);
  g_assert_cmpuint (limited->len, ==, 1);
  g_assert_cmpstr (((MgGroup *) g_ptr_array_index (limited, 0))->path, ==, "/web.scope");

  /* 95 % of 64 MiB on two samples in a row: announced once. */
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "");
  g_clear_pointer (&seen, g_free);
  sample (fixture, 3, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "limit /web.scope 95");
  g_clear_pointer (&seen, g_free);

  /* A kill at its own limit (memory.events oom rose too): the group's, and the machine's
   * counter rising by one is explained by it. */
  write_group (fixture, "web.scope", 20 * MIB, "67108864\n", 1, 1, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "oom /web.scope 1");
  g_clear_pointer (&seen, g_free);
  g_assert_cmpuint (mg_group_watch_account_oom (fixture->watch, 1, &victim), ==, 1);
  g_assert_null (victim);
  /* Consumed: the next machine kill is not the group's. */
  g_assert_cmpuint (mg_group_watch_account_oom (fixture->watch, 1, &victim), ==, 0);

  /* A kill without the limit hit: the machine ran out and picked a process in "web". */
  write_group (fixture, "web.scope", 10 * MIB, "67108864\n", 1, 2, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "");
  g_assert_cmpuint (mg_group_watch_account_oom (fixture->watch, 1, &victim), ==, 0);
  g_assert_nonnull (victim);
  g_assert_cmpstr (victim->path, ==, "/web.scope");
}

static void
test_culprit_by_scan (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *seen = NULL;
  const MgGroup *victim = NULL;

  write_group (fixture, "big.service", 512 * MIB, "max\n", 0, 3, 0.0);
  sample (fixture, 0, 0.0);
  /* A machine OOM kill in a group without a limit: only a scan can name it. */
  write_group (fixture, "big.service", 300 * MIB, "max\n", 0, 4, 0.0);
  g_assert_cmpuint (mg_group_watch_account_oom (fixture->watch, 1, &victim), ==, 0);
  g_assert_null (victim);
  while (mg_group_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "culprit /big.service 1");
}

static void
test_psi_excused (Fixture       *fixture,
                  gconstpointer  data)
{
  MgLevelParams params;
  MgLevelState state;
  MgSample s = { 0 };

  sample (fixture, 0, 0.0);
  /* "web" at 95 % of its limit stalling 30 % of the time: the machine's 20 % is its. */
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 30.0);
  g_assert_true (sample (fixture, 3, 20.0));
  /* Stalling less than the machine: others stall too. */
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 10.0);
  g_assert_false (sample (fixture, 3, 20.0));
  /* Far from its limit. */
  write_group (fixture, "web.scope", 30 * MIB, "67108864\n", 0, 0, 30.0);
  g_assert_false (sample (fixture, 3, 20.0));

  /* The level: 90 % available with 30 % stalls is medium, unless they are excused. */
  mg_level_params_init_default (&params);
  mg_level_state_init (&state);
  s.time_us = 1;
  s.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = RAM_KIB;
  s.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE] = RAM_KIB / 10 * 9;
  s.has_psi = TRUE;
  s.psi.some.avg10 = 30.0;
  g_assert_cmpint (mg_level_state_update (&state, &s, &params, NULL, 0), ==, MG_LEVEL_MEDIUM);
  mg_level_state_init (&state);
  s.psi_from_limited_groups = TRUE;
  g_assert_cmpint (mg_level_state_update (&state, &s, &params, NULL, 0), ==, MG_LEVEL_LOW);
}

static void
test_leak (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *seen = NULL;
  GPtrArray *groups;
  /* 10 % of 8 GiB an hour, in bytes a minute. */
  guint64 per_minute = RAM_KIB * 1024 / 10 / 60;

  /* One scan a minute (the watch asks no more often); 25 minutes of steady growth. */
  for (guint minute = 0; minute <= 25; minute++)
    {
      write_group (fixture, "big.service", 512 * MIB + minute * per_minute, "max\n", 0, 0,
                   0.0);
      sample (fixture, minute == 0 ? 0 : 30, 0.0);
      sample (fixture, 30, 0.0);
      seen = events (fixture);
      /* Before 20 minutes of points, nothing; then the leak, once a minute (the
       * notifier keeps to once a day). */
      if (minute < 20)
        g_assert_cmpstr (seen, ==, "");
      else
        g_assert_true (g_str_has_prefix (seen, "leak /big.service 8388"));
      g_clear_pointer (&seen, g_free);
    }
  groups = mg_group_scanner_get_groups (fixture->scanner);
  g_assert_cmpstr (((MgGroup *) g_ptr_array_index (groups, 0))->path, ==, "/big.service");
  /* KiB truncated from bytes: within a KiB an hour of 10 % of RAM. */
  g_assert_cmpfloat_with_epsilon (
    (double) ((MgGroup *) g_ptr_array_index (groups, 0))->growth_kib_per_hour,
    (double) RAM_KIB / 10, 2.0);
  /* The steady "web" grows by nothing. */
  g_assert_cmpuint (((MgGroup *) g_ptr_array_index (groups, 1))->growth_kib_per_hour, ==, 0);
}

/* End to end: the watch rides on a real monitor's sample (the source's hook) and the
 * monitor's level leaves out stalls that are a limited group's. */
static void
test_monitor_level (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "proc",
                                                 "linux-6.18-idle", NULL);
  g_autofree char *proc = g_build_filename (fixture->root, "proc", NULL);
  g_autoptr(MgMonitor) monitor = NULL;
  g_autoptr(MgGroupWatch) watch = NULL;

  mg_test_copy_tree (from, proc);
  mg_test_write_file (proc, "pressure/memory",
                      "some avg10=30.00 avg60=5.00 avg300=1.00 total=100\n"
                      "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
  monitor = mg_test_monitor_new (proc);
  g_clear_object (&fixture->watch);
  watch = mg_group_watch_new (mg_monitor_get_source (monitor), fixture->scanner,
                              fixture->walker);

  /* The first sample starts the scan that finds "web"; it is not read yet. */
  g_assert_true (mg_monitor_sample_now (monitor));
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_MEDIUM);
  while (mg_group_scanner_is_scanning (fixture->scanner))
    g_main_context_iteration (NULL, TRUE);

  /* "web" at 95 % of its limit stalls 40 % of the time: the machine's 30 % is its. */
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 40.0);
  g_assert_true (mg_monitor_sample_now (monitor));
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_LOW);
  g_assert_false (mg_monitor_get_raised_by_stalls (monitor));

  /* "web" calm: the stalls are the machine's again. */
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 0.0);
  g_assert_true (mg_monitor_sample_now (monitor));
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_MEDIUM);
  g_assert_true (mg_monitor_get_raised_by_stalls (monitor));
}

/* The episode ends after a minute below the percent minus 5: the notification is
 * withdrawn (limit-cleared), and the next rise is announced again. */
static void
test_limit_cleared (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *seen = NULL;

  sample (fixture, 0, 0.0);
  write_group (fixture, "web.scope", 61 * MIB, "67108864\n", 0, 0, 0.0);
  sample (fixture, 3, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "limit /web.scope 95");
  g_clear_pointer (&seen, g_free);

  /* 87 % is within the margin: the episode goes on. */
  write_group (fixture, "web.scope", 56 * MIB, "67108864\n", 0, 0, 0.0);
  sample (fixture, 90, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "");
  g_clear_pointer (&seen, g_free);

  /* 47 %: not yet a minute below, then a minute. */
  write_group (fixture, "web.scope", 30 * MIB, "67108864\n", 0, 0, 0.0);
  sample (fixture, 3, 0.0);
  sample (fixture, 30, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "");
  g_clear_pointer (&seen, g_free);
  sample (fixture, 30, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "cleared /web.scope 0");
  g_clear_pointer (&seen, g_free);

  write_group (fixture, "web.scope", 62 * MIB, "67108864\n", 0, 0, 0.0);
  sample (fixture, 3, 0.0);
  sample (fixture, 3, 0.0);
  seen = events (fixture);
  g_assert_cmpstr (seen, ==, "limit /web.scope 97");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/group-watch/limit-and-oom", Fixture, NULL, set_up, test_limit_and_oom,
              tear_down);
  g_test_add ("/group-watch/limit-cleared", Fixture, NULL, set_up, test_limit_cleared,
              tear_down);
  g_test_add ("/group-watch/culprit-by-scan", Fixture, NULL, set_up, test_culprit_by_scan,
              tear_down);
  g_test_add ("/group-watch/psi-excused", Fixture, NULL, set_up, test_psi_excused,
              tear_down);
  g_test_add ("/group-watch/leak", Fixture, NULL, set_up, test_leak, tear_down);
  g_test_add ("/group-watch/monitor-level", Fixture, NULL, set_up, test_monitor_level,
              tear_down);

  return g_test_run ();
}
