/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GTK tests share: waiting on the main loop, keys, pictures of windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long MG_TEST_WAIT_FOR waits before it fails the test. */
#define MG_TEST_WAIT_SECONDS 10

/* Runs the main loop until @cond holds; fails the test after MG_TEST_WAIT_SECONDS. */
#define MG_TEST_WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 mg_wait_deadline_ = g_get_monotonic_time () + \
                               MG_TEST_WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond)) \
      { \
        if (!g_main_context_iteration (NULL, FALSE)) \
          g_usleep (1000); \
        if (g_get_monotonic_time () > mg_wait_deadline_) \
          g_error ("Timed out waiting for %s", #cond); \
      } \
  } G_STMT_END

/* Dispatches everything pending without blocking. */
void  mg_test_iterate_pending  (void);
/* Runs the main loop for @ms milliseconds. */
void  mg_test_run_for          (guint            ms);
/* Presses @keyval with @state in @window as a keyboard would, hardware keycode included, so
 * that key bindings (Tab's move-focus) see it. */
void  mg_test_send_key         (GtkWidget       *window,
                                guint            keyval,
                                GdkModifierType  state);
/* The suffix for pictures of the current theme and scale: "light", "dark" or "scale2". */
const char *mg_test_variant    (void);
/* Waits until @widget's window has painted twice, then saves what the X server shows of
 * it as artefacts/@prefix-@name-VARIANT.png below the test build folder; returns the
 * picture for assertions on pixels. */
GdkPixbuf  *mg_test_save_window_png (GtkWidget  *widget,
                                     const char *prefix,
                                     const char *name);

G_END_DECLS
