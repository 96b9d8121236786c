/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-remote-fetch: one bounded HTTP(S) GET with libsoup 3, asynchronous, for the remote
 * sources. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mg-parse-remote.h"
#include "mg-remote-certificate.h"
#include "mg-remote-fetch.h"

/* The body's first buffer when the server gives no length (node_exporter streams): its
 * answer for two collectors (16 to 17 KiB) fits, read into the buffer as it is, and the
 * buffer grows by doubling only past it. One allocation a poll, no realloc. */
#define FIRST_BUFFER ((gsize) 32 * 1024)

typedef struct {
  SoupSession          *session;
  GUri                 *uri;
  char                 *content_type;
  char                 *accept;
  char                 *fingerprint;
  char                 *authorization;   /* the Authorization header, for the first host only */
  gboolean              authorization_sent;   /* with the request last sent */
  GCancellable         *cancellable;     /* ours: the deadline and the caller's cancel it */
  GCancellable         *caller_cancellable;
  gulong                caller_handler;
  GSource              *deadline;
  gboolean              timed_out;
  SoupMessage          *message;
  GInputStream         *stream;
  GByteArray           *body;
  gsize                 length;    /* of the body read so far; body->len is that plus room */
  guint                 redirects;
  GTlsCertificateFlags  tls_errors;
  char                 *peer_fingerprint;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  /* release_io() ran in the I/O thread: only plain data is left. */
  g_assert (fetch->message == NULL && fetch->stream == NULL && fetch->deadline == NULL);
  if (fetch->caller_handler != 0)
    g_cancellable_disconnect (fetch->caller_cancellable, fetch->caller_handler);
  g_clear_object (&fetch->caller_cancellable);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_free (fetch->content_type);
  g_free (fetch->accept);
  g_free (fetch->fingerprint);
  g_free (fetch->peer_fingerprint);
  if (fetch->authorization != NULL)
    explicit_bzero (fetch->authorization, strlen (fetch->authorization));
  g_free (fetch->authorization);
  g_free (fetch);
}

/* The proxies of the environment (http_proxy, https_proxy, no_proxy), looked up in place;
 * %NULL (no proxy at all) when none is set. GIO's default resolver is glib-networking's
 * libproxy module: a thread per lookup, and libproxy with libstdc++ resident, about 2 MiB
 * for a source polled every 15 s; even a resolver of our own leaves GSocketClient asking
 * for the default one first, so with no proxy none is given. */
static GProxyResolver *
environment_proxies (void)
{
  const char *const names[] = { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY" };
  const char *const schemes[] = { "http", "https" };
  const char *no_proxy = g_getenv ("no_proxy") != NULL ? g_getenv ("no_proxy")
                                                         : g_getenv ("NO_PROXY");
  g_auto(GStrv) ignore = NULL;
  GProxyResolver *resolver;
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    any |= g_getenv (names[i]) != NULL && *g_getenv (names[i]) != '\0';
  if (!any)
    return NULL;

  ignore = no_proxy != NULL ? g_strsplit (no_proxy, ",", -1) : NULL;
  resolver = g_simple_proxy_resolver_new (NULL, ignore);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *lower = g_strconcat (schemes[i], "_proxy", NULL);
      g_autofree char *upper = g_ascii_strup (lower, -1);
      const char *proxy = g_getenv (lower) != NULL ? g_getenv (lower) : g_getenv (upper);

      if (proxy != NULL && *proxy != '\0')
        g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), schemes[i],
                                               proxy);
    }
  return resolver;
}

SoupSession *
mg_remote_session_new (void)
{
  g_autofree char *agent = g_strdup_printf ("MemGauge/%s", PACKAGE_VERSION);
  g_autoptr(GProxyResolver) proxies = environment_proxies ();
  SoupSession *session = soup_session_new_with_options ("timeout", MG_REMOTE_TIMEOUT_S,
                                                        "user-agent", agent,
                                                        "max-conns-per-host", 2,
                                                        "proxy-resolver", proxies,
                                                        NULL);

  /* No Accept-Encoding: a node_exporter answer for MemGauge's collectors is a few KiB, and
   * an inflate state per response costs more CPU than the bytes it saves on a LAN. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

/* The I/O thread: every remote request runs in its main context, so that nothing libsoup,
 * GIO's TLS or GnuTLS do blocks the app's. Debian 12's glib-networking loads the system's
 * certificate authorities for every new TLS connection (35 ms here, 150 ms for the first,
 * which also loads GnuTLS). It waits in poll() between requests: no timer, no wakeup. Its
 * session is made there, since a libsoup session belongs to its thread's context. */
typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  SoupSession  *session;
  GMutex        lock;
  GCond         ready;
} IoThread;

static IoThread io_thread;
static gsize io_thread_started;

static gpointer
io_thread_run (gpointer data)
{
  IoThread *io = data;

  g_main_context_push_thread_default (io->context);
  g_mutex_lock (&io->lock);
  io->session = mg_remote_session_new ();
  g_cond_signal (&io->ready);
  g_mutex_unlock (&io->lock);
  g_main_loop_run (io->loop);
  g_clear_object (&io->session);
  g_main_context_pop_thread_default (io->context);
  return NULL;
}

static IoThread *
io_thread_get (void)
{
  IoThread *io = &io_thread;

  if (g_once_init_enter (&io_thread_started))
    {
      io->context = g_main_context_new ();
      io->loop = g_main_loop_new (io->context, FALSE);
      g_mutex_init (&io->lock);
      g_cond_init (&io->ready);
      g_mutex_lock (&io->lock);
      io->thread = g_thread_new ("memgauge-remote", io_thread_run, io);
      while (io->session == NULL)
        g_cond_wait (&io->ready, &io->lock);
      g_mutex_unlock (&io->lock);
      g_once_init_leave (&io_thread_started, 1);
    }
  return io;
}

static gboolean
quit_io_thread (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
mg_remote_io_shutdown (void)
{
  IoThread *io = &io_thread;

  if (g_atomic_pointer_get (&io_thread_started) == 0 || io->thread == NULL)
    return;
  g_main_context_invoke (io->context, quit_io_thread, io->loop);
  g_thread_join (g_steal_pointer (&io->thread));
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Fetch *fetch = user_data;

  fetch->tls_errors = errors;
  g_free (fetch->peer_fingerprint);
  fetch->peer_fingerprint = mg_remote_certificate_fingerprint (certificate);
  return fetch->fingerprint != NULL && *fetch->fingerprint != '\0' &&
         strcmp (fetch->fingerprint, fetch->peer_fingerprint) == 0;
}

/* The words a person reads for what GIO and libsoup report. */
static GError *
words_for (Fetch  *fetch,
           GError *error)
{
  if (fetch->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TIMEOUT,
                        /* Translators: %d is a number of seconds */
                        _("timed out after %d s"), MG_REMOTE_TIMEOUT_S);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (fetch->tls_errors != 0)
    {
      g_autofree char *words = mg_remote_certificate_words (fetch->tls_errors);

      return g_error_new_literal (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TLS, words);
    }
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    return g_error_new_literal (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TLS,
                                _("the server does not speak TLS"));
  if (error->domain == G_TLS_ERROR)
    return g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TLS,
                        /* Translators: %s is GIO's message */
                        _("TLS failed: %s"), error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new_literal (MG_REMOTE_ERROR, MG_REMOTE_ERROR_NETWORK,
                                _("connection refused"));
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new_literal (MG_REMOTE_ERROR, MG_REMOTE_ERROR_NETWORK,
                                _("host not found"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_error_new_literal (MG_REMOTE_ERROR, MG_REMOTE_ERROR_NETWORK,
                                _("host unreachable"));
  return g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_NETWORK,
                      /* Translators: %s is libsoup's or GIO's message */
                      _("cannot read from the server: %s"), error->message);
}

/* What belongs to the I/O thread goes before the task returns: the caller's thread
 * finalizes the task, and libsoup's objects must not be touched there. */
static void
release_io (Fetch *fetch)
{
  if (fetch->deadline != NULL)
    {
      g_source_destroy (fetch->deadline);
      g_clear_pointer (&fetch->deadline, g_source_unref);
    }
  g_clear_object (&fetch->stream);
  if (fetch->message != NULL)
    g_signal_handlers_disconnect_by_data (fetch->message, fetch);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
}

static void
finish_with (GTask  *task,
             GError *error)
{
  release_io (g_task_get_task_data (task));
  g_task_return_error (task, error);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  finish_with (task, words_for (fetch, error));
  g_error_free (error);
}

static void send_request (GTask *task);
static void on_read      (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

/* Reads straight into the room left in the body (body->len is its size; fetch->length of
 * it is read), which doubles when full, to one byte past the cap at most: no buffer per
 * chunk, and a read of 0 bytes (the end) into the room left. */
static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->length == fetch->body->len)
    g_byte_array_set_size (fetch->body, (guint) MIN ((gsize) fetch->body->len * 2,
                                                     MG_REMOTE_MAX_RESPONSE + 1));
  g_input_stream_read_async (fetch->stream, fetch->body->data + fetch->length,
                             fetch->body->len - fetch->length, G_PRIORITY_DEFAULT,
                             fetch->cancellable, on_read, task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      return_error (task, error);
      return;
    }
  fetch->length += (gsize) n;
  if (n == 0)
    {
      g_byte_array_set_size (fetch->body, (guint) fetch->length);
      release_io (fetch);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (fetch->length > MG_REMOTE_MAX_RESPONSE)
    {
      finish_with (task, g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                                      _("response over 4 MiB")));
      return;
    }
  read_more (g_steal_pointer (&task));
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Follows a redirect itself, so that the number and the schemes are ours to limit. */
static void
redirect (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;

  if (++fetch->redirects > MG_REMOTE_MAX_REDIRECTS)
    {
      finish_with (task, g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_HTTP,
                                      /* Translators: %d is a small number */
                                      _("more than %d redirects"), MG_REMOTE_MAX_REDIRECTS));
      g_object_unref (task);
      return;
    }
  if (location != NULL)
    next = g_uri_parse_relative (fetch->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 &&
                       g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      finish_with (task, g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_HTTP,
                                      _("a redirect to an unusable address")));
      g_object_unref (task);
      return;
    }
  /* Credentials go to the machine they were given for, never to one a redirect names. */
  if (fetch->authorization != NULL &&
      (g_strcmp0 (g_uri_get_host (next), g_uri_get_host (fetch->uri)) != 0 ||
       g_uri_get_port (next) != g_uri_get_port (fetch->uri) ||
       g_strcmp0 (g_uri_get_scheme (next), g_uri_get_scheme (fetch->uri)) != 0))
    {
      explicit_bzero (fetch->authorization, strlen (fetch->authorization));
      g_clear_pointer (&fetch->authorization, g_free);
    }
  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);
  g_clear_object (&fetch->stream);
  send_request (task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  goffset length;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (fetch->stream == NULL)
    {
      return_error (task, error);
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (is_redirect (status))
    {
      redirect (task);
      return;
    }
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      if (fetch->authorization_sent)
        /* Translators: %u is 401 or 403 */
        error = g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_AUTH,
                             _("the server refused the user name, password or token (HTTP %u)"),
                             status);
      else
        /* Translators: %u is 401 or 403 */
        error = g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_AUTH,
                             _("the server asks for a user name and password or a token (HTTP %u)"),
                             status);
      finish_with (task, error);
      g_object_unref (task);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      int code = status == SOUP_STATUS_BAD_REQUEST ? MG_REMOTE_ERROR_BAD_REQUEST
                                                    : MG_REMOTE_ERROR_HTTP;

      finish_with (task, g_error_new (MG_REMOTE_ERROR, code,
                                      /* Translators: %u is an HTTP status code such as 404 */
                                      _("HTTP %u"), status));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_response_headers (fetch->message);
  type = soup_message_headers_get_content_type (headers, NULL);
  if (type == NULL || g_ascii_strcasecmp (type, fetch->content_type) != 0)
    {
      finish_with (task, g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_CONTENT_TYPE,
                                      /* Translators: the first %s is what the server sent, the
                                      * second what MemGauge expects (text/plain, …) */
                                      _("wrong content type “%s” (expected %s)"),
                                      type != NULL ? type : "", fetch->content_type));
      g_object_unref (task);
      return;
    }
  if (soup_message_headers_get_content_length (headers) > (goffset) MG_REMOTE_MAX_RESPONSE)
    {
      finish_with (task, g_error_new (MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                                      _("response over 4 MiB")));
      g_object_unref (task);
      return;
    }

  /* node_exporter streams without a length; Prometheus gives one. */
  length = MAX (soup_message_headers_get_content_length (headers), 0);
  fetch->body = g_byte_array_sized_new ((guint) CLAMP ((gsize) length + 1, FIRST_BUFFER,
                                                       MG_REMOTE_MAX_RESPONSE + 1));
  g_byte_array_set_size (fetch->body, (guint) CLAMP ((gsize) length + 1, FIRST_BUFFER,
                                                     MG_REMOTE_MAX_RESPONSE + 1));
  fetch->length = 0;
  read_more (task);
}

static void
send_request (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_clear_object (&fetch->message);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, fetch->uri);
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (fetch->message),
                                "Accept", fetch->accept);
  fetch->authorization_sent = fetch->authorization != NULL;
  if (fetch->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (fetch->message),
                                  "Authorization", fetch->authorization);
  g_signal_connect (fetch->message, "accept-certificate",
                    G_CALLBACK (on_accept_certificate), fetch);
  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->cancellable, on_sent, task);
}

static gboolean
on_deadline (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
start_in_io_thread (gpointer data)
{
  GTask *task = data;
  Fetch *fetch = g_task_get_task_data (task);
  IoThread *io = io_thread_get ();

  fetch->session = g_object_ref (io->session);
  fetch->deadline = g_timeout_source_new (MG_REMOTE_TIMEOUT_S * 1000);
  g_source_set_callback (fetch->deadline, on_deadline, fetch, NULL);
  g_source_set_static_name (fetch->deadline, "[memgauge] remote deadline");
  g_source_attach (fetch->deadline, io->context);
  send_request (task);
  return G_SOURCE_REMOVE;
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
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (content_type != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mg_remote_fetch_async);
  /* The caller's cancellable is not GTask's concern: the error must come from the read. */
  g_task_set_check_cancellable (task, FALSE);

  fetch = g_new0 (Fetch, 1);
  fetch->uri = g_uri_ref (uri);
  fetch->content_type = g_strdup (content_type);
  fetch->accept = g_strconcat (content_type, accept_params, NULL);
  fetch->fingerprint = fingerprint != NULL ? mg_remote_fingerprint_normalize (fingerprint) : NULL;
  fetch->authorization = g_strdup (authorization);
  fetch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (cancellable != NULL)
    {
      fetch->caller_cancellable = g_object_ref (cancellable);
      fetch->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                     g_object_ref (fetch->cancellable),
                                                     g_object_unref);
    }

  /* The task returns to the caller's context, whichever thread returns it. */
  g_main_context_invoke (io_thread_get ()->context, start_in_io_thread, task);
}

GBytes *
mg_remote_fetch_finish (GAsyncResult  *result,
                        char         **peer_fingerprint,
                        GError       **error)
{
  Fetch *fetch;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (peer_fingerprint != NULL)
    *peer_fingerprint = fetch->tls_errors != 0 ? g_strdup (fetch->peer_fingerprint) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}
