#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the named seeds of tests/fuzz/corpus/history-store/ (run once; they are kept in the
# tree): files in the format of src/core/mg-history-store.c for fuzz-history-store.c's
# machine id, MemTotal and "now", valid ones and one of each kind of refusal.
# Usage: tests/fuzz/make-history-store-seeds.py tests/fuzz/corpus/history-store
import hashlib, math, os, struct, sys
out = sys.argv[1]
MACHINE = hashlib.sha256(b'memgauge-history:fuzz').digest()[:16]
NOW = 1795314600 * 1000000
def file(entries, base, count=None, magic=b'MGHIST\r\n', version=1, machine=MACHINE, total=8000000):
    body = b''.join(struct.pack('<IfBB', off, frac, level, flags) for off, frac, level, flags in entries)
    n = len(entries) if count is None else count
    return magic + struct.pack('<II', version, n) + machine + struct.pack('<Qq', total, base) + body
def write(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
base = NOW - 1800 * 1000000
hour = [(i * 3000000, 0.25 + 0.5 * (i % 7) / 7, 1 + i % 4, 1) if i % 9 else (i * 3000000, 0.0, 0, 0) for i in range(400)]
write('half-hour-at-3s', file(hour, base))
write('empty', file([], 0))
write('one-failed-sample', file([(0, 0.0, 0, 0)], NOW - 5000000))
write('partly-older-than-an-hour', file([(i * 600000000, 0.5, 2, 1) for i in range(8)], NOW - 4200 * 1000000))
write('critical-full', file([(0, 1.0, 4, 1), (1, 1.0, 4, 1), (1, 0.0, 1, 1)], NOW - 10 * 1000000))
write('wrong-version', file([(0, 0.5, 1, 1)], base, version=2))
write('foreign-memtotal', file([(0, 0.5, 1, 1)], base, total=16000000))
write('nan', file([(0, math.nan, 1, 1)], base))
write('huge-count', file([(0, 0.5, 1, 1)], base, count=0xffffffff))
write('truncated', file(hour[:3], base)[:-4])
