/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-tuning-report: what the Tuning page says after Apply and after Compact Now. */

#define G_LOG_DOMAIN "memgauge-tuning"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-format.h"
#include "mg-sysctl-scan.h"
#include "mg-tuning-report.h"
#include "mg-tuning-row.h"

/* One line per key asked for, from the values read back: the kernel's word, not the
 * helper's, says what changed. */
static void
describe_keys (const MgHelperReport *report,
               const MgSysctlValues *request,
               const MgSysctlValues *before,
               const MgSysctlValues *now_values,
               GString              *text)
{
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      const char *title = mg_tuning_row_get_title ((MgSysctlKey) k);
      guint64 asked = request->value[k];
      guint64 now = now_values->value[k];

      if (!request->set[k])
        continue;

      g_string_append_c (text, '\n');
      if (!now_values->set[k])
        /* Translators: a kernel setting whose value cannot be read after Apply */
        g_string_append_printf (text, _("%s: cannot be read back."), title);
      else if (now == asked && now != before->value[k])
        {
          /* Translators: a kernel setting, its value before and after Apply */
          g_string_append_printf (text, _("%s: %llu → %llu"), title,
                                  (unsigned long long) before->value[k],
                                  (unsigned long long) now);
        }
      else if (report->state[k] == MG_SYSCTL_STATE_REFUSED)
        /* Translators: a kernel setting, the value the kernel refused, the value it keeps */
        g_string_append_printf (text, _("%s: the kernel refused %llu; it stays %llu."), title,
                                (unsigned long long) asked, (unsigned long long) now);
      else
        /* Translators: a kernel setting and the value it still has */
        g_string_append_printf (text, _("%s: not changed, still %llu."), title,
                                (unsigned long long) now);
    }
}

/* Whether the keys that changed are in MemGauge's file with their new values, and no file
 * read after it sets them: read from the files, not taken from the helper. */
static void
describe_kept (const MgSysctlValues *request,
               gboolean              persist,
               const MgSysctlValues *now_values,
               const char           *sysctl_root,
               GString              *text)
{
  g_autoptr(GString) overridden = g_string_new (NULL);
  g_autofree char *saved_path = NULL;
  gboolean kept = TRUE;
  guint n = 0;

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autoptr(MgSwappinessScan) scan = NULL;
      g_autofree char *asked = NULL;

      if (!request->set[k] || !now_values->set[k] ||
          now_values->value[k] != request->value[k])
        continue;
      n++;
      scan = mg_sysctl_scan_key (sysctl_root, (MgSysctlKey) k);
      asked = g_strdup_printf ("%llu", (unsigned long long) request->value[k]);
      /* An earlier saved value of this key comes back at the next start. */
      if (scan->persisted != NULL && g_strcmp0 (scan->persisted->value, asked) != 0 &&
          saved_path == NULL)
        saved_path = g_strdup (mg_swappiness_scan_display_path (sysctl_root,
                                                                scan->persisted->path));
      if (scan->persisted == NULL || g_strcmp0 (scan->persisted->value, asked) != 0)
        kept = FALSE;
      else if (scan->overridden_by != NULL)
        g_string_append_printf (overridden, "\n%s",
                                mg_swappiness_scan_display_path (sysctl_root,
                                                                 scan->overridden_by->path));
    }

  if (n == 0)
    return;
  g_string_append_c (text, '\n');
  if (!persist && saved_path != NULL)
    /* Translators: %s is the path of MemGauge's sysctl file */
    g_string_append_printf (text, _("The changes last until the computer restarts; then the "
                                    "values saved earlier in %s apply again."), saved_path);
  else if (!persist)
    g_string_append (text, _("The changes last until the computer restarts."));
  else if (!kept)
    g_string_append (text, _("The changes could not be saved: they last until the computer "
                             "restarts."));
  else if (overridden->len > 0)
    /* Translators: followed by the paths of the files, one per line */
    g_string_append_printf (text, _("Saved, but these files are read after MemGauge’s and "
                                    "win when the computer starts:%s"), overridden->str);
  else
    g_string_append (text, _("Kept after a restart."));
}

char *
mg_tuning_report_apply (const MgHelperReport *report,
                        const MgSysctlValues *request,
                        gboolean              persist,
                        const MgSysctlValues *before,
                        const MgSysctlValues *now,
                        const char           *sysctl_root)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL && request != NULL, NULL);
  g_return_val_if_fail (before != NULL && now != NULL, NULL);

  if (report->outcome == MG_HELPER_OUTCOME_DONE)
    g_string_append (text, _("The kernel now reports:"));
  else
    g_string_append (text, mg_helper_outcome_get_message (report->outcome));

  /* Nothing ran: there is nothing to read back. */
  if (report->outcome == MG_HELPER_OUTCOME_CANCELLED ||
      report->outcome == MG_HELPER_OUTCOME_NOT_AUTHORIZED ||
      report->outcome == MG_HELPER_OUTCOME_HELPER_MISSING)
    return g_string_free (text, FALSE);

  describe_keys (report, request, before, now, text);
  describe_kept (request, persist, now, sysctl_root, text);

  return g_string_free (text, FALSE);
}

char *
mg_tuning_report_compact (MgHelperOutcome outcome,
                          gboolean        have_before,
                          guint64         before_kib,
                          gboolean        have_after,
                          guint64         after_kib)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  switch (outcome)
    {
    case MG_HELPER_OUTCOME_DONE:
      break;
    case MG_HELPER_OUTCOME_CANCELLED:
    case MG_HELPER_OUTCOME_NOT_AUTHORIZED:
      /* Translators: the person closed the password dialog, or may not compact memory */
      return g_strdup (_("Memory was not compacted: not authorized or cancelled."));
    case MG_HELPER_OUTCOME_HELPER_MISSING:
    case MG_HELPER_OUTCOME_COMPACT_FAILED:
      return g_strdup (mg_helper_outcome_get_message (outcome));
    default:
      return g_strdup (_("Something went wrong: memory may not have been compacted."));
    }

  if (!have_before || !have_after)
    return g_strdup (_("Memory was compacted, but this kernel does not show its free blocks "
                       "(/proc/buddyinfo), so the gain cannot be measured."));

  before = mg_format_size_kib (before_kib);
  after = mg_format_size_kib (after_kib);
  /* Translators: free memory in blocks of 2 MiB or more, before and after compaction */
  return g_strdup_printf (_("Free memory in 2 MiB blocks: %s → %s"), before, after);
}
