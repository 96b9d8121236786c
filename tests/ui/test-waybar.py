#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real waybar under a headless sway, as an ordinary user, running the README's waybar
module (`memgauge --follow --format=waybar`, with the README's stylesheet): the bar shows the
level's text, and the module's colour follows the level's class, checked on grim's
screenshots at two levels (low, then critical).

Run by meson (suite 'ui'). As root it creates the system user memgauge-test (when missing)
and runs the session as that user: sway is a desktop session, not a root program. The
environment names the build: MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_FIXTURES,
MEMGAUGE_README, MEMGAUGE_ARTEFACTS (screenshots are kept there). A missing sway, waybar or
grim skips (exit 77), or fails with MEMGAUGE_TEST_NO_SKIP=1 (CI).
"""

import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import COLOUR, COLOUR_TOLERANCE, required_env, wait_for  # noqa: E402

USER = 'memgauge-test'
SCREEN = (640, 480)
BAR_HEIGHT = 30


def skip(why):
    print(f'SKIP: {why}', file=sys.stderr)
    sys.exit(1 if os.environ.get('MEMGAUGE_TEST_NO_SKIP') == '1' else 77)


def readme_blocks():
    """The waybar module's configuration and stylesheet, as the README gives them: the
    first ```json and ```css blocks under the heading that names waybar."""
    with open(required_env('MEMGAUGE_README'), encoding='utf-8') as f:
        text = f.read()
    section = re.search(r'^#+ [^\n]*waybar[^\n]*$(.*?)(?=^#+ )', text, re.M | re.S | re.I)
    if section is None:
        raise AssertionError('the README has no waybar section')
    config = re.search(r'```json\n(.*?)```', section.group(1), re.S)
    css = re.search(r'```css\n(.*?)```', section.group(1), re.S)
    if config is None or css is None:
        raise AssertionError('the README\'s waybar section lacks a json or css block')
    return json.loads(config.group(1)), css.group(1)


def as_user():
    """Root: runs this script again as USER in a folder it owns; returns its status."""
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(['useradd', '--system', '--no-create-home', '--home-dir', '/nonexistent',
                        '--shell', '/usr/sbin/nologin', USER], check=True)
    entry = pwd.getpwnam(USER)
    work = tempfile.mkdtemp(prefix='mg-waybar.')
    try:
        os.chown(work, entry.pw_uid, entry.pw_gid)
        artefacts = os.path.join(work, 'artefacts')
        env = dict(os.environ, MG_WAYBAR_WORK=work, MEMGAUGE_ARTEFACTS=artefacts,
                   HOME=work, USER=USER, LOGNAME=USER)
        status = subprocess.run(['setpriv', f'--reuid={entry.pw_uid}', f'--regid={entry.pw_gid}',
                                 '--clear-groups', '--', sys.executable, os.path.abspath(__file__)],
                                env=env, cwd=work).returncode
        target = required_env('MEMGAUGE_ARTEFACTS')
        os.makedirs(target, exist_ok=True)
        if os.path.isdir(artefacts):
            for name in os.listdir(artefacts):
                shutil.copy(os.path.join(artefacts, name), target)
        return status
    finally:
        shutil.rmtree(work, ignore_errors=True)


def descendants(pid):
    """PIDs of every process below @pid."""
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def close_to(pixel, colour):
    return all(abs(a - b) <= COLOUR_TOLERANCE for a, b in zip(pixel, colour))


class Session:
    def __init__(self, work):
        self.work = work
        self.procs = []
        self.runtime = os.path.join(work, 'runtime')
        os.makedirs(self.runtime, mode=0o700, exist_ok=True)
        self.env = dict(os.environ, XDG_RUNTIME_DIR=self.runtime, HOME=work,
                        XDG_CONFIG_HOME=os.path.join(work, 'config'),
                        WLR_BACKENDS='headless', WLR_LIBINPUT_NO_DEVICES='1',
                        WLR_RENDERER='pixman')
        for name in ('DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS'):
            self.env.pop(name, None)

    def start(self, name, args, env):
        log = open(os.path.join(self.work, name + '.log'), 'wb')
        proc = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
        self.procs.append((name, proc))
        return proc

    def log(self, name):
        with open(os.path.join(self.work, name + '.log'), errors='replace') as f:
            return f.read()

    def stop(self):
        for _, proc in reversed(self.procs):
            # waybar leaves its module's program running: end it by its PID too.
            below = descendants(proc.pid)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for pid in below:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass


def run_session(work):
    for program in ('sway', 'waybar', 'grim'):
        if shutil.which(program) is None:
            skip(f'{program} is not installed (build-aux/packages.sh lists it)')
    module, css = readme_blocks()

    session = Session(work)
    proc_root = mgtest.ProcRoot(work, 'linux-6.18-idle')
    artefacts = required_env('MEMGAUGE_ARTEFACTS')
    os.makedirs(artefacts, exist_ok=True)
    try:
        config = os.path.join(work, 'sway.config')
        with open(config, 'w') as f:
            f.write('xwayland disable\n'
                    f'output HEADLESS-1 resolution {SCREEN[0]}x{SCREEN[1]}\n')
        sway = session.start('sway', ['sway', '-c', config], session.env)
        socket = wait_for('the sway socket', lambda: next(
            (n for n in os.listdir(session.runtime)
             if n.startswith('wayland-') and not n.endswith('.lock')), None), 10)
        if sway.poll() is not None:
            raise AssertionError('sway exited:\n' + session.log('sway'))

        # The README's module with this build's binary; the bar itself along the top.
        name = next(k for k in module if k.startswith('custom/'))
        module[name]['exec'] = re.sub(r'^memgauge\b', required_env('MEMGAUGE_BIN'),
                                      module[name]['exec'])
        bar = dict(module, layer='top', position='top', height=BAR_HEIGHT,
                   **{'modules-left': [name]})
        bar.pop('modules-right', None)
        bar_config = os.path.join(work, 'waybar.json')
        with open(bar_config, 'w') as f:
            json.dump(bar, f)
        style = os.path.join(work, 'waybar.css')
        with open(style, 'w') as f:
            f.write('* { font-family: "DejaVu Sans"; font-size: 15px; }\n'
                    'window#waybar { background: #000000; }\n' + css)
        bar_env = dict(session.env, WAYLAND_DISPLAY=socket,
                       MEMGAUGE_PROC_ROOT=proc_root.path, MEMGAUGE_TEST_INTERVAL_MS='200',
                       GSETTINGS_BACKEND='memory',
                       GSETTINGS_SCHEMA_DIR=required_env('MEMGAUGE_SCHEMA_DIR'))
        waybar = session.start('waybar', ['waybar', '-c', bar_config, '-s', style], bar_env)

        def shot(tag):
            path = os.path.join(artefacts, f'waybar-{tag}.png')
            subprocess.run(['grim', '-g', f'0,0 {SCREEN[0]}x{BAR_HEIGHT}', path],
                           env=dict(session.env, WAYLAND_DISPLAY=socket), check=True,
                           capture_output=True)
            return mgtest.GdkPixbuf.Pixbuf.new_from_file(path)

        def module_pixels(level):
            """The module's box (pixels of the level's colour) and how many pixels inside it
            are not that colour (the text)."""
            pixbuf = shot(level)
            data = pixbuf.get_pixels()
            stride, n = pixbuf.get_rowstride(), pixbuf.get_n_channels()
            box = [None, None, None, None]
            count = 0
            for y in range(pixbuf.get_height()):
                for x in range(pixbuf.get_width()):
                    i = y * stride + x * n
                    if close_to(data[i:i + 3], COLOUR[level]):
                        count += 1
                        box = [x if box[0] is None else min(box[0], x),
                               y if box[1] is None else min(box[1], y),
                               max(box[2] or 0, x), max(box[3] or 0, y)]
            if count < 200:
                return None
            text = sum(1 for y in range(box[1], box[3] + 1) for x in range(box[0], box[2] + 1)
                       if not close_to(data[y * stride + x * n:y * stride + x * n + 3],
                                       COLOUR[level]))
            return count, box, text

        widths = {}
        for level, percent in (('low', None), ('critical', 5)):
            if percent is not None:
                proc_root.set_available(percent)
            try:
                count, box, text = wait_for(f'the module in the {level} colour',
                                            lambda: module_pixels(level), 10, interval=0.3)
            except AssertionError:
                raise AssertionError(f'no {level} module on the bar; waybar says:\n'
                                     + session.log('waybar'))
            print(f'{level}: {count} pixels of {COLOUR[level]} in {box}, {text} of text')
            # The text: glyphs inside the coloured box, not an empty box.
            if text < 40:
                raise AssertionError(f'the {level} module shows no text ({text} pixels)')
            if waybar.poll() is not None:
                raise AssertionError('waybar exited:\n' + session.log('waybar'))
            widths[level] = box[2] - box[0]
        # "critical: 95 % used" is longer than "low: 2 % used": the text followed too.
        if widths['critical'] <= widths['low']:
            raise AssertionError(f'the module did not grow with its text: {widths}')

        # The bar going away closes the stream's stdout: it ends by itself.
        follow = [p for p in descendants(waybar.pid) if 'memgauge' in open(
            f'/proc/{p}/cmdline', 'rb').read().decode(errors='replace')]
        if not follow:
            raise AssertionError('no memgauge --follow below waybar')
        waybar.terminate()
        waybar.wait(timeout=5)
        wait_for('memgauge --follow to end with the bar',
                 lambda: not any(os.path.exists(f'/proc/{p}') and
                                 open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()[0] != 'Z'
                                 for p in follow), 5)
        print('OK: the bar showed low and critical; memgauge --follow ended with the bar')
        return 0
    finally:
        session.stop()


def main():
    if os.geteuid() == 0:
        return as_user()
    work = os.environ.get('MG_WAYBAR_WORK')
    if work:
        return run_session(work)
    with tempfile.TemporaryDirectory(prefix='mg-waybar.') as folder:
        return run_session(folder)


if __name__ == '__main__':
    sys.exit(main())
