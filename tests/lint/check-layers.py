#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the #include lines under src/ against the layer rules of DESIGN.md.

Usage: check-layers.py SOURCE_ROOT

Prints each violation as `file:line: what` and exits 1 when there is any, 0 otherwise.

Rules (dependencies point one way: ui -> service -> core <- sources; helper -> privileged):
- nothing under src/core, src/sources, src/privileged or src/helper includes GTK, GDK or
  libayatana (only src/ui draws);
- src/privileged and src/helper include no gettext (glib/gi18n*.h, libintl.h), no GObject
  or GIO (glib-object.h, gobject/, gio/), no libsoup and no json-glib: the root helper links
  plain GLib only;
- src/core includes no header of src/sources, src/service or src/ui;
- src/sources includes none of src/service or src/ui;
- src/service includes none of src/ui;
- src/helper includes no project header outside src/privileged.

A quoted include is resolved by file name: first next to the including file, then anywhere
under src/. Headers that the build generates are mapped to the folder that generates them
(GENERATED); config.h belongs to no layer. When a name is found in several folders, the
include breaks a rule only if every candidate does, since the build's include path decides.
"""

import os
import re
import sys

LAYERS = ('core', 'sources', 'privileged', 'helper', 'service', 'ui')

# Generated headers: name -> the layer whose meson.build generates it; None for no layer.
GENERATED = {
    'config.h': None,
    'mg-enums.h': 'core',
}

NO_GUI = ('core', 'sources', 'privileged', 'helper')
GUI_PATTERNS = (
    (re.compile(r'^(gtk|gdk|gdk-pixbuf|gdkx)[/.-]'), 'GTK/GDK'),
    (re.compile(r'^(libayatana|libappindicator)'), 'libayatana'),
)
PLAIN_GLIB = ('privileged', 'helper')
PLAIN_GLIB_PATTERNS = (
    (re.compile(r'^glib/gi18n'), 'gettext'),
    (re.compile(r'^libintl\.h$'), 'gettext'),
    (re.compile(r'^glib-object\.h$'), 'GObject'),
    (re.compile(r'^gobject/'), 'GObject'),
    (re.compile(r'^gio/'), 'GIO (GObject)'),
    # The remote sources' network and JSON libraries stay out of the root helper.
    (re.compile(r'^libsoup'), 'libsoup'),
    (re.compile(r'^json-glib'), 'json-glib'),
)
# Layer -> layers whose headers it must not include; helper is handled apart (allow list).
FORBIDDEN = {
    'core': ('sources', 'service', 'ui'),
    'sources': ('service', 'ui'),
    'service': ('ui',),
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(src, path):
    """The layer folder a path under src/ belongs to, or None."""
    rel = os.path.relpath(path, src)
    top = rel.split(os.sep, 1)[0]
    return top if top in LAYERS else None


def index_headers(src):
    """File name -> list of paths under src/ with that name."""
    names = {}
    for folder, _, files in os.walk(src):
        for name in files:
            names.setdefault(name, []).append(os.path.join(folder, name))
    return names


def resolve(src, names, including, target):
    """The layers a quoted include may come from; [] when it is no project file."""
    beside = os.path.normpath(os.path.join(os.path.dirname(including), target))
    if os.path.isfile(beside):
        return [layer_of(src, beside)]
    base = os.path.basename(target)
    if base in GENERATED:
        return [GENERATED[base]]
    return [layer_of(src, path) for path in names.get(base, [])]


def check_file(src, names, path):
    """Yield (line number, what) for each violation in one file."""
    layer = layer_of(src, path)
    with open(path, encoding='utf-8', errors='replace') as f:
        for number, line in enumerate(f, 1):
            match = INCLUDE.match(line)
            if match is None:
                continue
            quote, target = match.groups()
            if layer in NO_GUI:
                for pattern, what in GUI_PATTERNS:
                    if pattern.search(target):
                        yield number, f'src/{layer} includes {what} ({target})'
            if layer in PLAIN_GLIB:
                for pattern, what in PLAIN_GLIB_PATTERNS:
                    if pattern.search(target):
                        yield number, f'src/{layer} includes {what} ({target})'
            if quote != '"':
                continue
            origins = [o for o in resolve(src, names, path, target) if o is not None]
            if not origins:
                continue
            if layer == 'helper':
                if all(o not in ('privileged', 'helper') for o in origins):
                    yield number, (f'src/helper includes {target} from src/{origins[0]}, '
                                   'outside src/privileged')
            elif layer in FORBIDDEN:
                if all(o in FORBIDDEN[layer] for o in origins):
                    yield number, f'src/{layer} includes {target} from src/{origins[0]}'


def check_tree(root):
    """All violations under ROOT/src as `file:line: what` strings, sorted."""
    src = os.path.join(root, 'src')
    names = index_headers(src)
    found = []
    for folder, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(folder, name)
            for number, what in check_file(src, names, path):
                found.append(f'{os.path.relpath(path, root)}:{number}: {what}')
    return sorted(found)


def main(argv):
    if len(argv) != 2:
        print(f'usage: {argv[0]} SOURCE_ROOT', file=sys.stderr)
        return 2
    if not os.path.isdir(os.path.join(argv[1], 'src')):
        print(f'{argv[0]}: no src/ under {argv[1]}', file=sys.stderr)
        return 2
    violations = check_tree(argv[1])
    for violation in violations:
        print(violation)
    if violations:
        print(f'{len(violations)} include(s) break the layer rules (DESIGN.md "Layers")',
              file=sys.stderr)
        return 1
    print('layers: every #include follows the rules')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
