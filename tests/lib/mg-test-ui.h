/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GTK tests share: running the main loop, waiting for a condition, typing a
 * key, finding a widget, and reading what a person sees (pixels, PNG artefacts). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Room for inotify, a helper process and a loaded CI machine. */
#define MG_TEST_WAIT_SECONDS 20

/* g_test_init() with isolated folders but the system's icons and MIME database (GdkPixbuf
 * needs it to load icons), English messages, then gtk_init_check(); FALSE without a display
 * (the caller then skips, or fails with MEMGAUGE_TEST_NO_SKIP). */
gboolean mg_test_ui_init            (int    *argc,
                                     char ***argv);
void     mg_test_ui_iterate_pending (void);
void     mg_test_ui_run_for         (guint ms);
gboolean mg_test_ui_before_deadline (gint64 deadline_us,
                                     const char *what);

/* Runs the main loop until @cond holds; fails after MG_TEST_WAIT_SECONDS. */
#define MG_TEST_WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 mg_wait_deadline_ = g_get_monotonic_time () + MG_TEST_WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond) && mg_test_ui_before_deadline (mg_wait_deadline_, #cond)) \
      { \
        if (!g_main_context_iteration (NULL, FALSE)) \
          g_usleep (1000); \
      } \
  } G_STMT_END

void       mg_test_ui_send_key    (GtkWidget       *window,
                                   guint            keyval,
                                   GdkModifierType  state);
void       mg_test_ui_send_motion (GtkWidget       *widget,
                                   double           x,
                                   double           y);
void       mg_test_ui_send_leave  (GtkWidget       *widget);
void       mg_test_ui_focus       (GtkWidget       *window);
GtkWidget *mg_test_ui_find_widget (GtkWidget       *top,
                                   const char      *buildable_name);

const char *mg_test_ui_variant (void);

cairo_surface_t *mg_test_ui_snapshot     (GtkWidget       *window);
void             mg_test_ui_save_surface (cairo_surface_t *surface,
                                          const char      *name);
void             mg_test_ui_save_png     (GtkWidget       *window,
                                          const char      *name);
void             mg_test_ui_read_pixel   (cairo_surface_t *surface,
                                          GtkWidget       *window,
                                          GtkWidget       *widget,
                                          double           x,
                                          double           y,
                                          GdkRGBA         *out);
guint            mg_test_ui_count_unlike (cairo_surface_t    *surface,
                                          GtkWidget          *window,
                                          GtkWidget          *widget,
                                          const GdkRectangle *rect,
                                          const GdkRGBA      *background,
                                          double              threshold);
void             mg_test_ui_assert_color (const GdkRGBA   *actual,
                                          const GdkRGBA   *expected,
                                          const char      *what);

/* By id below @top (a GtkWidget): the widget, a GtkLabel's text, a GtkEntry's text set. */
GtkWidget  *mg_test_ui_child      (gpointer         top,
                                   const char      *name);
const char *mg_test_ui_label_text (gpointer         top,
                                   const char      *name);
void        mg_test_ui_set_entry  (gpointer         top,
                                   const char      *name,
                                   const char      *text);

G_END_DECLS
