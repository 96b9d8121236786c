/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSource: where samples come from; one interface for /proc, a cgroup or a remote host. */

#define G_LOG_DOMAIN "memgauge-source"

#include "config.h"

#include "mg-source.h"

G_DEFINE_INTERFACE (MgSource, mg_source, G_TYPE_OBJECT)

typedef struct {
  MgSampleHook func;
  gpointer     user_data;
} SampleHook;

static G_DEFINE_QUARK (mg-source-sample-hook, sample_hook)

/* For sources that can read at once the asynchronous read is that read, completed on the
 * next main-loop iteration as GAsyncResult requires. The monitor never takes this path for
 * them (it calls read_now and so allocates nothing); callers that treat every source alike
 * do. */
static void
read_now_async (MgSource            *self,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree MgSample *sample = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, read_now_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  sample = g_new0 (MgSample, 1);
  if (MG_SOURCE_GET_IFACE (self)->read_now (self, sample, &error))
    g_task_return_pointer (task, g_steal_pointer (&sample), g_free);
  else
    g_task_return_error (task, error);
}

static gboolean
read_now_finish (MgSource      *self,
                 GAsyncResult  *result,
                 MgSample      *sample,
                 GError       **error)
{
  g_autofree MgSample *read = g_task_propagate_pointer (G_TASK (result), error);

  if (read == NULL)
    return FALSE;

  *sample = *read;
  return TRUE;
}

static void
mg_source_default_init (MgSourceInterface *iface)
{
}

gboolean
mg_source_can_read_now (MgSource *self)
{
  g_return_val_if_fail (MG_IS_SOURCE (self), FALSE);

  return MG_SOURCE_GET_IFACE (self)->read_now != NULL;
}

gboolean
mg_source_read_now (MgSource  *self,
                    MgSample  *sample,
                    GError   **error)
{
  MgSourceInterface *iface;
  const SampleHook *hook;

  g_return_val_if_fail (MG_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (sample != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MG_SOURCE_GET_IFACE (self);
  g_return_val_if_fail (iface->read_now != NULL, FALSE);

  if (!iface->read_now (self, sample, error))
    return FALSE;

  hook = g_object_get_qdata (G_OBJECT (self), sample_hook_quark ());
  if (hook != NULL)
    hook->func (sample, hook->user_data);
  return TRUE;
}

void
mg_source_set_sample_hook (MgSource     *self,
                           MgSampleHook  func,
                           gpointer      user_data)
{
  SampleHook *hook = NULL;

  g_return_if_fail (MG_IS_SOURCE (self));

  if (func != NULL)
    {
      hook = g_new (SampleHook, 1);
      hook->func = func;
      hook->user_data = user_data;
    }
  g_object_set_qdata_full (G_OBJECT (self), sample_hook_quark (), hook, g_free);
}

void
mg_source_read_async (MgSource            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  MgSourceInterface *iface;

  g_return_if_fail (MG_IS_SOURCE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = MG_SOURCE_GET_IFACE (self);
  if (iface->read_async != NULL)
    iface->read_async (self, cancellable, callback, user_data);
  else
    read_now_async (self, cancellable, callback, user_data);
}

gboolean
mg_source_read_finish (MgSource      *self,
                       GAsyncResult  *result,
                       MgSample      *sample,
                       GError       **error)
{
  MgSourceInterface *iface;

  g_return_val_if_fail (MG_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (sample != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MG_SOURCE_GET_IFACE (self);
  if (iface->read_async != NULL)
    return iface->read_finish (self, result, sample, error);

  return read_now_finish (self, result, sample, error);
}
