/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgSource: where samples come from; one interface for /proc, a cgroup or a remote host. */
#pragma once

#include <gio/gio.h>

#include "mg-sample.h"

G_BEGIN_DECLS

#define MG_TYPE_SOURCE (mg_source_get_type ())
G_DECLARE_INTERFACE (MgSource, mg_source, MG, SOURCE, GObject)

/**
 * MgSourceInterface:
 * @read_now: (nullable): for sources whose reads cannot block (files the kernel generates
 *   in memory): fills the caller's sample at once and allocates nothing unless it fails.
 *   Sources that wait on a disk or a network leave it %NULL.
 * @read_async: starts one read; the interface provides one for sources with @read_now
 * @read_finish: fills the caller's sample with the result of @read_async
 *
 * A source reads; it keeps no history, no level and no clock: #MgMonitor does that. It
 * fills every field it has, leaves `time_us` and the rates alone and marks what it lacks
 * as absent.
 */
struct _MgSourceInterface {
  GTypeInterface parent_iface;

  gboolean (*read_now)    (MgSource             *self,
                           MgSample             *sample,
                           GError              **error);
  void     (*read_async)  (MgSource             *self,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
  gboolean (*read_finish) (MgSource             *self,
                           GAsyncResult         *result,
                           MgSample             *sample,
                           GError              **error);
};

/**
 * mg_source_can_read_now:
 * @self: a source
 *
 * Returns: whether mg_source_read_now() may be called: the source never blocks
 */
gboolean mg_source_can_read_now (MgSource             *self);

/**
 * mg_source_read_now:
 * @self: a source for which mg_source_can_read_now() is %TRUE
 * @sample: (out caller-allocates): filled in
 * @error: why nothing could be read
 *
 * Returns: %TRUE when @sample is valid
 */
gboolean mg_source_read_now     (MgSource             *self,
                                 MgSample             *sample,
                                 GError              **error);

/**
 * mg_source_read_async:
 * @self: a source
 * @cancellable: (nullable): cancels the read
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Starts one read. Callers keep at most one read in flight per source.
 */
void     mg_source_read_async   (MgSource             *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);

/**
 * mg_source_read_finish:
 * @self: a source
 * @result: the result given to the callback
 * @sample: (out caller-allocates): filled in on success
 * @error: why nothing could be read, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when @sample is valid
 */
gboolean mg_source_read_finish  (MgSource             *self,
                                 GAsyncResult         *result,
                                 MgSample             *sample,
                                 GError              **error);

/* Called with each sample a source read at once, before the monitor weighs it. */
typedef void (*MgSampleHook) (MgSample *sample,
                              gpointer  user_data);

/**
 * mg_source_set_sample_hook:
 * @self: a source
 * @hook: (nullable): called after every successful mg_source_read_now(), on the
 *   caller's thread, with the sample (its `time_us` already set by the monitor); %NULL
 *   removes it
 * @user_data: for @hook
 *
 * What rides on the sample: work that must happen once per sample and may mark the
 * sample before the level is computed (the limited groups' counters,
 * #MgGroupWatch). One hook per source.
 */
void     mg_source_set_sample_hook (MgSource      *self,
                                    MgSampleHook   hook,
                                    gpointer       user_data);

G_END_DECLS
