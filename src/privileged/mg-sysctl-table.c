/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-table: the compiled-in keys with their paths and ranges, the argument grammar, checks. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "mg-sysctl-private.h"

/* This file runs as root inside the helper: no logging (GLib's log handlers read the
 * environment), no gettext, no function pointer or other writable switch. Arguments are
 * hostile: they are never echoed back, only named by the key they claim to set. */

G_DEFINE_QUARK (mg-sysctl-error-quark, mg_sysctl_error)

typedef struct {
  guint64 min;
  guint64 max;
} KeyRange;

/* The ranges (the fixed paths are in system_paths below), from Documentation/admin-guide/sysctl/vm.rst unless said otherwise. The helper
 * refuses what the documentation calls harmful even where the kernel would take it. */
static const KeyRange key_ranges[MG_SYSCTL_N_KEYS] = {
  /* "This control is used to define how aggressive the kernel will swap memory pages";
   * 0 to 200 since Linux 5.8 (100 before: an older kernel refuses more with EINVAL, which is
   * reported as refused). */
  [MG_SYSCTL_SWAPPINESS] = { 0, MG_SWAPPINESS_MAX },
  /* "When vfs_cache_pressure=0, the kernel will never reclaim dentries and inodes due to
   * memory pressure and this can easily lead to out-of-memory conditions": 0 is refused.
   * "Increasing vfs_cache_pressure significantly beyond 100 may have negative performance
   * impact ... With vfs_cache_pressure=1000, it will look for ten times more freeable objects
   * than there are": the documentation's own example of excess is the top. */
  [MG_SYSCTL_VFS_CACHE_PRESSURE] = { 1, 1000 },
  /* "This tunable takes a value in the range [0, 100] with a default value of 20" (Linux
   * 5.9; older kernels lack the file and the key is refused as unsupported). */
  [MG_SYSCTL_COMPACTION_PROACTIVENESS] = { 0, 100 },
  /* Three modes: 0 heuristic, 1 always overcommit, 2 never ("When this flag is 0 ... 1 ...
   * 2"); the kernel refuses other values too. */
  [MG_SYSCTL_OVERCOMMIT_MEMORY] = { 0, 2 },
  /* "if you set this to lower than 1024KB, your system will become subtly broken, and prone
   * to deadlock under high loads. Setting this too high will OOM your machine instantly."
   * The top is not fixed: it is MemTotal / MIN_FREE_DIVISOR, see min_free_max(). */
  [MG_SYSCTL_MIN_FREE_KBYTES] = { 1024, 0 },
  /* "a percentage of total available memory"; the kernel refuses above 100. 0 is refused:
   * with it every process that writes would wait for writeback at once. */
  [MG_SYSCTL_DIRTY_RATIO] = { 1, 100 },
  /* A percentage too, and below dirty_ratio (checked in mg_sysctl_check()). */
  [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = { 0, 99 },
};

/* min_free_kbytes at most 5 % of MemTotal. The kernel's own default is 4 * sqrt(lowmem KiB),
 * clamped to 256 MiB (mm/page_alloc.c, calculate_min_free_kbytes()), and it keeps 1.25 times
 * (low watermark) to 1.5 times (high watermark) that free, plus watermark_scale_factor's
 * 0.1 %: with 5 % kswapd works to keep at most about 8 % of memory free, never "too high". */
#define MIN_FREE_DIVISOR 20

static const MgSysctlPaths system_paths = {
  .keys = {
    [MG_SYSCTL_SWAPPINESS] = "/proc/sys/vm/swappiness",
    [MG_SYSCTL_VFS_CACHE_PRESSURE] = "/proc/sys/vm/vfs_cache_pressure",
    [MG_SYSCTL_COMPACTION_PROACTIVENESS] = "/proc/sys/vm/compaction_proactiveness",
    [MG_SYSCTL_OVERCOMMIT_MEMORY] = "/proc/sys/vm/overcommit_memory",
    [MG_SYSCTL_MIN_FREE_KBYTES] = "/proc/sys/vm/min_free_kbytes",
    [MG_SYSCTL_DIRTY_RATIO] = "/proc/sys/vm/dirty_ratio",
    [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = "/proc/sys/vm/dirty_background_ratio",
  },
  .compact_memory = "/proc/sys/vm/compact_memory",
  .meminfo = "/proc/meminfo",
  .sysctl_dir = MG_SYSCTL_DIR,
};

const MgSysctlPaths *
mg_sysctl_paths_system (void)
{
  return &system_paths;
}

gboolean
mg_sysctl_lookup_key (const char  *name,
                      gsize        len,
                      MgSysctlKey *out)
{
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      const char *known = mg_sysctl_key_name ((MgSysctlKey) k);

      /* Exact bytes: "VM.Swappiness" and "vm/swappiness" are not keys of the table. */
      if (strlen (known) == len && memcmp (known, name, len) == 0)
        {
          *out = (MgSysctlKey) k;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
mg_sysctl_parse_value (const char  *text,
                       gsize        len,
                       guint64     *out,
                       GError     **error)
{
  guint64 value = 0;

  if (len == 0 || len > MG_SYSCTL_VALUE_MAX_DIGITS)
    {
      g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                   "The value must be 1 to %u digits", MG_SYSCTL_VALUE_MAX_DIGITS);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      /* g_ascii_isdigit() only: isdigit() depends on the locale, and digits of other scripts
       * (U+0661, U+FF11, ...) are multi-byte sequences refused here byte by byte. */
      if (!g_ascii_isdigit (text[i]))
        {
          g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                               "The value must be plain decimal digits");
          return FALSE;
        }
      value = value * 10 + (guint64) (text[i] - '0');
    }

  /* "010" could be read as octal by other tools: one spelling of each number. */
  if (len > 1 && text[0] == '0')
    {
      g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                           "The value must not have leading zeros");
      return FALSE;
    }

  if (value > G_MAXINT)
    {
      g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                           "The value does not fit the kernel's int");
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
usage (GError **error)
{
  g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_USAGE,
                       "usage: memgauge-helper sysctl KEY=VALUE... [--persist] | "
                       "memgauge-helper compact");
  return FALSE;
}

gboolean
mg_sysctl_parse_args (int                  argc,
                      const char * const  *argv,
                      MgHelperVerb        *out_verb,
                      MgSysctlRequest     *out_request,
                      MgSysctlKey         *out_key,
                      GError             **error)
{
  MgSysctlRequest request = { 0 };
  gboolean seen[MG_SYSCTL_N_KEYS] = { FALSE };
  guint64 values[MG_SYSCTL_N_KEYS] = { 0 };
  int n_pairs;

  g_return_val_if_fail (out_verb != NULL && out_request != NULL && out_key != NULL, FALSE);

  *out_key = MG_SYSCTL_N_KEYS;

  if (argc < 2 || argv == NULL || argv[1] == NULL)
    return usage (error);

  if (strcmp (argv[1], "compact") == 0)
    {
      if (argc != 2)
        return usage (error);
      *out_verb = MG_HELPER_VERB_COMPACT;
      *out_request = request;
      return TRUE;
    }

  if (strcmp (argv[1], "sysctl") != 0)
    return usage (error);

  n_pairs = argc - 2;
  if (argc > 2 && argv[argc - 1] != NULL && strcmp (argv[argc - 1], "--persist") == 0)
    {
      request.persist = TRUE;
      n_pairs--;
    }

  /* Counted before anything is looked at: more pairs than keys must repeat or invent one. */
  if (n_pairs < 1 || n_pairs > MG_SYSCTL_N_KEYS)
    return usage (error);

  for (int i = 2; i < 2 + n_pairs; i++)
    {
      const char *arg = argv[i];
      const char *eq;
      gsize arg_len;
      MgSysctlKey key;

      if (arg == NULL)
        return usage (error);
      if (strcmp (arg, "--persist") == 0)
        return usage (error);

      /* No key is longer than 64 bytes, nor any value than 10 digits: never scan further. */
      arg_len = strnlen (arg, 128);
      eq = memchr (arg, '=', arg_len);
      if (eq == NULL || eq == arg)
        {
          g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                               "An argument is not KEY=VALUE");
          return FALSE;
        }

      if (!mg_sysctl_lookup_key (arg, (gsize) (eq - arg), &key))
        {
          g_set_error_literal (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                               "An argument names a key MemGauge does not set");
          return FALSE;
        }

      *out_key = key;
      if (seen[key])
        {
          g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                       "%s is given twice", mg_sysctl_key_name (key));
          return FALSE;
        }

      if (arg_len == 128 ||
          !mg_sysctl_parse_value (eq + 1, arg_len - (gsize) (eq + 1 - arg), &values[key], error))
        {
          g_clear_error (error);
          g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_INVALID,
                       "The value of %s is not 1 to %u plain decimal digits without a "
                       "leading zero", mg_sysctl_key_name (key), MG_SYSCTL_VALUE_MAX_DIGITS);
          return FALSE;
        }
      seen[key] = TRUE;
    }

  /* Table order: the order of writing, restoring and the exit codes. */
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    if (seen[k])
      {
        request.keys[request.n] = (MgSysctlKey) k;
        request.values[request.n] = values[k];
        request.n++;
      }

  *out_key = MG_SYSCTL_N_KEYS;
  *out_verb = MG_HELPER_VERB_SYSCTL;
  *out_request = request;
  return TRUE;
}

/* MemTotal is the first line of /proc/meminfo on every kernel ("MemTotal:       24576000 kB");
 * only that line is read, strictly, with no parser shared with the app. */
static gboolean
read_mem_total (const char *path,
                guint64    *out_kib)
{
  /* The first line is at most 9 + 15 + 20 + 4 bytes; 128 leaves room. */
  char buf[128];
  const char *p;
  guint64 value = 0;
  int digits = 0;
  gssize n;
  int fd;

  fd = mg_sysctl_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  n = mg_sysctl_read_fd (fd, buf, sizeof buf);
  close (fd);
  if (n < 0 || !g_str_has_prefix (buf, "MemTotal:"))
    return FALSE;

  for (p = buf + strlen ("MemTotal:"); *p == ' '; p++)
    ;
  for (; g_ascii_isdigit (*p) && digits < 19; p++, digits++)
    value = value * 10 + (guint64) (*p - '0');

  if (digits == 0 || !g_str_has_prefix (p, " kB\n") || value == 0)
    return FALSE;

  *out_kib = value;
  return TRUE;
}

static gboolean
fail_key (GError       **error,
          MgSysctlKey   *out_key,
          MgSysctlKey    key,
          MgSysctlError  code,
          const char    *what)
{
  *out_key = key;
  g_set_error (error, MG_SYSCTL_ERROR, code, "%s: %s", mg_sysctl_key_name (key), what);
  return FALSE;
}

gboolean
mg_sysctl_check (const MgSysctlPaths   *paths,
                 const MgSysctlRequest *request,
                 guint64                live[MG_SYSCTL_N_KEYS],
                 MgSysctlKey           *out_key,
                 GError               **error)
{
  gboolean requested[MG_SYSCTL_N_KEYS] = { FALSE };
  guint64 after[MG_SYSCTL_N_KEYS] = { 0 };

  g_return_val_if_fail (paths != NULL && request != NULL && out_key != NULL, FALSE);

  for (guint i = 0; i < request->n; i++)
    {
      MgSysctlKey key = request->keys[i];
      const KeyRange *range = &key_ranges[key];
      guint64 value = request->values[i];
      guint64 max = range->max;

      if (key == MG_SYSCTL_MIN_FREE_KBYTES)
        {
          guint64 mem_total_kib;

          if (!read_mem_total (paths->meminfo, &mem_total_kib))
            return fail_key (error, out_key, key, MG_SYSCTL_ERROR_OUT_OF_RANGE,
                             "cannot read MemTotal to check the bound");
          max = mem_total_kib / MIN_FREE_DIVISOR;
        }

      if (value < range->min || value > max)
        {
          *out_key = key;
          g_set_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_OUT_OF_RANGE,
                       "%s must be between %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT,
                       mg_sysctl_key_name (key), range->min, max);
          return FALSE;
        }

      requested[key] = TRUE;
      after[key] = value;
    }

  /* The two dirty ratios are judged together, so both are read when either is asked for. */
  if (requested[MG_SYSCTL_DIRTY_RATIO] || requested[MG_SYSCTL_DIRTY_BACKGROUND_RATIO])
    {
      MgSysctlKey asked = requested[MG_SYSCTL_DIRTY_BACKGROUND_RATIO]
                          ? MG_SYSCTL_DIRTY_BACKGROUND_RATIO : MG_SYSCTL_DIRTY_RATIO;

      for (MgSysctlKey key = MG_SYSCTL_DIRTY_RATIO; key <= MG_SYSCTL_DIRTY_BACKGROUND_RATIO; key++)
        {
          if (!mg_sysctl_read_value (paths->keys[key], &live[key], NULL))
            return fail_key (error, out_key, requested[key] ? key : asked,
                             MG_SYSCTL_ERROR_UNSUPPORTED, "the running kernel has no such key");
          if (!requested[key])
            after[key] = live[key];
        }

      /* mm/page-writeback.c, domain_dirty_limits(): a background threshold at or above the
       * dirty threshold is silently halved, so such a value would not do what it says. A
       * live dirty_ratio of 0 means dirty_bytes is in use and there is nothing to compare. */
      if (after[MG_SYSCTL_DIRTY_RATIO] != 0 &&
          after[MG_SYSCTL_DIRTY_BACKGROUND_RATIO] >= after[MG_SYSCTL_DIRTY_RATIO])
        return fail_key (error, out_key, asked, MG_SYSCTL_ERROR_OUT_OF_RANGE,
                         "vm.dirty_background_ratio must stay below vm.dirty_ratio");
    }

  for (guint i = 0; i < request->n; i++)
    {
      MgSysctlKey key = request->keys[i];

      if (key == MG_SYSCTL_DIRTY_RATIO || key == MG_SYSCTL_DIRTY_BACKGROUND_RATIO)
        continue;
      /* The live value is also what a failed batch restores. */
      if (!mg_sysctl_read_value (paths->keys[key], &live[key], NULL))
        return fail_key (error, out_key, key, MG_SYSCTL_ERROR_UNSUPPORTED,
                         "the running kernel has no such key, or it cannot be read");
    }

  return TRUE;
}
