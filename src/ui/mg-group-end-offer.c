/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-end-offer: "End “Firefox”" on the critical notification, and app.end-group. */

#define G_LOG_DOMAIN "memgauge-group-end"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "mg-group-end-dialog.h"
#include "mg-group-end-offer.h"
#include "mg-group-ender.h"

/* The running search's cancellable, on the application (one at a time). */
#define OFFER_KEY "memgauge-group-end-offer"

static void
on_end_group (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  const char *path = g_variant_get_string (parameter, NULL);

  g_debug ("app.end-group %s", path);
  if (path[0] == '/')
    mg_group_end_dialog_run_for_path (GTK_APPLICATION (user_data), path);
}

void
mg_group_end_offer_install (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "end-group", on_end_group, "s", NULL, NULL },
  };

  g_return_if_fail (G_IS_APPLICATION (app));

  if (g_action_map_lookup_action (G_ACTION_MAP (app), "end-group") == NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries),
                                     app);
}

typedef struct {
  GApplication  *app;
  char          *id;
  GNotification *notification;
} Offer;

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->app);
  g_free (offer->id);
  g_object_unref (offer->notification);
  g_free (offer);
}

static void
on_collected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: the notification was withdrawn, or a newer one replaces this one. */
  if (groups == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      offer_free (offer);
      return;
    }
  g_object_set_data (G_OBJECT (offer->app), OFFER_KEY, NULL);
  if (groups == NULL)
    g_debug ("No app to offer to end: %s", error->message);

  /* Largest first: the first app or container the user may end. */
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *label = NULL;

      if (group->kind != MG_GROUP_KIND_APP && group->kind != MG_GROUP_KIND_CONTAINER)
        continue;
      if (!mg_group_end_check (group, NULL, NULL))
        continue;

      /* Translators: a button on the critical notification, "End “Firefox”" */
      label = g_strdup_printf (_("End “%s”"), group->name != NULL ? group->name : group->path);
      g_notification_add_button_with_target (offer->notification, label, "app.end-group",
                                             "s", group->path);
      g_debug ("Offering to end %s", group->path);
      break;
    }
  g_application_send_notification (offer->app, offer->id, offer->notification);
  offer_free (offer);
}

void
mg_group_end_offer_send (GApplication  *app,
                           const char    *id,
                           GNotification *notification)
{
  GCancellable *cancellable;
  Offer *offer;

  g_return_if_fail (G_IS_APPLICATION (app));
  g_return_if_fail (G_IS_NOTIFICATION (notification));

  mg_group_end_offer_install (app);
  mg_group_end_offer_cancel (app);

  offer = g_new0 (Offer, 1);
  offer->app = g_object_ref (app);
  offer->id = g_strdup (id);
  offer->notification = g_object_ref (notification);
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (app), OFFER_KEY, cancellable, g_object_unref);

  mg_group_end_collect_async (cancellable, on_collected, offer);
}

void
mg_group_end_offer_cancel (GApplication *app)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (app), OFFER_KEY);

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  g_object_set_data (G_OBJECT (app), OFFER_KEY, NULL);
}
