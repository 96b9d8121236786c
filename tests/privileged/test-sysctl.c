/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for the helper's table: hostile arguments, bounds, checks, writing, restoring. */

#define G_LOG_DOMAIN "memgauge-sysctl"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-sysctl.h"
#include "mg-test-files.h"

/* The live values of the test tree: the kernel defaults of a 24 GiB machine. */
static const char *const live_values[MG_SYSCTL_N_KEYS] = {
  [MG_SYSCTL_SWAPPINESS] = "60",
  [MG_SYSCTL_VFS_CACHE_PRESSURE] = "100",
  [MG_SYSCTL_COMPACTION_PROACTIVENESS] = "20",
  [MG_SYSCTL_OVERCOMMIT_MEMORY] = "0",
  [MG_SYSCTL_MIN_FREE_KBYTES] = "67584",
  [MG_SYSCTL_DIRTY_RATIO] = "20",
  [MG_SYSCTL_DIRTY_BACKGROUND_RATIO] = "10",
};

/* 24 GiB: min_free_kbytes may go up to 25165824 / 20 = 1258291. */
#define MEM_TOTAL_KIB 25165824
#define MIN_FREE_MAX 1258291

/* A proc tree and a sysctl.d folder below a temporary folder, and the paths into them. */
typedef struct {
  MgTestTempDir  dir;
  char          *keys[MG_SYSCTL_N_KEYS];
  char          *compact;
  char          *meminfo;
  char          *sysctl_dir;
  MgSysctlPaths  paths;
} Tree;

static const char *
file_of (MgSysctlKey key)
{
  return mg_sysctl_key_name (key) + strlen ("vm.");
}

static void
tree_setup (Tree          *tree,
            gconstpointer  user_data)
{
  mg_test_temp_dir_setup (&tree->dir, user_data);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autofree char *name = g_strconcat ("proc/sys/vm/", file_of (k), NULL);
      g_autofree char *text = g_strconcat (live_values[k], "\n", NULL);

      mg_test_write_file (tree->dir.path, name, text);
      tree->keys[k] = g_build_filename (tree->dir.path, name, NULL);
      tree->paths.keys[k] = tree->keys[k];
    }
  mg_test_write_file (tree->dir.path, "proc/sys/vm/compact_memory", "");
  mg_test_write_file (tree->dir.path, "proc/meminfo",
                      "MemTotal:       25165824 kB\nMemFree:        20000000 kB\n");
  tree->compact = g_build_filename (tree->dir.path, "proc/sys/vm/compact_memory", NULL);
  tree->meminfo = g_build_filename (tree->dir.path, "proc/meminfo", NULL);
  tree->sysctl_dir = g_build_filename (tree->dir.path, "etc/sysctl.d", NULL);
  g_assert_cmpint (g_mkdir_with_parents (tree->sysctl_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (tree->sysctl_dir, 0755), ==, 0);
  tree->paths.compact_memory = tree->compact;
  tree->paths.meminfo = tree->meminfo;
  tree->paths.sysctl_dir = tree->sysctl_dir;
}

static void
tree_teardown (Tree          *tree,
               gconstpointer  user_data)
{
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    g_free (tree->keys[k]);
  g_free (tree->compact);
  g_free (tree->meminfo);
  g_free (tree->sysctl_dir);
  mg_test_temp_dir_teardown (&tree->dir, user_data);
}

#define add_tree_test(path, func) \
  g_test_add ((path), Tree, NULL, tree_setup, (func), tree_teardown)

/* The first line of a key's file: what the kernel would report. */
static char *
live (Tree        *tree,
      MgSysctlKey  key)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (tree->keys[key], &text, NULL, NULL));
  return g_strndup (text, strcspn (text, "\n"));
}

static void
set_live (Tree        *tree,
          MgSysctlKey  key,
          const char  *value)
{
  g_autofree char *text = g_strconcat (value, "\n", NULL);

  g_assert_true (g_file_set_contents (tree->keys[key], text, -1, NULL));
}

/* Asserts that every key still holds what it held before, and that nothing was persisted. */
static void
assert_nothing_written (Tree *tree)
{
  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autofree char *value = live (tree, k);

      g_assert_cmpstr (value, ==, live_values[k]);
    }
  g_assert_cmpuint (mg_test_count_entries (tree->sysctl_dir), ==, 0);
}

/* Runs the helper's code with "memgauge-helper" and the NULL-terminated @args. */
static int
run (Tree        *tree,
     const char  *const *args,
     char       **out_stdout)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  int status;

  g_ptr_array_add (argv, (gpointer) "memgauge-helper");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  status = mg_helper_run (&tree->paths, (int) argv->len - 1,
                          (const char * const *) argv->pdata, out, err);
  g_test_message ("exit %d, stdout <%s>, stderr <%s>", status, out->str, err->str);
  if (status != MG_HELPER_EXIT_OK)
    g_assert_cmpuint (err->len, >, 0);
  if (out_stdout != NULL)
    *out_stdout = g_strdup (out->str);

  return status;
}

#define ARGS(...) ((const char *const[]) { __VA_ARGS__, NULL })

/* --- the grammar --------------------------------------------------------------------------- */

static void
test_hostile (Tree          *tree,
              gconstpointer  user_data)
{
  g_autofree char *sevens = g_strnfill (4096, '7');
  g_autofree char *xs = g_strnfill (200, 'x');
  g_autofree char *digits_4k = g_strconcat ("vm.swappiness=", sevens, NULL);
  g_autofree char *long_key = g_strconcat (xs, "=1", NULL);
  const struct {
    const char *name;
    const char *const *args;
    int status;
  } cases[] = {
    { "no verb", ARGS (NULL), MG_HELPER_EXIT_USAGE },
    { "unknown verb", ARGS ("swappiness", "10"), MG_HELPER_EXIT_USAGE },
    { "old helper's grammar", ARGS ("10"), MG_HELPER_EXIT_USAGE },
    { "verb in capitals", ARGS ("SYSCTL", "vm.swappiness=10"), MG_HELPER_EXIT_USAGE },
    { "no pair", ARGS ("sysctl"), MG_HELPER_EXIT_USAGE },
    { "only --persist", ARGS ("sysctl", "--persist"), MG_HELPER_EXIT_USAGE },
    { "--persist first", ARGS ("sysctl", "--persist", "vm.swappiness=10"), MG_HELPER_EXIT_USAGE },
    { "--persist twice", ARGS ("sysctl", "vm.swappiness=10", "--persist", "--persist"),
      MG_HELPER_EXIT_USAGE },
    { "compact with an argument", ARGS ("compact", "vm.swappiness=10"), MG_HELPER_EXIT_USAGE },
    { "more pairs than keys",
      ARGS ("sysctl", "vm.swappiness=1", "vm.vfs_cache_pressure=50",
            "vm.compaction_proactiveness=20", "vm.overcommit_memory=0",
            "vm.min_free_kbytes=67584", "vm.dirty_ratio=20", "vm.dirty_background_ratio=10",
            "vm.swappiness=2"), MG_HELPER_EXIT_USAGE },
    { "empty argument", ARGS ("sysctl", ""), MG_HELPER_EXIT_INVALID },
    { "KEY= alone", ARGS ("sysctl", "vm.swappiness="), MG_HELPER_EXIT_INVALID },
    { "=VALUE alone", ARGS ("sysctl", "=10"), MG_HELPER_EXIT_INVALID },
    { "no =", ARGS ("sysctl", "vm.swappiness"), MG_HELPER_EXIT_INVALID },
    { "negative", ARGS ("sysctl", "vm.swappiness=-1"), MG_HELPER_EXIT_INVALID },
    { "plus sign", ARGS ("sysctl", "vm.swappiness=+10"), MG_HELPER_EXIT_INVALID },
    { "leading space", ARGS ("sysctl", "vm.swappiness= 10"), MG_HELPER_EXIT_INVALID },
    { "trailing space", ARGS ("sysctl", "vm.swappiness=10 "), MG_HELPER_EXIT_INVALID },
    { "space before =", ARGS ("sysctl", "vm.swappiness =10"), MG_HELPER_EXIT_INVALID },
    { "tab", ARGS ("sysctl", "vm.swappiness=\t10"), MG_HELPER_EXIT_INVALID },
    { "newline", ARGS ("sysctl", "vm.swappiness=10\n"), MG_HELPER_EXIT_INVALID },
    { "leading zero", ARGS ("sysctl", "vm.swappiness=010"), MG_HELPER_EXIT_INVALID },
    { "hex", ARGS ("sysctl", "vm.swappiness=0x10"), MG_HELPER_EXIT_INVALID },
    { "exponent", ARGS ("sysctl", "vm.swappiness=1e2"), MG_HELPER_EXIT_INVALID },
    { "decimal point", ARGS ("sysctl", "vm.swappiness=1.5"), MG_HELPER_EXIT_INVALID },
    { "arabic-indic digits", ARGS ("sysctl", "vm.swappiness=\xd9\xa1\xd9\xa0"),
      MG_HELPER_EXIT_INVALID },
    { "fullwidth digits", ARGS ("sysctl", "vm.swappiness=\xef\xbc\x91\xef\xbc\x90"),
      MG_HELPER_EXIT_INVALID },
    { "beyond int", ARGS ("sysctl", "vm.min_free_kbytes=2147483648"), MG_HELPER_EXIT_INVALID },
    { "11 digits", ARGS ("sysctl", "vm.min_free_kbytes=10000000000"), MG_HELPER_EXIT_INVALID },
    { "4 KiB of digits", ARGS ("sysctl", digits_4k), MG_HELPER_EXIT_INVALID },
    { "long key", ARGS ("sysctl", long_key), MG_HELPER_EXIT_INVALID },
    { "two =", ARGS ("sysctl", "vm.swappiness=1=2"), MG_HELPER_EXIT_INVALID },
    { "duplicate key", ARGS ("sysctl", "vm.swappiness=10", "vm.swappiness=10"),
      MG_HELPER_EXIT_INVALID },
    { "duplicate after a good pair",
      ARGS ("sysctl", "vm.swappiness=10", "vm.dirty_ratio=30", "vm.swappiness=20", "--persist"),
      MG_HELPER_EXIT_INVALID },
    { "unknown key", ARGS ("sysctl", "vm.drop_caches=3"), MG_HELPER_EXIT_INVALID },
    { "key without vm.", ARGS ("sysctl", "swappiness=10"), MG_HELPER_EXIT_INVALID },
    { "different case", ARGS ("sysctl", "VM.Swappiness=10"), MG_HELPER_EXIT_INVALID },
    { "slash spelling", ARGS ("sysctl", "vm/swappiness=10"), MG_HELPER_EXIT_INVALID },
    { "absolute path", ARGS ("sysctl", "/proc/sys/vm/swappiness=10"), MG_HELPER_EXIT_INVALID },
    { "dot dot", ARGS ("sysctl", "vm.../../kernel/core_pattern=1"), MG_HELPER_EXIT_INVALID },
    { "dot dot slash", ARGS ("sysctl", "../vm.swappiness=10"), MG_HELPER_EXIT_INVALID },
    { "compact_memory as a key", ARGS ("sysctl", "vm.compact_memory=1"),
      MG_HELPER_EXIT_INVALID },
    { "a good pair then a bad one", ARGS ("sysctl", "vm.swappiness=10", "vm.dirty_ratio=x"),
      MG_HELPER_EXIT_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;

      g_test_message ("hostile: %s", cases[i].name);
      g_assert_cmpint (run (tree, cases[i].args, &out), ==, cases[i].status);
      g_assert_cmpstr (out, ==, "");
      assert_nothing_written (tree);
    }
}

/* --- the table: every key at and beyond each bound ---------------------------------------- */

static void
test_bounds (Tree          *tree,
             gconstpointer  user_data)
{
  const struct {
    MgSysctlKey key;
    guint64 min;
    guint64 max;
  } bounds[] = {
    { MG_SYSCTL_SWAPPINESS, 0, 200 },
    { MG_SYSCTL_VFS_CACHE_PRESSURE, 1, 1000 },
    { MG_SYSCTL_COMPACTION_PROACTIVENESS, 0, 100 },
    { MG_SYSCTL_OVERCOMMIT_MEMORY, 0, 2 },
    { MG_SYSCTL_MIN_FREE_KBYTES, 1024, MIN_FREE_MAX },
    { MG_SYSCTL_DIRTY_RATIO, 1, 100 },
    { MG_SYSCTL_DIRTY_BACKGROUND_RATIO, 0, 99 },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (bounds) == MG_SYSCTL_N_KEYS);

  for (gsize i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      MgSysctlKey key = bounds[i].key;
      const char *name = mg_sysctl_key_name (key);
      guint64 accepted[] = { bounds[i].min, bounds[i].max };
      guint64 refused[] = { bounds[i].min - 1, bounds[i].max + 1 };

      /* The other dirty ratio out of the way, so that each bound is the key's own. */
      if (key == MG_SYSCTL_DIRTY_RATIO)
        set_live (tree, MG_SYSCTL_DIRTY_BACKGROUND_RATIO, "0");
      if (key == MG_SYSCTL_DIRTY_BACKGROUND_RATIO)
        set_live (tree, MG_SYSCTL_DIRTY_RATIO, "100");

      for (gsize j = 0; j < G_N_ELEMENTS (refused); j++)
        {
          g_autofree char *arg = g_strdup_printf ("%s=%" G_GUINT64_FORMAT, name, refused[j]);
          g_autofree char *before = live (tree, key);
          g_autofree char *after = NULL;
          g_autofree char *out = NULL;

          /* 0 - 1 wraps around: "-1" is a hostile argument, covered above. */
          if (j == 0 && bounds[i].min == 0)
            continue;
          g_test_message ("refused: %s", arg);
          g_assert_cmpint (run (tree, ARGS ("sysctl", arg), &out), ==,
                           MG_HELPER_EXIT_OUT_OF_RANGE + (int) key);
          g_assert_cmpstr (out, ==, "");
          after = live (tree, key);
          g_assert_cmpstr (after, ==, before);
        }

      for (gsize j = 0; j < G_N_ELEMENTS (accepted); j++)
        {
          g_autofree char *arg = g_strdup_printf ("%s=%" G_GUINT64_FORMAT, name, accepted[j]);
          g_autofree char *expected = g_strdup_printf ("%s ok\n", arg);
          g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT, accepted[j]);
          g_autofree char *after = NULL;
          g_autofree char *out = NULL;

          g_test_message ("accepted: %s", arg);
          g_assert_cmpint (run (tree, ARGS ("sysctl", arg), &out), ==, MG_HELPER_EXIT_OK);
          g_assert_cmpstr (out, ==, expected);
          after = live (tree, key);
          g_assert_cmpstr (after, ==, value);
        }

      set_live (tree, key, live_values[key]);
      set_live (tree, MG_SYSCTL_DIRTY_RATIO, live_values[MG_SYSCTL_DIRTY_RATIO]);
      set_live (tree, MG_SYSCTL_DIRTY_BACKGROUND_RATIO,
                live_values[MG_SYSCTL_DIRTY_BACKGROUND_RATIO]);
    }
  assert_nothing_written (tree);
}

/* min_free_kbytes is bounded by MemTotal, which must be readable and well-formed. */
static void
test_min_free_mem_total (Tree          *tree,
                         gconstpointer  user_data)
{
  const char *broken[] = {
    "", "MemFree: 100 kB\nMemTotal: 25165824 kB\n", "MemTotal: 25165824\n",
    "MemTotal: -25165824 kB\n", "MemTotal: 0 kB\n", "MemTotal: 0x1000 kB\n",
  };

  /* 2 GiB: the bound follows the machine. */
  mg_test_write_file (tree->dir.path, "proc/meminfo", "MemTotal:        2097152 kB\n");
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.min_free_kbytes=104858"), NULL), ==,
                   MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_MIN_FREE_KBYTES);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.min_free_kbytes=104857"), NULL), ==,
                   MG_HELPER_EXIT_OK);
  set_live (tree, MG_SYSCTL_MIN_FREE_KBYTES, live_values[MG_SYSCTL_MIN_FREE_KBYTES]);

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_test_message ("meminfo <%s>", broken[i]);
      mg_test_write_file (tree->dir.path, "proc/meminfo", broken[i]);
      g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.min_free_kbytes=2048"), NULL), ==,
                       MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_MIN_FREE_KBYTES);
    }
  g_assert_cmpint (g_unlink (tree->meminfo), ==, 0);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.min_free_kbytes=2048"), NULL), ==,
                   MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_MIN_FREE_KBYTES);
  /* Other keys do not need it. */
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.swappiness=60"), NULL), ==, MG_HELPER_EXIT_OK);
  assert_nothing_written (tree);
}

/* dirty_background_ratio below dirty_ratio, judged on the values after the whole batch. */
static void
test_dirty_ratios (Tree          *tree,
                   gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *value = NULL;

  /* Live dirty_ratio 20: a background ratio of 20 alone is refused, 19 is not. */
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_background_ratio=20"), NULL), ==,
                   MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_DIRTY_BACKGROUND_RATIO);
  /* Live background 10: dirty_ratio 10 alone is refused, and is the key named. */
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_ratio=10"), NULL), ==,
                   MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_DIRTY_RATIO);
  /* Both in one batch: what counts is the pair after it. */
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_ratio=5", "vm.dirty_background_ratio=5"),
                        NULL), ==,
                   MG_HELPER_EXIT_OUT_OF_RANGE + MG_SYSCTL_DIRTY_BACKGROUND_RATIO);
  assert_nothing_written (tree);

  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_background_ratio=30", "vm.dirty_ratio=40"),
                        &out), ==, MG_HELPER_EXIT_OK);
  g_assert_cmpstr (out, ==, "vm.dirty_ratio=40 ok\nvm.dirty_background_ratio=30 ok\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_background_ratio=5", "vm.dirty_ratio=6"),
                        &out), ==, MG_HELPER_EXIT_OK);
  g_assert_cmpstr (out, ==, "vm.dirty_ratio=6 ok\nvm.dirty_background_ratio=5 ok\n");

  /* dirty_bytes in use: the kernel shows dirty_ratio as 0, there is nothing to compare. */
  set_live (tree, MG_SYSCTL_DIRTY_RATIO, "0");
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_background_ratio=50"), NULL), ==,
                   MG_HELPER_EXIT_OK);
  value = live (tree, MG_SYSCTL_DIRTY_BACKGROUND_RATIO);
  g_assert_cmpstr (value, ==, "50");

  /* The other ratio missing: the kernel lacks it, so the pair cannot be judged. */
  g_assert_cmpint (g_unlink (tree->keys[MG_SYSCTL_DIRTY_RATIO]), ==, 0);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.dirty_background_ratio=5"), NULL), ==,
                   MG_HELPER_EXIT_UNSUPPORTED + MG_SYSCTL_DIRTY_BACKGROUND_RATIO);
}

/* A key the running kernel lacks (compaction_proactiveness before 5.9) is refused before
 * anything is written, even when other keys come first. */
static void
test_unsupported (Tree          *tree,
                  gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *value = NULL;

  g_assert_cmpint (g_unlink (tree->keys[MG_SYSCTL_COMPACTION_PROACTIVENESS]), ==, 0);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.swappiness=10",
                                    "vm.compaction_proactiveness=20", "--persist"), &out), ==,
                   MG_HELPER_EXIT_UNSUPPORTED + MG_SYSCTL_COMPACTION_PROACTIVENESS);
  g_assert_cmpstr (out, ==, "");
  value = live (tree, MG_SYSCTL_SWAPPINESS);
  g_assert_cmpstr (value, ==, "60");
  g_assert_cmpuint (mg_test_count_entries (tree->sysctl_dir), ==, 0);

  /* A file that holds no number is no key either. */
  set_live (tree, MG_SYSCTL_OVERCOMMIT_MEMORY, "x");
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.overcommit_memory=1"), NULL), ==,
                   MG_HELPER_EXIT_UNSUPPORTED + MG_SYSCTL_OVERCOMMIT_MEMORY);
}

/* A key whose write fails in the middle of a batch: the keys written before it are put back,
 * the last first, and the ones after it are never touched. /proc/sys/kernel/cap_last_cap is
 * a real sysctl file that reads a number and refuses every write, even by root (mode 0444). */
static void
test_restore (Tree          *tree,
              gconstpointer  user_data)
{
  const char *read_only = "/proc/sys/kernel/cap_last_cap";
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *cap = NULL;
  guint64 cap_value;

  if (!mg_sysctl_read_value (read_only, &cap_value, NULL) || cap_value < 31 || cap_value > 99)
    {
      g_test_fail_printf ("%s cannot stand in for a key that refuses writes", read_only);
      return;
    }

  tree->paths.keys[MG_SYSCTL_DIRTY_RATIO] = read_only;
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.swappiness=10", "vm.vfs_cache_pressure=50",
                                    "vm.dirty_ratio=30", "vm.dirty_background_ratio=5",
                                    "--persist"), &out), ==,
                   MG_HELPER_EXIT_WRITE_FAILED + MG_SYSCTL_DIRTY_RATIO);
  g_assert_cmpstr (out, ==,
                   "vm.swappiness=10 ok\n"
                   "vm.vfs_cache_pressure=50 ok\n"
                   "vm.dirty_ratio=30 failed\n"
                   "vm.vfs_cache_pressure=100 restored\n"
                   "vm.swappiness=60 restored\n");
  assert_nothing_written (tree);
  g_assert_true (mg_sysctl_read_value (read_only, &(guint64) { 0 }, NULL));
  cap = g_strdup_printf ("%" G_GUINT64_FORMAT, cap_value);
  g_test_message ("%s still %s", read_only, cap);
}

static void
test_write_value (Tree          *tree,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_build_filename (tree->dir.path, "link", NULL);
  g_autofree char *missing = g_build_filename (tree->dir.path, "missing", NULL);
  g_autofree char *value = NULL;

  /* A longer old value is not truncated in a regular file; the first line is what counts. */
  g_assert_true (mg_sysctl_write_value (tree->keys[MG_SYSCTL_VFS_CACHE_PRESSURE], 5, &error));
  g_assert_no_error (error);
  value = live (tree, MG_SYSCTL_VFS_CACHE_PRESSURE);
  g_assert_cmpstr (value, ==, "5");

  g_assert_cmpint (symlink (tree->keys[MG_SYSCTL_SWAPPINESS], link), ==, 0);
  g_assert_false (mg_sysctl_write_value (link, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED);
  g_clear_error (&error);
  g_clear_pointer (&value, g_free);
  value = live (tree, MG_SYSCTL_SWAPPINESS);
  g_assert_cmpstr (value, ==, "60");

  g_assert_false (mg_sysctl_write_value (missing, 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* Any errno but EINVAL is a write failure, not a refusal by the kernel. */
  g_assert_false (mg_sysctl_write_value ("/dev/full", 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED);
  g_clear_error (&error);
  /* /dev/null reads back nothing: the value cannot be confirmed. */
  g_assert_false (mg_sysctl_write_value ("/dev/null", 10, &error));
  g_assert_error (error, MG_SYSCTL_ERROR, MG_SYSCTL_ERROR_WRITE_FAILED);
}

/* --- compact ------------------------------------------------------------------------------- */

static void
test_compact (Tree          *tree,
              gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpint (run (tree, ARGS ("compact"), &out), ==, MG_HELPER_EXIT_OK);
  g_assert_cmpstr (out, ==, "vm.compact_memory=1 ok\n");
  written = mg_test_read_file (tree->dir.path, "proc/sys/vm/compact_memory");
  g_assert_cmpstr (written, ==, "1\n");
  /* Nothing else. */
  assert_nothing_written (tree);

  g_assert_cmpint (g_unlink (tree->compact), ==, 0);
  g_assert_cmpint (run (tree, ARGS ("compact"), NULL), ==, MG_HELPER_EXIT_COMPACT_FAILED);
  g_assert_false (g_file_test (tree->compact, G_FILE_TEST_EXISTS));
}

/* --- a whole run with --persist ------------------------------------------------------------ */

static void
test_run_persist (Tree          *tree,
                  gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *value = NULL;

  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.vfs_cache_pressure=50", "vm.swappiness=10",
                                    "--persist"), &out), ==, MG_HELPER_EXIT_OK);
  g_assert_cmpstr (out, ==,
                   "vm.swappiness=10 ok\n"
                   "vm.vfs_cache_pressure=50 ok\n"
                   "vm.swappiness=10 persisted\n"
                   "vm.vfs_cache_pressure=50 persisted\n");
  conf = mg_test_read_file (tree->sysctl_dir, MG_SYSCTL_CONF_NAME);
  g_assert_cmpstr (conf, ==,
                   "# Written by MemGauge; applying values in MemGauge replaces this file.\n"
                   "vm.swappiness = 10\n"
                   "vm.vfs_cache_pressure = 50\n");

  /* A folder others can write to: the values change, the file does not, exit 7. */
  g_assert_cmpint (g_chmod (tree->sysctl_dir, 0775), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (tree, ARGS ("sysctl", "vm.swappiness=20", "--persist"), &out), ==,
                   MG_HELPER_EXIT_PERSIST_FAILED);
  g_assert_cmpstr (out, ==, "vm.swappiness=20 ok\n");
  value = live (tree, MG_SYSCTL_SWAPPINESS);
  g_assert_cmpstr (value, ==, "20");
  g_clear_pointer (&conf, g_free);
  conf = mg_test_read_file (tree->sysctl_dir, MG_SYSCTL_CONF_NAME);
  g_assert_true (strstr (conf, "vm.swappiness = 10\n") != NULL);
}

static void
test_system_paths (void)
{
  const MgSysctlPaths *paths = mg_sysctl_paths_system ();

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_autofree char *expected = g_strconcat ("/proc/sys/vm/", file_of (k), NULL);

      g_assert_cmpstr (paths->keys[k], ==, expected);
    }
  g_assert_cmpstr (paths->compact_memory, ==, "/proc/sys/vm/compact_memory");
  g_assert_cmpstr (paths->meminfo, ==, "/proc/meminfo");
  g_assert_cmpstr (paths->sysctl_dir, ==, "/etc/sysctl.d");
  g_assert_null (mg_sysctl_key_name (MG_SYSCTL_N_KEYS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_tree_test ("/sysctl/args/hostile", test_hostile);
  add_tree_test ("/sysctl/table/bounds", test_bounds);
  add_tree_test ("/sysctl/table/min-free-mem-total", test_min_free_mem_total);
  add_tree_test ("/sysctl/table/dirty-ratios", test_dirty_ratios);
  add_tree_test ("/sysctl/table/unsupported", test_unsupported);
  add_tree_test ("/sysctl/write/restore-mid-batch", test_restore);
  add_tree_test ("/sysctl/write/value", test_write_value);
  add_tree_test ("/sysctl/compact", test_compact);
  add_tree_test ("/sysctl/run/persist", test_run_persist);
  g_test_add_func ("/sysctl/paths/system", test_system_paths);

  return g_test_run ();
}
