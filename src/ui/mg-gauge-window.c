/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgGaugeWindow: the popup a person opens to understand the tray icon. */

#define G_LOG_DOMAIN "memgauge-gauge"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "mg-consumer-list.h"
#include "mg-format.h"
#include "mg-gauge-window.h"
#include "mg-gauge.h"
#include "mg-level-style.h"
#include "mg-sparkline.h"

typedef enum {
  VALUE_AVAILABLE,
  VALUE_USED,
  VALUE_CACHE,
  VALUE_SWAP,
  VALUE_SWAPPINESS,
  VALUE_PSI10,
  VALUE_PSI60,
  VALUE_SWAP_IN,
  VALUE_SWAP_OUT,
  VALUE_FAULTS,
  VALUE_OOM,
  N_VALUES
} Value;

/* Template ids ("available" gives available_key and available_value) and what each value
 * means, for tooltips and screen readers. */
static const struct {
  const char *id;
  const char *description;
} value_info[N_VALUES] = {
  [VALUE_AVAILABLE] = { "available",
                        N_("Memory that programs can still get without swapping, as the "
                           "kernel estimates it (MemAvailable)") },
  [VALUE_USED] = { "used",
                   N_("Total minus available, as the free command counts it") },
  [VALUE_CACHE] = { "cache",
                    N_("Buffers, page cache and reclaimable kernel memory; the kernel gives "
                       "most of it back when programs need it") },
  [VALUE_SWAP] = { "swap", N_("Swap space in use, of the total") },
  [VALUE_SWAPPINESS] = { "swappiness",
                         N_("How readily the kernel moves program memory to swap instead "
                            "of dropping cache (vm.swappiness)") },
  [VALUE_PSI10] = { "psi10",
                    N_("Pressure stall information: the share of the last 10 seconds in "
                       "which some tasks, or all tasks at once (full), waited for memory") },
  [VALUE_PSI60] = { "psi60",
                    N_("Pressure stall information: the share of the last minute in which "
                       "some tasks, or all tasks at once (full), waited for memory") },
  [VALUE_SWAP_IN] = { "swap_in", N_("Pages read back from swap each second") },
  [VALUE_SWAP_OUT] = { "swap_out", N_("Pages written out to swap each second") },
  [VALUE_FAULTS] = { "faults",
                     N_("Major page faults each second: pages that had to be read from "
                        "disk") },
  [VALUE_OOM] = { "oom",
                  N_("Processes the kernel’s out-of-memory killer ended since the system "
                     "started") },
};

struct _MgGaugeWindow {
  GtkApplicationWindow  parent_instance;

  MgMonitor            *monitor;
  MgProcessScanner     *scanner;
  GSettings            *settings;
  gulong                sample_handler;
  gulong                range_handler;

  /* Template children */
  GtkScrolledWindow    *scrolled;
  GtkWidget            *content;
  GtkLabel             *used_percent_label;
  GtkLabel             *used_of_total_label;
  GtkLabel             *level_label;
  MgGauge              *gauge;
  GtkLabel             *reason_label;
  MgSparkline          *sparkline;
  GtkLabel             *history_start_label;
  GtkLabel             *key_labels[N_VALUES];
  GtkLabel             *value_labels[N_VALUES];
  MgConsumerList       *consumer_list;

  int                   width;
  int                   height;
  gboolean              maximized;

  guint                 n_updates;
};

G_DEFINE_FINAL_TYPE (MgGaugeWindow, mg_gauge_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_SCANNER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  AtkObject *accessible = gtk_widget_get_accessible (widget);

  if (g_strcmp0 (atk_object_get_name (accessible), name) != 0)
    atk_object_set_name (accessible, name);
}

static void
set_accessible_description (GtkWidget  *widget,
                            const char *description)
{
  AtkObject *accessible = gtk_widget_get_accessible (widget);

  if (g_strcmp0 (atk_object_get_description (accessible), description) != 0)
    atk_object_set_description (accessible, description);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* The value, and for screen readers a name that says which value it is. */
static void
set_value (MgGaugeWindow *self,
           Value          value,
           const char    *text)
{
  g_autofree char *name = NULL;

  set_label (self->value_labels[value], text);
  name = g_strdup_printf (/* Translators: a value's accessible name, "Available: 3.5 GiB" */
                          _("%s: %s"), gtk_label_get_text (self->key_labels[value]), text);
  set_accessible_name (GTK_WIDGET (self->value_labels[value]), name);
}

static void
set_value_kib (MgGaugeWindow *self,
               Value          value,
               guint64        kib)
{
  g_autofree char *text = mg_format_size_kib (kib);

  set_value (self, value, text);
}

static char *
format_psi (const MgPsi *psi,
            gboolean     minute)
{
  double some = minute ? psi->some.avg60 : psi->some.avg10;
  double full = minute ? psi->full.avg60 : psi->full.avg10;

  if (!psi->has_full)
    /* Translators: PSI, the share of time some tasks waited for memory; "some" is the
     * kernel's term */
    return g_strdup_printf (_("some %.1f %%"), some);

  /* Translators: PSI, the share of time some tasks, and all tasks at once, waited for
   * memory; "some" and "full" are the kernel's terms */
  return g_strdup_printf (_("some %.1f %%, full %.1f %%"), some, full);
}

static char *
format_pages_per_second (double rate)
{
  g_autofree char *bytes = NULL;
  gulong pages = (gulong) (rate + 0.5);

  if (pages == 0)
    /* Translators: no pages swapped per second */
    return g_strdup (_("none"));

  bytes = mg_format_size_kib ((guint64) pages * ((guint64) sysconf (_SC_PAGESIZE) / 1024));
  /* Translators: "800 pages/s (3.1 MiB/s)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu page/s (%s/s)",
                                       "%lu pages/s (%s/s)", pages),
                          pages, bytes);
}

static void
set_rate (MgGaugeWindow  *self,
          Value           value,
          const MgSample *sample,
          MgVmstatField   field)
{
  g_autofree char *text = NULL;
  double rate;

  if (!sample->has_vmstat || !mg_vmstat_has (&sample->vmstat, field))
    {
      set_value (self, value, _("Not counted by this kernel"));
      return;
    }
  if (!sample->has_rates)
    {
      /* Rates need two samples. */
      set_value (self, value, _("Measuring…"));
      return;
    }

  rate = sample->rate_per_s[field];
  if (field == MG_VMSTAT_PGMAJFAULT)
    text = g_strdup_printf (/* Translators: major page faults per second */
                            g_dngettext (GETTEXT_PACKAGE, "%lu/s", "%lu/s",
                                         (gulong) (rate + 0.5)),
                            (gulong) (rate + 0.5));
  else
    text = format_pages_per_second (rate);

  set_value (self, value, text);
}

static void
update_values (MgGaugeWindow  *self,
               const MgSample *sample)
{
  const guint64 *kib = sample->meminfo.kib;
  g_autofree char *swap = NULL;
  g_autofree char *oom = NULL;

  set_value_kib (self, VALUE_AVAILABLE, mg_sample_available_kib (sample));
  set_value_kib (self, VALUE_USED, mg_sample_used_kib (sample));
  set_value_kib (self, VALUE_CACHE,
                 kib[MG_MEMINFO_BUFFERS] + kib[MG_MEMINFO_CACHED] + kib[MG_MEMINFO_SRECLAIMABLE]);

  if (kib[MG_MEMINFO_SWAP_TOTAL] == 0)
    {
      set_value (self, VALUE_SWAP, _("No swap"));
    }
  else
    {
      g_autofree char *used = mg_format_size_kib (mg_sample_swap_used_kib (sample));
      g_autofree char *total = mg_format_size_kib (kib[MG_MEMINFO_SWAP_TOTAL]);

      /* Translators: swap used of total, "172 KiB of 4.0 GiB" */
      swap = g_strdup_printf (_("%s of %s"), used, total);
      set_value (self, VALUE_SWAP, swap);
    }

  if (sample->has_swappiness)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", sample->swappiness);
      set_value (self, VALUE_SWAPPINESS, text);
    }
  else
    {
      set_value (self, VALUE_SWAPPINESS, _("Unknown"));
    }

  if (sample->has_psi)
    {
      g_autofree char *psi10 = format_psi (&sample->psi, FALSE);
      g_autofree char *psi60 = format_psi (&sample->psi, TRUE);

      set_value (self, VALUE_PSI10, psi10);
      set_value (self, VALUE_PSI60, psi60);
    }
  else
    {
      set_value (self, VALUE_PSI10, _("Not available on this kernel"));
      set_value (self, VALUE_PSI60, _("Not available on this kernel"));
    }

  set_rate (self, VALUE_SWAP_IN, sample, MG_VMSTAT_PSWPIN);
  set_rate (self, VALUE_SWAP_OUT, sample, MG_VMSTAT_PSWPOUT);
  set_rate (self, VALUE_FAULTS, sample, MG_VMSTAT_PGMAJFAULT);

  if (sample->has_vmstat && mg_vmstat_has (&sample->vmstat, MG_VMSTAT_OOM_KILL))
    {
      guint64 kills = sample->vmstat.count[MG_VMSTAT_OOM_KILL];

      oom = g_strdup_printf (/* Translators: processes killed for lack of memory since boot */
                             g_dngettext (GETTEXT_PACKAGE, "%llu since boot", "%llu since boot",
                                          (gulong) MIN (kills, G_MAXULONG)),
                             (unsigned long long) kills);
      set_value (self, VALUE_OOM, oom);
    }
  else
    {
      set_value (self, VALUE_OOM, _("Not counted by this kernel"));
    }
}

static void
update_level (MgGaugeWindow *self,
              MgLevel        level)
{
  const char *label = mg_level_style_get_label (level);
  g_autofree char *markup = NULL;

  /* The words carry the meaning; the dot only repeats the gauge's color. */
  markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s",
                                    mg_level_style_get (level)->color, label);
  if (g_strcmp0 (gtk_label_get_label (self->level_label), markup) != 0)
    gtk_label_set_markup (self->level_label, markup);
  set_accessible_name (GTK_WIDGET (self->level_label), label);
}

static void
update_gauge (MgGaugeWindow  *self,
              const MgSample *sample,
              MgLevel         level)
{
  const MgLevelParams *params = mg_monitor_get_level_params (self->monitor);
  g_autofree char *description = NULL;
  g_autofree char *total = NULL;
  double fraction = 0.0;

  mg_gauge_set_thresholds (self->gauge, params);

  if (sample == NULL)
    {
      mg_gauge_set_value (self->gauge, 0.0, MG_LEVEL_UNKNOWN);
      set_accessible_description (GTK_WIDGET (self->gauge), _("Memory use unknown"));
      return;
    }

  fraction = (double) mg_sample_used_kib (sample) / (double) mg_sample_total_kib (sample);
  mg_gauge_set_value (self->gauge, fraction, level);

  total = mg_format_size_kib (mg_sample_total_kib (sample));
  description = g_strdup_printf (/* Translators: the gauge's accessible description */
                                 _("%.0f %% of %s used, %s. The level rises at %.0f %%, "
                                   "%.0f %% and %.0f %% used."),
                                 100.0 * fraction, total, mg_level_style_get_label (level),
                                 100.0 - params->low_percent, 100.0 - params->medium_percent,
                                 100.0 - params->high_percent);
  set_accessible_description (GTK_WIDGET (self->gauge), description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gauge), description);
}

static void
refresh (MgGaugeWindow *self)
{
  const MgSample *sample = mg_monitor_get_sample (self->monitor);
  MgLevel level = mg_monitor_get_level (self->monitor);

  self->n_updates++;

  update_level (self, level);
  update_gauge (self, sample, level);
  set_label (self->reason_label, mg_monitor_get_reason (self->monitor));
  mg_sparkline_queue_update (self->sparkline);

  if (sample != NULL)
    {
      g_autofree char *percent = NULL;
      g_autofree char *used = mg_format_size_kib (mg_sample_used_kib (sample));
      g_autofree char *total = mg_format_size_kib (mg_sample_total_kib (sample));
      g_autofree char *of_total = NULL;

      percent = g_strdup_printf (/* Translators: used memory, "62 %" */
                                 _("%u %%"),
                                 mg_format_percent_of (mg_sample_used_kib (sample),
                                                       mg_sample_total_kib (sample)));
      /* Translators: "14.5 GiB of 23.5 GiB used" */
      of_total = g_strdup_printf (_("%s of %s used"), used, total);
      set_label (self->used_percent_label, percent);
      set_label (self->used_of_total_label, of_total);
      update_values (self, sample);
    }
  else
    {
      set_label (self->used_percent_label, "—");
      set_label (self->used_of_total_label, _("Memory use unknown"));
      for (guint i = 0; i < N_VALUES; i++)
        set_value (self, i, _("Unknown"));
    }

  if (sample != NULL)
    {
      g_autofree char *name = NULL;

      name = g_strdup_printf (/* Translators: accessible name of the big percentage */
                              _("%u %% of memory used"),
                              mg_format_percent_of (mg_sample_used_kib (sample),
                                                    mg_sample_total_kib (sample)));
      set_accessible_name (GTK_WIDGET (self->used_percent_label), name);
    }
  else
    {
      set_accessible_name (GTK_WIDGET (self->used_percent_label), _("Memory use unknown"));
    }
}

static void
on_sample_updated (MgMonitor *monitor,
                   gpointer   user_data)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (user_data);

  refresh (self);
  mg_process_scanner_request (self->scanner);
}

static guint
history_range_seconds (GSettings *settings)
{
  g_autofree char *range = g_settings_get_string (settings, "history-range");

  return g_str_equal (range, "1h") ? 3600 : 600;
}

static void
on_history_range_changed (GSettings  *settings,
                          const char *key,
                          gpointer    user_data)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (user_data);
  guint seconds = history_range_seconds (settings);
  g_autofree char *start = NULL;

  if (seconds % 3600 == 0)
    start = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the left edge of the history graph */
                                          "%u hour ago", "%u hours ago", seconds / 3600),
                             seconds / 3600);
  else
    start = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the left edge of the history graph */
                                          "%u minute ago", "%u minutes ago", seconds / 60),
                             seconds / 60);

  set_label (self->history_start_label, start);
  mg_sparkline_set_range (self->sparkline, seconds);
}

static void
save_size (MgGaugeWindow *self)
{
  if (self->settings == NULL || self->width <= 0 || self->height <= 0)
    return;

  if (g_settings_get_int (self->settings, "gauge-width") != self->width)
    g_settings_set_int (self->settings, "gauge-width", self->width);
  if (g_settings_get_int (self->settings, "gauge-height") != self->height)
    g_settings_set_int (self->settings, "gauge-height", self->height);
}

static void
mg_gauge_window_map (GtkWidget *widget)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->map (widget);

  /* Live only while visible: nothing is connected while the window is hidden. What it
   * shows at once may be a sample interval old; a fresh one follows soon. The scanner
   * refuses requests closer than its interval (10 s), so asking at every sample is
   * cheap. */
  if (self->sample_handler == 0)
    self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);
  mg_monitor_request_sample (self->monitor);
  refresh (self);
  mg_process_scanner_request (self->scanner);
}

static void
mg_gauge_window_unmap (GtkWidget *widget)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  g_clear_signal_handler (&self->sample_handler, self->monitor);
  /* Hidden, nobody needs the list: a scan under way is cut short. (Unmapped in
   * destruction too, after dispose has let go of the scanner.) */
  if (self->scanner != NULL)
    mg_process_scanner_cancel (self->scanner);
  save_size (self);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->unmap (widget);
}

static void
mg_gauge_window_size_allocate (GtkWidget     *widget,
                               GtkAllocation *allocation)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->size_allocate (widget, allocation);

  /* The size to restore is the unmaximized one, as gtk_window_set_default_size() takes it. */
  if (!self->maximized)
    gtk_window_get_size (GTK_WINDOW (widget), &self->width, &self->height);
}

static gboolean
mg_gauge_window_window_state_event (GtkWidget           *widget,
                                    GdkEventWindowState *event)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (widget);

  self->maximized = (event->new_window_state & GDK_WINDOW_STATE_MAXIMIZED) != 0;

  return GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->window_state_event (widget, event);
}

/* Closing hides the window instead of destroying it: it opens again at once, as it was
 * (size, scroll position, range), and while hidden it is disconnected from the monitor,
 * so it costs a little memory and no work. */
static gboolean
mg_gauge_window_delete_event (GtkWidget   *widget,
                              GdkEventAny *event)
{
  gtk_widget_hide (widget);

  return GDK_EVENT_STOP;
}

static gboolean
mg_gauge_window_key_press_event (GtkWidget   *widget,
                                 GdkEventKey *event)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (event->keyval == GDK_KEY_Escape && modifiers == 0)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }

  return GTK_WIDGET_CLASS (mg_gauge_window_parent_class)->key_press_event (widget, event);
}

static void
load_css (GtkWidget *widget)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/mg-gauge-window.css");
  gtk_style_context_add_provider_for_screen (gtk_widget_get_screen (widget),
                                             GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
mg_gauge_window_constructed (GObject *object)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);
  g_autoptr(GAction) range_action = NULL;
  int width;
  int height;

  G_OBJECT_CLASS (mg_gauge_window_parent_class)->constructed (object);

  g_assert (self->monitor != NULL);
  g_assert (self->scanner != NULL);
  g_assert (self->settings != NULL);

  load_css (GTK_WIDGET (self));

  width = g_settings_get_int (self->settings, "gauge-width");
  height = g_settings_get_int (self->settings, "gauge-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  mg_sparkline_set_monitor (self->sparkline, self->monitor);
  mg_consumer_list_set_scanner (self->consumer_list, self->scanner);
  range_action = g_settings_create_action (self->settings, "history-range");
  g_action_map_add_action (G_ACTION_MAP (self), range_action);
  self->range_handler = g_signal_connect (self->settings, "changed::history-range",
                                          G_CALLBACK (on_history_range_changed), self);
  on_history_range_changed (self->settings, "history-range", self);
}

static void
mg_gauge_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_SCANNER:
      self->scanner = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_gauge_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_SCANNER:
      g_value_set_object (value, self->scanner);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_gauge_window_dispose (GObject *object)
{
  MgGaugeWindow *self = MG_GAUGE_WINDOW (object);

  if (self->scanner != NULL)
    mg_process_scanner_cancel (self->scanner);
  save_size (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->range_handler, self->settings);
  g_clear_object (&self->monitor);
  g_clear_object (&self->scanner);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_gauge_window_parent_class)->dispose (object);
}

static void
mg_gauge_window_class_init (MgGaugeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mg_gauge_window_constructed;
  object_class->set_property = mg_gauge_window_set_property;
  object_class->get_property = mg_gauge_window_get_property;
  object_class->dispose = mg_gauge_window_dispose;

  widget_class->map = mg_gauge_window_map;
  widget_class->unmap = mg_gauge_window_unmap;
  widget_class->size_allocate = mg_gauge_window_size_allocate;
  widget_class->window_state_event = mg_gauge_window_window_state_event;
  widget_class->delete_event = mg_gauge_window_delete_event;
  widget_class->key_press_event = mg_gauge_window_key_press_event;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, MG_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCANNER] =
    g_param_spec_object ("scanner", NULL, NULL, MG_TYPE_PROCESS_SCANNER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MG_TYPE_CONSUMER_LIST);
  g_type_ensure (MG_TYPE_GAUGE);
  g_type_ensure (MG_TYPE_SPARKLINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-gauge-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, content);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, used_percent_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, used_of_total_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, level_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, gauge);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, sparkline);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, history_start_label);
  gtk_widget_class_bind_template_child (widget_class, MgGaugeWindow, consumer_list);

  for (guint i = 0; i < N_VALUES; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s_key", value_info[i].id);
      g_autofree char *value = g_strdup_printf ("%s_value", value_info[i].id);

      gtk_widget_class_bind_template_child_full (widget_class, key, FALSE,
                                                 G_STRUCT_OFFSET (MgGaugeWindow, key_labels) +
                                                 i * sizeof (GtkLabel *));
      gtk_widget_class_bind_template_child_full (widget_class, value, FALSE,
                                                 G_STRUCT_OFFSET (MgGaugeWindow, value_labels) +
                                                 i * sizeof (GtkLabel *));
    }
}

static void
mg_gauge_window_init (MgGaugeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tab moves through the gauge, the range, the graph and "Change…": keep the focused
   * one in view. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->content),
                                       gtk_scrolled_window_get_vadjustment (self->scrolled));

  set_accessible_name (GTK_WIDGET (self->gauge), _("Memory used"));
  set_accessible_name (GTK_WIDGET (self->sparkline), _("Memory use history"));
  for (guint i = 0; i < N_VALUES; i++)
    {
      const char *description = _(value_info[i].description);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_labels[i]), description);
      set_accessible_description (GTK_WIDGET (self->value_labels[i]), description);
    }
}

MgGaugeWindow *
mg_gauge_window_new (GtkApplication   *app,
                     MgMonitor        *monitor,
                     MgProcessScanner *scanner,
                     GSettings        *settings)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (MG_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (MG_IS_PROCESS_SCANNER (scanner), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MG_TYPE_GAUGE_WINDOW,
                       "application", app,
                       "monitor", monitor,
                       "scanner", scanner,
                       "settings", settings,
                       NULL);
}

guint
mg_gauge_window_get_n_updates (MgGaugeWindow *self)
{
  g_return_val_if_fail (MG_IS_GAUGE_WINDOW (self), 0);

  return self->n_updates;
}

guint
mg_gauge_window_get_n_scans (MgGaugeWindow *self)
{
  g_return_val_if_fail (MG_IS_GAUGE_WINDOW (self), 0);

  return mg_process_scanner_get_n_scans (self->scanner);
}
