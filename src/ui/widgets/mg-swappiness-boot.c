/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessBoot: what swappiness will be after a restart (and which file overrides ours),
 * or, in a sandbox, the command to run outside it. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include "mg-sandbox-note.h"
#include "mg-swappiness-boot.h"

struct _MgSwappinessBoot {
  GtkBox            parent_instance;

  GtkWidget        *boot_box;
  GtkLabel         *persisted_label;
  GtkLabel         *persisted_path_label;
  GtkWidget        *override_box;
  GtkLabel         *override_label;
  GtkWidget        *sandbox_box;

  char             *root;
  MgSwappinessScan *scan;
};

G_DEFINE_FINAL_TYPE (MgSwappinessBoot, mg_swappiness_boot, GTK_TYPE_BOX)

void
mg_swappiness_boot_rescan (MgSwappinessBoot *self)
{
  g_autofree char *persisted = NULL;
  g_autofree char *warning = NULL;
  const char *path = NULL;

  g_return_if_fail (MG_IS_SWAPPINESS_BOOT (self));

  g_clear_pointer (&self->scan, mg_swappiness_scan_free);
  self->scan = mg_swappiness_scan_sysctl (self->root);

  /* The path goes on a line of its own: in running text, long paths break at their dashes. */
  persisted = mg_swappiness_scan_describe_boot (self->scan, self->root, &path);
  gtk_label_set_text (self->persisted_label, persisted);
  gtk_label_set_text (self->persisted_path_label, path != NULL ? path : "");
  gtk_widget_set_visible (GTK_WIDGET (self->persisted_path_label), path != NULL);

  warning = mg_swappiness_scan_describe_override (self->scan, self->root);
  gtk_label_set_text (self->override_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (self->override_box, warning != NULL);
}

void
mg_swappiness_boot_set_root (MgSwappinessBoot *self,
                             const char       *root)
{
  g_return_if_fail (MG_IS_SWAPPINESS_BOOT (self));

  if (g_strcmp0 (self->root, root) == 0)
    return;

  g_free (self->root);
  self->root = g_strdup (root);
  mg_swappiness_boot_rescan (self);
}

const char *
mg_swappiness_boot_get_root (MgSwappinessBoot *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_BOOT (self), NULL);

  return self->root;
}

const MgSwappinessScan *
mg_swappiness_boot_get_scan (MgSwappinessBoot *self)
{
  g_return_val_if_fail (MG_IS_SWAPPINESS_BOOT (self), NULL);

  return self->scan;
}

void
mg_swappiness_boot_set_sandboxed (MgSwappinessBoot *self,
                                  gboolean          sandboxed)
{
  g_return_if_fail (MG_IS_SWAPPINESS_BOOT (self));

  gtk_widget_set_visible (self->boot_box, !sandboxed);
  gtk_widget_set_visible (self->sandbox_box, sandboxed);
}

void
mg_swappiness_boot_set_command (MgSwappinessBoot *self,
                                guint             value,
                                gboolean          persist)
{
  MgSysctlValues values = { { 0 } };

  g_return_if_fail (MG_IS_SWAPPINESS_BOOT (self));

  values.set[MG_SYSCTL_SWAPPINESS] = TRUE;
  values.value[MG_SYSCTL_SWAPPINESS] = value;
  mg_sandbox_note_set_command (MG_SANDBOX_NOTE (self->sandbox_box), &values, persist);
}

static void
mg_swappiness_boot_finalize (GObject *object)
{
  MgSwappinessBoot *self = MG_SWAPPINESS_BOOT (object);

  g_clear_pointer (&self->scan, mg_swappiness_scan_free);
  g_free (self->root);

  G_OBJECT_CLASS (mg_swappiness_boot_parent_class)->finalize (object);
}

static void
mg_swappiness_boot_class_init (MgSwappinessBootClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mg_swappiness_boot_finalize;

  g_type_ensure (MG_TYPE_SANDBOX_NOTE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-boot.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, boot_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, persisted_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, persisted_path_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, override_box);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, override_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessBoot, sandbox_box);
}

static void
mg_swappiness_boot_init (MgSwappinessBoot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mg_swappiness_boot_rescan (self);
}
