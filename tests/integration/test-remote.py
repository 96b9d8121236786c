#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`memgauge --json --source` and `--print --source` against real servers on loopback.

RealServersTest: Debian's prometheus-node-exporter, one per fixture proc root of
tests/fixtures/proc/, and Debian's prometheus scraping them (with each fixture's name as
its instance label): the levels, names and figures each machine gets.
HostileServersTest: a small HTTP(S) server in this process answering with garbage, 100 MiB,
one byte a second, HTTP 500, a redirect loop, the wrong content type, a certificate for
another host, NaN, +Inf and huge labels: each source gets `unknown` with its reason, all
within the 5 s deadline (read in parallel by one memgauge).

Run through meson (MEMGAUGE, G_TEST_SRCDIR): `meson test -C build remote-real remote-hostile`.
"""

import http.server
import json
import os
import shutil
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
import remote_servers  # noqa: E402

MEMGAUGE = os.environ.get('MEMGAUGE', 'memgauge')
MACHINES = remote_servers.LEVELS
FIXTURES = remote_servers.FIXTURES
meminfo_kib = remote_servers.meminfo_kib
fetch = remote_servers.fetch
DEADLINE = 5.0


def run(*args, leak_check=True):
    """Runs memgauge; a sanitizer report on its stderr fails the test whatever the exit
    status (the hostile cases expect 1, which a sanitizer's death would also give)."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ('http_proxy', 'https_proxy', 'all_proxy', 'no_proxy')}
    env['LC_ALL'] = 'C.UTF-8'
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/bus'
    env.pop('DISPLAY', None)
    if not leak_check and 'ASAN_OPTIONS' in env:
        env['ASAN_OPTIONS'] += ':detect_leaks=0'
    start = time.monotonic()
    result = subprocess.run([MEMGAUGE, *args], env=env, capture_output=True, text=True,
                            timeout=30, check=False)
    seconds = time.monotonic() - start
    for mark in ('Sanitizer', 'runtime error:'):
        if mark in result.stderr:
            raise AssertionError(f'memgauge {" ".join(args)}: {result.stderr}')
    return result, seconds


class RealServersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.servers = remote_servers.RemoteServers(list(MACHINES))
        cls.exporters = cls.servers.exporters
        cls.prometheus = cls.servers.prometheus

    @classmethod
    def tearDownClass(cls):
        cls.servers.stop()

    def check_host(self, host, fixture, source):
        kib = meminfo_kib(fixture)
        self.assertIsNone(host['error'], host)
        self.assertEqual(host['source'], source)
        self.assertEqual(host['pressure_level'], MACHINES[fixture], host)
        self.assertEqual(host['total_mb'], kib['MemTotal'] // 1024)
        self.assertEqual(host['available_mb'], kib['MemAvailable'] // 1024)
        self.assertEqual(host['swap_total_mb'], kib['SwapTotal'] // 1024)
        self.assertEqual(host['swap_free_mb'], kib['SwapFree'] // 1024)
        self.assertIsNone(host['swappiness'])

    def test_node_exporters_json(self):
        args = []
        for url in self.exporters.values():
            args += ['--source', url]
        result, _ = run('--json', *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        hosts = json.loads(result.stdout)['hosts']
        self.assertEqual(len(hosts), len(MACHINES))
        for host, (fixture, url) in zip(hosts, self.exporters.items()):
            self.assertEqual(host['name'], urllib.parse.urlsplit(url).netloc)
            self.check_host(host, fixture, url)

    def test_prometheus_json(self):
        result, _ = run('--json', '--source', self.prometheus)
        self.assertEqual(result.returncode, 0, result.stderr)
        hosts = json.loads(result.stdout)['hosts']
        self.assertEqual([h['name'] for h in hosts], sorted(MACHINES))
        for host in hosts:
            self.check_host(host, host['name'], self.prometheus)
            # The stall counters of a fixture do not move: their rate is 0 (or none yet,
            # before Prometheus has two scrapes of them).
            if host['psi'] is not None:
                self.assertEqual(host['psi']['some']['avg10'], 0.0)

    def test_print_and_unreachable(self):
        dead = f'http://127.0.0.1:{mgtest.free_port()}/metrics'
        url = self.exporters['linux-6.18-high']
        result, _ = run('--print', '--source', url, '--source', dead)
        self.assertEqual(result.returncode, 1, result.stderr)
        name = urllib.parse.urlsplit(url).netloc
        self.assertIn(f'{name} ({url}): High pressure\n', result.stdout)
        self.assertIn('Reason: high: 15 % available', result.stdout)
        self.assertIn(f'({dead}): Pressure unknown\n  Error: connection refused\n', result.stdout)

    def test_explicit_kinds(self):
        # The rule: port 9100 or a path ending in /metrics is node_exporter, the rest
        # Prometheus; a prefix overrides it.
        url = self.exporters['linux-6.18-idle']
        result, _ = run('--json', '--source', 'prometheus+' + url)
        self.assertEqual(result.returncode, 1)
        # node_exporter answers every other path with its HTML landing page.
        self.assertEqual(json.loads(result.stdout)['hosts'][0]['error'],
                         'wrong content type “text/html” (expected application/json)')
        result, _ = run('--json', '--source', 'node_exporter+' + self.prometheus + '/metrics')
        host = json.loads(result.stdout)['hosts'][0]
        self.assertEqual(host['error'], 'not a node_exporter: no node_memory_MemTotal_bytes')


# --- hostile servers ---------------------------------------------------------------

GOOD = (b'node_memory_MemTotal_bytes 8e+09\nnode_memory_MemAvailable_bytes 4e+09\n'
        b'node_memory_SwapTotal_bytes 0\nnode_memory_SwapFree_bytes 0\n')
HUGE = 100 * 1024 * 1024


def prometheus_answer(value):
    item = '{{"metric":{{"__name__":"node_memory_{0}_bytes","instance":"{1}"}},"value":[1,"{2}"]}}'
    items = [item.format('MemTotal', 'nan-box', '8e9'), item.format('MemAvailable', 'nan-box', value),
             item.format('MemTotal', 'fine-box', '8e9'), item.format('MemAvailable', 'fine-box', '6e9')]
    return ('{"status":"success","data":{"resultType":"vector","result":[' + ','.join(items) +
            ']}}').encode()


class Hostile(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def answer(self, body, status=200, content_type='text/plain; version=0.0.4', length=None):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = urllib.parse.urlsplit(self.path).path
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route(self, path):
        if path == '/good/metrics':
            self.answer(GOOD)
        elif path == '/garbage/metrics':
            self.answer(b'<html><body>Hello</body></html>\n')
        elif path == '/huge/metrics':
            # No Content-Length: the cap must work on the body as it comes.
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Connection', 'close')
            self.end_headers()
            chunk = b'# ' + b'x' * 1021 + b'\n'
            for _ in range(HUGE // len(chunk)):
                self.wfile.write(chunk)
        elif path == '/drip/metrics':
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(len(GOOD)))
            self.end_headers()
            for byte in GOOD:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1)
        elif path == '/error/metrics':
            self.answer(b'oops\n', status=500)
        elif path == '/loop/metrics':
            self.send_response(302)
            self.send_header('Location', '/loop/metrics')
            self.send_header('Content-Length', '0')
            self.end_headers()
        elif path == '/html/metrics':
            self.answer(GOOD, content_type='text/html')
        elif path == '/nan/metrics':
            self.answer(GOOD.replace(b'8e+09', b'NaN'))
        elif path == '/inf/metrics':
            self.answer(GOOD.replace(b'4e+09', b'+Inf'))
        elif path == '/label/metrics':
            self.answer(b'x{a="' + b'y' * 8000 + b'"} 1\n' + GOOD)
        elif path == '/line/metrics':
            self.answer(b'x{a="' + b'y' * (1024 * 1024) + b'"} 1\n' + GOOD)
        elif path == '/prom/api/v1/query':
            self.answer(prometheus_answer('NaN'), content_type='application/json')
        else:
            self.answer(b'not here\n', status=404)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class HostileServersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix='memgauge-hostile-')
        cls.servers = []
        cls.http = cls.serve()
        # A certificate for another host, self-signed: verification must refuse it.
        key = os.path.join(cls.dir, 'key.pem')
        cert = os.path.join(cls.dir, 'cert.pem')
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                        '-out', cert, '-days', '1', '-subj', '/CN=wrong.example',
                        '-addext', 'subjectAltName=DNS:wrong.example'],
                       check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        cls.https = cls.serve(context)

    @classmethod
    def serve(cls, context=None):
        server = Server(('127.0.0.1', 0), Hostile)
        if context is not None:
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        cls.servers.append(server)
        scheme = 'https' if context is not None else 'http'
        return f'{scheme}://127.0.0.1:{server.server_address[1]}'

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            server.shutdown()
            server.server_close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def expected(self):
        return {
            f'{self.http}/good/metrics': None,
            f'{self.http}/garbage/metrics': 'line 1: a metric name was expected',
            f'{self.http}/huge/metrics': 'response over 4 MiB',
            f'{self.http}/drip/metrics': 'timed out after 5 s',
            f'{self.http}/error/metrics': 'HTTP 500',
            f'{self.http}/loop/metrics': 'more than 3 redirects',
            f'{self.http}/html/metrics':
                'wrong content type “text/html” (expected text/plain)',
            f'{self.http}/nan/metrics': 'node_memory_MemTotal_bytes is NaN (not a number)',
            f'{self.http}/inf/metrics': 'node_memory_MemAvailable_bytes is infinite',
            f'{self.http}/label/metrics':
                'line 1: a label value is over the limit of 4096 bytes',
            f'{self.http}/line/metrics': 'line 1: a line longer than 16384 bytes',
        }

    def test_hostile(self):
        expected = self.expected()
        args = []
        for url in expected:
            args += ['--source', url]
        args += ['--source', f'prometheus+{self.http}/prom']
        result, seconds = run('--json', *args)
        self.assertEqual(result.returncode, 1, result.stderr)
        hosts = json.loads(result.stdout)['hosts']
        seen = {h['source']: h for h in hosts}
        for url, error in expected.items():
            with self.subTest(url=url):
                self.assertEqual(seen[url]['error'], error)
                if error is None:
                    self.assertEqual(seen[url]['pressure_level'], 'low')
                else:
                    self.assertEqual(seen[url]['pressure_level'], 'unknown')
                    self.assertIsNone(seen[url]['total_mb'])
        prom = {h['name']: h for h in hosts if h['source'].startswith('prometheus+')}
        self.assertEqual(prom['nan-box']['error'],
                         'node_memory_MemAvailable_bytes is NaN (not a number)')
        self.assertEqual(prom['fine-box']['pressure_level'], 'low')
        self.assertIsNone(prom['fine-box']['error'])
        # Everything at once, bounded by the deadline of the slowest (the drip), plus
        # the start of the program.
        self.assertGreaterEqual(seconds, DEADLINE - 0.5)
        self.assertLess(seconds, DEADLINE + 2.0)

    def test_certificate_mismatch(self):
        # Without LeakSanitizer under ASan: it dies at exit ("Tracer caught signal 11") on
        # the dynamic TLS that GnuTLS, dlopen()ed by glib-networking, leaves in a GLib pool
        # thread after an https request (gcc 12 and clang 14 alike); ASan and UBSan still
        # check the run, and every http case above runs with the leak check.
        url = f'{self.https}/good/metrics'
        result, _ = run('--json', '--source', url, leak_check=False)
        self.assertEqual(result.returncode, 1, result.stderr)
        host, = json.loads(result.stdout)['hosts']
        self.assertEqual(host['source'], url)
        self.assertEqual(host['error'], 'certificate does not match host')
        self.assertEqual(host['pressure_level'], 'unknown')

    def test_refused_arguments(self):
        # Nothing is read: one line on stderr, exit status 2, nothing on stdout.
        for args, message in (
                (['--source', f'{self.http}/good/metrics'], '--source needs --json or --print'),
                (['--json', '--source', 'ftp://example.org/metrics'],
                 '“ftp://example.org/metrics” is not an http:// or https:// address'),
                (['--print', '--source', 'http:///metrics'],
                 '“http:///metrics” is not an http:// or https:// address')):
            with self.subTest(args=args):
                result, _ = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, '')
                self.assertEqual(result.stderr, f'memgauge: {message}\n')

    def test_main_loop_never_stalls(self):
        # The same servers polled by the app's fleet of monitors in a main loop: no
        # iteration of it (the work between two polls) takes 50 ms, not even the one that
        # parses 4 MiB or gives up on a 100 MiB body.
        probe = os.environ.get('MEMGAUGE_REMOTE_PROBE')
        if not probe:
            raise unittest.SkipTest('MEMGAUGE_REMOTE_PROBE is not set: run through meson')
        expected = self.expected()
        urls = list(expected) + [f'prometheus+{self.http}/prom']
        env = {k: v for k, v in os.environ.items() if 'proxy' not in k.lower()}
        env['LC_ALL'] = 'C.UTF-8'
        # Under ASan (CI's sanitizer run) LeakSanitizer dies at exit ("Tracer caught signal
        # 11") on the dynamic TLS that GnuTLS, dlopen()ed by glib-networking, leaves in a
        # GLib pool thread after an https request (gcc 12 and clang 14 alike): the probe is
        # a measuring tool, its leaks are not what this test checks.
        if 'ASAN_OPTIONS' in env:
            env['ASAN_OPTIONS'] += ':detect_leaks=0'
        result = subprocess.run([probe, *urls], env=env, capture_output=True, text=True,
                                timeout=30, check=True)
        lines = dict(line.split('\t', 1) for line in result.stdout.splitlines())
        for url, error in expected.items():
            with self.subTest(url=url):
                self.assertEqual(lines[url], error or '')
        self.assertEqual(lines[urls[-1]], '')
        self.assertLess(float(lines['longest-iteration-ms']), 50.0, result.stdout)


if __name__ == '__main__':
    unittest.main(verbosity=2)
