/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of what a control group is and what it is called: paths of every layout, systemd's
 * escapes, the engines' metadata and the caches. */

#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "mg-enums.h"
#include "mg-group-engines.h"
#include "mg-group-naming.h"
#include "mg-test-util.h"

#define ID_A "3f2a9c1b4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036"
#define ID_B "a1b2c3d45be1ecc7935f1dd85635d4feedaf660594030253cc97c9e9ca3819ff"
#define UMGR "/user.slice/user-1000.slice/user@1000.service"

static void
test_identify (void)
{
  static const struct {
    const char  *path;
    MgGroupKind  kind;
    const char  *name;
    const char  *app_id;
    const char  *engine;
    gboolean     inherited;
  } cases[] = {
    /* GNOME, KDE and flatpak apps (systemd.io/DESKTOP_ENVIRONMENTS) */
    { UMGR "/app.slice/app-gnome-org.gnome.Terminal-4242.scope", MG_GROUP_KIND_APP,
      "org.gnome.Terminal", "org.gnome.Terminal", NULL, FALSE },
    { UMGR "/app.slice/app-flatpak-org.mozilla.firefox-5151.scope", MG_GROUP_KIND_APP,
      "org.mozilla.firefox", "org.mozilla.firefox", NULL, FALSE },
    { UMGR "/app.slice/app-gnome-firefox\\x2desr-7777.scope", MG_GROUP_KIND_APP,
      "firefox-esr", "firefox-esr", NULL, FALSE },
    { UMGR "/app.slice/app-org.kde.konsole-6a1f0e2b93c84d7f.scope", MG_GROUP_KIND_APP,
      "org.kde.konsole", "org.kde.konsole", NULL, FALSE },
    { UMGR "/app.slice/app-org.kde.dolphin@d2b5c1e0.service", MG_GROUP_KIND_APP,
      "org.kde.dolphin", "org.kde.dolphin", NULL, FALSE },
    { UMGR "/app.slice/app-org.gnome.Evolution\\x2dalarm\\x2dnotify@autostart.service",
      MG_GROUP_KIND_APP, "org.gnome.Evolution-alarm-notify",
      "org.gnome.Evolution-alarm-notify", NULL, FALSE },
    { UMGR "/app.slice/app-gnome-xdg\\x2duser\\x2ddirs-1234.scope", MG_GROUP_KIND_APP,
      "xdg-user-dirs", "xdg-user-dirs", NULL, FALSE },
    { UMGR "/app.slice/dbus-:1.2-org.gnome.Nautilus@0.service", MG_GROUP_KIND_APP,
      "org.gnome.Nautilus", "org.gnome.Nautilus", NULL, FALSE },
    /* services, sessions, slices, scopes */
    { "/system.slice/NetworkManager.service", MG_GROUP_KIND_SERVICE, "NetworkManager",
      NULL, NULL, FALSE },
    { "/system.slice/system-getty.slice/getty@tty1.service", MG_GROUP_KIND_SERVICE,
      "getty@tty1", NULL, NULL, FALSE },
    { "/system.slice/systemd-fsck@dev-disk-by\\x2duuid-1234.service", MG_GROUP_KIND_SERVICE,
      "systemd-fsck@dev-disk-by-uuid-1234", NULL, NULL, FALSE },
    { UMGR "/session.slice/pipewire.service", MG_GROUP_KIND_SERVICE, "pipewire", NULL,
      NULL, FALSE },
    { "/user.slice/user-1000.slice/session-2.scope", MG_GROUP_KIND_SESSION, "session-2",
      NULL, NULL, FALSE },
    { UMGR "/background.slice", MG_GROUP_KIND_SLICE, "background", NULL, NULL, FALSE },
    { "/init.scope", MG_GROUP_KIND_OTHER, "init", NULL, NULL, FALSE },
    { UMGR "/init.scope", MG_GROUP_KIND_OTHER, "init", NULL, NULL, FALSE },
    /* podman: systemd (rootless, rootful), cgroupfs, runc's inner group, conmon */
    { UMGR "/user.slice/libpod-" ID_A ".scope", MG_GROUP_KIND_CONTAINER, "podman 3f2a9c1b",
      NULL, "podman", FALSE },
    { UMGR "/user.slice/libpod-" ID_A ".scope/container", MG_GROUP_KIND_CONTAINER,
      "podman 3f2a9c1b", NULL, "podman", TRUE },
    { "/machine.slice/libpod-" ID_A ".scope", MG_GROUP_KIND_CONTAINER, "podman 3f2a9c1b",
      NULL, "podman", FALSE },
    { "/libpod_parent/libpod-" ID_A, MG_GROUP_KIND_CONTAINER, "podman 3f2a9c1b", NULL,
      "podman", FALSE },
    { "/machine.slice/libpod-conmon-" ID_A ".scope", MG_GROUP_KIND_OTHER,
      "podman conmon 3f2a9c1b", NULL, NULL, FALSE },
    { "/libpod_parent", MG_GROUP_KIND_OTHER, "libpod_parent", NULL, NULL, FALSE },
    /* docker: systemd and cgroupfs drivers */
    { "/system.slice/docker-" ID_B ".scope", MG_GROUP_KIND_CONTAINER, "docker a1b2c3d4",
      NULL, "docker", FALSE },
    { "/docker/" ID_B, MG_GROUP_KIND_CONTAINER, "docker a1b2c3d4", NULL, "docker", FALSE },
    { "/system.slice/docker.service", MG_GROUP_KIND_SERVICE, "docker", NULL, NULL, FALSE },
    /* Kubernetes: systemd driver (containerd, CRI-O), cgroupfs driver, pods as leaves */
    { "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f3b2a1c_4d5e.slice/"
      "cri-containerd-" ID_B ".scope", MG_GROUP_KIND_CONTAINER, "containerd a1b2c3d4",
      NULL, "containerd", FALSE },
    { "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod9a8b_7c6d.slice/"
      "crio-" ID_B ".scope", MG_GROUP_KIND_CONTAINER, "cri-o a1b2c3d4", NULL, "cri-o", FALSE },
    { "/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234abcd_0000.slice",
      MG_GROUP_KIND_POD, "pod 1234abcd", NULL, NULL, FALSE },
    { "/kubepods.slice/kubepods-pod55aa66bb_7788.slice", MG_GROUP_KIND_POD, "pod 55aa66bb",
      NULL, NULL, FALSE },
    { "/kubepods/burstable/pod0f3b2a1c-4d5e-6f70/" ID_B, MG_GROUP_KIND_CONTAINER,
      "kubernetes a1b2c3d4", NULL, "kubernetes", FALSE },
    { "/kubepods/besteffort/pod1234abcd-0000", MG_GROUP_KIND_POD, "pod 1234abcd", NULL,
      NULL, FALSE },
    { "/kubepods/pod55aa66bb-7788", MG_GROUP_KIND_POD, "pod 55aa66bb", NULL, NULL, FALSE },
    /* plain folders, and look-alikes that are not what they seem */
    { "/process_api/2030159cc662c47d0f760dfd23eb5f25", MG_GROUP_KIND_OTHER,
      "2030159cc662c47d0f760dfd23eb5f25", NULL, NULL, FALSE },
    { "/memgauge-test", MG_GROUP_KIND_OTHER, "memgauge-test", NULL, NULL, FALSE },
    { "/system.slice/libpod-notanid.scope", MG_GROUP_KIND_OTHER, "libpod-notanid", NULL,
      NULL, FALSE },
    { "/system.slice/app-.scope", MG_GROUP_KIND_OTHER, "app-", NULL, NULL, FALSE },
    { "/pod1234", MG_GROUP_KIND_OTHER, "pod1234", NULL, NULL, FALSE },
    { "/", MG_GROUP_KIND_OTHER, "/", NULL, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MgGroupIdentity identity;

      g_test_message ("case: %s", cases[i].path);
      mg_group_identify (cases[i].path, &identity);
      g_assert_cmpstr (mg_group_kind_to_nick (identity.kind), ==,
                       mg_group_kind_to_nick (cases[i].kind));
      g_assert_cmpstr (identity.name, ==, cases[i].name);
      g_assert_cmpstr (identity.app_id, ==, cases[i].app_id);
      g_assert_cmpstr (identity.engine, ==, cases[i].engine);
      g_assert_cmpint (identity.inherited, ==, cases[i].inherited);
      if (cases[i].engine != NULL)
        g_assert_cmpuint (strlen (identity.container_id), ==, 64);
      mg_group_identity_clear (&identity);
    }
}

static void
test_kind_nicks (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MG_TYPE_GROUP_KIND);

  /* --json's words are the enum's nicks. */
  for (guint i = 0; i < klass->n_values; i++)
    g_assert_cmpstr (mg_group_kind_to_nick (klass->values[i].value), ==,
                     klass->values[i].value_nick);
  g_assert_cmpuint (klass->n_values, ==, 7);
  g_assert_cmpstr (mg_group_kind_to_nick (MG_GROUP_KIND_CONTAINER), ==, "container");
}

static void
test_unescape (void)
{
  static const struct {
    const char *text;
    const char *want;
  } cases[] = {
    { "firefox\\x2desr", "firefox-esr" },
    { "a\\x2fb", "a/b" },
    { "plain", "plain" },
    { "\\x2", "\\x2" },
    { "\\xzz", "\\xzz" },
    { "end\\", "end\\" },
    { "nul\\x00", "nul\\x00" },
    { "\\xc3\\xa9t\\xc3\\xa9", "\xc3\xa9t\xc3\xa9" },
    /* An escape that makes no UTF-8 falls back to the text as written. */
    { "bad\\xff", "bad\\xff" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = mg_group_unescape_unit (cases[i].text, -1);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_podman_metadata (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* containers/storage's layout: metadata is JSON inside a string. */
  const char *text =
    "[{\"id\":\"" ID_A "\",\"names\":[\"web\",\"web-alias\"],\"image\":\"ff\","
    "\"metadata\":\"{\\\"image-name\\\":\\\"localhost/bb:latest\\\"}\","
    "\"created\":\"2026-12-04T12:00:00Z\",\"flags\":{\"MountLabel\":\"\"},\"size\":-1.5e3,"
    "\"ok\":true,\"none\":null},\n"
    " {\"names\":[\"no-id\"]},\n"
    " {\"id\":\"" ID_B "\",\"names\":[]},\n"
    " {\"id\":\"abc\",\"names\":[\"caf\\u00e9-\\ud83d\\ude00\"]}]";
  g_autofree char *copy = mg_test_copy_text (text, strlen (text));

  g_assert_true (mg_group_parse_podman_containers (copy, strlen (text), names));
  g_assert_cmpuint (g_hash_table_size (names), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (names, ID_A), ==, "web");
  g_assert_cmpstr (g_hash_table_lookup (names, "abc"), ==, "caf\xc3\xa9-\xf0\x9f\x98\x80");

  /* Empty store, and what is not one. */
  g_hash_table_remove_all (names);
  g_assert_true (mg_group_parse_podman_containers ("[]", 2, names));
  g_assert_cmpuint (g_hash_table_size (names), ==, 0);
  g_assert_false (mg_group_parse_podman_containers ("", 0, names));
  g_assert_false (mg_group_parse_podman_containers ("{}", 2, names));
  g_assert_false (mg_group_parse_podman_containers ("[{\"id\":\"x\"", 11, names));
  g_assert_false (mg_group_parse_podman_containers ("[{\"id\":\"x\\q\"}]", 14, names));
  g_assert_false (mg_group_parse_podman_containers ("[{\"id\":\"x\"} junk]", 17, names));
  g_assert_false (mg_group_parse_podman_containers ("[{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                                                    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]}]",
                                                    76, names));
}

static void
test_docker_metadata (void)
{
  const char *text =
    "{\"StreamConfig\":{},\"State\":{\"Running\":true,\"Pid\":4321},\"ID\":\"" ID_B "\","
    "\"Config\":{\"Env\":[\"A=B\\\"C\"],\"Name\":\"/inner\"},\"Name\":\"/nginx\","
    "\"RestartCount\":0}";
  g_autofree char *copy = mg_test_copy_text (text, strlen (text));
  g_autofree char *name = mg_group_parse_docker_config (copy, strlen (text));

  /* The top level's Name, not the one inside Config. */
  g_assert_cmpstr (name, ==, "nginx");
  g_assert_null (mg_group_parse_docker_config ("{\"Name\":\"/\"}", 12));
  g_assert_null (mg_group_parse_docker_config ("{\"Name\":5}", 10));
  g_assert_null (mg_group_parse_docker_config ("[]", 2));
  g_assert_null (mg_group_parse_docker_config ("{\"Name\":\"/x\"", 12));
  g_assert_null (mg_group_parse_docker_config ("{\"Name\":\"\x01\"}", 12));
}

static gint64
fake_time (gpointer user_data)
{
  return *(const gint64 *) user_data;
}

/* Names are looked up once per id: a second scan reads no metadata file again; a new
 * podman container makes the store be read again, but the store is looked at no more
 * than once a second. */
static void
test_namer_caches (MgTestTempDir *fixture,
                   gconstpointer  data)
{
  gint64 now_us = 1000 * G_USEC_PER_SEC;
  g_autofree char *user_data = g_build_filename (fixture->path, "home", NULL);
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (user_data, fixture->path);
  const char *store = "home/containers/storage/overlay-containers/containers.json";
  g_autoptr(MgGroup) web = mg_group_new (UMGR "/user.slice/libpod-" ID_A ".scope");
  g_autoptr(MgGroup) docker = mg_group_new ("/system.slice/docker-" ID_B ".scope");
  g_autoptr(MgGroup) other = mg_group_new ("/system.slice/docker-" ID_A ".scope");
  g_autoptr(MgGroup) again = NULL;
  g_autofree char *store_path = g_build_filename (fixture->path, store, NULL);
  struct utimbuf times = { 1000, 1000 };

  mg_group_namer_set_time_func (namer, fake_time, &now_us);
  mg_test_write_file (fixture->path, store, "[]");
  g_assert_cmpint (g_utime (store_path, &times), ==, 0);
  mg_test_write_file (fixture->path, "var/lib/docker/containers/" ID_B "/config.v2.json",
                      "{\"Name\":\"/nginx\"}");

  mg_group_namer_name (namer, web);
  g_assert_cmpstr (web->name, ==, "podman 3f2a9c1b");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 1);

  /* Unchanged store: not read again, still the short id. */
  mg_group_namer_name (namer, web);
  g_assert_cmpstr (web->name, ==, "podman 3f2a9c1b");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 1);

  /* The container got its metadata (a new modification time): read once more. */
  mg_test_write_file (fixture->path, store,
                      "[{\"id\":\"" ID_A "\",\"names\":[\"web\"]}]");
  times.modtime = 2000;
  g_assert_cmpint (g_utime (store_path, &times), ==, 0);
  now_us += G_USEC_PER_SEC / 2;
  mg_group_namer_name (namer, web);
  g_assert_cmpstr (web->name, ==, "podman 3f2a9c1b");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 1);
  now_us += G_USEC_PER_SEC / 2;
  mg_group_namer_name (namer, web);
  g_assert_cmpstr (web->name, ==, "web");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 2);
  again = mg_group_new (UMGR "/user.slice/libpod-" ID_A ".scope/container");
  mg_group_namer_name (namer, again);
  g_assert_cmpstr (again->name, ==, "web");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 2);

  /* docker: one read per id, whatever it gave. */
  mg_group_namer_name (namer, docker);
  mg_group_namer_name (namer, docker);
  g_assert_cmpstr (docker->name, ==, "nginx");
  g_assert_cmpint (docker->kind, ==, MG_GROUP_KIND_CONTAINER);
  mg_group_namer_name (namer, other);
  mg_group_namer_name (namer, other);
  g_assert_cmpstr (other->name, ==, "docker 3f2a9c1b");
  g_assert_cmpuint (mg_group_namer_get_n_reads (namer), ==, 3);
}

/* An app without a desktop file keeps its app id as its name and has no icon; with
 * one, its Name and Icon; an absolute Icon path is kept as a path. */
static void
test_namer_apps (void)
{
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (NULL, "/nonexistent");
  g_autoptr(MgGroup) app = mg_group_new (UMGR "/app.slice/app-gnome-org.example.Editor-9.scope");
  g_autoptr(MgGroup) bare = mg_group_new (UMGR "/app.slice/app-gnome-org.example.None-9.scope");
  g_autoptr(MgGroup) file_icon = mg_group_new (UMGR "/app.slice/app-flatpak-org.example.Pic-1.scope");
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);

  mg_test_write_file (apps, "org.example.Editor.desktop",
                      "[Desktop Entry]\nType=Application\nName=Editor\nName[de]=Bearbeiter\n"
                      "Icon=accessories-text-editor\nExec=true\n");
  mg_test_write_file (apps, "org.example.Pic.desktop",
                      "[Desktop Entry]\nType=Application\nName=Pictures\n"
                      "Icon=/opt/pic/icon.png\nExec=true\n");

  mg_group_namer_name (namer, app);
  g_assert_cmpstr (app->name, ==, "Editor");
  g_assert_cmpstr (app->icon_name, ==, "accessories-text-editor");
  g_assert_cmpstr (app->app_id, ==, "org.example.Editor");
  g_assert_cmpint (app->kind, ==, MG_GROUP_KIND_APP);

  mg_group_namer_name (namer, bare);
  g_assert_cmpstr (bare->name, ==, "org.example.None");
  g_assert_null (bare->icon_name);

  mg_group_namer_name (namer, file_icon);
  g_assert_cmpstr (file_icon->name, ==, "Pictures");
  g_assert_cmpstr (file_icon->icon_name, ==, "/opt/pic/icon.png");
}

/* runc's inner group takes the limit of its podman scope; a plain group does not take
 * its parent's. */
static void
test_namer_ancestor_limit (void)
{
  g_autoptr(MgGroupNamer) namer = mg_group_namer_new (NULL, "/nonexistent");
  g_autoptr(MgGroup) inner = mg_group_new ("/machine.slice/libpod-" ID_A ".scope/container");
  g_autoptr(MgGroup) plain = mg_group_new ("/system.slice/foo.service");

  inner->present = MG_GROUP_HAS_USAGE | MG_GROUP_HAS_ANCESTOR_LIMIT;
  inner->ancestor_limit_kib = 65536;
  plain->present = MG_GROUP_HAS_USAGE | MG_GROUP_HAS_ANCESTOR_LIMIT;
  plain->ancestor_limit_kib = 65536;

  mg_group_namer_name (namer, inner);
  mg_group_namer_name (namer, plain);
  g_assert_true (mg_group_has (inner, MG_GROUP_HAS_LIMIT));
  g_assert_cmpuint (inner->limit_kib, ==, 65536);
  g_assert_false (mg_group_has (plain, MG_GROUP_HAS_LIMIT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/group-naming/identify", test_identify);
  g_test_add_func ("/group-naming/kind-nicks", test_kind_nicks);
  g_test_add_func ("/group-naming/unescape", test_unescape);
  g_test_add_func ("/group-naming/podman-metadata", test_podman_metadata);
  g_test_add_func ("/group-naming/docker-metadata", test_docker_metadata);
  mg_test_add_in_temp_dir ("/group-naming/namer-caches", test_namer_caches);
  g_test_add_func ("/group-naming/namer-apps", test_namer_apps);
  g_test_add_func ("/group-naming/namer-ancestor-limit", test_namer_ancestor_limit);

  return g_test_run ();
}
