#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""MemGauge in German and in French: the real memgauge binary under LANG=de_DE.UTF-8 and
LANGUAGE=de (or fr_FR.UTF-8 and fr) shows translated text in every place a person reads it.

The expected text comes from the very catalog the app loads (the build's
po/LANG/LC_MESSAGES/memgauge.mo, read with Python's gettext), so the cases check that the
translations reach the screen, not the wording: a string that has a translation must never be
seen in English, and what is seen must be the translation.

- CliTest: `--print` and `--help` (no display needed), and `--json`, which stays the same in
  every language but for its reason, a sentence for people;
- UiTest, through tests/lib/ui-session.sh --tray: the tray menu as the panel reads it over
  dbusmenu; the gauge window, the swappiness dialog and the settings window as AT-SPI reads
  them; a pressure notification as python-dbusmock's notification daemon receives it.

The installed LOCALEDIR is not filled in a build tree, so the app runs with LD_PRELOAD of
tests/lib/mg-test-localedir.c, which binds the memgauge domain to the build's po/ folder.

Environment (meson sets it): MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES,
MEMGAUGE_LOCALEDIR (the build's po/), MEMGAUGE_LOCALEDIR_PRELOAD (the shim),
MEMGAUGE_I18N_LANG (de or fr), MEMGAUGE_ARTEFACTS; MEMGAUGE_TEST_NO_SKIP=1 turns a missing
locale into a failure.
"""

import gettext
import json
import os
import re
import subprocess
import sys
import time
import unittest

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import (APP_ID, DBUSMENU, MOCK_IFACE, NOTIFICATIONS, SNI, WATCHER,  # noqa: E402
                    required_env, wait_for)

LOCALES = {'de': 'de_DE.UTF-8', 'fr': 'fr_FR.UTF-8'}
SKIP = 77
# A printf conversion as MemGauge's strings use them, or a literal %%.
CONVERSION = r'%%|%[-+#0]*\d*(?:\.\d+)?(?:l|ll|h|z)?[sdufgi]'

LANG = required_env('MEMGAUGE_I18N_LANG')


def locale_available(name):
    """Whether glibc has @name (de_DE.UTF-8 is listed by `locale -a` as de_DE.utf8)."""
    listed = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.split()
    return name.split('.')[0] + '.utf8' in listed


class Catalog:
    """The app's catalog for LANG, and what a translated string may look like on screen."""

    def __init__(self, lang):
        self.t = gettext.translation('memgauge', required_env('MEMGAUGE_LOCALEDIR'), [lang])
        # msgid -> msgstr for singular messages with a context stripped; plural forms as
        # (msgid, n) keys are left out: they are checked through their patterns below.
        self.pairs = {}
        for key, value in self.t._catalog.items():
            if isinstance(key, str) and key:
                self.pairs[key.split('\x04', 1)[-1]] = value
        self.plurals = [value for key, value in self.t._catalog.items() if isinstance(key, tuple)]
        # The strings that differ from English: seeing their msgid means a missing
        # translation. Single words that are the same in both (MemGauge, PSS) are left out.
        self.changed = {k: v for k, v in self.pairs.items() if k != v}

    def gettext(self, msgid):
        return self.t.gettext(msgid)

    def pgettext(self, context, msgid):
        return self.t.pgettext(context, msgid)

    @staticmethod
    def pattern(fmt):
        """A printf format as a regex for what it prints: any value for each conversion."""
        out = ''
        for part in re.split('(' + CONVERSION + ')', fmt):
            if part == '%%':
                out += '%'
            elif re.fullmatch(CONVERSION, part):
                out += '.+?'
            else:
                out += re.escape(part)
        return re.compile(out + r'\Z', re.S)

    @staticmethod
    def literal_letters(fmt):
        return len(re.sub('(' + CONVERSION + r')|[^A-Za-zÀ-ÿ]', '', fmt))

    def translated_match(self, text):
        """The msgid whose translation @text is (formats match any values), or None."""
        text = text.strip()
        for msgid, msgstr in list(self.pairs.items()) + [(p, p) for p in self.plurals]:
            if self.literal_letters(msgstr) < 3:
                continue
            if text == msgstr.strip() or ('%' in msgstr and
                                          self.pattern(msgstr.strip()).match(text)):
                return msgid
        return None

    def english_match(self, text):
        """The msgid that @text is in English although it has a different translation."""
        text = text.strip()
        for msgid, msgstr in self.changed.items():
            if self.literal_letters(msgid) < 3:
                continue
            if self.pattern(msgid.strip()).match(text) and not self.pattern(
                    msgstr.strip()).match(text):
                return msgid
        return None


def app_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith('LC_')}
    env.update({
        'LANG': LOCALES[LANG],
        'LANGUAGE': LANG,
        'LD_PRELOAD': required_env('MEMGAUGE_LOCALEDIR_PRELOAD'),
        'MEMGAUGE_TEST_LOCALEDIR': required_env('MEMGAUGE_LOCALEDIR'),
        'GSETTINGS_SCHEMA_DIR': required_env('MEMGAUGE_SCHEMA_DIR'),
        'G_DEBUG': 'fatal-criticals',
    })
    env.update(extra or {})
    return env


def english_env(extra=None):
    env = app_env(extra)
    env.update({'LANG': 'C.UTF-8', 'LANGUAGE': ''})
    return env


class I18nTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not locale_available(LOCALES[LANG]):
            message = (f'the locale {LOCALES[LANG]} is not generated: build-aux/packages.sh '
                       f'does it (mg_generate_locales $MG_TEST_LOCALES)')
            if os.environ.get('MEMGAUGE_TEST_NO_SKIP') == '1':
                raise AssertionError(message)
            print('SKIP: ' + message, file=sys.stderr)
            sys.exit(SKIP)
        cls.catalog = Catalog(LANG)

    def assert_translated(self, texts, what, at_least):
        """Every text with a translation is translated, and at least @at_least are."""
        english = [(t, m) for t in texts for m in [self.catalog.english_match(t)] if m]
        self.assertEqual(english, [], f'{what} shows English text (text, msgid)')
        translated = [t for t in texts if self.catalog.translated_match(t)]
        self.assertGreaterEqual(len(translated), at_least,
                                f'{what}: too few translated texts in {texts!r}')
        return translated


class CliTest(I18nTestCase):
    """No display: --print, --help and --json."""

    def run_app(self, args, env, proc=None):
        if proc is not None:
            env = dict(env, MEMGAUGE_PROC_ROOT=proc)
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
        run = subprocess.run([required_env('MEMGAUGE_BIN')] + args, capture_output=True,
                             text=True, env=env, timeout=30)
        self.assertEqual(run.returncode, 0, run.stderr)
        return run.stdout

    def fixture(self, name):
        return os.path.join(required_env('MEMGAUGE_FIXTURES'), name)

    def test_print(self):
        proc = self.fixture('linux-6.18-critical-swapping')
        shown = self.run_app(['--print'], app_env(), proc)
        english = self.run_app(['--print'], english_env(), proc)
        lines = shown.splitlines()
        self.assertEqual(len(lines), len(english.splitlines()), shown)
        # The first line is the level in words, the rest "Label: value" lines.
        self.assertEqual(lines[0], self.catalog.gettext('Critical pressure'))
        self.assert_translated(lines, '--print', at_least=len(lines))
        # A line may read as in English only where the translation is the same word
        # (German keeps "Swappiness: 60").
        for line, line_en in zip(lines, english.splitlines()):
            if line == line_en:
                self.assertTrue(any(msgid == msgstr and self.catalog.pattern(msgstr.strip())
                                    .match(line) for msgid, msgstr in self.catalog.pairs.items()
                                    if self.catalog.literal_letters(msgstr) >= 3),
                                f'{line!r} is not translated')
        print(shown)

    def test_help(self):
        def options(text):
            found = {}
            for line in text.splitlines():
                match = re.match(r'^\s+(?:-\w, )?(--[a-z-]+)(?:=\S+)?\s{2,}(.*)$', line)
                if match:
                    found[match.group(1)] = match.group(2).strip()
            return found

        shown = self.run_app(['--help'], app_env())
        english = self.run_app(['--help'], english_env())
        ours = {opt: desc for opt, desc in options(english).items()
                if desc in self.catalog.pairs}
        self.assertGreaterEqual(len(ours), 5, english)
        translated = options(shown)
        for option, description in ours.items():
            self.assertEqual(translated.get(option), self.catalog.gettext(description),
                             f'{option} in --help:\n{shown}')
        summary = 'Show memory pressure in the panel.'
        self.assertIn(summary, english)
        self.assertIn(self.catalog.gettext(summary), shown)
        self.assertNotEqual(self.catalog.gettext(summary), summary)
        print(shown)

    def test_json(self):
        """Scripts read --json: keys, level words and numbers are the same in every
        language (no decimal commas); only the reason, written for people, is translated."""
        proc = self.fixture('linux-6.18-high')
        shown = json.loads(self.run_app(['--json'], app_env(), proc))
        english = json.loads(self.run_app(['--json'], english_env(), proc))
        reason, reason_en = shown.pop('reason'), english.pop('reason')
        self.assertEqual(shown, english)
        self.assertEqual(shown['pressure_level'], 'high')
        self.assert_translated([reason], 'the reason in --json', at_least=1)
        self.assertNotEqual(reason, reason_en)


class UiTest(I18nTestCase):
    """In a ui-session with a tray host (tests/lib/ui-session.sh --tray)."""

    def setUp(self):
        self.session = required_env('MG_UI_SESSION_DIR')
        self.bus = mgtest.Bus()
        self.procs = []
        self.app = None
        self.log_path = os.path.join(self.session, 'memgauge.log')
        settings = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings, exist_ok=True)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/memgauge/MemGauge]\nsample-interval=1\n')
        self.root = mgtest.ProcRoot(self.session, 'linux-6.18-idle')
        self.proc_root = self.root.path

    def tearDown(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if mgtest.failed(self):
            mgtest.save_screenshot(os.path.join(
                required_env('MEMGAUGE_ARTEFACTS'),
                f'i18n-{LANG}-{self.id().split(".")[-1]}-failure.png'))
            if os.path.exists(self.log_path):
                with open(self.log_path, encoding='utf-8', errors='replace') as f:
                    print('--- memgauge log ---\n' + f.read(), file=sys.stderr)

    def set_fixture(self, name):
        """Replaces every file of the private proc root atomically."""
        self.root.set(name)

    def start_app(self):
        env = app_env({'GSETTINGS_BACKEND': 'keyfile', 'MEMGAUGE_PROC_ROOT': self.proc_root,
                       'G_MESSAGES_DEBUG': 'memgauge-app memgauge-notifier'})
        with open(self.log_path, 'ab') as log:
            self.app = subprocess.Popen([required_env('MEMGAUGE_BIN')], env=env,
                                        stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=subprocess.STDOUT)
        self.procs.append(self.app)
        wait_for('memgauge to own ' + APP_ID, lambda: self.app.poll() is not None or
                 self.bus.has_owner(APP_ID), 20)
        self.assertIsNone(self.app.poll(), 'memgauge exited')

    def activate(self, action):
        self.bus.activate(action)

    # --- tray ----------------------------------------------------------------------------

    def wait_item(self):
        def find():
            if not self.bus.has_owner(WATCHER):
                return None
            for entry in self.bus.get(WATCHER, '/StatusNotifierWatcher', WATCHER,
                                      'RegisteredStatusNotifierItems'):
                name, _, path = entry.partition('/')
                if self.bus.pid_of(name) == self.app.pid:
                    return name, '/' + path
            return None
        return wait_for('the tray item', find, 10)

    def test_tray_menu(self):
        self.start_app()
        name, path = self.wait_item()
        catalog = self.catalog
        low = catalog.pgettext('level', 'low')
        wait_for('the level low', lambda: self.bus.get(name, path, SNI, 'IconName') ==
                 f'{APP_ID}-level-low', 5)

        description = self.bus.get(name, path, SNI, 'IconAccessibleDesc')
        self.assertRegex(description,
                         catalog.pattern(catalog.gettext('Memory pressure %s: %.0f %% available')))
        self.assertIn(low, description)

        menu = self.bus.get(name, path, SNI, 'Menu')
        _, layout = self.bus.call(name, menu, DBUSMENU, 'GetLayout',
                                  GLib.Variant('(iias)', (0, -1, [])), '(u(ia{sv}av))')
        labels = [child[1].get('label') for child in layout[2]
                  if child[1].get('type') != 'separator' and child[1].get('visible', True)]
        print(f'tray menu ({LANG}): {labels!r}')
        # The idle fixture: 2 % of memory used, no swap.
        self.assertEqual(labels[0], catalog.gettext('Memory %u %% used · No swap') % 2)
        self.assert_translated(labels, 'the tray menu', at_least=len(labels))
        self.assertGreaterEqual(len(labels), 5)

    # --- windows -------------------------------------------------------------------------

    def accessible_app(self):
        def find():
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                app = desktop.get_child_at_index(i)
                try:
                    if app is not None and app.get_process_id() == self.app.pid:
                        return app
                except GLib.Error:
                    continue
            return None
        return wait_for('memgauge on the accessibility bus', find, 15, interval=0.3)

    def showing_windows(self):
        app = self.accessible_app()
        found = []
        for i in range(app.get_child_count()):
            child = app.get_child_at_index(i)
            try:
                if child is not None and child.get_state_set().contains(
                        Atspi.StateType.SHOWING):
                    found.append(child)
            except GLib.Error:
                continue
        return found

    def open_window(self, action):
        """Activates app.@action and returns the window that it shows."""
        before = {self.window_key(w) for w in self.showing_windows()}
        self.activate(action)
        return wait_for(f'a window from app.{action}', lambda: next(
            (w for w in self.showing_windows() if self.window_key(w) not in before), None),
            10, interval=0.2)

    @staticmethod
    def window_key(window):
        return window.get_name(), window.get_role()

    @staticmethod
    def texts(node, depth=0):
        """The names of everything showing in @node, and its labels' and buttons' texts."""
        found = []
        if depth > 40 or node is None:
            return found
        try:
            states = node.get_state_set()
            if not states.contains(Atspi.StateType.SHOWING):
                return found
            name = node.get_name()
            if name:
                found.append(name)
            for i in range(node.get_child_count()):
                found += UiTest.texts(node.get_child_at_index(i), depth + 1)
        except GLib.Error:
            pass
        return found

    def check_window(self, action, at_least):
        window = self.open_window(action)
        time.sleep(1)
        title = window.get_name()
        texts = [t for t in dict.fromkeys(self.texts(window)) if t.strip()]
        print(f'app.{action} window ({LANG}): {texts!r}')
        self.assertIsNotNone(self.catalog.translated_match(title),
                             f'app.{action}: the window title {title!r} is not translated')
        self.assert_translated(texts, f'the app.{action} window', at_least)

    def test_windows(self):
        Atspi.init()
        self.start_app()
        self.wait_item()
        self.check_window('show-gauge', at_least=10)
        self.check_window('swappiness', at_least=5)
        self.check_window('preferences', at_least=5)

    # --- notification --------------------------------------------------------------------

    def test_notification(self):
        log = os.path.join(self.session, 'notifications.log')
        mock = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock', '--session', '-t',
                                 'notification_daemon', '-l', log],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(mock)
        # Never call the notification name to see whether it is up: that could start a real
        # daemon.
        wait_for('the mock notification daemon', lambda: self.bus.has_owner(NOTIFICATIONS), 10)
        self.start_app()
        self.wait_item()
        self.set_fixture('linux-6.18-high')

        def pressure_notifications():
            calls = self.bus.call(NOTIFICATIONS, '/org/freedesktop/Notifications', MOCK_IFACE,
                                  'GetCalls', None, '(a(tsav))')[0]
            return [args for _, method, args in calls if method == 'Notify']
        summary = self.catalog.gettext('Memory pressure is high')
        notes = wait_for('a pressure notification',
                         lambda: [n for n in pressure_notifications() if n[3] == summary], 10)
        _, _, _, summary_shown, body, actions, hints, _ = notes[0]
        print(f'notification ({LANG}): {summary_shown!r}\n{body}\nactions {actions!r}')
        self.assertNotEqual(summary, 'Memory pressure is high')
        self.assertIn(self.catalog.gettext('Save your work and close applications you do '
                                           'not need.'), body)
        labels = actions[1::2]
        self.assertIn(self.catalog.gettext('Show Details'), labels)
        self.assertIn(self.catalog.gettext('Snooze for 1 Hour'), labels)
        # What happens and what to do: two lines since the body gives no figures.
        self.assert_translated([line for line in body.splitlines() if line], 'the notification',
                               at_least=2)
        self.assert_translated([label for label in labels if label], 'the notification buttons',
                               at_least=2)


if __name__ == '__main__':
    unittest.main(verbosity=2)
