#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""build-aux/run, the quick start's first command, against this build folder and a temporary
DESTDIR (MEMGAUGE_BUILD_DIR, MEMGAUGE_RUN_DESTDIR: no configure, no build, no sudo):

- `build-aux/run --json` prints one JSON sample on stdout and nothing else (the install's
  output goes to stderr);
- every file meson installs, the caches and the manifest land where the manifest lists
  them, and nothing unlisted lands in the DESTDIR;
- `build-aux/run --uninstall` removes exactly those, also after a second install, and leaves
  what was there before (a desktop file of another program, its refreshed cache).

The environment names the build (meson sets it): MESON, MEMGAUGE_BUILD_ROOT and
MEMGAUGE_RUN_SCRIPT.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402

APP_ID = 'io.github.memgauge.MemGauge'
OTHER_DESKTOP = '[Desktop Entry]\nType=Application\nName=Other\nExec=true\n'


class RunScriptTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        build = mgtest.required_env('MEMGAUGE_BUILD_ROOT')
        introspect = subprocess.run([mgtest.required_env('MESON'), 'introspect', '--installed',
                                     '--buildoptions', build],
                                    capture_output=True, text=True, check=True)
        # Asked for several things, meson prints one object with a key for each.
        info = json.loads(introspect.stdout)
        cls.meson_files = set(info['installed'].values())
        options = {o['name']: o['value'] for o in info['buildoptions']}
        cls.prefix = options['prefix']
        cls.datadir = os.path.join(cls.prefix, options['datadir'])
        cls.manifest = os.path.join(cls.prefix, 'share', 'memgauge', 'run-manifest.txt')

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='memgauge-run-')
        self.destdir = os.path.join(self.tmp, 'dest')
        os.mkdir(self.destdir)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_script(self, *args):
        env = dict(os.environ,
                   MEMGAUGE_BUILD_DIR=mgtest.required_env('MEMGAUGE_BUILD_ROOT'),
                   MEMGAUGE_RUN_DESTDIR=self.destdir, LC_ALL='C.UTF-8')
        for name in ('MEMGAUGE_PROC_ROOT', 'DISPLAY', 'WAYLAND_DISPLAY', 'GSETTINGS_SCHEMA_DIR'):
            env.pop(name, None)
        run = subprocess.run([mgtest.required_env('MEMGAUGE_RUN_SCRIPT')] + list(args),
                             capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(run.returncode, 0, f'build-aux/run {" ".join(args)}:\n{run.stderr}')
        return run

    def staged(self, path):
        return os.path.join(self.destdir, path.lstrip('/'))

    def tree(self):
        """Every file and folder below the DESTDIR, as installed paths."""
        found = set()
        for folder, dirs, files in os.walk(self.destdir):
            for name in dirs + files:
                found.add('/' + os.path.relpath(os.path.join(folder, name), self.destdir))
        return found

    def read_manifest(self):
        entries = {}
        with open(self.staged(self.manifest), encoding='utf-8') as f:
            for line in f:
                if line.startswith('#') or not line.strip():
                    continue
                kind, path = line.rstrip('\n').split(' ', 1)
                entries.setdefault(kind, set()).add(path)
        return entries

    def install_json(self):
        run = self.run_script('--json')
        # The whole of stdout must be the sample: json.loads fails on anything else. meson's
        # "Installing ..." lines go to stderr.
        sample = json.loads(run.stdout)
        self.assertNotIn('Installing', run.stdout)
        self.assertIn('Installing src/memgauge to ' + self.destdir, run.stderr)
        self.assertGreater(sample['total_mb'], 0)
        self.assertIn(sample['pressure_level'], ('low', 'medium', 'high', 'critical'))
        self.assertIn('installing into ' + self.destdir, run.stderr)
        return run

    def test_install_where_listed_and_uninstall(self):
        self.install_json()
        entries = self.read_manifest()
        self.assertEqual(entries['datadir'], {self.datadir})
        caches = {os.path.join(self.datadir, c) for c in (
            'glib-2.0/schemas/gschemas.compiled', 'icons/hicolor/icon-theme.cache',
            'applications/mimeinfo.cache')}
        self.assertEqual(entries['cache'], caches)
        self.assertEqual(entries['file'], self.meson_files | {self.manifest})
        for path in entries['file'] | caches:
            self.assertTrue(os.path.isfile(self.staged(path)), path)
        for path in entries['dir']:
            self.assertTrue(os.path.isdir(self.staged(path)), path)
        # Nothing lands outside the list: each file is listed, each folder was created.
        self.assertEqual(self.tree(), entries['file'] | caches | entries['dir'])
        self.assertIn(os.path.join(self.prefix, 'share'), entries['dir'])

        # The compiled schemas hold the app's schema: the installed app finds its settings.
        schemas = subprocess.run(['gsettings', '--schemadir',
                                  self.staged(os.path.join(self.datadir, 'glib-2.0', 'schemas')),
                                  'list-keys', APP_ID], capture_output=True, text=True)
        self.assertEqual(schemas.returncode, 0, schemas.stderr)
        self.assertIn('sample-interval', schemas.stdout.split())

        run = self.run_script('--uninstall')
        self.assertEqual(run.stdout, '')
        self.assertEqual(self.tree(), set(), 'left behind')

    def test_reinstall_then_uninstall(self):
        self.install_json()
        first = self.read_manifest()
        self.install_json()
        self.assertEqual(self.read_manifest(), first)
        self.run_script('--uninstall')
        self.assertEqual(self.tree(), set(), 'left behind')

    def test_uninstall_keeps_what_was_there(self):
        applications = self.staged(os.path.join(self.datadir, 'applications'))
        os.makedirs(applications)
        with open(os.path.join(applications, 'other.desktop'), 'w', encoding='utf-8') as f:
            f.write(OTHER_DESKTOP)
        subprocess.run(['update-desktop-database', '-q', applications], check=True)
        before = self.tree()

        self.install_json()
        entries = self.read_manifest()
        self.assertNotIn(os.path.join(self.datadir, 'applications', 'mimeinfo.cache'),
                         entries['cache'])
        self.assertNotIn(os.path.join(self.datadir, 'applications'), entries['dir'])
        self.run_script('--uninstall')
        self.assertEqual(self.tree(), before)

    def test_uninstall_without_install(self):
        env = dict(os.environ,
                   MEMGAUGE_BUILD_DIR=mgtest.required_env('MEMGAUGE_BUILD_ROOT'),
                   MEMGAUGE_RUN_DESTDIR=self.destdir)
        run = subprocess.run([mgtest.required_env('MEMGAUGE_RUN_SCRIPT'), '--uninstall'],
                             capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(run.returncode, 1)
        self.assertEqual(run.stdout, '')
        self.assertIn('nothing to uninstall: ' + self.staged(self.manifest) + ' is missing',
                      run.stderr)


if __name__ == '__main__':
    unittest.main(verbosity=2)
