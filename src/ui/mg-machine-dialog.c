/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgMachineDialog: the Add/Edit dialog of the settings' Machines page: one remote source's
 * name, address, interval and credentials, Test Connection, and a certificate to accept. */

#define G_LOG_DOMAIN "memgauge-machines"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-machine-dialog.h"
#include "mg-remote-credentials.h"
#include "mg-remote-fleet.h"
#include "mg-remote-probe.h"
#include "mg-remote-sources-edit.h"
#include "mg-remote-url.h"
#include "mg-widget-util.h"

struct _MgMachineDialog {
  GtkDialog     parent_instance;

  GSettings    *settings;
  char         *source_id;
  gboolean      is_new;
  gboolean      had_credentials;   /* as `remote-sources` said when the dialog opened */
  /* The certificate `remote-sources` accepts for this source, and one the last test
   * refused; "Accept this certificate" saves the latter, or keeps the former. */
  char         *saved_fingerprint;
  char         *peer_fingerprint;
  GCancellable *probe_cancellable;
  GCancellable *keyring_cancellable;
  gboolean      probing;
  gboolean      keyring_busy;

  /* Template children */
  GtkWidget    *name_entry;
  GtkWidget    *url_entry;
  GtkWidget    *url_message;
  GtkWidget    *interval_spin;
  GtkWidget    *auth_combo;
  GtkWidget    *user_label;
  GtkWidget    *user_entry;
  GtkWidget    *password_label;
  GtkWidget    *password_entry;
  GtkWidget    *token_label;
  GtkWidget    *token_entry;
  GtkWidget    *test_button;
  GtkWidget    *spinner;
  GtkWidget    *result_label;
  GtkWidget    *fingerprint_label;
  GtkWidget    *accept_check;
  GtkWidget    *keyring_message;
  GtkButton    *cancel_button;
  GtkWidget    *save_button;
};

G_DEFINE_FINAL_TYPE (MgMachineDialog, mg_machine_dialog, GTK_TYPE_DIALOG)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static MgRemoteAuth
entered_auth (MgMachineDialog *self)
{
  return mg_remote_auth_from_string (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->auth_combo)));
}

/* The secret as stored (see mg-remote-credentials.c); %NULL when nothing was entered. */
static char *
entered_secret (MgMachineDialog *self)
{
  const char *user = gtk_entry_get_text (GTK_ENTRY (self->user_entry));
  const char *password = gtk_entry_get_text (GTK_ENTRY (self->password_entry));
  const char *token = gtk_entry_get_text (GTK_ENTRY (self->token_entry));

  switch (entered_auth (self))
    {
    case MG_REMOTE_AUTH_BASIC:
      if (*user == '\0' && *password == '\0')
        return NULL;
      return mg_remote_credentials_join (user, password);
    case MG_REMOTE_AUTH_BEARER:
      return *token != '\0' ? g_strdup (token) : NULL;
    case MG_REMOTE_AUTH_NONE:
    default:
      return NULL;
    }
}

/* The certificate to trust: only with "Accept this certificate" checked. */
static const char *
accepted_fingerprint (MgMachineDialog *self)
{
  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->accept_check)))
    return "";
  if (self->peer_fingerprint != NULL)
    return self->peer_fingerprint;
  return self->saved_fingerprint != NULL ? self->saved_fingerprint : "";
}

static void
update_sensitivity (MgMachineDialog *self)
{
  const char *url = gtk_entry_get_text (GTK_ENTRY (self->url_entry));
  gboolean valid = mg_remote_sources_parse_url (url, NULL, NULL, NULL);

  gtk_widget_set_sensitive (self->test_button, valid && !self->probing);
  gtk_widget_set_sensitive (self->save_button, valid && !self->keyring_busy);
  if (self->probing || self->keyring_busy)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));
}

static void
show_message (GtkWidget  *label,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

/* 64 hex digits in pairs, as browsers show a certificate's fingerprint. */
static void
show_fingerprint (MgMachineDialog *self)
{
  const char *fingerprint = self->peer_fingerprint != NULL ? self->peer_fingerprint
                                                           : self->saved_fingerprint;
  g_autoptr(GString) pairs = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (fingerprint == NULL || *fingerprint == '\0')
    {
      show_message (self->fingerprint_label, NULL);
      gtk_widget_hide (self->accept_check);
      return;
    }
  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p == ':')
        continue;
      if (pairs->len > 0 && pairs->len % 3 == 2)
        g_string_append_c (pairs, ':');
      g_string_append_c (pairs, g_ascii_toupper (*p));
    }
  if (self->peer_fingerprint != NULL)
    /* Translators: shown when a machine's certificate did not verify; %s is its SHA-256. */
    text = g_strdup_printf (_("The certificate does not verify. Accept it only if its owner "
                              "confirms its SHA-256 fingerprint:\n%s"), pairs->str);
  else
    /* Translators: %s is the SHA-256 of a certificate accepted earlier. */
    text = g_strdup_printf (_("Accepted certificate: SHA-256 %s"), pairs->str);
  show_message (self->fingerprint_label, text);
  gtk_widget_show (self->accept_check);
}

static void
on_url_changed (MgMachineDialog *self)
{
  const char *url = gtk_entry_get_text (GTK_ENTRY (self->url_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *name = NULL;
  const char *message;
  MgRemoteKind kind;
  GtkStyleContext *style = gtk_widget_get_style_context (self->url_entry);
  GtkStyleContext *message_style = gtk_widget_get_style_context (self->url_message);
  gboolean bad = FALSE;

  /* A refused certificate belongs to the address it came from. */
  g_clear_pointer (&self->peer_fingerprint, g_free);
  show_fingerprint (self);

  if (*url == '\0')
    message = _("The address of a node_exporter, such as http://build-box:9100/metrics, or of "
                "a Prometheus server, such as http://monitor:9090");
  else if (!mg_remote_sources_parse_url (url, &kind, &uri, &error))
    {
      message = error->message;
      bad = TRUE;
    }
  else
    {
      name = mg_remote_url_name (uri);
      message = kind == MG_REMOTE_KIND_NODE_EXPORTER ? _("A node_exporter: MemGauge reads this machine")
                                                     : _("A Prometheus server: MemGauge shows every machine it scrapes");
    }

  gtk_label_set_text (GTK_LABEL (self->url_message), message);
  atk_object_set_description (gtk_widget_get_accessible (self->url_entry), message);
  if (bad)
    {
      gtk_style_context_add_class (style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_remove_class (message_style, "dim-label");
      gtk_style_context_add_class (message_style, "mg-error");
    }
  else
    {
      gtk_style_context_remove_class (style, GTK_STYLE_CLASS_ERROR);
      gtk_style_context_add_class (message_style, "dim-label");
      gtk_style_context_remove_class (message_style, "mg-error");
    }
  /* An empty name takes the machine's own. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry), name);
  update_sensitivity (self);
}

static void
on_auth_changed (MgMachineDialog *self)
{
  MgRemoteAuth auth = entered_auth (self);
  GtkWidget *basic[] = { self->user_label, self->user_entry, self->password_label,
                         self->password_entry };

  for (gsize i = 0; i < G_N_ELEMENTS (basic); i++)
    gtk_widget_set_visible (basic[i], auth == MG_REMOTE_AUTH_BASIC);
  gtk_widget_set_visible (self->token_label, auth == MG_REMOTE_AUTH_BEARER);
  gtk_widget_set_visible (self->token_entry, auth == MG_REMOTE_AUTH_BEARER);
}

static void
on_probed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MgMachineDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *peer = NULL;
  g_autofree char *answer = mg_remote_probe_finish (result, &peer, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->probing = FALSE;
  if (answer == NULL)
    /* Translators: Test Connection failed; %s says why in words. */
    text = g_strdup_printf (_("Not connected: %s"), error->message);
  show_message (self->result_label, answer != NULL ? answer : text);
  if (peer != NULL)
    {
      g_free (self->peer_fingerprint);
      self->peer_fingerprint = g_steal_pointer (&peer);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->accept_check), FALSE);
      show_fingerprint (self);
    }
  update_sensitivity (self);
}

void
mg_machine_dialog_test_connection (MgMachineDialog *self)
{
  g_autofree char *secret = NULL;
  g_autofree char *authorization = NULL;

  g_return_if_fail (MG_IS_MACHINE_DIALOG (self));

  if (self->probing)
    return;
  secret = entered_secret (self);
  authorization = mg_remote_credentials_header (entered_auth (self), secret);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  self->probing = TRUE;
  show_message (self->result_label, _("Connecting…"));
  mg_remote_probe_async (gtk_entry_get_text (GTK_ENTRY (self->url_entry)), authorization,
                         accepted_fingerprint (self), self->probe_cancellable, on_probed,
                         g_object_ref (self));
  mg_remote_credentials_free (g_steal_pointer (&secret));
  mg_remote_credentials_free (g_steal_pointer (&authorization));
  update_sensitivity (self);
}

static void
on_test_clicked (MgMachineDialog *self)
{
  mg_machine_dialog_test_connection (self);
}

/* This source into `remote-sources`, in its place or appended when it is new. */
static void
write_source (MgMachineDialog *self)
{
  const char *url = gtk_entry_get_text (GTK_ENTRY (self->url_entry));
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self->name_entry))));
  guint interval = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->interval_spin));
  g_autoptr(GUri) uri = NULL;

  if (*name == '\0' && mg_remote_sources_parse_url (url, NULL, &uri, NULL))
    {
      g_free (name);
      name = mg_remote_url_name (uri);
    }
  mg_remote_sources_put (self->settings,
                         g_variant_new ("(sssssu)", self->source_id, name, url,
                                        mg_remote_auth_to_string (entered_auth (self)),
                                        accepted_fingerprint (self),
                                        CLAMP (interval, MG_REMOTE_INTERVAL_MIN,
                                               MG_REMOTE_INTERVAL_MAX)));
  self->is_new = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->source_id);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* The reference taken for the call; cppcheck follows members through a plain pointer. */
  g_autoptr(MgMachineDialog) owned = user_data;
  MgMachineDialog *self = owned;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!mg_remote_credentials_store_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->keyring_busy = FALSE;
  /* Saved either way: the source polls, with the credentials or without them. */
  write_source (self);
  if (error == NULL)
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  /* Translators: %s is the keyring's error; the machine was saved all the same. */
  text = g_strdup_printf (_("%s. The machine is saved and polled without them."), error->message);
  show_message (self->keyring_message, text);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  update_sensitivity (self);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mg_remote_credentials_clear_finish (result, &error))
    g_message ("Credentials of a remote source not removed: %s", error->message);
}

void
mg_machine_dialog_save (MgMachineDialog *self)
{
  g_autofree char *secret = NULL;
  g_autofree char *name = NULL;
  const char *url;

  g_return_if_fail (MG_IS_MACHINE_DIALOG (self));

  url = gtk_entry_get_text (GTK_ENTRY (self->url_entry));
  if (self->keyring_busy || !mg_remote_sources_parse_url (url, NULL, NULL, NULL))
    return;

  secret = entered_secret (self);
  if (entered_auth (self) == MG_REMOTE_AUTH_NONE)
    {
      if (self->had_credentials)
        mg_remote_credentials_clear_async (self->source_id, NULL, on_cleared, NULL);
      write_source (self);
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (secret == NULL)
    {
      /* Nothing entered: the keyring keeps what it has. */
      write_source (self);
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  name = g_strdup (gtk_entry_get_text (GTK_ENTRY (self->name_entry)));
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (url);
    }
  g_clear_object (&self->keyring_cancellable);
  self->keyring_cancellable = g_cancellable_new ();
  self->keyring_busy = TRUE;
  show_message (self->keyring_message, NULL);
  mg_remote_credentials_store_async (self->source_id, name, secret, self->keyring_cancellable,
                                     on_stored, g_object_ref (self));
  mg_remote_credentials_free (g_steal_pointer (&secret));
  update_sensitivity (self);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MgMachineDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = mg_remote_credentials_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->keyring_busy = FALSE;
  update_sensitivity (self);
  if (error != NULL)
    {
      show_message (self->keyring_message, error->message);
      return;
    }
  if (secret == NULL)
    return;
  if (entered_auth (self) == MG_REMOTE_AUTH_BASIC)
    {
      g_autofree char *user = NULL;
      char *password = NULL;

      mg_remote_credentials_split (secret, &user, &password);
      gtk_entry_set_text (GTK_ENTRY (self->user_entry), user);
      gtk_entry_set_text (GTK_ENTRY (self->password_entry), password);
      mg_remote_credentials_free (password);
    }
  else
    gtk_entry_set_text (GTK_ENTRY (self->token_entry), secret);
  mg_remote_credentials_free (secret);
}

/* Fills the fields from `remote-sources`, and the credentials from the keyring. */
static void
load_source (MgMachineDialog *self)
{
  g_autoptr(GVariant) source = mg_remote_sources_find (self->settings, self->source_id);
  const char *id, *name, *url, *auth, *fingerprint;
  guint32 interval;

  /* Gone meanwhile (removed with `gsettings`): Save adds it again. */
  self->is_new = source == NULL;
  if (source == NULL)
    return;
  g_variant_get (source, "(&s&s&s&s&su)", &id, &name, &url, &auth, &fingerprint, &interval);
  gtk_entry_set_text (GTK_ENTRY (self->name_entry), name);
  gtk_entry_set_text (GTK_ENTRY (self->url_entry), url);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->interval_spin), interval);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->auth_combo), *auth != '\0' ? auth : "none");
  self->saved_fingerprint = g_strdup (fingerprint);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->accept_check), *fingerprint != '\0');
  if (mg_remote_auth_from_string (auth) == MG_REMOTE_AUTH_NONE)
    return;
  self->had_credentials = TRUE;
  self->keyring_cancellable = g_cancellable_new ();
  self->keyring_busy = TRUE;
  mg_remote_credentials_lookup_async (id, self->keyring_cancellable, on_looked_up,
                                      g_object_ref (self));
}

static void
mg_machine_dialog_response (GtkDialog *dialog,
                            int        response)
{
  MgMachineDialog *self = MG_MACHINE_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    mg_machine_dialog_save (self);
  else
    gtk_widget_destroy (GTK_WIDGET (self));
}

static void
mg_machine_dialog_dispose (GObject *object)
{
  MgMachineDialog *self = MG_MACHINE_DIALOG (object);

  if (self->probe_cancellable != NULL)
    g_cancellable_cancel (self->probe_cancellable);
  if (self->keyring_cancellable != NULL)
    g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->keyring_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mg_machine_dialog_parent_class)->dispose (object);
}

static void
mg_machine_dialog_finalize (GObject *object)
{
  MgMachineDialog *self = MG_MACHINE_DIALOG (object);

  g_free (self->source_id);
  g_free (self->saved_fingerprint);
  g_free (self->peer_fingerprint);

  G_OBJECT_CLASS (mg_machine_dialog_parent_class)->finalize (object);
}

static void
mg_machine_dialog_class_init (MgMachineDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = mg_machine_dialog_dispose;
  object_class->finalize = mg_machine_dialog_finalize;
  dialog_class->response = mg_machine_dialog_response;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-machine-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MgMachineDialog, name)
  BIND (name_entry);
  BIND (url_entry);
  BIND (url_message);
  BIND (interval_spin);
  BIND (auth_combo);
  BIND (user_label);
  BIND (user_entry);
  BIND (password_label);
  BIND (password_entry);
  BIND (token_label);
  BIND (token_entry);
  BIND (test_button);
  BIND (spinner);
  BIND (result_label);
  BIND (fingerprint_label);
  BIND (accept_check);
  BIND (keyring_message);
  BIND (cancel_button);
  BIND (save_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_auth_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
mg_machine_dialog_init (MgMachineDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mg_spin_button_clamp_typed (GTK_SPIN_BUTTON (self->interval_spin));
}

GtkWidget *
mg_machine_dialog_new (GtkWindow  *parent,
                       GSettings  *settings,
                       const char *source_id)
{
  MgMachineDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MG_TYPE_MACHINE_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  gtk_window_set_title (GTK_WINDOW (self), source_id != NULL ? _("Edit Machine")
                                                             : _("Add Machine"));
  if (source_id != NULL)
    {
      self->source_id = g_strdup (source_id);
      load_source (self);
    }
  else
    {
      self->source_id = g_uuid_string_random ();
      self->is_new = TRUE;
    }
  on_url_changed (self);
  on_auth_changed (self);
  return GTK_WIDGET (self);
}

gboolean
mg_machine_dialog_get_busy (MgMachineDialog *self)
{
  g_return_val_if_fail (MG_IS_MACHINE_DIALOG (self), FALSE);

  return self->probing || self->keyring_busy;
}

const char *
mg_machine_dialog_get_source_id (MgMachineDialog *self)
{
  g_return_val_if_fail (MG_IS_MACHINE_DIALOG (self), NULL);

  return self->source_id;
}
