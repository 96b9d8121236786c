#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The long run, for the leaks and crashes that only show over thousands of samples: the real
# memgauge from a build tree, under Xvfb with a tray host (xfce4-panel) and a notification
# daemon (python-dbusmock), through thousands of samples of a proc root that cycles through
# every fixture in tests/fixtures/proc (every level and every broken case). Run from meson
# as the benchmarks in suite 'long':
#
#   meson test -C build --benchmark --suite long --verbose
#
# or by hand:
#
#   build-aux/long-run.sh BUILD-DIR [--samples N] [--interval-ms MS] [--switch-ms MS]
#                         [--rss-tolerance PERCENT]
#   build-aux/long-run.sh BUILD-DIR --valgrind [--samples N] [--gauge-cycles N]
#
# Plain: 10,000 samples; RSS after the last one must be within --rss-tolerance (1 %) of
# RSS after the first 500. --valgrind: 500 samples under valgrind memcheck while the gauge
# window is opened and closed 20 times and the swappiness dialog opened and cancelled; any
# definite or indirect leak not in tests/valgrind.supp fails, and the report is kept in
# BUILD-DIR/tests/artefacts/long-run-valgrind.log.
#
# The app is told to sample every few milliseconds instead of every second through
# MEMGAUGE_TEST_INTERVAL_MS (read in src/ui/mg-application.c; for tests only), so 10,000
# samples take about a minute, not three hours. The session (tests/lib/ui-session.sh) is
# private and removed afterwards, whatever the outcome.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 BUILD-DIR [--valgrind] [OPTION...] (see the header)" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
shift

valgrind=false
for arg in "$@"; do
    [ "$arg" = --valgrind ] && valgrind=true
done
if $valgrind && ! command -v valgrind >/dev/null 2>&1; then
    echo "long-run.sh: SKIP: valgrind is not installed (build-aux/packages.sh lists it)" >&2
    [ "${MEMGAUGE_TEST_NO_SKIP:-}" = 1 ] && exit 1
    exit 77
fi
if $valgrind; then
    set -- --samples 500 --interval-ms 20 --suppressions "$top/tests/valgrind.supp" "$@"
fi

MEMGAUGE_ARTEFACTS="$build/tests/artefacts"
export MEMGAUGE_ARTEFACTS
exec "$top/tests/lib/ui-session.sh" --tray -- /usr/bin/python3 "$top/tests/integration/long-run.py" \
    --bin "$build/src/memgauge" --schema-dir "$build/data" \
    --fixtures "$top/tests/fixtures/proc" "$@"
