#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks flatpak/io.github.memgauge.MemGauge.json without building it:

- it is valid JSON (flatpak-builder also takes comments, but other tools do not; comments are
  keys starting with "//");
- the app id, the GNOME runtime and SDK of one version, and the command;
- finish-args are exactly --share=ipc, --socket=wayland, --socket=fallback-x11 and
  --talk-name=org.kde.StatusNotifierWatcher, nothing more;
- every source is pinned: archives and files by sha256 (over https), git by commit and the
  tag it belongs to, patches from this repository; a dir source only for MemGauge itself (..);
- the tray library and its dependencies are built before MemGauge, which is built last
  with meson and -Dprofile=default.

Usage: check-flatpak.py MANIFEST
"""
import json
import os
import re
import sys

APP_ID = 'io.github.memgauge.MemGauge'
FINISH_ARGS = [
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--talk-name=org.kde.StatusNotifierWatcher',
]
DEPENDENCIES = ['libdbusmenu', 'ayatana-ido', 'libayatana-indicator', 'libayatana-appindicator']
SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')


def no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError('duplicate keys: ' + ', '.join(duplicates))
    return dict(pairs)


def walk_modules(modules, problems, where='modules'):
    """Yields (module, path) for every module, nested ones included."""
    for i, module in enumerate(modules):
        if not isinstance(module, dict):
            problems.append(f'{where}[{i}] is {module!r}: modules in other files are not '
                            'checked, write them inline')
            continue
        path = f'{where}[{i}] ({module.get("name", "?")})'
        yield module, path
        yield from walk_modules(module.get('modules', []), problems, path + '.modules')


def check_source(source, path, is_app, problems):
    kind = source.get('type')
    if kind in ('archive', 'file'):
        if not SHA256.match(source.get('sha256', '')):
            problems.append(f'{path}: {kind} without a sha256')
        if 'url' in source and not source['url'].startswith('https://'):
            problems.append(f'{path}: {source["url"]} is not https')
        if 'url' not in source and 'path' not in source:
            problems.append(f'{path}: {kind} with neither url nor path')
    elif kind == 'git':
        if not COMMIT.match(source.get('commit', '')):
            problems.append(f'{path}: git without a full commit id')
        if not source.get('tag'):
            problems.append(f'{path}: git without the tag its commit belongs to')
        if 'branch' in source:
            problems.append(f'{path}: git with a branch: pin a tag and its commit')
        if not source.get('url', '').startswith('https://'):
            problems.append(f'{path}: git url is not https')
    elif kind == 'dir':
        if not is_app:
            problems.append(f'{path}: a dir source is only allowed for MemGauge itself')
        elif source.get('path') != '..':
            problems.append(f'{path}: MemGauge must be built from the checkout (path "..")')
    elif kind == 'patch':
        if 'path' not in source and 'paths' not in source:
            problems.append(f'{path}: a patch must come from this repository')
    elif kind == 'shell':
        if not source.get('commands'):
            problems.append(f'{path}: shell source without commands')
    else:
        problems.append(f'{path}: source type {kind!r} is not allowed (cannot be pinned here)')


def main(manifest_path):
    problems = []
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f, object_pairs_hook=no_duplicate_keys)
    except ValueError as e:
        print(f'FAIL: {manifest_path} is not valid JSON: {e}', file=sys.stderr)
        return 1

    if manifest.get('id') != APP_ID or 'app-id' in manifest:
        problems.append(f'id must be {APP_ID} (and no deprecated app-id)')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    if not re.match(r'^\d+$', str(manifest.get('runtime-version', ''))):
        problems.append('runtime-version must be a GNOME release such as "47", not master')
    if manifest.get('command') != 'memgauge':
        problems.append('command must be memgauge')

    finish_args = manifest.get('finish-args', [])
    if sorted(finish_args) != sorted(FINISH_ARGS) or len(finish_args) != len(set(finish_args)):
        extra = sorted(set(finish_args) - set(FINISH_ARGS))
        missing = sorted(set(FINISH_ARGS) - set(finish_args))
        problems.append(f'finish-args must be exactly {FINISH_ARGS}; extra {extra}, '
                        f'missing {missing}')

    top = manifest.get('modules', [])
    names = [m.get('name') for m in top if isinstance(m, dict)]
    if not names or names[-1] != 'memgauge':
        problems.append(f'MemGauge must be the last module, modules are {names}')
    else:
        app = top[-1]
        if app.get('buildsystem') != 'meson' or '-Dprofile=default' not in app.get('config-opts', []):
            problems.append('MemGauge must build with meson and -Dprofile=default')
    for name in DEPENDENCIES:
        if name not in names[:-1]:
            problems.append(f'no module {name} before memgauge (modules are {names})')

    n_sources = 0
    for module, path in walk_modules(top, problems):
        is_app = module is top[-1] and module.get('name') == 'memgauge'
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'{path}: no sources')
        for j, source in enumerate(sources):
            if not isinstance(source, dict):
                problems.append(f'{path}.sources[{j}]: sources in other files are not checked')
                continue
            check_source(source, f'{path}.sources[{j}]', is_app, problems)
            n_sources += 1
            if source.get('type') == 'patch':
                for rel in source.get('paths', [source.get('path')]):
                    full = os.path.join(os.path.dirname(manifest_path), rel or '')
                    if not os.path.isfile(full):
                        problems.append(f'{path}.sources[{j}]: {rel} does not exist')

    for problem in problems:
        print('FAIL: ' + problem, file=sys.stderr)
    if not problems:
        print(f'{manifest_path}: valid JSON, {APP_ID} on {manifest["runtime"]} '
              f'{manifest["runtime-version"]}, {len(names)} modules, {n_sources} sources all '
              f'pinned, finish-args {" ".join(finish_args)}')
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
