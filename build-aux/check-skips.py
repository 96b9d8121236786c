#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when meson's test log holds a skipped test or subtest that is not allowed to skip.

Usage: check-skips.py [--assume-uid UID] TESTLOG.json

As root (CI) nothing may skip. When not root, only the tests and GLib subtests of ROOT_ONLY
may skip, and only for the reason their entry names (their skip message must hold it),
because they need root to run at all. --assume-uid judges the log as if run by that user id instead of the real
effective one (the self-test, tests/lint/test-check-skips.py, uses it). See README.md,
"Tests".
"""
import argparse
import json
import os
import re
import sys

# "suite / test" or "suite / test /subtest/path" -> (words its skip message must hold, why
# it needs root). Applies only when not root; as root these must run like every other.
ROOT_ONLY = {
    'integration / polkit': (
        'needs root',
        'starts a system dbus-daemon and polkitd in a private mount namespace (unshare '
        'needs root) and runs pkexec against them',
    ),
    'unit / sysctl-persist /sysctl/persist/refuses-foreign-dir': (
        'needs root',
        'gives a sysctl.d folder to another user (chown) to see the helper refuse it',
    ),
    'integration / runaways': (
        'needs root',
        'makes a memory cgroup and lets the kernel OOM-kill two runaways in it',
    ),
    'long / thrash': (
        'needs root',
        'switches on zram and a swap file and puts the app and a hog in a memory cgroup',
    ),
    'integration / group-notifications': (
        'needs root',
        'makes a memory cgroup with a 64 MiB limit under /sys/fs/cgroup and OOM-kills a '
        'process in it',
    ),
    'integration / podman-groups': (
        'needs root',
        'runs a rootful podman container',
    ),
    'ui / group-list-podman /group-list/podman': (
        'needs root',
        'runs a rootful podman container',
    ),
}
# mg-group-ender's tests make real control groups and processes of another user.
for _case in ('refuses-other-user', 'refuses-self', 'refuses-session', 'cgroup-kill',
              'term-then-kill'):
    ROOT_ONLY['unit / group-ender /group-ender/' + _case] = (
        'needs root', 'makes control groups in /sys/fs/cgroup and moves processes into them')

# GLib TAP subtests print "ok N /path # SKIP reason": those count too.
TAP_SKIP = re.compile(r'^ok \d+ (\S+) # SKIP(.*)$', re.MULTILINE)


def short_name(name):
    """meson logs "project:suite / test"; the allow-list says "suite / test"."""
    return name.split(':', 1)[1] if ':' in name.split(' / ', 1)[0] else name


def allowed_skip(key, message, uid):
    entry = ROOT_ONLY.get(key)
    return entry is not None and uid != 0 and entry[0] in message


def refusal(key, what):
    only = ' (only when not root, for: %s)' % ROOT_ONLY[key][0] if key in ROOT_ONLY else ''
    return '%s: skipped%s' % (what, only)


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
            key = short_name(name)
            if test.get('result') == 'SKIP':
                output = (test.get('stdout') or '') + (test.get('stderr') or '')
                if allowed_skip(key, output, uid):
                    print('allowed to skip when not root: %s (%s)' % (name, ROOT_ONLY[key][1]),
                          file=sys.stderr)
                else:
                    bad.append(refusal(key, name))
            for sub, reason in TAP_SKIP.findall(test.get('stdout') or ''):
                sub_key = '%s %s' % (key, sub)
                if allowed_skip(sub_key, reason, uid):
                    print('allowed to skip when not root: %s %s (%s)'
                          % (name, sub, ROOT_ONLY[sub_key][1]), file=sys.stderr)
                else:
                    bad.append(refusal(sub_key, '%s %s' % (name, sub)) + ':' + reason)
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
