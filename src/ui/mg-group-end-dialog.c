/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-end-dialog: "End “Firefox”?" — the question before a group or a process is
 * ended, and what went wrong if it could not be. */

#define G_LOG_DOMAIN "memgauge-group-end"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-cgroup-walker.h"
#include "mg-env.h"
#include "mg-format.h"
#include "mg-group-end-dialog.h"
#include "mg-group-ender.h"
#include "mg-group-scanner.h"

enum {
  RESPONSE_END = 1,
};

static const char *
display_name (const MgGroup *group)
{
  return group->name != NULL ? group->name : group->path;
}

static GtkWidget *
show_error_named (GtkWindow  *parent,
                  const char *name,
                  const char *message)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   /* Translators: %s is an app's or container's name */
                                   _("Cannot end “%s”"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  gtk_widget_set_name (dialog, "group-end-error");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_widget_show (dialog);
  return dialog;
}

static GtkWidget *
show_error (GtkWindow     *parent,
            const MgGroup *group,
            const char    *message)
{
  return show_error_named (parent, display_name (group), message);
}

/* A group or, without @group, the one process @process. */
typedef struct {
  GtkWindow      *parent;
  MgGroup        *group;
  MgProcessUsage  process;
  char           *name;
  MgEndDoneFunc   done;
  gpointer        done_data;
  GDestroyNotify  done_destroy;
} EndRequest;

static void
end_request_free (EndRequest *request)
{
  if (request->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (request->parent), (gpointer *) &request->parent);
  g_clear_pointer (&request->group, mg_group_free);
  if (request->done_destroy != NULL)
    request->done_destroy (request->done_data);
  g_free (request->name);
  g_free (request);
}

static EndRequest *
end_request_new (GtkWindow      *parent,
                 const char     *name,
                 MgEndDoneFunc   done,
                 gpointer        done_data,
                 GDestroyNotify  done_destroy)
{
  EndRequest *request = g_new0 (EndRequest, 1);

  request->name = g_strdup (name);
  request->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &request->parent);
  request->done = done;
  request->done_data = done_data;
  request->done_destroy = done_destroy;
  return request;
}

static void
on_ended (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  EndRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!mg_group_end_finish (result, NULL, &error))
    {
      g_message ("Could not end %s: %s", request->name, error->message);
      show_error_named (request->parent, request->name, error->message);
    }
  /* Whatever happened, what the list shows has changed or is in doubt. */
  if (request->done != NULL)
    request->done (request->done_data);
  end_request_free (request);
}

static void
on_response (GtkDialog  *dialog,
             int         response,
             EndRequest *request)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == RESPONSE_END && request->group != NULL)
    mg_group_end_async (request->group, NULL, on_ended, request);
  else if (response == RESPONSE_END)
    mg_process_end_async (&request->process, NULL, on_ended, request);
  else
    end_request_free (request);
}

static char *
describe (gboolean has_kib,
          guint64  kib,
          guint    n_processes)
{
  g_autofree char *size = NULL;

  if (!has_kib)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This ends %u process. Unsaved work in it is lost.",
                                         "This ends %u processes. Unsaved work in them is lost.",
                                         n_processes),
                            n_processes);

  size = mg_format_size_kib (kib);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "This ends 1 process and frees about
                                        * 2.1 GiB. Unsaved work in it is lost." */
                                       "This ends %u process and frees about %s. "
                                       "Unsaved work in it is lost.",
                                       "This ends %u processes and frees about %s. "
                                       "Unsaved work in it is lost.",
                                       n_processes),
                          n_processes, size);
}

char *
mg_group_end_dialog_describe (const MgGroup *group,
                              guint          n_processes)
{
  return describe (mg_group_has (group, MG_GROUP_HAS_USAGE), group->usage_kib, n_processes);
}

/* The question, which owns @request from here on. */
static GtkWidget *
ask (GtkWindow  *parent,
     EndRequest *request,
     const char *secondary)
{
  GtkWidget *dialog;
  GtkWidget *end_button;

  g_debug ("Asking whether to end %s", request->name);
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   /* Translators: %s is an app's or container's name */
                                   _("End “%s”?"), request->name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  /* Translators: the button that ends a group's processes */
  end_button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_End"), RESPONSE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (end_button), "destructive-action");
  /* Enter and Escape keep everything running: ending takes a deliberate choice. */
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_widget_set_name (dialog, "group-end-question");

  g_signal_connect (dialog, "response", G_CALLBACK (on_response), request);
  gtk_widget_show (dialog);
  return dialog;
}

GtkWidget *
mg_group_end_dialog_run (GtkWindow      *parent,
                         const MgGroup  *group,
                         MgEndDoneFunc   done,
                         gpointer        done_data,
                         GDestroyNotify  done_destroy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secondary = NULL;
  EndRequest *request;
  guint n_processes = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  request = end_request_new (parent, display_name (group), done, done_data, done_destroy);
  if (!mg_group_end_check (group, &n_processes, &error))
    {
      GtkWidget *dialog = show_error (parent, group, error->message);

      end_request_free (request);
      return dialog;
    }
  request->group = mg_group_copy (group);
  secondary = mg_group_end_dialog_describe (group, n_processes);
  return ask (parent, request, secondary);
}

GtkWidget *
mg_process_end_dialog_run (GtkWindow            *parent,
                           const MgProcessUsage *process,
                           MgEndDoneFunc         done,
                           gpointer              done_data,
                           GDestroyNotify        done_destroy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *secondary = NULL;
  EndRequest *request;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (process != NULL, NULL);

  name = g_utf8_make_valid (process->name, -1);
  request = end_request_new (parent, name, done, done_data, done_destroy);
  if (!mg_process_end_check (process, &error))
    {
      GtkWidget *dialog = show_error_named (parent, name, error->message);

      end_request_free (request);
      return dialog;
    }
  request->process = *process;
  secondary = describe (TRUE, process->kib, 1);
  return ask (parent, request, secondary);
}

typedef struct {
  GtkApplication *app;
  char           *path;
} PathRequest;

static void
path_request_free (PathRequest *request)
{
  g_object_unref (request->app);
  g_free (request->path);
  g_free (request);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (mg_env_get_cgroup_root ());
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (NULL, NULL);
  GError *error = NULL;
  GPtrArray *groups = mg_group_collect (walker, namer, cancellable, &error);

  if (groups != NULL)
    g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
mg_group_end_collect_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_name (task, "[memgauge] find groups to end");
  g_task_run_in_thread (task, collect_thread);
}

static void
on_collected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PathRequest *request = user_data;
  g_autoptr(GPtrArray) groups = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkWindow *parent = gtk_application_get_active_window (request->app);

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      if (g_str_equal (group->path, request->path))
        {
          mg_group_end_dialog_run (parent, group, NULL, NULL, NULL);
          path_request_free (request);
          return;
        }
    }

  {
    g_autoptr(MgGroup) gone = mg_group_new (request->path);

    show_error (parent, gone, _("It has no processes left."));
  }
  path_request_free (request);
}

void
mg_group_end_dialog_run_for_path (GtkApplication *app,
                                  const char     *path)
{
  PathRequest *request;

  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (path != NULL);

  request = g_new0 (PathRequest, 1);
  request->app = g_object_ref (app);
  request->path = g_strdup (path);
  mg_group_end_collect_async (NULL, on_collected, request);
}
