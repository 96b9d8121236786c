#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Static analysis of every C file below src/: cppcheck, then clang-tidy. Any finding fails.
#
# Usage: build-aux/static-analysis.sh [--cppcheck | --clang-tidy] BUILD
#
#   BUILD         a configured and built meson build directory: clang-tidy compiles each
#                 file with BUILD/compile_commands.json, and both tools need its config.h
#                 and the generated mg-enums.h
#   --cppcheck    run only cppcheck; --clang-tidy: only clang-tidy
#
# Run by .ci/run and by `meson test --suite lint`. A finding that is right to keep is
# justified where it is, with the tool's own words:
#   /* cppcheck-suppress ID */ on the line before, or
#   /* NOLINT(check-name): why */ at the end of the line.
#
# cppcheck (--enable=warning,style,performance,portability) reads our headers and
# config.h but not GLib's or GTK's, as its manual advises; gtk.cfg, with
# build-aux/cppcheck-glib.cfg loaded first, stands in for them, and
# build-aux/cppcheck-suppressions.xml lists the false findings that cannot be marked
# inline. clang-tidy's checks, and why some are off, are in .clang-tidy at the top.
# If a tool is missing the test is skipped (exit 77), or fails when
# MEMGAUGE_TEST_NO_SKIP=1 (CI); build-aux/packages.sh installs both.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
run_cppcheck=1
run_tidy=1

case ${1:-} in
    --cppcheck) run_tidy=; shift ;;
    --clang-tidy) run_cppcheck=; shift ;;
esac
[ $# -eq 1 ] || {
    echo "usage: static-analysis.sh [--cppcheck | --clang-tidy] BUILD" >&2
    exit 2
}
build=$(cd "$1" && pwd) || exit 2

for generated in compile_commands.json config.h src/core/mg-enums.h; do
    if [ ! -f "$build/$generated" ]; then
        echo "static-analysis.sh: $build/$generated is missing: configure and build first" >&2
        exit 2
    fi
done

missing () {
    if [ "${MEMGAUGE_TEST_NO_SKIP:-}" = 1 ]; then
        echo "static-analysis.sh: $1 is not installed (build-aux/packages.sh lists it)" >&2
        exit 1
    fi
    echo "static-analysis.sh: SKIP: $1 is not installed"
    exit 77
}

cd "$top" || exit 2
sources=$(find src -name '*.c' | sort)
status=0
jobs=$(nproc 2>/dev/null || echo 2)

if [ -n "$run_cppcheck" ]; then
    command -v cppcheck >/dev/null 2>&1 || missing cppcheck
    echo "=== cppcheck $(cppcheck --version | sed 's/^Cppcheck //')"
    # -D_GNU_SOURCE, as meson.build defines it, also tells cppcheck to check this one
    # configuration rather than guess at every #ifdef. --error-exitcode makes any
    # finding fail; "information" (missing system headers) is left off on purpose.
    # No -j: cppcheck 2.10 then reports unusedStructMember without applying the
    # suppressions or the exit code, and one process takes two seconds anyway.
    # shellcheck disable=SC2086
    if cppcheck --enable=warning,style,performance,portability \
        --inline-suppr --error-exitcode=1 --quiet \
        --std=c11 -D_GNU_SOURCE \
        -I "$build" -I "$build/src/core" $(find src -type d -printf '-I %p ') \
        --library="$top/build-aux/cppcheck-glib.cfg" --library=gtk \
        --suppress-xml="$top/build-aux/cppcheck-suppressions.xml" \
        --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
        $sources; then
        echo "cppcheck: no findings"
    else
        status=1
    fi
fi

if [ -n "$run_tidy" ]; then
    tidy=$(command -v clang-tidy || command -v clang-tidy-14) || missing clang-tidy
    echo "=== $($tidy --version | sed -n 's/.*LLVM version /clang-tidy /p')"
    log=$(mktemp "${TMPDIR:-/tmp}/mg-tidy.XXXXXX") || exit 2
    tidy_status=0
    # One file per process, as many at once as there are cores; .clang-tidy at the top
    # is found from each file's directory. --quiet drops the "N warnings generated"
    # chatter, so every line left is a finding or an error.
    # shellcheck disable=SC2086
    if ! printf '%s\n' $sources |
        xargs -P "$jobs" -n 1 "$tidy" --quiet -p "$build" >"$log" 2>&1; then
        tidy_status=1
    fi
    grep -v -e '^[0-9]* warnings\{0,1\} generated\.$' \
        -e '^[0-9]* warnings\{0,1\} and [0-9]* errors\{0,1\} generated\.$' \
        -e '^Suppressed [0-9]* warnings' -e '^Use -header-filter' "$log"
    if grep -q -e ': warning:' -e ': error:' "$log"; then
        tidy_status=1
    fi
    rm -f "$log"
    if [ $tidy_status -eq 0 ]; then
        echo "clang-tidy: no findings"
    else
        status=1
    fi
fi

exit $status
