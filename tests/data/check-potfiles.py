#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a source or data file with translatable strings is missing from POTFILES.in,
or when POTFILES.in names a file that does not exist."""
import os
import re
import sys

TOP = sys.argv[1]
MARKS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.in': re.compile(r'<_?(?:description|message|summary|name|p|caption|li)\b|^(?:Name|GenericName|Comment|Keywords)=', re.M),
    '.xml': re.compile(r'<summary>|<description>'),
}


def main():
    with open(os.path.join(TOP, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}

    problems = []
    for path in sorted(listed):
        if not os.path.exists(os.path.join(TOP, path)):
            problems.append('POTFILES.in names a missing file: ' + path)

    for folder in ('src', 'data'):
        for dirpath, _, files in os.walk(os.path.join(TOP, folder)):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, TOP)
                ext = os.path.splitext(name)[1]
                if ext not in MARKS or (ext == '.xml' and not name.endswith('.gschema.xml')):
                    continue
                with open(full, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                if MARKS[ext].search(text) and rel not in listed:
                    problems.append('translatable strings but not in POTFILES.in: ' + rel)

    for problem in problems:
        print(problem, file=sys.stderr)
    print('%d files listed, %d problems' % (len(listed), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
