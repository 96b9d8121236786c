#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Idle cost of MemGauge next to two GTK 3 tray peers, cbatticon and psensor, measured the
# same way in the same session (PSS depends on who else maps the same libraries).
#
# Usage, inside a session with a tray host (meson test --benchmark does this):
#   tests/ui-session.sh --tray build-aux/measure-idle.sh BUILD/src/memgauge BUILD/data
#
# Starts every program, waits MG_IDLE_WARMUP seconds (20), then measures over
# MG_IDLE_SECONDS (60): RSS at start and end, PSS and USS (Private_Clean + Private_Dirty)
# from /proc/PID/smaps_rollup, CPU seconds from utime + stime in /proc/PID/stat, and
# wakeups as voluntary context switches summed over /proc/PID/task/*/status.
# CPU is also given in ms from /proc/PID/task/*/schedstat (run time in ns), since 0.05 %
# of one core over 60 s is only 3 clock ticks.
# MemGauge reads the real /proc at its default interval (3 s, GSettings memory backend),
# or MG_IDLE_PROC_ROOT (a copy of a fixture) to leave out changes of this machine's memory.
# Prints one markdown table row per program, then each program's threads with their
# wakeups, then MemGauge's targets. A program that is not installed or exits is reported
# as such.
set -u

memgauge=${1:?usage: measure-idle.sh MEMGAUGE SCHEMA_DIR}
schema_dir=${2:?usage: measure-idle.sh MEMGAUGE SCHEMA_DIR}
warmup=${MG_IDLE_WARMUP:-20}
seconds=${MG_IDLE_SECONDS:-60}
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/mg-idle.XXXXXX") || exit 1
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
    echo "measure-idle.sh: run me inside tests/ui-session.sh --tray" >&2
    exit 2
fi

# name command...: starts a program; its PID goes into $work/NAME.pid.
start () {
    name=$1
    shift
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "not installed" >"$work/$name.missing"
        return
    fi
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schema_dir" "$@" \
        </dev/null >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    pids="$pids $!"
}

# snapshot NAME TAG: the numbers of one moment into $work/NAME.TAG (key value lines)
# and the threads into $work/NAME.TAG.tasks (tid comm voluntary).
snapshot () {
    pid=$(cat "$work/$1.pid")
    out="$work/$1.$2"
    [ -r "/proc/$pid/smaps_rollup" ] || return 1
    awk '/^Rss:/ {print "rss", $2} /^Pss:/ {print "pss", $2}
         /^Private_(Clean|Dirty):/ {uss += $2} END {print "uss", uss}' \
        "/proc/$pid/smaps_rollup" >"$out"
    # Field 2 (comm) may hold spaces: count from after its closing parenthesis.
    sed 's/.*) //' "/proc/$pid/stat" | awk '{print "ticks", $12 + $13}' >>"$out"
    : >"$out.tasks"
    for task in /proc/"$pid"/task/*; do
        awk -v tid="${task##*/}" '/^Name:/ {name = $2} /^voluntary_ctxt_switches:/ {v = $2}
             END {print tid, name, v}' "$task/status" >>"$out.tasks" 2>/dev/null
    done
    awk '{sum += $3} END {print "wakeups", sum}' "$out.tasks" >>"$out"
    # Run time in ns per thread (schedstat field 1): finer than stat's clock ticks.
    cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{ns += $1} END {print "ns", ns}' >>"$out"
}

value () {
    awk -v key="$2" '$1 == key {print $2}' "$work/$1"
}

# MG_IDLE_PROC_ROOT: a copy of a fixture instead of /proc, so that the figures show
# MemGauge's own cost and not the panel redrawing as this machine's memory use changes.
if [ -n "${MG_IDLE_PROC_ROOT:-}" ]; then
    export MEMGAUGE_PROC_ROOT="$MG_IDLE_PROC_ROOT"
fi
start MemGauge "$memgauge"
unset MEMGAUGE_PROC_ROOT
start cbatticon cbatticon
start psensor psensor

sleep "$warmup"
for name in MemGauge cbatticon psensor; do
    [ -f "$work/$name.pid" ] && snapshot "$name" start
done
sleep "$seconds"
for name in MemGauge cbatticon psensor; do
    [ -f "$work/$name.pid" ] && snapshot "$name" end
done

echo "Idle cost over $seconds s after $warmup s, same Xvfb session and xfce4-panel tray host:"
echo
echo "| program | RSS start → end (KiB) | PSS (KiB) | USS (KiB) | CPU (s, stat) | CPU (ms, schedstat) | % of one core | wakeups/min |"
echo "|---|---|---|---|---|---|---|---|"
for name in MemGauge cbatticon psensor; do
    if [ -f "$work/$name.missing" ]; then
        echo "| $name | not installed | | | | | | |"
        continue
    fi
    if [ ! -s "$work/$name.start" ] || [ ! -s "$work/$name.end" ]; then
        reason=$(tr '\n' ' ' <"$work/$name.log" | cut -c1-80)
        echo "| $name | exited during the run: $reason | | | | | | |"
        continue
    fi
    awk -v name="$name" -v hz="$hz" -v seconds="$seconds" \
        -v rss0="$(value "$name.start" rss)" -v rss1="$(value "$name.end" rss)" \
        -v pss="$(value "$name.end" pss)" -v uss="$(value "$name.end" uss)" \
        -v t0="$(value "$name.start" ticks)" -v t1="$(value "$name.end" ticks)" \
        -v w0="$(value "$name.start" wakeups)" -v w1="$(value "$name.end" wakeups)" \
        -v ns0="$(value "$name.start" ns)" -v ns1="$(value "$name.end" ns)" \
        'BEGIN {
            cpu = (t1 - t0) / hz
            ms = (ns1 - ns0) / 1e6
            printf "| %s | %d → %d | %d | %d | %.2f | %.1f | %.4f %% | %.1f |\n",
                name, rss0, rss1, pss, uss, cpu, ms, ms / 10 / seconds, (w1 - w0) * 60 / seconds
        }'
done

echo
echo "Wakeups per minute by thread (tid name: count; threads that came or went are marked):"
for name in MemGauge cbatticon psensor; do
    [ -s "$work/$name.end" ] || continue
    printf '%s:' "$name"
    awk -v seconds="$seconds" '
        NR == FNR {start[$1] = $3; next}
        {
            mark = ($1 in start) ? "" : " (new)"
            printf " %s %s: %.1f%s;", $1, $2, ($3 - start[$1]) * 60 / seconds, mark
            seen[$1] = 1
        }
        END {for (t in start) if (!(t in seen)) printf " %s: exited;", t}
    ' "$work/$name.start.tasks" "$work/$name.end.tasks"
    echo
done

# MemGauge's targets (README "Performance"): one wakeup per 3 s sample, under 0.05 % of
# one core, RSS not growing, the lowest PSS of the three.
echo
if [ -s "$work/MemGauge.end" ]; then
    awk -v seconds="$seconds" \
        -v rss0="$(value MemGauge.start rss)" -v rss1="$(value MemGauge.end rss)" \
        -v ns0="$(value MemGauge.start ns)" -v ns1="$(value MemGauge.end ns)" \
        -v w0="$(value MemGauge.start wakeups)" -v w1="$(value MemGauge.end wakeups)" \
        -v pss="$(value MemGauge.end pss)" \
        -v others="$( (value cbatticon.end pss; value psensor.end pss) 2>/dev/null | tr '\n' ' ')" \
        'function verdict(ok) {return ok ? "met" : "MISSED"}
        BEGIN {
            wakeups = (w1 - w0) * 60 / seconds
            core = (ns1 - ns0) / 1e7 / seconds
            lowest = 1
            n = split(others, o, " ")
            for (i = 1; i <= n; i++) if (o[i] != "" && o[i] + 0 <= pss + 0) lowest = 0
            printf "MemGauge targets: wakeups %.1f/min <= 21: %s; CPU %.3f %% < 0.05 %%: %s; RSS %d → %d KiB not growing: %s; PSS %d KiB lowest: %s\n",
                wakeups, verdict(wakeups <= 21), core, verdict(core < 0.05),
                rss0, rss1, verdict(rss1 <= rss0), pss, verdict(lowest)
        }'
fi
