#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration, as root: notifications that name a limited control group. A real memory
cgroup made by the test (64 MiB limit), the real memgauge reading the real /proc and
/sys/fs/cgroup on a private session bus with python-dbusmock's notification daemon:

- a process holding 58 MiB keeps the group at >= 90 % of its limit (group-limit-percent's
  default): "NAME is at N % of its 64.0 MiB limit";
- a second process (oom_score_adj 1000) asks for 100 MiB and the kernel ends it: "NAME ran out of memory at
  its 64.0 MiB limit", while the machine's "A program was stopped to free memory"
  (which says memory ran out) is not sent;
- `memgauge --json` counts the kill.

Not root, or no memory controller to write: skips (77), or fails when
MEMGAUGE_TEST_NO_SKIP=1 (meson -Dci=true). Run: /usr/bin/python3 THIS_FILE
"""

import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'lib'))
from mgtest import wait_for  # noqa: E402


def load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


notify = load('test_notifications', 'test-notifications.py')
cgroup = load('test_cgroup_oom', 'test-cgroup-oom.py')

APP_ID = 'io.github.memgauge.MemGauge'
MACHINE_OOM = ('A program was stopped to free memory', 'programs were stopped to free memory')
MIB = 1 << 20


class GroupNotificationTest(unittest.TestCase):
    def setUp(self):
        if os.geteuid() != 0:
            cgroup.skip('needs root to make a memory cgroup under ' + cgroup.CGROUP)
        self.group, self.pressure, limit_file = cgroup.layout()
        if self.group is None:
            cgroup.skip('no memory controller to write under ' + cgroup.CGROUP)
        self.name = os.path.basename(self.group)
        self.folders = [self.group] + ([self.pressure] if self.pressure else [])
        self.procs = []
        self.addCleanup(self.remove_group)
        for folder in self.folders:
            os.mkdir(folder)
        with open(os.path.join(self.group, limit_file), 'w') as f:
            f.write('64M')
        self.usage_file = os.path.join(self.group, 'memory.current' if limit_file == 'memory.max'
                                       else 'memory.usage_in_bytes')

        self.session = notify.Session()
        self.addCleanup(self.session.close)
        self.mock = notify.Mock(self.session)

    def remove_group(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
        for folder in reversed(self.folders):
            for _ in range(50):
                try:
                    os.rmdir(folder)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)

    def usage(self):
        with open(self.usage_file) as f:
            return int(f.read())

    def start_app(self):
        env = dict(self.session.env)
        env.update({
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': notify.SCHEMA_DIR,
            'G_MESSAGES_DEBUG': 'memgauge-notifier memgauge-group-notifier memgauge-group-watch',
            'G_DEBUG': 'fatal-criticals',
            'LANGUAGE': 'C',
            'LC_ALL': 'C.UTF-8',
        })
        for key in ('MEMGAUGE_PROC_ROOT', 'MEMGAUGE_CGROUP_ROOT'):
            env.pop(key, None)
        self.app = self.session.spawn([notify.BIN], 'memgauge.log', env=env)
        wait_for('memgauge owns ' + APP_ID,
                 lambda: self.app.poll() is not None or self.session.has_owner(APP_ID), 20)
        self.assertIsNone(self.app.poll(), self.session.read_log('memgauge.log'))

    def ours(self, pattern):
        return [n for n in self.mock.notifications() if re.search(pattern, n['summary'])]

    def test_near_limit_then_oom(self):
        try:
            self.near_limit_then_oom()
        except BaseException:
            print('--- memgauge.log ---\n' + self.session.read_log('memgauge.log'),
                  file=sys.stderr)
            raise

    def near_limit_then_oom(self):
        holder = cgroup.run_in_group(self.folders,
                                     'import time; b = b"x" * (58 << 20); time.sleep(300)')
        self.procs.append(holder)
        wait_for('the holder to have its 58 MiB', lambda: self.usage() >= 58 * MIB, 20)
        self.start_app()

        limit = re.escape(self.name) + r' is at (\d+) % of its 64\.0\xa0MiB limit'
        near = wait_for('the near-limit notification; calls: %r' % (self.mock.calls(),),
                        lambda: self.ours(limit), 10)
        self.assertEqual(len(near), 1)
        percent = int(re.search(limit, near[0]['summary']).group(1))
        self.assertGreaterEqual(percent, 90)
        self.assertLessEqual(percent, 100)
        self.assertIn('Only this group is short of memory', near[0]['body'])
        self.assertEqual(near[0]['actions'], ['default', '', 'app.show-gauge', 'Show Details'])

        # The hog asks for more than the limit: the kernel ends it (the largest in the group).
        # oom_score_adj 1000 (raising needs no privilege): the hog, not the holder, goes.
        hog = cgroup.run_in_group(self.folders, 'open("/proc/self/oom_score_adj", "w")'
                                  '.write("1000"); b = b"x" * (100 << 20)')
        self.procs.append(hog)
        self.assertEqual(hog.wait(timeout=30), -signal.SIGKILL)

        ran_out = re.escape(self.name) + r' ran out of memory at its 64\.0\xa0MiB limit'
        oom = wait_for('the group OOM notification; calls: %r' % (self.mock.calls(),),
                       lambda: self.ours(ran_out), 10)
        self.assertEqual(len(oom), 1)
        self.assertEqual(oom[0]['body'], 'The kernel ended a process in it. The computer '
                                         'itself did not run out of memory.')
        # Same subject, same notification: it replaced the near-limit one.
        self.assertEqual(oom[0]['replaces_id'], near[0]['id'])

        # Two more samples (one a second) see the machine's oom_kill rise: it was the
        # group's, so the machine's notification, which says memory ran out, stays away.
        time.sleep(2.5)
        machine = [n for n in self.mock.notifications()
                   if any(m in n['summary'] for m in MACHINE_OOM)]
        self.assertEqual(machine, [], self.mock.calls())
        self.assertIsNone(self.app.poll(), self.session.read_log('memgauge.log'))
        self.session.stop(self.app)
        self.assertEqual(self.app.returncode, 0, self.session.read_log('memgauge.log'))

        result = subprocess.run([notify.BIN, '--json'], capture_output=True, text=True,
                                env=dict(os.environ, LC_ALL='C.UTF-8'), timeout=30, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        mine = [g for g in json.loads(result.stdout)['groups'] if g['path'] == '/' + self.name]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]['oom_kills'], 1)
        self.assertEqual(mine[0]['limit_mb'], 64)


if __name__ == '__main__':
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
