#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A tiny node_exporter stand-in on loopback that wants HTTP basic authentication.

Usage: basic_auth_server.py USER:PASSWORD METRICS_FILE [CERT KEY]

Binds 127.0.0.1 on a free port, prints the port on stdout (one line), then answers every
GET: 401 with a `WWW-Authenticate` challenge unless `Authorization` is exactly
`Basic base64(USER:PASSWORD)` (or USER:PASSWORD itself when it starts with "Bearer "), then
200 with METRICS_FILE as node_exporter's text format, or for /api/v1/ paths with the
Prometheus answer prometheus-2.42-50-hosts.json next to it (a server with 50 machines).
An empty USER:PASSWORD asks for none. With CERT and KEY (PEM) it speaks HTTPS.
Runs until killed.
"""
import base64
import http.server
import os
import ssl
import sys


def main(credentials, metrics_file, cert=None, key=None):
    if credentials.startswith('Bearer '):
        expected = credentials
    elif credentials:
        expected = 'Basic ' + base64.b64encode(credentials.encode()).decode()
    else:
        expected = None
    with open(metrics_file, 'rb') as f:
        body = f.read()
    prometheus = os.path.join(os.path.dirname(metrics_file), 'prometheus-2.42-50-hosts.json')
    with open(prometheus, 'rb') as f:
        prometheus_body = f.read()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 (http.server's name)
            if expected is not None and self.headers.get('Authorization') != expected:
                self.send_response(401)
                self.send_header('WWW-Authenticate', 'Basic realm="metrics"')
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            if self.path.startswith('/api/v1/'):
                content_type, answer = 'application/json', prometheus_body
            else:
                content_type, answer = 'text/plain; version=0.0.4', body
            self.send_response(200)
            self.send_header('Content-Type', content_type)
            self.send_header('Content-Length', str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    if cert is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main(*sys.argv[1:])
