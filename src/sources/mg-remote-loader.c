/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-loader: the program's remote sources, loaded on first use from the
 * memgauge-remote module, so that a program with no remote machine maps neither libsoup
 * nor json-glib (README "Idle cost"). Unit tests link the sources themselves instead. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <gmodule.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mg-parse-remote.h"
#include "mg-remote-module.h"
#include "mg-remote-url.h"

/* MG_REMOTE_MODULE_DIR (the installed module's folder), MG_BUILD_PROGRAM_DIR and
 * MG_BUILD_MODULE_DIR (where this build leaves the program and the module) come from
 * src/sources/meson.build. */

static const MgRemoteModule *loaded;
static char *load_error;

/* The build's module for the build's program (the tests run it uninstalled); the installed
 * one for any other. Only the program's own path decides: no variable of the environment
 * can make an installed program load code from elsewhere. */
static char *
module_path (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *program_dir = program != NULL ? g_path_get_dirname (program) : NULL;
  g_autofree char *build_dir = realpath (MG_BUILD_PROGRAM_DIR, NULL);

  if (program_dir != NULL && build_dir != NULL && g_strcmp0 (program_dir, build_dir) == 0)
    return g_build_filename (MG_BUILD_MODULE_DIR, MG_REMOTE_MODULE_FILE, NULL);
  return g_build_filename (MG_REMOTE_MODULE_DIR, MG_REMOTE_MODULE_FILE, NULL);
}

static const MgRemoteModule *
open_module (char **why)
{
  g_autofree char *path = module_path ();
  const MgRemoteModule *(*get) (void) = NULL;
  const MgRemoteModule *table;
  GModule *module;

  /* Local binding: the module's libsoup and json-glib symbols stay its own. */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      *why = g_strdup (g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, MG_REMOTE_MODULE_SYMBOL, (gpointer *) &get) || get == NULL)
    {
      *why = g_strdup (g_module_error ());
      g_module_close (module);
      return NULL;
    }
  table = get ();
  if (table == NULL || table->version != MG_REMOTE_MODULE_VERSION ||
      table->size < sizeof (MgRemoteModule) ||
      g_strcmp0 (table->package_version, PACKAGE_VERSION) != 0)
    {
      /* Translators: a module file left behind by another release of MemGauge. */
      *why = g_strdup_printf (_("%s is from another version of MemGauge"), path);
      g_module_close (module);
      return NULL;
    }
  /* Its types are registered with GObject for good. */
  g_module_make_resident (module);
  return table;
}

/* The module's table, loaded by the first caller; %NULL when it cannot be (load_error says
 * why), and then for good. */
static const MgRemoteModule *
remote_module (void)
{
  static gsize tried = 0;

  if (g_once_init_enter (&tried))
    {
      loaded = open_module (&load_error);
      if (loaded == NULL)
        g_message ("Remote machines are not available: %s", load_error);
      g_once_init_leave (&tried, 1);
    }
  return loaded;
}

static void
set_unavailable (GError **error)
{
  g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_NETWORK,
               /* Translators: the end is the system's reason, such as a file not found. */
               _("remote machines are not available: %s"), load_error);
}

/* Without the module, a remote source is a stand-in of the same type name that keeps its
 * URL and name and fails every read with the reason, so that its machine shows it in words
 * as any other failure. */
typedef struct {
  GObject  parent_instance;
  GUri    *uri;
  char    *name;
} Missing;

static void
missing_finalize (GObject *object)
{
  Missing *self = (Missing *) object;

  g_clear_pointer (&self->uri, g_uri_unref);
  g_free (self->name);
  G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->finalize (object);
}

static void
missing_class_init (gpointer klass,
                    gpointer class_data)
{
  G_OBJECT_CLASS (klass)->finalize = missing_finalize;
}

static void
missing_fail (gpointer             self,
              gpointer             tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, tag);
  set_unavailable (&error);
  g_task_return_error (task, error);
}

static void
missing_read_async (MgSource            *source,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  missing_fail (source, missing_read_async, cancellable, callback, user_data);
}

static gboolean
missing_read_finish (MgSource      *source,
                     GAsyncResult  *result,
                     MgSample      *sample,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
missing_source_init (gpointer iface,
                     gpointer iface_data)
{
  MgSourceInterface *source_iface = iface;

  source_iface->read_async = missing_read_async;
  source_iface->read_finish = missing_read_finish;
}

static GType
missing_type (const char *name,
              gboolean    is_source)
{
  static const GInterfaceInfo source_info = { missing_source_init, NULL, NULL };
  GType type = g_type_register_static_simple (G_TYPE_OBJECT, g_intern_static_string (name),
                                              sizeof (GObjectClass), missing_class_init,
                                              sizeof (Missing), NULL, G_TYPE_FLAG_FINAL);

  if (is_source)
    g_type_add_interface_static (type, MG_TYPE_SOURCE, &source_info);
  return type;
}

static gpointer
missing_new (GType  type,
             GUri  *uri)
{
  Missing *self = g_object_new (type, NULL);

  self->uri = g_uri_ref (uri);
  self->name = mg_remote_url_name (uri);
  return self;
}

/* mg-source-node-exporter.h */

GType
mg_source_node_exporter_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      const MgRemoteModule *module = remote_module ();

      g_once_init_leave (&type, module != NULL ? module->node_exporter_get_type ()
                                               : missing_type ("MgSourceNodeExporter", TRUE));
    }
  return type;
}

MgSource *
mg_source_node_exporter_new (GUri       *uri,
                             const char *fingerprint)
{
  const MgRemoteModule *module = remote_module ();

  g_return_val_if_fail (uri != NULL, NULL);

  if (module != NULL)
    return module->node_exporter_new (uri, fingerprint);
  return missing_new (MG_TYPE_SOURCE_NODE_EXPORTER, uri);
}

const char *
mg_source_node_exporter_get_name (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return loaded != NULL ? loaded->node_exporter_get_name (self) : ((Missing *) self)->name;
}

GUri *
mg_source_node_exporter_get_uri (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return loaded != NULL ? loaded->node_exporter_get_uri (self) : ((Missing *) self)->uri;
}

const char *
mg_source_node_exporter_get_peer_fingerprint (MgSourceNodeExporter *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self), NULL);

  return loaded != NULL ? loaded->node_exporter_get_peer_fingerprint (self) : NULL;
}

void
mg_source_node_exporter_set_authorization (MgSourceNodeExporter *self,
                                           const char           *authorization)
{
  g_return_if_fail (MG_IS_SOURCE_NODE_EXPORTER (self));

  if (loaded != NULL)
    loaded->node_exporter_set_authorization (self, authorization);
}

/* mg-source-prometheus.h */

void
mg_remote_host_free (MgRemoteHost *host)
{
  if (host == NULL)
    return;
  g_free (host->name);
  g_free (host->error);
  g_free (host);
}

GType
mg_source_prometheus_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      const MgRemoteModule *module = remote_module ();

      g_once_init_leave (&type, module != NULL ? module->prometheus_get_type ()
                                               : missing_type ("MgSourcePrometheus", FALSE));
    }
  return type;
}

MgSourcePrometheus *
mg_source_prometheus_new (GUri       *uri,
                          const char *fingerprint)
{
  const MgRemoteModule *module = remote_module ();

  g_return_val_if_fail (uri != NULL, NULL);

  if (module != NULL)
    return module->prometheus_new (uri, fingerprint);
  return missing_new (MG_TYPE_SOURCE_PROMETHEUS, uri);
}

void
mg_source_prometheus_query_async (MgSourcePrometheus  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MG_IS_SOURCE_PROMETHEUS (self));

  if (loaded != NULL)
    loaded->prometheus_query_async (self, cancellable, callback, user_data);
  else
    missing_fail (self, mg_source_prometheus_query_async, cancellable, callback, user_data);
}

GPtrArray *
mg_source_prometheus_query_finish (MgSourcePrometheus  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  if (loaded != NULL)
    return loaded->prometheus_query_finish (self, result, error);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GUri *
mg_source_prometheus_get_uri (MgSourcePrometheus *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_PROMETHEUS (self), NULL);

  return loaded != NULL ? loaded->prometheus_get_uri (self) : ((Missing *) self)->uri;
}

const char *
mg_source_prometheus_get_peer_fingerprint (MgSourcePrometheus *self)
{
  g_return_val_if_fail (MG_IS_SOURCE_PROMETHEUS (self), NULL);

  return loaded != NULL ? loaded->prometheus_get_peer_fingerprint (self) : NULL;
}

void
mg_source_prometheus_set_authorization (MgSourcePrometheus *self,
                                        const char         *authorization)
{
  g_return_if_fail (MG_IS_SOURCE_PROMETHEUS (self));

  if (loaded != NULL)
    loaded->prometheus_set_authorization (self, authorization);
}

/* mg-remote-fetch.h */

SoupSession *
mg_remote_session_new (void)
{
  const MgRemoteModule *module = remote_module ();

  return module != NULL ? module->session_new () : NULL;
}

void
mg_remote_fetch_async (GUri                *uri,
                       const char          *content_type,
                       const char          *accept_params,
                       const char          *fingerprint,
                       const char          *authorization,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  const MgRemoteModule *module = remote_module ();

  if (module != NULL)
    module->fetch_async (uri, content_type, accept_params, fingerprint, authorization,
                         cancellable, callback, user_data);
  else
    missing_fail (NULL, mg_remote_fetch_async, cancellable, callback, user_data);
}

GBytes *
mg_remote_fetch_finish (GAsyncResult  *result,
                        char         **peer_fingerprint,
                        GError       **error)
{
  if (loaded != NULL)
    return loaded->fetch_finish (result, peer_fingerprint, error);

  if (peer_fingerprint != NULL)
    *peer_fingerprint = NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Loads nothing: a program that never used a remote source has no I/O thread to end. */
void
mg_remote_io_shutdown (void)
{
  if (loaded != NULL)
    loaded->io_shutdown ();
}

char *
mg_remote_certificate_fingerprint (GTlsCertificate *certificate)
{
  const MgRemoteModule *module = remote_module ();
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  if (module != NULL)
    return module->certificate_fingerprint (certificate);

  /* Only GIO's part, so that a certificate can be named without the module. */
  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return g_strdup ("");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}
