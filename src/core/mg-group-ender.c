/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-ender: ends every process of a control group of the user's own, or one process
 * of the user's, or says why not. */

#define G_LOG_DOMAIN "memgauge-group-ender"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "mg-env.h"
#include "mg-group-ender.h"

/* How often the grace looks whether what was sent SIGTERM is gone, so that the end
 * completes (and the list scans again) as soon as it is, not only after the grace. */
#define END_POLL_MS 100

G_DEFINE_QUARK (mg-group-end-error-quark, mg_group_end_error)

/* Leaves whose end is the end of the desktop: its shell or compositor, display manager,
 * message bus and login service, as systemd and the desktops name their units. */
static const char *const session_units[] = {
  "dbus.service", "dbus-broker.service", "dbus.socket", "systemd-logind.service",
  "init.scope", "gdm.service", "display-manager.service", "sddm.service",
  "lightdm.service",
};
static const char *const shell_words[] = {
  "org.gnome.Shell", "gnome-shell", "gnome-session", "kwin_wayland", "kwin_x11",
  "plasma-kwin", "plasmashell", "Xwayland", "xdg-desktop-portal",
};

/* Processes whose end is the end of the desktop, by their comm (at most 15 bytes), beyond
 * those the shell words above name: the user's service manager, the message bus, the X
 * server and the login services. */
static const char *const session_commands[] = {
  "systemd", "dbus-daemon", "dbus-broker", "dbus-broker-lau", "Xorg", "X", "login",
  "sshd", "gdm-session-wor", "gdm-wayland-ses", "gdm-x-session", "sddm-helper",
  "lightdm", "systemd-logind", "xfce4-session", "ksmserver", "sway", "mutter",
};

gboolean
mg_process_is_session (guint32     pid,
                       const char *comm)
{
  g_return_val_if_fail (comm != NULL, TRUE);

  /* init: the machine's first process. */
  if (pid <= 1)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (session_commands); i++)
    if (g_str_equal (comm, session_commands[i]))
      return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (shell_words); i++)
    if (strstr (comm, shell_words[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
mg_group_is_session (const char *path)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  const char *leaf;
  const char *parent;

  g_return_val_if_fail (path != NULL, TRUE);

  parts = g_strsplit (path, "/", -1);
  n = g_strv_length (parts);
  /* The root group is the whole machine. */
  if (n == 0 || parts[n - 1][0] == '\0')
    return TRUE;
  leaf = parts[n - 1];
  parent = n > 1 ? parts[n - 2] : "";

  if (g_str_has_prefix (leaf, "session-") && g_str_has_suffix (leaf, ".scope"))
    return TRUE;
  /* The user's service manager itself, or its own group below it (systemd 247+). */
  if (g_str_has_prefix (leaf, "user@") && g_str_has_suffix (leaf, ".service"))
    return TRUE;
  if (g_str_equal (leaf, "init.scope") && g_str_has_prefix (parent, "user@"))
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (session_units); i++)
    if (g_str_equal (leaf, session_units[i]))
      return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (shell_words); i++)
    if (strstr (leaf, shell_words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The pids of cgroup.procs, or %NULL with @error set. */
static GArray *
read_pids (const char  *procs_path,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_auto(GStrv) lines = NULL;

  if (procs_path == NULL || !g_file_get_contents (procs_path, &text, NULL, &local_error))
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_UNREADABLE,
                   /* Translators: %s says why, such as "No such file or directory" */
                   _("Cannot list its processes: %s"),
                   local_error != NULL ? local_error->message : "no cgroup.procs");
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 value;
      pid_t pid;

      if (lines[i][0] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (lines[i], 10, 1, G_MAXINT32, &value, NULL))
        {
          g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_UNREADABLE,
                       _("Cannot list its processes: %s holds “%s”, not a process ID"),
                       procs_path, lines[i]);
          return NULL;
        }
      pid = (pid_t) value;
      g_array_append_val (pids, pid);
    }

  return g_steal_pointer (&pids);
}

/* The owner of a process is the owner of its /proc folder (its effective user). */
static gboolean
owner_of (pid_t  pid,
          uid_t *uid)
{
  char path[32];
  struct stat st;

  g_snprintf (path, sizeof path, "/proc/%d", (int) pid);
  if (stat (path, &st) < 0)
    return FALSE;
  *uid = st.st_uid;
  return TRUE;
}

static GArray *
check (const char  *path,
       const char  *procs_path,
       GError     **error)
{
  g_autoptr(GArray) pids = NULL;
  pid_t self = getpid ();
  uid_t user = getuid ();

  if (mg_group_is_session (path))
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SESSION,
                   _("It holds your session or the desktop itself: ending it would log "
                     "you out."));
      return NULL;
    }

  pids = read_pids (procs_path, error);
  if (pids == NULL)
    return NULL;
  if (pids->len == 0)
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_EMPTY,
                   _("It has no processes left."));
      return NULL;
    }

  for (guint i = 0; i < pids->len; i++)
    {
      pid_t pid = g_array_index (pids, pid_t, i);
      uid_t owner;

      if (pid == self)
        {
          g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SELF,
                       _("MemGauge itself runs in it."));
          return NULL;
        }
      /* A process that is gone since the list was read is no one's. */
      if (owner_of (pid, &owner) && owner != user)
        {
          g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_OTHER_USER,
                       /* Translators: %d is a process ID */
                       _("Process %d in it belongs to another user."), (int) pid);
          return NULL;
        }
    }

  return g_steal_pointer (&pids);
}

gboolean
mg_group_end_check (const MgGroup  *group,
                    guint          *n_processes,
                    GError        **error)
{
  g_autoptr(GArray) pids = NULL;

  g_return_val_if_fail (group != NULL, FALSE);

  pids = check (group->path, group->procs_path, error);
  if (n_processes != NULL)
    *n_processes = pids != NULL ? pids->len : 0;
  return pids != NULL;
}

typedef struct {
  char    *path;
  char    *procs_path;
  /* A single process instead of a group: its pid and start time. */
  guint32  pid;
  guint64  start_time;
  gint64   deadline_us;
  guint    timeout_id;
  guint    n_killed;
} EndData;

static void
end_data_free (gpointer data)
{
  EndData *end = data;

  g_clear_handle_id (&end->timeout_id, g_source_remove);
  g_free (end->path);
  g_free (end->procs_path);
  g_free (end);
}

/* cgroup.kill (Linux 5.14) ends every process of the group and of its descendants at
 * once, with SIGKILL, and no process can escape by forking meanwhile. */
static gboolean
write_kill (const char *kill_path)
{
  ssize_t written;
  int fd;

  if (kill_path == NULL || access (kill_path, W_OK) < 0)
    return FALSE;
  fd = open (kill_path, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    return FALSE;
  do
    written = write (fd, "1", 1);
  while (written < 0 && errno == EINTR);
  close (fd);
  return written == 1;
}

/* /proc/PID/stat of the real /proc, whatever root the lists read: signals go to real
 * pids. %FALSE when it is gone. */
static gboolean
read_stat (guint32        pid,
           MgProcessStat *stat)
{
  char path[32];
  g_autofree char *text = NULL;

  g_snprintf (path, sizeof path, "/proc/%u/stat", pid);
  return g_file_get_contents (path, &text, NULL, NULL) && mg_process_parse_stat (text, stat);
}

/* Still there: the same process (not a later one with its pid), and not a zombie, which
 * has freed its memory and only waits for its parent. */
static gboolean
is_running (guint32 pid,
            guint64 start_time)
{
  MgProcessStat stat;

  return read_stat (pid, &stat) && stat.start_time == start_time && stat.state != 'Z';
}

/* What of the target is left: the group's processes but zombies, or the one process. */
static GArray *
remaining (EndData *end)
{
  GArray *left = g_array_new (FALSE, FALSE, sizeof (pid_t));

  if (end->procs_path != NULL)
    {
      g_autoptr(GArray) pids = read_pids (end->procs_path, NULL);

      for (guint i = 0; pids != NULL && i < pids->len; i++)
        {
          pid_t pid = g_array_index (pids, pid_t, i);
          MgProcessStat stat;

          if (read_stat ((guint32) pid, &stat) && stat.state != 'Z')
            g_array_append_val (left, pid);
        }
    }
  else if (is_running (end->pid, end->start_time))
    {
      pid_t pid = (pid_t) end->pid;

      g_array_append_val (left, pid);
    }
  return left;
}

static gboolean
on_grace_tick (gpointer user_data)
{
  GTask *task = G_TASK (user_data);
  EndData *end = g_task_get_task_data (task);
  g_autoptr(GArray) pids = NULL;
  uid_t user = getuid ();

  if (g_task_return_error_if_cancelled (task))
    {
      end->timeout_id = 0;
      return G_SOURCE_REMOVE;
    }

  pids = remaining (end);
  if (pids->len > 0 && g_get_monotonic_time () < end->deadline_us)
    return G_SOURCE_CONTINUE;
  end->timeout_id = 0;

  /* What is still there gets SIGKILL: only the user's own, never MemGauge. */
  for (guint i = 0; i < pids->len; i++)
    {
      pid_t pid = g_array_index (pids, pid_t, i);
      uid_t owner;

      if (pid != getpid () && owner_of (pid, &owner) && owner == user &&
          kill (pid, SIGKILL) == 0)
        end->n_killed++;
    }

  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

/* A GLib timeout, not a sleep: the grace runs on the main loop, which goes on. */
static void
start_grace (GTask   *task,
             EndData *end)
{
  end->deadline_us = g_get_monotonic_time () +
    (gint64) mg_env_get_end_grace_ms (MG_GROUP_END_GRACE_MS) * 1000;
  end->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, END_POLL_MS, on_grace_tick,
                                        g_object_ref (task), g_object_unref);
  g_source_set_name_by_id (end->timeout_id, "[memgauge] end: SIGKILL after the grace");
}

void
mg_group_end_async (const MgGroup       *group,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) pids = NULL;
  GError *error = NULL;
  EndData *end;

  g_return_if_fail (group != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_group_end_async);
  end = g_new0 (EndData, 1);
  end->path = g_strdup (group->path);
  end->procs_path = g_strdup (group->procs_path);
  g_task_set_task_data (task, end, end_data_free);

  pids = check (group->path, group->procs_path, &error);
  if (pids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (write_kill (group->kill_path))
    {
      g_debug ("Ended %s through cgroup.kill", group->path);
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (guint i = 0; i < pids->len; i++)
    {
      pid_t pid = g_array_index (pids, pid_t, i);

      if (kill (pid, SIGTERM) < 0 && errno == EPERM)
        {
          g_task_return_new_error (task, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_NOT_PERMITTED,
                                   /* Translators: %d is a process ID */
                                   _("You may not end process %d in it."), (int) pid);
          return;
        }
    }

  start_grace (task, end);
}

/* In a login session's scope, most processes are the person's commands and may end; its
 * leader (the login shell, the session's worker) ends the session. Elsewhere the groups'
 * rule decides: a process of the user's manager, the bus or the shell is the desktop. */
static gboolean
in_session_group (guint32              pid,
                  const MgProcessStat *stat)
{
  char path[32];
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_snprintf (path, sizeof path, "/proc/%u/cgroup", pid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* "hierarchy-ID:controllers:path" */
      const char *group = strchr (lines[i], ':');
      const char *leaf;

      group = group != NULL ? strchr (group + 1, ':') : NULL;
      if (group == NULL || g_str_equal (group + 1, "/"))
        continue;
      group++;
      leaf = strrchr (group, '/');
      leaf = leaf != NULL ? leaf + 1 : group;
      if (g_str_has_prefix (leaf, "session-") && g_str_has_suffix (leaf, ".scope"))
        {
          if (stat->session == pid)
            return TRUE;
        }
      else if (mg_group_is_session (group))
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_process (guint32   pid,
               guint64   start_time,
               GError  **error)
{
  MgProcessStat stat;
  uid_t owner;

  if (!read_stat (pid, &stat) || stat.start_time != start_time || stat.state == 'Z')
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_EMPTY,
                   _("It is no longer running."));
      return FALSE;
    }
  if (pid == (guint32) getpid ())
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SELF,
                   _("It is MemGauge itself."));
      return FALSE;
    }
  if (mg_process_is_session (pid, stat.comm) || in_session_group (pid, &stat))
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_SESSION,
                   _("It is part of your session or of the desktop itself: ending it would "
                     "log you out."));
      return FALSE;
    }
  if (!owner_of ((pid_t) pid, &owner) || owner != getuid ())
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_OTHER_USER,
                   _("It belongs to another user."));
      return FALSE;
    }
  return TRUE;
}

gboolean
mg_process_end_offered (const MgProcessUsage *usage)
{
  g_return_val_if_fail (usage != NULL, FALSE);

  return usage->has_uid && usage->uid == (guint32) getuid () && usage->has_start_time &&
         usage->pid != (guint32) getpid () && !mg_process_is_session (usage->pid, usage->name);
}

gboolean
mg_process_end_check (const MgProcessUsage  *usage,
                      GError               **error)
{
  g_return_val_if_fail (usage != NULL, FALSE);

  if (!usage->has_start_time)
    {
      g_set_error (error, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_EMPTY,
                   _("It is no longer running."));
      return FALSE;
    }
  return check_process (usage->pid, usage->start_time, error);
}

void
mg_process_end_async (const MgProcessUsage *usage,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  EndData *end;

  g_return_if_fail (usage != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_group_end_async);
  end = g_new0 (EndData, 1);
  end->path = g_strdup (usage->name);
  end->pid = usage->pid;
  end->start_time = usage->start_time;
  g_task_set_task_data (task, end, end_data_free);

  if (!mg_process_end_check (usage, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (kill ((pid_t) usage->pid, SIGTERM) < 0)
    {
      if (errno == ESRCH)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, MG_GROUP_END_ERROR, MG_GROUP_END_ERROR_NOT_PERMITTED,
                                 _("You may not end it."));
      return;
    }
  start_grace (task, end);
}

gboolean
mg_group_end_finish (GAsyncResult  *result,
                     guint         *n_killed,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (n_killed != NULL)
    *n_killed = ((EndData *) g_task_get_task_data (G_TASK (result)))->n_killed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
