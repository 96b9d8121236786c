/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LD_PRELOAD for the translation tests: the uninstalled memgauge finds its catalogs in the
 * build tree. main() binds the text domain to the installed LOCALEDIR, which a build tree
 * does not fill; with MEMGAUGE_TEST_LOCALEDIR set (the build's po/ folder, where meson puts
 * LANG/LC_MESSAGES/memgauge.mo) this binds it there instead. Every other domain (gtk30,
 * glib20) and every query passes through unchanged. Only tests/integration/test-i18n.py loads it. */

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

typedef char *(*BindFunc) (const char *domainname, const char *dirname);

char *bindtextdomain (const char *domainname, const char *dirname);

char *
bindtextdomain (const char *domainname,
                const char *dirname)
{
  static BindFunc real_bindtextdomain;
  const char *override = getenv ("MEMGAUGE_TEST_LOCALEDIR");

  if (real_bindtextdomain == NULL)
    *(void **) &real_bindtextdomain = dlsym (RTLD_NEXT, "bindtextdomain");

  if (override != NULL && override[0] != '\0' && dirname != NULL &&
      domainname != NULL && strcmp (domainname, "memgauge") == 0)
    dirname = override;

  return real_bindtextdomain (domainname, dirname);
}
