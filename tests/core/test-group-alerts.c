/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-group-alerts: near-limit episodes over injected samples, and when the
 * machine's stalls are the limited groups' own. */

#include "mg-group-alerts.h"

#define S ((gint64) G_USEC_PER_SEC)

typedef struct {
  gint64 time_s;
  double percent;
  gboolean announce;
} Step;

typedef struct {
  const char *name;
  guint       threshold;
  Step        steps[12];
  guint       n_steps;
} EpisodeCase;

static const EpisodeCase episode_cases[] = {
  { "two-in-a-row", 90, { { 0, 91, FALSE }, { 3, 95, TRUE }, { 6, 99, FALSE } }, 3 },
  { "one-is-not-enough", 90, { { 0, 95, FALSE }, { 3, 80, FALSE }, { 6, 95, FALSE },
                               { 9, 95, TRUE } }, 4 },
  { "exactly-at-threshold", 90, { { 0, 90, FALSE }, { 3, 90, TRUE } }, 2 },
  { "dip-inside-margin-same-episode", 90,
    { { 0, 95, FALSE }, { 3, 95, TRUE }, { 6, 86, FALSE }, { 100, 86, FALSE },
      { 103, 95, FALSE }, { 106, 95, FALSE } }, 6 },
  { "short-dip-below-margin-same-episode", 90,
    { { 0, 95, FALSE }, { 3, 95, TRUE }, { 6, 50, FALSE }, { 30, 50, FALSE },
      { 33, 95, FALSE }, { 36, 95, FALSE } }, 6 },
  { "a-minute-below-margin-ends-it", 90,
    { { 0, 95, FALSE }, { 3, 95, TRUE }, { 6, 84, FALSE }, { 66, 84, FALSE },
      { 69, 95, FALSE }, { 72, 95, TRUE } }, 6 },
  { "lower-setting", 50, { { 0, 60, FALSE }, { 3, 60, TRUE } }, 2 },
};

static void
test_episode (gconstpointer data)
{
  const EpisodeCase *c = data;
  MgLimitEpisode episode = { 0 };

  for (guint i = 0; i < c->n_steps; i++)
    {
      const Step *step = &c->steps[i];

      g_test_message ("step %u: %.0f %% at %" G_GINT64_FORMAT " s", i, step->percent,
                      step->time_s);
      g_assert_cmpint (mg_limit_episode_update (&episode, step->percent, c->threshold,
                                                1000 * S + step->time_s * S),
                       ==, step->announce);
    }
}

typedef struct {
  const char *name;
  double      machine_some;
  gboolean    has_limit;
  double      percent;
  gboolean    has_pressure;
  double      group_some;
  gboolean    excused;
} PsiCase;

static const PsiCase psi_cases[] = {
  { "group-at-limit-stalls-as-much", 20.0, TRUE, 95.0, TRUE, 25.0, TRUE },
  { "equal-stalls", 20.0, TRUE, 90.0, TRUE, 20.0, TRUE },
  { "group-stalls-less", 20.0, TRUE, 95.0, TRUE, 19.9, FALSE },
  { "group-below-90-percent", 20.0, TRUE, 89.0, TRUE, 50.0, FALSE },
  { "group-without-pressure", 20.0, TRUE, 99.0, FALSE, 0.0, FALSE },
  { "group-without-limit", 20.0, FALSE, 0.0, TRUE, 50.0, FALSE },
  { "machine-not-stalling", 0.0, TRUE, 99.0, TRUE, 50.0, FALSE },
};

static void
test_psi (gconstpointer data)
{
  const PsiCase *c = data;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  MgGroup *quiet = mg_group_new ("/quiet");
  MgGroup *group = mg_group_new ("/web");

  /* A quiet limited group first: one matching group is enough. */
  quiet->present = MG_GROUP_HAS_USAGE | MG_GROUP_HAS_LIMIT | MG_GROUP_HAS_PRESSURE;
  quiet->usage_kib = 10;
  quiet->limit_kib = 1000;
  g_ptr_array_add (groups, quiet);

  group->present = MG_GROUP_HAS_USAGE;
  group->limit_kib = 1000;
  group->usage_kib = (guint64) (c->percent * 10);
  if (c->has_limit)
    group->present |= MG_GROUP_HAS_LIMIT;
  if (c->has_pressure)
    group->present |= MG_GROUP_HAS_PRESSURE;
  group->pressure_some_avg10 = c->group_some;
  g_ptr_array_add (groups, group);

  g_assert_cmpint (mg_group_psi_excused (c->machine_some, groups), ==, c->excused);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (episode_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/group-alerts/episode/", episode_cases[i].name,
                                           NULL);

      g_test_add_data_func (path, &episode_cases[i], test_episode);
    }
  for (guint i = 0; i < G_N_ELEMENTS (psi_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/group-alerts/psi/", psi_cases[i].name, NULL);

      g_test_add_data_func (path, &psi_cases[i], test_psi);
    }

  return g_test_run ();
}
