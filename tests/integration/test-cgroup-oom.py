#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration, as root: a real memory cgroup with a 64 MiB limit and a process that exceeds
it. `memgauge --json` must list the group with its limit and count the OOM kill, and
`--groups` must show it.

The group is made under the real /sys/fs/cgroup (v1 memory/ with unified/ beside it on a
hybrid system, or a child of the v2 root) and removed at the end, also on failure. It holds
a 48 MiB process while MemGauge reads it, so that it ranks among the 20 largest groups.
Not root, or no memory controller to write: says why and skips (exit 77), or fails when
MEMGAUGE_TEST_NO_SKIP=1 (meson -Dci=true).
"""

import json
import os
import signal
import subprocess
import sys
import time
import unittest

MEMGAUGE = os.environ.get('MEMGAUGE', 'memgauge')
PROC = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(__file__),
                                                                  '..')),
                    'fixtures', 'proc', 'linux-6.18-idle')
CGROUP = '/sys/fs/cgroup'
SKIP = 77
MIB = 1 << 20


def skip(message):
    if os.environ.get('MEMGAUGE_TEST_NO_SKIP') == '1':
        raise SystemExit('FAIL: MEMGAUGE_TEST_NO_SKIP=1 and ' + message)
    print('SKIP: ' + message, file=sys.stderr)
    sys.exit(SKIP)


def layout():
    """(memory group folder, pressure group folder or None, limit file) for a new group."""
    name = 'memgauge-test-%d' % os.getpid()
    if os.path.exists(os.path.join(CGROUP, 'memory', 'memory.usage_in_bytes')):
        unified = os.path.join(CGROUP, 'unified')
        pressure = (os.path.join(unified, name)
                    if os.path.exists(os.path.join(unified, 'cgroup.controllers')) else None)
        return os.path.join(CGROUP, 'memory', name), pressure, 'memory.limit_in_bytes'
    try:
        with open(os.path.join(CGROUP, 'cgroup.subtree_control')) as f:
            if 'memory' in f.read().split():
                return os.path.join(CGROUP, name), None, 'memory.max'
    except OSError:
        pass
    return None, None, None


def run_in_group(folders, code):
    """Starts python3 running @code inside every folder of @folders (cgroup.procs)."""
    writes = ''.join('open(%r, "w").write(str(os.getpid()));' % os.path.join(f, 'cgroup.procs')
                     for f in folders)
    return subprocess.Popen(['/usr/bin/python3', '-c', 'import os;' + writes + code],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class CgroupOomTest(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            skip('needs root to make a memory cgroup under ' + CGROUP)
        self.group, self.pressure, limit_file = layout()
        if self.group is None:
            skip('no memory controller to write under ' + CGROUP)
        self.folders = [self.group] + ([self.pressure] if self.pressure else [])
        self.holder = None
        self.addCleanup(self.clean_up)
        for folder in self.folders:
            os.mkdir(folder)
        with open(os.path.join(self.group, limit_file), 'w') as f:
            f.write('64M')

    def clean_up(self):
        if self.holder is not None and self.holder.poll() is None:
            self.holder.send_signal(signal.SIGKILL)
            self.holder.wait()
        for folder in reversed(self.folders):
            for _ in range(50):
                try:
                    os.rmdir(folder)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)

    def memgauge(self, *args):
        env = dict(os.environ, LC_ALL='C.UTF-8', MEMGAUGE_PROC_ROOT=PROC)
        env.pop('MEMGAUGE_CGROUP_ROOT', None)
        env.pop('DISPLAY', None)
        return subprocess.run([MEMGAUGE, *args], env=env, capture_output=True, text=True,
                              timeout=60, check=False)

    def test_limit_and_oom_kill(self):
        name = os.path.basename(self.group)
        # The hog: 100 MiB in a 64 MiB group, ended by the kernel (SIGKILL: 137 in a shell).
        # Alone in the group, so that it is the one the OOM killer picks.
        hog = run_in_group(self.folders, 'b = b"x" * (100 << 20)')
        self.assertEqual(hog.wait(timeout=60), -signal.SIGKILL)
        self.holder = run_in_group(self.folders,
                                   'import time; b = b"x" * (48 << 20); time.sleep(300)')
        # The holder has its 48 MiB once its usage says so.
        usage_file = os.path.join(self.group, 'memory.usage_in_bytes'
                                  if os.path.basename(os.path.dirname(self.group)) == 'memory'
                                  else 'memory.current')
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(usage_file) as f:
                if int(f.read()) >= 48 * MIB:
                    break
            time.sleep(0.1)

        result = self.memgauge('--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        groups = json.loads(result.stdout)['groups']
        self.assertIsNotNone(groups)
        mine = [g for g in groups if g['path'] == '/' + name]
        self.assertEqual(len(mine), 1, [g['path'] for g in groups])
        group = mine[0]
        self.assertEqual(group['name'], name)
        self.assertEqual(group['kind'], 'other')
        self.assertEqual(group['limit_mb'], 64)
        self.assertEqual(group['oom_kills'], 1)
        self.assertGreaterEqual(group['usage_mb'], 48)
        self.assertLessEqual(group['usage_mb'], 64)
        self.assertAlmostEqual(group['limit_percent'], 100.0 * group['usage_mb'] / 64, delta=2)
        if self.pressure is not None:
            self.assertIsNotNone(group['pressure_some_avg10'])

        result = self.memgauge('--groups')
        self.assertEqual(result.returncode, 0, result.stderr)
        line = [l for l in result.stdout.splitlines() if l.endswith('/' + name)]
        self.assertEqual(len(line), 1, result.stdout)
        cells = line[0].replace('\u00a0', '_').split()
        self.assertEqual(cells[0], name)
        self.assertEqual(cells[3], '64.0_MiB')
        self.assertEqual(cells[8], '1')


if __name__ == '__main__':
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
