/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for MgPsiTrigger: refused where it must be, armed on this kernel, fired, dropped. */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mg-psi-trigger.h"
#include "mg-test-files.h"

static void
on_fire (gpointer user_data)
{
  guint *fired = user_data;

  (*fired)++;
}

/* A test's proc root holds plain files: no trigger, and the file is left as it was. */
static void
test_fixture_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("memgauge-proc-XXXXXX", &error);
  g_autofree char *text = NULL;
  const char *psi = "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
  guint fired = 0;

  g_assert_no_error (error);
  mg_test_write_file (root, "pressure/memory", psi);
  g_assert_null (mg_psi_trigger_new (root, MG_PSI_TRIGGER_DEFAULT, on_fire, &fired));
  text = mg_test_read_file (root, "pressure/memory");
  g_assert_cmpstr (text, ==, psi);

  /* No PSI at all (kernels before 4.20, psi=0): none either. */
  mg_test_remove_tree (root);
  g_assert_null (mg_psi_trigger_new (root, MG_PSI_TRIGGER_DEFAULT, on_fire, &fired));
  g_assert_cmpuint (fired, ==, 0);
}

/* This kernel takes the default trigger (Linux 6.4+, or 6.1.42+), and refuses junk. */
static void
test_real_kernel (void)
{
  g_autoptr(MgPsiTrigger) trigger = NULL;
  guint fired = 0;

  if (!g_file_test ("/proc/pressure/memory", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this kernel has no /proc/pressure/memory");
      return;
    }

  g_assert_null (mg_psi_trigger_new ("/proc", "some junk", on_fire, &fired));
  trigger = mg_psi_trigger_new ("/proc", MG_PSI_TRIGGER_DEFAULT, on_fire, &fired);
  g_assert_nonnull (trigger);
  g_assert_true (mg_psi_trigger_is_armed (trigger));
  /* Nothing stalls here now: nothing fires within a main-loop turn. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fired, ==, 0);
}

typedef struct {
  int   receiver;
  guint fired;
} OobData;

static void
on_oob (gpointer user_data)
{
  OobData *data = user_data;
  char byte;

  data->fired++;
  /* Take the urgent byte, as the kernel's trigger resets itself after each event. */
  g_assert_cmpint (recv (data->receiver, &byte, 1, MSG_OOB), ==, 1);
}

/* POLLPRI calls back once per event: out-of-band data on a TCP socket is POLLPRI. */
static void
test_fires (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  int listener = socket (AF_INET, SOCK_STREAM, 0);
  int sender = socket (AF_INET, SOCK_STREAM, 0);
  OobData data = { -1, 0 };
  g_autoptr(MgPsiTrigger) trigger = NULL;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (listener, 1), ==, 0);
  g_assert_cmpint (getsockname (listener, (struct sockaddr *) &address, &length), ==, 0);
  g_assert_cmpint (connect (sender, (struct sockaddr *) &address, sizeof address), ==, 0);
  data.receiver = accept (listener, NULL, NULL);
  g_assert_cmpint (data.receiver, >=, 0);

  trigger = mg_psi_trigger_new_for_fd (data.receiver, on_oob, &data);
  for (guint i = 1; i <= 2; i++)
    {
      g_assert_cmpint (send (sender, "!", 1, MSG_OOB), ==, 1);
      while (data.fired < i)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (data.fired, ==, 2);
  g_assert_cmpuint (mg_psi_trigger_get_n_events (trigger), ==, 2);
  g_assert_true (mg_psi_trigger_is_armed (trigger));

  g_close (sender, NULL);
  g_close (listener, NULL);
}

/* POLLERR (a pipe whose reader is gone) drops the trigger: no call, no busy loop. */
static void
test_error (void)
{
  g_autoptr(MgPsiTrigger) trigger = NULL;
  int fds[2];
  guint fired = 0;
  guint turns = 0;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_close (fds[0], NULL);
  trigger = mg_psi_trigger_new_for_fd (fds[1], on_fire, &fired);
  g_assert_true (mg_psi_trigger_is_armed (trigger));

  while (g_main_context_iteration (NULL, FALSE))
    turns++;
  g_assert_cmpuint (turns, >=, 1);
  g_assert_cmpuint (turns, <=, 2);
  g_assert_false (mg_psi_trigger_is_armed (trigger));
  g_assert_false (g_main_context_pending (NULL));
  g_assert_cmpuint (fired, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/psi-trigger/fixture-root", test_fixture_root);
  g_test_add_func ("/psi-trigger/real-kernel", test_real_kernel);
  g_test_add_func ("/psi-trigger/fires", test_fires);
  g_test_add_func ("/psi-trigger/error", test_error);

  return g_test_run ();
}
