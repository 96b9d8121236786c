/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSandboxNote: why MemGauge cannot change kernel settings in a Flatpak sandbox, and the
 * command to run outside it; shown by the swappiness dialog and the Tuning page. */

#define G_LOG_DOMAIN "memgauge"

#include "config.h"

#include "mg-helper-client.h"
#include "mg-sandbox-note.h"

struct _MgSandboxNote {
  GtkBox    parent_instance;

  GtkLabel *sandbox_command_label;
};

G_DEFINE_FINAL_TYPE (MgSandboxNote, mg_sandbox_note, GTK_TYPE_BOX)

void
mg_sandbox_note_set_command (MgSandboxNote        *self,
                             const MgSysctlValues *values,
                             gboolean              persist)
{
  g_autofree char *command = NULL;

  g_return_if_fail (MG_IS_SANDBOX_NOTE (self));
  g_return_if_fail (values != NULL);

  command = mg_helper_client_host_command_values (values, persist);
  /* Without a live value there is nothing to offer: the explanation stays, alone. */
  gtk_label_set_text (self->sandbox_command_label, command != NULL ? command : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_command_label), command != NULL);
}

const char *
mg_sandbox_note_get_command (MgSandboxNote *self)
{
  g_return_val_if_fail (MG_IS_SANDBOX_NOTE (self), NULL);

  return gtk_label_get_text (self->sandbox_command_label);
}

static void
mg_sandbox_note_class_init (MgSandboxNoteClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-sandbox-note.ui");
  gtk_widget_class_bind_template_child (widget_class, MgSandboxNote, sandbox_command_label);
}

static void
mg_sandbox_note_init (MgSandboxNote *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
