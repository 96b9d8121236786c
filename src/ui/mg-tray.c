/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTray: the panel icon and its menu; the only user of the AppIndicator API. */

#define G_LOG_DOMAIN "memgauge-tray"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>

#include "mg-format.h"
#include "mg-level-style.h"
#include "mg-tray.h"
#include "mg-tray-fleet.h"

#define WATCHER_NAME "org.kde.StatusNotifierWatcher"

struct _MgTray {
  GObject       parent_instance;

  GApplication *app;
  MgMonitor    *monitor;
  MgAutostart  *autostart;
  MgRemoteFleet *fleet;
  GSettings    *settings;

  AppIndicator *indicator;
  GtkWidget    *menu;
  GtkWidget    *header_item;
  GtkWidget    *autostart_item;

  gulong        sample_handler;
  gulong        autostart_handler;
  gulong        polled_handler;
  gulong        machines_handler;
  gulong        tray_shows_handler;
  guint         watch_id;

  gboolean      embedded;
  gboolean      host_known;
  gboolean      show_percentage;
  gboolean      shows_worst;

  /* What the panel was last told, so that only changes go over the bus. */
  char          icon_name[80];
  char          description[512];
  char          header[128];
  char          label[16];
  MgLevel       status_level;
};

G_DEFINE_FINAL_TYPE (MgTray, mg_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_MONITOR,
  PROP_AUTOSTART,
  PROP_EMBEDDED,
  PROP_HOST_KNOWN,
  PROP_SHOW_PERCENTAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Copies @text into @cache and returns TRUE when it differs from what was there. */
static gboolean
cache_changed (char       *cache,
               gsize       size,
               const char *text)
{
  if (g_strcmp0 (cache, text) == 0)
    return FALSE;

  g_strlcpy (cache, text, size);
  return TRUE;
}

static void
update_icon (MgTray *self)
{
  MgLevel level = mg_monitor_get_level (self->monitor);
  MgLevel shown = mg_tray_fleet_level (self->monitor, self->fleet, self->shows_worst);
  g_autofree char *worst = mg_tray_fleet_describe (self->monitor, self->fleet);
  guint available = 0;
  char icon_name[sizeof self->icon_name];
  char description[sizeof self->description];

  g_strlcpy (icon_name, mg_level_style_get (shown)->icon_name, sizeof icon_name);

  switch (level)
    {
    case MG_LEVEL_LOW:
    case MG_LEVEL_MEDIUM:
    case MG_LEVEL_HIGH:
    case MG_LEVEL_CRITICAL:
      mg_monitor_get_shown_percent (self->monitor, &available, NULL);
      if (mg_monitor_get_raised_by_stalls (self->monitor))
        g_snprintf (description, sizeof description,
                    /* Translators: the level comes from stalls while memory is plentiful:
                     * "Memory pressure high: programs are waiting for memory, 97 %
                     * available" */
                    _("Memory pressure %s: programs are waiting for memory, %.0f %% available"),
                    g_dpgettext2 (NULL, "level", mg_level_to_nick (level)), (double) available);
      else
        g_snprintf (description, sizeof description,
                    /* Translators: "Memory pressure high: 8 % available" */
                    _("Memory pressure %s: %.0f %% available"),
                    g_dpgettext2 (NULL, "level", mg_level_to_nick (level)), (double) available);
      break;
    case MG_LEVEL_UNKNOWN:
    default:
      g_strlcpy (description, _("Memory pressure unknown: cannot read memory use"),
                 sizeof description);
      break;
    }
  if (worst != NULL)
    {
      g_strlcat (description, "\n", sizeof description);
      g_strlcat (description, worst, sizeof description);
    }

  /* Each call is a D-Bus signal the panel answers with a round of calls: send what
   * changed and nothing else. */
  if (cache_changed (self->icon_name, sizeof self->icon_name, icon_name))
    {
      cache_changed (self->description, sizeof self->description, description);
      app_indicator_set_icon_full (self->indicator, self->icon_name, self->description);
      /* Hosts show the attention icon in the ATTENTION state: make it the same. */
      app_indicator_set_attention_icon_full (self->indicator, self->icon_name, self->description);
    }
  else if (cache_changed (self->description, sizeof self->description, description))
    {
      app_indicator_set_icon_full (self->indicator, self->icon_name, self->description);
      if (shown == MG_LEVEL_CRITICAL)
        app_indicator_set_attention_icon_full (self->indicator, self->icon_name,
                                               self->description);
    }

  if (self->status_level != shown)
    {
      self->status_level = shown;
      app_indicator_set_status (self->indicator,
                                shown == MG_LEVEL_CRITICAL ? APP_INDICATOR_STATUS_ATTENTION
                                                           : APP_INDICATOR_STATUS_ACTIVE);
    }
}

static void
update_header (MgTray *self)
{
  const MgSample *sample = mg_monitor_get_sample (self->monitor);
  char header[sizeof self->header];

  if (sample == NULL)
    {
      g_strlcpy (header, _("Memory use unknown"), sizeof header);
    }
  else
    {
      guint used = 0;

      /* The same figure as the tooltip's: together they make 100. */
      mg_monitor_get_shown_percent (self->monitor, NULL, &used);
      guint64 swap_total = sample->meminfo.kib[MG_MEMINFO_SWAP_TOTAL];

      if (swap_total > 0)
        g_snprintf (header, sizeof header,
                    /* Translators: the tray menu's first line */
                    _("Memory %u %% used · Swap %u %%"),
                    used, mg_format_percent_of (mg_sample_swap_used_kib (sample), swap_total));
      else
        g_snprintf (header, sizeof header, _("Memory %u %% used · No swap"), used);
    }

  if (cache_changed (self->header, sizeof self->header, header))
    gtk_menu_item_set_label (GTK_MENU_ITEM (self->header_item), self->header);
}

static void
update_label (MgTray *self)
{
  char label[sizeof self->label] = "";
  guint used;

  if (self->show_percentage && mg_monitor_get_shown_percent (self->monitor, NULL, &used))
    g_snprintf (label, sizeof label, _("%u %%"), used);

  if (cache_changed (self->label, sizeof self->label, label))
    /* The guide is the widest text the label takes, so the panel does not jump. */
    app_indicator_set_label (self->indicator, self->label, _("100 %"));
}

static void
on_sample_updated (MgMonitor *monitor,
                   gpointer   user_data)
{
  MgTray *self = MG_TRAY (user_data);

  update_icon (self);
  update_header (self);
  update_label (self);
}

static void
on_fleet_changed (MgTray *self)
{
  update_icon (self);
}

static void
on_tray_shows_changed (MgTray *self)
{
  g_autofree char *shows = g_settings_get_string (self->settings, "tray-shows");

  self->shows_worst = g_strcmp0 (shows, "worst") == 0;
  update_icon (self);
}

static void
activate_app_action (GtkMenuItem *item,
                     gpointer     user_data)
{
  MgTray *self = MG_TRAY (user_data);
  const char *action = g_object_get_data (G_OBJECT (item), "mg-action");

  g_action_group_activate_action (G_ACTION_GROUP (self->app), action, NULL);
}

static void
on_autostart_toggled (GtkCheckMenuItem *item,
                      gpointer          user_data)
{
  MgTray *self = MG_TRAY (user_data);
  g_autoptr(GError) error = NULL;

  if (!mg_autostart_set_enabled (self->autostart, gtk_check_menu_item_get_active (item), &error))
    g_warning ("%s", error->message);

  /* Show what the file says now, whatever was asked. */
  g_signal_handlers_block_by_func (item, on_autostart_toggled, self);
  gtk_check_menu_item_set_active (item, mg_autostart_get_enabled (self->autostart));
  g_signal_handlers_unblock_by_func (item, on_autostart_toggled, self);
}

static void
on_autostart_changed (MgAutostart *autostart,
                      GParamSpec  *pspec,
                      gpointer     user_data)
{
  MgTray *self = MG_TRAY (user_data);
  GtkCheckMenuItem *item = GTK_CHECK_MENU_ITEM (self->autostart_item);

  g_signal_handlers_block_by_func (item, on_autostart_toggled, self);
  gtk_check_menu_item_set_active (item, mg_autostart_get_enabled (autostart));
  g_signal_handlers_unblock_by_func (item, on_autostart_toggled, self);
}

static GtkWidget *
add_action_item (MgTray     *self,
                 const char *mnemonic,
                 const char *action)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (mnemonic);

  g_object_set_data (G_OBJECT (item), "mg-action", (gpointer) action);
  g_signal_connect (item, "activate", G_CALLBACK (activate_app_action), self);
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), item);

  return item;
}

static void
build_menu (MgTray *self)
{
  GtkWidget *show_item;

  self->menu = g_object_ref_sink (gtk_menu_new ());

  self->header_item = gtk_menu_item_new_with_label (_("Memory use unknown"));
  gtk_widget_set_sensitive (self->header_item, FALSE);
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), self->header_item);
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), gtk_separator_menu_item_new ());

  show_item = add_action_item (self, _("_Show Memory Gauge"), "show-gauge");
  add_action_item (self, _("S_wappiness…"), "swappiness");
  /* Translators: opens the settings window. Not “_Settings”: S is “_Show Memory Gauge”. */
  add_action_item (self, _("Se_ttings…"), "preferences");

  self->autostart_item = gtk_check_menu_item_new_with_mnemonic (_("Start at _Login"));
  gtk_check_menu_item_set_active (GTK_CHECK_MENU_ITEM (self->autostart_item),
                                  mg_autostart_get_enabled (self->autostart));
  g_signal_connect (self->autostart_item, "toggled", G_CALLBACK (on_autostart_toggled), self);
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), self->autostart_item);

  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), gtk_separator_menu_item_new ());
  add_action_item (self, _("_Quit"), "quit");

  gtk_widget_show_all (self->menu);
  app_indicator_set_menu (self->indicator, GTK_MENU (self->menu));
  app_indicator_set_secondary_activate_target (self->indicator, show_item);
}

static void
set_embedded (MgTray   *self,
              gboolean  embedded)
{
  if (self->embedded != embedded)
    {
      self->embedded = embedded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMBEDDED]);
    }

  if (!self->host_known)
    {
      self->host_known = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_KNOWN]);
    }
}

static void
on_watcher_appeared (GDBusConnection *connection,
                     const char      *name,
                     const char      *name_owner,
                     gpointer         user_data)
{
  g_debug ("Panel tray host %s appeared", name_owner);
  set_embedded (MG_TRAY (user_data), TRUE);
}

static void
on_watcher_vanished (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  g_debug ("No panel tray host");
  set_embedded (MG_TRAY (user_data), FALSE);
}

/* Uninstalled, the icons are only in the source tree: point the panel there. A theme
 * of our own, because the application adds the source tree to the default one. */
static void
set_icon_theme_path (MgTray *self)
{
  g_autoptr(GtkIconTheme) installed = gtk_icon_theme_new ();

  if (!gtk_icon_theme_has_icon (installed, mg_level_style_get (MG_LEVEL_LOW)->icon_name) &&
      g_file_test (SOURCE_ICON_DIR, G_FILE_TEST_IS_DIR))
    app_indicator_set_icon_theme_path (self->indicator, SOURCE_ICON_DIR);
}

static void
mg_tray_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MgTray *self = MG_TRAY (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->app);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_AUTOSTART:
      g_value_set_object (value, self->autostart);
      break;
    case PROP_EMBEDDED:
      g_value_set_boolean (value, self->embedded);
      break;
    case PROP_HOST_KNOWN:
      g_value_set_boolean (value, self->host_known);
      break;
    case PROP_SHOW_PERCENTAGE:
      g_value_set_boolean (value, self->show_percentage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tray_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  MgTray *self = MG_TRAY (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      /* The application owns the tray: a reference back would be a cycle. */
      g_set_weak_pointer (&self->app, g_value_get_object (value));
      break;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_AUTOSTART:
      self->autostart = g_value_dup_object (value);
      break;
    case PROP_SHOW_PERCENTAGE:
      mg_tray_set_show_percentage (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tray_constructed (GObject *object)
{
  MgTray *self = MG_TRAY (object);

  G_OBJECT_CLASS (mg_tray_parent_class)->constructed (object);

  /* Without them there is no menu to act on or no level to show: a programmer error,
   * so the tray stays without an indicator rather than half-built. */
  g_return_if_fail (G_IS_APPLICATION (self->app));
  g_return_if_fail (MG_IS_MONITOR (self->monitor));
  g_return_if_fail (MG_IS_AUTOSTART (self->autostart));

  self->indicator = app_indicator_new (APPLICATION_ID,
                                       mg_level_style_get (MG_LEVEL_UNKNOWN)->icon_name,
                                       APP_INDICATOR_CATEGORY_HARDWARE);
  /* Translators: the tray item's title, shown by panels that list their items */
  app_indicator_set_title (self->indicator, _("MemGauge"));
  set_icon_theme_path (self);
  build_menu (self);
  app_indicator_set_status (self->indicator, APP_INDICATOR_STATUS_ACTIVE);

  self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                           G_CALLBACK (on_sample_updated), self);
  self->autostart_handler = g_signal_connect (self->autostart, "notify::enabled",
                                              G_CALLBACK (on_autostart_changed), self);
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, WATCHER_NAME,
                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     on_watcher_appeared, on_watcher_vanished,
                                     self, NULL);

  on_sample_updated (self->monitor, self);
}

static void
mg_tray_dispose (GObject *object)
{
  MgTray *self = MG_TRAY (object);

  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_signal_handler (&self->autostart_handler, self->autostart);
  if (self->fleet != NULL)
    {
      g_clear_signal_handler (&self->polled_handler, self->fleet);
      g_clear_signal_handler (&self->machines_handler, mg_remote_fleet_get_machines (self->fleet));
    }
  if (self->settings != NULL)
    g_clear_signal_handler (&self->tray_shows_handler, self->settings);
  g_clear_object (&self->fleet);
  g_clear_object (&self->settings);
  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    gtk_widget_destroy (self->menu);
  g_clear_object (&self->menu);
  g_clear_object (&self->monitor);
  g_clear_object (&self->autostart);
  g_clear_weak_pointer (&self->app);

  G_OBJECT_CLASS (mg_tray_parent_class)->dispose (object);
}

static void
mg_tray_class_init (MgTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mg_tray_get_property;
  object_class->set_property = mg_tray_set_property;
  object_class->constructed = mg_tray_constructed;
  object_class->dispose = mg_tray_dispose;

  /* Required: a bare g_object_new () gives a critical and a tray with no icon. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSTART] =
    g_param_spec_object ("autostart", NULL, NULL, MG_TYPE_AUTOSTART,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMBEDDED] =
    g_param_spec_boolean ("embedded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST_KNOWN] =
    g_param_spec_boolean ("host-known", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PERCENTAGE] =
    g_param_spec_boolean ("show-percentage", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mg_tray_init (MgTray *self)
{
  self->status_level = MG_LEVEL_UNKNOWN;
}

MgTray *
mg_tray_new (GApplication *app,
             MgMonitor    *monitor,
             MgAutostart  *autostart)
{
  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (MG_IS_AUTOSTART (autostart), NULL);

  return g_object_new (MG_TYPE_TRAY,
                       "application", app,
                       "monitor", monitor,
                       "autostart", autostart,
                       NULL);
}

gboolean
mg_tray_get_embedded (MgTray *self)
{
  g_return_val_if_fail (MG_IS_TRAY (self), FALSE);

  return self->embedded;
}

/* Whether the session bus has said yet if a panel host exists. */
gboolean
mg_tray_get_host_known (MgTray *self)
{
  g_return_val_if_fail (MG_IS_TRAY (self), FALSE);

  return self->host_known;
}

void
mg_tray_set_show_percentage (MgTray   *self,
                             gboolean  show)
{
  g_return_if_fail (MG_IS_TRAY (self));

  show = !!show;
  if (self->show_percentage == show)
    return;

  self->show_percentage = show;
  if (self->indicator != NULL)
    update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PERCENTAGE]);
}

/* The remote machines: the tooltip names the worst, and with `tray-shows` "worst" the
 * icon shows it. Each poll and each change of the list updates it; no timer of its own. */
void
mg_tray_set_fleet (MgTray        *self,
                   MgRemoteFleet *fleet,
                   GSettings     *settings)
{
  g_return_if_fail (MG_IS_TRAY (self));
  g_return_if_fail (MG_IS_REMOTE_FLEET (fleet));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->fleet == NULL);

  self->fleet = g_object_ref (fleet);
  self->settings = g_object_ref (settings);
  self->polled_handler = g_signal_connect_swapped (fleet, "machine-polled",
                                                   G_CALLBACK (on_fleet_changed), self);
  self->machines_handler = g_signal_connect_swapped (mg_remote_fleet_get_machines (fleet),
                                                     "items-changed",
                                                     G_CALLBACK (on_fleet_changed), self);
  self->tray_shows_handler = g_signal_connect_swapped (settings, "changed::tray-shows",
                                                       G_CALLBACK (on_tray_shows_changed), self);
  on_tray_shows_changed (self);
}
