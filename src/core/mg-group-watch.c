/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGroupWatch: the limited groups' counters on every sample, and the hourly leak fit. */

#define G_LOG_DOMAIN "memgauge-group-watch"

#include "config.h"

#include "mg-group-alerts.h"
#include "mg-group-watch.h"
#include "mg-leak-fit.h"

/* Kills of limited groups wait this long for the machine's counter to show them (the
 * two are read a moment apart; the kernel raises both in __oom_kill_process ()). */
#define CREDIT_US ((gint64) 120 * G_USEC_PER_SEC)

typedef struct {
  MgGroup        *group;
  MgLimitEpisode  episode;
  gboolean        has_baseline;
  guint64         oom_kills;
  guint64         limit_hits;
} Watched;

typedef struct {
  char       *path;
  MgLeakRing  ring;
  guint64     growth_kib_per_hour;
} LeakSlot;

struct _MgGroupWatch {
  GObject         parent_instance;

  MgSource       *source;
  MgGroupScanner *scanner;
  MgGroupWalker  *walker;
  gulong          updated_handler;
  guint           limit_percent;

  gboolean        has_sample;
  gint64          now_us;
  guint64         ram_kib;
  gboolean        requested;
  gint64          request_us;

  /* Watched, largest first; and the same groups as a GPtrArray of MgGroup. */
  GArray         *watched;
  GPtrArray      *limited;

  guint64         credit;
  gint64          credit_us;
  MgGroup        *victim;
  gboolean        culprit_wanted;
  gint64          culprit_until_us;
  /* path -> OOM kills at the last scan, for the groups whose count was read. */
  GHashTable     *oom_seen;

  LeakSlot        slots[MG_GROUP_WATCH_LEAK_SLOTS];
  gboolean        leak_read;
  gint64          leak_us;
};

G_DEFINE_FINAL_TYPE (MgGroupWatch, mg_group_watch, G_TYPE_OBJECT)

enum {
  SIGNAL_LIMIT_REACHED,
  SIGNAL_LIMIT_CLEARED,
  SIGNAL_GROUP_OOM,
  SIGNAL_OOM_CULPRIT,
  SIGNAL_LEAK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static MgGroup *
copy_group (const MgGroup *group)
{
  MgGroup *copy = g_new (MgGroup, 1);

  *copy = *group;
  copy->path = g_strdup (group->path);
  copy->name = g_strdup (group->name);
  copy->app_id = g_strdup (group->app_id);
  copy->icon_name = g_strdup (group->icon_name);
  copy->procs_path = g_strdup (group->procs_path);
  copy->kill_path = g_strdup (group->kill_path);
  copy->error = g_strdup (group->error);
  return copy;
}

static void
watched_clear (gpointer data)
{
  Watched *watched = data;

  g_clear_pointer (&watched->group, mg_group_free);
}

static void
request_scan (MgGroupWatch *self)
{
  if (mg_group_scanner_request (self->scanner) || mg_group_scanner_is_scanning (self->scanner))
    {
      self->requested = TRUE;
      self->request_us = self->now_us;
    }
}

/* One limited group's fresh counters: its kills and its limit episode. Returns its
 * kills at its own limit. */
static guint64
check_group (MgGroupWatch *self,
             Watched      *watched)
{
  MgGroup *group = watched->group;
  guint64 hits = 0;
  guint64 kills = 0;
  double percent;

  if (!mg_group_walker_read_counters (self->walker, group, &hits))
    {
      /* Gone: its rows go with the next scan. */
      group->present &= ~(guint32) (MG_GROUP_HAS_USAGE | MG_GROUP_HAS_PRESSURE);
      return 0;
    }

  if (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS))
    {
      if (watched->has_baseline && group->oom_kills > watched->oom_kills)
        {
          kills = group->oom_kills - watched->oom_kills;
          /* Killed at its own limit only when the limit was hit since the last read;
           * otherwise a machine-wide OOM picked a process that happened to be in it. */
          if (hits > watched->limit_hits)
            {
              g_signal_emit (self, signals[SIGNAL_GROUP_OOM], 0, group, kills);
            }
          else
            {
              g_clear_pointer (&self->victim, mg_group_free);
              self->victim = copy_group (group);
              kills = 0;
            }
        }
      watched->has_baseline = TRUE;
      watched->oom_kills = group->oom_kills;
      /* Kills seen here are told here: a culprit search must not count them again. */
      if (g_hash_table_contains (self->oom_seen, group->path))
        g_hash_table_insert (self->oom_seen, g_strdup (group->path),
                             g_memdup2 (&group->oom_kills, sizeof group->oom_kills));
    }
  watched->limit_hits = hits;

  if (mg_group_get_limit_percent (group, &percent))
    {
      gboolean was_announced = watched->episode.announced;

      if (mg_limit_episode_update (&watched->episode, percent, self->limit_percent,
                                   self->now_us))
        g_signal_emit (self, signals[SIGNAL_LIMIT_REACHED], 0, group, percent);
      else if (was_announced && !watched->episode.announced)
        g_signal_emit (self, signals[SIGNAL_LIMIT_CLEARED], 0, group);
    }

  return kills;
}

void
mg_group_watch_on_sample (MgGroupWatch *self,
                          MgSample     *sample)
{
  guint64 kills = 0;

  g_return_if_fail (MG_IS_GROUP_WATCH (self));
  g_return_if_fail (sample != NULL);

  self->has_sample = TRUE;
  self->now_us = sample->time_us;
  self->ram_kib = mg_sample_total_kib (sample);
  g_clear_pointer (&self->victim, mg_group_free);

  if (!self->requested || self->now_us - self->request_us >= MG_GROUP_WATCH_RESCAN_US ||
      (self->culprit_wanted && !mg_group_scanner_is_scanning (self->scanner)))
    request_scan (self);

  for (guint i = 0; i < self->watched->len; i++)
    kills += check_group (self, &g_array_index (self->watched, Watched, i));
  if (kills > 0)
    {
      if (self->now_us - self->credit_us > CREDIT_US)
        self->credit = 0;
      self->credit += kills;
      self->credit_us = self->now_us;
    }

  sample->psi_from_limited_groups = sample->has_psi && self->limited->len > 0 &&
                                    mg_group_psi_excused (sample->psi.some.avg10,
                                                          self->limited);
}

guint64
mg_group_watch_account_oom (MgGroupWatch   *self,
                            guint64         machine_kills,
                            const MgGroup **victim)
{
  guint64 explained;

  g_return_val_if_fail (MG_IS_GROUP_WATCH (self), 0);

  if (victim != NULL)
    *victim = NULL;
  if (self->now_us - self->credit_us > CREDIT_US)
    self->credit = 0;
  explained = MIN (self->credit, machine_kills);
  self->credit -= explained;

  if (explained < machine_kills)
    {
      if (self->victim != NULL && victim != NULL)
        {
          *victim = self->victim;
        }
      else
        {
          self->culprit_wanted = TRUE;
          self->culprit_until_us = self->now_us + MG_GROUP_WATCH_CULPRIT_US;
          request_scan (self);
        }
    }
  return explained;
}

static void
find_culprit (MgGroupWatch *self,
              GPtrArray    *groups)
{
  if (self->now_us > self->culprit_until_us)
    {
      self->culprit_wanted = FALSE;
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      MgGroup *group = g_ptr_array_index (groups, i);
      gpointer seen;

      /* Only a rise counts: a group first seen with kills may have had them for days. */
      if (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS) &&
          g_hash_table_lookup_extended (self->oom_seen, group->path, NULL, &seen) &&
          group->oom_kills > *(guint64 *) seen)
        {
          self->culprit_wanted = FALSE;
          g_signal_emit (self, signals[SIGNAL_OOM_CULPRIT], 0, group,
                         group->oom_kills - *(guint64 *) seen);
          return;
        }
    }
}

static void
remember_kills (MgGroupWatch *self,
                GPtrArray    *groups)
{
  g_hash_table_remove_all (self->oom_seen);
  for (guint i = 0; i < groups->len; i++)
    {
      MgGroup *group = g_ptr_array_index (groups, i);

      if (mg_group_has (group, MG_GROUP_HAS_OOM_KILLS))
        g_hash_table_insert (self->oom_seen, g_strdup (group->path),
                             g_memdup2 (&group->oom_kills, sizeof group->oom_kills));
    }
}

static void
update_limited (MgGroupWatch *self,
                GPtrArray    *groups)
{
  GArray *watched = g_array_new (FALSE, TRUE, sizeof (Watched));

  g_array_set_clear_func (watched, watched_clear);
  g_ptr_array_set_size (self->limited, 0);

  for (guint i = 0; i < groups->len && watched->len < MG_GROUP_WATCH_MAX_LIMITED; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);
      Watched entry = { 0 };

      if (!mg_group_has (group, MG_GROUP_HAS_LIMIT) || group->procs_path == NULL)
        continue;

      /* A group watched before keeps its episode and its counters' baseline. */
      for (guint j = 0; j < self->watched->len; j++)
        {
          Watched *old = &g_array_index (self->watched, Watched, j);

          if (old->group != NULL && g_str_equal (old->group->path, group->path))
            {
              entry = *old;
              old->group = NULL;
              break;
            }
        }
      if (!entry.has_baseline && mg_group_has (group, MG_GROUP_HAS_OOM_KILLS))
        {
          entry.has_baseline = TRUE;
          entry.oom_kills = group->oom_kills;
        }
      g_clear_pointer (&entry.group, mg_group_free);
      entry.group = copy_group (group);
      g_array_append_val (watched, entry);
      g_ptr_array_add (self->limited, entry.group);
    }

  g_array_unref (self->watched);
  self->watched = watched;
  g_debug ("%u groups, %u of them limited and watched", groups->len, watched->len);
}

static LeakSlot *
find_slot (MgGroupWatch *self,
           const char   *path)
{
  for (guint i = 0; i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
    if (self->slots[i].path != NULL && g_str_equal (self->slots[i].path, path))
      return &self->slots[i];
  return NULL;
}

static gboolean
in_top (GPtrArray  *groups,
        const char *path)
{
  for (guint i = 0; i < groups->len && i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
    if (g_str_equal (((MgGroup *) g_ptr_array_index (groups, i))->path, path))
      return TRUE;
  return FALSE;
}

/* One point a minute for each of the largest groups; a slot whose group left the top
 * goes to a newcomer, so the memory stays fixed. */
static void
read_leaks (MgGroupWatch *self,
            GPtrArray    *groups)
{
  for (guint i = 0; i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
    if (self->slots[i].path != NULL && !in_top (groups, self->slots[i].path))
      g_clear_pointer (&self->slots[i].path, g_free);

  for (guint i = 0; i < groups->len && i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
    {
      MgGroup *group = g_ptr_array_index (groups, i);
      LeakSlot *slot;

      if (!mg_group_has (group, MG_GROUP_HAS_USAGE))
        continue;
      slot = find_slot (self, group->path);
      if (slot == NULL)
        {
          for (guint j = 0; slot == NULL && j < MG_GROUP_WATCH_LEAK_SLOTS; j++)
            if (self->slots[j].path == NULL)
              slot = &self->slots[j];
          if (slot == NULL)
            continue;
          slot->path = g_strdup (group->path);
          mg_leak_ring_clear (&slot->ring);
        }
      mg_leak_ring_push (&slot->ring, self->now_us, group->usage_kib);
      mg_leak_fit (&slot->ring, self->ram_kib, &slot->growth_kib_per_hour);
    }
}

void
mg_group_watch_apply_growth (MgGroupWatch *self,
                             GPtrArray    *groups)
{
  g_return_if_fail (MG_IS_GROUP_WATCH (self));
  g_return_if_fail (groups != NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      MgGroup *group = g_ptr_array_index (groups, i);
      LeakSlot *slot = find_slot (self, group->path);

      group->growth_kib_per_hour = slot != NULL ? slot->growth_kib_per_hour : 0;
    }
}

static void
on_updated (MgGroupScanner *scanner,
            MgGroupWatch   *self)
{
  GPtrArray *groups = mg_group_scanner_get_groups (scanner);
  gboolean leak_read;

  if (self->culprit_wanted)
    find_culprit (self, groups);
  remember_kills (self, groups);
  update_limited (self, groups);

  /* A view that scans every few seconds feeds the fit no faster: a few seconds of
   * slack let a scan that comes a little early count. */
  leak_read = self->has_sample &&
              (!self->leak_read ||
               self->now_us - self->leak_us >= MG_GROUP_WATCH_RESCAN_US - (gint64) 5 * G_USEC_PER_SEC);
  if (leak_read)
    {
      self->leak_read = TRUE;
      self->leak_us = self->now_us;
      read_leaks (self, groups);
    }
  mg_group_watch_apply_growth (self, groups);

  if (leak_read)
    for (guint i = 0; i < groups->len && i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
      if (((MgGroup *) g_ptr_array_index (groups, i))->growth_kib_per_hour > 0)
        g_signal_emit (self, signals[SIGNAL_LEAK], 0, g_ptr_array_index (groups, i));
}

static void
on_sample_hook (MgSample *sample,
                gpointer  user_data)
{
  mg_group_watch_on_sample (MG_GROUP_WATCH (user_data), sample);
}

void
mg_group_watch_set_limit_percent (MgGroupWatch *self,
                                  guint         percent)
{
  g_return_if_fail (MG_IS_GROUP_WATCH (self));

  self->limit_percent = CLAMP (percent, 1, 100);
}

GPtrArray *
mg_group_watch_get_limited (MgGroupWatch *self)
{
  g_return_val_if_fail (MG_IS_GROUP_WATCH (self), NULL);

  return self->limited;
}

static void
mg_group_watch_dispose (GObject *object)
{
  MgGroupWatch *self = MG_GROUP_WATCH (object);

  if (self->source != NULL)
    mg_source_set_sample_hook (self->source, NULL, NULL);
  g_clear_object (&self->source);
  if (self->scanner != NULL)
    g_clear_signal_handler (&self->updated_handler, self->scanner);
  g_clear_object (&self->scanner);
  g_clear_object (&self->walker);

  G_OBJECT_CLASS (mg_group_watch_parent_class)->dispose (object);
}

static void
mg_group_watch_finalize (GObject *object)
{
  MgGroupWatch *self = MG_GROUP_WATCH (object);

  g_clear_pointer (&self->limited, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_array_unref);
  g_clear_pointer (&self->oom_seen, g_hash_table_unref);
  g_clear_pointer (&self->victim, mg_group_free);
  for (guint i = 0; i < MG_GROUP_WATCH_LEAK_SLOTS; i++)
    g_free (self->slots[i].path);

  G_OBJECT_CLASS (mg_group_watch_parent_class)->finalize (object);
}

static void
mg_group_watch_class_init (MgGroupWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_group_watch_dispose;
  object_class->finalize = mg_group_watch_finalize;

  signals[SIGNAL_LIMIT_REACHED] =
    g_signal_new ("limit-reached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_DOUBLE);
  signals[SIGNAL_LIMIT_CLEARED] =
    g_signal_new ("limit-cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_GROUP_OOM] =
    g_signal_new ("group-oom", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT64);
  signals[SIGNAL_OOM_CULPRIT] =
    g_signal_new ("oom-culprit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT64);
  signals[SIGNAL_LEAK] =
    g_signal_new ("leak", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
mg_group_watch_init (MgGroupWatch *self)
{
  self->limit_percent = MG_GROUP_LIMIT_DEFAULT_PERCENT;
  self->watched = g_array_new (FALSE, TRUE, sizeof (Watched));
  g_array_set_clear_func (self->watched, watched_clear);
  /* The watched array owns the groups. */
  self->limited = g_ptr_array_new ();
  self->oom_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->credit_us = G_MININT64 / 2;
}

MgGroupWatch *
mg_group_watch_new (MgSource       *source,
                    MgGroupScanner *scanner,
                    MgGroupWalker  *walker)
{
  MgGroupWatch *self;

  g_return_val_if_fail (source == NULL || MG_IS_SOURCE (source), NULL);
  g_return_val_if_fail (MG_IS_GROUP_SCANNER (scanner), NULL);
  g_return_val_if_fail (MG_IS_GROUP_WALKER (walker), NULL);

  self = g_object_new (MG_TYPE_GROUP_WATCH, NULL);
  self->scanner = g_object_ref (scanner);
  self->walker = g_object_ref (walker);
  self->updated_handler = g_signal_connect (scanner, "updated", G_CALLBACK (on_updated), self);
  if (source != NULL)
    {
      self->source = g_object_ref (source);
      mg_source_set_sample_hook (source, on_sample_hook, self);
    }
  return self;
}
