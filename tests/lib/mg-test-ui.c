/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the GTK tests share: the main loop, keys, widgets by id, pixels and PNGs. */

#include <glib/gstdio.h>

#include "mg-test-ui.h"

gboolean
mg_test_ui_init (int    *argc,
                 char ***argv)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);

  /* G_TEST_OPTION_ISOLATE_DIRS empties XDG_DATA_DIRS in each test; icons and the MIME
   * database are read-only system data, kept from before it. */
  for (gsize i = 0; data_dirs[i] != NULL; i++)
    {
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
      g_ptr_array_add (icon_dirs, g_build_filename (data_dirs[i], "icons", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  if (!gtk_init_check (argc, argv))
    return FALSE;
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_default (),
                                  (const char **) icon_dirs->pdata, (int) icon_dirs->len);
  return TRUE;
}

/* Runs what is ready on the default main context, without waiting. */
void
mg_test_ui_iterate_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop for @ms milliseconds of wall time. */
void
mg_test_ui_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* For MG_TEST_WAIT_FOR: TRUE while time is left, a test failure naming @what after. */
gboolean
mg_test_ui_before_deadline (gint64      deadline_us,
                            const char *what)
{
  if (g_get_monotonic_time () <= deadline_us)
    return TRUE;
  g_error ("Timed out waiting for %s", what);
  return FALSE;
}

/* A key press as the keyboard would send it to @window's toplevel. */
void
mg_test_ui_send_key (GtkWidget       *window,
                     guint            keyval,
                     GdkModifierType  state)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  GdkSeat *seat = gdk_display_get_default_seat (display);
  GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  event->key.window = g_object_ref (gtk_widget_get_window (window));
  event->key.keyval = keyval;
  event->key.state = state;
  /* Key bindings (Tab's move-focus) match the hardware keycode, not the keyval. */
  if (gdk_keymap_get_entries_for_keyval (gdk_keymap_get_for_display (display),
                                         keyval, &keys, &n_keys) && n_keys > 0)
    {
      event->key.hardware_keycode = (guint16) keys[0].keycode;
      event->key.group = (guint8) keys[0].group;
    }
  g_free (keys);
  event->key.send_event = TRUE;
  event->key.time = GDK_CURRENT_TIME;
  gdk_event_set_device (event, gdk_seat_get_keyboard (seat));
  gtk_main_do_event (event);
  gdk_event_free (event);
  mg_test_ui_iterate_pending ();
}

static void
send_pointer_event (GtkWidget *widget,
                    GdkEvent  *event)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));

  gdk_event_set_device (event, gdk_seat_get_pointer (seat));
  gtk_main_do_event (event);
  gdk_event_free (event);
  mg_test_ui_iterate_pending ();
}

/* The pointer moving to @x, @y of @widget (which must have a GdkWindow of its own, as a
 * GtkDrawingArea has), as the X server would report it. */
void
mg_test_ui_send_motion (GtkWidget *widget,
                        double     x,
                        double     y)
{
  GdkEvent *event = gdk_event_new (GDK_MOTION_NOTIFY);

  g_assert_true (gtk_widget_get_has_window (widget));
  event->motion.window = g_object_ref (gtk_widget_get_window (widget));
  event->motion.send_event = TRUE;
  event->motion.time = GDK_CURRENT_TIME;
  event->motion.x = x;
  event->motion.y = y;
  send_pointer_event (widget, event);
}

/* The pointer leaving @widget (with a GdkWindow of its own). */
void
mg_test_ui_send_leave (GtkWidget *widget)
{
  GdkEvent *event = gdk_event_new (GDK_LEAVE_NOTIFY);

  g_assert_true (gtk_widget_get_has_window (widget));
  event->crossing.window = g_object_ref (gtk_widget_get_window (widget));
  event->crossing.send_event = TRUE;
  event->crossing.time = GDK_CURRENT_TIME;
  event->crossing.x = -1;
  event->crossing.y = -1;
  event->crossing.mode = GDK_CROSSING_NORMAL;
  event->crossing.detail = GDK_NOTIFY_ANCESTOR;
  send_pointer_event (widget, event);
}

/* Without a window manager nobody gives a window the keyboard focus: take it, as a
 * person's click would, so that focus and key handling work as on a desktop. */
void
mg_test_ui_focus (GtkWidget *window)
{
  MG_TEST_WAIT_FOR (gtk_widget_get_mapped (window));
  MG_TEST_WAIT_FOR (gdk_window_is_viewable (gtk_widget_get_window (window)));
  gdk_window_focus (gtk_widget_get_window (window), GDK_CURRENT_TIME);
  MG_TEST_WAIT_FOR (gtk_window_is_active (GTK_WINDOW (window)));
}

typedef struct {
  const char *name;
  GtkWidget  *found;
} FindData;

static void find_in (GtkWidget *widget,
                     gpointer   user_data);

static void
find_in (GtkWidget *widget,
         gpointer   user_data)
{
  FindData *find = user_data;

  if (find->found != NULL)
    return;
  if (g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (widget)), find->name) == 0)
    {
      find->found = widget;
      return;
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), find_in, find);
}

/* A widget below @top by its id in a .ui file (internal children included). */
GtkWidget *
mg_test_ui_find_widget (GtkWidget  *top,
                        const char *buildable_name)
{
  FindData find = { buildable_name, NULL };

  find_in (top, &find);
  if (find.found == NULL)
    g_error ("No widget %s below %s", buildable_name, G_OBJECT_TYPE_NAME (top));
  return find.found;
}

/* Light, dark or scale 2: how this run was started (see tests/meson.build). */
const char *
mg_test_ui_variant (void)
{
  const char *theme = g_getenv ("GTK_THEME");
  const char *scale = g_getenv ("GDK_SCALE");

  if (scale != NULL && g_str_equal (scale, "2"))
    return "scale2";
  if (theme != NULL && g_str_has_suffix (theme, ":dark"))
    return "dark";
  return "light";
}

/* @window drawn by GTK into an image surface at its allocated size and scale. */
cairo_surface_t *
mg_test_ui_snapshot (GtkWidget *window)
{
  int scale;
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Drawing while a resize is pending is a GTK critical: finish pending events and
   * allocate now, so the snapshot sees the laid-out window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_container_check_resize (GTK_CONTAINER (window));
  scale = gtk_widget_get_scale_factor (window);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        gtk_widget_get_allocated_width (window) * scale,
                                        gtk_widget_get_allocated_height (window) * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  gtk_widget_draw (window, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static char *
artefact_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "artefacts", NULL);
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, mg_test_ui_variant ());

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, file, NULL);
}

/* Keeps @surface as artefacts/NAME-VARIANT.png in the build folder, for people to look at. */
void
mg_test_ui_save_surface (cairo_surface_t *surface,
                         const char      *name)
{
  g_autofree char *path = artefact_path (name);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("Saved %s", path);
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_drawn (GtkWidget *widget,
          cairo_t   *cr,
          gboolean  *drawn)
{
  *drawn = TRUE;
}

/* What a person sees: @window's pixels from the X server once GTK has painted it, kept as
 * artefacts/NAME-VARIANT.png. */
void
mg_test_ui_save_png (GtkWidget  *window,
                     const char *name)
{
  g_autofree char *path = artefact_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gboolean drawn = FALSE;
  gboolean timed_out = FALSE;
  guint timeout_id;
  gulong handler;

  /* Twice: a resize or a state change can take a frame to settle, and the first paint may
   * be an expose of the old contents. */
  handler = g_signal_connect_after (window, "draw", G_CALLBACK (on_drawn), &drawn);
  timeout_id = g_timeout_add_seconds (MG_TEST_WAIT_SECONDS, set_flag, &timed_out);
  for (guint i = 0; i < 2; i++)
    {
      gboolean settled = FALSE;

      drawn = FALSE;
      gtk_widget_queue_draw (window);
      while (!drawn && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      g_timeout_add (100, set_flag, &settled);
      while (!settled)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_signal_handler_disconnect (window, handler);
  mg_test_ui_iterate_pending ();
  gdk_display_sync (gtk_widget_get_display (window));

  pixbuf = gdk_pixbuf_get_from_window (gtk_widget_get_window (window), 0, 0,
                                       gtk_widget_get_allocated_width (window),
                                       gtk_widget_get_allocated_height (window));
  g_assert_nonnull (pixbuf);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  g_test_message ("Saved %s", path);
}

/* The pixel at logical @x, @y of @widget in @surface, a snapshot of @window. */
void
mg_test_ui_read_pixel (cairo_surface_t *surface,
                       GtkWidget       *window,
                       GtkWidget       *widget,
                       double           x,
                       double           y,
                       GdkRGBA         *out)
{
  int scale = gtk_widget_get_scale_factor (widget);
  int wx = 0;
  int wy = 0;
  int px;
  int py;
  guint32 pixel;

  g_assert_true (gtk_widget_translate_coordinates (widget, window, 0, 0, &wx, &wy));
  px = (int) ((wx + x) * scale);
  py = (int) ((wy + y) * scale);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                        py * cairo_image_surface_get_stride (surface) + px * 4);
  out->alpha = ((pixel >> 24) & 0xff) / 255.0;
  out->red = ((pixel >> 16) & 0xff) / 255.0;
  out->green = ((pixel >> 8) & 0xff) / 255.0;
  out->blue = (pixel & 0xff) / 255.0;
}

/* How many pixels of @rect (logical coordinates of @widget) in @surface, a snapshot of
 * @window, differ from @background by more than @threshold in some channel: text drawn
 * there leaves many. */
guint
mg_test_ui_count_unlike (cairo_surface_t    *surface,
                         GtkWidget          *window,
                         GtkWidget          *widget,
                         const GdkRectangle *rect,
                         const GdkRGBA      *background,
                         double              threshold)
{
  int scale = gtk_widget_get_scale_factor (widget);
  guint count = 0;

  /* Every device pixel: at scale 2, a logical pixel is four. */
  for (int y = 0; y < rect->height * scale; y++)
    for (int x = 0; x < rect->width * scale; x++)
      {
        GdkRGBA pixel;

        mg_test_ui_read_pixel (surface, window, widget, rect->x + (double) x / scale,
                               rect->y + (double) y / scale, &pixel);
        if (ABS (pixel.red - background->red) > threshold ||
            ABS (pixel.green - background->green) > threshold ||
            ABS (pixel.blue - background->blue) > threshold)
          count++;
      }

  return count;
}

/* Fails unless @actual is @expected within blending's rounding. */
void
mg_test_ui_assert_color (const GdkRGBA *actual,
                         const GdkRGBA *expected,
                         const char    *what)
{
  g_autofree char *actual_text = gdk_rgba_to_string (actual);
  g_autofree char *expected_text = gdk_rgba_to_string (expected);
  /* Three steps of 255 for rounding in blending. */
  double tolerance = 3.5 / 255.0;

  g_test_message ("%s: %s, expected %s", what, actual_text, expected_text);
  if (ABS (actual->red - expected->red) > tolerance ||
      ABS (actual->green - expected->green) > tolerance ||
      ABS (actual->blue - expected->blue) > tolerance)
    g_error ("%s is %s, expected %s", what, actual_text, expected_text);
}

GtkWidget *
mg_test_ui_child (gpointer    top,
                  const char *name)
{
  return mg_test_ui_find_widget (GTK_WIDGET (top), name);
}

const char *
mg_test_ui_label_text (gpointer    top,
                       const char *name)
{
  return gtk_label_get_text (GTK_LABEL (mg_test_ui_child (top, name)));
}

void
mg_test_ui_set_entry (gpointer    top,
                      const char *name,
                      const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (mg_test_ui_child (top, name)), text);
}
