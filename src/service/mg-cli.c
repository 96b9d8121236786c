/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli: `memgauge --json` and `--print`, one sample for scripts and people. */

#define G_LOG_DOMAIN "memgauge-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-cli.h"
#include "mg-monitor.h"
#include "mg-source-procfs.h"

/* Rates need two readings; a quarter of a second keeps a script waiting little and
 * still catches a machine that is swapping. */
#define MG_CLI_RATE_WINDOW_US (G_USEC_PER_SEC / 4)

static const char *const vmstat_names[MG_VMSTAT_N_FIELDS] = {
  [MG_VMSTAT_PSWPIN] = "pswpin",
  [MG_VMSTAT_PSWPOUT] = "pswpout",
  [MG_VMSTAT_PGMAJFAULT] = "pgmajfault",
  [MG_VMSTAT_OOM_KILL] = "oom_kill",
};

/* Sizes in MB as the original memory-stats API gave them: KiB / 1024, truncated. */
static guint64
mb (guint64 kib)
{
  return kib / 1024;
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_psi_line (GString         *out,
                 const MgPsiLine *line)
{
  g_string_append (out, "{\"avg10\": ");
  append_double (out, line->avg10);
  g_string_append (out, ", \"avg60\": ");
  append_double (out, line->avg60);
  g_string_append (out, ", \"avg300\": ");
  append_double (out, line->avg300);
  g_string_append_printf (out, ", \"total_us\": %" G_GUINT64_FORMAT "}", line->total_us);
}

static char *
format_json (const MgSample *sample,
             MgLevel         level,
             const char     *reason)
{
  const guint64 *kib = sample->meminfo.kib;
  GString *out = g_string_new ("{\n");

  g_string_append_printf (out,
                          "  \"total_mb\": %" G_GUINT64_FORMAT ",\n"
                          "  \"available_mb\": %" G_GUINT64_FORMAT ",\n"
                          "  \"swap_total_mb\": %" G_GUINT64_FORMAT ",\n"
                          "  \"swap_free_mb\": %" G_GUINT64_FORMAT ",\n",
                          mb (kib[MG_MEMINFO_MEM_TOTAL]), mb (mg_sample_available_kib (sample)),
                          mb (kib[MG_MEMINFO_SWAP_TOTAL]), mb (kib[MG_MEMINFO_SWAP_FREE]));
  if (sample->has_swappiness)
    g_string_append_printf (out, "  \"swappiness\": %u,\n", sample->swappiness);
  else
    g_string_append (out, "  \"swappiness\": null,\n");
  g_string_append_printf (out, "  \"pressure_level\": \"%s\",\n", mg_level_to_nick (level));

  g_string_append_printf (out, "  \"used_mb\": %" G_GUINT64_FORMAT ",\n",
                          mb (mg_sample_used_kib (sample)));
  g_string_append (out, "  \"available_percent\": ");
  append_double (out, mg_sample_available_percent (sample));
  g_string_append_printf (out, ",\n  \"available_estimated\": %s,\n",
                          sample->meminfo.mem_available_estimated ? "true" : "false");
  g_string_append (out, "  \"reason\": ");
  append_json_string (out, reason);
  g_string_append (out, ",\n");

  g_string_append (out, "  \"psi\": ");
  if (sample->has_psi)
    {
      g_string_append (out, "{\"some\": ");
      append_psi_line (out, &sample->psi.some);
      g_string_append (out, ", \"full\": ");
      if (sample->psi.has_full)
        append_psi_line (out, &sample->psi.full);
      else
        g_string_append (out, "null");
      g_string_append (out, "}");
    }
  else
    {
      g_string_append (out, "null");
    }

  g_string_append (out, ",\n  \"vmstat\": ");
  if (sample->has_vmstat)
    {
      g_string_append_c (out, '{');
      for (guint i = 0; i < MG_VMSTAT_N_FIELDS; i++)
        {
          g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", vmstat_names[i]);
          if (mg_vmstat_has (&sample->vmstat, i))
            g_string_append_printf (out, "%" G_GUINT64_FORMAT, sample->vmstat.count[i]);
          else
            g_string_append (out, "null");
        }
      g_string_append_c (out, '}');
    }
  else
    {
      g_string_append (out, "null");
    }

  g_string_append (out, ",\n  \"rates_per_s\": ");
  if (sample->has_rates)
    {
      g_string_append_c (out, '{');
      for (guint i = 0; i < MG_VMSTAT_N_FIELDS; i++)
        {
          g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", vmstat_names[i]);
          append_double (out, sample->rate_per_s[i]);
        }
      g_string_append_c (out, '}');
    }
  else
    {
      g_string_append (out, "null");
    }

  g_string_append (out, "\n}\n");

  return g_string_free (out, FALSE);
}

static char *
format_text (const MgSample *sample,
             MgLevel         level,
             const char     *reason)
{
  const guint64 *kib = sample->meminfo.kib;
  g_autofree char *total = g_format_size_full (kib[MG_MEMINFO_MEM_TOTAL] * 1024,
                                               G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *available = g_format_size_full (mg_sample_available_kib (sample) * 1024,
                                                   G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *swap_used = g_format_size_full (mg_sample_swap_used_kib (sample) * 1024,
                                                   G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *swap_total = g_format_size_full (kib[MG_MEMINFO_SWAP_TOTAL] * 1024,
                                                    G_FORMAT_SIZE_IEC_UNITS);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", mg_level_to_label (level));
  g_string_append_printf (out, _("Available: %s of %s\n"), available, total);
  if (kib[MG_MEMINFO_SWAP_TOTAL] > 0)
    g_string_append_printf (out, _("Swap used: %s of %s\n"), swap_used, swap_total);
  else
    g_string_append_printf (out, "%s\n", _("Swap: none"));
  if (sample->has_swappiness)
    g_string_append_printf (out, _("Swappiness: %u\n"), sample->swappiness);
  if (sample->has_psi)
    g_string_append_printf (out, _("Stalled on memory: some %.1f %%, full %.1f %% (last 10 s)\n"),
                            sample->psi.some.avg10, sample->psi.full.avg10);
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
    text = format_json (sample, mg_monitor_get_level (monitor), mg_monitor_get_reason (monitor));
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
