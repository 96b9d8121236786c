/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-report: what memgauge-helper's exit status and report lines say happened, per key. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gi18n-lib.h>

#include "mg-helper-report.h"

typedef enum {
  WORD_OK,
  WORD_REFUSED,
  WORD_FAILED,
  WORD_RESTORED,
  WORD_UNRESTORED,
  WORD_PERSISTED,
  N_WORDS,
} Word;

static const char *const words[N_WORDS] = {
  [WORD_OK] = "ok",
  [WORD_REFUSED] = "refused",
  [WORD_FAILED] = "failed",
  [WORD_RESTORED] = "restored",
  [WORD_UNRESTORED] = "unrestored",
  [WORD_PERSISTED] = "persisted",
};

typedef struct {
  MgSysctlKey key;
  guint64     value;
  Word        word;
} Line;

const char *
mg_helper_outcome_get_message (MgHelperOutcome outcome)
{
  switch (outcome)
    {
    case MG_HELPER_OUTCOME_DONE:
      return _("The kernel settings were changed.");
    case MG_HELPER_OUTCOME_CANCELLED:
      /* Translators: the person closed the password dialog. */
      return _("Nothing was changed because authentication was cancelled.");
    case MG_HELPER_OUTCOME_NOT_AUTHORIZED:
      return _("Nothing was changed because you are not allowed to change kernel settings.");
    case MG_HELPER_OUTCOME_HELPER_MISSING:
      /* Translators: pkexec and memgauge-helper are program names; do not translate them. */
      return _("Kernel settings cannot be changed because pkexec or memgauge-helper is not "
               "installed.");
    case MG_HELPER_OUTCOME_INVALID:
      return _("Nothing was changed because the request was not valid.");
    case MG_HELPER_OUTCOME_OUT_OF_RANGE:
      return _("Nothing was changed because a value is outside the range MemGauge allows.");
    case MG_HELPER_OUTCOME_UNSUPPORTED:
      return _("Nothing was changed because the running kernel lacks one of the settings.");
    case MG_HELPER_OUTCOME_KERNEL_REFUSED:
      return _("Nothing was changed because the kernel refused a value.");
    case MG_HELPER_OUTCOME_WRITE_FAILED:
      return _("Nothing was changed because a value could not be written.");
    case MG_HELPER_OUTCOME_RESTORE_FAILED:
      return _("A value could not be written, and an earlier change could not be undone. The "
               "values shown are the ones in use now.");
    case MG_HELPER_OUTCOME_PERSIST_FAILED:
      return _("The settings were changed, but they could not be saved, so they will be "
               "reset when the computer restarts.");
    case MG_HELPER_OUTCOME_COMPACT_FAILED:
      return _("Memory could not be compacted.");
    case MG_HELPER_OUTCOME_FAILED:
    default:
      return _("Something went wrong while changing kernel settings. The values shown are the "
               "ones in use now.");
    }
}

gboolean
mg_sysctl_key_from_name (const char  *name,
                         MgSysctlKey *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint k = 0; name != NULL && k < MG_SYSCTL_N_KEYS; k++)
    if (strcmp (name, mg_sysctl_key_name ((MgSysctlKey) k)) == 0)
      {
        *out = (MgSysctlKey) k;
        return TRUE;
      }

  return FALSE;
}

/* One line without its newline: KEY "=" DIGITS " " WORD, nothing more or less. */
static gboolean
parse_line (const char *line,
            Line       *out)
{
  g_autofree char *key_name = NULL;
  const char *eq = strchr (line, '=');
  const char *space;
  const char *p;
  guint64 value = 0;

  if (eq == NULL || (space = strchr (eq, ' ')) == NULL)
    return FALSE;

  key_name = g_strndup (line, (gsize) (eq - line));
  if (!mg_sysctl_key_from_name (key_name, &out->key))
    return FALSE;

  p = eq + 1;
  if (space == p || space - p > MG_SYSCTL_VALUE_MAX_DIGITS || (*p == '0' && space - p > 1))
    return FALSE;
  for (; p < space; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  if (value > G_MAXINT)
    return FALSE;
  out->value = value;

  for (guint w = 0; w < N_WORDS; w++)
    if (strcmp (space + 1, words[w]) == 0)
      {
        out->word = (Word) w;
        return TRUE;
      }

  return FALSE;
}

/* Splits @text into lines, each ending in a newline; NULL when it is not a report at all. */
static GArray *
parse_lines (const char *text,
             gsize       len)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_auto(GStrv) parts = NULL;
  guint n;

  if (len == 0)
    return g_steal_pointer (&lines);
  if (text == NULL || len > MG_HELPER_REPORT_MAX || memchr (text, '\0', len) != NULL ||
      text[len - 1] != '\n')
    return NULL;

  parts = g_strsplit (text, "\n", -1);
  n = g_strv_length (parts);
  /* The final newline leaves one empty part. */
  for (guint i = 0; i + 1 < n; i++)
    {
      Line line;

      if (!parse_line (parts[i], &line))
        return NULL;
      g_array_append_val (lines, line);
    }

  return g_steal_pointer (&lines);
}

static MgHelperOutcome
finish (MgHelperReport  *out,
        MgHelperOutcome  outcome)
{
  /* A report that does not add up claims nothing. */
  if (outcome == MG_HELPER_OUTCOME_FAILED)
    {
      for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
        out->state[k] = MG_SYSCTL_STATE_UNTOUCHED;
      memset (&out->persisted, 0, sizeof out->persisted);
      out->failed_key = MG_SYSCTL_N_KEYS;
    }

  out->outcome = outcome;
  return outcome;
}

/* The codes that mean the same whatever the verb; FALSE for the helper's own codes. */
static gboolean
common_outcome (int              wait_status,
                MgHelperOutcome *outcome)
{
  if (!WIFEXITED (wait_status))
    {
      *outcome = MG_HELPER_OUTCOME_FAILED;
      return TRUE;
    }

  switch (WEXITSTATUS (wait_status))
    {
    case MG_HELPER_PKEXEC_DISMISSED:
      *outcome = MG_HELPER_OUTCOME_CANCELLED;
      return TRUE;
    case MG_HELPER_PKEXEC_NOT_AUTHORIZED:
      *outcome = MG_HELPER_OUTCOME_NOT_AUTHORIZED;
      return TRUE;
    default:
      return FALSE;
    }
}

MgHelperOutcome
mg_helper_report_parse_sysctl (const MgSysctlValues *request,
                               gboolean              persist,
                               int                   wait_status,
                               const char           *text,
                               gsize                 len,
                               MgHelperReport       *out)
{
  g_autoptr(GArray) lines = NULL;
  MgSysctlKey asked[MG_SYSCTL_N_KEYS];
  guint n_asked = 0, i = 0, written = 0;
  MgHelperOutcome outcome;
  int code, base;

  g_return_val_if_fail (request != NULL && out != NULL, MG_HELPER_OUTCOME_FAILED);

  memset (out, 0, sizeof *out);
  out->failed_key = MG_SYSCTL_N_KEYS;

  if (common_outcome (wait_status, &outcome))
    return finish (out, outcome);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (request->set[k])
      asked[n_asked++] = (MgSysctlKey) k;

  lines = parse_lines (text, len);
  if (lines == NULL || n_asked == 0)
    return finish (out, MG_HELPER_OUTCOME_FAILED);

  /* Phase 1: a line per key written, in table order, each the value asked for; all "ok" but
   * perhaps the last. */
  for (; i < lines->len && written < n_asked; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      MgSysctlKey key = asked[written];

      if (line->key != key || line->value != request->value[key] ||
          (line->word != WORD_OK && line->word != WORD_REFUSED && line->word != WORD_FAILED))
        break;
      written++;
      if (line->word == WORD_REFUSED)
        out->state[key] = MG_SYSCTL_STATE_REFUSED;
      else if (line->word == WORD_FAILED)
        out->state[key] = MG_SYSCTL_STATE_FAILED;
      else
        {
          out->state[key] = MG_SYSCTL_STATE_CHANGED;
          continue;
        }
      out->failed_key = key;
      break;
    }
  if (out->failed_key != MG_SYSCTL_N_KEYS)
    i++;

  code = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  base = code - code % MG_HELPER_EXIT_KEY_RANGE;

  if (out->failed_key != MG_SYSCTL_N_KEYS)
    {
      gboolean all_restored = TRUE;
      guint restore = written - 1;

      /* Phase 2: every key changed before it, put back, the last first. */
      for (; i < lines->len; i++)
        {
          const Line *line = &g_array_index (lines, Line, i);

          if (restore == 0 || line->key != asked[restore - 1] ||
              (line->word != WORD_RESTORED && line->word != WORD_UNRESTORED))
            return finish (out, MG_HELPER_OUTCOME_FAILED);
          restore--;
          out->state[line->key] = line->word == WORD_RESTORED ? MG_SYSCTL_STATE_RESTORED
                                                              : MG_SYSCTL_STATE_UNRESTORED;
          all_restored = all_restored && line->word == WORD_RESTORED;
        }
      if (restore != 0 || code % MG_HELPER_EXIT_KEY_RANGE != (int) out->failed_key)
        return finish (out, MG_HELPER_OUTCOME_FAILED);

      if (base == MG_HELPER_EXIT_RESTORE_FAILED && !all_restored)
        return finish (out, MG_HELPER_OUTCOME_RESTORE_FAILED);
      if (base == MG_HELPER_EXIT_KERNEL_REFUSED && all_restored &&
          out->state[out->failed_key] == MG_SYSCTL_STATE_REFUSED)
        return finish (out, MG_HELPER_OUTCOME_KERNEL_REFUSED);
      if (base == MG_HELPER_EXIT_WRITE_FAILED && all_restored &&
          out->state[out->failed_key] == MG_SYSCTL_STATE_FAILED)
        return finish (out, MG_HELPER_OUTCOME_WRITE_FAILED);
      return finish (out, MG_HELPER_OUTCOME_FAILED);
    }

  if (written == 0)
    {
      /* Refused before writing: no line at all, and a code that names an asked key or none. */
      if (lines->len != 0)
        return finish (out, MG_HELPER_OUTCOME_FAILED);
      /* A usage error cannot come from the app's own arguments: the helper was misused. */
      if (code == MG_HELPER_EXIT_INVALID)
        return finish (out, MG_HELPER_OUTCOME_INVALID);
      if ((base == MG_HELPER_EXIT_OUT_OF_RANGE || base == MG_HELPER_EXIT_UNSUPPORTED) &&
          code % MG_HELPER_EXIT_KEY_RANGE < MG_SYSCTL_N_KEYS &&
          request->set[code % MG_HELPER_EXIT_KEY_RANGE])
        {
          out->failed_key = (MgSysctlKey) (code % MG_HELPER_EXIT_KEY_RANGE);
          return finish (out, base == MG_HELPER_EXIT_OUT_OF_RANGE
                                ? MG_HELPER_OUTCOME_OUT_OF_RANGE : MG_HELPER_OUTCOME_UNSUPPORTED);
        }
      return finish (out, MG_HELPER_OUTCOME_FAILED);
    }

  if (written != n_asked)
    return finish (out, MG_HELPER_OUTCOME_FAILED);

  /* Phase 3: every value written; with --persist, the keys the file now sets, in table
   * order, including each one asked for with its value. */
  for (guint last = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      if (!persist || line->word != WORD_PERSISTED || line->key < last ||
          out->persisted.set[line->key])
        return finish (out, MG_HELPER_OUTCOME_FAILED);
      last = line->key;
      out->persisted.set[line->key] = TRUE;
      out->persisted.value[line->key] = line->value;
    }

  if (code == MG_HELPER_EXIT_OK)
    {
      for (guint a = 0; persist && a < n_asked; a++)
        if (!out->persisted.set[asked[a]] ||
            out->persisted.value[asked[a]] != request->value[asked[a]])
          return finish (out, MG_HELPER_OUTCOME_FAILED);
      return finish (out, MG_HELPER_OUTCOME_DONE);
    }

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (out->persisted.set[k])
      return finish (out, MG_HELPER_OUTCOME_FAILED);
  if (code == MG_HELPER_EXIT_PERSIST_FAILED && persist)
    return finish (out, MG_HELPER_OUTCOME_PERSIST_FAILED);

  return finish (out, MG_HELPER_OUTCOME_FAILED);
}

MgHelperOutcome
mg_helper_report_parse_compact (int             wait_status,
                                const char     *text,
                                gsize           len,
                                MgHelperReport *out)
{
  static const char done[] = "vm.compact_memory=1 ok\n";
  MgHelperOutcome outcome;

  g_return_val_if_fail (out != NULL, MG_HELPER_OUTCOME_FAILED);

  memset (out, 0, sizeof *out);
  out->failed_key = MG_SYSCTL_N_KEYS;

  if (common_outcome (wait_status, &outcome))
    return finish (out, outcome);

  switch (WEXITSTATUS (wait_status))
    {
    case MG_HELPER_EXIT_OK:
      if (text != NULL && len == sizeof done - 1 && memcmp (text, done, len) == 0)
        return finish (out, MG_HELPER_OUTCOME_DONE);
      return finish (out, MG_HELPER_OUTCOME_FAILED);
    case MG_HELPER_EXIT_COMPACT_FAILED:
      return finish (out, len == 0 ? MG_HELPER_OUTCOME_COMPACT_FAILED : MG_HELPER_OUTCOME_FAILED);
    default:
      return finish (out, MG_HELPER_OUTCOME_FAILED);
    }
}
