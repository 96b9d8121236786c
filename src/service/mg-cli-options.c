/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-cli-options: memgauge's options, which go together, and those that print and exit
 * (`--version`, `--json`, `--print`, `--groups`, `--follow [--format]`). */

#define G_LOG_DOMAIN "memgauge-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mg-cli.h"
#include "mg-cli-options.h"
#include "mg-cli-remote.h"
#include "mg-env.h"
#include "mg-follow.h"

/* Every option of `memgauge`; the windows' are handled by MgApplication. */
static const GOptionEntry option_entries[] = {
  { "follow", 'f', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print a line at start and one at every change, until stopped"), NULL },
  { "groups", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the apps, services and containers using the most memory and exit"), NULL },
  /* Translators: --format's argument, in --help: do not translate json, waybar, plain */
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The lines of --follow: json, waybar or plain (the default)"), N_("FORMAT") },
  { "json", 'j', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print one sample as JSON and exit"), NULL },
  { "preferences", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the settings window"), NULL },
  { "print", 'p', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print one sample as text and exit"), NULL },
  { "show", 's', 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the memory gauge window"), NULL },
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  /* Translators: --source's argument, in --help */
  { "source", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --json or --print: read a node_exporter (port 9100 or a path ending in /metrics) or a Prometheus server instead of this machine; repeatable"),
    N_("URL") },
  { NULL }
};

const GOptionEntry *
mg_cli_options_entries (void)
{
  return option_entries;
}

/* Two of these at once have no meaning: they are refused rather than one silently
 * ignored. The last two are the windows, which may open together. */
static const char *const alone[] = {
  "version", "json", "print", "groups", "follow", "show", "preferences"
};
#define FIRST_WINDOW 5

int
mg_cli_options_check (GVariantDict *options)
{
  const char *first = NULL;
  guint first_index = 0;
  g_autofree char *message = NULL;

  g_return_val_if_fail (options != NULL, 2);

  for (guint i = 0; i < G_N_ELEMENTS (alone) && message == NULL; i++)
    {
      if (!g_variant_dict_contains (options, alone[i]))
        continue;
      if (first == NULL)
        {
          first = alone[i];
          first_index = i;
        }
      else if (first_index < FIRST_WINDOW || i < FIRST_WINDOW)
        {
          g_autofree char *a = g_strconcat ("--", first, NULL);
          g_autofree char *b = g_strconcat ("--", alone[i], NULL);

          /* Translators: both are options, as in "--json and --show cannot be used
           * together" */
          message = g_strdup_printf (_("%s and %s cannot be used together"), a, b);
        }
    }

  if (message == NULL && g_variant_dict_contains (options, "format") &&
      !g_variant_dict_contains (options, "follow"))
    message = g_strdup (_("--format needs --follow"));

  if (message == NULL && g_variant_dict_contains (options, "source") &&
      !g_variant_dict_contains (options, "json") && !g_variant_dict_contains (options, "print"))
    message = g_strdup (_("--source needs --json or --print"));

  if (message == NULL)
    return -1;

  g_printerr ("memgauge: %s\n", message);
  return 2;
}

int
mg_cli_options_run_follow (GVariantDict *options,
                           const char   *proc_root)
{
  const char *name = "plain";
  MgFollowFormat format;

  g_return_val_if_fail (options != NULL, 2);

  g_variant_dict_lookup (options, "format", "&s", &name);
  if (!mg_follow_format_parse (name, &format))
    {
      g_printerr ("memgauge: ");
      /* Translators: %s is what the user gave; json, waybar and plain are not translated */
      g_printerr (_("unknown format “%s”: use json, waybar or plain\n"), name);
      return 2;
    }

  return mg_follow_run (proc_root, format);
}

int
mg_cli_options_run (GVariantDict *options,
                    const char   *proc_root)
{
  int status = mg_cli_options_check (options);

  if (status >= 0)
    return status;

  /* A client of the app (or a sampler of its own): it never becomes the app. */
  if (g_variant_dict_contains (options, "follow"))
    return mg_cli_options_run_follow (options, proc_root);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("memgauge %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "source"))
    {
      g_autofree const char **urls = NULL;

      g_variant_dict_lookup (options, "source", "^a&s", &urls);
      return mg_cli_print_remote (urls, g_variant_dict_contains (options, "json")
                                          ? MG_CLI_FORMAT_JSON : MG_CLI_FORMAT_TEXT);
    }
  if (g_variant_dict_contains (options, "json"))
    return mg_cli_print_sample (proc_root, MG_CLI_FORMAT_JSON);
  if (g_variant_dict_contains (options, "print"))
    return mg_cli_print_sample (proc_root, MG_CLI_FORMAT_TEXT);
  if (g_variant_dict_contains (options, "groups"))
    return mg_cli_print_groups (mg_env_get_cgroup_root ());

  return -1;
}
