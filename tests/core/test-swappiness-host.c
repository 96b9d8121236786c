/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Unit tests for mg-swappiness-host: the kernel's swappiness range and the sandbox check. */

#include <stdio.h>
#include <sys/utsname.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "mg-swappiness-host.h"

static void
test_max_for_release (void)
{
  const struct {
    const char *release;
    guint max;
  } cases[] = {
    /* Real `uname -r` strings from distributions on either side of Linux 5.8. */
    { "6.18.44-fc-v669", 200 },
    { "6.1.0-18-amd64", 200 },
    { "5.8.0", 200 },
    { "5.8", 200 },
    { "5.10.0-28-cloud-amd64", 200 },
    { "5.15.0-91-generic", 200 },
    { "5.7.19-arch1-1", 100 },
    { "5.4.0-169-generic", 100 },
    { "4.19.0-26-amd64", 100 },
    { "3.10.0-1160.el7.x86_64", 100 },
    { "2.6.32-754.el6.x86_64", 100 },
    { "10.0.0", 200 },
    { "5.80", 200 },
    { "5.08", 200 },
    { "5.07-rc1", 100 },
    /* Nothing to go by: the kernel decides, and its refusal is explained. */
    { "", 200 },
    { "5", 200 },
    { "5.", 200 },
    { "5.x", 200 },
    { "x5.4", 200 },
    { ".5.4", 200 },
    { "-5.4", 200 },
    { "99999999999.1", 200 },
    { "4.99999999999", 200 },
    { NULL, 200 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("release \"%s\"", cases[i].release ? cases[i].release : "(null)");
      g_assert_cmpuint (mg_swappiness_max_for_release (cases[i].release), ==, cases[i].max);
    }
}

/* The running kernel's limit, worked out here from uname's release without the code under
 * test, so that a kernel_max () that read the wrong field or ignored it would fail. */
static void
test_kernel_max (void)
{
  struct utsname name;
  unsigned int major = 0;
  unsigned int minor = 0;
  guint expected;

  g_assert_cmpint (uname (&name), ==, 0);
  g_test_message ("release \"%s\"", name.release);
  /* Every Linux release starts "MAJOR.MINOR". */
  g_assert_cmpint (sscanf (name.release, "%u.%u", &major, &minor), ==, 2);
  expected = (major > 5 || (major == 5 && minor >= 8)) ? 200 : 100;

  g_assert_cmpuint (mg_swappiness_kernel_max (), ==, expected);
}

static void
test_in_flatpak (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-swappiness-host-XXXXXX", &error);
  g_autofree char *info = NULL;

  g_assert_no_error (error);
  info = g_build_filename (dir, ".flatpak-info", NULL);

  g_assert_false (mg_swappiness_in_flatpak (info));

  g_file_set_contents (info, "[Application]\nname=io.github.memgauge.MemGauge\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (mg_swappiness_in_flatpak (info));

  g_assert_cmpint (g_unlink (info), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/swappiness-host/max-for-release", test_max_for_release);
  g_test_add_func ("/swappiness-host/kernel-max", test_kernel_max);
  g_test_add_func ("/swappiness-host/in-flatpak", test_in_flatpak);

  return g_test_run ();
}
