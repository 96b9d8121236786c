# SPDX-License-Identifier: GPL-3.0-or-later
"""Real remote machines on loopback for the tests: Debian's prometheus-node-exporter, one per
fixture proc root of tests/fixtures/proc/, and Debian's prometheus scraping them with each
fixture's name as its `instance` label.

    servers = remote_servers.RemoteServers(['linux-6.18-idle', 'linux-6.18-high'])
    servers.exporters['linux-6.18-high']   # http://127.0.0.1:PORT/metrics
    servers.prometheus                     # http://127.0.0.1:PORT (None with prometheus=False)
    servers.kill_exporter('linux-6.18-high')    # the machine goes down
    servers.start_exporter('linux-6.18-high')   # and comes back at the same URL
    servers.stop()

A missing binary skips the test (exit 77 through unittest's SkipTest), or fails it when
MEMGAUGE_TEST_NO_SKIP is set, as in CI.
"""

import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
import urllib.request

import mgtest

NODE_EXPORTER = '/usr/bin/prometheus-node-exporter'
PROMETHEUS = '/usr/bin/prometheus'
FIXTURES = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(
    os.path.abspath(__file__)), '..')), 'fixtures', 'proc')
# Each fixture and the level its memory alone gives (20 / 10 % thresholds of DESIGN.md).
LEVELS = {
    'linux-6.18-idle': 'low',
    'linux-6.18-medium': 'medium',
    'linux-6.18-high': 'high',
    'linux-6.18-critical-swapping': 'critical',
}


def require(path):
    if not os.access(path, os.X_OK):
        if os.environ.get('MEMGAUGE_TEST_NO_SKIP'):
            raise AssertionError(f'{path} is missing (build-aux/packages.sh installs it)')
        raise unittest.SkipTest(f'{path} is missing')


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read()
    except OSError:
        return None


def meminfo_kib(fixture):
    values = {}
    with open(os.path.join(FIXTURES, fixture, 'meminfo'), encoding='ascii') as f:
        for line in f:
            key, _, rest = line.partition(':')
            values[key] = int(rest.split()[0])
    return values


class RemoteServers:
    def __init__(self, fixtures, prometheus=True):
        require(NODE_EXPORTER)
        if prometheus:
            require(PROMETHEUS)
        self.dir = tempfile.mkdtemp(prefix='memgauge-remote-')
        self.processes = []
        self.exporters = {}
        self.commands = {}
        self.exporter_processes = {}
        self.prometheus = None
        try:
            self._start_exporters(fixtures)
            if prometheus:
                self._start_prometheus()
        except BaseException:
            self.stop()
            raise

    def _start_exporters(self, fixtures):
        sysfs = os.path.join(self.dir, 'sys')
        os.mkdir(sysfs)
        for fixture in fixtures:
            # node_exporter's pressure collector reads cpu, io and memory and gives up on
            # the first that is missing: the fixture's memory file stands in for all three.
            root = os.path.join(self.dir, fixture)
            os.makedirs(os.path.join(root, 'pressure'))
            shutil.copy(os.path.join(FIXTURES, fixture, 'meminfo'), root)
            for kind in ('cpu', 'io', 'memory'):
                shutil.copy(os.path.join(FIXTURES, fixture, 'pressure', 'memory'),
                            os.path.join(root, 'pressure', kind))
            port = mgtest.free_port()
            # The idle machine's exporter runs no pressure collector: it answers HTTP 400 to
            # a scrape naming it, and the source must then scrape without naming any.
            collectors = ['--collector.meminfo']
            if fixture != 'linux-6.18-idle':
                collectors.append('--collector.pressure')
            self.commands[fixture] = [NODE_EXPORTER, f'--web.listen-address=127.0.0.1:{port}',
                                      '--collector.disable-defaults', *collectors,
                                      f'--path.procfs={root}', f'--path.sysfs={sysfs}']
            self.start_exporter(fixture)
            self.exporters[fixture] = f'http://127.0.0.1:{port}/metrics'
        for url in self.exporters.values():
            mgtest.wait_for(f'node_exporter at {url}', lambda u=url: fetch(u), timeout=10)

    def start_exporter(self, fixture):
        """Starts the exporter of @fixture (again, after kill_exporter(): on the same port,
        so the machine's URL stays); returns once it answers."""
        process = subprocess.Popen(self.commands[fixture], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        self.processes.append(process)
        self.exporter_processes[fixture] = process
        if fixture in self.exporters:
            url = self.exporters[fixture]
            mgtest.wait_for(f'node_exporter at {url}', lambda: fetch(url), timeout=10)

    def kill_exporter(self, fixture):
        """Ends the exporter of @fixture, as a machine that goes down; its port is free."""
        process = self.exporter_processes.pop(fixture)
        process.kill()
        process.wait(timeout=10)
        self.processes.remove(process)

    def set_meminfo(self, fixture, source):
        """From now on the exporter of @fixture serves the memory of fixture @source, as
        a machine whose memory use changes."""
        target = os.path.join(self.dir, fixture, 'meminfo')
        shutil.copy(os.path.join(FIXTURES, source, 'meminfo'), target + '.new')
        os.replace(target + '.new', target)

    def _start_prometheus(self):
        config = os.path.join(self.dir, 'prometheus.yml')
        with open(config, 'w', encoding='utf-8') as f:
            f.write('global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: node\n'
                    '    static_configs:\n')
            for fixture, url in self.exporters.items():
                target = urllib.parse.urlsplit(url).netloc
                f.write(f"      - targets: ['{target}']\n"
                        f"        labels: {{instance: '{fixture}'}}\n")
        port = mgtest.free_port()
        self.processes.append(subprocess.Popen(
            [PROMETHEUS, f'--config.file={config}', f'--web.listen-address=127.0.0.1:{port}',
             f'--storage.tsdb.path={os.path.join(self.dir, "tsdb")}'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.prometheus = f'http://127.0.0.1:{port}'
        query = self.prometheus + '/api/v1/query?query=node_memory_MemTotal_bytes'

        def all_scraped():
            body = fetch(query)
            return (body is not None and
                    len(json.loads(body)['data']['result']) == len(self.exporters))
        # Its first answer comes after a few seconds: targets reach the scraper in batches.
        mgtest.wait_for('Prometheus to have scraped every exporter', all_scraped, timeout=30,
                        interval=0.2)

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)
        self.processes = []
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    """For tests in C: `remote_servers.py FIXTURE...` starts the exporters (no Prometheus),
    prints one line per fixture, "FIXTURE URL", one "root:FIXTURE FOLDER" with the proc root
    its exporter reads (a test may rewrite its meminfo), then "closed URL" of a port nobody
    listens on, then "ready" (or "skip REASON" alone), and stops them when its stdin
    closes."""
    import sys
    try:
        servers = RemoteServers(sys.argv[1:], prometheus=False)
    except unittest.SkipTest as skip:
        print(f'skip {skip}', flush=True)
        return
    try:
        for fixture, url in servers.exporters.items():
            print(f'{fixture} {url}')
            print(f'root:{fixture} {os.path.join(servers.dir, fixture)}')
        print(f'closed http://127.0.0.1:{mgtest.free_port()}/metrics')
        print('ready', flush=True)
        sys.stdin.read()
    finally:
        servers.stop()


if __name__ == '__main__':
    main()
