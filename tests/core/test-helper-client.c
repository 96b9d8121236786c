/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-helper-client: what each exit status of pkexec and the helper means. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#include "mg-helper-client.h"

/* --- outcomes ------------------------------------------------------------------------------ */

static void
test_outcome_table (void)
{
  const struct {
    int wait_status;
    MgSwappinessOutcome outcome;
  } cases[] = {
    { W_EXITCODE (0, 0), MG_SWAPPINESS_OUTCOME_CHANGED },
    { W_EXITCODE (126, 0), MG_SWAPPINESS_OUTCOME_CANCELLED },
    { W_EXITCODE (127, 0), MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_INVALID_VALUE, 0), MG_SWAPPINESS_OUTCOME_INVALID_VALUE },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_KERNEL_REFUSED, 0), MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_WRITE_FAILED, 0), MG_SWAPPINESS_OUTCOME_WRITE_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_PERSIST_FAILED, 0), MG_SWAPPINESS_OUTCOME_PERSIST_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_USAGE, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (MG_SWAPPINESS_EXIT_NOT_ROOT, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (1, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (255, 0), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGKILL), MG_SWAPPINESS_OUTCOME_FAILED },
    { W_EXITCODE (0, SIGSEGV) | WCOREFLAG, MG_SWAPPINESS_OUTCOME_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *message = NULL;

      g_test_message ("wait status 0x%x", (guint) cases[i].wait_status);
      g_assert_cmpint (mg_swappiness_outcome_from_wait_status (cases[i].wait_status, &message),
                       ==, cases[i].outcome);
      g_assert_cmpstr (message, ==, mg_swappiness_outcome_get_message (cases[i].outcome));
    }

  /* The message is optional. */
  g_assert_cmpint (mg_swappiness_outcome_from_wait_status (W_EXITCODE (127, 0), NULL),
                   ==, MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED);
}

static void
test_outcome_codes (void)
{
  const int codes[] = {
    MG_SWAPPINESS_EXIT_USAGE,
    MG_SWAPPINESS_EXIT_INVALID_VALUE,
    MG_SWAPPINESS_EXIT_NOT_ROOT,
    MG_SWAPPINESS_EXIT_KERNEL_REFUSED,
    MG_SWAPPINESS_EXIT_WRITE_FAILED,
    MG_SWAPPINESS_EXIT_PERSIST_FAILED,
  };
  g_autoptr(GHashTable) messages = g_hash_table_new (g_str_hash, g_str_equal);

  /* Distinct, non-zero, and clear of pkexec's 126/127 and the harness's 77. */
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpint (codes[i], >, 0);
      g_assert_cmpint (codes[i], <, 126);
      g_assert_cmpint (codes[i], !=, 77);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpint (codes[i], !=, codes[j]);
    }

  /* Each outcome has a message of its own. */
  for (int o = MG_SWAPPINESS_OUTCOME_CHANGED; o <= MG_SWAPPINESS_OUTCOME_FAILED; o++)
    {
      const char *message = mg_swappiness_outcome_get_message ((MgSwappinessOutcome) o);

      g_assert_nonnull (message);
      g_assert_cmpuint (strlen (message), >, 0);
      g_assert_false (g_hash_table_contains (messages, message));
      g_hash_table_add (messages, (gpointer) message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/helper-client/outcome/table", test_outcome_table);
  g_test_add_func ("/helper-client/outcome/codes", test_outcome_codes);

  return g_test_run ();
}
