/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgSource and how MgMonitor drives it: one read in flight, coalesced requests. */

#include "mg-monitor.h"
#include "mg-source-procfs.h"
#include "mg-test-util.h"

/* A source that answers only when the test says so, as a remote one would. It stands in
 * for the network sources to come: nothing real can be made to wait on cue. */
#define TEST_TYPE_SLOW_SOURCE (test_slow_source_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowSource, test_slow_source, TEST, SLOW_SOURCE, GObject)

struct _TestSlowSource {
  GObject  parent_instance;
  GTask   *pending;
  guint    reads;
};

static void test_slow_source_iface_init (MgSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSlowSource, test_slow_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MG_TYPE_SOURCE,
                                                      test_slow_source_iface_init))

static void
slow_read_async (MgSource            *source,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  TestSlowSource *self = TEST_SLOW_SOURCE (source);

  g_assert_null (self->pending);
  self->pending = g_task_new (self, cancellable, callback, user_data);
  self->reads++;
}

static gboolean
slow_read_finish (MgSource      *source,
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
test_slow_source_iface_init (MgSourceInterface *iface)
{
  iface->read_async = slow_read_async;
  iface->read_finish = slow_read_finish;
}

static void
test_slow_source_finalize (GObject *object)
{
  g_assert_null (TEST_SLOW_SOURCE (object)->pending);
  G_OBJECT_CLASS (test_slow_source_parent_class)->finalize (object);
}

static void
test_slow_source_class_init (TestSlowSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_slow_source_finalize;
}

static void
test_slow_source_init (TestSlowSource *self)
{
}

/* Answers the pending read with @available_kib of 8 GiB, or with @error. */
static void
slow_source_answer (TestSlowSource *self,
                    guint64         available_kib,
                    GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending);

  g_assert_nonnull (task);
  if (error != NULL)
    {
      g_task_return_error (task, error);
    }
  else
    {
      MgSample *sample = g_new0 (MgSample, 1);

      sample->meminfo.kib[MG_MEMINFO_MEM_TOTAL] = 8 * 1024 * 1024;
      sample->meminfo.kib[MG_MEMINFO_MEM_AVAILABLE] = available_kib;
      sample->meminfo.present = (1u << MG_MEMINFO_MEM_TOTAL) | (1u << MG_MEMINFO_MEM_AVAILABLE);
      g_task_return_pointer (task, sample, g_free);
    }
}

static void
count_update (MgMonitor *monitor,
              guint     *updates)
{
  (*updates)++;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
make_root (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("memgauge-source-XXXXXX", &error);

  g_assert_no_error (error);
  mg_test_write_file (root, "meminfo",
                      "MemTotal:        8000000 kB\n"
                      "MemFree:         1000000 kB\n"
                      "MemAvailable:    6000000 kB\n"
                      "SwapTotal:             0 kB\n"
                      "SwapFree:              0 kB\n");
  return root;
}

/* Requests before the next main-loop iteration are served by one sample. */
static void
test_requests_coalesce (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(MgMonitor) monitor = mg_test_monitor_new (root);
  guint updates = 0;

  g_signal_connect (monitor, "sample-updated", G_CALLBACK (count_update), &updates);
  mg_monitor_request_sample (monitor);
  mg_monitor_request_sample (monitor);
  mg_monitor_request_sample (monitor);
  g_assert_cmpuint (updates, ==, 0);

  iterate ();
  g_assert_cmpuint (updates, ==, 1);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_LOW);

  mg_monitor_request_sample (monitor);
  iterate ();
  g_assert_cmpuint (updates, ==, 2);

  mg_test_remove_tree (root);
}

/* A request while a read is in flight starts no second read; it is served by one more read
 * when the first ends. */
static void
test_one_read_in_flight (void)
{
  g_autoptr(TestSlowSource) source = g_object_new (TEST_TYPE_SLOW_SOURCE, NULL);
  g_autoptr(MgMonitor) monitor = mg_monitor_new (MG_SOURCE (source));
  guint updates = 0;

  g_signal_connect (monitor, "sample-updated", G_CALLBACK (count_update), &updates);
  g_assert_false (mg_source_can_read_now (MG_SOURCE (source)));

  mg_monitor_request_sample (monitor);
  iterate ();
  g_assert_cmpuint (source->reads, ==, 1);

  mg_monitor_request_sample (monitor);
  iterate ();
  mg_monitor_request_sample (monitor);
  iterate ();
  g_assert_cmpuint (source->reads, ==, 1);
  g_assert_cmpuint (updates, ==, 0);

  /* 10 % of 8 GiB available: critical. */
  slow_source_answer (source, 8 * 1024 * 1024 / 10, NULL);
  iterate ();
  g_assert_cmpuint (updates, ==, 1);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_CRITICAL);
  g_assert_cmpuint (source->reads, ==, 2);

  slow_source_answer (source, 8 * 1024 * 1024 / 2, NULL);
  iterate ();
  g_assert_cmpuint (updates, ==, 2);
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_LOW);
  g_assert_cmpuint (source->reads, ==, 2);
  g_assert_null (source->pending);
}

static void
test_read_error (void)
{
  g_autoptr(TestSlowSource) source = g_object_new (TEST_TYPE_SLOW_SOURCE, NULL);
  g_autoptr(MgMonitor) monitor = mg_monitor_new (MG_SOURCE (source));

  mg_monitor_request_sample (monitor);
  iterate ();
  slow_source_answer (source, 0,
                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no answer in 5 s"));
  iterate ();

  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_null (mg_monitor_get_sample (monitor));
  g_assert_error ((GError *) mg_monitor_get_error (monitor), G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (mg_monitor_get_reason (monitor), "no answer in 5 s"));
  g_assert_cmpuint (mg_history_get_length (mg_monitor_get_history (monitor)), ==, 1);
  g_assert_false (mg_history_get (mg_monitor_get_history (monitor), 0)->valid);
}

/* Disposing the monitor cancels its read; the answer then changes nothing. */
static void
test_dispose_cancels (void)
{
  g_autoptr(TestSlowSource) source = g_object_new (TEST_TYPE_SLOW_SOURCE, NULL);
  MgMonitor *monitor = mg_monitor_new (MG_SOURCE (source));
  GCancellable *cancellable;

  mg_monitor_request_sample (monitor);
  iterate ();
  cancellable = g_task_get_cancellable (source->pending);
  g_assert_false (g_cancellable_is_cancelled (cancellable));

  g_object_run_dispose (G_OBJECT (monitor));
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  slow_source_answer (source, 0, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      "cancelled"));
  iterate ();
  g_assert_cmpint (mg_monitor_get_level (monitor), ==, MG_LEVEL_UNKNOWN);
  g_assert_finalize_object (monitor);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  MgSample *sample = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mg_source_read_finish (MG_SOURCE (object), result, sample, &error));
  g_assert_no_error (error);
}

/* A source that reads at once also reads asynchronously, with the same result. */
static void
test_read_now_async (void)
{
  g_autofree char *root = make_root ();
  g_autoptr(MgSource) source = mg_source_procfs_new (root);
  g_autoptr(GError) error = NULL;
  MgSample now = { 0 };
  MgSample later = { 0 };

  g_assert_true (mg_source_can_read_now (source));
  g_assert_true (mg_source_read_now (source, &now, &error));
  g_assert_no_error (error);

  mg_source_read_async (source, NULL, on_read, &later);
  /* Never completed within the call that started it. */
  g_assert_cmpuint (later.meminfo.kib[MG_MEMINFO_MEM_TOTAL], ==, 0);
  iterate ();
  g_assert_cmpuint (later.meminfo.kib[MG_MEMINFO_MEM_TOTAL], ==, 8000000);
  g_assert_cmpuint (later.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE], ==,
                    now.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE]);

  g_assert_cmpstr (mg_source_procfs_get_root (MG_SOURCE_PROCFS (source)), ==, root);
  mg_test_remove_tree (root);
}

/* A bare g_object_new() reads /proc, as the property's default says. */
static void
test_procfs_default_root (void)
{
  g_autoptr(MgSourceProcfs) source = g_object_new (MG_TYPE_SOURCE_PROCFS, NULL);

  g_assert_cmpstr (mg_source_procfs_get_root (source), ==, "/proc");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/monitor/request/coalesce", test_requests_coalesce);
  g_test_add_func ("/monitor/async/one-read-in-flight", test_one_read_in_flight);
  g_test_add_func ("/monitor/async/read-error", test_read_error);
  g_test_add_func ("/monitor/async/dispose-cancels", test_dispose_cancels);
  g_test_add_func ("/source/procfs/read-now-async", test_read_now_async);
  g_test_add_func ("/source/procfs/default-root", test_procfs_default_root);

  return g_test_run ();
}
