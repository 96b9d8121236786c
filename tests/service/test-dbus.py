#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The read-only D-Bus API io.github.memgauge.MemGauge1 of the real app, on a private session
bus, against copies of the fixture proc roots.

Each case is one meson test (suite 'integration') run through tests/lib/ui-session.sh --tray
(the app needs a display), for example:

    tests/lib/ui-session.sh --tray /usr/bin/python3 tests/service/test-dbus.py \\
        DbusTest.test_introspection

`test-dbus.py --list` prints the cases (meson enumerates them from it). The environment
names the build (meson sets it): MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES.
The app samples every 100 ms here (MEMGAUGE_TEST_INTERVAL_MS).
"""

import os
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

from gi.repository import GLib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import API, APP_ID, APP_PATH, required_env, wait_for  # noqa: E402

INTERVAL_MS = 100
PROPERTIES = {
    'Level': 's', 'Reason': 's', 'AvailablePercent': 'd', 'TotalKiB': 't',
    'AvailableKiB': 't', 'SwapTotalKiB': 't', 'SwapFreeKiB': 't', 'Swappiness': 'u',
    'Sample': 'a{sv}',
}
REAL = ['linux-6.18-idle', 'linux-6.18-medium', 'linux-6.18-high',
        'linux-6.18-critical-swapping', 'linux-6.18-no-psi', 'linux-3.10-no-memavailable']


def without_nulls(data):
    """A JSON object without its null members, at any depth."""
    return {k: without_nulls(v) if isinstance(v, dict) else v
            for k, v in data.items() if v is not None}


class DbusTest(unittest.TestCase):
    def setUp(self):
        self.session = required_env('MG_UI_SESSION_DIR')
        self.bus = mgtest.Bus()
        self.apps = []
        self.proc = mgtest.ProcRoot(self.session, mgtest.FIXTURE['low'])

    def tearDown(self):
        has_failed = mgtest.failed(self)
        for app in self.apps:
            app.stop()
            if has_failed:
                print(f'--- {app.log_path} ---\n{app.log()}', file=sys.stderr)

    def start_app(self):
        app = mgtest.App(self.session, self.proc.path,
                         env={'MEMGAUGE_TEST_INTERVAL_MS': str(INTERVAL_MS),
                              'GSETTINGS_BACKEND': 'memory'})
        self.apps.append(app)
        wait_for('the app to own its name', lambda: self.bus.has_owner(APP_ID), 10)
        return app

    def stop_app(self, app):
        app.stop()
        wait_for('the name to go', lambda: not self.bus.has_owner(APP_ID), 5)

    def props(self):
        return self.bus.call(APP_ID, APP_PATH, 'org.freedesktop.DBus.Properties', 'GetAll',
                             GLib.Variant('(s)', (API,)), '(a{sv})')[0]

    def test_introspection(self):
        """gdbus introspect: the interface, its nine read-only properties, no method (so
        nothing to change state with) and no signal of its own."""
        self.start_app()
        out = subprocess.run(['gdbus', 'introspect', '--session', '--xml', '--dest', APP_ID,
                              '--object-path', APP_PATH], capture_output=True, text=True,
                             check=True).stdout
        node = ET.fromstring(out)
        ifaces = {i.get('name'): i for i in node.findall('interface')}
        self.assertIn(API, ifaces, out)
        iface = ifaces[API]
        self.assertEqual([m.get('name') for m in iface.findall('method')], [])
        self.assertEqual([s.get('name') for s in iface.findall('signal')], [])
        found = {p.get('name'): (p.get('type'), p.get('access'))
                 for p in iface.findall('property')}
        self.assertEqual(found, {name: (sig, 'read') for name, sig in PROPERTIES.items()})

        # Properties.Set is refused and changes nothing.
        before = self.props()
        with self.assertRaises(GLib.Error) as caught:
            self.bus.call(APP_ID, APP_PATH, 'org.freedesktop.DBus.Properties', 'Set',
                          GLib.Variant('(ssv)', (API, 'Level', GLib.Variant('s', 'low'))), None)
        self.assertIn('not writable', caught.exception.message.lower())
        self.assertEqual(self.props()['Level'], before['Level'])

    def test_properties_fixtures(self):
        """Every property against each real fixture, and against --json of the same root."""
        for case in REAL:
            with self.subTest(case=case):
                self.proc.set(case)
                app = self.start_app()
                props = self.props()
                self.stop_app(app)
                info = self.proc.meminfo()
                data = mgtest.sample_json(self.proc.path)

                self.assertEqual(set(props), set(PROPERTIES))
                self.assertEqual(props['Level'], data['pressure_level'])
                self.assertEqual(props['Reason'], data['reason'])
                self.assertEqual(props['TotalKiB'], info['MemTotal'])
                if 'MemAvailable' in info:
                    self.assertEqual(props['AvailableKiB'], info['MemAvailable'])
                self.assertEqual(props['AvailableKiB'] // 1024, data['available_mb'])
                self.assertAlmostEqual(props['AvailablePercent'],
                                       100.0 * props['AvailableKiB'] / info['MemTotal'])
                self.assertEqual(props['SwapTotalKiB'], info['SwapTotal'])
                self.assertEqual(props['SwapFreeKiB'], info['SwapFree'])
                with open(os.path.join(self.proc.path, 'sys', 'vm', 'swappiness')) as f:
                    self.assertEqual(props['Swappiness'], int(f.read()))

                # Sample: --json's object without its nulls (D-Bus has none), rates aside:
                # the app's first sample has none, --json measures them over 0.25 s.
                sample = dict(props['Sample'])
                sample.pop('rates_per_s', None)
                expected = without_nulls(data)
                expected.pop('rates_per_s', None)
                self.assert_same_object(sample, expected)

    def assert_same_object(self, got, expected, where='Sample'):
        """Equal keys in the same order; doubles to --json's two decimals."""
        self.assertEqual(list(got), list(expected), where)
        for key, value in expected.items():
            if isinstance(value, dict):
                self.assert_same_object(got[key], value, f'{where}.{key}')
            elif isinstance(value, float):
                self.assertAlmostEqual(got[key], value, delta=0.005, msg=f'{where}.{key}')
            else:
                self.assertEqual(got[key], value, f'{where}.{key}')

    def test_properties_unreadable(self):
        """A root the app cannot read: unknown, sizes 0, Sample only says why."""
        self.proc.set('broken-garbage-number')
        self.start_app()
        props = self.props()
        self.assertEqual(props['Level'], 'unknown')
        self.assertTrue(props['Reason'].startswith('unknown: '), props['Reason'])
        self.assertEqual((props['TotalKiB'], props['AvailableKiB'], props['SwapTotalKiB']),
                         (0, 0, 0))
        self.assertEqual(props['Swappiness'], 0xffffffff)
        self.assertEqual(props['Sample'], {'pressure_level': 'unknown',
                                           'reason': props['Reason']})

    def test_properties_changed(self):
        """One PropertiesChanged per change of the root, holding only what changed, on the
        sample that changed it; none while the root is steady (the app samples every
        100 ms throughout)."""
        self.start_app()
        counter = mgtest.SignalCounter(self.bus)
        self.addCleanup(counter.close)
        # The start sends every property once, from the main loop's first turns (late
        # under ASan): wait until a second passes without a signal.
        self.props()
        wait_for('the start to settle', lambda: counter.pump(1.0) or not counter.take(), 15,
                 interval=0)

        counter.pump(2.0)
        self.assertEqual(counter.take(), [], 'signals from a steady root (20 samples)')

        total = self.proc.meminfo()['MemTotal']
        steps = [(15, 'high'), (5, 'critical'), (30, 'medium'), (31, 'medium')]
        for percent, level in steps:
            with self.subTest(percent=percent):
                kib = self.proc.set_available(percent)
                counter.pump(1.0)
                got = counter.take()
                self.assertEqual(len(got), 1, got)
                name, changed, invalidated = got[0]
                self.assertEqual(name, API)
                self.assertEqual(invalidated, [])
                self.assertEqual(changed['AvailableKiB'], kib)
                self.assertAlmostEqual(changed['AvailablePercent'], 100.0 * kib / total)
                self.assertEqual(changed['Sample']['pressure_level'], level)
                # What did not change is not sent.
                for unchanged in ('TotalKiB', 'SwapTotalKiB', 'SwapFreeKiB', 'Swappiness'):
                    self.assertNotIn(unchanged, changed)
                if percent == 31:
                    self.assertNotIn('Level', changed)
                else:
                    self.assertEqual(changed['Level'], level)
                self.assertEqual(self.props()['Level'], level)

        counter.pump(2.0)
        self.assertEqual(counter.take(), [], 'signals after the last change')


if __name__ == '__main__':
    if sys.argv[1:] == ['--list']:
        loader = unittest.TestLoader()
        print('\n'.join(f'DbusTest.{name}' for name in loader.getTestCaseNames(DbusTest)))
        sys.exit(0)
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
