#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Integration tests for `memgauge --json` and `--print`: the real binary, no display."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

MEMGAUGE = os.environ.get('MEMGAUGE', 'memgauge')
FIXTURES = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__)),
                        'fixtures', 'proc')

REAL = ['linux-6.18-idle', 'linux-6.18-medium', 'linux-6.18-high',
        'linux-6.18-critical-swapping', 'linux-6.18-no-psi', 'linux-3.10-no-memavailable']
BROKEN = {
    'broken-empty': 'meminfo is empty',
    'broken-truncated': 'ends in the middle of a line',
    'broken-garbage-number': 'line',
    'broken-2pow64': 'does not fit in 64 bits',
    'broken-missing-memtotal': 'has no “MemTotal”',
    'broken-memtotal-zero': 'MemTotal is 0',
    'broken-binary': 'not text',
    'broken-missing-meminfo': 'No such file or directory',
}


def run(*args, root=None, env_extra=None):
    env = dict(os.environ)
    # No display and no session bus: --json must need neither.
    for name in ('DISPLAY', 'WAYLAND_DISPLAY'):
        env.pop(name, None)
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/bus'
    env['LC_ALL'] = 'C.UTF-8'
    if root is not None:
        env['MEMGAUGE_PROC_ROOT'] = root
    if env_extra:
        env.update(env_extra)
    return subprocess.run([MEMGAUGE, *args], env=env, capture_output=True, text=True,
                          timeout=30, check=False)


def read_meminfo(root):
    """An independent reading of a fixture's meminfo, in KiB."""
    values = {}
    with open(os.path.join(root, 'meminfo'), encoding='ascii') as f:
        for line in f:
            key, _, rest = line.partition(':')
            values[key] = int(rest.split()[0])
    return values


def read_psi(root):
    try:
        with open(os.path.join(root, 'pressure', 'memory'), encoding='ascii') as f:
            lines = dict(line.split(' ', 1) for line in f)
    except FileNotFoundError:
        return None
    return {kind: float(re.search(r'avg10=([\d.]+)', lines[kind]).group(1))
            for kind in ('some', 'full')}


def expected_level(available_kib, total_kib, psi):
    percent = 100.0 * available_kib / total_kib
    order = ['low', 'medium', 'high', 'critical']
    if percent > 40:
        level = 0
    elif percent > 20:
        level = 1
    elif percent > 10:
        level = 2
    else:
        level = 3
    if psi is not None:
        if psi['full'] >= 10:
            level = max(level, 2)
        elif psi['some'] >= 10:
            level = max(level, 1)
    return order[level]


class JsonFixtureTest(unittest.TestCase):
    def test_real_fixtures(self):
        for case in REAL:
            with self.subTest(case=case):
                root = os.path.join(FIXTURES, case)
                result = run('--json', root=root)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, '')
                data = json.loads(result.stdout)
                info = read_meminfo(root)

                if 'MemAvailable' in info:
                    available = info['MemAvailable']
                    self.assertFalse(data['available_estimated'])
                else:
                    available = (info['MemFree'] + info.get('Buffers', 0) +
                                 info.get('Cached', 0) + info.get('SReclaimable', 0) -
                                 info.get('Shmem', 0))
                    self.assertTrue(data['available_estimated'])

                self.assertEqual(data['total_mb'], info['MemTotal'] // 1024)
                self.assertEqual(data['available_mb'], available // 1024)
                self.assertEqual(data['swap_total_mb'], info.get('SwapTotal', 0) // 1024)
                self.assertEqual(data['swap_free_mb'], info.get('SwapFree', 0) // 1024)
                self.assertEqual(data['used_mb'], (info['MemTotal'] - available) // 1024)
                with open(os.path.join(root, 'sys', 'vm', 'swappiness'), encoding='ascii') as f:
                    self.assertEqual(data['swappiness'], int(f.read()))

                psi = read_psi(root)
                self.assertEqual(data['pressure_level'],
                                 expected_level(available, info['MemTotal'], psi))
                self.assertTrue(data['reason'].startswith(data['pressure_level'] + ': '),
                                data['reason'])
                if psi is None:
                    self.assertIsNone(data['psi'])
                else:
                    self.assertAlmostEqual(data['psi']['some']['avg10'], psi['some'])
                    self.assertAlmostEqual(data['psi']['full']['avg10'], psi['full'])
                # A fixture does not change between the two readings: no rate.
                if data['rates_per_s'] is not None:
                    self.assertEqual(set(data['rates_per_s'].values()), {0.0})

    def test_levels_of_real_captures(self):
        want = {
            'linux-6.18-idle': 'low',
            'linux-6.18-medium': 'medium',
            'linux-6.18-high': 'high',
            'linux-6.18-critical-swapping': 'critical',
        }
        for case, level in want.items():
            with self.subTest(case=case):
                data = json.loads(run('--json', root=os.path.join(FIXTURES, case)).stdout)
                self.assertEqual(data['pressure_level'], level)

    def test_broken_fixtures(self):
        for case, words in BROKEN.items():
            with self.subTest(case=case):
                root = os.path.join(FIXTURES, case)
                result = run('--json', root=root)
                self.assertNotEqual(result.returncode, 0)
                self.assertEqual(result.stdout, '')
                lines = result.stderr.splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertIn(os.path.join(root, 'meminfo'), lines[0])
                self.assertIn(words, lines[0])

    def test_sysctl_and_fragmentation(self):
        """`sysctl` from the root's sys/vm files (null where missing), `fragmentation` from its
        buddyinfo (null without it, as in every older root)."""
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, 'proc')
            shutil.copytree(os.path.join(FIXTURES, 'linux-6.18-idle'), root)
            data = json.loads(run('--json', root=root).stdout)
            self.assertIsNone(data['fragmentation'])
            self.assertEqual(data['sysctl'], {
                'swappiness': 60, 'vfs_cache_pressure': None, 'compaction_proactiveness': None,
                'overcommit_memory': None, 'min_free_kbytes': None, 'dirty_ratio': None,
                'dirty_background_ratio': None})
            # After the sample's own fields, before the control groups (scanned apart).
            self.assertEqual(list(data)[-6:], ['sysctl', 'fragmentation', 'groups',
                                               'swap_devices', 'zram', 'zswap'])

            for name, value in (('vfs_cache_pressure', '50'), ('compaction_proactiveness', '20'),
                                ('overcommit_memory', '2'), ('min_free_kbytes', '67584'),
                                ('dirty_ratio', '20'), ('dirty_background_ratio', '10')):
                with open(os.path.join(root, 'sys', 'vm', name), 'w', encoding='ascii') as f:
                    f.write(value + '\n')
            shutil.copy(os.path.join(FIXTURES, 'buddyinfo', 'linux-6.18-before-compaction'),
                        os.path.join(root, 'buddyinfo'))
            result = run('--json', root=root)
            self.assertEqual(result.returncode, 0, result.stderr)
            data = json.loads(result.stdout)
            self.assertEqual(data['sysctl'], {
                'swappiness': 60, 'vfs_cache_pressure': 50, 'compaction_proactiveness': 20,
                'overcommit_memory': 2, 'min_free_kbytes': 67584, 'dirty_ratio': 20,
                'dirty_background_ratio': 10})
            # 3722360 KiB free, 3158016 KiB in 2 MiB blocks; 141086 / 930590 pages unusable.
            self.assertEqual(data['fragmentation'], {
                'free_mb': 3635, 'free_2mb_blocks_mb': 3084, 'unusable_index_2mb': 0.15})

            # A sys/vm file that holds no number fails like any other kernel file.
            with open(os.path.join(root, 'sys', 'vm', 'dirty_ratio'), 'w', encoding='ascii') as f:
                f.write('x\n')
            result = run('--json', root=root)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stdout, '')
            self.assertIn(os.path.join(root, 'sys/vm/dirty_ratio'), result.stderr)

    def test_missing_root(self):
        result = run('--json', root='/nonexistent/proc')
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, '')
        self.assertIn('/nonexistent/proc/meminfo', result.stderr)


class LiveTest(unittest.TestCase):
    def test_json_matches_free(self):
        free = subprocess.run(['free', '-k'], capture_output=True, text=True, check=True)
        result = run('--json')
        self.assertEqual(result.returncode, 0, result.stderr)
        data = json.loads(result.stdout)
        mem = free.stdout.splitlines()[1].split()
        total_kib, available_kib = int(mem[1]), int(mem[6])
        self.assertEqual(data['total_mb'], total_kib // 1024)
        self.assertLessEqual(abs(data['available_mb'] - available_kib / 1024),
                             0.01 * available_kib / 1024 + 1)
        self.assertIn(data['pressure_level'], ('low', 'medium', 'high', 'critical'))

    def test_print(self):
        result = run('--print', root=os.path.join(FIXTURES, 'linux-6.18-high'))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], 'High pressure')
        self.assertEqual(lines[1], 'Available: 3.5\u00a0GiB of 23.5\u00a0GiB')
        self.assertIn('Reason: high: 15 % available', lines)

    def test_print_psi_without_full(self):
        """A pressure file with only its "some" line: --print says nothing about "full"."""
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, 'proc')
            shutil.copytree(os.path.join(FIXTURES, 'linux-6.18-high'), root)
            with open(os.path.join(root, 'pressure', 'memory'), 'w') as f:
                f.write('some avg10=3.30 avg60=1.00 avg300=0.50 total=123456\n')
            result = run('--print', root=root)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertIn('Stalled on memory: some 3.3 % (last 10 s)', lines)
        self.assertNotIn('full', result.stdout)

        # With both lines, both figures, as before.
        result = run('--print', root=os.path.join(FIXTURES, 'linux-6.18-high'))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('Stalled on memory: some 0.0 %, full 0.0 % (last 10 s)',
                      result.stdout.splitlines())

    def test_version_and_help(self):
        result = run('--version')
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r'^memgauge \d+\.\d+\.\d+\n$')
        result = run('--help')
        self.assertEqual(result.returncode, 0)
        for option in ('--json', '--print', '--show', '--version', '--follow', '--format'):
            self.assertIn(option, result.stdout)

    def test_no_display(self):
        result = run()
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertIn('cannot open a display', result.stderr)


class ConflictTest(unittest.TestCase):
    """Options that cannot go together are refused: one line on stderr, nothing on stdout,
    exit status 2, and nothing started (no display is needed to say so)."""

    CASES = {
        ('--json', '--show'): '--json and --show cannot be used together',
        ('--print', '--json'): '--json and --print cannot be used together',
        ('--follow', '--show'): '--follow and --show cannot be used together',
        ('--follow', '--json'): '--json and --follow cannot be used together',
        ('--print', '--preferences'): '--print and --preferences cannot be used together',
        ('--version', '--follow'): '--version and --follow cannot be used together',
        ('--format=json',): '--format needs --follow',
        ('--json', '--format=waybar'): '--format needs --follow',
        ('--follow', '--format=xml'): 'unknown format “xml”: use json, waybar or plain',
    }

    def test_conflicts(self):
        root = os.path.join(FIXTURES, 'linux-6.18-idle')
        for args, message in self.CASES.items():
            with self.subTest(args=args):
                result = run(*args, root=root)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, '')
                self.assertEqual(result.stderr, f'memgauge: {message}\n')

    def test_allowed(self):
        """--show with --preferences opens both windows: not a conflict (no display here,
        so it gets as far as saying that)."""
        result = run('--show', '--preferences')
        self.assertEqual(result.returncode, 1)
        self.assertIn('cannot open a display', result.stderr)


SWAP_FIXTURES = os.path.join(os.path.dirname(FIXTURES), 'swap')


class SwapJsonTest(unittest.TestCase):
    """`swap_devices`, `zram` and `zswap` over tests/fixtures/swap/ (README.md there):
    MB as KiB / 1024 truncated, zram's bytes first made KiB."""

    def json_of(self, case, sys_root=True):
        root = os.path.join(SWAP_FIXTURES, case)
        env = {'MEMGAUGE_SYS_ROOT': os.path.join(root, 'sys') if sys_root else '/nonexistent'}
        result = run('--json', root=os.path.join(root, 'proc'), env_extra=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout), result.stderr

    def test_zram_and_file(self):
        data, stderr = self.json_of('linux-6.18-zram-and-file')
        self.assertEqual(stderr, '')
        self.assertEqual(data['swap_devices'], [
            {'path': '/dev/zram0', 'type': 'zram', 'size_mb': 262140 // 1024,
             'used_mb': 262096 // 1024, 'priority': 100},
            {'path': '/var/tmp/mg swap/file', 'type': 'file', 'size_mb': 131068 // 1024,
             'used_mb': 25928 // 1024, 'priority': 5},
        ])
        self.assertEqual(data['zram'], [
            {'device': 'zram0', 'orig_mb': 268390400 // 1024 // 1024,
             'compr_mb': 140860039 // 1024 // 1024, 'mem_used_mb': 143298560 // 1024 // 1024},
        ])
        self.assertIsNone(data['zswap'])
        # The original fields keep their meaning: meminfo's totals, all devices together.
        info = read_meminfo(os.path.join(SWAP_FIXTURES, 'linux-6.18-zram-and-file', 'proc'))
        self.assertEqual(data['swap_total_mb'], info['SwapTotal'] // 1024)
        self.assertEqual(data['swap_free_mb'], info['SwapFree'] // 1024)
        # The new keys come last, after groups.
        self.assertEqual(list(data)[-4:], ['groups', 'swap_devices', 'zram', 'zswap'])

    def test_zswap(self):
        data, _ = self.json_of('linux-6.18-zswap')
        self.assertEqual(data['zswap'], {'pool_mb': 140404 // 1024, 'stored_mb': 257216 // 1024})

    def test_documented(self):
        data, _ = self.json_of('documented-header-only')
        self.assertEqual((data['swap_devices'], data['zram'], data['zswap']), ([], [], None))
        data, _ = self.json_of('documented-old-kernel')
        self.assertEqual([(d['path'], d['type'], d['priority']) for d in data['swap_devices']],
                         [('/dev/sda2', 'partition', -2), ('/dev/zram0', 'zram', 100),
                          ('/swap\tfile', 'file', -3)])
        self.assertEqual(data['zram'], [{'device': 'zram0', 'orig_mb': 2048, 'compr_mb': 512,
                                         'mem_used_mb': 576}])

    def test_bad_input(self):
        # A device gone between /proc/swaps and mm_stat, or without mm_stat: listed, no zram
        # figures, no message.
        for case in ('broken-zram-vanished', 'broken-zram-no-mm-stat'):
            with self.subTest(case=case):
                data, stderr = self.json_of(case)
                self.assertEqual(stderr, '')
                self.assertEqual([d['path'] for d in data['swap_devices']],
                                 ['/dev/zram0', '/var/tmp/mg swap/file'])
                self.assertEqual(data['zram'], [])
        # Junk: one message naming the file and line, null devices, the rest still there.
        data, stderr = self.json_of('broken-junk')
        self.assertEqual(stderr.splitlines(), [
            'memgauge: ' + os.path.join(SWAP_FIXTURES, 'broken-junk', 'proc') +
            '/swaps, line 3: the type is neither “partition” nor “file”'])
        self.assertIsNone(data['swap_devices'])
        self.assertIsNone(data['zram'])
        self.assertEqual(data['pressure_level'], 'low')


if __name__ == '__main__':
    unittest.main(verbosity=2, testRunner=unittest.TextTestRunner(stream=sys.stdout))
