#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tray icon as a panel shows it: the real memgauge binary seen by a real
StatusNotifierWatcher host (xfce4-panel's systray plugin) on a private session bus.

Each case is one meson test (suite 'ui') run through tests/lib/ui-session.sh, which gives it a
fresh Xvfb display, session bus and XDG folders, for example:

    tests/lib/ui-session.sh --tray /usr/bin/python3 tests/ui/test-tray.py TrayTest.test_levels

Cases named in NO_TRAY_CASES start the panel themselves (run them without --tray);
test_no_display needs no session at all. The environment names the build (meson sets it):
  MEMGAUGE_BIN          the memgauge binary
  MEMGAUGE_SCHEMA_DIR   the folder with the compiled GSettings schema
  MEMGAUGE_FIXTURES     tests/fixtures/proc in the source tree
  MEMGAUGE_ICON_DIR     data/icons in the source tree (what IconThemePath must name)
  MEMGAUGE_ARTEFACTS    where screenshots go (kept after the run)

The app samples every second here (GSettings keyfile backend, sample-interval=1), so
"within one sample" means within two seconds.
"""

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
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf, Gio, GLib  # noqa: E402

APP_ID = 'io.github.memgauge.MemGauge'
APP_PATH = '/io/github/memgauge/MemGauge'
WATCHER = 'org.kde.StatusNotifierWatcher'
SNI = 'org.kde.StatusNotifierItem'
DBUSMENU = 'com.canonical.dbusmenu'
NOTIFICATIONS = 'org.freedesktop.Notifications'

# What each level looks like: the fixture that produces it and the colour of the gauge's
# fill in the icon.
FIXTURE = {
    'low': 'linux-6.18-idle',
    'medium': 'linux-6.18-medium',
    'high': 'linux-6.18-high',
    'critical': 'linux-6.18-critical-swapping',
    'unknown': 'broken-garbage-number',
}
COLOUR = {
    'low': (0x33, 0xd1, 0x7a),
    'medium': (0xf6, 0xd3, 0x2d),
    'high': (0xff, 0x78, 0x00),
    'critical': (0xe0, 0x1b, 0x24),
    'unknown': (0x9a, 0x99, 0x96),
}
# Per channel: leaves room for antialiasing and colour rounding, and no level's colour is
# within this distance of another's.
COLOUR_TOLERANCE = 24

# One sample at 1 s, plus the time a timer may be late and the bus round trips.
ONE_SAMPLE = 2.0

NO_TRAY_CASES = ('test_no_host', 'test_panel_colours_installed')


def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this through meson test (see the docstring)')
    return value


def wait_for(what, func, timeout, interval=0.05):
    """Calls func until it returns something true; fails with the last value seen."""
    deadline = time.monotonic() + timeout
    value = None
    while True:
        value = func()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f'timed out after {timeout} s waiting for {what}; last: {value!r}')
        time.sleep(interval)


def percent_of(part, whole):
    """The app's rounding: nearest integer, halves up."""
    return 0 if whole == 0 else (100 * part + whole // 2) // whole


def meminfo(case):
    values = {}
    with open(os.path.join(required_env('MEMGAUGE_FIXTURES'), case, 'meminfo')) as f:
        for line in f:
            key, _, rest = line.partition(':')
            values[key] = int(rest.split()[0])
    return values


def expected_header(case):
    """The menu's first line for a fixture, computed from its meminfo."""
    m = meminfo(case)
    used = percent_of(m['MemTotal'] - m['MemAvailable'], m['MemTotal'])
    if m['SwapTotal'] == 0:
        return f'Memory {used} % used · No swap'
    swap = percent_of(m['SwapTotal'] - m['SwapFree'], m['SwapTotal'])
    return f'Memory {used} % used · Swap {swap} %'


class ProcRoot:
    """A private copy of a fixture that tests rewrite to change the level."""

    def __init__(self, parent, case):
        self.path = os.path.join(parent, 'proc')
        shutil.copytree(os.path.join(required_env('MEMGAUGE_FIXTURES'), case), self.path)

    def set(self, case):
        """Replaces every file with the fixture's; each replacement is atomic, so a sample
        never sees half a file."""
        source = os.path.join(required_env('MEMGAUGE_FIXTURES'), case)
        for folder, _, files in os.walk(source):
            target = os.path.join(self.path, os.path.relpath(folder, source))
            os.makedirs(target, exist_ok=True)
            for name in files:
                tmp = os.path.join(target, '.' + name + '.new')
                shutil.copyfile(os.path.join(folder, name), tmp)
                os.replace(tmp, os.path.join(target, name))


class Bus:
    """Synchronous calls on the session bus of the ui-session."""

    def __init__(self):
        self.conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(self, dest, path, iface, method, args=None, reply='()', timeout_ms=5000):
        result = self.conn.call_sync(dest, path, iface, method, args,
                                     GLib.VariantType.new(reply) if reply else None,
                                     Gio.DBusCallFlags.NO_AUTO_START, timeout_ms, None)
        return result.unpack() if result is not None else None

    def get(self, dest, path, iface, prop):
        return self.call(dest, path, 'org.freedesktop.DBus.Properties', 'Get',
                         GLib.Variant('(ss)', (iface, prop)), '(v)')[0]

    def has_owner(self, name):
        return self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'NameHasOwner', GLib.Variant('(s)', (name,)), '(b)')[0]

    def pid_of(self, name):
        return self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'GetConnectionUnixProcessID', GLib.Variant('(s)', (name,)), '(u)')[0]

    def registered_items(self):
        if not self.has_owner(WATCHER):
            return []
        return self.get(WATCHER, '/StatusNotifierWatcher', WATCHER, 'RegisteredStatusNotifierItems')


class App:
    """memgauge from the build tree, logging to a file in the session folder."""

    def __init__(self, session, proc_root, name='memgauge', env=None, args=()):
        self.log_path = os.path.join(session, name + '.log')
        full_env = dict(os.environ)
        full_env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': required_env('MEMGAUGE_SCHEMA_DIR'),
            'MEMGAUGE_PROC_ROOT': proc_root,
            'G_MESSAGES_DEBUG': 'memgauge-app memgauge-tray memgauge-monitor memgauge-autostart',
            'G_DEBUG': 'fatal-criticals',
        })
        full_env.update(env or {})
        with open(self.log_path, 'wb') as log:
            self.proc = subprocess.Popen([required_env('MEMGAUGE_BIN'), *args], env=full_env,
                                         stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT)
        self.pid = self.proc.pid

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def wait(self, timeout=5):
        return self.proc.wait(timeout=timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cpu_seconds(self):
        with open(f'/proc/{self.pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


class TrayTest(unittest.TestCase):

    def setUp(self):
        self.session = required_env('MG_UI_SESSION_DIR')
        self.artefacts = required_env('MEMGAUGE_ARTEFACTS')
        os.makedirs(self.artefacts, exist_ok=True)
        self.bus = Bus()
        self.apps = []
        self.panel = None
        self.mock = None

        # Sample every second: the keyfile backend reads this file.
        settings = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings, exist_ok=True)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/memgauge/MemGauge]\nsample-interval=1\n')

        self.proc = ProcRoot(self.session, FIXTURE['low'])

    def tearDown(self):
        failed = self._failed()
        if failed:
            self.screenshot(self.id().split('.')[-1] + '-failure')
        for app in self.apps:
            app.stop()
            if failed:
                print(f'--- {app.log_path} ---\n{app.log()}', file=sys.stderr)
        if self.panel is not None:
            self.panel.terminate()
            self.panel.wait(timeout=5)
        if self.mock is not None:
            self.mock.terminate()
            self.mock.wait(timeout=5)

    def _failed(self):
        result = getattr(getattr(self, '_outcome', None), 'result', None)
        if result is None:
            return False
        return any(test is self for test, _ in list(result.failures) + list(result.errors))

    # --- helpers -----------------------------------------------------------------------

    def start_app(self, **kwargs):
        app = App(self.session, self.proc.path, **kwargs)
        self.apps.append(app)
        return app

    def start_panel(self):
        self.panel = subprocess.Popen(['xfce4-panel', '--disable-wm-check'],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        wait_for('the panel to own ' + WATCHER, lambda: self.bus.has_owner(WATCHER), 20)

    def start_notification_mock(self):
        """python-dbusmock's notification daemon, logging each call. Waited for with
        NameHasOwner: a call would bus-activate a real daemon."""
        log = os.path.join(self.session, 'notifications.log')
        self.mock = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--session',
                                      '-t', 'notification_daemon', '-l', log],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        wait_for('the notification mock', lambda: self.bus.has_owner(NOTIFICATIONS), 10)
        return log

    def wait_item(self, app, timeout=10):
        """The item the app registered with the watcher, as (bus name, object path)."""
        def find():
            for entry in self.bus.registered_items():
                name, _, path = entry.partition('/')
                if self.bus.pid_of(name) == app.pid:
                    return name, '/' + path
            return None
        return wait_for('the item to register with the watcher', find, timeout)

    def prop(self, item, name):
        return self.bus.get(item[0], item[1], SNI, name)

    def wait_prop(self, item, name, value, timeout=ONE_SAMPLE):
        return wait_for(f'{name} = {value!r}', lambda: self.prop(item, name) == value, timeout)

    def wait_level(self, item, level, timeout=ONE_SAMPLE):
        self.wait_prop(item, 'IconName', f'{APP_ID}-level-{level}', timeout)

    def menu_layout(self, item):
        path = self.prop(item, 'Menu')
        _, layout = self.bus.call(item[0], path, DBUSMENU, 'GetLayout',
                                  GLib.Variant('(iias)', (0, -1, [])), '(u(ia{sv}av))')
        return [(child[0], child[1]) for child in layout[2]]

    def menu_item(self, item, label):
        for item_id, props in self.menu_layout(item):
            if props.get('label') == label:
                return item_id, props
        self.fail(f'no menu item {label!r} in {self.menu_layout(item)!r}')

    def click(self, item, label):
        item_id, _ = self.menu_item(item, label)
        self.bus.call(item[0], self.prop(item, 'Menu'), DBUSMENU, 'Event',
                      GLib.Variant('(isvu)', (item_id, 'clicked', GLib.Variant('s', ''), 0)),
                      None)

    def screenshot(self, name):
        """The whole screen, as GdkPixbuf; also saved as an artefact."""
        path = os.path.join(self.artefacts, name + '.png')
        subprocess.run(['import', '-window', 'root', path], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return GdkPixbuf.Pixbuf.new_from_file(path)

    def assert_panel_shows(self, level, name):
        """Screenshots the panel and asserts that the tray icon in it has the level's
        colour and no other level's. Saves the panel strip and the icon, enlarged 8
        times, under MEMGAUGE_ARTEFACTS."""
        shot = self.screenshot(name + '-screen')
        width, stride, channels = shot.get_width(), shot.get_rowstride(), shot.get_n_channels()
        data = shot.get_pixels()

        def pixel(x, y):
            i = y * stride + x * channels
            return data[i], data[i + 1], data[i + 2]

        # The panel is along the top; Xvfb's root below it is black.
        height = 0
        while height < shot.get_height() and any(pixel(x, height) != (0, 0, 0)
                                                 for x in range(0, width, 4)):
            height += 1
        self.assertGreater(height, 10, 'no panel at the top of the screen')
        panel = shot.new_subpixbuf(0, 0, width, height)
        panel.savev(os.path.join(self.artefacts, name + '.png'), 'png', [], [])

        # The icon: what differs from the panel's background, leaving out the panel's
        # border lines (rows that differ across most of the width).
        counts = {}
        for y in range(height):
            for x in range(width):
                counts[pixel(x, y)] = counts.get(pixel(x, y), 0) + 1
        background = max(counts, key=counts.get)

        def differs(p):
            return sum(abs(a - b) for a, b in zip(p, background)) > 48

        box = None
        for y in range(height):
            row = [x for x in range(width) if differs(pixel(x, y))]
            if not row or len(row) > width // 2:
                continue
            x0, x1 = min(row), max(row)
            box = (x0, y, x1, y) if box is None else (min(box[0], x0), box[1], max(box[2], x1), y)
        self.assertIsNotNone(box, f'the panel shows no icon at level {level} (see {name}.png)')
        x0, y0, x1, y1 = box
        icon = panel.new_subpixbuf(x0, y0, x1 - x0 + 1, y1 - y0 + 1)
        icon.scale_simple(icon.get_width() * 8, icon.get_height() * 8,
                          GdkPixbuf.InterpType.NEAREST).savev(
            os.path.join(self.artefacts, name + '-icon-x8.png'), 'png', [], [])

        def near(p, colour):
            return all(abs(a - b) <= COLOUR_TOLERANCE for a, b in zip(p, colour))

        found = {lvl: 0 for lvl in COLOUR}
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                for lvl, colour in COLOUR.items():
                    if near(pixel(x, y), colour):
                        found[lvl] += 1
        self.assertLessEqual(x1 - x0, 40, f'icon region {box} is too wide for one icon')
        # The gauge's fill at the bottom middle of the chip, about (0.5 S, 0.8 S).
        spot = (x0 + (x1 - x0 + 1) // 2, y0 + round(0.8 * (y1 - y0 + 1)))
        self.assertTrue(near(pixel(*spot), COLOUR[level]),
                        f'the fill at {spot} in {box} is {pixel(*spot)}, not {level} '
                        f'{COLOUR[level]} (see {name}.png)')
        self.assertGreaterEqual(found[level], 6,
                                f'the icon at {box} lacks {level} pixels: {found} (see {name}.png)')
        # The chip's frame is neutral grey, like the unknown fill: only the four
        # colours of known levels must be absent.
        for other, n in found.items():
            if other not in (level, 'unknown'):
                self.assertLessEqual(n, 2, f'the {level} icon at {box} shows {other}: {found}')
        return found[level]

    # --- cases -------------------------------------------------------------------------

    def test_register(self):
        """The item registers with the watcher and says what it is."""
        app = self.start_app()
        item = self.wait_item(app)
        self.assertEqual(len(self.bus.registered_items()), 1)
        self.wait_level(item, 'low', timeout=5)
        self.assertEqual(self.prop(item, 'Title'), 'MemGauge')
        self.assertEqual(self.prop(item, 'Id'), APP_ID)
        self.assertEqual(self.prop(item, 'Status'), 'Active')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'), 'Memory pressure low: 98 % available')

    def test_host_present_quiet(self):
        """With a tray host there at start, nothing says there is none: no message, no
        "no-tray" notification, no gauge opened at login."""
        notifications = self.start_notification_mock()
        app = self.start_app()
        self.wait_item(app)
        time.sleep(1.5)
        log = app.log()
        self.assertNotIn('No panel tray host (', log)
        self.assertNotIn('app.show-gauge', log)
        with open(notifications) as f:
            self.assertNotIn('Notify', f.read())

    def test_levels(self):
        """The icon follows the fixture within one sample, and survives a broken one."""
        app = self.start_app()
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)

        self.proc.set(FIXTURE['high'])
        self.wait_level(item, 'high')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'), 'Memory pressure high: 15 % available')
        self.assertEqual(self.prop(item, 'Status'), 'Active')

        self.proc.set(FIXTURE['critical'])
        self.wait_level(item, 'critical')
        self.wait_prop(item, 'Status', 'NeedsAttention')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'),
                         'Memory pressure critical: 8 % available')
        # Panels show the attention icon in that state: it must be the same one.
        self.assertEqual(self.prop(item, 'AttentionIconName'), f'{APP_ID}-level-critical')

        self.proc.set(FIXTURE['unknown'])
        self.wait_level(item, 'unknown')
        self.assertEqual(self.prop(item, 'Status'), 'Active')
        self.assertIn('unknown', self.prop(item, 'IconAccessibleDesc'))

        self.proc.set(FIXTURE['low'])
        self.wait_level(item, 'low')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'), 'Memory pressure low: 98 % available')
        self.assertEqual(app.proc.poll(), None)

    def test_menu(self):
        """The menu a person opens: the live header and the items, with mnemonics."""
        app = self.start_app()
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)

        layout = self.menu_layout(item)
        shown = [props.get('label') if props.get('type') != 'separator' else '---'
                 for _, props in layout if props.get('visible', True)]
        # These in this order; a later feature may add items between them.
        wanted = ['Memory 2 % used · No swap', '---', '_Show Memory Gauge', 'S_wappiness…',
                  'Start at _Login', '---', '_Quit']
        self.assertEqual(shown[:3], wanted[:3], shown)
        self.assertEqual(shown[-2:], wanted[-2:], shown)
        rest = iter(shown)
        self.assertTrue(all(label in rest for label in wanted), f'{wanted} not in order in {shown}')
        # Every clickable item has its own mnemonic.
        clickable = [label for label in shown[2:] if label != '---']
        self.assertEqual([label for label in clickable if '_' not in label], [],
                         'menu items without a mnemonic')
        keys = [label[label.index('_') + 1].lower() for label in clickable]
        self.assertEqual(len(keys), len(set(keys)), f'mnemonics clash in {shown}')
        self.assertEqual(expected_header(FIXTURE['low']), 'Memory 2 % used · No swap')
        header = layout[0][1]
        self.assertFalse(header.get('enabled', True), 'the header must not be clickable')
        _, login = self.menu_item(item, 'Start at _Login')
        self.assertEqual(login.get('toggle-type'), 'checkmark')
        self.assertEqual(login.get('toggle-state'), 0)

        for level in ('critical', 'medium', 'high'):
            self.proc.set(FIXTURE[level])
            self.wait_level(item, level)
            want = expected_header(FIXTURE[level])
            wait_for(f'the header {want!r}',
                     lambda: self.menu_layout(item)[0][1].get('label') == want, ONE_SAMPLE)
        self.assertEqual(expected_header(FIXTURE['critical']), 'Memory 92 % used · Swap 13 %')

    def test_menu_quit(self):
        """Quit in the menu ends the app with status 0."""
        app = self.start_app()
        item = self.wait_item(app)
        self.click(item, '_Quit')
        self.assertEqual(app.wait(), 0)
        wait_for('the item to leave the watcher', lambda: not self.bus.registered_items(), 5)

    def test_panel_colours_uninstalled(self):
        """Run from the build tree, the panel finds the icons through IconThemePath and
        shows each level's colour."""
        app = self.start_app()
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)
        theme_path = self.prop(item, 'IconThemePath')
        try:
            self.check_colours(item, 'uninstalled')
        except AssertionError as e:
            raise AssertionError(f'{e}\nThe item\'s IconThemePath is {theme_path!r}') from None
        # The panel is another process: only this path leads it to the uninstalled icons.
        self.assertEqual(os.path.realpath(theme_path or '/nonexistent'),
                         os.path.realpath(required_env('MEMGAUGE_ICON_DIR')))

    def test_panel_colours_installed(self):
        """With the icons installed (here in $XDG_DATA_HOME/icons/hicolor, as
        `meson install` lays them out) the panel shows each level's colour."""
        icons = os.path.join(os.environ['XDG_DATA_HOME'], 'icons', 'hicolor')
        shutil.copytree(os.path.join(required_env('MEMGAUGE_ICON_DIR'), 'hicolor'), icons)
        self.start_panel()
        app = self.start_app()
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)
        self.check_colours(item, 'installed')

    def check_colours(self, item, variant):
        fill = {}
        for level in ('low', 'medium', 'high', 'critical', 'unknown'):
            self.proc.set(FIXTURE[level])
            self.wait_level(item, level)
            # Give the panel a moment to load and paint the new icon.
            time.sleep(0.7)
            fill[level] = self.assert_panel_shows(level, f'tray-{variant}-{level}')
        # The gauge fills up as pressure rises, so colour is never the only signal.
        self.assertLess(fill['low'], fill['medium'])
        self.assertLess(fill['medium'], fill['high'])
        self.assertLess(fill['high'], fill['critical'])

    def test_single_instance(self):
        """A second launch exits 0, adds no icon and makes the first show the gauge (its
        show_gauge logs "app.show-gauge" with G_MESSAGES_DEBUG=memgauge-app)."""
        app = self.start_app()
        item = self.wait_item(app)
        before = app.log().count('app.show-gauge')
        second = self.start_app(name='memgauge-second')
        self.assertEqual(second.wait(timeout=10), 0, second.log())
        wait_for('the first instance to run app.show-gauge',
                 lambda: app.log().count('app.show-gauge') == before + 1, 5)
        time.sleep(0.5)
        self.assertEqual(len(self.bus.registered_items()), 1)
        self.assertEqual(self.wait_item(app), item)
        self.assertIsNone(app.proc.poll())

    def gauge_viewable(self):
        """Whether the gauge window ("Memory") is mapped on the Xvfb screen."""
        info = subprocess.run(['xwininfo', '-name', 'Memory'], capture_output=True, text=True)
        return info.returncode == 0 and 'Map State: IsViewable' in info.stdout

    def test_entry_points(self):
        """The gauge opens from the menu, the icon's middle click (SecondaryActivate) and
        `memgauge --show` in a running session; each runs app.show-gauge once."""
        app = self.start_app()
        item = self.wait_item(app)
        self.assertFalse(self.gauge_viewable())

        def shows(what, action):
            before = app.log().count('app.show-gauge')
            action()
            wait_for(what + ' to run app.show-gauge',
                     lambda: app.log().count('app.show-gauge') == before + 1, 5)

        shows('"Show Memory Gauge"', lambda: self.click(item, '_Show Memory Gauge'))
        wait_for('the gauge window on screen', self.gauge_viewable, 5)

        shows('a middle click', lambda: self.bus.call(
            item[0], item[1], SNI, 'SecondaryActivate', GLib.Variant('(ii)', (10, 10)), None))

        second = self.start_app(name='memgauge-show', args=['--show'])
        shows('memgauge --show', lambda: self.assertEqual(second.wait(timeout=10), 0,
                                                          second.log()))
        self.assertTrue(self.gauge_viewable())
        self.assertEqual(len(self.bus.registered_items()), 1)

    def test_sigterm(self):
        app = self.start_app()
        self.wait_item(app)
        app.proc.send_signal(signal.SIGTERM)
        self.assertEqual(app.wait(), 0)

    def test_sigint(self):
        app = self.start_app()
        self.wait_item(app)
        app.proc.send_signal(signal.SIGINT)
        self.assertEqual(app.wait(), 0)

    def test_app_quit_action(self):
        """app.quit through org.gtk.Actions on the app's bus name ends it with status 0."""
        app = self.start_app()
        self.wait_item(app)
        wait_for('the app to own ' + APP_ID, lambda: self.bus.has_owner(APP_ID), 5)
        self.assertEqual(self.bus.pid_of(APP_ID), app.pid)
        self.bus.call(APP_ID, APP_PATH, 'org.gtk.Actions', 'Activate',
                      GLib.Variant('(sava{sv})', ('quit', [], {})), None)
        self.assertEqual(app.wait(), 0)

    def test_no_host(self):
        """Without a tray host the app keeps sampling, says so once, and its item shows the
        current level as soon as a panel starts."""
        notifications = self.start_notification_mock()
        self.assertFalse(self.bus.has_owner(WATCHER))
        app = self.start_app()
        wait_for('the app to own ' + APP_ID, lambda: self.bus.has_owner(APP_ID), 10)
        cpu_start = app.cpu_seconds()

        # Still sampling: each sample of a broken file logs its error.
        self.proc.set(FIXTURE['unknown'])
        wait_for('two failed samples',
                 lambda: app.log().count('Cannot sample memory') >= 2, 3 * ONE_SAMPLE)
        self.proc.set(FIXTURE['high'])
        time.sleep(ONE_SAMPLE)
        self.assertIsNone(app.proc.poll())
        cpu = app.cpu_seconds() - cpu_start
        self.assertLess(cpu, 0.5, f'{cpu} s of CPU while waiting for a host: a busy loop?')

        self.start_panel()
        item = self.wait_item(app, timeout=5)
        self.assertEqual(self.prop(item, 'IconName'), f'{APP_ID}-level-high')
        time.sleep(1)
        self.assertEqual(self.prop(item, 'IconName'), f'{APP_ID}-level-high')

        log = app.log()
        self.assertEqual(log.count('No panel tray host (org.kde.StatusNotifierWatcher)'), 1, log)
        noise = [line for line in log.splitlines()
                 if re.search(r'-(WARNING|CRITICAL)\b', line)]
        self.assertEqual(noise, [], 'warnings without a tray host')
        with open(notifications) as f:
            calls = f.read()
        no_tray = [line for line in calls.splitlines()
                   if ' Notify ' in line and 'MemGauge is running without a panel icon' in line]
        self.assertEqual(len(no_tray), 1, calls)
        # It was the first notification, so the mock gave it id 1; attached, the app
        # withdraws it.
        self.assertIn(' Notify ', calls.splitlines()[0])
        self.assertIn('without a panel icon', calls.splitlines()[0])
        wait_for('the no-tray notification to be withdrawn',
                 lambda: ' CloseNotification 1\n' in open(notifications).read(), 5)

    def autostart_path(self):
        return os.path.join(os.environ['XDG_CONFIG_HOME'], 'autostart', APP_ID + '.desktop')

    def toggle_state(self, item):
        return self.menu_item(item, 'Start at _Login')[1].get('toggle-state')

    def test_autostart(self):
        """Start at Login writes and removes the autostart file, and the check mark
        follows the file, also when something else changes it."""
        path = self.autostart_path()
        app = self.start_app()
        item = self.wait_item(app)
        self.assertFalse(os.path.exists(path))
        self.assertEqual(self.toggle_state(item), 0)

        self.click(item, 'Start at _Login')
        wait_for('the autostart file', lambda: os.path.exists(path), 5)
        keyfile = GLib.KeyFile()
        keyfile.load_from_file(path, GLib.KeyFileFlags.NONE)
        argv = GLib.shell_parse_argv(keyfile.get_string('Desktop Entry', 'Exec'))[1]
        program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0])
        self.assertTrue(program and os.access(program, os.X_OK),
                        f'Exec={argv[0]!r} is not a program that exists')
        self.assertEqual(os.path.realpath(program), os.path.realpath(required_env('MEMGAUGE_BIN')))
        self.assertEqual(keyfile.get_string('Desktop Entry', 'Type'), 'Application')
        validate = subprocess.run(['desktop-file-validate', path], capture_output=True, text=True)
        self.assertEqual(validate.returncode, 0, validate.stdout + validate.stderr)
        wait_for('the check mark', lambda: self.toggle_state(item) == 1, 5)

        self.click(item, 'Start at _Login')
        wait_for('the autostart file to go', lambda: not os.path.exists(path), 5)
        wait_for('the check mark to clear', lambda: self.toggle_state(item) == 0, 5)

        # Another tool (a session settings panel) edits the folder.
        with open(path, 'w') as f:
            f.write(f'[Desktop Entry]\nType=Application\nName=MemGauge\n'
                    f'Exec={required_env("MEMGAUGE_BIN")}\n')
        wait_for('the check mark after an outside write', lambda: self.toggle_state(item) == 1, 5)
        with open(path, 'a') as f:
            f.write('Hidden=true\n')
        wait_for('the check mark after Hidden=true', lambda: self.toggle_state(item) == 0, 5)
        os.unlink(path)
        time.sleep(0.5)
        self.assertEqual(self.toggle_state(item), 0)
        with open(path, 'w') as f:
            f.write('[Desktop Entry]\nType=Application\nName=MemGauge\nExec=memgauge\n')
        wait_for('the check mark after a new file', lambda: self.toggle_state(item) == 1, 5)
        os.unlink(path)
        wait_for('the check mark after removal', lambda: self.toggle_state(item) == 0, 5)

    def test_autostart_new_folder(self):
        """In a fresh home there is no autostart folder yet: a file that another tool
        creates there later still sets the check mark."""
        path = self.autostart_path()
        self.assertFalse(os.path.exists(os.path.dirname(path)))
        app = self.start_app()
        item = self.wait_item(app)
        os.makedirs(os.path.dirname(path))
        with open(path, 'w') as f:
            f.write('[Desktop Entry]\nType=Application\nName=MemGauge\nExec=memgauge\n')
        wait_for('the check mark', lambda: self.toggle_state(item) == 1, 10)


class NoDisplayTest(unittest.TestCase):

    def test_no_display(self):
        """Without a display: one line on stderr, nothing on stdout, non-zero exit."""
        env = {k: v for k, v in os.environ.items()
               if k not in ('DISPLAY', 'WAYLAND_DISPLAY')}
        with tempfile.TemporaryDirectory() as home:
            env.update({'XDG_RUNTIME_DIR': home, 'HOME': home,
                        'GSETTINGS_SCHEMA_DIR': required_env('MEMGAUGE_SCHEMA_DIR')})
            result = subprocess.run([required_env('MEMGAUGE_BIN')], env=env, timeout=20,
                                    stdin=subprocess.DEVNULL, capture_output=True, text=True)
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(result.stdout, '')
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn('display', lines[0])


if __name__ == '__main__':
    unittest.main(verbosity=2)
