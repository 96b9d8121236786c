#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`memgauge --follow` as a status bar runs it: the real binary reading its stdout, alone
(sampling a rewritten copy of a fixture itself) and attached to the real app on a private
session bus, in each format; stdout closed; signals; the app quitting underneath.

Each case is one meson test (suite 'integration') run through tests/lib/ui-session.sh --tray
(the app needs a display), for example:

    tests/lib/ui-session.sh --tray /usr/bin/python3 tests/service/test-follow.py \\
        FollowTest.test_attached_waybar

`test-follow.py --list` prints the cases (meson enumerates them from it). The environment
names the build (meson sets it): MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES.
Both the app and the stream sample every 100 ms here (MEMGAUGE_TEST_INTERVAL_MS).
"""

import json
import os
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import APP_ID, required_env, wait_for  # noqa: E402

INTERVAL = {'MEMGAUGE_TEST_INTERVAL_MS': '100'}
NO_BUS = {'DBUS_SESSION_BUS_ADDRESS': 'unix:path=/nonexistent/bus'}
# Enough samples at 100 ms to be sure nothing else is coming.
QUIET = 1.0


def used(percent_available):
    return 100 - round(percent_available)


def swap_part(root):
    """The end of a plain line for @root's swap: nothing without swap."""
    info = root.meminfo()
    total = info.get('SwapTotal', 0)
    if total == 0:
        return ''
    return f', swap {(100 * (total - info["SwapFree"]) + total // 2) // total} %'


class FollowTest(unittest.TestCase):
    def setUp(self):
        self.session = required_env('MG_UI_SESSION_DIR')
        self.bus = mgtest.Bus()
        self.apps = []
        self.follows = []
        # The app's root and the stream's own: different levels show who sampled.
        os.makedirs(os.path.join(self.session, 'app'), exist_ok=True)
        os.makedirs(os.path.join(self.session, 'own'), exist_ok=True)
        self.app_root = mgtest.ProcRoot(os.path.join(self.session, 'app'), 'linux-6.18-high')
        self.own_root = mgtest.ProcRoot(os.path.join(self.session, 'own'), 'linux-6.18-idle')

    def tearDown(self):
        has_failed = mgtest.failed(self)
        for follow in self.follows:
            follow.stop()
            if has_failed:
                print(f'--- {follow.log_path} ---\n{follow.log()}', file=sys.stderr)
        for app in self.apps:
            app.stop()
            if has_failed:
                print(f'--- {app.log_path} ---\n{app.log()}', file=sys.stderr)

    def start_app(self):
        app = mgtest.App(self.session, self.app_root.path,
                         env=dict(INTERVAL, GSETTINGS_BACKEND='memory'))
        self.apps.append(app)
        wait_for('the app to own its name', lambda: self.bus.has_owner(APP_ID), 10)
        return app

    def follow(self, *args, env=None):
        follow = mgtest.Follow(self.session, self.own_root.path, args=args,
                               env=dict(INTERVAL, **(env or {})),
                               name=f'follow-{len(self.follows)}')
        self.follows.append(follow)
        return follow

    # --- the formats, over a changing root ----------------------------------------------

    def check_json(self, follow, root):
        """The --json object of @root on one line, then one line per change."""
        first = follow.line()
        data = json.loads(first)
        expected = mgtest.sample_json(root.path)
        self.assertEqual(list(data), list(expected))
        for key in ('total_mb', 'available_mb', 'pressure_level', 'reason', 'swappiness',
                    'psi', 'vmstat'):
            self.assertEqual(data[key], expected[key], key)

        kib = root.set_available(5)
        data = json.loads(follow.line())
        self.assertEqual(data['pressure_level'], 'critical')
        self.assertEqual(data['available_mb'], kib // 1024)
        self.assertEqual(data, mgtest.sample_json(root.path) | {'rates_per_s': data['rates_per_s']})
        follow.no_line(QUIET)

    def check_waybar(self, follow, root, level):
        data = json.loads(follow.line())
        self.assertEqual(list(data), ['text', 'tooltip', 'class', 'percentage', 'alt'])
        percent = mgtest.sample_json(root.path)['available_percent']
        self.assertEqual(data['class'], level)
        self.assertEqual(data['alt'], level)
        self.assertEqual(data['percentage'], used(percent))
        self.assertEqual(data['text'], f'{level}: {used(percent)} % used')
        tooltip = data['tooltip'].split('\n')
        self.assertEqual(tooltip[0], f'{level.capitalize()} pressure')
        self.assertTrue(tooltip[1].startswith('Available: '), tooltip)
        self.assertEqual(tooltip[-1], 'Reason: ' + mgtest.sample_json(root.path)['reason'])

        root.set_available(5)
        data = json.loads(follow.line())
        self.assertEqual((data['class'], data['percentage'], data['text']),
                         ('critical', 95, 'critical: 95 % used'))
        follow.no_line(QUIET)

    def check_plain(self, follow, root, level):
        percent = mgtest.sample_json(root.path)['available_percent']
        swap = swap_part(root)
        self.assertEqual(follow.line(), f'{level}: {used(percent)} % used{swap}')
        root.set_available(5)
        self.assertEqual(follow.line(), f'critical: 95 % used{swap}')
        root.set_available(5.01)
        # The same line: nothing new to show.
        follow.no_line(QUIET)
        root.set_available(50)
        self.assertEqual(follow.line(), f'low: 50 % used{swap}')
        follow.no_line(QUIET)

    def test_alone_json(self):
        self.check_json(self.follow('--format=json', env=NO_BUS), self.own_root)

    def test_alone_waybar(self):
        self.check_waybar(self.follow('--format=waybar', env=NO_BUS), self.own_root, 'low')

    def test_alone_plain(self):
        self.check_plain(self.follow(env=NO_BUS), self.own_root, 'low')

    def test_alone_on_a_bus(self):
        """A session bus without the app: it samples by itself, and does not start the app."""
        follow = self.follow('--format=plain')
        self.check_plain(follow, self.own_root, 'low')
        self.assertFalse(self.bus.has_owner(APP_ID))
        self.assertIn('sampling', follow.log())

    def test_attached_json(self):
        self.start_app()
        self.check_json(self.follow('--format=json'), self.app_root)

    def test_attached_waybar(self):
        self.start_app()
        self.check_waybar(self.follow('--format=waybar'), self.app_root, 'high')

    def test_attached_plain(self):
        """Attached, it shows the app's root (high) and never its own (low), and changes of
        its own root show nothing: no second sampler."""
        self.start_app()
        follow = self.follow('--format=plain')
        self.check_plain(follow, self.app_root, 'high')
        self.own_root.set_available(3)
        follow.no_line(QUIET)
        self.assertIn('Following the app over D-Bus', follow.log())
        self.assertNotIn('sampling', follow.log())

    def test_attached_no_wakeups(self):
        """Attached and steady, the stream sleeps while the app samples every 100 ms; the
        app with a subscriber wakes no more than without."""
        app = self.start_app()
        time.sleep(1)
        before = mgtest.voluntary_switches(app.pid)
        time.sleep(3)
        app_alone = mgtest.voluntary_switches(app.pid) - before

        follow = self.follow('--format=waybar')
        follow.line()
        time.sleep(1)
        app_before = mgtest.voluntary_switches(app.pid)
        follow_before = mgtest.voluntary_switches(follow.pid)
        time.sleep(3)
        follow_woke = mgtest.voluntary_switches(follow.pid) - follow_before
        app_watched = mgtest.voluntary_switches(app.pid) - app_before
        print(f'3 s steady at 100 ms: app {app_alone} wakeups alone, {app_watched} with the '
              f'stream; stream {follow_woke}')
        self.assertLessEqual(follow_woke, 1)
        # 30 samples in 3 s: allow a few for scheduling noise, not one per sample.
        self.assertLessEqual(app_watched, app_alone + 5)

    # --- ends and hand-overs ------------------------------------------------------------

    def check_stdout_closed(self, follow):
        follow.line()
        follow.close_stdout()
        # The reader is gone: the stream ends at once, not at the next change.
        self.assertEqual(follow.proc.wait(timeout=2), 0)

    def test_stdout_closed_alone(self):
        self.check_stdout_closed(self.follow(env=NO_BUS))

    def test_stdout_closed_attached(self):
        self.start_app()
        self.check_stdout_closed(self.follow())

    def test_signals(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            with self.subTest(signal=sig):
                follow = self.follow()
                follow.line()
                follow.proc.send_signal(sig)
                self.assertEqual(follow.proc.wait(timeout=2), 0)

    def test_app_quits(self):
        """The app quits: the stream carries on by itself (its own root, low); the app comes
        back: it follows it again (high)."""
        app = self.start_app()
        follow = self.follow()
        self.assertTrue(follow.line().startswith('high: '))
        app.stop()
        self.assertTrue(follow.line().startswith('low: '))
        self.own_root.set_available(5)
        self.assertEqual(follow.line(), f'critical: 95 % used{swap_part(self.own_root)}')

        self.start_app()
        self.assertTrue(follow.line().startswith('high: '))
        self.own_root.set_available(50)
        follow.no_line(QUIET)
        self.assertIsNone(follow.proc.poll())


if __name__ == '__main__':
    if sys.argv[1:] == ['--list']:
        loader = unittest.TestLoader()
        print('\n'.join(f'FollowTest.{name}' for name in loader.getTestCaseNames(FollowTest)))
        sys.exit(0)
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
