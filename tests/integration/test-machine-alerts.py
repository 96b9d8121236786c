#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Remote machines in the tray and in notifications: the real memgauge in a ui-session
(Xvfb, a private session bus, xfce4-panel as the tray host) with python-dbusmock's
notification daemon, watching real node_exporters (and a real Prometheus) on loopback over
fixture proc roots (tests/lib/remote_servers.py), while this machine reads the idle fixture.

Each case is one meson test (suite 'integration'), for example:

    tests/lib/ui-session.sh --tray /usr/bin/python3 tests/integration/test-machine-alerts.py \\
        MachineAlertsTest.test_levels_and_tray

Environment (meson sets it): MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES,
MEMGAUGE_ARTEFACTS, G_TEST_SRCDIR; MEMGAUGE_TEST_NO_SKIP in CI.
"""

import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
import remote_servers  # noqa: E402
from mgtest import APP_ID, required_env, wait_for  # noqa: E402

HIGH = 'linux-6.18-high'
CRITICAL = 'linux-6.18-critical-swapping'
# Polls every 250 ms; a machine that fails for 1.5 s "does not answer".
POLL_MS = 250
UNREACHABLE_MS = 1500
APP_ENV = {
    'MEMGAUGE_TEST_INTERVAL_MS': str(POLL_MS),
    'MEMGAUGE_TEST_UNREACHABLE_MS': str(UNREACHABLE_MS),
    'G_MESSAGES_DEBUG': 'memgauge-app memgauge-tray memgauge-machine-notifier',
    'LC_ALL': 'C.UTF-8',
}
# This machine, at the idle fixture, as the tooltip's first line says it today.
THIS_MACHINE = 'Memory pressure low: 98 % available'


def show_details(machine_id):
    """The actions of a machine's notification: a click or its button opens that machine's
    own gauge (app.show-machine with its id)."""
    return ['default', '', f'app.show-machine::{machine_id}', 'Show Details']


def source(source_id, name, url):
    return f"('{source_id}', '{name}', '{url}', '', '', uint32 5)"


class MachineAlertsTest(mgtest.TrayTestCase):

    def setUp(self):
        super().setUp()
        # The loopback servers must not go through a proxy of the machine running the test.
        for key in ('http_proxy', 'https_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY',
                    'ALL_PROXY'):
            os.environ.pop(key, None)

    def write_settings(self, sources, tray_shows='this-machine'):
        """The keyfile the app reads at start (TrayTestCase's, with the remote keys)."""
        path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('[io/github/memgauge/MemGauge]\nsample-interval=1\n'
                    f"tray-shows='{tray_shows}'\nunreachable-minutes=1\n"
                    f"remote-sources=[{', '.join(sources)}]\n")

    def gsettings_set(self, key, value):
        """Changes a key as the settings window would: the running app follows the file."""
        env = dict(os.environ, GSETTINGS_BACKEND='keyfile',
                   GSETTINGS_SCHEMA_DIR=required_env('MEMGAUGE_SCHEMA_DIR'))
        subprocess.run(['gsettings', 'set', APP_ID, key, value], env=env, check=True)

    def servers(self, fixtures, prometheus=False):
        servers = remote_servers.RemoteServers(fixtures, prometheus=prometheus)
        self.addCleanup(servers.stop)
        return servers

    def notifications(self, summary):
        return [n for n in mgtest.mock_notifications(self.bus)
                if n['method'] == 'Notify' and n['summary'] == summary]

    def wait_notification(self, summary, timeout=8):
        """The one notification with @summary, once it came (failing if it came twice)."""
        found = wait_for(f'a notification {summary!r}; calls: '
                         f'{mgtest.mock_notifications(self.bus)!r}',
                         lambda: self.notifications(summary), timeout)
        self.assertEqual(len(found), 1, found)
        return found[0]

    def assert_sent_with_id(self, app, notification_id, summary):
        """GLib's freedesktop backend keeps the GNotification id to itself: the app's
        debug log names the id each notification was sent with."""
        self.assertIn(f'Sending {notification_id}: {summary}', app.log())

    def assert_quits_cleanly(self, app):
        """SIGTERM ends the app at once and without a sanitizer report (under ASan: no
        leak of the machines' notifier or the tray's fleet)."""
        app.proc.terminate()
        self.assertEqual(app.wait(timeout=10), 0, app.log())
        for mark in ('Sanitizer', 'runtime error:'):
            self.assertNotIn(mark, app.log())

    # --- cases -------------------------------------------------------------------------

    def test_levels_and_tray(self):
        """Each machine's notification names it and says its level, critical urgent; the
        tray with 'worst' shows the critical machine although this one is low, with
        'this-machine' this one; the tooltip names the worst machine either way; a
        machine removed from the settings takes its notification away."""
        servers = self.servers([HIGH, CRITICAL])
        self.write_settings([source('build', 'build-box', servers.exporters[HIGH]),
                             source('db', 'db-server', servers.exporters[CRITICAL])],
                            tray_shows='worst')
        self.start_notification_mock()
        app = self.start_app(env=APP_ENV)
        item = self.wait_item(app)

        critical = self.wait_notification('db-server: memory is almost full')
        self.assertEqual(critical['hints'].get('urgency'), 2)
        self.assertEqual(critical['actions'], show_details('db'))
        self.assertRegex(critical['body'],
                         r'^At \d\d:\d\d:\d\d: 92 % of 23\.5\u00a0GiB in use, 1\.9\u00a0GiB '
                         r'available, swap 13 % in use\.\nPrograms on db-server may soon be ended to free '
                         r'memory\. Stop programs or services there that you do not need\.$')
        self.assertEqual(critical['hints'].get('image-path'), f'{APP_ID}-level-critical')
        self.assert_sent_with_id(app, 'host-db', 'db-server: memory is almost full')

        # Its button's action opens that machine's own gauge, titled with its name.
        subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID,
                        '--object-path', '/' + APP_ID.replace('.', '/'),
                        '--method', 'org.gtk.Actions.Activate', 'show-machine', "[<'db'>]",
                        '{}'], check=True, capture_output=True)

        def machine_window():
            out = subprocess.run(['xwininfo', '-root', '-children'], capture_output=True,
                                 text=True, check=True).stdout
            return '"db-server": ("memgauge"' in out
        wait_for('the window of db-server', machine_window, 5)

        high = self.wait_notification('build-box: memory pressure is high')
        self.assertEqual(high['hints'].get('urgency'), 1)
        self.assertIn('Memory on build-box is running short.', high['body'])
        self.assert_sent_with_id(app, 'host-build', 'build-box: memory pressure is high')
        # This machine is low: nothing about it.
        self.assertNotIn('Sending pressure', app.log())

        worst = THIS_MACHINE + '\nWorst: db-server, 92 % of memory used (critical)'
        self.wait_level(item, 'critical', timeout=5)
        self.wait_prop(item, 'IconAccessibleDesc', worst)
        self.assertEqual(self.prop(item, 'Status'), 'NeedsAttention')

        self.gsettings_set('tray-shows', 'this-machine')
        self.wait_level(item, 'low', timeout=5)
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'), worst)
        self.wait_prop(item, 'Status', 'Active')

        # Sent once each, whatever the polls since.
        self.assertEqual(len(self.notifications('db-server: memory is almost full')), 1)
        self.assertEqual(len(self.notifications('build-box: memory pressure is high')), 1)

        self.gsettings_set('remote-sources', f"[{source('build', 'build-box', servers.exporters[HIGH])}]")
        wait_for('db-server\'s notification withdrawn',
                 lambda: {'method': 'CloseNotification', 'id': critical['id']}
                 in mgtest.mock_notifications(self.bus), 5)
        self.wait_prop(item, 'IconAccessibleDesc',
                       THIS_MACHINE + '\nWorst: build-box, 85 % of memory used (high)')
        self.assertNotIn({'method': 'CloseNotification', 'id': high['id']},
                         mgtest.mock_notifications(self.bus))

        # build-box's memory is freed (its exporter reads the idle fixture's meminfo from
        # now on): below high, its notification is withdrawn.
        servers.set_meminfo(HIGH, 'linux-6.18-idle')
        wait_for('build-box\'s notification withdrawn',
                 lambda: {'method': 'CloseNotification', 'id': high['id']}
                 in mgtest.mock_notifications(self.bus), 5)
        self.wait_prop(item, 'IconAccessibleDesc',
                       THIS_MACHINE + '\nWorst: build-box, 2 % of memory used (low)')
        self.assert_quits_cleanly(app)

    def test_unreachable(self):
        """A machine that stops answering: after the (shortened) delay one notification
        with the reason, replacing its pressure notification, never repeated while it
        stays down; one more, in its place, when it answers again."""
        servers = self.servers([HIGH])
        self.write_settings([source('build', 'build-box', servers.exporters[HIGH])])
        self.start_notification_mock()
        app = self.start_app(env=APP_ENV)
        item = self.wait_item(app)
        high = self.wait_notification('build-box: memory pressure is high')

        servers.kill_exporter(HIGH)
        killed = time.monotonic()
        down = self.wait_notification('build-box does not answer', timeout=10)
        self.assertGreaterEqual(time.monotonic() - killed, UNREACHABLE_MS / 1000)
        self.assertRegex(down['body'],
                         r'^No answer since \d\d:\d\d:\d\d: connection refused\n'
                         r'MemGauge keeps trying and tells you when it answers again\.$')
        self.assertEqual(down['id'], high['id'])
        self.assertEqual(down['hints'].get('urgency'), 1)
        self.assertEqual(down['actions'], show_details('build'))
        self.assert_sent_with_id(app, 'host-build', 'build-box does not answer')
        self.wait_prop(item, 'IconAccessibleDesc',
                       THIS_MACHINE + '\nWorst: build-box, does not answer: connection refused')
        # Not said again while it stays down: a span of eight more failed polls (nothing
        # to wait for, by definition).
        time.sleep(8 * POLL_MS / 1000)
        self.assertEqual(len(self.notifications('build-box does not answer')), 1)

        servers.start_exporter(HIGH)
        back = self.wait_notification('build-box answers again', timeout=10)
        self.assertRegex(back['body'],
                         r'^It did not answer from \d\d:\d\d:\d\d to \d\d:\d\d:\d\d\. '
                         r'Now: High pressure\.$')
        self.assertEqual(back['id'], down['id'])
        self.wait_prop(item, 'IconAccessibleDesc',
                       THIS_MACHINE + '\nWorst: build-box, 85 % of memory used (high)')
        self.assertEqual(len(self.notifications('build-box does not answer')), 1)
        self.assertEqual(len(self.notifications('build-box answers again')), 1)
        self.assert_quits_cleanly(app)

    def test_prometheus(self):
        """Machines of a real Prometheus server: each instance is a machine of its own,
        named by its instance, its notification id under the source's; the snooze
        silences their high pressure as it does this machine's, never critical."""
        servers = self.servers([HIGH, CRITICAL], prometheus=True)
        self.write_settings([source('prom', 'monitor', servers.prometheus)], tray_shows='worst')
        self.start_notification_mock()
        app = self.start_app(env=APP_ENV)
        item = self.wait_item(app)

        critical = self.wait_notification(f'{CRITICAL}: memory is almost full')
        self.assertEqual(critical['hints'].get('urgency'), 2)
        self.assert_sent_with_id(app, f'host-prom/{CRITICAL}', f'{CRITICAL}: memory is almost full')
        high = self.wait_notification(f'{HIGH}: memory pressure is high')
        self.assertEqual(high['hints'].get('urgency'), 1)
        self.wait_level(item, 'critical', timeout=5)
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'),
                         THIS_MACHINE + f'\nWorst: {CRITICAL}, 92 % of memory used (critical)')

        # Snoozed for an hour (the local notification's button writes this key): high
        # pressure leaves the screen at once, critical is never snoozed.
        self.gsettings_set('snooze-until', str(int(time.time() + 3600) * 1000000))
        wait_for(f'{HIGH}\'s notification withdrawn',
                 lambda: {'method': 'CloseNotification', 'id': high['id']}
                 in mgtest.mock_notifications(self.bus), 5)
        self.assertNotIn({'method': 'CloseNotification', 'id': critical['id']},
                         mgtest.mock_notifications(self.bus))
        self.assert_quits_cleanly(app)


if __name__ == '__main__':
    unittest.main(verbosity=2)
