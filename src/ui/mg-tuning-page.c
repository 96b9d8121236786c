/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTuningPage: the kernel settings of the helper's table, presets, Apply and Compact Now. */

#define G_LOG_DOMAIN "memgauge-tuning"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-helper-client.h"
#include "mg-proc-reader.h"
#include "mg-sandbox-note.h"
#include "mg-source-procfs.h"
#include "mg-swappiness-host.h"
#include "mg-tuning-page.h"
#include "mg-tuning-report.h"
#include "mg-widget-util.h"

typedef enum {
  COMPACT_IDLE,
  COMPACT_MEASURING_BEFORE,
  COMPACT_RUNNING,
  COMPACT_MEASURING_AFTER,
} CompactStep;

struct _MgTuningPage {
  GtkBox          parent_instance;

  GtkWidget      *rows_box;
  GtkWidget      *defaults_button;
  GtkWidget      *desktop_button;
  GtkWidget      *persist_check;
  GtkWidget      *spinner;
  GtkWidget      *apply_button;
  GtkWidget      *status_label;
  GtkWidget      *compact_button;
  GtkWidget      *compact_label;
  GtkWidget      *sandbox_note;
  MgTuningRow    *rows[MG_SYSCTL_N_KEYS];

  MgMonitor      *monitor;
  gulong          sample_handler;
  char           *sysctl_root;

  MgSysctlValues  live;
  GCancellable   *cancellable;
  gboolean        busy;
  gboolean        sandboxed;
  /* Apply: what was asked and what the kernel held before. */
  MgSysctlValues  request;
  MgSysctlValues  before;
  gboolean        requested_persist;
  /* Compact Now: a sample newer than @samples_before is the next measurement. */
  CompactStep     compact_step;
  guint64         samples_before;
  gboolean        have_before;
  guint64         free_2mb_before_kib;
  MgHelperOutcome compact_outcome;
};

G_DEFINE_FINAL_TYPE (MgTuningPage, mg_tuning_page, GTK_TYPE_BOX)

enum {
  SIGNAL_APPLIED,
  SIGNAL_COMPACTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint64
mem_total_kib (MgTuningPage *self)
{
  const MgSample *sample = self->monitor != NULL ? mg_monitor_get_sample (self->monitor) : NULL;

  return sample != NULL ? sample->meminfo.kib[MG_MEMINFO_MEM_TOTAL] : 0;
}

/* The live values, through the monitor's procfs source: a remote source has none. */
static void
read_live (MgTuningPage   *self,
           MgSysctlValues *out)
{
  g_autoptr(MgProcReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  MgSource *source;

  *out = (MgSysctlValues) { { 0 } };
  if (self->monitor == NULL)
    return;
  source = mg_monitor_get_source (self->monitor);
  if (!MG_IS_SOURCE_PROCFS (source))
    return;

  reader = mg_proc_reader_new (mg_source_procfs_get_root (MG_SOURCE_PROCFS (source)));
  /* A malformed file leaves its key unset; the others are still shown. */
  if (!mg_proc_reader_read_sysctl (reader, out, &error))
    g_message ("%s", error->message);
}

static void
wanted_values (MgTuningPage   *self,
               MgSysctlValues *out)
{
  *out = (MgSysctlValues) { { 0 } };
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (self->live.set[k])
      {
        out->set[k] = TRUE;
        out->value[k] = mg_tuning_row_get_value (self->rows[k]);
      }
}

/* In a sandbox the note shows the command for the values chosen, kept or not as checked. */
static void
update_can_apply (MgTuningPage *self)
{
  MgSysctlValues wanted;

  gtk_widget_set_sensitive (self->apply_button, mg_tuning_page_get_can_apply (self));
  wanted_values (self, &wanted);
  mg_sandbox_note_set_command (MG_SANDBOX_NOTE (self->sandbox_note), &wanted,
                               mg_tuning_page_get_persist (self));
}

/* Someone whose values MemGauge saved before most likely wants to keep saving them: a check
 * left empty would let Apply leave the saved file behind. */
static void
reset_persist (MgTuningPage *self)
{
  gboolean saved = FALSE;

  for (guint k = 0; k < MG_SYSCTL_N_KEYS && !saved; k++)
    {
      g_autoptr(MgSwappinessScan) scan = mg_sysctl_scan_key (self->sysctl_root, (MgSysctlKey) k);

      saved = scan->persisted != NULL;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->persist_check), saved);
}

static void
update_rows (MgTuningPage *self,
             gboolean      follow)
{
  guint64 total = mem_total_kib (self);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autoptr(MgSwappinessScan) scan = mg_sysctl_scan_key (self->sysctl_root, (MgSysctlKey) k);
      guint64 min, max, value;
      gboolean have_default;

      mg_sysctl_key_get_range ((MgSysctlKey) k, total, mg_swappiness_kernel_max (), &min, &max);
      /* A live value outside the helper's range (set by hand) still shows as it is. */
      if (self->live.set[k])
        {
          min = MIN (min, self->live.value[k]);
          max = MAX (max, self->live.value[k]);
        }
      mg_tuning_row_set_range (self->rows[k], min, max);
      have_default = mg_sysctl_key_get_default ((MgSysctlKey) k, total, &value);
      mg_tuning_row_set_default (self->rows[k], have_default, value);
      mg_tuning_row_set_live (self->rows[k], self->live.set[k], self->live.value[k], follow);
      mg_tuning_row_set_scan (self->rows[k], scan, self->sysctl_root);
    }
  update_can_apply (self);
}

void
mg_tuning_page_refresh (MgTuningPage *self)
{
  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  read_live (self, &self->live);
  update_rows (self, FALSE);
}

gboolean
mg_tuning_page_get_can_apply (MgTuningPage *self)
{
  MgSysctlValues wanted, diff;

  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), FALSE);

  if (self->busy || self->sandboxed)
    return FALSE;
  wanted_values (self, &wanted);
  return mg_sysctl_values_diff (&wanted, &self->live, &diff) > 0 &&
         mg_sysctl_values_check (&wanted);
}

gboolean
mg_tuning_page_get_busy (MgTuningPage *self)
{
  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), FALSE);

  return self->busy;
}

static void
set_busy (MgTuningPage *self,
          gboolean      busy)
{
  self->busy = busy;
  g_object_set (self->spinner, "visible", busy, "active", busy, NULL);
  gtk_widget_set_sensitive (self->compact_button, !busy && !self->sandboxed);
  gtk_widget_set_sensitive (self->defaults_button, !busy);
  gtk_widget_set_sensitive (self->desktop_button, !busy);
  update_can_apply (self);
}

static void
show_label (GtkWidget  *label,
            const char *text)
{
  mg_label_set_text_if_changed (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, TRUE);
}

static void
on_sysctl_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MgTuningPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MgHelperReport report;

  /* Cancelled in dispose: the page is going away. */
  if (!mg_helper_client_set_sysctl_finish (result, &report, &error))
    return;
  g_clear_object (&self->cancellable);

  read_live (self, &self->live);
  /* The controls follow the kernel after Apply, not the last choice. */
  update_rows (self, TRUE);

  text = mg_tuning_report_apply (&report, &self->request, self->requested_persist,
                                 &self->before, &self->live, self->sysctl_root);
  g_debug ("Apply: outcome %d: %s", report.outcome, text);
  show_label (self->status_label, text);
  reset_persist (self);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0);
}

void
mg_tuning_page_apply (MgTuningPage *self)
{
  MgSysctlValues wanted;

  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  if (!mg_tuning_page_get_can_apply (self))
    return;

  wanted_values (self, &wanted);
  mg_sysctl_values_diff (&wanted, &self->live, &self->request);
  self->before = self->live;
  self->requested_persist = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->persist_check));

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  mg_helper_client_set_sysctl_async (&self->request, self->requested_persist, self->cancellable,
                                     on_sysctl_done, g_object_ref (self));
}

void
mg_tuning_page_use_preset (MgTuningPage   *self,
                           MgSysctlPreset  preset)
{
  MgSysctlValues values;

  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  mg_sysctl_preset_get_values (preset, &values);
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (values.set[k] && self->live.set[k])
      mg_tuning_row_set_value (self->rows[k], values.value[k]);
}

static void
on_defaults_clicked (MgTuningPage *self)
{
  mg_tuning_page_use_preset (self, MG_SYSCTL_PRESET_KERNEL_DEFAULTS);
}

static void
on_desktop_clicked (MgTuningPage *self)
{
  mg_tuning_page_use_preset (self, MG_SYSCTL_PRESET_DESKTOP);
}

/* --- Compact Now ------------------------------------------------------------------------ */

static void
measure (MgTuningPage *self,
         CompactStep   step)
{
  self->compact_step = step;
  self->samples_before = mg_monitor_get_n_samples (self->monitor);
  mg_monitor_request_sample (self->monitor);
}

static void
on_compact_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MgTuningPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MgHelperReport report;

  if (!mg_helper_client_compact_finish (result, &report, &error))
    return;
  g_clear_object (&self->cancellable);

  self->compact_outcome = report.outcome;
  if (self->monitor != NULL)
    measure (self, COMPACT_MEASURING_AFTER);
}

static void
finish_compact (MgTuningPage   *self,
                const MgSample *sample)
{
  g_autofree char *text = NULL;
  gboolean have_after = sample != NULL && sample->has_fragmentation;

  self->compact_step = COMPACT_IDLE;
  text = mg_tuning_report_compact (self->compact_outcome, self->have_before,
                                   self->free_2mb_before_kib, have_after,
                                   have_after ? sample->fragmentation.free_kib_2mb : 0);
  show_label (self->compact_label, text);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_COMPACTED], 0);
}

static void
on_sample_updated (MgMonitor    *monitor,
                   MgTuningPage *self)
{
  const MgSample *sample = mg_monitor_get_sample (monitor);

  /* A re-evaluation for new thresholds is no new measurement. */
  if (self->compact_step == COMPACT_IDLE || self->compact_step == COMPACT_RUNNING ||
      mg_monitor_get_n_samples (monitor) <= self->samples_before)
    return;

  if (self->compact_step == COMPACT_MEASURING_BEFORE)
    {
      self->have_before = sample != NULL && sample->has_fragmentation;
      self->free_2mb_before_kib = self->have_before ? sample->fragmentation.free_kib_2mb : 0;
      self->compact_step = COMPACT_RUNNING;
      self->cancellable = g_cancellable_new ();
      mg_helper_client_compact_async (self->cancellable, on_compact_done, g_object_ref (self));
      return;
    }

  finish_compact (self, sample);
}

void
mg_tuning_page_compact (MgTuningPage *self)
{
  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  if (self->busy || self->monitor == NULL || self->sandboxed)
    return;

  set_busy (self, TRUE);
  measure (self, COMPACT_MEASURING_BEFORE);
}

/* --- the object ------------------------------------------------------------------------- */

GtkWidget *
mg_tuning_page_new (MgMonitor *monitor)
{
  MgTuningPage *self = g_object_new (MG_TYPE_TUNING_PAGE, NULL);

  mg_tuning_page_set_monitor (self, monitor);
  return GTK_WIDGET (self);
}

void
mg_tuning_page_set_monitor (MgTuningPage *self,
                            MgMonitor    *monitor)
{
  g_return_if_fail (MG_IS_TUNING_PAGE (self));
  g_return_if_fail (monitor == NULL || MG_IS_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (self->monitor != NULL)
    self->sample_handler = g_signal_connect (self->monitor, "sample-updated",
                                             G_CALLBACK (on_sample_updated), self);
  gtk_widget_set_sensitive (self->compact_button,
                            self->monitor != NULL && !self->busy && !self->sandboxed);
  mg_tuning_page_refresh (self);
}

void
mg_tuning_page_set_sysctl_root (MgTuningPage *self,
                                const char   *root)
{
  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  if (g_strcmp0 (self->sysctl_root, root) == 0)
    return;
  g_free (self->sysctl_root);
  self->sysctl_root = g_strdup (root);
  mg_tuning_page_refresh (self);
  reset_persist (self);
}

void
mg_tuning_page_set_sandboxed (MgTuningPage *self,
                              gboolean      sandboxed)
{
  g_return_if_fail (MG_IS_TUNING_PAGE (self));

  self->sandboxed = !!sandboxed;
  gtk_widget_set_visible (self->sandbox_note, self->sandboxed);
  gtk_widget_set_sensitive (self->compact_button,
                            self->monitor != NULL && !self->busy && !self->sandboxed);
  update_can_apply (self);
}

gboolean
mg_tuning_page_get_persist (MgTuningPage *self)
{
  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->persist_check));
}

MgTuningRow *
mg_tuning_page_get_row (MgTuningPage *self,
                        MgSysctlKey   key)
{
  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), NULL);
  g_return_val_if_fail (key < MG_SYSCTL_N_KEYS, NULL);

  return self->rows[key];
}

const char *
mg_tuning_page_get_message (MgTuningPage *self)
{
  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), NULL);

  return gtk_widget_get_visible (self->status_label)
         ? gtk_label_get_text (GTK_LABEL (self->status_label)) : NULL;
}

const char *
mg_tuning_page_get_compact_message (MgTuningPage *self)
{
  g_return_val_if_fail (MG_IS_TUNING_PAGE (self), NULL);

  return gtk_widget_get_visible (self->compact_label)
         ? gtk_label_get_text (GTK_LABEL (self->compact_label)) : NULL;
}

static void
on_row_value (MgTuningPage *self)
{
  update_can_apply (self);
}

static void
on_persist_toggled (MgTuningPage *self)
{
  update_can_apply (self);
}

static void
mg_tuning_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mg_tuning_page_parent_class)->map (widget);

  /* What another program or a sysctl.d edit changed meanwhile. */
  mg_tuning_page_refresh (MG_TUNING_PAGE (widget));
}

static void
mg_tuning_page_dispose (GObject *object)
{
  MgTuningPage *self = MG_TUNING_PAGE (object);

  /* A pending request is withdrawn: pkexec still waiting for a password is stopped. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->compact_step = COMPACT_IDLE;
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (mg_tuning_page_parent_class)->dispose (object);
}

static void
mg_tuning_page_finalize (GObject *object)
{
  MgTuningPage *self = MG_TUNING_PAGE (object);

  g_free (self->sysctl_root);

  G_OBJECT_CLASS (mg_tuning_page_parent_class)->finalize (object);
}

static void
mg_tuning_page_class_init (MgTuningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_tuning_page_dispose;
  object_class->finalize = mg_tuning_page_finalize;
  widget_class->map = mg_tuning_page_map;

  /**
   * MgTuningPage::applied:
   *
   * Emitted when an Apply has finished and its message is shown.
   */
  signals[SIGNAL_APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MgTuningPage::compacted:
   *
   * Emitted when Compact Now has finished and its report is shown.
   */
  signals[SIGNAL_COMPACTED] =
    g_signal_new ("compacted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MG_TYPE_SANDBOX_NOTE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-tuning-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, rows_box);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, defaults_button);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, desktop_button);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, persist_check);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, compact_button);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, compact_label);
  gtk_widget_class_bind_template_child (widget_class, MgTuningPage, sandbox_note);
  gtk_widget_class_bind_template_callback (widget_class, on_persist_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_desktop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, mg_tuning_page_apply);
  gtk_widget_class_bind_template_callback (widget_class, mg_tuning_page_compact);
}

static void
mg_tuning_page_init (MgTuningPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_button_set_label (GTK_BUTTON (self->defaults_button),
                        mg_sysctl_preset_get_label (MG_SYSCTL_PRESET_KERNEL_DEFAULTS));
  gtk_button_set_label (GTK_BUTTON (self->desktop_button),
                        mg_sysctl_preset_get_label (MG_SYSCTL_PRESET_DESKTOP));

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      GtkWidget *row = mg_tuning_row_new ((MgSysctlKey) k);

      if (k > 0)
        {
          GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

          gtk_widget_show (separator);
          gtk_container_add (GTK_CONTAINER (self->rows_box), separator);
        }
      g_object_set (row, "margin-start", 12, "margin-end", 12, "margin-top", 8,
                    "margin-bottom", 8, NULL);
      gtk_widget_show (row);
      gtk_container_add (GTK_CONTAINER (self->rows_box), row);
      self->rows[k] = MG_TUNING_ROW (row);
      g_signal_connect_swapped (row, "notify::value", G_CALLBACK (on_row_value), self);
    }

  gtk_widget_set_sensitive (self->compact_button, FALSE);
  mg_tuning_page_refresh (self);
  reset_persist (self);
  mg_tuning_page_set_sandboxed (self, mg_swappiness_in_flatpak (NULL));
}
