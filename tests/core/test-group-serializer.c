/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for the `groups` of --json: the exact text, nulls, the top 20, and the sample's
 * own fields left byte for byte as they were. */

#include <string.h>

#include "mg-serializer.h"

static MgSample
make_sample (void)
{
  MgSample sample = { 0 };

  sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = 16384000;
  sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE] = 4096000;
  sample.meminfo.present = (1u << MG_MEMINFO_MEM_TOTAL) | (1u << MG_MEMINFO_MEM_AVAILABLE);
  sample.has_swappiness = TRUE;
  sample.swappiness = 60;
  return sample;
}

static MgGroup *
make_group (const char  *path,
            const char  *name,
            MgGroupKind  kind,
            guint64      usage_kib)
{
  MgGroup *group = mg_group_new (path);

  group->name = g_strdup (name);
  group->kind = kind;
  group->usage_kib = usage_kib;
  group->present = MG_GROUP_HAS_USAGE;
  return group;
}

static GPtrArray *
make_groups (void)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  MgGroup *web = make_group ("/machine.slice/libpod-3f2a.scope", "web", MG_GROUP_KIND_CONTAINER,
                             62259);
  MgGroup *bare = make_group ("/system.slice/cups.service", "cups", MG_GROUP_KIND_SERVICE, 2047);

  /* 60.79 MiB of a 64 MiB limit, 1.5 MiB of swap, an OOM kill, stalls. */
  web->present |= MG_GROUP_HAS_LIMIT | MG_GROUP_HAS_SWAP | MG_GROUP_HAS_OOM_KILLS |
                  MG_GROUP_HAS_PRESSURE;
  web->limit_kib = 65536;
  web->swap_kib = 1536;
  web->oom_kills = 1;
  web->pressure_some_avg10 = 12.4;
  g_ptr_array_add (groups, web);
  /* Nothing but a usage: every other figure null. */
  g_ptr_array_add (groups, bare);
  /* No usage (its file was junk): not listed. */
  g_ptr_array_add (groups, mg_group_new ("/junk.service"));
  return groups;
}

static const char groups_json[] =
  "  \"groups\": [\n"
  "    {\"path\": \"/machine.slice/libpod-3f2a.scope\", \"name\": \"web\", \"kind\": \"container\", "
  "\"usage_mb\": 60, \"limit_mb\": 64, \"limit_percent\": 95.00, \"swap_mb\": 1, \"oom_kills\": 1, "
  "\"pressure_some_avg10\": 12.40},\n"
  "    {\"path\": \"/system.slice/cups.service\", \"name\": \"cups\", \"kind\": \"service\", "
  "\"usage_mb\": 1, \"limit_mb\": null, \"limit_percent\": null, \"swap_mb\": null, "
  "\"oom_kills\": null, \"pressure_some_avg10\": null}\n"
  "  ]\n"
  "}\n";

/* The old fields stay as mg_serializer_to_json() writes them; groups follow them. */
static void
test_exact_json (void)
{
  MgSample sample = make_sample ();
  g_autoptr(GPtrArray) groups = make_groups ();
  g_autofree char *old = mg_serializer_to_json (&sample, MG_LEVEL_MEDIUM, "medium: 25 %");
  g_autoptr(GVariant) variant = mg_serializer_to_variant (&sample, MG_LEVEL_MEDIUM,
                                                          "medium: 25 %");
  g_autoptr(GVariant) with_groups = mg_serializer_add_groups (variant, groups);
  g_autofree char *json = mg_serializer_variant_to_json (with_groups);
  gsize old_body = strlen (old) - strlen ("\n}\n");
  g_autofree char *want = g_strconcat (",\n", groups_json, NULL);

  g_assert_cmpmem (json, old_body, old, old_body);
  g_assert_cmpstr (json + old_body, ==, want);
  /* The sample's own variant is left alone. */
  g_assert_false (g_variant_lookup (variant, "groups", "@*", NULL));
}

static void
test_unreadable_and_empty (void)
{
  MgSample sample = make_sample ();
  g_autoptr(GVariant) variant = mg_serializer_to_variant (&sample, MG_LEVEL_LOW, "low");
  g_autoptr(GVariant) unreadable = mg_serializer_add_groups (variant, NULL);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GVariant) empty = mg_serializer_add_groups (variant, none);
  g_autofree char *unreadable_json = mg_serializer_variant_to_json (unreadable);
  g_autofree char *empty_json = mg_serializer_variant_to_json (empty);

  g_assert_true (g_str_has_suffix (unreadable_json, ",\n  \"groups\": null\n}\n"));
  g_assert_true (g_str_has_suffix (empty_json, ",\n  \"groups\": []\n}\n"));
}

static void
test_top_twenty (void)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GVariant) list = NULL;
  guint64 usage_mb = 0;
  const char *path = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *group_path = g_strdup_printf ("/g%02u", i);

      g_ptr_array_add (groups, make_group (group_path, group_path + 1, MG_GROUP_KIND_OTHER,
                                           (guint64) (100 - i) * 1024));
    }
  list = mg_serializer_groups_to_variant (groups, MG_SERIALIZER_MAX_GROUPS);
  g_assert_cmpuint (g_variant_n_children (list), ==, 20);
  {
    g_autoptr(GVariant) last = g_variant_get_child_value (list, 19);

    g_assert_true (g_variant_lookup (last, "usage_mb", "t", &usage_mb));
    g_assert_true (g_variant_lookup (last, "path", "&s", &path));
    g_assert_cmpuint (usage_mb, ==, 81);
    g_assert_cmpstr (path, ==, "/g19");
  }
}

/* A directory name is bytes; JSON is UTF-8. */
static void
test_utf8_repair (void)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) mg_group_free);
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) first = NULL;
  const char *path = NULL;
  const char *name = NULL;

  g_ptr_array_add (groups, make_group ("/bad\xff" "dir", "bad\xff" "dir", MG_GROUP_KIND_OTHER, 1));
  list = mg_serializer_groups_to_variant (groups, 20);
  first = g_variant_get_child_value (list, 0);
  g_assert_true (g_variant_lookup (first, "path", "&s", &path));
  g_assert_true (g_variant_lookup (first, "name", "&s", &name));
  g_assert_true (g_utf8_validate (path, -1, NULL));
  g_assert_cmpstr (path, ==, "/bad\xef\xbf\xbd" "dir");
  g_assert_cmpstr (name, ==, "bad\xef\xbf\xbd" "dir");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/group-serializer/exact-json", test_exact_json);
  g_test_add_func ("/group-serializer/unreadable-and-empty", test_unreadable_and_empty);
  g_test_add_func ("/group-serializer/top-twenty", test_top_twenty);
  g_test_add_func ("/group-serializer/utf8-repair", test_utf8_repair);

  return g_test_run ();
}
