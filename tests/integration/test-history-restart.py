#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration tests for the history kept across restarts: the real memgauge, sampling a
private copy of a fixture proc root every 100 ms, is quit and started again in one
ui-session (tests/lib/ui-session.sh: Xvfb, a private session bus, empty XDG folders, so
$XDG_STATE_HOME is private). What a person sees is the history graph's accessible
description (also its tooltip), read over AT-SPI: after a restart it still covers the
readings of the first run.

Environment (set by tests/meson.build): MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES,
MEMGAUGE_ARTEFACTS, and the session's MG_UI_SESSION_DIR and XDG_STATE_HOME.

Run one case with:
  tests/lib/ui-session.sh -- /usr/bin/python3 tests/integration/test-history-restart.py \
      HistoryRestartTest.test_restored
"""

import os
import re
import stat
import struct
import sys
import time
import unittest

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import APP_ID, wait_for  # noqa: E402

HEADER = struct.Struct('<8sII16sQq')
ENTRY_SIZE = 10
IGNORING = 'Ignoring the saved memory history'
# Used memory of the fixtures as the graph rounds it: idle 1.7 %, high 85.0 %.
IDLE_USED = '2 %'
HIGH_USED = '85 %'


class HistoryRestartTest(unittest.TestCase):

    def setUp(self):
        self.session = mgtest.required_env('MG_UI_SESSION_DIR')
        self.state = os.path.join(mgtest.required_env('XDG_STATE_HOME'), 'memgauge')
        self.path = os.path.join(self.state, 'history')
        self.proc = mgtest.ProcRoot(self.session, mgtest.FIXTURE['low'])
        self.bus = mgtest.Bus()
        self.apps = []
        Atspi.init()

    def tearDown(self):
        has_failed = mgtest.failed(self)
        if has_failed:
            artefacts = mgtest.required_env('MEMGAUGE_ARTEFACTS')
            mgtest.save_screenshot(os.path.join(artefacts, 'history-' + self._testMethodName +
                                                '-failure.png'))
        for app in self.apps:
            app.stop()
            if has_failed:
                print(f'--- {app.log_path} ---\n{app.log()}', file=sys.stderr)

    # --- helpers -----------------------------------------------------------------------

    def start(self, name):
        app = mgtest.App(self.session, self.proc.path, name=name, env={
            'MEMGAUGE_TEST_INTERVAL_MS': '100',
            'G_MESSAGES_DEBUG': 'memgauge-app memgauge-history',
        })
        self.apps.append(app)
        wait_for('memgauge on the bus', lambda: self.bus.has_owner(APP_ID) and
                 self.bus.pid_of(APP_ID) == app.pid, 15)
        return app

    def quit(self, app, how):
        if how == 'action':
            self.bus.activate('quit')
        else:
            app.proc.terminate()
        self.assertEqual(app.wait(10), 0, app.log())

    def read_file(self):
        with open(self.path, 'rb') as f:
            data = f.read()
        magic, version, count, _, mem_total, _ = HEADER.unpack_from(data)
        self.assertEqual(magic, b'MGHIST\r\n')
        self.assertEqual(version, 1)
        self.assertEqual(len(data), HEADER.size + count * ENTRY_SIZE)
        return count, mem_total

    def graph_description(self, app):
        """The description of the gauge window's history graph (role chart)."""
        def find(node, depth=0):
            if node is None or depth > 40:
                return None
            try:
                if node.get_role() == Atspi.Role.CHART:
                    return node
                for i in range(node.get_child_count()):
                    found = find(node.get_child_at_index(i), depth + 1)
                    if found is not None:
                        return found
            except GLib.Error:
                pass
            return None

        def chart():
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                node = desktop.get_child_at_index(i)
                try:
                    if node is not None and node.get_process_id() == app.pid:
                        return find(node)
                except GLib.Error:
                    continue
            return None

        self.bus.activate('show-gauge')
        graph = wait_for('the history graph on the accessibility bus', chart, 15, interval=0.3)
        return graph.get_description()

    def wait_description(self, app, pattern):
        return wait_for(f'the graph to say {pattern!r}',
                        lambda: re.search(pattern, self.graph_description(app) or ''), 10,
                        interval=0.3).string

    def write_mem_total(self, kib):
        meminfo = os.path.join(self.proc.path, 'meminfo')
        with open(meminfo, encoding='ascii') as f:
            text = f.read()
        text = re.sub(r'^MemTotal:\s+\d+ kB$', f'MemTotal:       {kib} kB', text, flags=re.M)
        with open(meminfo + '.new', 'w', encoding='ascii') as f:
            f.write(text)
        os.replace(meminfo + '.new', meminfo)

    def run_first(self):
        """A first run at the idle fixture, quit by app.quit: it leaves the file."""
        self.assertFalse(os.path.exists(self.path))
        first = self.start('first')
        self.wait_description(first, rf'between {IDLE_USED} and {IDLE_USED}, now {IDLE_USED}')
        time.sleep(0.5)
        self.quit(first, 'action')
        self.assertIn('Saved', first.log())
        count, mem_total = self.read_file()
        print(f'first run saved {count} entries, MemTotal {mem_total} kB')
        self.assertGreaterEqual(count, 5)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.state).st_mode), 0o700)
        return count, mem_total

    # --- cases -------------------------------------------------------------------------

    def test_restored(self):
        count, _ = self.run_first()

        # Memory fills up before the second start: its graph must still show the idle
        # readings of the first run next to its own.
        self.proc.set(mgtest.FIXTURE['high'])
        second = self.start('second')
        description = self.wait_description(
            second, rf'between {IDLE_USED} and {HIGH_USED}, now {HIGH_USED}')
        print(f'after the restart the graph says: {description!r}')
        self.assertNotIn(IGNORING, second.log())
        time.sleep(0.5)

        # SIGTERM (a session ending) saves too, the old entries and the new ones.
        self.quit(second, 'sigterm')
        count2, _ = self.read_file()
        print(f'second run saved {count2} entries')
        self.assertGreater(count2, count)

    def test_foreign_ignored(self):
        _, mem_total = self.run_first()

        # The same home on a machine with twice the memory: the file is not its own.
        self.write_mem_total(2 * mem_total)
        second = self.start('second')
        description = self.wait_description(second, r'between (\d+ %) and \1, now \1')
        print(f'with another MemTotal the graph says: {description!r}')
        self.assertNotIn(f'between {IDLE_USED}', description)
        lines = [line for line in second.log().splitlines() if IGNORING in line]
        self.assertEqual(len(lines), 1, second.log())
        self.assertIn(f'{self.path}: written with MemTotal {mem_total} kB', lines[0])

        # Its own history replaces the file.
        self.quit(second, 'sigterm')
        _, mem_total2 = self.read_file()
        self.assertEqual(mem_total2, 2 * mem_total)

    def test_corrupt_ignored(self):
        os.makedirs(self.state, mode=0o700)
        with open(self.path, 'wb') as f:
            f.write(b'MGHIST\r\n\x01\x00\x00\x00\xff\xff\xff\xff' + bytes(40))
        app = self.start('corrupt')
        self.wait_description(app, rf'between {IDLE_USED} and {IDLE_USED}, now {IDLE_USED}')
        lines = [line for line in app.log().splitlines() if IGNORING in line]
        self.assertEqual(len(lines), 1, app.log())
        self.assertRegex(lines[0], re.escape(self.path) + r': 4294967295 entries, more than')
        self.quit(app, 'action')
        self.assertGreater(self.read_file()[0], 0)


if __name__ == '__main__':
    unittest.main(verbosity=2)
