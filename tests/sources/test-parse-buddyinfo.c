/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the /proc/buddyinfo parser and the fragmentation summary, on fixtures and hostile text. */

#include <string.h>

#include <glib.h>

#include "mg-parse-buddyinfo.h"
#include "mg-test-util.h"

/* A wrapper, not a cast: see MgTestParseFunc. */
static gboolean
parse_buddyinfo_any (const char *text,
                     gsize       len,
                     gpointer    out,
                     GError    **error)
{
  return mg_proc_parse_buddyinfo (text, len, out, error);
}

/* Expected values, typed in from tests/fixtures/proc/buddyinfo/ (README.md there). */
typedef struct {
  const char *name;
  guint       n_zones;
  const char *last_zone;
  guint       last_node;
  guint64     free_blocks[11];
  guint64     free_kib;
  guint64     free_kib_2mb;
  double      unusable_index_2mb;
} Expected;

static const Expected fixtures[] = {
  /* 930590 free pages, 789504 of them in blocks of order 9 or 10. */
  { "linux-6.18-before-compaction", 3, "Normal", 0,
    { 15764, 9915, 5779, 3331, 1349, 461, 141, 49, 16, 8, 767 },
    3722360, 3158016, 141086.0 / 930590.0 },
  /* The same machine after echo 1 > /proc/sys/vm/compact_memory: the small blocks were
   * merged, 48 MiB more in 2 MiB blocks. */
  { "linux-6.18-after-compaction", 3, "Normal", 0,
    { 3438, 2669, 2047, 1494, 1039, 635, 329, 153, 64, 20, 773 },
    3698704, 3207168, 122884.0 / 924676.0 },
  /* Written from the documented format: two nodes, DMA, DMA32, Normal and Movable. */
  { "two-nodes-documented", 5, "Movable", 1,
    { 25035, 14562, 7709, 3495, 1491, 566, 245, 110, 52, 27, 1013 },
    4996524, 4204544, 197995.0 / 1249131.0 },
  /* The most zones accepted: 64 lines of one block of each order. */
  { "many-zones-64", 64, "Movable", 15,
    { 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64 },
    524032, 393216, 32704.0 / 131008.0 },
};

static void
test_fixture (gconstpointer data)
{
  const Expected *expected = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree MgBuddyinfo *info = g_new (MgBuddyinfo, 1);
  MgFragmentation frag;
  gsize len;

  text = mg_test_load_fixture ("buddyinfo", expected->name, &len);
  memset (info, 0xa5, sizeof *info);
  g_assert_true (mg_proc_parse_buddyinfo (text, len, info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_zones, ==, expected->n_zones);
  g_assert_cmpuint (info->n_orders, ==, 11);
  g_assert_cmpstr (info->zones[info->n_zones - 1].name, ==, expected->last_zone);
  g_assert_cmpuint (info->zones[info->n_zones - 1].node, ==, expected->last_node);

  memset (&frag, 0xa5, sizeof frag);
  g_assert_true (mg_proc_buddyinfo_summarize (info, 12, &frag, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (frag.order_2mb, ==, 9);
  g_assert_cmpuint (frag.n_orders, ==, 11);
  for (guint i = 0; i < 11; i++)
    g_assert_cmpuint (frag.free_blocks[i], ==, expected->free_blocks[i]);
  g_assert_cmpuint (frag.free_kib, ==, expected->free_kib);
  g_assert_cmpuint (frag.free_kib_2mb, ==, expected->free_kib_2mb);
  g_assert_cmpfloat_with_epsilon (frag.unusable_index_2mb, expected->unusable_index_2mb, 1e-12);
}

static void
test_first_zones (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree MgBuddyinfo *info = g_new0 (MgBuddyinfo, 1);
  gsize len;

  text = mg_test_load_fixture ("buddyinfo", "linux-6.18-before-compaction", &len);
  g_assert_true (mg_proc_parse_buddyinfo (text, len, info, &error));
  g_assert_cmpstr (info->zones[0].name, ==, "DMA");
  g_assert_cmpuint (info->zones[0].free_blocks[10], ==, 3);
  g_assert_cmpstr (info->zones[1].name, ==, "DMA32");
  g_assert_cmpuint (info->zones[1].free_blocks[10], ==, 753);
  g_assert_cmpuint (info->zones[2].free_blocks[0], ==, 15764);
}

/* The order of 2 MiB follows the page size: 5 with 64 KiB pages, and then nothing of the
 * eleven orders is below it but 0 to 4. */
static void
test_page_sizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree MgBuddyinfo *info = g_new0 (MgBuddyinfo, 1);
  MgFragmentation frag;

  g_assert_true (mg_proc_parse_buddyinfo (MG_TEST_TEXT ("Node 0, zone Normal 1 1 1 1 1 1 1 \n"),
                                          info, &error));
  g_assert_true (mg_proc_buddyinfo_summarize (info, 16, &frag, &error));
  g_assert_cmpuint (frag.order_2mb, ==, 5);
  /* 1+2+4+8+16+32+64 = 127 pages of 64 KiB; 32+64 = 96 of them in blocks of 2 MiB or more. */
  g_assert_cmpuint (frag.free_kib, ==, 127 * 64);
  g_assert_cmpuint (frag.free_kib_2mb, ==, 96 * 64);
  g_assert_cmpfloat_with_epsilon (frag.unusable_index_2mb, 31.0 / 127.0, 1e-12);

  /* Fewer orders than the order of 2 MiB: nothing is usable for it. */
  g_assert_true (mg_proc_buddyinfo_summarize (info, 12, &frag, &error));
  g_assert_cmpuint (frag.free_kib_2mb, ==, 0);
  g_assert_cmpfloat (frag.unusable_index_2mb, ==, 1.0);
  g_assert_no_error (error);
}

/* No free memory at all counts as all of it unusable, as the kernel's index says (1000). */
static void
test_nothing_free (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree MgBuddyinfo *info = g_new0 (MgBuddyinfo, 1);
  MgFragmentation frag;

  g_assert_true (mg_proc_parse_buddyinfo (MG_TEST_TEXT ("Node 0, zone DMA 0 0 0\n"
                                                        "Node 0, zone Normal\t0 0 0\n"),
                                          info, &error));
  g_assert_true (mg_proc_buddyinfo_summarize (info, 12, &frag, &error));
  g_assert_cmpuint (frag.free_kib, ==, 0);
  g_assert_cmpfloat (frag.unusable_index_2mb, ==, 1.0);
}

static void
test_sum_overflow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree MgBuddyinfo *info = g_new0 (MgBuddyinfo, 1);
  MgFragmentation frag = { .free_kib = 7 };
  gsize len;

  /* Every number fits 64 bits, but 2^60 blocks of 2^10 pages do not. */
  text = mg_test_load_fixture ("buddyinfo", "broken-sum-overflow", &len);
  g_assert_true (mg_proc_parse_buddyinfo (text, len, info, &error));
  g_assert_false (mg_proc_buddyinfo_summarize (info, 12, &frag, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_OVERFLOW);
  g_assert_cmpuint (frag.free_kib, ==, 7);
  g_clear_error (&error);

  /* Pages that fit, KiB that do not. */
  g_assert_true (mg_proc_parse_buddyinfo (MG_TEST_TEXT ("Node 0, zone Normal "
                                                        "9223372036854775807 \n"),
                                          info, &error));
  g_assert_false (mg_proc_buddyinfo_summarize (info, 12, &frag, &error));
  g_assert_error (error, MG_PROC_ERROR, MG_PROC_ERROR_OVERFLOW);
}

typedef struct {
  const char  *name;
  MgProcError  code;
} BrokenFile;

static const BrokenFile broken_files[] = {
  { "broken-empty", MG_PROC_ERROR_EMPTY },
  { "broken-truncated", MG_PROC_ERROR_TRUNCATED },
  { "broken-orders-differ", MG_PROC_ERROR_INVALID_VALUE },
  { "broken-too-many-orders", MG_PROC_ERROR_INVALID_VALUE },
  { "broken-garbage", MG_PROC_ERROR_INVALID_NUMBER },
  { "broken-duplicate-zone", MG_PROC_ERROR_INVALID_VALUE },
  { "broken-2pow64", MG_PROC_ERROR_OVERFLOW },
  { "broken-binary", MG_PROC_ERROR_BINARY },
  { "broken-too-many-zones", MG_PROC_ERROR_INVALID_VALUE },
  { "broken-not-buddyinfo", MG_PROC_ERROR_INVALID_VALUE },
};

static void
test_broken_file (gconstpointer data)
{
  const BrokenFile *broken = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree MgBuddyinfo *info = g_new0 (MgBuddyinfo, 1);
  gsize len;

  text = mg_test_load_fixture ("buddyinfo", broken->name, &len);
  g_assert_false (mg_proc_parse_buddyinfo (text, len, info, &error));
  g_assert_error (error, MG_PROC_ERROR, (gint) broken->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "buddyinfo"));
  /* Left alone on failure. */
  g_assert_cmpuint (info->n_zones, ==, 0);
}

static const MgTestErrorCase buddyinfo_errors[] = {
  { "empty", MG_TEST_TEXT (""), MG_PROC_ERROR_EMPTY },
  { "blank line", MG_TEST_TEXT ("\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "no counts", MG_TEST_TEXT ("Node 0, zone Normal \n"), MG_PROC_ERROR_INVALID_VALUE },
  { "no zone name", MG_TEST_TEXT ("Node 0, zone  \n"), MG_PROC_ERROR_INVALID_VALUE },
  { "no comma", MG_TEST_TEXT ("Node 0 zone Normal 1\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "node word", MG_TEST_TEXT ("node 0, zone Normal 1\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "negative node", MG_TEST_TEXT ("Node -1, zone Normal 1\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "huge node", MG_TEST_TEXT ("Node 1024, zone Normal 1\n"), MG_PROC_ERROR_INVALID_VALUE },
  { "long zone name", MG_TEST_TEXT ("Node 0, zone NormalNormalNormal 1\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "negative count", MG_TEST_TEXT ("Node 0, zone Normal -1\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "hex count", MG_TEST_TEXT ("Node 0, zone Normal 0x10\n"), MG_PROC_ERROR_INVALID_NUMBER },
  { "count with a unit", MG_TEST_TEXT ("Node 0, zone Normal 10kB\n"),
    MG_PROC_ERROR_INVALID_NUMBER },
  { "fewer orders later", MG_TEST_TEXT ("Node 0, zone DMA 1 2\nNode 0, zone Normal 1\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "more orders later", MG_TEST_TEXT ("Node 0, zone DMA 1\nNode 0, zone Normal 1 2\n"),
    MG_PROC_ERROR_INVALID_VALUE },
  { "no final newline", MG_TEST_TEXT ("Node 0, zone Normal 1"), MG_PROC_ERROR_TRUNCATED },
  { "nul byte", MG_TEST_TEXT ("Node 0, zone Normal 1\n\0\n"), MG_PROC_ERROR_BINARY },
};

static void
test_errors (void)
{
  mg_test_run_error_cases (parse_buddyinfo_any, sizeof (MgBuddyinfo), buddyinfo_errors,
                           G_N_ELEMENTS (buddyinfo_errors));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/buddyinfo/%s", fixtures[i].name);

      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (broken_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/buddyinfo/%s", broken_files[i].name);

      g_test_add_data_func (path, &broken_files[i], test_broken_file);
    }
  g_test_add_func ("/proc/buddyinfo/first-zones", test_first_zones);
  g_test_add_func ("/proc/buddyinfo/page-sizes", test_page_sizes);
  g_test_add_func ("/proc/buddyinfo/nothing-free", test_nothing_free);
  g_test_add_func ("/proc/buddyinfo/sum-overflow", test_sum_overflow);
  g_test_add_func ("/proc/buddyinfo/errors", test_errors);

  return g_test_run ();
}
