/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-naming: what a control group is (app, service, container…) and its name. */
#pragma once

#include <glib.h>

#include "mg-group.h"
#include "mg-monitor.h"

G_BEGIN_DECLS

/**
 * MgGroupIdentity:
 * @kind: what the path says the group is
 * @name: the name the path alone gives: a unit without its suffix, "podman 3f2a9c1b"
 * @app_id: (nullable): an app's desktop id, unescaped
 * @engine: (nullable): "podman", "docker", "containerd", "cri-o" or "kubernetes"
 * @container_id: (nullable): a container's full id
 * @inherited: the leaf itself said nothing (a plain directory such as runc's
 *   `container` below a podman scope) and the identity is its nearest ancestor's
 */
typedef struct {
  MgGroupKind  kind;
  char        *name;
  char        *app_id;
  const char  *engine;
  char        *container_id;
  gboolean     inherited;
} MgGroupIdentity;

/**
 * mg_group_identify:
 * @path: a group's path, such as `/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-4242.scope`
 * @out: (out caller-allocates): its identity; free with mg_group_identity_clear()
 *
 * Pure: reads nothing. Knows systemd's unit names (with `\xNN` escapes) and the
 * desktop-app conventions (`app[-LAUNCHER]-APPID-RANDOM.scope`,
 * `app[-LAUNCHER]-APPID[@RANDOM].service`, flatpak's `app-flatpak-APPID-N.scope`,
 * GNOME's `dbus-:1.N-APPID@N.service`), podman (`libpod-ID[.scope]`), docker
 * (`docker-ID.scope`, `/docker/ID`), containerd and CRI-O scopes, Kubernetes pods
 * (`kubepods/QOS/podUID/ID`, `kubepods-QOS-podUID.slice`) and `session-N.scope`.
 */
void mg_group_identify            (const char      *path,
                                   MgGroupIdentity *out);
void mg_group_identity_clear      (MgGroupIdentity *identity);

/**
 * mg_group_unescape_unit:
 * @text: part of a systemd unit name
 * @len: its length, or -1 when NUL-terminated
 *
 * Returns: (transfer full): @text with systemd's `\xNN` escapes decoded (an escape that
 *   would give a NUL or invalid UTF-8 stays as written)
 */
char *mg_group_unescape_unit      (const char      *text,
                                   gssize           len);

typedef struct _MgGroupNamer MgGroupNamer;

/**
 * mg_group_namer_new:
 * @user_data_dir: (nullable): where rootless podman keeps its storage
 *   (`containers/storage` below it); %NULL for g_get_user_data_dir()
 * @system_root: (nullable): the folder below which `var/lib/containers` and
 *   `var/lib/docker` are; %NULL for `/`
 *
 * Names groups, caching what it looks up: an app's name and icon per app id, a
 * container's name per id (podman's containers.json is read again only when it
 * changed). Not thread-safe: one caller at a time (#MgGroupScanner's one worker).
 *
 * Returns: (transfer full): a namer
 */
MgGroupNamer *mg_group_namer_new  (const char      *user_data_dir,
                                   const char      *system_root);
void          mg_group_namer_free (MgGroupNamer    *namer);

/**
 * mg_group_namer_name:
 * @namer: a namer
 * @group: a group from a #MgGroupWalker
 *
 * Sets @group's kind, name, app id and icon name. An app's name and icon come from its
 * desktop file (GDesktopAppInfo), else the name is its app id; a container's name comes
 * from its engine's metadata where this user may read it, else it is the engine and a
 * short id ("podman 3f2a9c1b"). A group named after its ancestor (runc's `container`
 * below a podman scope) that has no limit of its own takes the ancestor's.
 */
void          mg_group_namer_name (MgGroupNamer    *namer,
                                   MgGroup         *group);

/* Tests: the clock that limits how often podman's store is looked at, in microseconds
 * (default: monotonic time). */
void          mg_group_namer_set_time_func (MgGroupNamer *namer,
                                            MgTimeFunc    func,
                                            gpointer      user_data);

/* How many times metadata files were read (tests: the cache works). */
guint         mg_group_namer_get_n_reads (MgGroupNamer *namer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgGroupNamer, mg_group_namer_free)

G_END_DECLS
