#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of the remote sources: serves captured answers on loopback (a Prometheus 2.42
answer for 50 machines; node_exporter 1.5's answer for the meminfo and pressure collectors,
which is what the source asks for, or its whole default scrape otherwise) and runs
bench-remote against them: 50 machines through one Prometheus, then 10 node_exporters.

Usage: bench-remote.py BENCH_REMOTE FIXTURES_REMOTE_DIR
"""

import http.server
import os
import socketserver
import subprocess
import sys
import threading

bench, fixtures = sys.argv[1], sys.argv[2]
with open(os.path.join(fixtures, 'prometheus-2.42-50-hosts.json'), 'rb') as f:
    PROMETHEUS = f.read()
with open(os.path.join(fixtures, 'node-exporter-1.5.txt'), 'rb') as f:
    NODE = f.read()
with open(os.path.join(fixtures, 'node-exporter-1.5-meminfo-pressure.txt'), 'rb') as f:
    NODE_COLLECTED = f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path.startswith('/api/v1/query'):
            body, kind = PROMETHEUS, 'application/json'
        else:
            body = NODE_COLLECTED if 'collect%5B%5D=meminfo' in self.path else NODE
            kind = 'text/plain; version=0.0.4; charset=utf-8'
        self.send_response(200)
        self.send_header('Content-Type', kind)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(('127.0.0.1', 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f'http://127.0.0.1:{server.server_address[1]}'
env = {k: v for k, v in os.environ.items() if 'proxy' not in k.lower()}

status = 0
for args in (['prometheus', base],
             ['node'] + [f'{base}/node{i}/metrics' for i in range(10)]):
    status |= subprocess.run([bench] + args, env=env, check=False).returncode
server.shutdown()
sys.exit(status)
