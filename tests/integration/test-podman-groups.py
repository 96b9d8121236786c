#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real podman container (tests/lib/podman-web.sh: runc, an image imported from
busybox-static, no registry) started with --name web --memory=64m: `memgauge --json` lists
it by that name, kind container, with its 64 MiB limit, and `memgauge --groups` too.
(The gauge window's part, ending it from there, is tests/ui/test-group-list.c's
/group-list/podman.)

As root only: not root, or podman missing, says why and skips (exit 77), or fails when
MEMGAUGE_TEST_NO_SKIP=1 (meson -Dci=true).
"""
import json
import os
import subprocess
import sys
import unittest

MEMGAUGE = os.environ.get('MEMGAUGE', 'memgauge')
PODMAN_WEB = os.environ['MEMGAUGE_PODMAN_WEB']
SKIP = 77


def skip(message):
    if os.environ.get('MEMGAUGE_TEST_NO_SKIP') == '1':
        raise SystemExit('FAIL: MEMGAUGE_TEST_NO_SKIP=1 and ' + message)
    print('SKIP: ' + message, file=sys.stderr)
    sys.exit(SKIP)


class PodmanGroupsTest(unittest.TestCase):

    def setUp(self):
        run = subprocess.run([PODMAN_WEB, 'start', 'web', '64m', '40'],
                             capture_output=True, text=True)
        if run.returncode == SKIP:
            skip(run.stderr.strip())
        self.assertEqual(run.returncode, 0, run.stderr)
        self.addCleanup(subprocess.run, [PODMAN_WEB, 'stop', 'web'])
        self.id = run.stdout.strip().splitlines()[-1]
        self.assertRegex(self.id, r'^[0-9a-f]{64}$')

    def test_json_and_table(self):
        env = dict(os.environ)
        env.pop('MEMGAUGE_CGROUP_ROOT', None)
        groups = json.loads(subprocess.run([MEMGAUGE, '--json'], capture_output=True,
                                           text=True, check=True, env=env).stdout)['groups']
        web = [g for g in groups if g['path'].endswith(self.id)]
        self.assertEqual(len(web), 1, groups)
        web = web[0]
        self.assertEqual(web['name'], 'web')
        self.assertEqual(web['kind'], 'container')
        self.assertEqual(web['limit_mb'], 64)
        # 40 MiB of /dev/shm plus the shell's own pages.
        self.assertGreaterEqual(web['usage_mb'], 40)
        self.assertLess(web['usage_mb'], 64)
        self.assertAlmostEqual(web['limit_percent'], web['usage_mb'] / 64 * 100, delta=2)
        self.assertEqual(web['oom_kills'], 0)

        table = subprocess.run([MEMGAUGE, '--groups'], capture_output=True, text=True,
                               check=True, env=env).stdout
        line = [row for row in table.splitlines() if row.endswith(self.id)]
        self.assertEqual(len(line), 1, table)
        self.assertRegex(line[0], r'^web\s+container\s+[\d.]+\s?MiB\s+64\.0\s?MiB\s')


if __name__ == '__main__':
    if os.geteuid() != 0:
        skip('needs root: runs a rootful podman container')
    unittest.main()
