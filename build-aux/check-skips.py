#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when meson's test log holds a skipped test or subtest that is not allowed to skip.

The allow-list is short and each entry says why; see README.md, "Tests".
"""
import json
import re
import sys

# test name -> reason it may skip on a machine where it cannot run
ALLOWED = {
}

# GLib TAP subtests print "ok N /path # SKIP reason": those count too.
TAP_SKIP = re.compile(r'^ok \d+ (\S+) # SKIP(.*)$', re.MULTILINE)


def main(path):
    bad = []
    with open(path, encoding='utf-8') as log:
        for line in log:
            try:
                test = json.loads(line)
            except ValueError:
                continue
            name = test.get('name', '?')
            if name in ALLOWED:
                continue
            if test.get('result') == 'SKIP':
                bad.append('%s: skipped' % name)
            for sub, reason in TAP_SKIP.findall(test.get('stdout') or ''):
                bad.append('%s %s: skipped:%s' % (name, sub, reason))
    for item in bad:
        print('not allowed to skip: ' + item, file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
