#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fault injection against the real memgauge binary: broken /proc files mid-run, the tray
host, the notification daemon and the session bus going away, SIGTERM while sampling.

Each case is one meson test (suite 'ui') run through tests/lib/ui-session.sh, for example:

    tests/lib/ui-session.sh --tray /usr/bin/python3 tests/ui/test-faults.py FaultTest.test_junk

It uses the shared helpers of tests/lib/mgtest.py (the app, the bus, the proc root copy) and its
environment (MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES, ...). The app samples
every second (sample-interval=1). In every case the test asserts that the app does not
crash (exit status 0 on SIGTERM, no sanitizer report in its output), does not spin (its
CPU time while the fault lasts), shows `unknown` with the reason naming the file when the
data is bad, and comes back to the right level once the fault ends.

The helper being killed while the swappiness dialog waits is tested in
tests/ui/test-swappiness-dialog.c (/swappiness-dialog/outcome/killed).
"""

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
import unittest

from gi.repository import Gio, GLib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import APP_ID, FIXTURE, ONE_SAMPLE, required_env, wait_for  # noqa: E402

FILES = ('meminfo', 'vmstat', 'pressure/memory', 'sys/vm/swappiness')
# meminfo is what the level is made of; the others may be missing on a real kernel
# (containers, no CONFIG_PSI), so their absence is no error (mg-proc-reader.c).
OPTIONAL = ('vmstat', 'pressure/memory', 'sys/vm/swappiness')

LOW_DESC = 'Memory pressure low: 98 % available'
UNKNOWN_DESC = 'Memory pressure unknown: cannot read memory use'
# The app at 1 s samples with a tray host uses well under 10 ms of CPU a second, about
# 50 ms under ASan with slow unwinding (.ci/run); a busy loop uses a whole second a second.
MAX_CPU_PER_S = 0.2
CPU_WINDOW_S = 2.5
# What a burst of work (startup, a window or fallback icon made) must have calmed down to
# before the CPU of a fault is measured, and how long it may take under ASan.
SETTLED_CPU_PER_S = 0.1
SETTLE_TIMEOUT_S = 30
# See test_tray_host_restart.
KNOWN_GTK_CRITICAL = ("gdk_window_thaw_toplevel_updates: assertion "
                      "'window->update_and_descendants_freeze_count > 0' failed")
SANITIZER_MARKS = ('ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', 'runtime error:',
                   'SUMMARY: UndefinedBehaviorSanitizer')


def skip_or_fail(reason):
    """Exit 77 (meson's skip), or fail with MEMGAUGE_TEST_NO_SKIP=1 (CI)."""
    print('SKIP: ' + reason, file=sys.stderr)
    sys.exit(1 if os.environ.get('MEMGAUGE_TEST_NO_SKIP') == '1' else 77)


class FaultTest(mgtest.TrayTestCase):
    """Runs in a ui-session with --tray, except test_bus_lost (see tests/meson.build)."""

    def start_app(self, **kwargs):
        env = {'LC_ALL': 'C.UTF-8', 'LANGUAGE': 'C'}
        env.update(kwargs.pop('env', None) or {})
        app = mgtest.App(self.session, self.proc.path, env=env, **kwargs)
        self.apps.append(app)
        return app

    # --- helpers -----------------------------------------------------------------------

    def wait_item(self, app, timeout=10):
        """Like TrayTest's, but a restarted watcher may still list an item whose bus name
        is gone for a moment: skip those."""
        def find():
            for entry in self.bus.registered_items():
                name, _, path = entry.partition('/')
                try:
                    if self.bus.pid_of(name) == app.pid:
                        return name, '/' + path
                except GLib.Error:
                    continue
            return None
        return wait_for('the item to register with the watcher', find, timeout)

    def path(self, name):
        return os.path.join(self.proc.path, name)

    def restore(self):
        """Puts back the fixture's files, whatever a fault left in their place."""
        for name in FILES:
            target = self.path(name)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            elif os.path.lexists(target):
                os.chmod(target, 0o644)
        self.proc.set(FIXTURE['low'])

    def json(self, env=None, prefix=()):
        """memgauge --json on the same proc root: (exit status, stdout, stderr)."""
        full_env = dict(os.environ, MEMGAUGE_PROC_ROOT=self.proc.path, LC_ALL='C.UTF-8',
                       LANGUAGE='C')
        full_env.update(env or {})
        result = subprocess.run(list(prefix) + [required_env('MEMGAUGE_BIN'), '--json'],
                                env=full_env, stdin=subprocess.DEVNULL, capture_output=True,
                                text=True, timeout=30)
        return result.returncode, result.stdout, result.stderr

    def settle(self, app, what):
        """Waits until a one-off burst of work is over; a busy loop never settles."""
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while True:
            start = app.cpu_seconds()
            time.sleep(0.5)
            self.assertIsNone(app.proc.poll(), f'memgauge exited {what}:\n{app.log()}')
            used = app.cpu_seconds() - start
            if used <= SETTLED_CPU_PER_S * 0.5:
                return
            self.assertLess(time.monotonic(), deadline,
                            f'still {used:.2f} s of CPU per 0.5 s after {SETTLE_TIMEOUT_S} s '
                            f'{what}: a busy loop?')

    def assert_no_spin(self, app, what, seconds=CPU_WINDOW_S):
        self.settle(app, what)
        start = app.cpu_seconds()
        time.sleep(seconds)
        self.assertIsNone(app.proc.poll(), f'memgauge exited {what}:\n{app.log()}')
        used = app.cpu_seconds() - start
        self.assertLess(used, MAX_CPU_PER_S * seconds,
                        f'{used:.2f} s of CPU in {seconds} s {what}: a busy loop?')
        return used

    def assert_clean_exit(self, app, sig=signal.SIGTERM):
        app.proc.send_signal(sig)
        status = app.wait(timeout=15)
        log = app.log()
        self.assertEqual(status, 0, log)
        self.assert_no_sanitizer_report(log)
        return log

    def assert_no_sanitizer_report(self, log):
        for mark in SANITIZER_MARKS:
            self.assertNotIn(mark, log)

    def without_stall_hold(self):
        """The critical fixture's stalls would hold the level up for PSI_HOLD (30 s) after
        it; what the restart tests look at does not depend on stalls (tray-levels checks
        the hold)."""
        keyfile = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
        with open(keyfile, 'a', encoding='utf-8') as f:
            f.write('psi-raises-level=false\n')

    def start_low(self, **kwargs):
        app = self.start_app(**kwargs)
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)
        return app, item

    def run_file_faults(self, fault, break_file, optional_ok, expect, prefix=()):
        """For each sampled file: break it with @break_file mid-run, check what the tray
        and --json say, that the app does not spin, and that it recovers."""
        app, item = self.start_low(prefix=prefix)
        cpu = {}
        for name in FILES:
            with self.subTest(fault=fault, file=name):
                target = self.path(name)
                log_before = len(app.log())
                break_file(target)
                status, out, err = self.json(prefix=prefix)
                if optional_ok and name in OPTIONAL:
                    # Absent, not broken: the level stays what meminfo says.
                    time.sleep(ONE_SAMPLE)
                    self.assertEqual(self.prop(item, 'IconName'), f'{APP_ID}-level-low')
                    self.assertEqual(self.prop(item, 'IconAccessibleDesc'), LOW_DESC)
                    self.assertEqual(status, 0, err)
                    self.assertIn('"pressure_level"', out)
                else:
                    self.wait_level(item, 'unknown')
                    self.assertEqual(self.prop(item, 'IconAccessibleDesc'), UNKNOWN_DESC)
                    self.assertEqual(self.prop(item, 'Status'), 'Active')
                    # The monitor's reason (logged by memgauge-monitor) names the file.
                    wait_for(f'the reason naming {target}',
                             lambda: f'Cannot sample memory: {target}' in app.log()[log_before:],
                             ONE_SAMPLE)
                    self.assertNotEqual(status, 0, out)
                    self.assertEqual(out, '')
                    self.assertIn(target, err)
                    self.assertIn(expect, err)
                cpu[name] = self.assert_no_spin(app, f'with {name} {fault}')

                self.restore()
                self.wait_level(item, 'low')
                self.assertEqual(self.prop(item, 'IconAccessibleDesc'), LOW_DESC)
        print(f'CPU in {CPU_WINDOW_S} s per faulted file: ' +
              ', '.join(f'{k} {v:.3f} s' for k, v in cpu.items()), file=sys.stderr)
        log = self.assert_clean_exit(app)
        self.assertNotIn('-CRITICAL', log)

    # --- /proc files -------------------------------------------------------------------

    def test_vanish(self):
        """A file is deleted mid-run."""
        self.run_file_faults('deleted', os.unlink, optional_ok=True,
                             expect='No such file or directory')

    def test_directory(self):
        """A file is replaced by a directory (open works, read fails with EISDIR)."""
        def to_directory(target):
            os.unlink(target)
            os.mkdir(target)
            with open(os.path.join(target, 'meminfo'), 'w') as f:
                f.write('MemTotal: 1 kB\n')
        self.run_file_faults('replaced by a directory', to_directory, optional_ok=False,
                             expect='Is a directory')

    def test_junk(self):
        """A file grows to 1 MiB of junk: refused as too large, never parsed in part."""
        rng = random.Random(8)

        def junk(target):
            data = bytes(rng.getrandbits(8) for _ in range(4096)) * 256
            with open(target + '.new', 'wb') as f:
                f.write(b'MemTotal: 1000 kB\nMemAvailable: 900 kB\n' + data)
            os.replace(target + '.new', target)
            self.assertEqual(os.path.getsize(target), 1024 * 1024 + 39)
        self.run_file_faults('grown to 1 MiB of junk', junk, optional_ok=False,
                             expect='is larger than 16 KiB: not a kernel file')

    def test_unreadable(self):
        """A file becomes unreadable (mode 000). Root reads anything, so as root the app
        (and --json) run without capabilities: uid 0 still, so the X server and the bus
        take it, but DAC is checked like for anyone else."""
        prefix = ()
        if os.geteuid() == 0:
            setpriv = shutil.which('setpriv')
            if setpriv is None:
                skip_or_fail('setpriv (util-linux) is needed to drop root\'s capabilities')
            prefix = (setpriv, '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs')
            probe = subprocess.run(list(prefix) + ['cat', '/proc/self/status'],
                                   capture_output=True, text=True)
            if probe.returncode != 0 or 'CapEff:\t0000000000000000' not in probe.stdout:
                skip_or_fail('cannot drop capabilities here: ' + probe.stderr)

        def unreadable(target):
            os.chmod(target, 0)
            self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0)
        self.run_file_faults('unreadable', unreadable, optional_ok=False,
                             expect='Permission denied', prefix=prefix)

    def test_pressure_dir_gone(self):
        """/proc/pressure disappears (a kernel without PSI): no error, the level stays, PSI
        is reported absent, and it is used again when it comes back."""
        app, item = self.start_low()
        os.rename(self.path('pressure'), self.path('pressure.gone'))
        status, out, err = self.json()
        self.assertEqual(status, 0, err)
        self.assertIn('"psi": null', out)
        time.sleep(ONE_SAMPLE)
        self.assertEqual(self.prop(item, 'IconName'), f'{APP_ID}-level-low')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'), LOW_DESC)
        self.assert_no_spin(app, 'without pressure/')
        self.assertNotIn('Cannot sample memory', app.log())

        os.rename(self.path('pressure.gone'), self.path('pressure'))
        # PSI may only raise the level: the critical fixture's full avg10 makes it critical.
        self.proc.set(FIXTURE['critical'])
        self.wait_level(item, 'critical')
        status, out, err = self.json()
        self.assertEqual(status, 0, err)
        self.assertNotIn('"psi": null', out)
        self.assert_clean_exit(app)

    # --- the session around the app ----------------------------------------------------

    def test_tray_host_restart(self):
        """The tray host quits (SIGTERM), then crashes (SIGKILL), and comes back each time:
        the item registers again and shows the level reached meanwhile.

        Without a watcher libayatana falls back to an XEmbed icon (GtkStatusIcon); when
        xfce4-panel comes back it embeds that icon as the watcher appears and libayatana
        drops it, and GDK 3.24 may then log KNOWN_GTK_CRITICAL from its X event handling
        (no MemGauge frame on the stack). So here criticals are not fatal: the app must
        keep running, and that one is the only critical allowed."""
        self.without_stall_hold()
        app, item = self.start_low(env={'G_DEBUG': ''})
        # First the session's panel, then the one this test started.
        session_panel = int(required_env('MG_UI_PANEL_PID'))
        for sig, level in ((signal.SIGTERM, 'high'), (signal.SIGKILL, 'critical')):
            with self.subTest(signal=sig.name):
                if self.panel is not None:
                    self.panel.send_signal(sig)
                    self.panel.wait(timeout=10)
                    self.panel = None
                elif session_panel:
                    os.kill(session_panel, sig)
                    session_panel = 0
                wait_for('the watcher to go', lambda: not self.bus.has_owner(mgtest.WATCHER), 10)
                self.proc.set(FIXTURE[level])
                self.assert_no_spin(app, 'without a tray host')
                self.start_panel()
                item = self.wait_item(app, timeout=5)
                self.wait_level(item, level, timeout=ONE_SAMPLE)
                self.assertEqual(len(self.bus.registered_items()), 1)
        self.proc.set(FIXTURE['low'])
        self.wait_level(item, 'low')
        log = self.assert_clean_exit(app)
        criticals = [line for line in log.splitlines()
                     if '-CRITICAL' in line and KNOWN_GTK_CRITICAL not in line]
        self.assertEqual(criticals, [])

    def notifies(self, log, summary):
        with open(log) as f:
            return [line for line in f if ' Notify ' in line and summary in line]

    def test_notification_daemon_restart(self):
        """The notification daemon is killed while a notification is shown, MemGauge sends
        and withdraws into the void, and the next notification reaches the new daemon.
        (tests/integration/test-notifications.py daemon-restart covers a clean quit without a tray.)"""
        calls = self.start_notification_mock()
        self.without_stall_hold()
        app, item = self.start_low()
        self.proc.set(FIXTURE['high'])
        self.wait_level(item, 'high')
        wait_for('the high notification',
                 lambda: self.notifies(calls, 'Memory pressure is high'), 5)

        self.mock.kill()
        self.mock.wait(timeout=5)
        self.mock = None
        wait_for('the daemon to go', lambda: not self.bus.has_owner(mgtest.NOTIFICATIONS), 5)
        # Below high: the withdrawal goes nowhere. (A level announced once is not announced
        # again for renotify-minutes, so critical is kept for the new daemon.)
        self.proc.set(FIXTURE['medium'])
        self.wait_level(item, 'medium')
        self.proc.set(FIXTURE['low'])
        self.wait_level(item, 'low')
        self.assert_no_spin(app, 'without a notification daemon')

        os.unlink(calls)
        calls = self.start_notification_mock()
        self.proc.set(FIXTURE['critical'])
        self.wait_level(item, 'critical')
        wait_for('the critical notification at the new daemon',
                 lambda: self.notifies(calls, 'Memory is almost full'), 5)
        self.proc.set(FIXTURE['low'])
        wait_for('the withdrawal at the new daemon',
                 lambda: ' CloseNotification ' in open(calls).read(), 5)
        self.assert_clean_exit(app)

    def test_bus_lost(self):
        """The session bus goes away (its daemon is killed): the app leaves with status 0
        and says why. The app gets a bus of its own so that the session's stays up."""
        socket = os.path.join(self.session, 'lost-bus')
        out = subprocess.check_output(
            ['dbus-daemon', '--session', '--address=unix:path=' + socket, '--fork',
             '--print-pid', '--nosyslog'], stdin=subprocess.DEVNULL)
        bus_pid = int(out.split()[0])
        self.addCleanup(lambda: os.path.exists(f'/proc/{bus_pid}') and os.kill(bus_pid, 9))
        conn = Gio.DBusConnection.new_for_address_sync(
            'unix:path=' + socket,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
            Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)

        def owned():
            return conn.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                  'org.freedesktop.DBus', 'NameHasOwner',
                                  GLib.Variant('(s)', (APP_ID,)), GLib.VariantType('(b)'),
                                  Gio.DBusCallFlags.NONE, 2000, None).unpack()[0]

        app = self.start_app(env={'DBUS_SESSION_BUS_ADDRESS': 'unix:path=' + socket})
        wait_for('the app to own its name on its bus', owned, 10)
        time.sleep(1)
        self.assert_no_spin(app, 'before the bus goes', seconds=1.5)
        os.kill(bus_pid, signal.SIGKILL)
        status = app.wait(timeout=10)
        log = app.log()
        self.assertEqual(status, 0, log)
        self.assertIn('The session bus connection was lost', log)
        self.assertNotIn('-CRITICAL', log)
        self.assert_no_sanitizer_report(log)

    def test_sigterm_during_sample(self):
        """SIGTERM while the app samples: every millisecond (MEMGAUGE_TEST_INTERVAL_MS=1),
        over a 16 KiB vmstat, the main loop is nearly always inside a sample. The signal is
        taken between two samples (g_unix_signal_add) and the app exits 0 at once."""
        vmstat = self.path('vmstat')
        with open(vmstat) as f:
            text = f.read()
        i = 0
        while len(text) < 15 * 1024:
            text += f'nr_padding_{i} {i}\n'
            i += 1
        with open(vmstat, 'w') as f:
            f.write(text)
        rng = random.Random(15)
        for run in range(5):
            with self.subTest(run=run):
                app, item = self.start_low(env={'MEMGAUGE_TEST_INTERVAL_MS': '1'},
                                           name=f'memgauge-{run}')
                time.sleep(rng.uniform(0.05, 0.5))
                start = time.monotonic()
                app.proc.send_signal(signal.SIGTERM)
                status = app.wait(timeout=10)
                self.assertEqual(status, 0, app.log())
                self.assertLess(time.monotonic() - start, 3)
                self.assert_no_sanitizer_report(app.log())
                wait_for('the item to leave', lambda: not self.bus.registered_items(), 5)


if __name__ == '__main__':
    # Only FaultTest's own cases, unless some are named.
    names = sys.argv[1:] or [n for n in vars(FaultTest) if n.startswith('test_')]
    suite = unittest.TestSuite(
        unittest.defaultTestLoader.loadTestsFromName(n if '.' in n else 'FaultTest.' + n,
                                                     sys.modules[__name__])
        for n in names)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)
