/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgTuningRow: one kernel setting on the Tuning page: its value, default, meaning and boot files. */

#define G_LOG_DOMAIN "memgauge-tuning"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-tuning-row.h"
#include "mg-widget-util.h"

/* What each key is called and what it is for, from Documentation/admin-guide/sysctl/vm.rst
 * and the guides the issue names; the advice is the common case, not a rule. */
typedef struct {
  const char *title;
  const char *description;
} KeyInfo;

static const KeyInfo key_info[MG_SYSCTL_N_KEYS] = {
  [MG_SYSCTL_SWAPPINESS] = {
    /* Translators: vm.swappiness */
    N_("Swappiness"),
    N_("How readily the kernel swaps out program memory rather than dropping file cache. "
       "Lower it (10) on a desktop to keep programs in memory; go above 100 only with fast "
       "swap such as zram.") },
  [MG_SYSCTL_VFS_CACHE_PRESSURE] = {
    /* Translators: vm.vfs_cache_pressure */
    N_("File name cache pressure"),
    N_("How quickly the kernel drops its cache of folders and file names. Lower it (50) to "
       "keep browsing files quick; 100 treats it like other cache.") },
  [MG_SYSCTL_COMPACTION_PROACTIVENESS] = {
    /* Translators: vm.compaction_proactiveness */
    N_("Proactive compaction"),
    N_("How hard the kernel works in the background to keep large free blocks for huge "
       "pages. Raise it when huge pages often fail; 0 turns it off.") },
  [MG_SYSCTL_OVERCOMMIT_MEMORY] = {
    /* Translators: vm.overcommit_memory */
    N_("Overcommit mode"),
    N_("0 lets the kernel guess whether a request fits, 1 always grants it, 2 never grants "
       "more than swap plus a share of memory. Change it only when a program’s documentation "
       "asks for it.") },
  [MG_SYSCTL_MIN_FREE_KBYTES] = {
    /* Translators: vm.min_free_kbytes */
    N_("Reserved free memory (KiB)"),
    N_("Memory the kernel keeps free for urgent needs. Raise it a little when the kernel log "
       "shows page allocation failures; too much wastes memory.") },
  [MG_SYSCTL_DIRTY_RATIO] = {
    /* Translators: vm.dirty_ratio */
    N_("Unwritten data limit (%)"),
    N_("The share of memory that may hold file data not yet written before writing programs "
       "must wait. Lower it when copying to a slow USB drive stalls the desktop.") },
  [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = {
    /* Translators: vm.dirty_background_ratio */
    N_("Background writing start (%)"),
    N_("The share of memory with unwritten file data at which the kernel starts writing it "
       "in the background. It must stay below the unwritten data limit.") },
};

struct _MgTuningRow {
  GtkGrid      parent_instance;

  MgSysctlKey  key;
  GtkWidget   *title_label;
  GtkWidget   *spin_button;
  GtkWidget   *description_label;
  GtkWidget   *values_label;
  GtkWidget   *boot_label;
  GtkAdjustment *adjustment;

  gboolean     have_live;
  guint64      live;
  gboolean     have_default;
  guint64      default_value;
  gboolean     followed;
};

G_DEFINE_FINAL_TYPE (MgTuningRow, mg_tuning_row, GTK_TYPE_GRID)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
mg_tuning_row_get_title (MgSysctlKey key)
{
  g_return_val_if_fail (key < MG_SYSCTL_N_KEYS, NULL);

  return _(key_info[key].title);
}

static void
update_values_label (MgTuningRow *self)
{
  g_autofree char *live = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *text = NULL;

  if (self->have_live)
    live = g_strdup_printf ("%llu", (unsigned long long) self->live);

  if (!self->have_live)
    text = g_strdup (_("This kernel does not have this setting."));
  else if (self->have_default)
    /* Translators: the value of a kernel setting now, then Linux's own default */
    text = g_strdup_printf (_("In use: %s · Kernel default: %llu"), live,
                            (unsigned long long) self->default_value);
  else
    /* Translators: the value of a kernel setting now; its default depends on the machine */
    text = g_strdup_printf (_("In use: %s · Kernel default: computed at boot"), live);

  mg_label_set_text_if_changed (GTK_LABEL (self->values_label), text);
  fallback = g_strdup_printf ("%s. %s", text, _(key_info[self->key].description));
  mg_widget_set_accessible_description (self->spin_button, fallback);
}

static void
on_value_changed (GtkAdjustment *adjustment,
                  MgTuningRow   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

GtkWidget *
mg_tuning_row_new (MgSysctlKey key)
{
  MgTuningRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (key < MG_SYSCTL_N_KEYS, NULL);

  self = g_object_new (MG_TYPE_TUNING_ROW, NULL);
  self->key = key;

  title = g_strdup_printf ("%s <span size=\"small\" alpha=\"60%%\">%s</span>",
                           _(key_info[key].title), mg_sysctl_key_name (key));
  gtk_label_set_markup (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->description_label), _(key_info[key].description));
  mg_widget_set_accessible_name (self->spin_button, _(key_info[key].title));
  update_values_label (self);

  return GTK_WIDGET (self);
}

MgSysctlKey
mg_tuning_row_get_key (MgTuningRow *self)
{
  g_return_val_if_fail (MG_IS_TUNING_ROW (self), MG_SYSCTL_N_KEYS);

  return self->key;
}

GtkWidget *
mg_tuning_row_get_spin_button (MgTuningRow *self)
{
  g_return_val_if_fail (MG_IS_TUNING_ROW (self), NULL);

  return self->spin_button;
}

/* The boot files' line, or NULL when no file sets the key. */
const char *
mg_tuning_row_get_boot_text (MgTuningRow *self)
{
  g_return_val_if_fail (MG_IS_TUNING_ROW (self), NULL);

  return gtk_widget_get_visible (self->boot_label)
         ? gtk_label_get_text (GTK_LABEL (self->boot_label)) : NULL;
}

guint64
mg_tuning_row_get_value (MgTuningRow *self)
{
  g_return_val_if_fail (MG_IS_TUNING_ROW (self), 0);

  return (guint64) (gtk_adjustment_get_value (self->adjustment) + 0.5);
}

void
mg_tuning_row_set_value (MgTuningRow *self,
                         guint64      value)
{
  g_return_if_fail (MG_IS_TUNING_ROW (self));

  gtk_adjustment_set_value (self->adjustment, (double) value);
}

void
mg_tuning_row_set_range (MgTuningRow *self,
                         guint64      min,
                         guint64      max)
{
  g_return_if_fail (MG_IS_TUNING_ROW (self));
  g_return_if_fail (min <= max);

  gtk_adjustment_configure (self->adjustment,
                            CLAMP (gtk_adjustment_get_value (self->adjustment), min, max),
                            (double) min, (double) max, 1.0,
                            max - min >= 1000 ? 1024.0 : 10.0, 0.0);
}

void
mg_tuning_row_set_live (MgTuningRow *self,
                        gboolean     have,
                        guint64      value,
                        gboolean     follow)
{
  g_return_if_fail (MG_IS_TUNING_ROW (self));

  self->have_live = have;
  self->live = value;
  /* A field for a setting this kernel lacks would show a number that means nothing. */
  gtk_widget_set_sensitive (self->spin_button, have);
  gtk_widget_set_visible (self->spin_button, have);
  /* The controls start at the live value once; later readings must not undo a choice. */
  if (have && (follow || !self->followed))
    {
      self->followed = TRUE;
      mg_tuning_row_set_value (self, value);
    }
  update_values_label (self);
}

void
mg_tuning_row_set_default (MgTuningRow *self,
                           gboolean     have,
                           guint64      value)
{
  g_return_if_fail (MG_IS_TUNING_ROW (self));

  self->have_default = have;
  self->default_value = value;
  update_values_label (self);
}

void
mg_tuning_row_set_scan (MgTuningRow            *self,
                        const MgSwappinessScan *scan,
                        const char             *root)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MG_IS_TUNING_ROW (self));
  g_return_if_fail (scan != NULL);

  if (scan->overridden_by != NULL)
    /* Translators: a file path, then the value it sets; MemGauge's own file cannot win */
    text = g_strdup_printf (_("At boot: %s sets %s, read after MemGauge’s file, so it wins."),
                            mg_swappiness_scan_display_path (root, scan->overridden_by->path),
                            scan->overridden_by->value);
  else if (scan->persisted != NULL)
    /* Translators: the value MemGauge saved, then its file */
    text = g_strdup_printf (_("At boot: %s, saved by MemGauge in %s."), scan->persisted->value,
                            mg_swappiness_scan_display_path (root, scan->persisted->path));
  else if (scan->winner != NULL)
    /* Translators: the value another file sets, then the file */
    text = g_strdup_printf (_("At boot: %s, set by %s."), scan->winner->value,
                            mg_swappiness_scan_display_path (root, scan->winner->path));

  gtk_widget_set_visible (self->boot_label, text != NULL);
  mg_label_set_text_if_changed (GTK_LABEL (self->boot_label), text != NULL ? text : "");
}

static void
mg_tuning_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MgTuningRow *self = MG_TUNING_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_uint64 (value, mg_tuning_row_get_value (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mg_tuning_row_class_init (MgTuningRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mg_tuning_row_get_property;

  properties[PROP_VALUE] =
    g_param_spec_uint64 ("value", NULL, NULL, 0, G_MAXINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static GtkWidget *
new_label (const char *style_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_hexpand (label, TRUE);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  gtk_widget_show (label);

  return label;
}

static void
mg_tuning_row_init (MgTuningRow *self)
{
  GtkGrid *grid = GTK_GRID (self);

  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 2);

  self->adjustment = gtk_adjustment_new (0.0, 0.0, 1.0, 1.0, 10.0, 0.0);
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (on_value_changed), self);

  self->title_label = new_label ("heading");
  gtk_label_set_use_markup (GTK_LABEL (self->title_label), TRUE);
  self->spin_button = gtk_spin_button_new (self->adjustment, 1.0, 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->spin_button), TRUE);
  gtk_entry_set_width_chars (GTK_ENTRY (self->spin_button), 7);
  gtk_widget_set_valign (self->spin_button, GTK_ALIGN_CENTER);
  mg_spin_button_clamp_typed (GTK_SPIN_BUTTON (self->spin_button));
  gtk_widget_show (self->spin_button);
  gtk_widget_set_no_show_all (self->spin_button, TRUE);
  /* The title names the field: its mnemonic is the spin button's. */
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->title_label), self->spin_button);

  self->description_label = new_label ("dim-label");
  self->values_label = new_label ("numeric");
  self->boot_label = new_label ("dim-label");
  gtk_label_set_selectable (GTK_LABEL (self->boot_label), FALSE);

  gtk_grid_attach (grid, self->title_label, 0, 0, 1, 1);
  gtk_grid_attach (grid, self->spin_button, 1, 0, 1, 2);
  gtk_grid_attach (grid, self->values_label, 0, 1, 1, 1);
  gtk_grid_attach (grid, self->description_label, 0, 2, 2, 1);
  gtk_grid_attach (grid, self->boot_label, 0, 3, 2, 1);
  gtk_widget_hide (self->boot_label);
  gtk_widget_set_no_show_all (self->boot_label, TRUE);
}
