#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration tests for MemGauge's notifications: the real memgauge binary on a private
session bus with python-dbusmock's notification daemon, under its own Xvfb, reading a
temporary copy of a fixture proc root that the test rewrites to script a pressure trace.

Environment (set by tests/meson.build):
  MEMGAUGE_BIN         the memgauge binary
  MEMGAUGE_SCHEMA_DIR  the build tree's compiled schemas
  MEMGAUGE_FIXTURES    tests/fixtures/proc
  MEMGAUGE_ICON_DIR    data/icons, for the dunst screenshot
  MEMGAUGE_ARTEFACTS   where the screenshot goes

Run one case with: /usr/bin/python3 tests/integration/test-notifications.py NotificationTest.test_episode
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import gi

gi.require_version('Gio', '2.0')
gi.require_version('GLib', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
from mgtest import ProcRoot, close_window, viewable_windows, wait_for  # noqa: E402

BIN = os.environ.get('MEMGAUGE_BIN', 'memgauge')
SCHEMA_DIR = os.environ.get('MEMGAUGE_SCHEMA_DIR', '')
ICON_DIR = os.environ.get('MEMGAUGE_ICON_DIR', '')
ARTEFACTS = os.environ.get('MEMGAUGE_ARTEFACTS', '')

APP_ID = 'io.github.memgauge.MemGauge'
NOTIFY_NAME = 'org.freedesktop.Notifications'
NOTIFY_PATH = '/org/freedesktop/Notifications'
MOCK_IFACE = 'org.freedesktop.DBus.Mock'

SWAP_TOTAL_KIB = 4 * 1024 * 1024

HIGH_SUMMARY = 'Memory pressure is high'
CRITICAL_SUMMARY = 'Memory is almost full'
STALLS_SUMMARY = 'Programs are waiting for memory'
ADVICE = 'Save your work and close applications you do not need.'
# What a person reads: what happens and what to do, once, and no figure that would go
# stale while the notification stays on screen (the tray and the gauge carry them).
BODY = {
    'high': 'Memory is running short, and the system is slowing programs down to find '
            'more.\n' + ADVICE,
    'critical': 'The system may soon end programs to free memory, and their unsaved work '
                'would be lost.\n' + ADVICE,
    'stalls': 'Memory is not short, yet programs keep waiting while the system frees some: '
              'a program held to a memory limit, or heavy disk use, can cause this.\n'
              'Show Details lists the programs that use the most.',
}
SHOW = ['app.show-gauge', 'Show Details']
SNOOZE = ['app.snooze-notifications', 'Snooze for 1 Hour']
OURS = (HIGH_SUMMARY, CRITICAL_SUMMARY, STALLS_SUMMARY)

# The bus activates nothing: the session.conf that dbus-daemon --session uses lists the
# system's service folders, and a Notify sent while no daemon owns the name would then
# start a real one (dunst is installed for the screenshot) that the mock cannot replace.
BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''


class Session:
    """Xvfb, a private session bus and the temporary XDG folders of one test."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='memgauge-notify-')
        self.procs = []
        self.bus_pid = None
        self.env = dict(os.environ)
        for key in ('WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY'):
            self.env.pop(key, None)
        # Before the bus starts, so nothing it or the app starts writes into a real home.
        for key, sub in (('HOME', 'home'), ('XDG_CONFIG_HOME', 'config'),
                         ('XDG_DATA_HOME', 'data'), ('XDG_CACHE_HOME', 'cache'),
                         ('XDG_STATE_HOME', 'state'), ('XDG_RUNTIME_DIR', 'runtime')):
            path = os.path.join(self.dir, sub)
            os.makedirs(path, mode=0o700)
            self.env[key] = path
        self.env['GDK_BACKEND'] = 'x11'

        settings = os.path.join(self.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings)
        self.keyfile = os.path.join(settings, 'keyfile')
        with open(self.keyfile, 'w', encoding='utf-8') as f:
            f.write('[io/github/memgauge/MemGauge]\nsample-interval=1\n')

        try:
            self._start_xvfb()
            self._start_bus()
        except BaseException:
            self.close()
            raise

    def _start_xvfb(self):
        # -displayfd: Xvfb picks a free display and writes its number once it accepts
        # connections.
        read_fd, write_fd = os.pipe()
        with open(os.path.join(self.dir, 'xvfb.log'), 'w', encoding='utf-8') as log:
            self.xvfb = subprocess.Popen(
                ['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1024x768x24',
                 '-nolisten', 'tcp'],
                pass_fds=[write_fd], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=log, env=self.env)
        self.procs.append(self.xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError('Xvfb did not start')
        self.env['DISPLAY'] = ':' + number

    def _start_bus(self):
        socket = os.path.join(self.dir, 'bus')
        config = os.path.join(self.dir, 'bus.conf')
        with open(config, 'w', encoding='utf-8') as f:
            f.write(BUS_CONFIG.format(socket=socket))
        address = 'unix:path=' + socket
        out = subprocess.check_output(
            ['dbus-daemon', '--config-file=' + config, '--address=' + address,
             '--fork', '--print-pid'], env=self.env, stdin=subprocess.DEVNULL)
        self.bus_pid = int(out.split()[0])
        self.env['DBUS_SESSION_BUS_ADDRESS'] = address
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None, None)

    def has_owner(self, name):
        reply = self.bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                   'org.freedesktop.DBus', 'NameHasOwner',
                                   GLib.Variant('(s)', (name,)), GLib.VariantType('(b)'),
                                   Gio.DBusCallFlags.NONE, 5000, None)
        return reply.unpack()[0]

    def spawn(self, args, log_name, env=None):
        log = open(os.path.join(self.dir, log_name), 'w', encoding='utf-8')
        proc = subprocess.Popen(args, env=env or self.env, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.procs.append(proc)
        return proc

    def read_log(self, log_name):
        try:
            with open(os.path.join(self.dir, log_name), encoding='utf-8',
                      errors='replace') as f:
                return f.read()
        except FileNotFoundError:
            return ''

    def stop(self, proc, sig=signal.SIGTERM):
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc in self.procs:
            self.procs.remove(proc)

    def close(self):
        bus = getattr(self, 'bus', None)
        if bus is not None:
            bus.close_sync(None)
        # Newest first: the app and daemons, then the bus, then Xvfb.
        xvfb = getattr(self, 'xvfb', None)
        for proc in reversed(self.procs):
            if proc is not xvfb:
                self.stop(proc)
        if self.bus_pid is not None:
            # Forked, so not our child: signal it by PID and poll until it is gone.
            try:
                os.kill(self.bus_pid, signal.SIGTERM)
                wait_for('the bus exits', lambda: not os.path.exists('/proc/%d' % self.bus_pid),
                         5)
            except ProcessLookupError:
                pass
            self.bus_pid = None
        if xvfb is not None and xvfb in self.procs:
            self.stop(xvfb)
        self.procs = []
        shutil.rmtree(self.dir, ignore_errors=True)


class Mock:
    """python-dbusmock's notification_daemon on the session's bus."""

    def __init__(self, session, name='mock'):
        self.session = session
        self.log_name = name + '.log'
        self.call_log = os.path.join(session.dir, name + '-calls.log')
        # Its default capabilities leave out "actions": it is also the daemon without
        # action support.
        self.proc = session.spawn([sys.executable, '-m', 'dbusmock', '--session',
                                   '-t', 'notification_daemon', '-l', self.call_log],
                                  self.log_name)
        # Never call org.freedesktop.Notifications to see whether it is up: on a bus
        # with activation that call would start a real daemon first.
        wait_for('the mock notification daemon owns ' + NOTIFY_NAME,
                 lambda: self.proc.poll() is not None or session.has_owner(NOTIFY_NAME), 10)
        if self.proc.poll() is not None:
            raise RuntimeError('dbusmock exited: ' + session.read_log(self.log_name))

    def _call(self, method, args=None, reply='()'):
        result = self.session.bus.call_sync(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, method, args,
                                            GLib.VariantType(reply), Gio.DBusCallFlags.NONE,
                                            5000, None)
        return result.unpack()

    def calls(self):
        """[(method, args)] in order, Notify args as a dict."""
        result = []
        for _, method, args in self._call('GetCalls', reply='(a(tsav))')[0]:
            if method == 'Notify':
                keys = ('app_name', 'replaces_id', 'app_icon', 'summary', 'body', 'actions',
                        'hints', 'timeout')
                result.append((method, dict(zip(keys, args))))
            else:
                result.append((method, args))
        return result

    def notifications(self, summaries=None):
        """Notify calls (as dicts), only those with one of @summaries if given. Each has
        an 'id': the one the mock returned (it counts up from 1 for new ones)."""
        result = []
        next_id = 1
        for method, args in self.calls():
            if method != 'Notify':
                continue
            if args['replaces_id'] == 0:
                args['id'] = next_id
                next_id += 1
            else:
                args['id'] = args['replaces_id']
            if summaries is None or args['summary'] in summaries:
                result.append(args)
        return result

    def closed(self):
        return [args[0] for method, args in self.calls() if method == 'CloseNotification']

    def invoke_action(self, notify_id, action):
        self._call('EmitSignal', GLib.Variant('(sssav)', (
            NOTIFY_NAME, 'ActionInvoked', 'us',
            [GLib.Variant('u', notify_id), GLib.Variant('s', action)])))

    def stop(self):
        self.session.stop(self.proc)
        wait_for('the mock released ' + NOTIFY_NAME,
                 lambda: not self.session.has_owner(NOTIFY_NAME), 10)

    def call_log_text(self):
        try:
            with open(self.call_log, encoding='utf-8', errors='replace') as f:
                return f.read()
        except FileNotFoundError:
            return ''


class NotificationTest(unittest.TestCase):

    def setUp(self):
        self.session = Session()
        self.addCleanup(self.session.close)
        self.proc_root = ProcRoot(self.session.dir, 'linux-6.18-idle')
        self.proc_root.set_memory(0.60, swap_used_kib=0, swap_total_kib=SWAP_TOTAL_KIB)
        # No control groups unless a case brings some: the critical notification's
        # "End <app>" would otherwise depend on what runs on the machine.
        self.cgroup_root = os.path.join(self.session.dir, 'no-cgroups')
        os.makedirs(self.cgroup_root, exist_ok=True)
        self.app = None
        self.mocks = []

    def tearDown(self):
        # Always: meson shows a test's output only when it failed.
        self.dump_logs()

    def dump_logs(self):
        print('---- memgauge ----\n' + self.session.read_log('memgauge.log'), file=sys.stderr)
        for mock in self.mocks:
            print('---- %s ----\n%s' % (mock.log_name, mock.call_log_text()), file=sys.stderr)

    def start_mock(self, name='mock'):
        mock = Mock(self.session, name)
        self.mocks.append(mock)
        return mock

    def start_app(self):
        env = dict(self.session.env)
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': SCHEMA_DIR,
            'MEMGAUGE_PROC_ROOT': self.proc_root.path,
            'MEMGAUGE_CGROUP_ROOT': self.cgroup_root,
            'G_MESSAGES_DEBUG': 'memgauge-app memgauge-notifier memgauge-group-end',
            'G_DEBUG': 'fatal-criticals',
            'LANGUAGE': 'C',
            'LC_ALL': 'C.UTF-8',
        })
        self.app = self.session.spawn([BIN], 'memgauge.log', env=env)
        wait_for('memgauge owns ' + APP_ID,
                 lambda: self.app.poll() is not None or self.session.has_owner(APP_ID), 20)
        self.assert_app_running()
        # The first sample is taken in startup, right after the name is owned; let it
        # and the startup's own messages pass.
        time.sleep(1.5)

    def app_log(self):
        return self.session.read_log('memgauge.log')

    def assert_app_running(self):
        if self.app.poll() is not None:
            self.fail('memgauge exited with %d:\n%s' % (self.app.returncode, self.app_log()))

    def stop_app(self):
        """SIGTERM, as a session ends it: a clean exit, with no warnings at shutdown."""
        self.assert_app_running()
        self.session.stop(self.app)
        self.assertEqual(self.app.returncode, 0, self.app_log())

    def wait_notifications(self, mock, count, timeout=8):
        wait_for('%d pressure notification(s); calls: %r' % (count, mock.calls()),
                 lambda: len(mock.notifications(OURS)) >= count, timeout)
        return mock.notifications(OURS)

    def assert_quiet(self, mock, count, seconds=3.5):
        """Nothing more than @count pressure notifications for a few samples."""
        time.sleep(seconds)
        self.assertEqual(len(mock.notifications(OURS)), count, mock.calls())

    def assert_notification(self, n, summary, urgency, actions, replaces_id, body):
        self.assertEqual(n['summary'], summary)
        self.assertEqual(n['hints'].get('urgency'), urgency)
        self.assertEqual(n['actions'], ['default', ''] + actions)
        self.assertEqual(n['replaces_id'], replaces_id)
        self.assertEqual(n['body'], body)
        # Said once, and nothing that goes stale: no size, no percentage.
        self.assertNotRegex(n['body'], r'\d', 'a live figure in the body')

    # ---- cases ---------------------------------------------------------------------------

    def test_episode(self):
        """Rise to high, stay, escalate to critical, ease, recover: exactly what a person
        wants to see."""
        mock = self.start_mock()
        self.start_app()
        self.assertEqual(mock.notifications(OURS), [])

        # Medium: nothing yet.
        self.proc_root.set_memory(0.30)
        self.assert_quiet(mock, 0, 2.5)

        self.proc_root.set_memory(0.15, swap_used_kib=1024 * 1024)
        high = self.wait_notifications(mock, 1)[0]
        self.assert_notification(high, HIGH_SUMMARY, 1, SHOW + SNOOZE, 0, BODY['high'])
        # The same level again, with other numbers: nothing.
        self.proc_root.set_memory(0.14, swap_used_kib=1024 * 1024)
        self.assert_quiet(mock, 1)

        # Critical goes out at once, well within 15 s of the high one, replacing it.
        self.proc_root.set_memory(0.06, swap_used_kib=3 * 1024 * 1024)
        notes = self.wait_notifications(mock, 2, timeout=4)
        critical = notes[1]
        self.assert_notification(critical, CRITICAL_SUMMARY, 2, SHOW, high['id'],
                                 BODY['critical'])
        # The figures slide from 6 % to 3 % while it is on screen: its text stays true,
        # so nothing is re-sent (a re-send after a dismissal would pop it up again).
        self.proc_root.set_memory(0.03, swap_used_kib=3 * 1024 * 1024)
        self.assert_quiet(mock, 2)
        self.assertEqual(mock.closed(), [])

        # Easing back to high: the critical one stays, nothing new.
        self.proc_root.set_memory(0.13, swap_used_kib=3 * 1024 * 1024)
        self.assert_quiet(mock, 2)
        self.assertEqual(mock.closed(), [])

        # Below high: withdrawn.
        self.proc_root.set_memory(0.50)
        wait_for('CloseNotification; calls: %r' % mock.calls(), lambda: mock.closed(), 5)
        self.assertEqual(mock.closed(), [high['id']])

        # Back to high within the episode: not announced again.
        self.proc_root.set_memory(0.15)
        self.assert_quiet(mock, 2)
        self.stop_app()

    def test_stalls(self):
        """Stalls alone raise the level while 97 % is available: the notification says
        programs are waiting for memory, not that memory is short, and does not tell
        the person to close applications."""
        mock = self.start_mock()
        self.proc_root.set_memory(0.97, swap_used_kib=0)
        self.start_app()
        self.assertEqual(mock.notifications(OURS), [])

        self.proc_root.set_psi(35.0, 14.0)
        stalls = self.wait_notifications(mock, 1)[0]
        self.assert_notification(stalls, STALLS_SUMMARY, 1, SHOW + SNOOZE, 0, BODY['stalls'])
        self.assertNotIn(ADVICE, stalls['body'])

        # The stalls stop: the level is held for 30 s, so nothing flaps meanwhile.
        self.proc_root.set_psi(1.0, 0.0)
        self.assert_quiet(mock, 1, 4)
        self.assertEqual(mock.closed(), [])
        self.stop_app()

    def test_actions(self):
        """"Snooze for 1 Hour" on the high notification stores the snooze, which leaves
        critical alone; "Show Details", invoked through the daemon, activates
        app.show-gauge."""
        mock = self.start_mock()
        self.start_app()
        self.proc_root.set_memory(0.15)
        high = self.wait_notifications(mock, 1)[0]

        start = time.time()
        mock.invoke_action(high['id'], 'app.snooze-notifications')

        def snooze_until():
            with open(self.session.keyfile, encoding='utf-8') as f:
                match = re.search(r'^snooze-until=(\d+)$', f.read(), re.M)
            return int(match.group(1)) if match else None

        until = wait_for('snooze-until in the keyfile', snooze_until, 5)
        self.assertAlmostEqual(until / 1e6, start + 3600, delta=30)

        # Snoozed, yet critical comes through, without a snooze button of its own.
        self.proc_root.set_memory(0.06)
        critical = self.wait_notifications(mock, 2)[1]
        self.assertEqual(critical['summary'], CRITICAL_SUMMARY)
        self.assertEqual(critical['actions'], ['default', ''] + SHOW)

        # Without a panel the first start opens the gauge window: close it as a person
        # would, so that the action has something to show. Before the gauge window
        # existed, the action only logged "app.show-gauge".
        env = self.session.env
        for window in viewable_windows(env, 'memgauge'):
            close_window(env['DISPLAY'], window)
        wait_for('the gauge window closes', lambda: not viewable_windows(env, 'memgauge'), 5)
        before = self.app_log().count('app.show-gauge')
        mock.invoke_action(critical['id'], 'app.show-gauge')
        wait_for('app.show-gauge opens the gauge window:\n' + self.app_log(), lambda: (self.app_log().count('app.show-gauge') > before or
                          viewable_windows(env, 'memgauge')),
                 5)
        self.stop_app()

    def test_end_largest_app(self):
        """At critical the notification offers "End “Firefox”", the largest app of the
        user's (a real sleep of this test's in the flatpak Firefox's group of a copy of
        the v2-gnome cgroup fixture); the button asks first and ends nothing by itself."""
        fixture = os.path.join(os.path.dirname(os.environ['MEMGAUGE_FIXTURES']), 'cgroup',
                               'v2-gnome')
        copy = os.path.join(self.session.dir, 'v2-gnome')
        shutil.copytree(fixture, copy)
        shutil.copytree(os.path.join(copy, 'home/.local/share/applications'),
                        os.path.join(self.session.dir, 'data', 'applications'))
        self.cgroup_root = os.path.join(copy, 'sys/fs/cgroup')
        firefox = ('/user.slice/user-1000.slice/user@1000.service/app.slice/'
                   'app-flatpak-org.mozilla.firefox-5151.scope')
        sleeper = subprocess.Popen(['sleep', '60'])
        self.addCleanup(sleeper.wait)
        self.addCleanup(sleeper.kill)
        with open(self.cgroup_root + firefox + '/cgroup.procs', 'w', encoding='utf-8') as f:
            f.write('%d\n' % sleeper.pid)

        mock = self.start_mock()
        self.start_app()
        self.proc_root.set_memory(0.06)
        end = ["app.end-group('%s')" % firefox, 'End “Firefox”']
        # One notification, sent once the scan found the app, with its button.
        critical = self.wait_notifications(mock, 1)[0]
        self.assert_notification(critical, CRITICAL_SUMMARY, 2, SHOW + end, 0, BODY['critical'])
        self.assert_quiet(mock, 1, seconds=1)

        mock.invoke_action(critical['id'], end[0])
        wait_for('the End question:\n' + self.app_log(),
                 lambda: 'Asking whether to end Firefox' in self.app_log(), 10)
        time.sleep(0.5)
        self.assertIsNone(sleeper.poll(), 'ended without a confirmation')
        self.stop_app()

    def test_oom_kill(self):
        """A rising oom_kill counter is announced once per burst, with the count."""
        mock = self.start_mock()
        self.proc_root.set_oom_kill(3)
        self.start_app()
        # The count at start is history, not news.
        self.assertEqual(mock.notifications(['A program was stopped to free memory']), [])

        self.proc_root.set_oom_kill(5)
        wait_for('an OOM notification; calls: %r' % mock.calls(), lambda: [n for n in mock.notifications() if 'stopped' in n['summary']],
                 5)
        oom = [n for n in mock.notifications() if 'stopped' in n['summary']]
        self.assertEqual(len(oom), 1)
        self.assertEqual(oom[0]['summary'], '2 programs were stopped to free memory')
        self.assertIn('ended 2 programs', oom[0]['body'])
        self.assertIn(ADVICE, oom[0]['body'])
        self.assertEqual(oom[0]['actions'], ['default', ''] + SHOW)

        # More kills within the burst: no more notifications.
        self.proc_root.set_oom_kill(6)
        time.sleep(2)
        self.proc_root.set_oom_kill(9)
        time.sleep(2.5)
        self.assertEqual(len([n for n in mock.notifications() if 'stopped' in n['summary']]), 1)
        # And pressure notifications are a separate notification with their own id.
        self.proc_root.set_memory(0.06)
        critical = self.wait_notifications(mock, 1)[0]
        self.assertEqual(critical['replaces_id'], 0)
        self.stop_app()

    def test_daemon_late(self):
        """No daemon when high pressure comes: MemGauge keeps running and sampling, and the
        next notification reaches a daemon that appears later."""
        self.start_app()
        self.proc_root.set_memory(0.15)
        time.sleep(2.5)
        self.assert_app_running()

        mock = self.start_mock()
        time.sleep(1.5)
        self.assertEqual(mock.notifications(OURS), [])
        self.proc_root.set_memory(0.06)
        critical = self.wait_notifications(mock, 1)[0]
        self.assert_notification(critical, CRITICAL_SUMMARY, 2, SHOW, 0, BODY['critical'])
        self.assertIn('unable to send notifications', self.app_log())
        self.stop_app()

    def test_daemon_restart(self):
        """The daemon goes away while a notification is shown and comes back: the withdrawal
        into the void is harmless and the next notification goes through."""
        first = self.start_mock('mock-1')
        self.start_app()
        self.proc_root.set_memory(0.15)
        self.wait_notifications(first, 1)

        first.stop()
        # Recovery with no daemon: the CloseNotification goes nowhere.
        self.proc_root.set_memory(0.30)
        time.sleep(2.5)
        self.assert_app_running()

        second = self.start_mock('mock-2')
        self.proc_root.set_memory(0.06)
        critical = self.wait_notifications(second, 1)[0]
        self.assert_notification(critical, CRITICAL_SUMMARY, 2, SHOW, 0, BODY['critical'])
        self.proc_root.set_memory(0.50)
        wait_for('CloseNotification; calls: %r' % second.calls(), lambda: second.closed(), 5)
        self.stop_app()


class DunstScreenshotTest(unittest.TestCase):
    """A real notification daemon (dunst) showing the critical notification, saved as
    MEMGAUGE_ARTEFACTS/notification-critical-dunst.png for a person to look at."""

    def test_dunst_screenshot(self):
        self.assertTrue(ARTEFACTS, 'MEMGAUGE_ARTEFACTS is not set')
        session = Session()
        self.addCleanup(session.close)
        proc_root = ProcRoot(session.dir, 'linux-6.18-idle')
        proc_root.set_memory(0.60, swap_used_kib=0, swap_total_kib=SWAP_TOTAL_KIB)

        config = os.path.join(session.dir, 'dunstrc')
        icons = os.path.join(ICON_DIR, 'hicolor', 'scalable')
        with open(config, 'w', encoding='utf-8') as f:
            f.write('''[global]
    monitor = 0
    follow = none
    width = 460
    height = 300
    origin = top-right
    offset = 16x16
    font = DejaVu Sans 11
    padding = 12
    horizontal_padding = 12
    frame_width = 2
    markup = full
    format = "<b>%s</b>\\n%b"
    show_indicators = yes
    icon_position = left
    min_icon_size = 48
    max_icon_size = 48
    icon_path = {icons}/status:{icons}/apps
[urgency_normal]
    background = "#2b2b2b"
    foreground = "#ffffff"
    frame_color = "#f6d32d"
    timeout = 0
[urgency_critical]
    background = "#3d0d0d"
    foreground = "#ffffff"
    frame_color = "#e01b24"
    timeout = 0
'''.format(icons=icons))
        dunst = session.spawn(['dunst', '-config', config], 'dunst.log')
        wait_for('dunst owns ' + NOTIFY_NAME, lambda: dunst.poll() is not None or session.has_owner(NOTIFY_NAME),
                 10)
        self.assertIsNone(dunst.poll(), session.read_log('dunst.log'))

        env = dict(session.env)
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': SCHEMA_DIR,
            'MEMGAUGE_PROC_ROOT': proc_root.path,
            'G_MESSAGES_DEBUG': 'memgauge-notifier',
            'LANGUAGE': 'C',
            'LC_ALL': 'C.UTF-8',
        })
        app = session.spawn([BIN], 'memgauge.log', env=env)
        wait_for('memgauge owns ' + APP_ID, lambda: app.poll() is not None or session.has_owner(APP_ID),
                 20)
        time.sleep(1.5)
        # MemGauge's own "running without a panel icon" notice is not what this shows.
        subprocess.run(['dunstctl', 'close-all'], env=session.env, check=True)

        proc_root.set_memory(0.06, swap_used_kib=3 * 1024 * 1024)
        wait_for('the critical notification:\n' + session.read_log('memgauge.log'), lambda: 'Sending the critical' in session.read_log('memgauge.log'),
                 8)

        def displayed():
            out = subprocess.run(['dunstctl', 'count', 'displayed'], env=session.env,
                                 capture_output=True, text=True, check=True).stdout
            return int(out.strip() or 0) >= 1

        wait_for('dunst displays the notification', displayed, 5)
        time.sleep(0.5)

        history = subprocess.run(['dunstctl', 'history'], env=session.env,
                                 capture_output=True, text=True, check=True).stdout
        os.makedirs(ARTEFACTS, exist_ok=True)
        shot = os.path.join(ARTEFACTS, 'notification-critical-dunst.png')
        subprocess.run(['import', '-display', session.env['DISPLAY'], '-window', 'root', shot],
                       env=session.env, check=True)
        self.assertGreater(os.path.getsize(shot), 1000)
        print('screenshot: ' + shot)
        self.assertIsNone(app.poll(), session.read_log('memgauge.log'))
        # The displayed one is not in the history yet; the history holds the closed notice.
        self.assertIsInstance(json.loads(history), dict)


if __name__ == '__main__':
    unittest.main(verbosity=2)
