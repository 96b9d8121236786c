/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli: `memgauge --json` and `--print`, one sample for scripts and people. */

#define G_LOG_DOMAIN "memgauge-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "mg-cgroup-walker.h"
#include "mg-cli.h"
#include "mg-env.h"
#include "mg-format.h"
#include "mg-group-scanner.h"
#include "mg-level-style.h"
#include "mg-monitor.h"
#include "mg-proc-reader.h"
#include "mg-serializer.h"
#include "mg-source-procfs.h"
#include "mg-swap-reader.h"

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

/* The groups of MEMGAUGE_CGROUP_ROOT (or /sys/fs/cgroup), or NULL when there are none to
 * read (no memory controller, no permission): `groups` is then null, and nothing goes to
 * stderr, since --json's contract is one object on stdout and silence on success. */
static GPtrArray *
collect_groups (const char *cgroup_root)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (cgroup_root);
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *groups = mg_group_collect (walker, namer, NULL, &error);

  if (groups == NULL)
    g_debug ("No groups: %s", error->message);
  return groups;
}

/* Swap devices, zram and zswap, read here, once. Junk in /proc/swaps is said on stderr and
 * leaves `swap_devices` and `zram` null: the rest of the object is still true. */
static MgSwapState *
collect_swap (const char     *proc_root,
              const MgSample *sample)
{
  g_autoptr(GError) error = NULL;
  MgSwapState *state = mg_swap_read (proc_root, mg_env_get_sys_root (), &sample->meminfo,
                                     &error);

  if (error != NULL)
    g_printerr ("memgauge: %s\n", error->message);
  return state;
}

static char *
sample_json (const char           *proc_root,
             const MgSample       *sample,
             MgLevel               level,
             const char           *reason,
             const MgSysctlValues *sysctl)
{
  g_autoptr(GVariant) variant = mg_serializer_to_variant_full (sample, level, reason, sysctl);
  g_autoptr(GPtrArray) groups = collect_groups (mg_env_get_cgroup_root ());
  g_autoptr(GVariant) with_groups = mg_serializer_add_groups (variant, groups);
  g_autoptr(MgSwapState) swap = collect_swap (proc_root, sample);
  g_autoptr(GVariant) with_swap = mg_serializer_add_swap (with_groups, swap);

  return mg_serializer_variant_to_json (with_swap);
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
      text = sample_json (proc_root, sample, mg_monitor_get_level (monitor),
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

static const char *
kind_label (MgGroupKind kind)
{
  switch (kind)
    {
    /* Translators: the kinds of control group in `memgauge --groups`'s KIND column */
    case MG_GROUP_KIND_APP: return C_("group kind", "app");
    case MG_GROUP_KIND_SERVICE: return C_("group kind", "service");
    case MG_GROUP_KIND_CONTAINER: return C_("group kind", "container");
    case MG_GROUP_KIND_POD: return C_("group kind", "pod");
    case MG_GROUP_KIND_SESSION: return C_("group kind", "session");
    case MG_GROUP_KIND_SLICE: return C_("group kind", "slice");
    case MG_GROUP_KIND_OTHER:
    default: return C_("group kind", "other");
    }
}

enum {
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_USAGE,
  COLUMN_LIMIT,
  COLUMN_PERCENT,
  COLUMN_SWAP,
  COLUMN_OOM_KILLS,
  COLUMN_PRESSURE,
  COLUMN_PATH,
  N_COLUMNS
};

/* Figures right-aligned, words left-aligned, as `docker stats` and `ps` do. */
static const gboolean column_right[N_COLUMNS] = {
  [COLUMN_USAGE] = TRUE, [COLUMN_LIMIT] = TRUE, [COLUMN_PERCENT] = TRUE,
  [COLUMN_SWAP] = TRUE, [COLUMN_OOM_KILLS] = TRUE, [COLUMN_PRESSURE] = TRUE,
};

static char *
size_or_dash (const MgGroup  *group,
              MgGroupPresent  bit,
              guint64         kib)
{
  return mg_group_has (group, bit) ? mg_format_size_kib (kib) : g_strdup ("-");
}

static void
fill_row (char          **row,
          const MgGroup  *group)
{
  double percent = 0.0;

  row[COLUMN_NAME] = g_utf8_make_valid (group->name != NULL ? group->name : group->path, -1);
  row[COLUMN_KIND] = g_strdup (kind_label (group->kind));
  row[COLUMN_USAGE] = mg_format_size_kib (group->usage_kib);
  row[COLUMN_LIMIT] = size_or_dash (group, MG_GROUP_HAS_LIMIT, group->limit_kib);
  row[COLUMN_PERCENT] = mg_group_get_limit_percent (group, &percent)
                          ? g_strdup_printf ("%.1f %%", percent) : g_strdup ("-");
  row[COLUMN_SWAP] = size_or_dash (group, MG_GROUP_HAS_SWAP, group->swap_kib);
  row[COLUMN_OOM_KILLS] = mg_group_has (group, MG_GROUP_HAS_OOM_KILLS)
                            ? g_strdup_printf ("%" G_GUINT64_FORMAT, group->oom_kills)
                            : g_strdup ("-");
  row[COLUMN_PRESSURE] = mg_group_has (group, MG_GROUP_HAS_PRESSURE)
                           ? g_strdup_printf ("%.2f %%", group->pressure_some_avg10)
                           : g_strdup ("-");
  row[COLUMN_PATH] = g_utf8_make_valid (group->path, -1);
}

static void
append_row (GString     *out,
            char *const *row,
            const gsize *widths)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      gsize pad = widths[c] - (gsize) g_utf8_strlen (row[c], -1);

      if (c > 0)
        g_string_append (out, "  ");
      if (column_right[c])
        g_string_append_printf (out, "%*s", (int) pad, "");
      g_string_append (out, row[c]);
      if (!column_right[c] && c + 1 < N_COLUMNS)
        g_string_append_printf (out, "%*s", (int) pad, "");
    }
  g_string_append_c (out, '\n');
}

int
mg_cli_print_groups (const char *cgroup_root)
{
  g_autoptr(MgGroupWalker) walker = mg_cgroup_walker_new (cgroup_root);
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = mg_group_collect (walker, namer, NULL, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize widths[N_COLUMNS] = { 0 };

  if (groups == NULL)
    {
      g_printerr ("memgauge: %s\n", error->message);
      return 1;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, g_strdupv ((char *[]) {
    /* Translators: the column headers of `memgauge --groups`, a table like `docker
     * stats`: a group's name, its kind, the memory charged to it, its limit, the
     * memory as a percentage of the limit, its swap, how many processes the kernel's
     * OOM killer ended in it, its memory pressure (share of the last 10 s stalled) and
     * its control group path. Short and upper case in English. */
    _("NAME"), _("KIND"), _("USAGE"), _("LIMIT"), _("USE %"), _("SWAP"), _("OOM KILLS"),
    _("PRESSURE"), _("PATH"), NULL }));

  for (guint i = 0; i < groups->len; i++)
    {
      const MgGroup *group = g_ptr_array_index (groups, i);

      /* The table shows what --json lists; every group's trouble is reported. */
      if (group->error != NULL)
        g_printerr ("memgauge: %s\n", group->error);
      if (!mg_group_has (group, MG_GROUP_HAS_USAGE) || rows->len > MG_SERIALIZER_MAX_GROUPS)
        continue;

      {
        char **row = g_new0 (char *, N_COLUMNS + 1);

        fill_row (row, group);
        g_ptr_array_add (rows, row);
      }
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    append_row (out, rows->pdata[r], widths);

  fputs (out->str, stdout);
  if (fflush (stdout) != 0)
    {
      g_printerr ("memgauge: %s\n", g_strerror (errno));
      return 1;
    }

  return 0;
}
