/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgAutostart: "Start at Login", backed by a file in the user's autostart folder. */

#define G_LOG_DOMAIN "memgauge-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mg-autostart.h"

struct _MgAutostart {
  GObject       parent_instance;

  char         *exec;
  char         *path;
  GFileMonitor *file_monitor;
  /* Watches the config folder while autostart/ does not exist. */
  GFileMonitor *dir_monitor;
  gboolean      enabled;
};

G_DEFINE_FINAL_TYPE (MgAutostart, mg_autostart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXEC,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The XDG autostart spec: a file that exists starts the program unless it says
 * Hidden=true; GNOME also honours X-GNOME-Autostart-enabled=false. */
static gboolean
read_enabled (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Cannot read %s: %s", path, error->message);
      return FALSE;
    }

  if (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP,
                              G_KEY_FILE_DESKTOP_KEY_HIDDEN, NULL))
    return FALSE;

  if (g_key_file_has_key (key_file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL) &&
      !g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP,
                               "X-GNOME-Autostart-enabled", NULL))
    return FALSE;

  return TRUE;
}

static void
refresh (MgAutostart *self)
{
  gboolean enabled = read_enabled (self->path);

  if (enabled == self->enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

static void watch (MgAutostart *self);

static void
on_file_changed (GFileMonitor      *file_monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  refresh (MG_AUTOSTART (user_data));
}

static void
on_config_dir_changed (GFileMonitor      *dir_monitor,
                       GFile             *file,
                       GFile             *other_file,
                       GFileMonitorEvent  event,
                       gpointer           user_data)
{
  MgAutostart *self = MG_AUTOSTART (user_data);

  watch (self);
  refresh (self);
}

static GFileMonitor *
monitor_path (const char *path,
              gboolean    directory,
              GCallback   callback,
              gpointer    user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  monitor = directory
    ? g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error)
    : g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Not watching %s: %s", path, error->message);
      return NULL;
    }

  g_signal_connect (monitor, "changed", callback, user_data);
  return monitor;
}

static void
clear_monitor (MgAutostart   *self,
               GFileMonitor **monitor)
{
  if (*monitor == NULL)
    return;

  g_signal_handlers_disconnect_by_data (*monitor, self);
  g_file_monitor_cancel (*monitor);
  g_clear_object (monitor);
}

/* inotify costs nothing while the file is left alone, and keeps the menu and the
 * settings window true to the file when another tool edits it. But GLib polls every
 * 4 s for a file whose folder does not exist: until autostart/ appears, watch the
 * config folder for it instead. */
static void
watch (MgAutostart *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      clear_monitor (self, &self->dir_monitor);
      if (self->file_monitor == NULL)
        self->file_monitor = monitor_path (self->path, FALSE, G_CALLBACK (on_file_changed), self);
    }
  else
    {
      clear_monitor (self, &self->file_monitor);
      if (self->dir_monitor == NULL)
        self->dir_monitor = monitor_path (g_get_user_config_dir (), TRUE,
                                          G_CALLBACK (on_config_dir_changed), self);
    }
}

static void
mg_autostart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MgAutostart *self = MG_AUTOSTART (object);

  switch (prop_id)
    {
    case PROP_EXEC:
      g_value_set_string (value, self->exec);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_autostart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MgAutostart *self = MG_AUTOSTART (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_EXEC:
      /* Passed NULL, the installed command: the session finds it on PATH. */
      g_free (self->exec);
      self->exec = g_strdup (g_value_get_string (value) != NULL ? g_value_get_string (value)
                                                                : "memgauge");
      break;
    case PROP_ENABLED:
      if (!mg_autostart_set_enabled (self, g_value_get_boolean (value), &error))
        g_warning ("%s", error->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_autostart_constructed (GObject *object)
{
  MgAutostart *self = MG_AUTOSTART (object);

  G_OBJECT_CLASS (mg_autostart_parent_class)->constructed (object);

  self->path = g_build_filename (g_get_user_config_dir (), "autostart",
                                 APPLICATION_ID ".desktop", NULL);
  self->enabled = read_enabled (self->path);
  watch (self);
}

static void
mg_autostart_dispose (GObject *object)
{
  MgAutostart *self = MG_AUTOSTART (object);

  clear_monitor (self, &self->file_monitor);
  clear_monitor (self, &self->dir_monitor);

  G_OBJECT_CLASS (mg_autostart_parent_class)->dispose (object);
}

static void
mg_autostart_finalize (GObject *object)
{
  MgAutostart *self = MG_AUTOSTART (object);

  g_free (self->exec);
  g_free (self->path);

  G_OBJECT_CLASS (mg_autostart_parent_class)->finalize (object);
}

static void
mg_autostart_class_init (MgAutostartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mg_autostart_get_property;
  object_class->set_property = mg_autostart_set_property;
  object_class->constructed = mg_autostart_constructed;
  object_class->dispose = mg_autostart_dispose;
  object_class->finalize = mg_autostart_finalize;

  /* Construct-only properties always get their default, so a bare g_object_new () works. */
  properties[PROP_EXEC] =
    g_param_spec_string ("exec", NULL, NULL, "memgauge",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_autostart_init (MgAutostart *self)
{
}

char *
mg_autostart_exec_of_self (void)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  /* Installed, the session finds memgauge on PATH; from a build tree it needs the
   * full path. */
  if (self_exe != NULL && !g_str_has_prefix (self_exe, BINDIR "/"))
    return g_steal_pointer (&self_exe);

  return g_strdup ("memgauge");
}

MgAutostart *
mg_autostart_new (const char *exec)
{
  g_return_val_if_fail (exec != NULL, NULL);

  return g_object_new (MG_TYPE_AUTOSTART, "exec", exec, NULL);
}

gboolean
mg_autostart_get_enabled (MgAutostart *self)
{
  g_return_val_if_fail (MG_IS_AUTOSTART (self), FALSE);

  return self->enabled;
}

const char *
mg_autostart_get_path (MgAutostart *self)
{
  g_return_val_if_fail (MG_IS_AUTOSTART (self), NULL);

  return self->path;
}

/**
 * mg_autostart_set_enabled:
 * @self: an autostart
 * @enabled: whether the session should start MemGauge at login
 * @error: set when the file cannot be written or removed
 *
 * Writes or removes the autostart file, then reads it back: #MgAutostart:enabled
 * shows what the file says, not what was asked.
 */
gboolean
mg_autostart_set_enabled (MgAutostart  *self,
                          gboolean      enabled,
                          GError      **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (MG_IS_AUTOSTART (self), FALSE);

  if (enabled)
    {
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autofree char *dir = g_path_get_dirname (self->path);
      const char *group = G_KEY_FILE_DESKTOP_GROUP;

      g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
      g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_NAME, "MemGauge");
      g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                             _("Show memory pressure in the panel"));
      g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_EXEC, self->exec);
      g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
      g_key_file_set_boolean (key_file, group, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
      g_key_file_set_boolean (key_file, group, "X-GNOME-Autostart-enabled", TRUE);

      ok = g_mkdir_with_parents (dir, 0700) == 0;
      if (!ok)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot create %s: %s"), dir, g_strerror (saved_errno));
        }
      else
        {
          ok = g_key_file_save_to_file (key_file, self->path, error);
        }
    }
  else if (g_unlink (self->path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot remove %s: %s"), self->path, g_strerror (saved_errno));
      ok = FALSE;
    }

  watch (self);
  refresh (self);
  return ok;
}
