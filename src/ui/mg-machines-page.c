/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachinesPage: the settings' Machines page: the remote sources of `remote-sources` in a
 * list with Add, Edit and Remove; what the tray icon shows; when a machine that does not
 * answer is announced. */

#define G_LOG_DOMAIN "memgauge-machines"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-machines-page.h"
#include "mg-remote-credentials.h"
#include "mg-remote-sources-edit.h"
#include "mg-remote-url.h"
#include "mg-widget-util.h"

struct _MgMachinesPage {
  GtkBox           parent_instance;

  GSettings       *settings;
  gulong           sources_handler;
  MgMachineDialog *dialog;            /* weak */
  GtkWidget       *remove_question;   /* weak */
  char            *remove_id;

  /* Template children */
  GtkWidget       *list;
  GtkWidget       *edit_button;
  GtkWidget       *remove_button;
  GtkWidget       *tray_combo;
  GtkWidget       *unreachable_spin;
  GtkWidget       *unreachable_unit;
  GtkWidget       *unreachable_caption;
};

G_DEFINE_FINAL_TYPE (MgMachinesPage, mg_machines_page, GTK_TYPE_BOX)

#define ROW_ID "mg-source-id"
#define ROW_NAME "mg-source-name"
#define ROW_HAS_CREDENTIALS "mg-source-has-credentials"

/* "http://build-box:9100/metrics · node_exporter · every 15 s · password" */
static char *
describe_source (const char *url,
                 const char *auth,
                 const char *fingerprint,
                 guint       interval)
{
  GString *text = g_string_new (url);
  MgRemoteKind kind;

  g_string_append (text, " · ");
  if (!mg_remote_sources_parse_url (url, &kind, NULL, NULL))
    /* Translators: a remote source whose address cannot be used (set with gsettings). */
    g_string_append (text, _("address not usable"));
  else
    g_string_append (text, kind == MG_REMOTE_KIND_NODE_EXPORTER ? "node_exporter" : "Prometheus");
  g_string_append (text, " · ");
  /* Translators: how often a remote machine is polled. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "every %u second",
                                             "every %u seconds", interval), interval);
  switch (mg_remote_auth_from_string (auth))
    {
    case MG_REMOTE_AUTH_BASIC:
      /* Translators: a remote machine is read with a user name and password. */
      g_string_append_printf (text, " · %s", _("user name and password"));
      break;
    case MG_REMOTE_AUTH_BEARER:
      /* Translators: a remote machine is read with a bearer token. */
      g_string_append_printf (text, " · %s", _("token"));
      break;
    case MG_REMOTE_AUTH_NONE:
    default:
      break;
    }
  if (*fingerprint != '\0')
    /* Translators: a remote machine's self-signed certificate was accepted. */
    g_string_append_printf (text, " · %s", _("accepted certificate"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
source_row_new (const char *id,
                const char *name,
                const char *url,
                const char *auth,
                const char *fingerprint,
                guint       interval)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (name);
  g_autofree char *details = describe_source (url, auth, fingerprint, interval);
  GtkWidget *subtitle = gtk_label_new (details);
  AtkObject *accessible = gtk_widget_get_accessible (row);

  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8,
                NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_MIDDLE);
  /* The window stays within 600 px: a long address is shortened, its whole in the tooltip. */
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 50);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 50);
  gtk_widget_set_tooltip_text (subtitle, details);
  gtk_style_context_add_class (gtk_widget_get_style_context (subtitle), "dim-label");
  gtk_style_context_add_class (gtk_widget_get_style_context (title), "mg-machine-name");
  gtk_container_add (GTK_CONTAINER (box), title);
  gtk_container_add (GTK_CONTAINER (box), subtitle);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);

  atk_object_set_name (accessible, name);
  atk_object_set_description (accessible, details);
  g_object_set_data_full (G_OBJECT (row), ROW_ID, g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), ROW_NAME, g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), ROW_HAS_CREDENTIALS,
                     GINT_TO_POINTER (mg_remote_auth_from_string (auth) != MG_REMOTE_AUTH_NONE));
  return row;
}

static GtkWidget *
empty_state_new (void)
{
  /* Translators: the Machines page's empty list; the line breaks keep each address whole. */
  GtkWidget *label = gtk_label_new (_("No machines yet. Add one with the address of a "
                                      "node_exporter, such as\nhttp://build-box:9100/metrics,\n"
                                      "or of a Prometheus server, such as\nhttp://monitor:9090."));

  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  g_object_set (label, "margin", 18, NULL);
  gtk_buildable_set_name (GTK_BUILDABLE (label), "empty_state");
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_widget_show (label);
  return label;
}

static const char *
selected_id (MgMachinesPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  return row != NULL ? g_object_get_data (G_OBJECT (row), ROW_ID) : NULL;
}

static void
rebuild (MgMachinesPage *self)
{
  g_autoptr(GVariant) sources = g_settings_get_value (self->settings, "remote-sources");
  g_autofree char *keep = g_strdup (selected_id (self));
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  const char *id, *name, *url, *auth, *fingerprint;
  guint32 interval;
  GVariantIter iter;

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);

  g_variant_iter_init (&iter, sources);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&su)", &id, &name, &url, &auth, &fingerprint,
                              &interval))
    {
      GtkWidget *row = source_row_new (id, name, url, auth, fingerprint, interval);

      gtk_container_add (GTK_CONTAINER (self->list), row);
      if (g_strcmp0 (id, keep) == 0)
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
    }
}

static void
on_sources_changed (MgMachinesPage *self)
{
  rebuild (self);
}

static void
on_row_selected (MgMachinesPage *self)
{
  gboolean selected = selected_id (self) != NULL;

  gtk_widget_set_sensitive (self->edit_button, selected);
  gtk_widget_set_sensitive (self->remove_button, selected);
}

static void
on_row_activated (MgMachinesPage *self,
                  GtkListBoxRow  *row)
{
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  mg_machines_page_edit_selected (self);
}

static void
on_unreachable_changed (MgMachinesPage *self)
{
  guint minutes = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->unreachable_spin));
  g_autofree char *caption = NULL;

  gtk_label_set_text (GTK_LABEL (self->unreachable_unit),
                      /* Translators: unit after “Notify when a machine does not answer for”. */
                      g_dngettext (GETTEXT_PACKAGE, "minute", "minutes", minutes));
  if (minutes == 0)
    caption = g_strdup (_("0: never. No notification when a machine does not answer."));
  else
    /* Translators: %u is a number of minutes. */
    caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "One notification after %u minute without an "
                                            "answer, another when the machine answers again.",
                                            "One notification after %u minutes without an "
                                            "answer, another when the machine answers again.",
                                            minutes), minutes);
  gtk_label_set_text (GTK_LABEL (self->unreachable_caption), caption);
  atk_object_set_description (gtk_widget_get_accessible (self->unreachable_spin), caption);
}

static void
open_dialog (MgMachinesPage *self,
             const char     *source_id)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_if_fail (self->settings != NULL);

  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }
  dialog = mg_machine_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                  self->settings, source_id);
  self->dialog = MG_MACHINE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mg_machines_page_add (MgMachinesPage *self)
{
  g_return_if_fail (MG_IS_MACHINES_PAGE (self));

  open_dialog (self, NULL);
}

void
mg_machines_page_edit_selected (MgMachinesPage *self)
{
  const char *id;

  g_return_if_fail (MG_IS_MACHINES_PAGE (self));

  id = selected_id (self);
  if (id != NULL)
    open_dialog (self, id);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mg_remote_credentials_clear_finish (result, &error))
    g_message ("Credentials of a removed remote source not cleared: %s", error->message);
}

static void
on_remove_response (MgMachinesPage *self,
                    int             response,
                    GtkDialog      *question)
{
  if (response == GTK_RESPONSE_ACCEPT && self->remove_id != NULL)
    {
      g_autoptr(GVariant) source = mg_remote_sources_find (self->settings, self->remove_id);
      const char *auth = "";

      if (source != NULL)
        g_variant_get_child (source, 3, "&s", &auth);
      if (mg_remote_sources_remove (self->settings, self->remove_id) && *auth != '\0')
        mg_remote_credentials_clear_async (self->remove_id, NULL, on_cleared, NULL);
    }
  g_clear_pointer (&self->remove_id, g_free);
  gtk_widget_destroy (GTK_WIDGET (question));
}

void
mg_machines_page_remove_selected (MgMachinesPage *self)
{
  GtkListBoxRow *row;
  GtkWidget *toplevel;
  GtkWidget *question;
  GtkWidget *remove;
  const char *name;

  g_return_if_fail (MG_IS_MACHINES_PAGE (self));

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  if (row == NULL || self->remove_question != NULL)
    return;
  name = g_object_get_data (G_OBJECT (row), ROW_NAME);
  toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  question = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                     /* Translators: %s is a remote machine's name. */
                                     _("Remove “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (question), "%s",
                                            g_object_get_data (G_OBJECT (row), ROW_HAS_CREDENTIALS)
                                            ? _("MemGauge stops watching it and removes its "
                                                "credentials from the keyring.")
                                            : _("MemGauge stops watching it."));
  gtk_dialog_add_button (GTK_DIALOG (question), _("_Cancel"), GTK_RESPONSE_CANCEL);
  remove = gtk_dialog_add_button (GTK_DIALOG (question), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (remove), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);

  g_free (self->remove_id);
  self->remove_id = g_strdup (g_object_get_data (G_OBJECT (row), ROW_ID));
  self->remove_question = question;
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &self->remove_question);
  g_signal_connect_swapped (question, "response", G_CALLBACK (on_remove_response), self);
  gtk_window_present (GTK_WINDOW (question));
}

static gboolean
on_list_key_press (GtkWidget      *list,
                   GdkEventKey    *event,
                   MgMachinesPage *self)
{
  GdkModifierType modifiers = event->state & gtk_accelerator_get_default_mod_mask ();

  if (event->keyval == GDK_KEY_Delete && modifiers == 0 && selected_id (self) != NULL)
    {
      mg_machines_page_remove_selected (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

void
mg_machines_page_set_settings (MgMachinesPage *self,
                               GSettings      *settings)
{
  g_return_if_fail (MG_IS_MACHINES_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "tray-shows", self->tray_combo, "active-id", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "unreachable-minutes", self->unreachable_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  self->sources_handler = g_signal_connect_swapped (settings, "changed::remote-sources",
                                                    G_CALLBACK (on_sources_changed), self);
  rebuild (self);
  on_unreachable_changed (self);
}

MgMachineDialog *
mg_machines_page_get_dialog (MgMachinesPage *self)
{
  g_return_val_if_fail (MG_IS_MACHINES_PAGE (self), NULL);

  return self->dialog;
}

GtkWidget *
mg_machines_page_get_remove_question (MgMachinesPage *self)
{
  g_return_val_if_fail (MG_IS_MACHINES_PAGE (self), NULL);

  return self->remove_question;
}

static void
mg_machines_page_dispose (GObject *object)
{
  MgMachinesPage *self = MG_MACHINES_PAGE (object);

  if (self->settings != NULL)
    {
      g_clear_signal_handler (&self->sources_handler, self->settings);
      if (self->tray_combo != NULL)
        g_settings_unbind (self->tray_combo, "active-id");
      if (self->unreachable_spin != NULL)
        g_settings_unbind (self->unreachable_spin, "value");
    }
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_widget_destroy (GTK_WIDGET (g_steal_pointer (&self->dialog)));
    }
  if (self->remove_question != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->remove_question),
                                    (gpointer *) &self->remove_question);
      g_signal_handlers_disconnect_by_data (self->remove_question, self);
      gtk_widget_destroy (g_steal_pointer (&self->remove_question));
    }
  g_clear_pointer (&self->remove_id, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_machines_page_parent_class)->dispose (object);
}

static void
mg_machines_page_class_init (MgMachinesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mg_machines_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-machines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, list);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, tray_combo);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, unreachable_spin);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, unreachable_unit);
  gtk_widget_class_bind_template_child (widget_class, MgMachinesPage, unreachable_caption);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_unreachable_changed);
  gtk_widget_class_bind_template_callback (widget_class, mg_machines_page_add);
  gtk_widget_class_bind_template_callback (widget_class, mg_machines_page_edit_selected);
  gtk_widget_class_bind_template_callback (widget_class, mg_machines_page_remove_selected);
}

static void
mg_machines_page_init (MgMachinesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), empty_state_new ());
  g_signal_connect (self->list, "key-press-event", G_CALLBACK (on_list_key_press), self);
  mg_spin_button_clamp_typed (GTK_SPIN_BUTTON (self->unreachable_spin));
  on_unreachable_changed (self);
}
