/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli: `memgauge --json` and `--print`, one sample for scripts and people. */

#define G_LOG_DOMAIN "memgauge-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-cli.h"
#include "mg-format.h"
#include "mg-level-style.h"
#include "mg-monitor.h"
#include "mg-proc-reader.h"
#include "mg-serializer.h"
#include "mg-source-procfs.h"

/* Rates need two readings; a quarter of a second keeps a script waiting little and
 * still catches a machine that is swapping. */
#define MG_CLI_RATE_WINDOW_US (G_USEC_PER_SEC / 4)

static char *
format_text (const MgSample *sample,
             MgLevel         level,
             const char     *reason)
{
  const guint64 *kib = sample->meminfo.kib;
  g_autofree char *total = mg_format_size_kib (kib[MG_MEMINFO_MEM_TOTAL]);
  g_autofree char *available = mg_format_size_kib (mg_sample_available_kib (sample));
  g_autofree char *swap_used = mg_format_size_kib (mg_sample_swap_used_kib (sample));
  g_autofree char *swap_total = mg_format_size_kib (kib[MG_MEMINFO_SWAP_TOTAL]);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", mg_level_style_get_label (level));
  g_string_append_printf (out, _("Available: %s of %s\n"), available, total);
  if (kib[MG_MEMINFO_SWAP_TOTAL] > 0)
    g_string_append_printf (out, _("Swap used: %s of %s\n"), swap_used, swap_total);
  else
    g_string_append_printf (out, "%s\n", _("Swap: none"));
  if (sample->has_swappiness)
    g_string_append_printf (out, _("Swappiness: %u\n"), sample->swappiness);
  /* A pressure file with only its "some" line (has_full unset) measured no "full": printing
   * "full 0.0 %" would claim a reading nobody made. */
  if (sample->has_psi && sample->psi.has_full)
    g_string_append_printf (out, _("Stalled on memory: some %.1f %%, full %.1f %% (last 10 s)\n"),
                            sample->psi.some.avg10, sample->psi.full.avg10);
  else if (sample->has_psi)
    g_string_append_printf (out, _("Stalled on memory: some %.1f %% (last 10 s)\n"),
                            sample->psi.some.avg10);
  else
    g_string_append_printf (out, "%s\n", _("Stall information: not available on this kernel"));
  g_string_append_printf (out, _("Reason: %s\n"), reason);

  return g_string_free (out, FALSE);
}

int
mg_cli_print_sample (const char  *proc_root,
                     MgCliFormat  format)
{
  g_autoptr(MgSource) source = mg_source_procfs_new (proc_root);
  g_autoptr(MgMonitor) monitor = mg_monitor_new (source);
  const MgSample *sample;
  g_autofree char *text = NULL;

  if (mg_monitor_sample_now (monitor))
    {
      g_usleep (MG_CLI_RATE_WINDOW_US);
      mg_monitor_sample_now (monitor);
    }

  sample = mg_monitor_get_sample (monitor);
  if (sample == NULL)
    {
      g_printerr ("memgauge: %s\n", mg_monitor_get_error (monitor)->message);
      return 1;
    }

  if (format == MG_CLI_FORMAT_JSON)
    {
      g_autoptr(MgProcReader) reader = mg_proc_reader_new (proc_root);
      g_autoptr(GError) error = NULL;
      MgSysctlValues sysctl;

      /* The tuned keys are read here only, once, not by the monitor every sample. */
      if (!mg_proc_reader_read_sysctl (reader, &sysctl, &error))
        {
          g_printerr ("memgauge: %s\n", error->message);
          return 1;
        }
      text = mg_serializer_to_json_full (sample, mg_monitor_get_level (monitor),
                                         mg_monitor_get_reason (monitor), &sysctl);
    }
  else
    text = format_text (sample, mg_monitor_get_level (monitor), mg_monitor_get_reason (monitor));

  fputs (text, stdout);
  if (fflush (stdout) != 0)
    {
      g_printerr ("memgauge: %s\n", g_strerror (errno));
      return 1;
    }

  return 0;
}
