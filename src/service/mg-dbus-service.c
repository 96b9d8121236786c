/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgDbusService: a monitor's state as the read-only io.github.memgauge.MemGauge1 API. */

#define G_LOG_DOMAIN "memgauge-dbus"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-dbus-service.h"
#include "mg-sample-variant.h"
#include "mg-serializer.h"

struct _MgDbusService {
  GObject                  parent_instance;

  MgDbusMemGauge1Skeleton *skeleton;
  MgMonitor               *monitor;
  gulong                   sample_handler;
};

G_DEFINE_FINAL_TYPE (MgDbusService, mg_dbus_service, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the properties say for one sample: compared field by field with what they say
 * now, so that a steady machine sets (and sends) nothing. */
typedef struct {
  const char *level;
  const char *reason;
  double      available_percent;
  guint64     total_kib;
  guint64     available_kib;
  guint64     swap_total_kib;
  guint64     swap_free_kib;
  guint32     swappiness;
} Figures;

/* The kernel's swappiness is 0 to 200: this says "none" without a second property. */
#define NO_SWAPPINESS G_MAXUINT32

static void
figures_from_monitor (MgMonitor *monitor,
                      Figures   *figures)
{
  const MgSample *sample = mg_monitor_get_sample (monitor);
  const guint64 *kib;

  *figures = (Figures) {
    .level = mg_level_to_nick (mg_monitor_get_level (monitor)),
    .reason = mg_monitor_get_reason (monitor),
    .swappiness = NO_SWAPPINESS,
  };
  if (sample == NULL)
    return;

  kib = sample->meminfo.kib;
  figures->available_percent = mg_sample_available_percent (sample);
  figures->total_kib = kib[MG_MEMINFO_MEM_TOTAL];
  figures->available_kib = mg_sample_available_kib (sample);
  figures->swap_total_kib = kib[MG_MEMINFO_SWAP_TOTAL];
  figures->swap_free_kib = kib[MG_MEMINFO_SWAP_FREE];
  if (sample->has_swappiness)
    figures->swappiness = sample->swappiness;
}

static gboolean
same_string (const char *a,
             const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Sets what differs; returns whether anything did. */
static gboolean
apply_figures (MgDbusMemGauge1 *iface,
               const Figures   *figures)
{
  gboolean changed = FALSE;
  g_autofree char *reason = g_utf8_make_valid (figures->reason != NULL ? figures->reason : "",
                                               -1);

#define UPDATE(name, value, equal) \
  G_STMT_START { \
    if (!(equal)) \
      { \
        mg_dbus_mem_gauge1_set_##name (iface, value); \
        changed = TRUE; \
      } \
  } G_STMT_END

  UPDATE (level, figures->level,
          same_string (mg_dbus_mem_gauge1_get_level (iface), figures->level));
  UPDATE (reason, reason, same_string (mg_dbus_mem_gauge1_get_reason (iface), reason));
  /* Exact: the same MemAvailable and MemTotal give the very same double. */
  UPDATE (available_percent, figures->available_percent,
          mg_dbus_mem_gauge1_get_available_percent (iface) == figures->available_percent);
  UPDATE (total_kib, figures->total_kib,
          mg_dbus_mem_gauge1_get_total_kib (iface) == figures->total_kib);
  UPDATE (available_kib, figures->available_kib,
          mg_dbus_mem_gauge1_get_available_kib (iface) == figures->available_kib);
  UPDATE (swap_total_kib, figures->swap_total_kib,
          mg_dbus_mem_gauge1_get_swap_total_kib (iface) == figures->swap_total_kib);
  UPDATE (swap_free_kib, figures->swap_free_kib,
          mg_dbus_mem_gauge1_get_swap_free_kib (iface) == figures->swap_free_kib);
  UPDATE (swappiness, figures->swappiness,
          mg_dbus_mem_gauge1_get_swappiness (iface) == figures->swappiness);

#undef UPDATE

  return changed;
}

static void
update (MgDbusService *self)
{
  MgDbusMemGauge1 *iface = MG_DBUS_MEM_GAUGE1 (self->skeleton);
  const MgSample *sample = mg_monitor_get_sample (self->monitor);
  g_autoptr(GVariant) object = NULL;
  g_autoptr(GVariant) bus_object = NULL;
  Figures figures;

  figures_from_monitor (self->monitor, &figures);
  /* The sample object is rebuilt only with a change of the figures: its PSI totals,
   * counters and rates move on almost every sample and would make a signal of each
   * (data/io.github.memgauge.MemGauge1.xml says so to clients). */
  if (!apply_figures (iface, &figures))
    return;

  if (sample != NULL)
    object = mg_serializer_to_variant (sample, mg_monitor_get_level (self->monitor),
                                       mg_monitor_get_reason (self->monitor));
  else
    object = mg_sample_variant_new_unknown (mg_monitor_get_reason (self->monitor));
  bus_object = mg_sample_variant_to_bus (object);
  mg_dbus_mem_gauge1_set_sample (iface, bus_object);

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_sample_updated (MgMonitor     *monitor,
                   MgDbusService *self)
{
  update (self);
}

void
mg_dbus_service_set_monitor (MgDbusService *self,
                             MgMonitor     *monitor)
{
  g_return_if_fail (MG_IS_DBUS_SERVICE (self));
  g_return_if_fail (monitor == NULL || MG_IS_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (monitor == NULL)
    return;

  self->sample_handler = g_signal_connect (monitor, "sample-updated",
                                           G_CALLBACK (on_sample_updated), self);
  update (self);
}

gboolean
mg_dbus_service_export (MgDbusService    *self,
                        GDBusConnection  *connection,
                        GError          **error)
{
  g_return_val_if_fail (MG_IS_DBUS_SERVICE (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, MG_DBUS_OBJECT_PATH, error);
}

void
mg_dbus_service_unexport (MgDbusService *self)
{
  GDBusInterfaceSkeleton *skeleton;

  g_return_if_fail (MG_IS_DBUS_SERVICE (self));

  skeleton = G_DBUS_INTERFACE_SKELETON (self->skeleton);
  if (g_dbus_interface_skeleton_get_connection (skeleton) != NULL)
    g_dbus_interface_skeleton_unexport (skeleton);
}

MgDbusMemGauge1 *
mg_dbus_service_get_interface (MgDbusService *self)
{
  g_return_val_if_fail (MG_IS_DBUS_SERVICE (self), NULL);

  return MG_DBUS_MEM_GAUGE1 (self->skeleton);
}

static void
mg_dbus_service_dispose (GObject *object)
{
  MgDbusService *self = MG_DBUS_SERVICE (object);

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->sample_handler, self->monitor);
  g_clear_object (&self->monitor);
  if (self->skeleton != NULL)
    mg_dbus_service_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (mg_dbus_service_parent_class)->dispose (object);
}

static void
mg_dbus_service_class_init (MgDbusServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mg_dbus_service_dispose;

  /**
   * MgDbusService::changed:
   *
   * Emitted after a sample changed at least one property.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mg_dbus_service_init (MgDbusService *self)
{
  MgDbusMemGauge1 *iface;
  g_autoptr(GVariant) object = NULL;
  g_autoptr(GVariant) bus_object = NULL;
  const char *reason = _("unknown: not sampled yet");

  self->skeleton = MG_DBUS_MEM_GAUGE1_SKELETON (mg_dbus_mem_gauge1_skeleton_new ());
  iface = MG_DBUS_MEM_GAUGE1 (self->skeleton);

  /* Before the first sample: the monitor's own words for it. */
  object = mg_sample_variant_new_unknown (reason);
  bus_object = mg_sample_variant_to_bus (object);
  mg_dbus_mem_gauge1_set_level (iface, mg_level_to_nick (MG_LEVEL_UNKNOWN));
  mg_dbus_mem_gauge1_set_reason (iface, reason);
  mg_dbus_mem_gauge1_set_swappiness (iface, NO_SWAPPINESS);
  mg_dbus_mem_gauge1_set_sample (iface, bus_object);
}

MgDbusService *
mg_dbus_service_new (void)
{
  return g_object_new (MG_TYPE_DBUS_SERVICE, NULL);
}
