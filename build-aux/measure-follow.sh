#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Idle cost of the D-Bus API and of `memgauge --follow` attached to the app, measured as
# build-aux/measure-idle.sh measures: wakeups are voluntary context switches summed over a
# process's threads (/proc/PID/task/*/status), CPU the threads' run time (schedstat).
#
# Usage, inside a session with a tray host:
#   tests/lib/ui-session.sh --tray build-aux/measure-follow.sh BUILD/src/memgauge BUILD/data [ROOT]
# (meson test --benchmark follow-cost does this with the real /proc). ROOT, a copy of a
# fixture, leaves out this machine's changes: then nothing changes and nothing is sent.
#
# Starts the app with its defaults (sample-interval 3 s), waits MG_IDLE_WARMUP seconds
# (15), measures it alone over MG_IDLE_SECONDS (60); then starts `memgauge --follow
# --format=waybar` writing into a pipe, as a bar reads it, waits again and measures both
# over the same time. Prints each figure per thread and the number of lines printed.
set -u

memgauge=${1:?usage: measure-follow.sh MEMGAUGE SCHEMA_DIR [PROC_ROOT]}
schema_dir=${2:?usage: measure-follow.sh MEMGAUGE SCHEMA_DIR [PROC_ROOT]}
warmup=${MG_IDLE_WARMUP:-15}
seconds=${MG_IDLE_SECONDS:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/mg-follow-cost.XXXXXX") || exit 1
pids=""

cleanup () {
    for pid in $pids; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in $pids; do
        wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "measure-follow.sh: run me inside tests/lib/ui-session.sh --tray" >&2
    exit 2
fi
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schema_dir"
if [ -n "${3:-}" ]; then
    export MEMGAUGE_PROC_ROOT="$3"
fi

# wakeups PID: voluntary context switches of all threads; threads PID: per thread.
wakeups () {
    cat /proc/"$1"/task/*/status 2>/dev/null |
        awk '/^voluntary_ctxt_switches:/ {s += $2} END {print s + 0}'
}
threads () {
    for task in /proc/"$1"/task/*; do
        printf '%s=%s ' "$(cat "$task/comm")" \
            "$(awk '/^voluntary_ctxt_switches:/ {print $2}' "$task/status")"
    done
}
cpu_us () {
    cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ns += $1} END {printf "%d", ns / 1000}'
}

# measure LABEL PID...: wakeups and CPU of each PID over $seconds.
measure () {
    label=$1
    shift
    for pid in "$@"; do
        echo "$(wakeups "$pid") $(cpu_us "$pid")" >"$work/$pid.start"
        threads "$pid" >"$work/$pid.threads"
    done
    sleep "$seconds"
    for pid in "$@"; do
        read -r w0 c0 <"$work/$pid.start"
        printf '%s: PID %s %s wakeups in %s s, %s us CPU (threads at start: %s; at end: %s)\n' \
            "$label" "$pid" $(($(wakeups "$pid") - w0)) "$seconds" $(($(cpu_us "$pid") - c0)) \
            "$(cat "$work/$pid.threads")" "$(threads "$pid")"
    done
}

"$memgauge" </dev/null >"$work/app.log" 2>&1 &
app=$!
pids="$app"
sleep "$warmup"
measure "app alone" "$app"

mkfifo "$work/pipe"
cat "$work/pipe" >"$work/lines" &
pids="$pids $!"
"$memgauge" --follow --format=waybar >"$work/pipe" 2>"$work/follow.log" &
follow=$!
pids="$pids $follow"
sleep "$warmup"
: >"$work/lines"
measure "with --follow attached" "$app" "$follow"
echo "--follow printed $(wc -l <"$work/lines") lines in $seconds s"
