/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgCgroupWalker: reads the memory figures of every leaf control group below a root. */

#define G_LOG_DOMAIN "memgauge-cgroup"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "mg-cgroup-walker.h"
#include "mg-parse-cgroup.h"
#include "mg-parse-psi.h"

/* The largest file read is v1's memory.stat: 36 lines, 870 bytes on 6.18 for a group
 * with 70 MiB (the numbers grow to 20 digits at most: under 2 KiB). memory.events has
 * six counters, memory.pressure two lines of about 60 bytes. 8 KiB holds any of them
 * with room for new counters; a larger file is no kernel's and is refused. */
#define FILE_BUFFER_SIZE 8192
/* One getdents64 () batch per depth: a few dozen entries of a cgroup directory (its
 * files and children) each time; more simply take more calls. */
#define DENTS_BUFFER_SIZE 4096

G_DEFINE_QUARK (mg-cgroup-error-quark, mg_cgroup_error)

typedef enum {
  GROUP_MEMORY,
  GROUP_NOT_MEMORY,
  GROUP_VANISHED,
} GroupStatus;

/* The figures of the group being read, on the stack until it proves to be a leaf. */
typedef struct {
  guint32  present;
  gboolean limit_is_high;
  guint64  usage_kib;
  guint64  limit_kib;
  guint64  ancestor_limit_kib;
  guint64  swap_kib;
  guint64  oom_kills;
  double   pressure_some_avg10;
  GError  *error;
} Figures;

/* The fixed buffers of a walk. */
typedef struct {
  char    path[PATH_MAX];
  gsize   path_len;
  char    relative[PATH_MAX];
  char    buffer[FILE_BUFFER_SIZE + 1];
  /* guint64 for the alignment of struct dirent64. */
  guint64 dents[MG_CGROUP_MAX_DEPTH][DENTS_BUFFER_SIZE / sizeof (guint64)];
} Scratch;

struct _MgCgroupWalker {
  GObject         parent_instance;

  char           *root;
  MgCgroupLayout  layout;
  guint           n_vanished;

  /* Valid during a walk. */
  char           *memory_root;
  char           *unified_root;
  int             unified_fd;
  /* Allocated once with the walker (a GObject instance must stay under 64 KiB). */
  Scratch        *s;
};

static void mg_cgroup_walker_iface_init (MgGroupWalkerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MgCgroupWalker, mg_cgroup_walker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MG_TYPE_GROUP_WALKER,
                                                      mg_cgroup_walker_iface_init))

enum {
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reads @name below @dirfd into the buffer. Returns its length, or -errno. O_NONBLOCK:
 * a FIFO planted in a test root must not hang the walk. */
static gssize
read_at (MgCgroupWalker *self,
         int             dirfd,
         const char     *name)
{
  gsize total = 0;
  int fd;

  do
    fd = openat (dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return -errno;

  /* cgroupfs hands out the whole file in the first read; the loop is for test roots. */
  while (total < sizeof self->s->buffer)
    {
      ssize_t n = read (fd, self->s->buffer + total, sizeof self->s->buffer - total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return -saved_errno;
        }
      if (n == 0)
        break;
      total += (gsize) n;
    }
  close (fd);

  if (total > FILE_BUFFER_SIZE)
    return -EFBIG;
  return (gssize) total;
}

/* A file of a group is missing: is it just that file, or the whole group (removed since
 * its directory was opened: kernfs then has no files below the descriptor)? */
static gboolean
group_vanished (int fd)
{
  return faccessat (fd, "cgroup.procs", F_OK, 0) < 0 && errno == ENOENT;
}

static void
set_error (MgCgroupWalker *self,
           Figures        *figures,
           const char     *name,
           GError         *parse_error,
           int             errno_value)
{
  if (figures->error != NULL)
    {
      g_clear_error (&parse_error);
      return;
    }

  if (parse_error != NULL)
    {
      figures->error = parse_error;
      g_prefix_error (&figures->error, "%s%s: ", self->memory_root, self->s->path);
    }
  else if (errno_value == EFBIG)
    {
      g_autofree char *file = g_strconcat (self->memory_root, self->s->path, "/", name, NULL);

      g_set_error (&figures->error, MG_PROC_ERROR, MG_PROC_ERROR_TOO_LARGE,
                   _("%s is larger than %u KiB: not a kernel file"), file,
                   FILE_BUFFER_SIZE / 1024);
    }
  else
    g_set_error (&figures->error, G_IO_ERROR, g_io_error_from_errno (errno_value),
                 "%s%s/%s: %s", self->memory_root, self->s->path, name,
                 g_strerror (errno_value));
}

typedef enum {
  FILE_BYTES,
  FILE_LIMIT,
  FILE_OOM_KILLS,
  FILE_KEYED_SWAP,
  FILE_PRESSURE,
} FileKind;

/* Reads one file of the group into @value (and @has for limits and keys). Returns FALSE
 * when the figure is absent; sets *@vanished when the group is gone. */
static gboolean
read_figure (MgCgroupWalker *self,
             int             fd,
             const char     *name,
             FileKind        kind,
             Figures        *figures,
             guint64        *value,
             gboolean       *has,
             double         *avg10,
             gboolean       *vanished)
{
  GError *error = NULL;
  gssize len = read_at (self, fd, name);
  gboolean ok = FALSE;

  if (len == -ENOENT)
    {
      *vanished = group_vanished (fd);
      return FALSE;
    }
  if (len < 0)
    {
      set_error (self, figures, name, NULL, (int) -len);
      return FALSE;
    }

  switch (kind)
    {
    case FILE_BYTES:
      ok = mg_cgroup_parse_bytes (self->s->buffer, (gsize) len, name, value, &error);
      break;
    case FILE_LIMIT:
      ok = mg_cgroup_parse_limit (self->s->buffer, (gsize) len, name, has, value, &error);
      break;
    case FILE_OOM_KILLS:
      ok = mg_cgroup_parse_keyed (self->s->buffer, (gsize) len, name, "oom_kill", has, value,
                                  &error);
      break;
    case FILE_KEYED_SWAP:
      ok = mg_cgroup_parse_keyed (self->s->buffer, (gsize) len, name, "total_swap", has, value,
                                  &error);
      break;
    case FILE_PRESSURE:
      {
        MgPsi psi;

        ok = mg_proc_parse_psi_named (self->s->buffer, (gsize) len, name, &psi, &error);
        if (ok)
          *avg10 = psi.some.avg10;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      set_error (self, figures, name, error, 0);
      return FALSE;
    }
  return TRUE;
}

/* The pressure of a v1 group on a hybrid system lives at the same path in unified/. */
static void
read_hybrid_pressure (MgCgroupWalker *self,
                      Figures        *figures)
{
  GError *error = NULL;
  gssize len;
  MgPsi psi;
  int written;

  written = g_snprintf (self->s->relative, sizeof self->s->relative, "%s/memory.pressure",
                        self->s->path + 1);
  if (written < 0 || (gsize) written >= sizeof self->s->relative)
    return;

  len = read_at (self, self->unified_fd, self->s->relative);
  if (len == -ENOENT || len == -ENOTDIR)
    return;
  if (len < 0)
    {
      set_error (self, figures, "memory.pressure", NULL, (int) -len);
      return;
    }
  if (!mg_proc_parse_psi_named (self->s->buffer, (gsize) len, "memory.pressure", &psi,
                                &error))
    {
      set_error (self, figures, "memory.pressure", error, 0);
      return;
    }
  figures->pressure_some_avg10 = psi.some.avg10;
  figures->present |= MG_GROUP_HAS_PRESSURE;
}

static GroupStatus
read_group (MgCgroupWalker *self,
            int             fd,
            Figures        *figures)
{
  gboolean v2 = self->layout == MG_CGROUP_LAYOUT_V2;
  gboolean vanished = FALSE;
  gboolean has = FALSE;
  guint64 bytes = 0;
  gboolean probe;
  gboolean max_read;

  /* Usage decides whether the memory controller is on for this group at all (v2 shows
   * memory.* files only where the parent's cgroup.subtree_control enables it). */
  probe = read_figure (self, fd, v2 ? "memory.current" : "memory.usage_in_bytes",
                       FILE_BYTES, figures, &bytes, NULL, NULL, &vanished);
  if (vanished)
    return GROUP_VANISHED;
  if (probe)
    {
      figures->usage_kib = bytes / 1024;
      figures->present |= MG_GROUP_HAS_USAGE;
    }
  else if (figures->error == NULL)
    {
      return GROUP_NOT_MEMORY;
    }

  max_read = read_figure (self, fd, v2 ? "memory.max" : "memory.limit_in_bytes", FILE_LIMIT,
                          figures, &bytes, &has, NULL, &vanished);
  if (max_read && has)
    {
      figures->limit_kib = bytes / 1024;
      figures->present |= MG_GROUP_HAS_LIMIT;
    }
  if (vanished)
    return GROUP_VANISHED;

  /* memory.high throttles instead of killing, but it is where systemd's MemoryHigh= and
   * podman's --memory-reservation put a group's ceiling. Not when memory.max could not
   * be read: that limit is unknown, and a higher one in memory.high would be wrong. */
  if (v2 && max_read && !(figures->present & MG_GROUP_HAS_LIMIT) &&
      read_figure (self, fd, "memory.high", FILE_LIMIT, figures, &bytes, &has, NULL,
                   &vanished) && has)
    {
      figures->limit_kib = bytes / 1024;
      figures->limit_is_high = TRUE;
      figures->present |= MG_GROUP_HAS_LIMIT;
    }
  if (vanished)
    return GROUP_VANISHED;

  /* Swap: v2 counts it apart. v1's memory.memsw.usage_in_bytes counts memory and swap
   * together, and subtracting usage_in_bytes read a moment earlier gives a few KiB of
   * "swap" on machines without any (seen on 6.18: 20 KiB with no swap device); v1's
   * memory.stat has the group's swap itself, `total_swap` (with its descendants, which
   * a leaf has none of). Both are missing without swap accounting (swapaccount=0). */
  if (v2)
    {
      if (read_figure (self, fd, "memory.swap.current", FILE_BYTES, figures, &bytes, NULL,
                       NULL, &vanished))
        {
          figures->swap_kib = bytes / 1024;
          figures->present |= MG_GROUP_HAS_SWAP;
        }
    }
  else if (read_figure (self, fd, "memory.stat", FILE_KEYED_SWAP, figures, &bytes, &has,
                        NULL, &vanished) && has)
    {
      figures->swap_kib = bytes / 1024;
      figures->present |= MG_GROUP_HAS_SWAP;
    }
  if (vanished)
    return GROUP_VANISHED;

  if (read_figure (self, fd, v2 ? "memory.events" : "memory.oom_control", FILE_OOM_KILLS,
                   figures, &bytes, &has, NULL, &vanished) && has)
    {
      figures->oom_kills = bytes;
      figures->present |= MG_GROUP_HAS_OOM_KILLS;
    }
  if (vanished)
    return GROUP_VANISHED;

  if (v2)
    {
      double avg10 = 0.0;

      if (read_figure (self, fd, "memory.pressure", FILE_PRESSURE, figures, NULL, NULL,
                       &avg10, &vanished))
        {
          figures->pressure_some_avg10 = avg10;
          figures->present |= MG_GROUP_HAS_PRESSURE;
        }
      if (vanished)
        return GROUP_VANISHED;
    }
  else if (self->unified_fd >= 0)
    {
      read_hybrid_pressure (self, figures);
    }

  return GROUP_MEMORY;
}

static void
add_leaf (MgCgroupWalker *self,
          Figures        *figures,
          GPtrArray      *groups)
{
  MgGroup *group = mg_group_new (self->s->path);

  group->present = figures->present;
  group->limit_is_high = figures->limit_is_high;
  group->usage_kib = figures->usage_kib;
  group->limit_kib = figures->limit_kib;
  group->ancestor_limit_kib = figures->ancestor_limit_kib;
  group->swap_kib = figures->swap_kib;
  group->oom_kills = figures->oom_kills;
  group->pressure_some_avg10 = figures->pressure_some_avg10;
  group->procs_path = g_strconcat (self->memory_root, self->s->path, "/cgroup.procs", NULL);
  if (self->layout == MG_CGROUP_LAYOUT_V2)
    group->kill_path = g_strconcat (self->memory_root, self->s->path, "/cgroup.kill", NULL);
  else if (self->unified_root != NULL)
    group->kill_path = g_strconcat (self->unified_root, self->s->path, "/cgroup.kill", NULL);
  if (figures->error != NULL)
    group->error = g_strdup (figures->error->message);

  g_ptr_array_add (groups, group);
}

/* Walks the children of the group open at @fd. Returns how many of them carry memory,
 * or -1 when cancelled. Recursion is bounded by MG_CGROUP_MAX_DEPTH. */
static gint
walk_children (MgCgroupWalker *self, /* NOLINT(misc-no-recursion) */
               int             fd,
               guint           depth,
               gboolean        has_ancestor_limit,
               guint64         ancestor_limit_kib,
               GPtrArray      *groups,
               GCancellable   *cancellable)
{
  char *dents = (char *) self->s->dents[depth];
  gint n_memory = 0;

  for (;;)
    {
      ssize_t n = getdents64 (fd, dents, DENTS_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      /* An error here is the directory going away under us: it has no more children. */
      if (n <= 0)
        break;

      for (ssize_t offset = 0; offset < n;)
        {
          const struct dirent64 *entry = (const struct dirent64 *) (dents + offset);
          const char *name = entry->d_name;
          gsize saved_len = self->s->path_len;
          gsize name_len;
          Figures figures = { 0 };
          GroupStatus status;
          int child;

          offset += entry->d_reclen;
          if (entry->d_type != DT_DIR && entry->d_type != DT_UNKNOWN)
            continue;
          if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
          if (g_cancellable_is_cancelled (cancellable))
            return -1;

          name_len = strlen (name);
          if (saved_len + 1 + name_len >= sizeof self->s->path)
            continue;

          /* O_NOFOLLOW: cgroupfs has no links; one in a test root is not a group. */
          child = openat (fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
          if (child < 0)
            {
              if (errno == ENOENT)
                self->n_vanished++;
              continue;
            }

          self->s->path[saved_len] = '/';
          memcpy (self->s->path + saved_len + 1, name, name_len + 1);
          self->s->path_len = saved_len + 1 + name_len;

          status = read_group (self, child, &figures);
          if (status == GROUP_VANISHED)
            self->n_vanished++;
          if (status == GROUP_MEMORY)
            {
              gboolean has_limit = has_ancestor_limit;
              guint64 limit_kib = ancestor_limit_kib;
              gint n_children = 0;

              n_memory++;
              if (has_ancestor_limit)
                {
                  figures.ancestor_limit_kib = ancestor_limit_kib;
                  figures.present |= MG_GROUP_HAS_ANCESTOR_LIMIT;
                }
              if ((figures.present & MG_GROUP_HAS_LIMIT) &&
                  (!has_limit || figures.limit_kib < limit_kib))
                {
                  has_limit = TRUE;
                  limit_kib = figures.limit_kib;
                }

              if (depth + 1 < MG_CGROUP_MAX_DEPTH)
                n_children = walk_children (self, child, depth + 1, has_limit, limit_kib,
                                            groups, cancellable);
              if (n_children < 0)
                {
                  g_clear_error (&figures.error);
                  close (child);
                  return -1;
                }
              if (n_children == 0)
                add_leaf (self, &figures, groups);
            }

          g_clear_error (&figures.error);
          self->s->path_len = saved_len;
          self->s->path[saved_len] = '\0';
          close (child);
        }
    }

  return n_memory;
}

static gboolean
has_memory_controller (MgCgroupWalker *self,
                       int             fd)
{
  gssize len = read_at (self, fd, "cgroup.controllers");

  return len >= 0 && mg_cgroup_parse_controllers (self->s->buffer, (gsize) len, "memory");
}

static int
open_dir_at (int         fd,
             const char *name)
{
  return openat (fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Finds the layout below the root; returns the memory hierarchy's descriptor. */
static int
find_layout (MgCgroupWalker  *self,
             int              root_fd,
             GError         **error)
{
  int memory_fd;
  int unified_fd;

  if (has_memory_controller (self, root_fd))
    {
      self->layout = MG_CGROUP_LAYOUT_V2;
      self->memory_root = g_strdup (self->root);
      return dup (root_fd);
    }

  unified_fd = open_dir_at (root_fd, "unified");
  memory_fd = open_dir_at (root_fd, "memory");
  if (memory_fd >= 0 && faccessat (memory_fd, "memory.usage_in_bytes", F_OK, 0) == 0)
    {
      self->memory_root = g_build_filename (self->root, "memory", NULL);
      if (unified_fd >= 0 && faccessat (unified_fd, "cgroup.controllers", F_OK, 0) == 0)
        {
          self->layout = MG_CGROUP_LAYOUT_HYBRID;
          self->unified_root = g_build_filename (self->root, "unified", NULL);
          self->unified_fd = unified_fd;
        }
      else
        {
          self->layout = MG_CGROUP_LAYOUT_V1;
          if (unified_fd >= 0)
            close (unified_fd);
        }
      return memory_fd;
    }
  if (memory_fd >= 0)
    close (memory_fd);

  /* systemd's hybrid mode with the memory controller moved to the unified side. */
  if (unified_fd >= 0 && has_memory_controller (self, unified_fd))
    {
      self->layout = MG_CGROUP_LAYOUT_V2;
      self->memory_root = g_build_filename (self->root, "unified", NULL);
      return unified_fd;
    }
  if (unified_fd >= 0)
    close (unified_fd);

  self->layout = MG_CGROUP_LAYOUT_UNKNOWN;
  g_set_error (error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_MEMORY_CONTROLLER,
               /* Translators: %s is a folder such as /sys/fs/cgroup */
               _("No memory controller below %s: neither cgroup v2 with “memory” in "
                 "cgroup.controllers nor a cgroup v1 “memory” hierarchy"), self->root);
  return -1;
}

static gboolean
mg_cgroup_walker_walk (MgGroupWalker  *walker,
                       GPtrArray      *groups,
                       GCancellable   *cancellable,
                       GError        **error)
{
  MgCgroupWalker *self = MG_CGROUP_WALKER (walker);
  guint first = groups->len;
  gint found = 0;
  int root_fd;
  int memory_fd;

  self->n_vanished = 0;
  self->unified_fd = -1;
  g_clear_pointer (&self->memory_root, g_free);
  g_clear_pointer (&self->unified_root, g_free);

  root_fd = open (self->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0)
    {
      int saved_errno = errno;

      self->layout = MG_CGROUP_LAYOUT_UNKNOWN;
      g_set_error (error, MG_CGROUP_ERROR, MG_CGROUP_ERROR_NO_HIERARCHY,
                   "%s: %s", self->root, g_strerror (saved_errno));
      return FALSE;
    }

  memory_fd = find_layout (self, root_fd, error);
  close (root_fd);
  if (memory_fd < 0)
    return FALSE;

  self->s->path[0] = '\0';
  self->s->path_len = 0;
  /* The root group itself is the whole machine: only its descendants are groups. */
  found = walk_children (self, memory_fd, 0, FALSE, 0, groups, cancellable);
  close (memory_fd);
  if (self->unified_fd >= 0)
    close (self->unified_fd);
  self->unified_fd = -1;

  if (found < 0)
    {
      g_ptr_array_remove_range (groups, first, groups->len - first);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  return TRUE;
}

static void
mg_cgroup_walker_iface_init (MgGroupWalkerInterface *iface)
{
  iface->walk = mg_cgroup_walker_walk;
}

const char *
mg_cgroup_walker_get_root (MgCgroupWalker *self)
{
  g_return_val_if_fail (MG_IS_CGROUP_WALKER (self), NULL);

  return self->root;
}

MgCgroupLayout
mg_cgroup_walker_get_layout (MgCgroupWalker *self)
{
  g_return_val_if_fail (MG_IS_CGROUP_WALKER (self), MG_CGROUP_LAYOUT_UNKNOWN);

  return self->layout;
}

guint
mg_cgroup_walker_get_n_vanished (MgCgroupWalker *self)
{
  g_return_val_if_fail (MG_IS_CGROUP_WALKER (self), 0);

  return self->n_vanished;
}

static void
mg_cgroup_walker_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MgCgroupWalker *self = MG_CGROUP_WALKER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      {
        const char *root = g_value_get_string (value);

        g_free (self->root);
        self->root = g_strdup (root != NULL && root[0] != '\0' ? root : "/sys/fs/cgroup");
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_cgroup_walker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MgCgroupWalker *self = MG_CGROUP_WALKER (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_cgroup_walker_finalize (GObject *object)
{
  MgCgroupWalker *self = MG_CGROUP_WALKER (object);

  g_free (self->root);
  g_free (self->memory_root);
  g_free (self->unified_root);
  g_free (self->s);

  G_OBJECT_CLASS (mg_cgroup_walker_parent_class)->finalize (object);
}

static void
mg_cgroup_walker_class_init (MgCgroupWalkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = mg_cgroup_walker_set_property;
  object_class->get_property = mg_cgroup_walker_get_property;
  object_class->finalize = mg_cgroup_walker_finalize;

  properties[PROP_ROOT] =
    g_param_spec_string ("root", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_cgroup_walker_init (MgCgroupWalker *self)
{
  self->root = g_strdup ("/sys/fs/cgroup");
  self->unified_fd = -1;
  self->s = g_new0 (Scratch, 1);
}

MgGroupWalker *
mg_cgroup_walker_new (const char *root)
{
  return g_object_new (MG_TYPE_CGROUP_WALKER, "root", root, NULL);
}
