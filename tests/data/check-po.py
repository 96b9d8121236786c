#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations in po/:

- po/LINGUAS and the po/*.po files name the same languages;
- `msgfmt --check --statistics` accepts every .po, with no fuzzy and no untranslated message;
- the header names the language, UTF-8 and the language's plural rule;
- every message of the sources is translated: the strings that xgettext extracts now from the
  files in po/POTFILES.in (as `ninja memgauge-pot` does) are all in each .po (msgcmp);
- no .po keeps a message that the sources no longer have (msgcmp's "not used"): a translator
  should not work on strings nobody sees.

Usage: check-po.py MSGFMT XGETTEXT MSGCMP SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

# The plural rules of the languages MemGauge ships, as gettext's manual gives them.
PLURAL_FORMS = {
    'de': 'nplurals=2; plural=(n != 1);',
    'fr': 'nplurals=2; plural=(n > 1);',
}

# meson's i18n.gettext(preset: 'glib'): the keywords decide which strings are extracted.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]


def header_field(po_text, field):
    match = re.search(r'^"%s: ([^"\\]*)(?:\\n)?"$' % re.escape(field), po_text, re.M)
    return match.group(1).strip() if match else None


def main(msgfmt, xgettext, msgcmp, top):
    problems = []
    po_dir = os.path.join(top, 'po')
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        linguas = [word for line in f if not line.lstrip().startswith('#')
                   for word in line.split()]
    files = sorted(name[:-3] for name in os.listdir(po_dir) if name.endswith('.po'))
    if sorted(linguas) != files:
        problems.append(f'po/LINGUAS lists {sorted(linguas)}, po/ has {files}')
    if not linguas:
        problems.append('po/LINGUAS lists no language')

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'memgauge.pot')
        run = subprocess.run([xgettext, '--package-name=memgauge', '--directory=' + top,
                              '--files-from=' + os.path.join(po_dir, 'POTFILES.in'),
                              '--output=' + pot] + XGETTEXT_ARGS,
                             capture_output=True, text=True,
                             env=dict(os.environ, GETTEXTDATADIRS=po_dir))
        if run.returncode != 0:
            problems.append(f'xgettext failed ({run.returncode}):\n{run.stderr}')

        for lang in sorted(set(linguas) & set(files)):
            po = os.path.join(po_dir, lang + '.po')
            run = subprocess.run([msgfmt, '--check', '--statistics', '--output-file=/dev/null',
                                  po], capture_output=True, text=True,
                                 env=dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE=''))
            statistics = run.stderr.strip()
            if run.returncode != 0:
                problems.append(f'{lang}.po: msgfmt --check failed:\n{statistics}')
            elif 'fuzzy' in statistics or 'untranslated' in statistics:
                problems.append(f'{lang}.po: {statistics}')
            print(f'{lang}.po: {statistics}')

            with open(po, encoding='utf-8') as f:
                text = f.read()
            if header_field(text, 'Language') != lang:
                problems.append(f'{lang}.po: the header says Language: '
                                f'{header_field(text, "Language")}')
            if header_field(text, 'Content-Type') != 'text/plain; charset=UTF-8':
                problems.append(f'{lang}.po: not UTF-8')
            want = PLURAL_FORMS.get(lang)
            got = header_field(text, 'Plural-Forms')
            if want is None:
                problems.append(f'{lang}.po: add its plural rule to PLURAL_FORMS in this script')
            elif got != want:
                problems.append(f'{lang}.po: Plural-Forms is {got!r}, expected {want!r}')

            if os.path.exists(pot):
                run = subprocess.run([msgcmp, '--no-fuzzy-matching', po, pot],
                                     capture_output=True, text=True,
                                     env=dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE=''))
                if run.returncode != 0:
                    problems.append(
                        f'{lang}.po lacks translations of strings in the sources; run '
                        f'`ninja -C BUILD memgauge-update-po` and translate them:\n{run.stderr}')
                unused = run.stderr.count('this message is not used')
                if unused:
                    problems.append(
                        f'{lang}.po keeps {unused} message(s) the sources no longer have; '
                        f'remove them:\n{run.stderr}')

    for problem in problems:
        print('FAIL: ' + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
