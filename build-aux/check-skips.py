#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when meson's test log holds a skipped test or subtest that is not allowed to skip.

Usage: check-skips.py [--assume-uid UID] TESTLOG.json

As root (CI) nothing may skip. When not root, only the tests of ROOT_ONLY may skip, and only
for the reason their entry names (their skip message must hold it), because they need root
to run at all. --assume-uid judges the log as if run by that user id instead of the real
effective one (the self-test, tests/lint/test-check-skips.py, uses it). See README.md,
"Tests".
"""
import argparse
import json
import os
import re
import sys

# "suite / test" -> (words its skip message must hold, why it needs root). Applies only when
# not root; as root these tests must run like every other.
ROOT_ONLY = {
    'integration / polkit': (
        'needs root',
        'starts a system dbus-daemon and polkitd in a private mount namespace (unshare '
        'needs root) and runs pkexec against them',
    ),
}

# GLib TAP subtests print "ok N /path # SKIP reason": those count too.
TAP_SKIP = re.compile(r'^ok \d+ (\S+) # SKIP(.*)$', re.MULTILINE)


def short_name(name):
    """meson logs "project:suite / test"; the allow-list says "suite / test"."""
    return name.split(':', 1)[1] if ':' in name.split(' / ', 1)[0] else name


def allowed_skip(name, test, uid):
    entry = ROOT_ONLY.get(short_name(name))
    if entry is None or uid == 0:
        return False
    output = (test.get('stdout') or '') + (test.get('stderr') or '')
    return entry[0] in output


def check(path, uid):
    """Returns the lines that name each skip not allowed for this uid."""
    bad = []
    with open(path, encoding='utf-8') as log:
        for line in log:
            try:
                test = json.loads(line)
            except ValueError:
                continue
            name = test.get('name', '?')
            if test.get('result') == 'SKIP':
                if allowed_skip(name, test, uid):
                    print('allowed to skip when not root: %s (%s)'
                          % (name, ROOT_ONLY[short_name(name)][1]), file=sys.stderr)
                    continue
                reason = ' (only when not root, for: %s)' % ROOT_ONLY[short_name(name)][0] \
                    if short_name(name) in ROOT_ONLY else ''
                bad.append('%s: skipped%s' % (name, reason))
            for sub, reason in TAP_SKIP.findall(test.get('stdout') or ''):
                bad.append('%s %s: skipped:%s' % (name, sub, reason))
    return bad


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--assume-uid', type=int, default=None, metavar='UID',
                        help='judge the log as if run by this user id (self-test only)')
    parser.add_argument('testlog', help="meson's meson-logs/testlog.json")
    args = parser.parse_args(argv)
    uid = os.geteuid() if args.assume_uid is None else args.assume_uid
    try:
        bad = check(args.testlog, uid)
    except OSError as e:
        print('check-skips.py: cannot read %s: %s' % (args.testlog, e.strerror), file=sys.stderr)
        return 2
    for item in bad:
        print('not allowed to skip: ' + item, file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
