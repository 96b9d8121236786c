/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgDetailsGrid: what the kernel reports, labelled values in two pairs of columns. */

#define G_LOG_DOMAIN "memgauge-details-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "mg-details-grid.h"
#include "mg-format.h"
#include "mg-widget-util.h"

typedef enum {
  VALUE_AVAILABLE,
  VALUE_USED,
  VALUE_CACHE,
  VALUE_SWAP,
  VALUE_SWAPPINESS,
  VALUE_PSI10,
  VALUE_PSI60,
  VALUE_SWAP_IN,
  VALUE_SWAP_OUT,
  VALUE_FAULTS,
  VALUE_OOM,
  VALUE_DISK_SWAP,
  VALUE_ZRAM,
  VALUE_ZSWAP,
  /* Fragmentation and compaction (issue 16): one block, keep it together. */
  VALUE_FREE_2MB,
  VALUE_COMPACTION,
  N_VALUES
} Value;

/* Template ids ("available" gives available_key and available_value) and what each value
 * means, for tooltips and screen readers. */
static const struct {
  const char *id;
  const char *description;
} value_info[N_VALUES] = {
  [VALUE_AVAILABLE] = { "available",
                        N_("Memory that programs can still get without swapping, as the "
                           "kernel estimates it (MemAvailable)") },
  [VALUE_USED] = { "used",
                   N_("Total minus available, as the free command counts it") },
  [VALUE_CACHE] = { "cache",
                    N_("Buffers, page cache and reclaimable kernel memory; the kernel gives "
                       "most of it back when programs need it") },
  [VALUE_SWAP] = { "swap", N_("Swap space in use, of the total") },
  [VALUE_SWAPPINESS] = { "swappiness",
                         N_("How readily the kernel moves program memory to swap instead "
                            "of dropping cache (vm.swappiness)") },
  [VALUE_PSI10] = { "psi10",
                    N_("Pressure stall information: the share of the last 10 seconds in "
                       "which some tasks, or all tasks at once (full), waited for memory") },
  [VALUE_PSI60] = { "psi60",
                    N_("Pressure stall information: the share of the last minute in which "
                       "some tasks, or all tasks at once (full), waited for memory") },
  [VALUE_SWAP_IN] = { "swap_in", N_("Pages read back from swap each second") },
  [VALUE_SWAP_OUT] = { "swap_out", N_("Pages written out to swap each second") },
  [VALUE_FAULTS] = { "faults",
                     N_("Major page faults each second: pages that had to be read from "
                        "disk") },
  [VALUE_OOM] = { "oom",
                  N_("Processes the kernel’s out-of-memory killer ended since the system "
                     "started") },
  [VALUE_DISK_SWAP] = { "disk_swap",
                        N_("Swap on disk partitions and swap files: used, of their total "
                           "(/proc/swaps)") },
  [VALUE_ZRAM] = { "zram",
                   N_("Swap kept compressed in RAM by zram: what it holds, the RAM that "
                      "takes, and the ratio of the two") },
  [VALUE_ZSWAP] = { "zswap",
                    N_("Pages on their way to swap kept compressed in RAM by zswap: what it "
                       "holds, the RAM that takes, and the ratio of the two") },
  [VALUE_FREE_2MB] = { "free_2mb",
                       N_("Free memory in blocks of 2 MiB or more, which huge pages need, and "
                          "the unusable free space index for 2 MiB: the share of free memory "
                          "in blocks too small for it (/proc/buddyinfo)") },
  [VALUE_COMPACTION] = { "compaction",
                         N_("Direct compaction each minute: programs that stalled to make "
                            "large free blocks, and how many of those stalls succeeded or "
                            "failed") },
};

struct _MgDetailsGrid {
  GtkGrid   parent_instance;

  /* Template children */
  GtkLabel *key_labels[N_VALUES];
  GtkLabel *value_labels[N_VALUES];
};

G_DEFINE_FINAL_TYPE (MgDetailsGrid, mg_details_grid, GTK_TYPE_GRID)

static void
set_value (MgDetailsGrid *self,
           Value          value,
           const char    *text)
{
  g_autofree char *name = NULL;

  mg_label_set_text_if_changed (self->value_labels[value], text);
  name = g_strdup_printf (/* Translators: a value's accessible name, "Available: 3.5 GiB" */
                          _("%s: %s"), gtk_label_get_text (self->key_labels[value]), text);
  mg_widget_set_accessible_name (GTK_WIDGET (self->value_labels[value]), name);
}

static void
set_value_kib (MgDetailsGrid *self,
               Value          value,
               guint64        kib)
{
  g_autofree char *text = mg_format_size_kib (kib);

  set_value (self, value, text);
}

static char *
format_psi (const MgPsi *psi,
            gboolean     minute)
{
  double some = minute ? psi->some.avg60 : psi->some.avg10;
  double full = minute ? psi->full.avg60 : psi->full.avg10;

  if (!psi->has_full)
    /* Translators: PSI, the share of time some tasks waited for memory; "some" is the
     * kernel's term */
    return g_strdup_printf (_("some %.1f %%"), some);

  /* Translators: PSI, the share of time some tasks, and all tasks at once, waited for
   * memory; "some" and "full" are the kernel's terms */
  return g_strdup_printf (_("some %.1f %%, full %.1f %%"), some, full);
}

static char *
format_pages_per_second (double rate)
{
  g_autofree char *bytes = NULL;
  gulong pages = (gulong) (rate + 0.5);

  if (pages == 0)
    /* Translators: no pages swapped per second */
    return g_strdup (_("none"));

  bytes = mg_format_size_kib ((guint64) pages * ((guint64) sysconf (_SC_PAGESIZE) / 1024));
  /* Translators: "800 pages/s (3.1 MiB/s)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu page/s (%s/s)",
                                       "%lu pages/s (%s/s)", pages),
                          pages, bytes);
}

static void
set_rate (MgDetailsGrid  *self,
          Value           value,
          const MgSample *sample,
          MgVmstatField   field)
{
  g_autofree char *text = NULL;
  double rate;

  if (!sample->has_vmstat || !mg_vmstat_has (&sample->vmstat, field))
    {
      set_value (self, value, _("Not counted by this kernel"));
      return;
    }
  if (!sample->has_rates)
    {
      /* Rates need two samples. */
      set_value (self, value, _("Measuring…"));
      return;
    }

  rate = sample->rate_per_s[field];
  if (field == MG_VMSTAT_PGMAJFAULT)
    text = g_strdup_printf (/* Translators: major page faults per second */
                            g_dngettext (GETTEXT_PACKAGE, "%lu/s", "%lu/s",
                                         (gulong) (rate + 0.5)),
                            (gulong) (rate + 0.5));
  else
    text = format_pages_per_second (rate);

  set_value (self, value, text);
}

static void
update_values (MgDetailsGrid  *self,
               const MgSample *sample)
{
  const guint64 *kib = sample->meminfo.kib;
  g_autofree char *swap = NULL;
  g_autofree char *oom = NULL;

  set_value_kib (self, VALUE_AVAILABLE, mg_sample_available_kib (sample));
  set_value_kib (self, VALUE_USED, mg_sample_used_kib (sample));
  set_value_kib (self, VALUE_CACHE,
                 kib[MG_MEMINFO_BUFFERS] + kib[MG_MEMINFO_CACHED] + kib[MG_MEMINFO_SRECLAIMABLE]);

  if (kib[MG_MEMINFO_SWAP_TOTAL] == 0)
    {
      set_value (self, VALUE_SWAP, _("No swap"));
    }
  else
    {
      g_autofree char *used = mg_format_size_kib (mg_sample_swap_used_kib (sample));
      g_autofree char *total = mg_format_size_kib (kib[MG_MEMINFO_SWAP_TOTAL]);

      /* Translators: swap used of total, "172 KiB of 4.0 GiB" */
      swap = g_strdup_printf (_("%s of %s"), used, total);
      set_value (self, VALUE_SWAP, swap);
    }

  if (sample->has_swappiness)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", sample->swappiness);
      set_value (self, VALUE_SWAPPINESS, text);
    }
  else
    {
      set_value (self, VALUE_SWAPPINESS, _("Unknown"));
    }

  if (sample->has_psi)
    {
      g_autofree char *psi10 = format_psi (&sample->psi, FALSE);
      g_autofree char *psi60 = format_psi (&sample->psi, TRUE);

      set_value (self, VALUE_PSI10, psi10);
      set_value (self, VALUE_PSI60, psi60);
    }
  else
    {
      set_value (self, VALUE_PSI10, _("Not available on this kernel"));
      set_value (self, VALUE_PSI60, _("Not available on this kernel"));
    }

  set_rate (self, VALUE_SWAP_IN, sample, MG_VMSTAT_PSWPIN);
  set_rate (self, VALUE_SWAP_OUT, sample, MG_VMSTAT_PSWPOUT);
  set_rate (self, VALUE_FAULTS, sample, MG_VMSTAT_PGMAJFAULT);

  if (sample->has_vmstat && mg_vmstat_has (&sample->vmstat, MG_VMSTAT_OOM_KILL))
    {
      guint64 kills = sample->vmstat.count[MG_VMSTAT_OOM_KILL];

      oom = g_strdup_printf (/* Translators: processes killed for lack of memory since boot */
                             g_dngettext (GETTEXT_PACKAGE, "%llu since boot", "%llu since boot",
                                          (gulong) MIN (kills, G_MAXULONG)),
                             (unsigned long long) kills);
      set_value (self, VALUE_OOM, oom);
    }
  else
    {
      set_value (self, VALUE_OOM, _("Not counted by this kernel"));
    }
}

/* Fragmentation from buddyinfo and compaction from vmstat. The index is Mel Gorman's unusable
 * free space index ("Measuring the Impact of the Linux Memory Manager", 2006; the kernel's
 * unusable_free_index() in mm/vmstat.c, debugfs extfrag/unusable_index) for the order j of
 * 2 MiB: Fu(j) = (TotalFree - sum_{i >= j} 2^i k_i) / TotalFree, k_i the free blocks of order
 * i. mg_proc_buddyinfo_summarize() computes it over all zones; shown here as a percentage, in
 * one row with the free memory in 2 MiB blocks (the window must fit a 768-pixel screen). */
static void
update_fragmentation (MgDetailsGrid  *self,
                      const MgSample *sample)
{
  const MgVmstatField counters[] = {
    MG_VMSTAT_COMPACT_STALL, MG_VMSTAT_COMPACT_SUCCESS, MG_VMSTAT_COMPACT_FAIL,
  };
  g_autofree char *compaction = NULL;

  if (sample->has_fragmentation)
    {
      g_autofree char *in_blocks = mg_format_size_kib (sample->fragmentation.free_kib_2mb);
      g_autofree char *free_2mb = NULL;

      /* Translators: free memory in blocks of 2 MiB or more, then the unusable free space
       * index as a percentage: "3.1 GiB (13 % unusable)" */
      free_2mb = g_strdup_printf (_("%s (%.0f %% unusable)"), in_blocks,
                                  sample->fragmentation.unusable_index_2mb * 100.0);
      set_value (self, VALUE_FREE_2MB, free_2mb);
    }
  else
    {
      set_value (self, VALUE_FREE_2MB, _("Not available on this kernel"));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (counters); i++)
    if (!sample->has_vmstat || !mg_vmstat_has (&sample->vmstat, counters[i]))
      {
        set_value (self, VALUE_COMPACTION, _("Not counted by this kernel"));
        return;
      }
  if (!sample->has_rates)
    {
      set_value (self, VALUE_COMPACTION, _("Measuring…"));
      return;
    }
  /* Translators: direct compaction per minute: stalls, then how many succeeded and failed */
  compaction = g_strdup_printf (_("%.1f/min, %.1f ok, %.1f failed"),
                                mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_STALL),
                                mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_SUCCESS),
                                mg_sample_rate_per_min (sample, MG_VMSTAT_COMPACT_FAIL));
  set_value (self, VALUE_COMPACTION, compaction);
}

void
mg_details_grid_set_sample (MgDetailsGrid  *self,
                            const MgSample *sample)
{
  g_return_if_fail (MG_IS_DETAILS_GRID (self));

  if (sample != NULL)
    {
      update_values (self, sample);
      update_fragmentation (self, sample);
      return;
    }

  for (guint i = 0; i < N_VALUES; i++)
    set_value (self, i, _("Unknown"));
  mg_details_grid_set_swap (self, NULL);
}

/* "1.2 GiB on zram, 400 MiB of RAM, 3.0:1": what is stored, the RAM it takes, the ratio. */
static char *
format_compressed (guint64     stored_kib,
                   guint64     ram_kib,
                   const char *where)
{
  g_autofree char *stored = mg_format_size_kib (stored_kib);
  g_autofree char *ram = mg_format_size_kib (ram_kib);
  double ratio = ram_kib > 0 ? (double) stored_kib / (double) ram_kib : 0.0;

  if (g_str_equal (where, "zram"))
    /* Translators: swap compressed in RAM by zram: "1.2 GiB on zram, 400 MiB of RAM, 3.0:1",
     * what is stored, the RAM that takes, and the ratio of the two */
    return g_strdup_printf (_("%s on zram, %s of RAM, %.1f:1"), stored, ram, ratio);

  /* Translators: pages compressed in RAM by zswap: "500 MiB in zswap, 200 MiB of RAM, 2.5:1",
   * what is stored, the RAM that takes, and the ratio of the two */
  return g_strdup_printf (_("%s in zswap, %s of RAM, %.1f:1"), stored, ram, ratio);
}

static void
set_disk_swap (MgDetailsGrid     *self,
               const MgSwapState *state)
{
  guint64 size = 0, used = 0, file_size = 0, file_used = 0;
  g_autofree char *used_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *text = NULL;

  if (mg_swap_state_sum (state, MG_SWAP_TYPE_PARTITION, &size, &used) +
      mg_swap_state_sum (state, MG_SWAP_TYPE_FILE, &file_size, &file_used) == 0)
    {
      /* Translators: no swap of this kind */
      set_value (self, VALUE_DISK_SWAP, C_("swap", "None"));
      return;
    }

  used_text = mg_format_size_kib (used + file_used);
  size_text = mg_format_size_kib (size + file_size);
  /* Translators: swap used of total, "172 KiB of 4.0 GiB" */
  text = g_strdup_printf (_("%s of %s"), used_text, size_text);
  set_value (self, VALUE_DISK_SWAP, text);
}

static void
set_zram (MgDetailsGrid     *self,
          const MgSwapState *state)
{
  guint64 orig = 0, mem_used = 0, used_kib = 0;
  g_autofree char *text = NULL;

  if (mg_swap_state_sum (state, MG_SWAP_TYPE_ZRAM, NULL, &used_kib) == 0)
    {
      set_value (self, VALUE_ZRAM, C_("swap", "None"));
      return;
    }

  if (state->zram->len == 0)
    {
      /* No mm_stat to read (an old kernel, a device going away): what /proc/swaps says. */
      g_autofree char *used = mg_format_size_kib (used_kib);

      /* Translators: swap in use on zram when its compression is unknown, "1.2 GiB on zram" */
      text = g_strdup_printf (_("%s on zram"), used);
      set_value (self, VALUE_ZRAM, text);
      return;
    }

  for (guint i = 0; i < state->zram->len; i++)
    {
      const MgZramStat *stat = &g_array_index (state->zram, MgZramStat, i);

      orig += stat->orig_bytes / 1024;
      mem_used += stat->mem_used_bytes / 1024;
    }

  text = format_compressed (orig, mem_used, "zram");
  set_value (self, VALUE_ZRAM, text);
}

static void
show_row (MgDetailsGrid *self,
          Value          value,
          gboolean       visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->key_labels[value]), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->value_labels[value]), visible);
}

/* The rows appear when there is something to tell apart: zram and zswap while they are in
 * use, disk swap when there is some next to either of them (alone it is the Swap row). Hidden rows
 * take no room, so the window still fits a 768-pixel screen on a machine that swaps. */
void
mg_details_grid_set_swap (MgDetailsGrid     *self,
                          const MgSwapState *state)
{
  g_autofree char *zswap = NULL;
  gboolean has_zram;

  g_return_if_fail (MG_IS_DETAILS_GRID (self));

  if (state == NULL)
    {
      show_row (self, VALUE_DISK_SWAP, FALSE);
      show_row (self, VALUE_ZRAM, FALSE);
      show_row (self, VALUE_ZSWAP, FALSE);
      return;
    }

  if (!state->has_devices)
    {
      /* /proc/swaps was unreadable: say so rather than pretend there is none. */
      set_value (self, VALUE_DISK_SWAP, _("Unknown"));
      set_value (self, VALUE_ZRAM, _("Unknown"));
      has_zram = TRUE;
    }
  else
    {
      set_disk_swap (self, state);
      set_zram (self, state);
      has_zram = mg_swap_state_sum (state, MG_SWAP_TYPE_ZRAM, NULL, NULL) > 0;
    }

  if (state->has_zswap)
    {
      zswap = format_compressed (state->zswap_stored_kib, state->zswap_pool_kib, "zswap");
      set_value (self, VALUE_ZSWAP, zswap);
    }
  else
    {
      /* Translators: zswap is switched off */
      set_value (self, VALUE_ZSWAP, C_("zswap", "Off"));
    }

  show_row (self, VALUE_ZRAM, has_zram);
  show_row (self, VALUE_ZSWAP, state->has_zswap);
  show_row (self, VALUE_DISK_SWAP,
            (has_zram || state->has_zswap) &&
            (!state->has_devices ||
             mg_swap_state_sum (state, MG_SWAP_TYPE_PARTITION, NULL, NULL) +
             mg_swap_state_sum (state, MG_SWAP_TYPE_FILE, NULL, NULL) > 0));
}

static void
mg_details_grid_class_init (MgDetailsGridClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/mg-details-grid.ui");
  for (guint i = 0; i < N_VALUES; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s_key", value_info[i].id);
      g_autofree char *value = g_strdup_printf ("%s_value", value_info[i].id);

      gtk_widget_class_bind_template_child_full (widget_class, key, FALSE,
                                                 G_STRUCT_OFFSET (MgDetailsGrid, key_labels) +
                                                 i * sizeof (GtkLabel *));
      gtk_widget_class_bind_template_child_full (widget_class, value, FALSE,
                                                 G_STRUCT_OFFSET (MgDetailsGrid, value_labels) +
                                                 i * sizeof (GtkLabel *));
    }
}

static void
mg_details_grid_init (MgDetailsGrid *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_VALUES; i++)
    {
      const char *description = _(value_info[i].description);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_labels[i]), description);
      mg_widget_set_accessible_description (GTK_WIDGET (self->value_labels[i]), description);
    }
}

GtkWidget *
mg_details_grid_new (void)
{
  return g_object_new (MG_TYPE_DETAILS_GRID, NULL);
}
