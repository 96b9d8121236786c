/* SPDX-License-Identifier: GPL-3.0-or-later */
/* remote-probe: polls remote sources the way the app does, through MgRemoteFleet (each URL
 * a source of the `remote-sources` setting, each machine a monitor), once, and reports each
 * source's error and the longest main-loop iteration (tests/integration/test-remote.py). */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mg-remote-fetch.h"
#include "mg-remote-fleet.h"

/* An iteration is the work between two polls: measured from poll's return to the next call,
 * so that waiting for the network does not count but anything blocking in the loop does. */
static GPollFunc default_poll;
static gint64 poll_returned_us;
static gint64 longest_us;

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  if (poll_returned_us != 0)
    longest_us = MAX (longest_us, now - poll_returned_us);
  result = default_poll (fds, n_fds, timeout);
  poll_returned_us = g_get_monotonic_time ();
  return result;
}

/* Per source (its id is "s" and its argument's index): its error, "" when it answered;
 * absent until it was polled. */
static GHashTable *results;

static void
on_polled (MgRemoteFleet   *fleet,
           MgRemoteMachine *machine,
           gpointer         user_data)
{
  const GError *error = mg_monitor_get_error (mg_remote_machine_get_monitor (machine));
  const char *source_id = mg_remote_machine_get_source_id (machine);

  /* A machine of a Prometheus server that answered has its own figures (or its own error):
   * the server gave its answer. */
  if (strcmp (mg_remote_machine_get_id (machine), source_id) != 0)
    error = NULL;
  if (!g_hash_table_contains (results, source_id))
    g_hash_table_insert (results, g_strdup (source_id),
                         g_strdup (error != NULL ? error->message : ""));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MgRemoteFleet) fleet = NULL;
  GVariantBuilder builder;
  gint64 deadline;

  setlocale (LC_ALL, "");
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  settings = g_settings_new_with_backend ("io.github.memgauge.MemGauge", backend);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssssu)"));
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", i);

      g_variant_builder_add (&builder, "(sssssu)", id, "", argv[i], "", "", 600);
    }
  g_settings_set_value (settings, "remote-sources", g_variant_builder_end (&builder));

  fleet = mg_remote_fleet_new (settings);
  g_signal_connect (fleet, "machine-polled", G_CALLBACK (on_polled), NULL);
  mg_remote_fleet_start (fleet);

  /* Every request ends within its 5 s deadline: the first poll of each source is done. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_hash_table_size (results) < (guint) argc - 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%d", i);
      const char *error = g_hash_table_lookup (results, id);

      g_print ("%s\t%s\n", argv[i], error != NULL ? error : "(no answer in 20 s)");
    }
  g_print ("longest-iteration-ms\t%.1f\n", (double) longest_us / 1000.0);
  g_clear_object (&fleet);
  mg_remote_io_shutdown ();
  g_hash_table_unref (results);
  return 0;
}
