/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for mg-serializer: the exact --json text, nulls, UTF-8 repair, escapes, variant types. */

#include <math.h>
#include <string.h>

#include "mg-serializer.h"

/* Round figures in KiB so that each MB value below can be checked by hand. */
static MgSample
make_full_sample (void)
{
  MgSample sample = { 0 };

  sample.meminfo.kib[MG_MEMINFO_MEM_TOTAL] = 16384000;     /* 16000 MB */
  sample.meminfo.kib[MG_MEMINFO_MEM_AVAILABLE] = 4096000;  /* 4000 MB, 25 % */
  sample.meminfo.kib[MG_MEMINFO_SWAP_TOTAL] = 2048 * 1024 + 1023;
  sample.meminfo.kib[MG_MEMINFO_SWAP_FREE] = 1023;          /* truncates to 0 MB */
  sample.meminfo.present = (1u << MG_MEMINFO_MEM_TOTAL) | (1u << MG_MEMINFO_MEM_AVAILABLE) |
                           (1u << MG_MEMINFO_SWAP_TOTAL) | (1u << MG_MEMINFO_SWAP_FREE);
  sample.has_swappiness = TRUE;
  sample.swappiness = 60;
  sample.has_psi = TRUE;
  sample.psi.some = (MgPsiLine) { 1.5, 0.25, 0.0, 123456 };
  sample.psi.full = (MgPsiLine) { 0.75, 0.125, 0.0, 789 };
  sample.psi.has_full = TRUE;
  sample.has_vmstat = TRUE;
  for (guint i = 0; i < MG_VMSTAT_N_FIELDS; i++)
    {
      sample.vmstat.count[i] = 100 * (i + 1);
      sample.vmstat.present |= 1u << i;
      sample.rate_per_s[i] = 0.5 * i;
    }
  sample.has_rates = TRUE;
  /* 3 GiB free, 2 GiB + 1023 KiB (truncated to 2048 MB) of it in 2 MiB blocks. */
  sample.has_fragmentation = TRUE;
  sample.fragmentation.free_kib = 3 * 1024 * 1024;
  sample.fragmentation.free_kib_2mb = 2 * 1024 * 1024 + 1023;
  sample.fragmentation.unusable_index_2mb = 0.3330;

  return sample;
}

static const char full_json[] =
  "{\n"
  "  \"total_mb\": 16000,\n"
  "  \"available_mb\": 4000,\n"
  "  \"swap_total_mb\": 2048,\n"
  "  \"swap_free_mb\": 0,\n"
  "  \"swappiness\": 60,\n"
  "  \"pressure_level\": \"medium\",\n"
  "  \"used_mb\": 12000,\n"
  "  \"available_percent\": 25.00,\n"
  "  \"available_estimated\": false,\n"
  "  \"reason\": \"medium: 25 % available\",\n"
  "  \"psi\": {\"some\": {\"avg10\": 1.50, \"avg60\": 0.25, \"avg300\": 0.00, "
  "\"total_us\": 123456}, \"full\": {\"avg10\": 0.75, \"avg60\": 0.12, \"avg300\": 0.00, "
  "\"total_us\": 789}},\n"
  "  \"vmstat\": {\"pswpin\": 100, \"pswpout\": 200, \"pgmajfault\": 300, \"oom_kill\": 400},\n"
  "  \"rates_per_s\": {\"pswpin\": 0.00, \"pswpout\": 0.50, \"pgmajfault\": 1.00, "
  "\"oom_kill\": 1.50},\n"
  "  \"fragmentation\": {\"free_mb\": 3072, \"free_2mb_blocks_mb\": 2048, "
  "\"unusable_index_2mb\": 0.33}\n"
  "}\n";

static void
test_exact_json (void)
{
  MgSample sample = make_full_sample ();
  g_autofree char *json = mg_serializer_to_json (&sample, MG_LEVEL_MEDIUM,
                                                 "medium: 25 % available");

  g_assert_cmpstr (json, ==, full_json);
}

static void
test_null_fields (void)
{
  MgSample sample = make_full_sample ();
  g_autofree char *json = NULL;

  sample.has_swappiness = FALSE;
  sample.psi.has_full = FALSE;
  sample.vmstat.present &= ~(1u << MG_VMSTAT_OOM_KILL);
  sample.has_rates = FALSE;
  sample.meminfo.mem_available_estimated = TRUE;
  json = mg_serializer_to_json (&sample, MG_LEVEL_UNKNOWN, NULL);

  g_assert_nonnull (strstr (json, "  \"swappiness\": null,\n"));
  g_assert_nonnull (strstr (json, "  \"pressure_level\": \"unknown\",\n"));
  g_assert_nonnull (strstr (json, "  \"available_estimated\": true,\n"));
  g_assert_nonnull (strstr (json, "  \"reason\": \"\",\n"));
  g_assert_nonnull (strstr (json, "\"total_us\": 123456}, \"full\": null},\n"));
  g_assert_nonnull (strstr (json, "\"pgmajfault\": 300, \"oom_kill\": null},\n"));
  g_assert_nonnull (strstr (json, "  \"rates_per_s\": null,\n"));

  /* A sample without buddyinfo (an old bug report) keeps the key, null. */
  sample.has_fragmentation = FALSE;
  g_clear_pointer (&json, g_free);
  json = mg_serializer_to_json (&sample, MG_LEVEL_UNKNOWN, NULL);
  g_assert_true (g_str_has_suffix (json, "  \"rates_per_s\": null,\n"
                                         "  \"fragmentation\": null\n}\n"));

  sample.has_psi = FALSE;
  sample.has_vmstat = FALSE;
  g_clear_pointer (&json, g_free);
  json = mg_serializer_to_json (&sample, MG_LEVEL_LOW, "x");
  g_assert_nonnull (strstr (json, "  \"psi\": null,\n  \"vmstat\": null,\n"));
}

static void
test_invalid_utf8 (void)
{
  MgSample sample = make_full_sample ();
  /* A lone continuation byte and a truncated two-byte sequence around valid text. */
  const char reason[] = "high: \x80 bad \xc3 end \xc3\xa9";
  g_autoptr(GVariant) variant = mg_serializer_to_variant (&sample, MG_LEVEL_HIGH, reason);
  g_autofree char *json = mg_serializer_to_json (&sample, MG_LEVEL_HIGH, reason);
  const char *shown = NULL;

  g_assert_true (g_variant_lookup (variant, "reason", "&s", &shown));
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_cmpstr (shown, ==, "high: \xef\xbf\xbd bad \xef\xbf\xbd end \xc3\xa9");
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_nonnull (strstr (json, "\"reason\": \"high: \xef\xbf\xbd bad \xef\xbf\xbd end "
                                  "\xc3\xa9\",\n"));
}

static void
test_control_characters (void)
{
  MgSample sample = make_full_sample ();
  g_autofree char *json = mg_serializer_to_json (&sample, MG_LEVEL_LOW,
                                                 "a\"b\\c\nd\te\x01" "f\x1f");

  g_assert_nonnull (strstr (json, "\"reason\": \"a\\\"b\\\\c\\u000ad\\u0009e\\u0001f\\u001f\",\n"));
}

static void
test_not_finite (void)
{
  MgSample sample = make_full_sample ();
  g_autofree char *json = NULL;

  sample.rate_per_s[MG_VMSTAT_PSWPIN] = NAN;
  sample.rate_per_s[MG_VMSTAT_PSWPOUT] = INFINITY;
  json = mg_serializer_to_json (&sample, MG_LEVEL_LOW, "x");

  g_assert_nonnull (strstr (json, "{\"pswpin\": null, \"pswpout\": null, "));
}

static void
test_variant_types (void)
{
  MgSample sample = make_full_sample ();
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) psi = NULL;
  g_autoptr(GVariant) some = NULL;
  g_autoptr(GVariant) vmstat = NULL;
  g_autoptr(GVariant) rates = NULL;
  g_autoptr(GVariant) swappiness = NULL;
  static const struct {
    const char *key;
    const char *type;
  } top[] = {
    { "total_mb", "t" }, { "available_mb", "t" }, { "swap_total_mb", "t" },
    { "swap_free_mb", "t" }, { "swappiness", "u" }, { "pressure_level", "s" },
    { "used_mb", "t" }, { "available_percent", "d" }, { "available_estimated", "b" },
    { "reason", "s" }, { "psi", "a{sv}" }, { "vmstat", "a{sv}" }, { "rates_per_s", "a{sv}" },
    { "fragmentation", "a{sv}" },
  };
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gsize i = 0;

  variant = mg_serializer_to_variant (&sample, MG_LEVEL_MEDIUM, "r");
  g_assert_false (g_variant_is_floating (variant));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT));

  /* The keys in output order, each with its type. */
  g_assert_cmpuint (g_variant_n_children (variant), ==, G_N_ELEMENTS (top));
  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_assert_cmpstr (key, ==, top[i].key);
      g_assert_cmpstr (g_variant_get_type_string (value), ==, top[i].type);
      i++;
    }

  psi = g_variant_lookup_value (variant, "psi", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (psi);
  some = g_variant_lookup_value (psi, "some", G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (some);
  g_assert_true (g_variant_lookup_value (some, "total_us", G_VARIANT_TYPE_UINT64) != NULL);
  vmstat = g_variant_lookup_value (variant, "vmstat", G_VARIANT_TYPE_VARDICT);
  /* The original four counters only: the compaction counters are not part of the API. */
  g_assert_cmpuint (g_variant_n_children (vmstat), ==, 4);
  rates = g_variant_lookup_value (variant, "rates_per_s", G_VARIANT_TYPE_VARDICT);
  g_assert_cmpuint (g_variant_n_children (rates), ==, 4);

  /* Absent: the key stays, holding an empty maybe. */
  sample.has_swappiness = FALSE;
  g_clear_pointer (&variant, g_variant_unref);
  variant = mg_serializer_to_variant (&sample, MG_LEVEL_MEDIUM, "r");
  swappiness = g_variant_lookup_value (variant, "swappiness", NULL);
  g_assert_nonnull (swappiness);
  g_assert_true (g_variant_is_of_type (swappiness, G_VARIANT_TYPE ("mv")));
  g_assert_cmpuint (g_variant_n_children (swappiness), ==, 0);
}

static void
test_same_values (void)
{
  MgSample sample = make_full_sample ();
  g_autoptr(GVariant) variant = mg_serializer_to_variant (&sample, MG_LEVEL_MEDIUM, "why");
  g_autofree char *json = mg_serializer_to_json (&sample, MG_LEVEL_MEDIUM, "why");
  g_autofree char *written = mg_serializer_variant_to_json (variant);
  guint64 total = 0, swap_free = 0;
  guint32 swappiness = 0;
  double percent = 0.0;
  const char *level = NULL, *reason = NULL;
  gboolean estimated = TRUE;
  g_autofree char *line = NULL;

  /* The JSON is the variant written out, not a second rendering of the sample. */
  g_assert_cmpstr (json, ==, written);

  g_assert_true (g_variant_lookup (variant, "total_mb", "t", &total));
  g_assert_true (g_variant_lookup (variant, "swap_free_mb", "t", &swap_free));
  g_assert_true (g_variant_lookup (variant, "swappiness", "u", &swappiness));
  g_assert_true (g_variant_lookup (variant, "available_percent", "d", &percent));
  g_assert_true (g_variant_lookup (variant, "pressure_level", "&s", &level));
  g_assert_true (g_variant_lookup (variant, "reason", "&s", &reason));
  g_assert_true (g_variant_lookup (variant, "available_estimated", "b", &estimated));

  line = g_strdup_printf ("\"total_mb\": %" G_GUINT64_FORMAT ",", total);
  g_assert_nonnull (strstr (json, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\"swap_free_mb\": %" G_GUINT64_FORMAT ",", swap_free);
  g_assert_nonnull (strstr (json, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\"swappiness\": %u,", swappiness);
  g_assert_nonnull (strstr (json, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\"pressure_level\": \"%s\",", level);
  g_assert_nonnull (strstr (json, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("\"reason\": \"%s\",", reason);
  g_assert_nonnull (strstr (json, line));
  g_assert_cmpfloat_with_epsilon (percent, 25.0, 1e-9);
  g_assert_false (estimated);
}

/* With the kernel settings the command line reads: a `sysctl` object before `fragmentation`,
 * every key of the helper's table, null where the kernel lacks it. */
static void
test_sysctl (void)
{
  MgSample sample = make_full_sample ();
  MgSysctlValues sysctl = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *plain = NULL;

  for (guint k = 0; k < MG_SYSCTL_N_KEYS; k++)
    {
      sysctl.set[k] = k != MG_SYSCTL_COMPACTION_PROACTIVENESS;
      sysctl.value[k] = 10 * (k + 1);
    }
  sysctl.value[MG_SYSCTL_MIN_FREE_KBYTES] = G_MAXINT;
  json = mg_serializer_to_json_full (&sample, MG_LEVEL_MEDIUM, "medium: 25 % available", &sysctl);
  g_assert_true (g_str_has_suffix (json,
    "\"oom_kill\": 1.50},\n"
    "  \"sysctl\": {\"swappiness\": 10, \"vfs_cache_pressure\": 20, "
    "\"compaction_proactiveness\": null, \"overcommit_memory\": 40, "
    "\"min_free_kbytes\": 2147483647, \"dirty_ratio\": 60, \"dirty_background_ratio\": 70},\n"
    "  \"fragmentation\": {\"free_mb\": 3072, \"free_2mb_blocks_mb\": 2048, "
    "\"unusable_index_2mb\": 0.33}\n"
    "}\n"));

  /* Without them the object is the one of every other caller, byte for byte. */
  plain = mg_serializer_to_json_full (&sample, MG_LEVEL_MEDIUM, "medium: 25 % available", NULL);
  g_assert_cmpstr (plain, ==, full_json);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/serializer/json/exact", test_exact_json);
  g_test_add_func ("/serializer/json/null-fields", test_null_fields);
  g_test_add_func ("/serializer/json/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/serializer/json/control-characters", test_control_characters);
  g_test_add_func ("/serializer/json/not-finite", test_not_finite);
  g_test_add_func ("/serializer/variant/types", test_variant_types);
  g_test_add_func ("/serializer/variant/same-values", test_same_values);
  g_test_add_func ("/serializer/json/sysctl", test_sysctl);

  return g_test_run ();
}
