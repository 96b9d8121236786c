#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks memgauge(1) as meson configured it: groff formats it without a single warning, it
names every option `memgauge --help-all` lists, and every environment variable that the
sources read appears in its ENVIRONMENT section.

Usage: check-manpage.py GROFF MANPAGE MEMGAUGE SRCDIR
"""
import os
import re
import subprocess
import sys

# Environment reads in the sources: g_getenv ("NAME"), getenv ("NAME"), and the
# `#define SOMETHING_ENV "NAME"` constants that code passes to g_getenv.
GETENV = re.compile(r'\b(?:g_)?getenv\s*\(\s*"([A-Z][A-Z0-9_]*)"')
ENV_DEFINE = re.compile(r'#\s*define\s+\w+_ENV\s+"([A-Z][A-Z0-9_]*)"')


def roff_text(source):
    """The page's source with roff's escaped hyphens as plain ones."""
    return source.replace('\\-', '-')


def section(text, name):
    match = re.search(r'^\.SH %s\n(.*?)(?=^\.SH |\Z)' % re.escape(name), text, re.M | re.S)
    return match.group(1) if match else ''


def main(groff, manpage, memgauge, srcdir):
    problems = []
    with open(manpage, encoding='utf-8') as f:
        source = f.read()
    text = roff_text(source)

    if '@' in re.sub(r'^\.\\".*$', '', source, flags=re.M):
        problems.append('a placeholder was not filled in: ' +
                        ', '.join(sorted(set(re.findall(r'@\w*@?', source)))))

    # -ww: every warning; -z: format, print nothing. groff exits 0 on warnings, so its
    # standard error decides.
    run = subprocess.run([groff, '-man', '-Tutf8', '-ww', '-z', manpage],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL='C.UTF-8'))
    if run.returncode != 0 or run.stderr.strip():
        problems.append('groff -man -Tutf8 -ww (exit %d):\n%s' % (run.returncode, run.stderr))
    else:
        print('groff -man -Tutf8 -ww: no warnings')

    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    run = subprocess.run([memgauge, '--help-all'], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        problems.append('memgauge --help-all exited %d: %s' % (run.returncode, run.stderr))
    options = sorted(set(re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z-]*)', run.stdout, re.M)))
    if len(options) < 5:
        problems.append('memgauge --help-all lists too few options:\n' + run.stdout)
    for option in options:
        if not re.search(re.escape(option) + r'(?![a-z-])', text):
            problems.append('the man page does not mention ' + option)
    print('options in --help-all: ' + ' '.join(options))

    environment = section(text, 'ENVIRONMENT')
    variables = set()
    for dirpath, _, files in os.walk(srcdir):
        for name in files:
            if name.endswith(('.c', '.h')):
                with open(os.path.join(dirpath, name), encoding='utf-8') as f:
                    code = f.read()
                variables.update(GETENV.findall(code))
                variables.update(ENV_DEFINE.findall(code))
    if 'MEMGAUGE_PROC_ROOT' not in variables:
        problems.append('found no g_getenv ("MEMGAUGE_PROC_ROOT") in ' + srcdir)
    for variable in sorted(variables):
        if not re.search(r'^\.BR? .*\b%s\b' % variable, environment, re.M):
            problems.append('ENVIRONMENT does not describe ' + variable)
    print('environment variables read by the sources: ' + ' '.join(sorted(variables)))

    for problem in problems:
        print('FAIL: ' + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
