/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgCgroupWalker: reads the memory figures of every leaf control group below a root. */

#define G_LOG_DOMAIN "memgauge-cgroup"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mg-cgroup-counters.h"
#include "mg-cgroup-files.h"
#include "mg-cgroup-walker.h"
#include "mg-parse-cgroup.h"

/* One getdents64 () batch per depth: a few dozen entries of a cgroup directory (its
 * files and children) each time; more simply take more calls. */
#define DENTS_BUFFER_SIZE 4096

G_DEFINE_QUARK (mg-cgroup-error-quark, mg_cgroup_error)

/* The fixed buffers of a walk. */
typedef struct {
  MgCgroupFiles files;
  char          path[PATH_MAX];
  gsize         path_len;
  char          prefix[NAME_MAX + 2];
  /* guint64 for the alignment of struct dirent64. */
  guint64       dents[MG_CGROUP_MAX_DEPTH][DENTS_BUFFER_SIZE / sizeof (guint64)];
} Scratch;

struct _MgCgroupWalker {
  GObject         parent_instance;

  char           *root;
  guint           n_detailed;
  MgCgroupLayout  layout;
  guint           n_vanished;

  /* Valid during a walk. */
  char           *memory_root;
  char           *unified_root;
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
  PROP_N_DETAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_leaf (MgCgroupWalker *self,
          const MgGroup  *figures,
          GPtrArray      *groups)
{
  MgGroup *group = mg_group_new (self->s->path);

  group->present = figures->present;
  group->usage_kib = figures->usage_kib;
  group->limit_kib = figures->limit_kib;
  group->ancestor_limit_kib = figures->ancestor_limit_kib;
  group->error = g_strdup (figures->error);
  group->procs_path = g_strconcat (self->memory_root, self->s->path, "/cgroup.procs", NULL);
  if (self->layout == MG_CGROUP_LAYOUT_V2)
    group->kill_path = g_strconcat (self->memory_root, self->s->path, "/cgroup.kill", NULL);
  else if (self->unified_root != NULL)
    group->kill_path = g_strconcat (self->unified_root, self->s->path, "/cgroup.kill", NULL);

  g_ptr_array_add (groups, group);
}

/* Walks the children of the group open at @fd, reading each one's usage and limit
 * relative to @fd. A child whose directory has no subdirectory (st_nlink 2, as kernfs,
 * tmpfs and ext4 count them) is a leaf without being opened or listed: seven syscalls
 * a leaf in all. Returns how many children carry memory, or -1 when cancelled.
 * Recursion is bounded by MG_CGROUP_MAX_DEPTH. */
static gint
walk_children (MgCgroupWalker *self, /* NOLINT(misc-no-recursion) */
               int             fd,
               guint           depth,
               gboolean        has_ancestor_limit,
               guint64         ancestor_limit_kib,
               GPtrArray      *groups,
               GCancellable   *cancellable)
{
  Scratch *s = self->s;
  char *dents = (char *) s->dents[depth];
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
          gsize saved_len = s->path_len;
          gsize name_len;
          MgGroup figures = { 0 };
          MgCgroupStatus status;
          struct stat st;

          offset += entry->d_reclen;
          if (entry->d_type != DT_DIR && entry->d_type != DT_UNKNOWN)
            continue;
          if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
          if (g_cancellable_is_cancelled (cancellable))
            return -1;

          name_len = strlen (name);
          if (saved_len + 1 + name_len >= sizeof s->path || name_len + 2 > sizeof s->prefix)
            continue;
          /* AT_SYMLINK_NOFOLLOW: cgroupfs has no links; one in a test root is no group. */
          if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            {
              if (errno == ENOENT)
                self->n_vanished++;
              continue;
            }
          if (!S_ISDIR (st.st_mode))
            continue;

          s->path[saved_len] = '/';
          memcpy (s->path + saved_len + 1, name, name_len + 1);
          s->path_len = saved_len + 1 + name_len;
          memcpy (s->prefix, name, name_len);
          memcpy (s->prefix + name_len, "/", 2);

          status = mg_cgroup_files_read_rank (&s->files, fd, s->prefix, s->path, &figures);
          if (status == MG_CGROUP_GROUP_VANISHED)
            self->n_vanished++;
          if (status == MG_CGROUP_GROUP_MEMORY)
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

              if (st.st_nlink != 2 && depth + 1 < MG_CGROUP_MAX_DEPTH)
                {
                  int child;

                  /* The run's descriptors are closed before a directory's is opened,
                   * which would break the run anyway. */
                  mg_cgroup_files_flush (&s->files);
                  child = openat (fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);

                  if (child >= 0)
                    {
                      n_children = walk_children (self, child, depth + 1, has_limit, limit_kib,
                                                  groups, cancellable);
                      mg_cgroup_files_flush (&s->files);
                      close (child);
                    }
                }
              if (n_children < 0)
                {
                  g_free (figures.error);
                  return -1;
                }
              if (n_children == 0)
                add_leaf (self, &figures, groups);
            }

          g_free (figures.error);
          s->path_len = saved_len;
          s->path[saved_len] = '\0';
        }
    }

  return n_memory;
}

/* The second pass: the rest of the figures for the groups someone will look at, the
 * largest by usage. Groups that vanished since the first pass are dropped. */
static void
read_details (MgCgroupWalker *self,
              int             memory_fd,
              GPtrArray      *groups,
              guint           first)
{
  Scratch *s = self->s;
  guint n_read = 0;

  /* The caller sorts again after naming; a stable order costs nothing here. */
  for (guint i = first; i < groups->len;)
    {
      MgGroup *group = g_ptr_array_index (groups, i);
      int written;

      if (n_read >= self->n_detailed)
        break;

      n_read++;
      written = g_snprintf (s->path, sizeof s->path, "%s/", group->path + 1);
      if (written > 0 && (gsize) written < sizeof s->path &&
          mg_cgroup_files_read_details (&s->files, memory_fd, s->path, group->path, group)
            == MG_CGROUP_GROUP_VANISHED)
        {
          self->n_vanished++;
          g_ptr_array_remove_index (groups, i);
          continue;
        }
      i++;
    }
}

static gboolean
has_memory_controller (MgCgroupWalker *self,
                       int             fd)
{
  gssize len = mg_cgroup_files_read (&self->s->files, fd, "", "cgroup.controllers");

  mg_cgroup_files_flush (&self->s->files);

  return len >= 0 && mg_cgroup_parse_controllers (self->s->files.buffer, (gsize) len,
                                                  "memory");
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
          self->s->files.unified_fd = unified_fd;
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

/* Sorts only the range this walk appended, largest first. */
static void
sort_range (GPtrArray *groups,
            guint      first)
{
  if (groups->len - first > 1)
    qsort (groups->pdata + first, groups->len - first, sizeof (gpointer),
           mg_group_compare_usage);
}

static gboolean
mg_cgroup_walker_walk (MgGroupWalker  *walker,
                       GPtrArray      *groups,
                       GCancellable   *cancellable,
                       GError        **error)
{
  MgCgroupWalker *self = MG_CGROUP_WALKER (walker);
  Scratch *s = self->s;
  guint first = groups->len;
  gint found = 0;
  int root_fd;
  int memory_fd;

  self->n_vanished = 0;
  s->files.unified_fd = -1;
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

  s->files.memory_root = self->memory_root;
  s->files.v2 = self->layout == MG_CGROUP_LAYOUT_V2;
  s->path[0] = '\0';
  s->path_len = 0;
  /* The root group itself is the whole machine: only its descendants are groups. */
  mg_cgroup_files_init (&s->files);
  found = walk_children (self, memory_fd, 0, FALSE, 0, groups, cancellable);
  if (found >= 0)
    {
      sort_range (groups, first);
      read_details (self, memory_fd, groups, first);
    }
  mg_cgroup_files_flush (&s->files);
  close (memory_fd);
  if (s->files.unified_fd >= 0)
    close (s->files.unified_fd);
  s->files.unified_fd = -1;

  if (found < 0)
    {
      g_ptr_array_remove_range (groups, first, groups->len - first);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
mg_cgroup_walker_read_counters (MgGroupWalker *walker,
                                MgGroup       *group,
                                guint64       *limit_hits)
{
  return mg_cgroup_read_counters (group, limit_hits);
}

static void
mg_cgroup_walker_iface_init (MgGroupWalkerInterface *iface)
{
  iface->walk = mg_cgroup_walker_walk;
  iface->read_counters = mg_cgroup_walker_read_counters;
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
    case PROP_N_DETAILED:
      self->n_detailed = g_value_get_uint (value);
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
    case PROP_N_DETAILED:
      g_value_set_uint (value, self->n_detailed);
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
  properties[PROP_N_DETAILED] =
    g_param_spec_uint ("n-detailed", NULL, NULL, 0, G_MAXUINT, MG_CGROUP_DEFAULT_DETAILED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_cgroup_walker_init (MgCgroupWalker *self)
{
  self->root = g_strdup ("/sys/fs/cgroup");
  self->n_detailed = MG_CGROUP_DEFAULT_DETAILED;
  self->s = g_new0 (Scratch, 1);
  self->s->files.unified_fd = -1;
  mg_cgroup_files_init (&self->s->files);
}

MgGroupWalker *
mg_cgroup_walker_new (const char *root)
{
  return g_object_new (MG_TYPE_CGROUP_WALKER, "root", root, NULL);
}
