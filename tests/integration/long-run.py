#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The long run: the real memgauge with a tray host and a notification daemon, through
thousands of samples of a proc root that cycles through every fixture (every level and
every broken case). Run it through build-aux/long-run.sh, which starts the session
(tests/lib/ui-session.sh --tray) and says what the options do.

Samples come fast through MEMGAUGE_TEST_INTERVAL_MS (the app's test clock, milliseconds
instead of sample-interval seconds); the app logs "N samples taken" every 500 samples with
G_MESSAGES_DEBUG=memgauge-monitor, which is how this counts them.

Plain mode: RSS (VmRSS) after 500 samples and after the last one; fails when the end is
more than --rss-tolerance percent above the first.
--valgrind: the app runs under valgrind memcheck; meanwhile the gauge window is opened
(app.show-gauge over org.gtk.Actions) and closed (WM_DELETE_WINDOW, as a window manager's
close button) --gauge-cycles times and the swappiness dialog opened and closed; fails on
any definite or indirect leak not suppressed by tests/valgrind.supp.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
from mgtest import (APP_ID, NOTIFICATIONS, Bus, close_window,  # noqa: E402
                    cpu_seconds, viewable_windows, wait_for)

SAMPLES_LINE = re.compile(r'memgauge-monitor-DEBUG: [0-9:.]+: (\d+) samples taken')


def log(message):
    print(f'long-run: {message}', flush=True)


class SampleLog:
    """Follows the app's log for the "N samples taken" lines."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.samples = 0

    def poll(self):
        with open(self.path, 'rb') as f:
            f.seek(self.offset)
            chunk = f.read()
        # Only whole lines: keep a partial one for the next poll.
        end = chunk.rfind(b'\n') + 1
        self.offset += end
        for match in SAMPLES_LINE.finditer(chunk[:end].decode('utf-8', errors='replace')):
            self.samples = max(self.samples, int(match.group(1)))
        return self.samples


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as f:
        return int(re.search(r'^VmRSS:\s+(\d+) kB', f.read(), re.M).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--bin', required=True)
    parser.add_argument('--schema-dir', required=True)
    parser.add_argument('--fixtures', required=True)
    parser.add_argument('--samples', type=int, default=10000)
    parser.add_argument('--interval-ms', type=int, default=5)
    parser.add_argument('--switch-ms', type=int, default=100,
                        help='how long each fixture stays before the next')
    parser.add_argument('--rss-tolerance', type=float, default=1.0, help='percent')
    parser.add_argument('--valgrind', action='store_true')
    parser.add_argument('--suppressions')
    parser.add_argument('--gauge-cycles', type=int, default=20)
    args = parser.parse_args()

    session = os.environ['MG_UI_SESSION_DIR']
    bus = Bus(timeout_ms=20000)
    fixtures = sorted(d for d in os.listdir(args.fixtures)
                      if os.path.isdir(os.path.join(args.fixtures, d)))
    log(f'{len(fixtures)} fixtures in turn, {args.switch_ms} ms each: {" ".join(fixtures)}')

    # The proc root is a symbolic link to one fixture, replaced atomically (rename), so a
    # sample sees one whole fixture or the next.
    proc = os.path.join(session, 'proc')
    os.symlink(os.path.join(args.fixtures, fixtures[0]), proc)

    def point_to(index):
        tmp = proc + '.new'
        os.symlink(os.path.join(args.fixtures, fixtures[index % len(fixtures)]), tmp)
        os.replace(tmp, proc)

    settings = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, 'keyfile'), 'w') as f:
        f.write('[io/github/memgauge/MemGauge]\nsample-interval=1\n')

    # Started before the app, and waited for with NameHasOwner (never a call, which could
    # activate a real daemon).
    calls = os.path.join(session, 'notifications.log')
    mock = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--session',
                             '-t', 'notification_daemon', '-l', calls],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_for('the notification mock', lambda: bus.has_owner(NOTIFICATIONS), 10)

    env = dict(os.environ)
    env.update({
        'GSETTINGS_BACKEND': 'keyfile',
        'GSETTINGS_SCHEMA_DIR': args.schema_dir,
        'MEMGAUGE_PROC_ROOT': proc,
        'MEMGAUGE_TEST_INTERVAL_MS': str(args.interval_ms),
        'G_MESSAGES_DEBUG': 'memgauge-monitor',
        'G_DEBUG': 'fatal-criticals',
        'LC_ALL': 'C.UTF-8',
        'LANGUAGE': 'C',
    })
    command = [args.bin]
    valgrind_log = os.path.join(session, 'valgrind.log')
    if args.valgrind:
        # GSlice (GLib 2.74) keeps freed blocks in magazines: plain malloc shows true leaks.
        env.update({'G_SLICE': 'always-malloc', 'G_DEBUG': 'gc-friendly,fatal-criticals'})
        command = ['valgrind', '--tool=memcheck', '--leak-check=full',
                   '--show-leak-kinds=definite,indirect', '--errors-for-leak-kinds=definite,indirect',
                   '--error-exitcode=99', '--num-callers=30', '--log-file=' + valgrind_log]
        if args.suppressions:
            command.append('--suppressions=' + args.suppressions)
        command.append(args.bin)

    app_log = os.path.join(session, 'memgauge.log')
    with open(app_log, 'w') as out:
        app = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.STDOUT)
    status = None
    try:
        startup = 120 if args.valgrind else 20
        wait_for('the app to own ' + APP_ID, lambda: app.poll() is not None or
                 bus.has_owner(APP_ID), startup)
        if app.poll() is not None:
            raise SystemExit(f'long-run: FAIL: memgauge exited with {app.returncode}')
        wait_for('the tray item', lambda: bus.registered_items(), startup)
        samples = SampleLog(app_log)
        start = time.monotonic()
        next_switch = start
        index = 0
        rss = []
        gauge_cycles = args.gauge_cycles if args.valgrind else 0
        dialog_done = not args.valgrind
        last_report = 0

        while samples.poll() < args.samples:
            if app.poll() is not None:
                raise SystemExit(f'long-run: FAIL: memgauge exited with {app.returncode} '
                                 f'after {samples.samples} samples')
            now = time.monotonic()
            if now >= next_switch:
                index += 1
                point_to(index)
                next_switch = now + args.switch_ms / 1000
            if samples.samples >= last_report + 500:
                last_report = samples.samples - samples.samples % 500
                if not args.valgrind:
                    rss.append((last_report, rss_kib(app.pid)))
                log(f'{samples.samples} samples, {index} fixture switches, '
                    f'{time.monotonic() - start:.0f} s' +
                    (f', RSS {rss[-1][1]} KiB' if rss else ''))
            if gauge_cycles > 0:
                cycle_window(bus, 'show-gauge', 'gauge window', startup)
                gauge_cycles -= 1
                if gauge_cycles == 0:
                    log(f'the gauge window was opened and closed {args.gauge_cycles} times')
            elif not dialog_done:
                cycle_window(bus, 'swappiness', 'swappiness dialog', startup)
                dialog_done = True
                log('the swappiness dialog was opened and cancelled')
            time.sleep(0.01)

        elapsed = time.monotonic() - start
        cpu = cpu_seconds(app.pid)
        if not args.valgrind:
            rss.append((samples.samples, rss_kib(app.pid)))
        log(f'{samples.samples} samples in {elapsed:.1f} s, {index} fixture switches, '
            f'{cpu:.1f} s of CPU')
        with open(calls) as f:
            notes = sum(1 for line in f if ' Notify ' in line)
        log(f'{notes} notifications reached the daemon')

        app.send_signal(signal.SIGTERM)
        status = app.wait(timeout=300 if args.valgrind else 30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        mock.terminate()
        mock.wait(timeout=10)

    failed = []
    if status != 0:
        failed.append(f'memgauge exited with {status}')
    with open(app_log, encoding='utf-8', errors='replace') as f:
        text = f.read()
    for mark in ('-CRITICAL', '-WARNING', 'AddressSanitizer', 'runtime error:'):
        lines = [line for line in text.splitlines() if mark in line]
        if lines:
            failed.append(f'{len(lines)} lines with {mark!r} in its log, first: {lines[0]}')

    if args.valgrind:
        with open(valgrind_log, encoding='utf-8', errors='replace') as f:
            report = f.read()
        summary = [line.split('== ', 1)[-1] for line in report.splitlines()
                   if re.search(r'(definitely|indirectly|possibly) lost:|still reachable:|'
                                r'suppressed:|ERROR SUMMARY', line)]
        log('valgrind: ' + '; '.join(summary))
        for kind in ('definitely', 'indirectly'):
            match = re.search(kind + r' lost: ([\d,]+) bytes in ([\d,]+) blocks', report)
            if match and match.group(1) != '0':
                failed.append(f'{kind} lost: {match.group(1)} bytes in {match.group(2)} blocks '
                              f'(the stacks are in {valgrind_log}, kept as artefact)')
        artefacts = os.environ.get('MEMGAUGE_ARTEFACTS')
        if artefacts:
            os.makedirs(artefacts, exist_ok=True)
            with open(os.path.join(artefacts, 'long-run-valgrind.log'), 'w') as f:
                f.write(report)
    else:
        first, last = rss[0][1], rss[-1][1]
        growth = 100.0 * (last - first) / first
        log('RSS (KiB) by samples: ' + ', '.join(f'{n}: {kib}' for n, kib in rss))
        log(f'RSS after {rss[0][0]} samples {first} KiB, after {rss[-1][0]} samples {last} KiB: '
            f'{growth:+.2f} %')
        if growth > args.rss_tolerance:
            failed.append(f'RSS grew by {growth:.2f} % (more than {args.rss_tolerance} %)')

    for reason in failed:
        log('FAIL: ' + reason)
    if failed:
        print(text[-4000:], file=sys.stderr)
    return 1 if failed else 0


def cycle_window(bus, action, what, timeout):
    """Opens a window through app.<action> and closes it as a window manager would."""
    env = dict(os.environ)
    before = set(viewable_windows(env, 'memgauge'))
    bus.activate(action)
    windows = wait_for(f'the {what} to show',
                       lambda: set(viewable_windows(env, 'memgauge')) - before, timeout,
                       interval=0.2)
    for window in windows:
        close_window(env['DISPLAY'], window)
    wait_for(f'the {what} to close',
             lambda: not set(viewable_windows(env, 'memgauge')) & windows, timeout,
             interval=0.2)


if __name__ == '__main__':
    sys.exit(main())
