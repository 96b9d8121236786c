#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration tests for `memgauge --json`'s groups and `memgauge --groups`: the real binary
over the cgroup fixture trees (MEMGAUGE_CGROUP_ROOT), no display."""

import json
import os
import subprocess
import sys
import unittest

MEMGAUGE = os.environ.get('MEMGAUGE', 'memgauge')
SRCDIR = os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(__file__), '..'))
CGROUP = os.path.join(SRCDIR, 'fixtures', 'cgroup')
PROC = os.path.join(SRCDIR, 'fixtures', 'proc', 'linux-6.18-idle')
UMGR = '/user.slice/user-1000.slice/user@1000.service'
WEB_ID = '3f2a9c1b4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036'


def run(*args, case=None, cgroup_root=None):
    env = dict(os.environ)
    for name in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(name, None)
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/bus'
    env['LC_ALL'] = 'C.UTF-8'
    env['MEMGAUGE_PROC_ROOT'] = PROC
    # Apps and containers only from the case: no desktop file of this machine.
    env['XDG_DATA_DIRS'] = '/nonexistent'
    if case is not None:
        root = os.path.join(CGROUP, case)
        env['MEMGAUGE_CGROUP_ROOT'] = os.path.join(root, 'sys', 'fs', 'cgroup')
        env['XDG_DATA_HOME'] = os.path.join(root, 'home', '.local', 'share')
    if cgroup_root is not None:
        env['MEMGAUGE_CGROUP_ROOT'] = cgroup_root
    return subprocess.run([MEMGAUGE, *args], env=env, capture_output=True, text=True,
                          timeout=30, check=False)


def row(path, name, kind, usage_mb, limit_mb=None, limit_percent=None, swap_mb=0,
        oom_kills=0, pressure=0.0):
    return {'path': path, 'name': name, 'kind': kind, 'usage_mb': usage_mb,
            'limit_mb': limit_mb, 'limit_percent': limit_percent, 'swap_mb': swap_mb,
            'oom_kills': oom_kills, 'pressure_some_avg10': pressure}


class JsonGroupsTest(unittest.TestCase):
    def json(self, case=None, cgroup_root=None):
        result = run('--json', case=case, cgroup_root=cgroup_root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        data = json.loads(result.stdout)
        # The sample's own fields are all there, groups after them.
        self.assertEqual(list(data)[:6], ['total_mb', 'available_mb', 'swap_total_mb',
                                          'swap_free_mb', 'swappiness', 'pressure_level'])
        # groups, then what the swap reader adds (swap_devices, zram, zswap).
        self.assertEqual(list(data)[-4], 'groups')
        return data['groups']

    def test_gnome(self):
        groups = self.json('v2-gnome')
        self.assertEqual(groups[:5], [
            row(UMGR + '/app.slice/app-flatpak-org.mozilla.firefox-5151.scope', 'Firefox',
                'app', 1536, swap_mb=120, pressure=2.5),
            row(UMGR + '/app.slice/app-gnome-firefox\\x2desr-7777.scope', 'Firefox ESR', 'app',
                900, limit_mb=1024, limit_percent=87.89, oom_kills=3),
            row(UMGR + '/session.slice/org.gnome.Shell@wayland.service',
                'org.gnome.Shell@wayland', 'service', 310),
            row(UMGR + '/app.slice/app-gnome-org.gnome.Terminal-4242.scope', 'Terminal', 'app',
                85, swap_mb=2),
            row(UMGR + '/app.slice/dbus-:1.2-org.gnome.Nautilus@0.service', 'Files', 'app', 64),
        ])
        self.assertEqual(len(groups), 15)
        self.assertEqual([g['usage_mb'] for g in groups],
                         sorted((g['usage_mb'] for g in groups), reverse=True))
        self.assertEqual({g['kind'] for g in groups},
                         {'app', 'service', 'session', 'slice', 'other'})
        journald = [g for g in groups if g['name'] == 'systemd-journald'][0]
        self.assertEqual((journald['limit_mb'], journald['limit_percent']), (128, 31.25))

    def test_podman_rootless(self):
        """The name from podman's own store in the user's data folder; the limit of the
        container's scope for runc's inner group."""
        groups = self.json('v2-podman-rootless')
        self.assertEqual(groups[0], row(
            UMGR + '/user.slice/libpod-%s.scope/container' % WEB_ID, 'web', 'container', 490,
            limit_mb=512, limit_percent=95.7))
        self.assertEqual([(g['name'], g['kind']) for g in groups[1:]], [
            ('podman 7c1d2e3f', 'container'), ('init', 'other'),
            ('podman conmon 3f2a9c1b', 'other')])

    def test_docker_without_metadata(self):
        """Not readable here (docker's folder is the real /var/lib/docker): engine and
        short id."""
        groups = self.json('v2-docker')
        self.assertEqual([(g['name'], g['kind'], g['usage_mb'], g['limit_mb'])
                          for g in groups], [
            ('docker e5f60718', 'container', 210, None),
            ('docker', 'service', 80, None),
            ('docker a1b2c3d4', 'container', 45, 256),
            ('containerd', 'service', 35, None)])
        self.assertEqual(groups[2]['limit_percent'], 17.58)

    def test_kubernetes(self):
        groups = self.json('v2-kubernetes')
        self.assertEqual([(g['name'], g['kind']) for g in groups], [
            ('containerd 5a6b7c8d', 'container'), ('containerd c8d9e0f1', 'container'),
            ('containerd b4c5d6e7', 'container'), ('kubelet', 'service'),
            ('containerd 90a1b2c3', 'container'), ('pod 1234abcd', 'pod')])
        self.assertEqual(groups[0]['limit_percent'], 68.36)

    def test_v1_huge_limit_is_none(self):
        groups = self.json('v1-docker-cgroupfs')
        self.assertEqual(groups[1], row('/docker/0badc0dea116c9ed46d6207734a43317d30fd88f52ac'
                                        '8634c37d904bbf4e41d8', 'docker 0badc0de', 'container',
                                        120, swap_mb=3, pressure=None))
        self.assertEqual((groups[0]['limit_mb'], groups[0]['limit_percent'],
                          groups[0]['oom_kills']), (256, 78.12, 1))
        self.assertIsNone(groups[3]['limit_mb'])

    def test_real_hybrid_capture(self):
        groups = self.json('real-hybrid-6.18')
        self.assertEqual(groups[1], row('/memgauge-capture', 'memgauge-capture', 'other', 31,
                                        limit_mb=64, limit_percent=48.47, oom_kills=1,
                                        pressure=0.18))
        self.assertEqual([g['usage_mb'] for g in groups], [57, 31, 28])
        self.assertIsNone(groups[0]['pressure_some_avg10'])

    def test_broken(self):
        """Junk, unreadable files and a vanished group change no other figure and print
        nothing on stderr; a group without a readable usage is not listed."""
        groups = self.json('v2-broken')
        by_path = {g['path']: g for g in groups}
        self.assertEqual(len(groups), 13)
        self.assertNotIn('/junk-current.service', by_path)
        self.assertNotIn('/two-lines.service', by_path)
        self.assertNotIn('/vanished.scope', by_path)
        self.assertNotIn('/nested.slice', by_path)
        self.assertEqual(by_path['/max.scope'], row('/max.scope', 'max', 'other', 10))
        self.assertEqual(by_path['/high-only.service']['limit_mb'], 32)
        self.assertEqual(by_path['/high-only.service']['limit_percent'], 93.75)
        self.assertIsNone(by_path['/unreadable.service']['limit_mb'])
        self.assertIsNone(by_path['/junk-events.service']['oom_kills'])
        self.assertIsNone(by_path['/junk-pressure.service']['pressure_some_avg10'])
        self.assertIsNone(by_path['/swapless.service']['swap_mb'])

    def test_no_cgroups(self):
        """No hierarchy there: groups is null, and --json still succeeds silently."""
        self.assertIsNone(self.json(cgroup_root='/nonexistent/cgroup'))

    def test_top_twenty_of_real_machine(self):
        groups = self.json()
        if groups is None:
            return
        self.assertLessEqual(len(groups), 20)
        self.assertEqual([g['usage_mb'] for g in groups],
                         sorted((g['usage_mb'] for g in groups), reverse=True))


class GroupsTableTest(unittest.TestCase):
    def test_table(self):
        result = run('--groups', case='v2-podman-rootful')
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, '')
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0].split(), ['NAME', 'KIND', 'USAGE', 'LIMIT', 'USE', '%', 'SWAP',
                                            'OOM', 'KILLS', 'PRESSURE', 'PATH'])
        self.assertEqual(len(lines), 4)
        cells = lines[1].replace('\u00a0', '_').split()
        self.assertEqual(cells[:3], ['podman', 'd0b1c2d3', 'container'])
        self.assertEqual(cells[3:12], ['60.0_MiB', '64.0_MiB', '93.8', '%', '0', 'bytes', '2',
                                       '12.40', '%'])
        self.assertTrue(cells[12].startswith('/machine.slice/libpod-d0b1c2d3'))
        self.assertTrue(cells[12].endswith('.scope'))
        # Columns line up: every PATH starts where the header's does.
        start = lines[0].index('PATH')
        for line in lines[1:]:
            self.assertEqual(line[start], '/', line)

    def test_broken_groups_reported(self):
        result = run('--groups', case='v2-broken')
        self.assertEqual(result.returncode, 0)
        errors = result.stderr.splitlines()
        self.assertEqual(len(errors), 9, result.stderr)
        self.assertTrue(all(e.startswith('memgauge: ') for e in errors))
        self.assertTrue(any('unreadable.service/memory.max: Is a directory' in e
                            for e in errors))
        self.assertEqual(len(result.stdout.splitlines()), 1 + 13)

    def test_no_cgroups(self):
        result = run('--groups', cgroup_root='/nonexistent/cgroup')
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, '')
        self.assertEqual(len(result.stderr.splitlines()), 1)
        self.assertIn('/nonexistent/cgroup', result.stderr)

    def test_help(self):
        result = run('--help')
        self.assertIn('--groups', result.stdout)


if __name__ == '__main__':
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
