/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gauge window tests' fixture (tests/ui/test-gauge-window.c, test-gauge-history.c): a
 * copy of a fixture proc root with fake processes, a monitor and a scanner on a fake clock,
 * the window, and what the tests read it with. */
#pragma once

#include <gtk/gtk.h>

#include "mg-gauge-window.h"

G_BEGIN_DECLS

/* A uid without a passwd entry: shown as the number. */
#define UNKNOWN_UID 3999999999u

typedef struct {
  char             *root;
  MgMonitor        *monitor;
  MgProcessScanner *scanner;
  GSettings        *settings;
  MgGaugeWindow    *window;
  gint64            now_us;
} Fixture;

/* g_test_init() with isolated folders, gtk_init() and the application's stylesheet. */
void     gw_init              (int    *argc,
                               char ***argv);

/* For g_test_add(): @data names a folder of tests/fixtures/proc (NULL: linux-6.18-idle). */
void     gw_fixture_set_up    (Fixture       *fixture,
                               gconstpointer  data);
void     gw_fixture_tear_down (Fixture       *fixture,
                               gconstpointer  data);

/* A size as the window formats it, and the page size in KiB. */
char    *gw_format_kib        (guint64 kib);
guint64  gw_page_kib          (void);

/* Adds the deltas to the vmstat counters the monitor follows, as if time had passed. */
void     gw_advance_vmstat    (const char *root,
                               guint64     swap_in,
                               guint64     swap_out,
                               guint64     faults);
/* A meminfo with @total and @available KiB and 2 GiB of unused swap. */
void     gw_write_meminfo     (Fixture *fixture,
                               guint64  total,
                               guint64  available);
/* One sample, 3 s after the last on the fake clock. */
void     gw_sample            (Fixture *fixture);

/* Presents and focuses the window and waits for its first scan, draw and sample. */
void     gw_show_window       (Fixture *fixture);
int      gw_window_width      (Fixture *fixture);
/* Lets the window grow, at its width, to show all of its content, so that a picture shows
 * everything (the content may have grown since the window was sized to it). */
void     gw_fit_window        (Fixture *fixture);
void     gw_send_key          (Fixture *fixture,
                               guint    keyval);

/* A template child by its id in mg-gauge-window.ui (and the widgets' templates). */
GtkWidget  *gw_find_widget      (Fixture    *fixture,
                                 const char *name);
/* Part @part ("row", "name", "size", "measure") of the consumer list's row @i. */
GtkWidget  *gw_consumer_widget  (Fixture    *fixture,
                                 const char *part,
                                 guint       i);
const char *gw_label_text       (Fixture    *fixture,
                                 const char *name);
const char *gw_accessible_name  (Fixture    *fixture,
                                 const char *name);

cairo_surface_t *gw_snapshot      (Fixture         *fixture);
/* Keeps @surface as artefacts/gauge-window-NAME-VARIANT.png. */
void             gw_save_artefact (cairo_surface_t *surface,
                                   const char      *name);
void             gw_read_pixel    (Fixture         *fixture,
                                   cairo_surface_t *surface,
                                   GtkWidget       *widget,
                                   double           x,
                                   double           y,
                                   GdkRGBA         *out);

G_END_DECLS
