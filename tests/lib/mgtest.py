#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers shared by MemGauge's Python tests, defined once: environment, polling, the
session bus, a private proc root, the app under test, screenshots and X windows.

Test files import it after putting this folder on sys.path:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
    import mgtest  # noqa: E402
"""

import ctypes
import ctypes.util
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
import unittest

import gi

gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf, Gio, GLib  # noqa: E402

APP_ID = 'io.github.memgauge.MemGauge'
APP_PATH = '/io/github/memgauge/MemGauge'
API = 'io.github.memgauge.MemGauge1'
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
# How long a level raised by stalls (PSI) outlasts them (MG_LEVEL_PSI_HOLD_US): after a
# fixture with stalls, a lower level shows this much later.
PSI_HOLD = 30.0
# A program's start-up, up to its first output: seconds under ASan on a busy machine.
START_UP = 10.0
MOCK_IFACE = 'org.freedesktop.DBus.Mock'

def required_env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this through meson test (see the docstring)')
    return value


def sample_json(root):
    """What `memgauge --json` prints for @root without what only it adds: `groups` (the
    control groups, scanned on request), `sysctl` (read once by the command line) and
    `swap_devices`, `zram` and `zswap` (read on request): the sample as the app's D-Bus API
    and `--follow` have it."""
    result = subprocess.run([required_env('MEMGAUGE_BIN'), '--json'], capture_output=True,
                            text=True, env=dict(os.environ, MEMGAUGE_PROC_ROOT=root), check=True)
    data = json.loads(result.stdout)
    data.pop('groups')
    data.pop('sysctl')
    for key in ('swap_devices', 'zram', 'zswap'):
        data.pop(key)
    return data


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


def failed(test):
    """Whether a unittest case has failed or errored so far (for tearDown)."""
    result = getattr(getattr(test, '_outcome', None), 'result', None)
    if result is None:
        return False
    return any(t is test for t, _ in list(result.failures) + list(result.errors))


def save_screenshot(path, env=None):
    """Saves the whole X screen as a PNG at path (ImageMagick's import); returns path."""
    display = (env or os.environ).get('DISPLAY')
    args = ['import'] + (['-display', display] if display else []) + ['-window', 'root', path]
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return path


def cpu_seconds(pid):
    """User plus system CPU time of a process, in seconds."""
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')



class ProcRoot:
    """A private copy of a fixture that tests rewrite to change the level."""

    def __init__(self, parent, case):
        self.path = os.path.join(parent, 'proc')
        shutil.copytree(os.path.join(required_env('MEMGAUGE_FIXTURES'), case), self.path,
                        dirs_exist_ok=True)

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

    def write(self, name, text):
        """Replaces the file @name (relative to the root) with @text, atomically."""
        path = os.path.join(self.path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = os.path.join(os.path.dirname(path), '.' + os.path.basename(path) + '.new')
        with open(tmp, 'w', encoding='ascii') as f:
            f.write(text)
        os.replace(tmp, path)

    def read(self, name):
        with open(os.path.join(self.path, name), encoding='ascii') as f:
            return f.read()

    @staticmethod
    def _set_key(text, key, kib):
        """@text with the meminfo line of @key set to @kib (added when missing)."""
        line = '%s: %15d kB' % (key, kib)
        text, n = re.subn(r'^%s:\s+\d+ kB$' % re.escape(key), line, text, count=1, flags=re.M)
        return text if n else text + line + '\n'

    def meminfo_kib(self, key):
        match = re.search(r'^%s:\s+(\d+) kB$' % re.escape(key), self.read('meminfo'), re.M)
        return int(match.group(1)) if match else None

    def set_memory(self, available_fraction, swap_used_kib=None, swap_total_kib=None,
                   total_kib=None):
        """Rewrites meminfo: MemAvailable at @available_fraction of MemTotal (which
        @total_kib replaces), MemFree half of it, and swap when given. Returns the
        available KiB written."""
        text = self.read('meminfo')
        total = total_kib if total_kib is not None else self.meminfo_kib('MemTotal')
        available = int(total * available_fraction)
        text = self._set_key(text, 'MemTotal', total)
        text = self._set_key(text, 'MemFree', available // 2)
        text = self._set_key(text, 'MemAvailable', available)
        if swap_total_kib is not None:
            text = self._set_key(text, 'SwapTotal', swap_total_kib)
        if swap_used_kib is not None:
            swap_total = self.meminfo_kib('SwapTotal') if swap_total_kib is None else swap_total_kib
            text = self._set_key(text, 'SwapFree', swap_total - swap_used_kib)
        self.write('meminfo', text)
        return available

    def set_oom_kill(self, count):
        """Sets vmstat's oom_kill counter."""
        self.write('vmstat', re.sub(r'^oom_kill \d+$', 'oom_kill %d' % count,
                                    self.read('vmstat'), count=1, flags=re.M))

    def set_psi(self, some_avg10, full_avg10):
        """Rewrites pressure/memory with these avg10 percentages."""
        self.write('pressure/memory',
                   'some avg10=%.2f avg60=1.00 avg300=0.50 total=9000000\n'
                   'full avg10=%.2f avg60=0.50 avg300=0.20 total=3000000\n'
                   % (some_avg10, full_avg10))


    def meminfo(self):
        """The copy's meminfo as {key: KiB}."""
        values = {}
        with open(os.path.join(self.path, 'meminfo'), encoding='ascii') as f:
            for line in f:
                key, _, rest = line.partition(':')
                values[key] = int(rest.split()[0])
        return values

    def set_available(self, percent):
        """Rewrites only MemAvailable, to @percent of MemTotal (in one atomic replace: a
        sample sees one change); returns the KiB written."""
        kib = int(self.meminfo_kib('MemTotal') * percent / 100)
        self.write('meminfo', self._set_key(self.read('meminfo'), 'MemAvailable', kib))
        return kib


def voluntary_switches(pid):
    """Voluntary context switches (wakeups after sleeping) summed over a process's threads."""
    total = 0
    for task in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{task}/status') as f:
                for line in f:
                    if line.startswith('voluntary_ctxt_switches:'):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


class Follow:
    """`memgauge --follow ARGS` with its stdout read line by line (select, no thread, so
    that a test may close its end); stderr goes to a log file in @folder."""

    def __init__(self, folder, proc_root, args=(), env=None, name='follow'):
        self.log_path = os.path.join(folder, name + '.log')
        full_env = dict(os.environ)
        full_env.update({
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': required_env('MEMGAUGE_SCHEMA_DIR'),
            'MEMGAUGE_PROC_ROOT': proc_root,
            'G_MESSAGES_DEBUG': 'memgauge-follow',
            'G_DEBUG': 'fatal-criticals',
            'LC_ALL': 'C.UTF-8',
        })
        full_env.update(env or {})
        with open(self.log_path, 'wb') as log:
            self.proc = subprocess.Popen([required_env('MEMGAUGE_BIN'), '--follow', *args],
                                         env=full_env, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=log)
        self.pid = self.proc.pid
        self.buffer = b''
        self.started = False

    def _next(self, timeout):
        """The next complete line (bytes, with its newline), b'' at the end, None on timeout."""
        deadline = time.monotonic() + timeout
        while b'\n' not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                rest, self.buffer = self.buffer, b''
                return rest
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b'\n')
        return line + b'\n'

    def line(self, timeout=ONE_SAMPLE):
        """The next line, without its newline; fails after @timeout seconds (the first
        line: after the program's start-up too, slow under ASan)."""
        if not self.started:
            timeout = max(timeout, START_UP)
            self.started = True
        line = self._next(timeout)
        if line is None:
            raise AssertionError(f'no line from --follow within {timeout} s; log:\n{self.log()}')
        if not line:
            raise AssertionError(f'--follow ended its output; log:\n{self.log()}')
        if not line.endswith(b'\n'):
            raise AssertionError(f'a line without its newline: {line!r}')
        return line[:-1].decode('utf-8')

    def no_line(self, seconds):
        """Asserts that nothing is printed for @seconds."""
        line = self._next(seconds)
        if line is not None:
            raise AssertionError(f'unexpected output from --follow: {line!r}')

    def close_stdout(self):
        """Closes the reading end, as a status bar that goes away does."""
        self.proc.stdout.close()

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.proc.stdout.closed:
            self.proc.stdout.close()


class SignalCounter:
    """Collects org.freedesktop.DBus.Properties.PropertiesChanged of the app's object on the
    session bus; pump() runs the default main context for a while."""

    def __init__(self, bus):
        self.conn = bus.conn
        self.signals = []
        self.sub = self.conn.signal_subscribe(
            None, 'org.freedesktop.DBus.Properties', 'PropertiesChanged', APP_PATH, API,
            Gio.DBusSignalFlags.NONE, self._on_signal)

    def _on_signal(self, conn, sender, path, iface, member, params):
        name, changed, invalidated = params.unpack()
        self.signals.append((name, changed, invalidated))

    def pump(self, seconds):
        context = GLib.MainContext.default()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            context.iteration(False)
            time.sleep(0.01)

    def take(self):
        taken, self.signals = self.signals, []
        return taken

    def close(self):
        self.conn.signal_unsubscribe(self.sub)


class Bus:
    """Synchronous calls on the session bus of the ui-session."""

    def __init__(self, timeout_ms=5000):
        self.conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        self.timeout_ms = timeout_ms

    def call(self, dest, path, iface, method, args=None, reply='()', timeout_ms=None):
        if timeout_ms is None:
            timeout_ms = self.timeout_ms
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

    def activate(self, action):
        """Activates an action of the app through org.gtk.Actions."""
        self.call(APP_ID, APP_PATH, 'org.gtk.Actions', 'Activate',
                  GLib.Variant('(sava{sv})', (action, [], {})), None)

    def registered_items(self):
        if not self.has_owner(WATCHER):
            return []
        return self.get(WATCHER, '/StatusNotifierWatcher', WATCHER, 'RegisteredStatusNotifierItems')


class App:
    """memgauge from the build tree, logging to a file in the session folder; prefix is a
    command that runs it (setpriv, for example)."""

    def __init__(self, session, proc_root, name='memgauge', env=None, args=(), prefix=()):
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
            self.proc = subprocess.Popen([*prefix, required_env('MEMGAUGE_BIN'), *args],
                                         env=full_env,
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
        return cpu_seconds(self.pid)


class TrayTestCase(unittest.TestCase):
    """The base of the tray and fault tests, in a ui-session: the app, the panel, the
    notification mock, the bus, a private proc root at the low fixture, and a screenshot
    of the screen when a test fails."""

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
        has_failed = failed(self)
        if has_failed:
            self.screenshot(self.id().split('.')[-1] + '-failure')
        for app in self.apps:
            app.stop()
            if has_failed:
                print(f'--- {app.log_path} ---\n{app.log()}', file=sys.stderr)
        if self.panel is not None:
            self.panel.terminate()
            self.panel.wait(timeout=5)
        if self.mock is not None:
            self.mock.terminate()
            self.mock.wait(timeout=5)

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
        path = save_screenshot(os.path.join(self.artefacts, name + '.png'))
        return GdkPixbuf.Pixbuf.new_from_file(path)


# --- X windows, without a window manager ---

class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('serial', ctypes.c_ulong),
                ('send_event', ctypes.c_int), ('display', ctypes.c_void_p),
                ('window', ctypes.c_ulong), ('message_type', ctypes.c_ulong),
                ('format', ctypes.c_int), ('data', ctypes.c_long * 5)]


class _XEvent(ctypes.Union):
    _fields_ = [('xclient', _XClientMessageEvent), ('pad', ctypes.c_long * 24)]


def close_window(display, window):
    """What a window manager's close button does: WM_DELETE_WINDOW to the client."""
    x11 = ctypes.CDLL(ctypes.util.find_library('X11'))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                               ctypes.POINTER(_XEvent)]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise RuntimeError('cannot open display ' + display)
    event = _XEvent()
    event.xclient.type = 33  # ClientMessage
    event.xclient.window = window
    event.xclient.message_type = x11.XInternAtom(dpy, b'WM_PROTOCOLS', 0)
    event.xclient.format = 32
    event.xclient.data[0] = x11.XInternAtom(dpy, b'WM_DELETE_WINDOW', 0)
    x11.XSendEvent(dpy, window, 0, 0, ctypes.byref(event))
    x11.XFlush(dpy)
    x11.XCloseDisplay(dpy)


def viewable_windows(env, wm_class):
    """Top-level windows whose WM_CLASS instance is @wm_class and that are mapped (so on
    screen, with no window manager), without override-redirect ones: a tooltip under the
    pointer is a top-level window too, but no window manager would let a person close it
    (WM_DELETE_WINDOW to it makes GTK destroy the tooltip window under its own feet)."""
    out = subprocess.run(['xwininfo', '-root', '-children'], env=env, capture_output=True,
                         text=True, check=True).stdout
    result = []
    # WM_CLASS is ("instance" "class"); GTK sets the instance to the program name.
    for match in re.finditer(r'^\s*(0x[0-9a-f]+) "[^"]*": \("([^"]*)" "[^"]*"\)', out, re.M):
        if match.group(2) != wm_class:
            continue
        info = subprocess.run(['xwininfo', '-id', match.group(1)], env=env,
                              capture_output=True, text=True).stdout
        if 'Map State: IsViewable' in info and 'Override Redirect State: no' in info:
            result.append(int(match.group(1), 16))
    return result


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server the test starts)."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def mock_notifications(bus):
    """The calls python-dbusmock's notification_daemon received (TrayTestCase's
    start_notification_mock), in order, as dicts: Notify calls with their arguments by name
    ('summary', 'body', 'hints', 'actions', 'replaces_id', ...) and 'id', the id the mock
    gave (new ones count up from 1, a replacement keeps its id); CloseNotification calls as
    {'method': 'CloseNotification', 'id': ID}."""
    calls = bus.call(NOTIFICATIONS, '/org/freedesktop/Notifications', MOCK_IFACE, 'GetCalls',
                     None, '(a(tsav))')[0]
    result = []
    next_id = 1
    keys = ('app_name', 'replaces_id', 'app_icon', 'summary', 'body', 'actions', 'hints',
            'timeout')
    for _, method, args in calls:
        if method == 'Notify':
            call = dict(zip(keys, args), method=method)
            if call['replaces_id'] == 0:
                call['id'] = next_id
                next_id += 1
            else:
                call['id'] = call['replaces_id']
            result.append(call)
        elif method == 'CloseNotification':
            result.append({'method': method, 'id': args[0]})
    return result
