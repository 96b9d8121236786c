#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The long-running modes keep their pages in RAM where they may (src/service/mg-resident.c):
the real `memgauge --follow`, its VmLck in /proc/PID/status and its debug line, with and
without MEMGAUGE_MLOCK=0. As root (CI) the pages are locked; a user under a limited
RLIMIT_MEMLOCK locks nothing and says why. No display and no session bus needed.
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import mgtest  # noqa: E402
from mgtest import required_env  # noqa: E402

ENV = {
    'DBUS_SESSION_BUS_ADDRESS': 'unix:path=/nonexistent/bus',
    'MEMGAUGE_TEST_INTERVAL_MS': '100',
    'G_MESSAGES_DEBUG': 'memgauge-resident',
}


def status_kib(pid, key):
    with open(f'/proc/{pid}/status', encoding='ascii') as f:
        for line in f:
            if line.startswith(key + ':'):
                return int(line.split()[1])
    raise AssertionError(f'no {key} in /proc/{pid}/status')


def may_lock():
    """CAP_IPC_LOCK (bit 14) in the effective set, or no RLIMIT_MEMLOCK."""
    import resource
    with open('/proc/self/status', encoding='ascii') as f:
        caps = next(int(line.split()[1], 16) for line in f if line.startswith('CapEff:'))
    soft, _ = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    return bool(caps & (1 << 14)) or soft == resource.RLIM_INFINITY


class ResidentTest(unittest.TestCase):
    def run_follow(self, env):
        folder = tempfile.mkdtemp(prefix='memgauge-resident-')
        root = os.path.join(required_env('MEMGAUGE_FIXTURES'), 'linux-6.18-idle')
        follow = mgtest.Follow(folder, root, args=('--format=json',), env={**ENV, **env})
        try:
            follow.line()
            with open(f'/proc/{follow.pid}/maps', encoding='utf-8') as f:
                self.under_asan = 'libasan' in f.read()
            return status_kib(follow.pid, 'VmLck'), follow.log()
        finally:
            follow.stop()

    def test_locked_where_allowed(self):
        locked, log = self.run_follow({})
        if may_lock():
            self.assertIn('Pages locked in RAM as they are used', log)
            # AddressSanitizer intercepts mlockall() and makes it a no-op that returns 0:
            # under it (CI's sanitizer run) only the app's side can be checked.
            if not self.under_asan:
                # Whole mappings count: far more than the few MiB the process touches.
                self.assertGreater(locked, 8 * 1024, log)
        else:
            self.assertEqual(locked, 0, log)
            self.assertIn('RLIMIT_MEMLOCK is limited', log)

    def test_switched_off(self):
        locked, log = self.run_follow({'MEMGAUGE_MLOCK': '0'})
        self.assertEqual(locked, 0, log)
        self.assertIn('Not locking pages in RAM: MEMGAUGE_MLOCK=0', log)


if __name__ == '__main__':
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
