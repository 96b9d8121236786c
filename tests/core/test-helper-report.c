/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-helper-report: exit codes and report lines read strictly, per key. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#include "mg-enums.h"
#include "mg-helper-report.h"

/* swappiness 10, vfs_cache_pressure 50, dirty_ratio 30: three keys, the last index 5. */
static MgSysctlValues
three_keys (void)
{
  MgSysctlValues request = { 0 };

  request.set[MG_SYSCTL_SWAPPINESS] = TRUE;
  request.value[MG_SYSCTL_SWAPPINESS] = 10;
  request.set[MG_SYSCTL_VFS_CACHE_PRESSURE] = TRUE;
  request.value[MG_SYSCTL_VFS_CACHE_PRESSURE] = 50;
  request.set[MG_SYSCTL_DIRTY_RATIO] = TRUE;
  request.value[MG_SYSCTL_DIRTY_RATIO] = 30;

  return request;
}

#define OK3 "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n"

typedef struct {
  const char *name;
  gboolean persist;
  int wait_status;
  const char *text;
  MgHelperOutcome outcome;
  MgSysctlKey failed_key;
  /* The states of swappiness, vfs_cache_pressure and dirty_ratio. */
  MgSysctlState states[3];
} Case;

#define U MG_SYSCTL_STATE_UNTOUCHED
#define C MG_SYSCTL_STATE_CHANGED
#define N MG_SYSCTL_N_KEYS
#define EXIT(code) W_EXITCODE (code, 0)

static const Case cases[] = {
  { "all ok", FALSE, EXIT (0), OK3, MG_HELPER_OUTCOME_DONE, N, { C, C, C } },
  { "all ok and persisted, with a key of an earlier persist", TRUE, EXIT (0),
    OK3 "vm.swappiness=10 persisted\nvm.vfs_cache_pressure=50 persisted\n"
    "vm.min_free_kbytes=90000 persisted\nvm.dirty_ratio=30 persisted\n",
    MG_HELPER_OUTCOME_DONE, N, { C, C, C } },
  { "persist failed", TRUE, EXIT (7), OK3, MG_HELPER_OUTCOME_PERSIST_FAILED, N, { C, C, C } },
  { "kernel refused the last, two restored", FALSE, EXIT (35),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 refused\n"
    "vm.vfs_cache_pressure=100 restored\nvm.swappiness=60 restored\n",
    MG_HELPER_OUTCOME_KERNEL_REFUSED, MG_SYSCTL_DIRTY_RATIO,
    { MG_SYSCTL_STATE_RESTORED, MG_SYSCTL_STATE_RESTORED, MG_SYSCTL_STATE_REFUSED } },
  { "write of the second failed", FALSE, EXIT (41),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 failed\nvm.swappiness=60 restored\n",
    MG_HELPER_OUTCOME_WRITE_FAILED, MG_SYSCTL_VFS_CACHE_PRESSURE,
    { MG_SYSCTL_STATE_RESTORED, MG_SYSCTL_STATE_FAILED, U } },
  { "the first refused, nothing to restore", FALSE, EXIT (30), "vm.swappiness=10 refused\n",
    MG_HELPER_OUTCOME_KERNEL_REFUSED, MG_SYSCTL_SWAPPINESS, { MG_SYSCTL_STATE_REFUSED, U, U } },
  { "restore failed", FALSE, EXIT (55),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 failed\n"
    "vm.vfs_cache_pressure=100 unrestored\nvm.swappiness=60 restored\n",
    MG_HELPER_OUTCOME_RESTORE_FAILED, MG_SYSCTL_DIRTY_RATIO,
    { MG_SYSCTL_STATE_RESTORED, MG_SYSCTL_STATE_UNRESTORED, MG_SYSCTL_STATE_FAILED } },
  { "out of range", FALSE, EXIT (15), "", MG_HELPER_OUTCOME_OUT_OF_RANGE,
    MG_SYSCTL_DIRTY_RATIO, { U, U, U } },
  { "unsupported", FALSE, EXIT (21), "", MG_HELPER_OUTCOME_UNSUPPORTED,
    MG_SYSCTL_VFS_CACHE_PRESSURE, { U, U, U } },
  { "invalid", FALSE, EXIT (3), "", MG_HELPER_OUTCOME_INVALID, N, { U, U, U } },
  { "usage", FALSE, EXIT (2), "", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "dismissed", FALSE, EXIT (126), "", MG_HELPER_OUTCOME_CANCELLED, N, { U, U, U } },
  { "not authorized", FALSE, EXIT (127), "", MG_HELPER_OUTCOME_NOT_AUTHORIZED, N, { U, U, U } },
  /* Whatever does not add up claims nothing. */
  { "killed", FALSE, W_EXITCODE (0, SIGKILL), OK3, MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "not root", FALSE, EXIT (4), "", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "setup failed", FALSE, EXIT (5), "", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "unknown code", FALSE, EXIT (99), "", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, no report", FALSE, EXIT (0), "", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, a key missing", FALSE, EXIT (0),
    "vm.swappiness=10 ok\nvm.dirty_ratio=30 ok\n", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, another value", FALSE, EXIT (0),
    "vm.swappiness=11 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, out of order", FALSE, EXIT (0),
    "vm.vfs_cache_pressure=50 ok\nvm.swappiness=10 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, a key not asked for", FALSE, EXIT (0), OK3 "vm.overcommit_memory=1 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0, a line twice", FALSE, EXIT (0), OK3 "vm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "exit 0 with --persist, not persisted", TRUE, EXIT (0), OK3, MG_HELPER_OUTCOME_FAILED, N,
    { U, U, U } },
  { "exit 0 with --persist, another value persisted", TRUE, EXIT (0),
    OK3 "vm.swappiness=11 persisted\nvm.vfs_cache_pressure=50 persisted\n"
    "vm.dirty_ratio=30 persisted\n", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "persisted without --persist", FALSE, EXIT (0), OK3 "vm.swappiness=10 persisted\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "persist failed, yet persisted lines", TRUE, EXIT (7), OK3 "vm.swappiness=10 persisted\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "persist failed without --persist", FALSE, EXIT (7), OK3, MG_HELPER_OUTCOME_FAILED, N,
    { U, U, U } },
  { "exit code names another key", FALSE, EXIT (34),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 refused\n"
    "vm.vfs_cache_pressure=100 restored\nvm.swappiness=60 restored\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "a restore missing", FALSE, EXIT (35),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 refused\n"
    "vm.vfs_cache_pressure=100 restored\n", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "refused with a write-failed code", FALSE, EXIT (40), "vm.swappiness=10 refused\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "restore-failed code, all restored", FALSE, EXIT (50), "vm.swappiness=10 refused\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "out of range of a key not asked for", FALSE, EXIT (13), "", MG_HELPER_OUTCOME_FAILED, N,
    { U, U, U } },
  { "out of range, yet a line", FALSE, EXIT (10), "vm.swappiness=10 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "no final newline", FALSE, EXIT (0),
    "vm.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "carriage return", FALSE, EXIT (0),
    "vm.swappiness=10 ok\r\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "two spaces", FALSE, EXIT (0),
    "vm.swappiness=10  ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "leading zero", FALSE, EXIT (0),
    "vm.swappiness=010 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "other case", FALSE, EXIT (0),
    "VM.swappiness=10 ok\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "unknown word", FALSE, EXIT (0),
    "vm.swappiness=10 OK\nvm.vfs_cache_pressure=50 ok\nvm.dirty_ratio=30 ok\n",
    MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "a blank line", FALSE, EXIT (0), OK3 "\n", MG_HELPER_OUTCOME_FAILED, N, { U, U, U } },
  { "a message on stdout", FALSE, EXIT (0), "Done!\n" OK3, MG_HELPER_OUTCOME_FAILED, N,
    { U, U, U } },
};

static void
test_sysctl (void)
{
  const MgSysctlKey keys[3] = {
    MG_SYSCTL_SWAPPINESS, MG_SYSCTL_VFS_CACHE_PRESSURE, MG_SYSCTL_DIRTY_RATIO,
  };
  MgSysctlValues request = three_keys ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      MgHelperReport report;

      g_test_message ("case: %s", c->name);
      g_assert_cmpint (mg_helper_report_parse_sysctl (&request, c->persist, c->wait_status,
                                                      c->text, strlen (c->text), &report),
                       ==, c->outcome);
      g_assert_cmpint (report.outcome, ==, c->outcome);
      g_assert_cmpint (report.failed_key, ==, c->failed_key);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpint (report.state[keys[k]], ==, c->states[k]);
      for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
        if (k != keys[0] && k != keys[1] && k != keys[2])
          g_assert_cmpint (report.state[k], ==, MG_SYSCTL_STATE_UNTOUCHED);
    }
}

static void
test_sysctl_persisted (void)
{
  const char *text = OK3 "vm.swappiness=10 persisted\nvm.vfs_cache_pressure=50 persisted\n"
                     "vm.min_free_kbytes=90000 persisted\nvm.dirty_ratio=30 persisted\n";
  MgSysctlValues request = three_keys ();
  g_autofree char *huge = g_strnfill (MG_HELPER_REPORT_MAX + 1, '\n');
  MgHelperReport report;

  g_assert_cmpint (mg_helper_report_parse_sysctl (&request, TRUE, EXIT (0), text, strlen (text),
                                                  &report), ==, MG_HELPER_OUTCOME_DONE);
  g_assert_true (report.persisted.set[MG_SYSCTL_MIN_FREE_KBYTES]);
  g_assert_cmpuint (report.persisted.value[MG_SYSCTL_MIN_FREE_KBYTES], ==, 90000);
  g_assert_true (report.persisted.set[MG_SYSCTL_DIRTY_RATIO]);
  g_assert_false (report.persisted.set[MG_SYSCTL_OVERCOMMIT_MEMORY]);

  /* More than any report, a NUL, or no text at all. */
  g_assert_cmpint (mg_helper_report_parse_sysctl (&request, FALSE, EXIT (0), huge, strlen (huge),
                                                  &report), ==, MG_HELPER_OUTCOME_FAILED);
  g_assert_cmpint (mg_helper_report_parse_sysctl (&request, FALSE, EXIT (0),
                                                  "vm.swappiness=10 ok\n\0\n", 22, &report),
                   ==, MG_HELPER_OUTCOME_FAILED);
  g_assert_cmpint (mg_helper_report_parse_sysctl (&request, FALSE, EXIT (3), NULL, 0, &report),
                   ==, MG_HELPER_OUTCOME_INVALID);
  /* A failed report claims no persisted key either. */
  g_assert_false (report.persisted.set[MG_SYSCTL_SWAPPINESS]);
}

static void
test_compact (void)
{
  const struct {
    int wait_status;
    const char *text;
    MgHelperOutcome outcome;
  } compact_cases[] = {
    { EXIT (0), "vm.compact_memory=1 ok\n", MG_HELPER_OUTCOME_DONE },
    { EXIT (8), "", MG_HELPER_OUTCOME_COMPACT_FAILED },
    { EXIT (126), "", MG_HELPER_OUTCOME_CANCELLED },
    { EXIT (127), "", MG_HELPER_OUTCOME_NOT_AUTHORIZED },
    { EXIT (0), "", MG_HELPER_OUTCOME_FAILED },
    { EXIT (0), "vm.compact_memory=1 ok\nvm.compact_memory=1 ok\n", MG_HELPER_OUTCOME_FAILED },
    { EXIT (8), "vm.compact_memory=1 ok\n", MG_HELPER_OUTCOME_FAILED },
    { EXIT (2), "", MG_HELPER_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGSEGV), "", MG_HELPER_OUTCOME_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (compact_cases); i++)
    {
      MgHelperReport report;

      g_test_message ("compact case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (mg_helper_report_parse_compact (compact_cases[i].wait_status,
                                                       compact_cases[i].text,
                                                       strlen (compact_cases[i].text), &report),
                       ==, compact_cases[i].outcome);
    }
}

static void
test_messages (void)
{
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);
  GEnumClass *klass = g_type_class_ref (MG_TYPE_HELPER_OUTCOME);
  MgSysctlKey key;

  /* Each outcome has a message of its own and a registered value. */
  for (int o = MG_HELPER_OUTCOME_DONE; o <= MG_HELPER_OUTCOME_FAILED; o++)
    {
      const char *message = mg_helper_outcome_get_message ((MgHelperOutcome) o);

      g_assert_nonnull (message);
      g_assert_false (g_hash_table_contains (messages, message));
      g_hash_table_add (messages, (gpointer) message);
      g_assert_nonnull (g_enum_get_value (klass, o));
    }
  g_type_class_unref (klass);

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      g_assert_true (mg_sysctl_key_from_name (mg_sysctl_key_name ((MgSysctlKey) k), &key));
      g_assert_cmpint (key, ==, k);
    }
  g_assert_false (mg_sysctl_key_from_name ("vm.compact_memory", &key));
  g_assert_false (mg_sysctl_key_from_name ("VM.SWAPPINESS", &key));
  g_assert_false (mg_sysctl_key_from_name (NULL, &key));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/helper-report/sysctl", test_sysctl);
  g_test_add_func ("/helper-report/sysctl-persisted", test_sysctl_persisted);
  g_test_add_func ("/helper-report/compact", test_compact);
  g_test_add_func ("/helper-report/messages", test_messages);

  return g_test_run ();
}
