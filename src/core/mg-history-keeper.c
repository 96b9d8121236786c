/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgHistoryKeeper: keeps a monitor's last hour in a state file across restarts; the
 * file's format and checks are mg-history-store's. */

#define G_LOG_DOMAIN "memgauge-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mg-history-keeper.h"
#include "mg-history-store.h"

struct _MgHistoryKeeper {
  GObject                 parent_instance;

  MgMonitor              *monitor;
  gulong                  sample_handler;
  char                   *path;

  /* Known from the first valid sample on; nothing is read or written before. */
  MgHistoryStoreIdentity  identity;
  gboolean                has_identity;
  /* On the monitor's clock; and whether a sample came since the last write. */
  gint64                  last_write_us;
  gboolean                changed;
  gboolean                writing;
  gboolean                told_write_failed;

  /* Writes happen one at a time, in the worker or on quit; each carries a generation,
   * and an older one never replaces a newer file. */
  GMutex                  write_lock;
  guint64                 generation;
  guint64                 written_generation;
};

G_DEFINE_FINAL_TYPE (MgHistoryKeeper, mg_history_keeper, G_TYPE_OBJECT)

static char *
read_machine_id (void)
{
  /* systemd's file, and D-Bus's older one on systems without systemd. */
  const char *paths[] = { "/etc/machine-id", "/var/lib/dbus/machine-id" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      char *contents = NULL;

      if (g_file_get_contents (paths[i], &contents, NULL, NULL))
        return contents;
    }

  return NULL;
}

/* The file, refused unless it is a regular file of at most the largest size the format
 * allows: a FIFO put there must not hang the start, nor a huge file fill memory. */
static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize length = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > MG_HISTORY_STORE_MAX_SIZE)
    {
      g_set_error (error, MG_HISTORY_STORE_ERROR, MG_HISTORY_STORE_ERROR_TOO_LARGE,
                   "not a regular file of at most %d bytes", MG_HISTORY_STORE_MAX_SIZE);
      close (fd);
      return NULL;
    }

  /* One byte more than allowed tells a file that grew since fstat. */
  data = g_malloc (MG_HISTORY_STORE_MAX_SIZE + 1);
  while (length < MG_HISTORY_STORE_MAX_SIZE + 1)
    {
      gssize n = read (fd, data + length, MG_HISTORY_STORE_MAX_SIZE + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s",
                       g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }
  close (fd);

  return g_bytes_new_take (g_steal_pointer (&data), length);
}

static gint64
wall_offset_us (void)
{
  /* Monotonic time stands still during suspend, so entries from before a suspend come
   * out later than they were: the graph, timed the same way, draws them there too. */
  return g_get_real_time () - g_get_monotonic_time ();
}

static void
tell_ignored (MgHistoryKeeper *self,
              const GError    *error)
{
  g_message ("Ignoring the saved memory history %s: %s", self->path,
             error != NULL ? error->message : "unreadable");
}

static void
restore (MgHistoryKeeper *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) entries = NULL;
  guint restored;

  bytes = read_file (self->path, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        tell_ignored (self, error);
      return;
    }

  if (!mg_history_store_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               &self->identity, wall_offset_us (), g_get_real_time (),
                               &entries, &error))
    {
      tell_ignored (self, error);
      return;
    }

  restored = mg_monitor_restore_history (self->monitor, (MgHistoryEntry *) entries->data,
                                         entries->len);
  g_debug ("Restored %u of %u entries of the last hour from %s", restored, entries->len,
           self->path);
}

static gboolean
write_file (MgHistoryKeeper  *self,
            GBytes           *bytes,
            guint64           generation,
            GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);
  g_autofree char *folder = g_path_get_dirname (self->path);

  if (generation <= self->written_generation)
    return TRUE;

  /* The history says when the user's machine was busy: theirs only. */
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (self->path, g_bytes_get_data (bytes, NULL),
                                 (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  self->written_generation = generation;
  return TRUE;
}

static void
tell_write_failed (MgHistoryKeeper *self,
                   const GError    *error)
{
  if (self->told_write_failed)
    return;
  self->told_write_failed = TRUE;
  g_message ("Cannot save the memory history to %s: %s", self->path, error->message);
}

/* What to write now; %NULL when nothing changed or this machine is not known yet. */
static GBytes *
take_snapshot (MgHistoryKeeper *self,
               guint64         *generation)
{
  const MgHistory *history = mg_monitor_get_history (self->monitor);

  if (!self->has_identity || !self->changed)
    return NULL;

  self->changed = FALSE;
  self->last_write_us = mg_history_get (history, 0)->time_us;
  *generation = ++self->generation;

  return mg_history_store_serialize (history, &self->identity, wall_offset_us (),
                                     g_get_real_time ());
}

typedef struct {
  GBytes  *bytes;
  guint64  generation;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (write_file (MG_HISTORY_KEEPER (source_object), job->bytes, job->generation, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MgHistoryKeeper *self = MG_HISTORY_KEEPER (object);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    tell_write_failed (self, error);
}

static void
write_soon (MgHistoryKeeper *self)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;
  GBytes *bytes;
  guint64 generation = 0;

  bytes = take_snapshot (self, &generation);
  if (bytes == NULL)
    return;
  job = g_new (WriteJob, 1);
  job->bytes = bytes;
  job->generation = generation;

  /* fsync can take long on a busy disk, which is when memory is short: not here. */
  self->writing = TRUE;
  task = g_task_new (self, NULL, on_written, NULL);
  g_task_set_source_tag (task, write_soon);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
on_sample_updated (MgMonitor       *monitor,
                   MgHistoryKeeper *self)
{
  const MgSample *sample = mg_monitor_get_sample (monitor);
  gint64 now_us;

  if (!self->has_identity)
    {
      g_autofree char *machine_id = NULL;

      if (sample == NULL)
        return;

      machine_id = read_machine_id ();
      mg_history_store_identity_init (&self->identity, machine_id, mg_sample_total_kib (sample));
      self->has_identity = TRUE;
      restore (self);
      self->last_write_us = mg_history_get (mg_monitor_get_history (monitor), 0)->time_us;
    }

  self->changed = TRUE;
  now_us = mg_history_get (mg_monitor_get_history (monitor), 0)->time_us;
  if (!self->writing && now_us - self->last_write_us >= MG_HISTORY_KEEPER_PERIOD_US)
    write_soon (self);
}

gboolean
mg_history_keeper_save (MgHistoryKeeper *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 generation = 0;

  g_return_val_if_fail (MG_IS_HISTORY_KEEPER (self), FALSE);

  /* The worker may not have started that write yet, and the process may end first: write
   * here; the worker's older generation is then skipped. */
  if (self->writing)
    self->changed = TRUE;
  bytes = take_snapshot (self, &generation);
  if (bytes == NULL)
    return TRUE;

  if (!write_file (self, bytes, generation, &error))
    {
      tell_write_failed (self, error);
      return FALSE;
    }

  g_debug ("Saved %" G_GSIZE_FORMAT " bytes of memory history to %s",
           g_bytes_get_size (bytes), self->path);
  return TRUE;
}

const char *
mg_history_keeper_get_path (MgHistoryKeeper *self)
{
  g_return_val_if_fail (MG_IS_HISTORY_KEEPER (self), NULL);

  return self->path;
}

static void
mg_history_keeper_dispose (GObject *object)
{
  MgHistoryKeeper *self = MG_HISTORY_KEEPER (object);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_history_keeper_parent_class)->dispose (object);
}

static void
mg_history_keeper_finalize (GObject *object)
{
  MgHistoryKeeper *self = MG_HISTORY_KEEPER (object);

  g_free (self->path);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (mg_history_keeper_parent_class)->finalize (object);
}

static void
mg_history_keeper_class_init (MgHistoryKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_history_keeper_dispose;
  object_class->finalize = mg_history_keeper_finalize;
}

static void
mg_history_keeper_init (MgHistoryKeeper *self)
{
  g_mutex_init (&self->write_lock);
}

MgHistoryKeeper *
mg_history_keeper_new (MgMonitor  *monitor,
                       const char *path)
{
  MgHistoryKeeper *self;

  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);

  self = g_object_new (MG_TYPE_HISTORY_KEEPER, NULL);
  self->monitor = g_object_ref (monitor);
  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_state_dir (), "memgauge", "history", NULL);
  self->sample_handler = g_signal_connect (monitor, "sample-updated",
                                           G_CALLBACK (on_sample_updated), self);

  return self;
}
