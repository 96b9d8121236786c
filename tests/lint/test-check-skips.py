#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Self-test of build-aux/check-skips.py on small meson test logs: a test that needs root may
skip, saying so, only when not root; as root (CI) nothing may skip; any other skip, a
root-only test skipping for another reason and a skipped GLib subtest always fail the run."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'build-aux',
                     'check-skips.py')
USER = 1000


def entry(name, result='OK', stdout='', stderr=''):
    return {'name': name, 'result': result, 'returncode': 77 if result == 'SKIP' else 0,
            'stdout': stdout, 'stderr': stderr, 'duration': 0.1}


PASSED = [entry('memgauge:unit / level'), entry('memgauge:data / install')]
# A GLib subtest of the allow-list, as test-sysctl-persist prints it when not root.
SUBTEST_NEEDS_ROOT = entry('memgauge:unit / sysctl-persist',
                           stdout='ok 1 /sysctl/persist/writes\n'
                                  'ok 2 /sysctl/persist/refuses-foreign-dir # SKIP giving a '
                                  'folder to another user needs root\n1..2\n')
POLKIT_NEEDS_ROOT = entry('memgauge:integration / polkit', 'SKIP',
                          stdout='SKIP: needs root: it starts a system bus and polkitd in a '
                                 'private mount namespace\n')


class CheckSkipsTest(unittest.TestCase):

    def run_check(self, entries, uid):
        with tempfile.NamedTemporaryFile('w', suffix='.json', encoding='utf-8') as log:
            for item in entries:
                log.write(json.dumps(item) + '\n')
            log.flush()
            args = [sys.executable, CHECK]
            if uid is not None:
                args += ['--assume-uid', str(uid)]
            return subprocess.run(args + [log.name], capture_output=True, text=True,
                                  timeout=30)

    def assert_refused(self, run, *words):
        self.assertEqual(run.returncode, 1, run.stderr)
        self.assertEqual(run.stdout, '')
        for word in words:
            self.assertIn(word, run.stderr)

    def test_nothing_skipped(self):
        for uid in (0, USER):
            run = self.run_check(PASSED, uid)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(run.stderr, '')

    def test_root_only_skip_allowed_when_not_root(self):
        run = self.run_check(PASSED + [POLKIT_NEEDS_ROOT], USER)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn('allowed to skip when not root: memgauge:integration / polkit', run.stderr)
        self.assertNotIn('not allowed', run.stderr)

    def test_root_only_subtest_skip(self):
        run = self.run_check(PASSED + [SUBTEST_NEEDS_ROOT], USER)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn('allowed to skip when not root: memgauge:unit / sysctl-persist '
                      '/sysctl/persist/refuses-foreign-dir', run.stderr)
        run = self.run_check(PASSED + [SUBTEST_NEEDS_ROOT], 0)
        self.assert_refused(run, 'not allowed to skip: memgauge:unit / sysctl-persist '
                                 '/sysctl/persist/refuses-foreign-dir: skipped')

    def test_root_only_skip_refused_as_root(self):
        run = self.run_check(PASSED + [POLKIT_NEEDS_ROOT], 0)
        self.assert_refused(run, 'not allowed to skip: memgauge:integration / polkit: skipped')

    def test_root_only_skip_for_another_reason_refused(self):
        other = entry('memgauge:integration / polkit', 'SKIP',
                      stdout='SKIP: pkexec is not setuid root\n')
        run = self.run_check(PASSED + [other], USER)
        self.assert_refused(run, 'memgauge:integration / polkit: skipped',
                            'only when not root')

    def test_other_skip_refused(self):
        tray = entry('memgauge:ui / tray-register', 'SKIP',
                     stderr='ui-session.sh: xfce4-panel is not installed\n')
        for uid in (0, USER):
            run = self.run_check(PASSED + [POLKIT_NEEDS_ROOT, tray], uid)
            self.assert_refused(run, 'not allowed to skip: memgauge:ui / tray-register')

    def test_subtest_skip_refused(self):
        tap = entry('memgauge:ui / gauge-window',
                    stdout='ok 1 /gauge-window/levels\nok 2 /gauge-window/keyboard # SKIP no '
                           'window manager\n1..2\n')
        run = self.run_check([tap], USER)
        self.assert_refused(run, 'memgauge:ui / gauge-window /gauge-window/keyboard: skipped')

    def test_real_euid_by_default(self):
        """Without --assume-uid the real effective user id decides."""
        run = self.run_check([POLKIT_NEEDS_ROOT], None)
        self.assertEqual(run.returncode, 1 if os.geteuid() == 0 else 0, run.stderr)

    def test_missing_log(self):
        run = subprocess.run([sys.executable, CHECK, '/nonexistent/testlog.json'],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(run.returncode, 2)
        self.assertIn('cannot read /nonexistent/testlog.json', run.stderr)


if __name__ == '__main__':
    unittest.main(verbosity=2)
