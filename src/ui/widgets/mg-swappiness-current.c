/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSwappinessCurrent: the swappiness in use, what it means, and a note when there is no swap. */

#define G_LOG_DOMAIN "memgauge-swappiness"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-swappiness-current.h"

struct _MgSwappinessCurrent {
  GtkBox     parent_instance;

  GtkLabel  *current_label;
  GtkWidget *noswap_box;
};

G_DEFINE_FINAL_TYPE (MgSwappinessCurrent, mg_swappiness_current, GTK_TYPE_BOX)

void
mg_swappiness_current_set_sample (MgSwappinessCurrent *self,
                                  const MgSample      *sample)
{
  g_autofree char *text = NULL;
  gboolean no_swap;

  g_return_if_fail (MG_IS_SWAPPINESS_CURRENT (self));

  if (sample != NULL && sample->has_swappiness)
    {
      /* Translators: %u is the swappiness the kernel uses right now, 0 to 200. */
      text = g_strdup_printf (_("Swappiness in use: %u"), sample->swappiness);
    }
  else
    {
      /* Translators: the swappiness in use could not be read from /proc. */
      text = g_strdup (_("Swappiness in use: unknown"));
    }
  gtk_label_set_text (self->current_label, text);

  /* Without swap, memory that programs own cannot leave RAM whatever swappiness says: the
   * kernel can only drop cached files, so the value has next to nothing to weigh. */
  no_swap = sample != NULL && mg_meminfo_has (&sample->meminfo, MG_MEMINFO_SWAP_TOTAL) &&
            sample->meminfo.kib[MG_MEMINFO_SWAP_TOTAL] == 0;
  gtk_widget_set_visible (self->noswap_box, no_swap);
}

static void
mg_swappiness_current_class_init (MgSwappinessCurrentClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-swappiness-current.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessCurrent, current_label);
  gtk_widget_class_bind_template_child (widget_class, MgSwappinessCurrent, noswap_box);
}

static void
mg_swappiness_current_init (MgSwappinessCurrent *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mg_swappiness_current_set_sample (self, NULL);
}
