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
from gi.repository import GdkPixbuf, GLib  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import (APP_ID, APP_PATH, COLOUR, COLOUR_TOLERANCE, FIXTURE, ONE_SAMPLE,  # noqa: E402
                    PSI_HOLD, SNI, WATCHER,
                    required_env, wait_for)

NO_TRAY_CASES = ('test_no_host', 'test_panel_colours_installed')


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


class TrayTest(mgtest.TrayTestCase):

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

        # The critical fixture's stalls (full avg10 44.6 %) hold high for PSI_HOLD after
        # they were last seen, with memory plentiful: the words say who waits.
        self.proc.set(FIXTURE['low'])
        self.wait_level(item, 'high')
        self.assertEqual(self.prop(item, 'IconAccessibleDesc'),
                         'Memory pressure high: programs are waiting for memory, 98 % available')
        self.wait_level(item, 'low', timeout=PSI_HOLD + ONE_SAMPLE)
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

        # Critical last: its stalls would hold high over the levels after it for PSI_HOLD.
        for level in ('medium', 'high', 'critical'):
            self.proc.set(FIXTURE[level])
            self.wait_level(item, level)
            want = expected_header(FIXTURE[level])
            wait_for(f'the header {want!r}',
                     lambda: self.menu_layout(item)[0][1].get('label') == want, ONE_SAMPLE)
        self.assertEqual(expected_header(FIXTURE['critical']), 'Memory 92 % used · Swap 13 %')

    def test_figures(self):
        """Words and figures agree: the tooltip's available and the menu's used add up to
        100, and a figure never sits on the other side of its level's threshold. Stalls
        alone say that programs are waiting for memory."""
        app = self.start_app()
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)

        def shows(level, description, header):
            self.wait_level(item, level)
            self.wait_prop(item, 'IconAccessibleDesc', description)
            wait_for(f'the header {header!r}',
                     lambda: self.menu_layout(item)[0][1].get('label') == header, ONE_SAMPLE)

        # 10.3 % is above the 10 % line: high, so 11 % (not "high: 10 %"), and 89 % used.
        self.proc.set_memory(0.103, total_kib=1000000)
        shows('high', 'Memory pressure high: 11 % available', 'Memory 89 % used · No swap')

        # 97.5 % with stalls from elsewhere: 98 % available, 2 % used (not 3), and the
        # words say who waits rather than that memory is short.
        self.proc.set_memory(0.975, total_kib=1000000)
        self.proc.set_psi(30.0, 12.0)
        shows('high', 'Memory pressure high: programs are waiting for memory, 98 % available',
              'Memory 2 % used · No swap')

        # Critical at 9 %, then 11.5 % held by the margin: still 10 % or less in words.
        self.proc.set_psi(0.0, 0.0)
        self.proc.set_memory(0.09, total_kib=1000000)
        shows('critical', 'Memory pressure critical: 9 % available', 'Memory 91 % used · No swap')
        self.proc.set_memory(0.115, total_kib=1000000)
        time.sleep(ONE_SAMPLE)
        shows('critical', 'Memory pressure critical: 10 % available',
              'Memory 90 % used · No swap')

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
