#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install` into a temporary DESTDIR, then the installed tree as a person's system
would use it:

- the installed files and their modes are exactly those in tests/install-files.txt;
- the installed memgauge runs from there: `--version` and `--json` (the core is linked in
  statically, so no LD_LIBRARY_PATH);
- every Exec line of the installed desktop file (the launcher and its actions) resolves, on
  a PATH holding only the installed bindir, to the installed memgauge, and its options are
  ones memgauge accepts; the Icon names an installed icon;
- the metainfo launches that desktop file and provides that binary, and its screenshots are
  in data/screenshots/;
- the desktop file, metainfo and polkit policy carry the languages of po/LINGUAS;
- the polkit policy's exec.path names the installed helper.

The environment names the build (meson sets it): MESON, MEMGAUGE_BUILD_ROOT,
MEMGAUGE_SOURCE_ROOT, the expected list MEMGAUGE_INSTALL_FILES, and the directories
MEMGAUGE_PREFIX, MEMGAUGE_BINDIR, MEMGAUGE_LIBDIR, MEMGAUGE_LIBEXECDIR, MEMGAUGE_DATADIR, MEMGAUGE_MANDIR,
MEMGAUGE_LOCALEDIR and MEMGAUGE_POLKITACTIONSDIR, each absolute.
"""

import configparser
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

APP_ID = 'io.github.memgauge.MemGauge'
DIRS = ('prefix', 'bindir', 'libdir', 'libexecdir', 'datadir', 'mandir', 'localedir', 'polkitactionsdir')


def env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this through meson test')
    return value


class InstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dirs = {name: env('MEMGAUGE_' + name.upper()) for name in DIRS}
        cls.tmp = tempfile.mkdtemp(prefix='memgauge-install-')
        cls.destdir = os.path.join(cls.tmp, 'dest')
        run = subprocess.run([env('MESON'), 'install', '-C', env('MEMGAUGE_BUILD_ROOT'),
                              '--destdir', cls.destdir, '--no-rebuild'],
                             capture_output=True, text=True)
        cls.install_log = run.stdout + run.stderr
        if run.returncode != 0:
            raise AssertionError(f'meson install failed ({run.returncode}):\n{cls.install_log}')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def staged(self, path):
        """Where an installed absolute path is in the DESTDIR."""
        return os.path.join(self.destdir, path.lstrip('/'))

    def installed(self):
        found = {}
        for folder, _, files in os.walk(self.destdir):
            for name in files:
                full = os.path.join(folder, name)
                mode = stat.S_IMODE(os.lstat(full).st_mode)
                found['/' + os.path.relpath(full, self.destdir)] = '%04o' % mode
        return found

    def expected(self):
        wanted = {}
        with open(env('MEMGAUGE_INSTALL_FILES'), encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                path, mode = line.split()
                wanted[os.path.normpath(path.format(**self.dirs))] = mode
        return wanted

    def test_file_list(self):
        installed, expected = self.installed(), self.expected()
        lines = lambda files: ['%s %s' % item for item in sorted(files.items())]
        self.assertEqual(lines(installed), lines(expected),
                         'installed files (left) differ from tests/install-files.txt (right); '
                         'install log:\n' + self.install_log)

    def test_helper_mode(self):
        helper = self.staged(os.path.join(self.dirs['libexecdir'], 'memgauge',
                                          'memgauge-helper'))
        self.assertEqual(stat.S_IMODE(os.stat(helper).st_mode), 0o755)

    def run_installed(self, *args):
        binary = self.staged(os.path.join(self.dirs['bindir'], 'memgauge'))
        run_env = {k: v for k, v in os.environ.items()
                   if k not in ('LD_LIBRARY_PATH', 'DISPLAY', 'WAYLAND_DISPLAY',
                                'GSETTINGS_SCHEMA_DIR', 'MEMGAUGE_PROC_ROOT')}
        run_env.update(LC_ALL='C.UTF-8', LANGUAGE='')
        return subprocess.run([binary] + list(args), capture_output=True, text=True,
                              env=run_env, timeout=30)

    def test_version(self):
        run = self.run_installed('--version')
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertRegex(run.stdout, r'^memgauge \d+\.\d+\.\d+\n$')

    def test_json(self):
        run = self.run_installed('--json')
        self.assertEqual(run.returncode, 0, run.stderr)
        sample = json.loads(run.stdout)
        for key in ('total_mb', 'available_mb', 'swap_total_mb', 'swap_free_mb', 'swappiness'):
            self.assertIsInstance(sample[key], int, key)
        self.assertGreater(sample['total_mb'], 0)
        self.assertIn(sample['pressure_level'], ('low', 'medium', 'high', 'critical'))

    def desktop_file(self):
        parser = configparser.RawConfigParser(interpolation=None, strict=True)
        parser.optionxform = str
        path = self.staged(os.path.join(self.dirs['datadir'], 'applications',
                                        APP_ID + '.desktop'))
        with open(path, encoding='utf-8') as f:
            parser.read_file(f)
        return parser

    def test_desktop_exec(self):
        desktop = self.desktop_file()
        binary = self.staged(os.path.join(self.dirs['bindir'], 'memgauge'))
        path = self.staged(self.dirs['bindir'])
        help_text = self.run_installed('--help-all').stdout
        sections = [s for s in desktop.sections()
                    if s == 'Desktop Entry' or s.startswith('Desktop Action ')]
        actions = [a for a in desktop.get('Desktop Entry', 'Actions', fallback='').split(';') if a]
        self.assertEqual(sorted(sections), sorted(['Desktop Entry'] +
                                                  ['Desktop Action ' + a for a in actions]))
        for section in sections:
            argv = shlex.split(desktop.get(section, 'Exec'))
            program = argv[0]
            if os.path.isabs(program):
                resolved = self.staged(program)
            else:
                resolved = shutil.which(program, path=path)
            self.assertIsNotNone(resolved, f'[{section}] Exec={program} is not on {path}')
            self.assertTrue(os.path.samefile(resolved, binary),
                            f'[{section}] Exec resolves to {resolved}, not {binary}')
            for arg in argv[1:]:
                if arg.startswith('%'):
                    continue
                self.assertIn(arg.split('=')[0], help_text,
                              f'[{section}] memgauge has no option {arg}')
        icon = desktop.get('Desktop Entry', 'Icon')
        icon_file = self.staged(os.path.join(self.dirs['datadir'], 'icons', 'hicolor',
                                             'scalable', 'apps', icon + '.svg'))
        self.assertTrue(os.path.isfile(icon_file), icon_file)

    def test_metainfo(self):
        path = self.staged(os.path.join(self.dirs['datadir'], 'metainfo',
                                        APP_ID + '.metainfo.xml'))
        root = ET.parse(path).getroot()
        self.assertEqual(root.findtext('id'), APP_ID)
        self.assertEqual(root.findtext('launchable[@type="desktop-id"]'), APP_ID + '.desktop')
        binary = root.findtext('provides/binary')
        self.assertTrue(os.path.isfile(self.staged(os.path.join(self.dirs['bindir'], binary))))
        # The screenshots' URLs point into this repository's data/screenshots/: the files
        # must be there (build-aux/make-screenshots.sh makes them), as PNGs.
        images = [image.text for image in root.iter('image')]
        self.assertGreaterEqual(len(images), 1)
        for url in images:
            match = re.search(r'/main/(data/screenshots/[^/]+\.png)$', url)
            self.assertIsNotNone(match, url)
            path = os.path.join(env('MEMGAUGE_SOURCE_ROOT'), match.group(1))
            with open(path, 'rb') as f:
                self.assertEqual(f.read(8), b'\x89PNG\r\n\x1a\n', path)

    def test_translated_data(self):
        """The desktop file, the metainfo and the polkit policy carry every language of
        po/LINGUAS (merged at build time from the .po files)."""
        with open(os.path.join(env('MEMGAUGE_SOURCE_ROOT'), 'po', 'LINGUAS'),
                  encoding='utf-8') as f:
            languages = [w for line in f if not line.startswith('#') for w in line.split()]
        self.assertGreaterEqual(len(languages), 1)
        desktop = self.desktop_file()
        metainfo = ET.parse(self.staged(os.path.join(self.dirs['datadir'], 'metainfo',
                                                     APP_ID + '.metainfo.xml'))).getroot()
        policy = ET.parse(self.staged(os.path.join(self.dirs['polkitactionsdir'],
                                                   APP_ID + '.policy'))).getroot()
        lang_attr = '{http://www.w3.org/XML/1998/namespace}lang'
        for lang in languages:
            for key in ('GenericName', 'Comment', 'Keywords'):
                self.assertNotEqual(desktop.get('Desktop Entry', f'{key}[{lang}]', fallback=''),
                                    '', f'{key}[{lang}]')
            self.assertTrue(desktop.get('Desktop Entry', f'Keywords[{lang}]').endswith(';'))
            self.assertNotEqual(desktop.get('Desktop Action show-gauge', f'Name[{lang}]',
                                            fallback=''), '', f'action Name[{lang}]')
            summaries = [e.text for e in metainfo.findall('summary') if e.get(lang_attr) == lang]
            self.assertEqual(len(summaries), 1, f'metainfo summary in {lang}')
            self.assertTrue([e for e in metainfo.iter('p') if e.get(lang_attr) == lang],
                            f'metainfo description in {lang}')
            self.assertTrue([e for e in policy.iter('message') if e.get(lang_attr) == lang],
                            f'policy message in {lang}')

    def test_policy_exec_path(self):
        path = self.staged(os.path.join(self.dirs['polkitactionsdir'],
                                        APP_ID + '.policy'))
        root = ET.parse(path).getroot()
        for action in ('set-sysctl', 'compact-memory'):
            exec_path = root.findtext(
                'action[@id="%s.%s"]/annotate[@key="org.freedesktop.policykit.exec.path"]'
                % (APP_ID, action))
            self.assertEqual(exec_path, os.path.join(self.dirs['libexecdir'], 'memgauge',
                                                     'memgauge-helper'))
            self.assertTrue(os.access(self.staged(exec_path), os.X_OK))


if __name__ == '__main__':
    unittest.main(verbosity=2)
