#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Self-test of check-layers.py: a temporary tree with one violation of each kind must fail,
naming each one as file:line, and the same tree without them must pass."""

import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check-layers.py')

# Files every tree has: one header per layer and the allowed includes.
CLEAN = {
    'src/core/mg-sample.h': '#pragma once\n#include <glib.h>\n',
    'src/core/mg-monitor.c': ('#include "config.h"\n#include <gio/gio.h>\n'
                              '#include "mg-sample.h"\n#include "mg-enums.h"\n'
                              '#include "mg-swappiness.h"\n'),
    'src/sources/mg-source-procfs.h': '#pragma once\n#include "mg-sample.h"\n',
    'src/sources/parse/mg-parse-proc.h': '#pragma once\n#include "mg-sample.h"\n',
    'src/privileged/mg-swappiness.h': '#pragma once\n#include <glib.h>\n',
    'src/privileged/mg-swappiness.c': '#include "config.h"\n#include "mg-swappiness.h"\n',
    'src/helper/memgauge-helper.c': ('#include <glib.h>\n#include "config.h"\n'
                                     '#include "mg-swappiness.h"\n'),
    'src/service/mg-cli.h': '#pragma once\n#include <glib.h>\n',
    'src/service/mg-cli.c': ('#include <glib/gi18n.h>\n#include "mg-cli.h"\n'
                             '#include "mg-source-procfs.h"\n'),
    'src/ui/mg-tray.h': '#pragma once\n#include <gtk/gtk.h>\n',
    'src/ui/mg-tray.c': ('#include <libayatana-appindicator/app-indicator.h>\n'
                         '#include "mg-tray.h"\n#include "mg-cli.h"\n'),
}

# One violation of each kind: (file, text, the words its report must hold).
VIOLATIONS = [
    ('src/core/bad-gtk.c', '#include <glib.h>\n#include <gtk/gtk.h>\n', 'GTK/GDK'),
    ('src/sources/bad-gdk.c', '#include <gdk/gdk.h>\n', 'GTK/GDK'),
    ('src/privileged/bad-ayatana.c', '#include <libayatana-appindicator/app-indicator.h>\n',
     'libayatana'),
    ('src/privileged/bad-gi18n.c', '#include <glib/gi18n.h>\n', 'gettext'),
    ('src/privileged/bad-libintl.c', '#include <libintl.h>\n', 'gettext'),
    ('src/privileged/bad-gobject.c', '#include <glib-object.h>\n', 'GObject'),
    ('src/privileged/bad-gio.c', '#include <gio/gio.h>\n', 'GIO'),
    ('src/helper/bad-soup.c', '#include <libsoup/soup.h>\n', 'libsoup'),
    ('src/privileged/bad-json.c', '#include <json-glib/json-glib.h>\n', 'json-glib'),
    ('src/core/bad-sources.c', '#include "mg-source-procfs.h"\n', 'from src/sources'),
    ('src/core/bad-service.c', '#include "mg-cli.h"\n', 'from src/service'),
    ('src/core/bad-ui.c', '#include "mg-tray.h"\n', 'from src/ui'),
    ('src/sources/bad-service.c', '#include "mg-cli.h"\n', 'from src/service'),
    ('src/sources/parse/bad-ui.c', '#  include "mg-tray.h"\n', 'from src/ui'),
    ('src/service/bad-ui.c', '#include "mg-tray.h"\n', 'from src/ui'),
    ('src/helper/bad-core.c', '#include "mg-sample.h"\n', 'outside src/privileged'),
    ('src/helper/bad-generated.c', '#include "mg-enums.h"\n', 'outside src/privileged'),
]


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def run_check(root):
    return subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True,
                          timeout=30, check=False)


class CheckLayersTest(unittest.TestCase):
    def test_clean_tree_passes(self):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, CLEAN)
            result = run_check(root)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_each_violation_fails(self):
        for rel, text, words in VIOLATIONS:
            with self.subTest(file=rel), tempfile.TemporaryDirectory() as root:
                write_tree(root, CLEAN)
                write_tree(root, {rel: text})
                result = run_check(root)
                self.assertEqual(result.returncode, 1, result.stdout)
                lines = result.stdout.splitlines()
                self.assertEqual(len(lines), 1, result.stdout)
                line_number = text.count('\n')
                self.assertTrue(lines[0].startswith(f'{rel}:{line_number}: '), lines[0])
                self.assertIn(words, lines[0])

    def test_all_violations_reported(self):
        with tempfile.TemporaryDirectory() as root:
            write_tree(root, CLEAN)
            write_tree(root, {rel: text for rel, text, _ in VIOLATIONS})
            result = run_check(root)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(len(result.stdout.splitlines()), len(VIOLATIONS), result.stdout)


if __name__ == '__main__':
    unittest.main()
