#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The remote sources live in the memgauge-remote module, loaded on first use
(src/sources/mg-remote-loader.c), so that a MemGauge without remote machines maps neither
libsoup nor json-glib.

CliTest (no display): the program's NEEDED has neither library; `--json` alone loads
neither (the dynamic loader's own log, LD_DEBUG=files); `--json --source` loads the module
and libsoup and reads with them; a program whose module is missing says so for each source
in words and exits as for an unreachable one.
AppTest (in tests/lib/ui-session.sh --tray): the app idles without either library mapped;
a remote source added to its settings while it runs loads the module, and its machine is
scraped over HTTP.

Run through meson (MEMGAUGE_BIN, MEMGAUGE_SCHEMA_DIR, MEMGAUGE_INSTALLED_MODULE,
G_TEST_SRCDIR): `meson test -C build remote-module-cli remote-module-app`.
"""

import http.server
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402

MODULE = 'memgauge-remote.so'
# Libraries only the module brings: libsoup 3 and json-glib.
REMOTE_LIBRARIES = ('libsoup-3.0.so', 'libjson-glib-1.0.so')
EXPOSITION = os.path.join(os.environ.get('G_TEST_SRCDIR', ''), 'fixtures', 'remote',
                          'node-exporter-1.5-meminfo-pressure.txt')


def closed_port():
    """A loopback port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def loaded_files(log):
    """The files the dynamic loader opened, from its LD_DEBUG=files log."""
    return set(re.findall(r'file=(\S+)\s+\[\d+\];\s+(?:needed|dynamically loaded) by', log))


def mapped_files(pid):
    with open(f'/proc/{pid}/maps', encoding='utf-8') as f:
        return {line.split()[-1] for line in f if len(line.split()) >= 6}


def remote_libraries(files):
    return sorted(path for path in files
                  if any(os.path.basename(path).startswith(lib) for lib in REMOTE_LIBRARIES)
                  or os.path.basename(path) == MODULE)


class CliTest(unittest.TestCase):

    def run_memgauge(self, *args, binary=None):
        env = dict(os.environ, LD_DEBUG='files', LC_ALL='C.UTF-8', LANGUAGE='',
                   GSETTINGS_BACKEND='memory')
        return subprocess.run([binary or mgtest.required_env('MEMGAUGE_BIN'), *args],
                              capture_output=True, text=True, env=env, timeout=30)

    def test_needed(self):
        readelf = shutil.which('readelf')
        self.assertIsNotNone(readelf, 'readelf (binutils) is needed')
        run = subprocess.run([readelf, '-d', mgtest.required_env('MEMGAUGE_BIN')],
                             capture_output=True, text=True, check=True)
        needed = re.findall(r'\(NEEDED\)\s+Shared library: \[(\S+)\]', run.stdout)
        self.assertIn('libgtk-3.so.0', needed, run.stdout)
        self.assertEqual([lib for lib in needed if lib.startswith(REMOTE_LIBRARIES)], [])

    def test_json_loads_neither(self):
        run = self.run_memgauge('--json')
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn('available_mb', json.loads(run.stdout))
        files = loaded_files(run.stderr)
        self.assertTrue(any('libgio-2.0' in path for path in files), run.stderr[-2000:])
        self.assertEqual(remote_libraries(files), [])

    def test_source_loads_module(self):
        url = f'http://127.0.0.1:{closed_port()}/metrics'
        run = self.run_memgauge('--json', '--source', url)
        self.assertEqual(run.returncode, 1, run.stderr)
        host, = json.loads(run.stdout)['hosts']
        # The module's words for a refused connection, not the stand-in's.
        self.assertEqual(host['error'], 'connection refused')
        loaded = [os.path.basename(path) for path in remote_libraries(loaded_files(run.stderr))]
        self.assertIn(MODULE, loaded)
        self.assertTrue(any(name.startswith('libsoup-3.0.so') for name in loaded), loaded)

    def test_module_missing(self):
        installed = mgtest.required_env('MEMGAUGE_INSTALLED_MODULE')
        if os.path.exists(installed):
            self.skipTest(f'{installed} is installed: a copy of the program would load it')
        with tempfile.TemporaryDirectory(prefix='memgauge-nomodule-') as folder:
            # Outside the build tree the program looks for the installed module only.
            binary = shutil.copy(mgtest.required_env('MEMGAUGE_BIN'), folder)
            port = closed_port()
            run = self.run_memgauge('--json', '--source', f'http://127.0.0.1:{port}/metrics',
                                    '--source', f'prometheus+http://127.0.0.1:{port}/',
                                    binary=binary)
        self.assertEqual(run.returncode, 1, run.stderr)
        hosts = json.loads(run.stdout)['hosts']
        self.assertEqual([host['name'] for host in hosts],
                         [f'127.0.0.1:{port}', f'http://127.0.0.1:{port}/'])
        for host in hosts:
            self.assertEqual(host['pressure_level'], 'unknown')
            self.assertTrue(host['error'].startswith('remote machines are not available: '),
                            host['error'])
            self.assertIn(installed, host['error'])
        self.assertNotIn('libsoup', ' '.join(loaded_files(run.stderr)))


class Exporter(http.server.BaseHTTPRequestHandler):
    """node_exporter's answer for its two collectors, and the paths asked for."""
    paths = []

    def do_GET(self):
        with open(EXPOSITION, 'rb') as f:
            body = f.read()
        Exporter.paths.append(self.path)
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class AppTest(mgtest.TrayTestCase):

    def test_remote_on_demand(self):
        server = socketserver.ThreadingTCPServer(('127.0.0.1', 0), Exporter)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)

        app = self.start_app(env={'MEMGAUGE_TEST_INTERVAL_MS': '300'})
        item = self.wait_item(app)
        self.wait_level(item, 'low', timeout=5)
        self.assertEqual(remote_libraries(mapped_files(app.pid)), [])

        # The keyfile backend follows its file: the fleet sees the new source.
        url = f'http://127.0.0.1:{server.server_address[1]}/metrics'
        keyfile = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
        with open(keyfile, 'a', encoding='utf-8') as f:
            f.write(f"remote-sources=[('m1', 'test box', '{url}', '', '', uint32 5)]\n")
        mgtest.wait_for('a scrape by the app', lambda: Exporter.paths, 10)
        self.assertTrue(Exporter.paths[0].startswith('/metrics?collect'), Exporter.paths)
        mapped = [os.path.basename(path) for path in remote_libraries(mapped_files(app.pid))]
        self.assertIn(MODULE, mapped)
        self.assertTrue(any(name.startswith('libsoup-3.0.so') for name in mapped), mapped)
        self.assertIsNone(app.proc.poll(), app.log())


if __name__ == '__main__':
    unittest.main(verbosity=2)
