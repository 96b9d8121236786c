/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPsiTrigger: a kernel PSI trigger on pressure/memory that wakes the monitor when stalls start. */

#define G_LOG_DOMAIN "memgauge-psi-trigger"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "mg-psi-trigger.h"

/* linux/magic.h: the file system type of /proc. A pressure file elsewhere (a test's copy
 * of /proc) is a plain file: writing a trigger into it would only change the copy. */
#define MG_PROC_SUPER_MAGIC 0x9fa0

struct _MgPsiTrigger {
  int              fd;
  guint            watch_id;
  guint            n_events;
  MgPsiTriggerFunc func;
  gpointer         user_data;
};

static void
drop (MgPsiTrigger *trigger)
{
  g_clear_handle_id (&trigger->watch_id, g_source_remove);
  if (trigger->fd >= 0)
    g_close (trigger->fd, NULL);
  trigger->fd = -1;
}

static gboolean
on_event (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  MgPsiTrigger *trigger = user_data;

  /* The kernel reports POLLERR when the file goes away (a removed cgroup); a descriptor
   * in error polls ready forever, so watching on would spin: drop the trigger, and the
   * clock samples as before. */
  if (condition & (G_IO_ERR | G_IO_HUP | G_IO_NVAL))
    {
      g_debug ("PSI trigger dropped: its descriptor reports an error");
      trigger->watch_id = 0;
      drop (trigger);
      return G_SOURCE_REMOVE;
    }

  trigger->n_events++;
  trigger->func (trigger->user_data);

  return G_SOURCE_CONTINUE;
}

MgPsiTrigger *
mg_psi_trigger_new_for_fd (int               fd,
                           MgPsiTriggerFunc  func,
                           gpointer          user_data)
{
  MgPsiTrigger *trigger;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  trigger = g_new0 (MgPsiTrigger, 1);
  trigger->fd = fd;
  trigger->func = func;
  trigger->user_data = user_data;
  trigger->watch_id = g_unix_fd_add (fd, G_IO_PRI | G_IO_ERR | G_IO_HUP, on_event, trigger);
  g_source_set_name_by_id (trigger->watch_id, "[memgauge] PSI trigger");

  return trigger;
}

MgPsiTrigger *
mg_psi_trigger_new (const char       *proc_root,
                    const char       *spec,
                    MgPsiTriggerFunc  func,
                    gpointer          user_data)
{
  g_autofree char *path = NULL;
  struct statfs fs;
  gssize written;
  int fd;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  path = g_build_filename (proc_root != NULL ? proc_root : "/proc", "pressure", "memory",
                           NULL);
  fd = g_open (path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_debug ("No PSI trigger: cannot open %s: %s", path, g_strerror (errno));
      return NULL;
    }

  if (fstatfs (fd, &fs) != 0 || fs.f_type != MG_PROC_SUPER_MAGIC)
    {
      g_debug ("No PSI trigger: %s is not the kernel's", path);
      g_close (fd, NULL);
      return NULL;
    }

  /* One write with the terminating NUL, as the kernel's documentation does
   * (Documentation/accounting/psi.rst); EINVAL for a window it does not take, EACCES or
   * EPERM where unprivileged triggers are not allowed, EBUSY for a second trigger. */
  do
    written = write (fd, spec, strlen (spec) + 1);
  while (written < 0 && errno == EINTR);
  if (written < 0)
    {
      g_debug ("No PSI trigger: %s refused “%s”: %s", path, spec, g_strerror (errno));
      g_close (fd, NULL);
      return NULL;
    }

  g_debug ("PSI trigger armed on %s: %s", path, spec);
  return mg_psi_trigger_new_for_fd (fd, func, user_data);
}

gboolean
mg_psi_trigger_is_armed (const MgPsiTrigger *trigger)
{
  g_return_val_if_fail (trigger != NULL, FALSE);

  return trigger->fd >= 0;
}

guint
mg_psi_trigger_get_n_events (const MgPsiTrigger *trigger)
{
  g_return_val_if_fail (trigger != NULL, 0);

  return trigger->n_events;
}

void
mg_psi_trigger_free (MgPsiTrigger *trigger)
{
  if (trigger == NULL)
    return;

  drop (trigger);
  g_free (trigger);
}
