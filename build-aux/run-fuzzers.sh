#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the fuzz targets of the /proc parsers, the cgroup files' parsers, the container
# metadata readers and the history file's parser (clang, libFuzzer, ASan, UBSan) and runs
# each one.
#
# Usage: build-aux/run-fuzzers.sh [--runs N | --seconds N] [--merge] [TARGET...]
#
#   (no option)   each target for a fixed 200000 inputs: what CI runs
#   --runs N      each target for N inputs
#   --seconds N   each target for N seconds instead, for the long runs
#                 (build-aux/run-fuzzers.sh --seconds 600 --merge is the ten-minute run)
#   --merge       after a target passes, keep what it found: the inputs that add coverage
#                 to tests/fuzz/corpus/TARGET (libFuzzer -merge=1 into a fresh copy of it)
#                 are added there, named by their SHA-1; the existing files stay as they are
#   TARGET        meminfo, vmstat, psi, swappiness, history-store, cgroup, engines,
#                 buddyinfo, exposition, prom-query, swaps or zram; all twelve when none
#                 is named
#
# The build directory is build-fuzz at the top of the source tree, configured as
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
#     -Db_lundef=false
# Each target starts from tests/fuzz/corpus/TARGET with tests/fuzz/TARGET.dict. New
# inputs are written to a temporary copy of that corpus, never into the source tree
# unless --merge asks for the new coverage to be kept; a
# crashing input is kept in build-fuzz/fuzz-artifacts/TARGET/ (emptied at the start of
# each run) and named in the output.
# The exit status is non-zero if any target crashes, leaks, hits undefined behaviour or
# an input takes longer than 10 s.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-fuzz"
runs=200000
seconds=
merge=
targets=

usage() {
    # The header comment above, up to the first line that is not a comment.
    sed -n '3,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
}

while [ $# -gt 0 ]; do
    case $1 in
        --runs)
            [ $# -ge 2 ] || { usage >&2; exit 2; }
            runs=$2
            shift 2
            ;;
        --seconds)
            [ $# -ge 2 ] || { usage >&2; exit 2; }
            seconds=$2
            shift 2
            ;;
        --merge)
            merge=1
            shift
            ;;
        -h|--help)
            usage
            exit 0
            ;;
        meminfo|vmstat|psi|swappiness|history-store|cgroup|engines|buddyinfo|exposition|prom-query|swaps|zram)
            targets="$targets $1"
            shift
            ;;
        *)
            echo "run-fuzzers.sh: unknown argument: $1" >&2
            usage >&2
            exit 2
            ;;
    esac
done
targets=${targets:-meminfo vmstat psi swappiness history-store cgroup engines buddyinfo exposition prom-query swaps zram}

case ${seconds:-0}${runs} in
    *[!0-9]*)
        echo "run-fuzzers.sh: --runs and --seconds take a whole number" >&2
        exit 2
        ;;
esac

command -v clang >/dev/null 2>&1 || {
    echo "run-fuzzers.sh: clang is needed for libFuzzer (apt-get install clang)" >&2
    exit 1
}

if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" "$top" -Dfuzzing=true \
        -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja_targets=
for target in $targets; do
    ninja_targets="$ninja_targets tests/fuzz/fuzz-$target"
done
# shellcheck disable=SC2086
ninja -C "$build" $ninja_targets

work=$(mktemp -d "${TMPDIR:-/tmp}/memgauge-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# halt_on_error: UBSan only prints by default, and a fuzz run must stop at the first
# report. Leaks are errors too (a GError left behind is one).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:abort_on_error=1:print_stacktrace=1"

failed=
for target in $targets; do
    corpus="$work/$target"
    artifacts="$build/fuzz-artifacts/$target"
    # Reproducers are those of this run only; copy one into tests/fuzz/corpus/TARGET/
    # once the bug is fixed, so that the fuzz suite replays it from then on.
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp "$top/tests/fuzz/corpus/$target/"* "$corpus/"

    if [ -n "$seconds" ]; then
        limit="-max_total_time=$seconds"
        echo "=== fuzz-$target for $seconds s"
    else
        limit="-runs=$runs"
        echo "=== fuzz-$target for $runs inputs"
    fi

    # 16 KiB is the most MgProcReader ever hands a parser (MG_PROC_BUFFER_SIZE); the
    # history file is at most MG_HISTORY_STORE_MAX_SIZE (48 + 3600 * 10 bytes).
    # The remote parsers take up to 4 MiB; 64 KiB holds a whole node_exporter scrape (the
    # seed); Prometheus answers are fuzzed up to 16 KiB, a few machines, which keeps json-glib
    # fast enough for CI's 200000 inputs.
    case $target in
        history-store) max_len=36048 ;;
        exposition) max_len=65536 ;;
        *) max_len=16384 ;;
    esac
    if "$build/tests/fuzz/fuzz-$target" "$limit" \
        -max_len=$max_len -timeout=10 -print_final_stats=1 \
        -dict="$top/tests/fuzz/$target.dict" \
        -artifact_prefix="$artifacts/" \
        "$corpus"; then
        echo "=== fuzz-$target: no crash"
        if [ -n "$merge" ]; then
            # A fresh directory holding only the kept corpus, so that -merge=1 adds just
            # the inputs that reach coverage the kept corpus does not.
            fresh="$work/$target.merged"
            mkdir -p "$fresh"
            cp "$top/tests/fuzz/corpus/$target/"* "$fresh/"
            "$build/tests/fuzz/fuzz-$target" -merge=1 -max_len=$max_len -timeout=10 \
                -artifact_prefix="$artifacts/" "$fresh" "$corpus" 2>"$work/$target.merge.log" || {
                cat "$work/$target.merge.log" >&2
                failed="$failed $target"
                continue
            }
            added=0
            for input in "$fresh"/*; do
                name=${input##*/}
                if [ ! -e "$top/tests/fuzz/corpus/$target/$name" ]; then
                    cp "$input" "$top/tests/fuzz/corpus/$target/"
                    added=$((added + 1))
                fi
            done
            echo "=== fuzz-$target: $added input(s) added to tests/fuzz/corpus/$target"
            grep -E '^MERGE-OUTER: [0-9]+ new files' "$work/$target.merge.log" || true
        fi
    else
        echo "=== fuzz-$target: FAILED; reproducer(s) in $artifacts/:" >&2
        ls -l "$artifacts" >&2
        failed="$failed $target"
    fi
done

if [ -n "$failed" ]; then
    echo "run-fuzzers.sh: failed:$failed" >&2
    exit 1
fi
echo "run-fuzzers.sh: all targets passed"
