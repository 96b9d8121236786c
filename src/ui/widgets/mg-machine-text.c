/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-machine-text: the words a remote machine's row and its gauge window share. */

#define G_LOG_DOMAIN "memgauge-machine-text"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-format.h"
#include "mg-machine-text.h"

char *
mg_machine_text_used (MgMonitor *monitor)
{
  guint used = 0;

  if (!mg_monitor_get_shown_percent (monitor, NULL, &used))
    return NULL;
  /* Translators: memory used on a remote machine, "62 % used" */
  return g_strdup_printf (C_("remote machine", "%u %% used"), used);
}

char *
mg_machine_text_swap (const MgSample *sample)
{
  const guint64 *kib = sample->meminfo.kib;
  g_autofree char *used = NULL;
  g_autofree char *total = NULL;

  if (kib[MG_MEMINFO_SWAP_TOTAL] == 0)
    return NULL;
  used = mg_format_size_kib (mg_sample_swap_used_kib (sample));
  total = mg_format_size_kib (kib[MG_MEMINFO_SWAP_TOTAL]);
  /* Translators: swap used of total, "172 KiB of 4.0 GiB" */
  return g_strdup_printf (_("%s of %s"), used, total);
}

char *
mg_machine_text_stalls (const MgSample *sample)
{
  if (!sample->has_psi)
    return NULL;
  /* Translators: share of the last 10 s programs waited for memory, "stalls 12 %" */
  return g_strdup_printf (_("stalls %.0f %%"), sample->psi.some.avg10);
}

/* "2 min", "3 h", "2 days": a duration as rows show it, rounded down. */
static char *
duration_words (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s < 60)
    /* Translators: a duration under a minute, "40 s" */
    return g_strdup_printf (C_("remote machine", "%u s"), (guint) s);
  if (s < 3600)
    /* Translators: a duration in minutes, "2 min" */
    return g_strdup_printf (C_("remote machine", "%u min"), (guint) (s / 60));
  if (s < 86400)
    /* Translators: a duration in hours, "3 h" */
    return g_strdup_printf (C_("remote machine", "%u h"), (guint) (s / 3600));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a duration in days */
                                       "%u day", "%u days", (gulong) (s / 86400)),
                          (guint) (s / 86400));
}

char *
mg_machine_text_last_contact (MgRemoteMachine *machine,
                              gint64           now_us)
{
  gint64 last = mg_remote_machine_get_last_contact (machine);
  g_autofree char *ago = NULL;

  if (last == 0)
    /* Translators: last contact with a remote machine that never answered */
    return g_strdup (C_("remote machine", "never"));
  /* The row's text is refreshed every 30 s: "just now" covers that much. */
  if (now_us - last < G_TIME_SPAN_MINUTE)
    /* Translators: last contact with a remote machine */
    return g_strdup (C_("remote machine", "just now"));
  ago = duration_words (now_us - last);
  /* Translators: last contact with a remote machine, "2 min ago" */
  return g_strdup_printf (C_("remote machine", "%s ago"), ago);
}

char *
mg_machine_text_failing_for (MgRemoteMachine *machine,
                             gint64           now_us)
{
  gint64 since = mg_remote_machine_get_failing_since (machine);
  g_autofree char *duration = NULL;

  if (since == 0)
    return NULL;
  /* Polls may be seconds apart: counting the seconds would only say when the last was. */
  if (now_us - since < G_TIME_SPAN_MINUTE)
    /* Translators: how long a remote machine has not answered */
    return g_strdup (C_("remote machine", "for less than a minute"));
  duration = duration_words (now_us - since);
  /* Translators: how long a remote machine has not answered, "for 3 min" */
  return g_strdup_printf (C_("remote machine", "for %s"), duration);
}

const char *
mg_machine_text_problem (MgRemoteMachine *machine)
{
  MgMonitor *monitor = mg_remote_machine_get_monitor (machine);
  const GError *error = mg_monitor_get_error (monitor);

  if (mg_monitor_get_level (monitor) != MG_LEVEL_UNKNOWN)
    return NULL;
  if (error != NULL)
    return error->message;
  /* Translators: a remote machine not polled yet */
  return C_("remote machine", "waiting for its first answer");
}
