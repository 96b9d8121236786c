#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Idle cost of MemGauge next to its peers, measured the same way in the same session (PSS
# depends on who else maps the same libraries): cbatticon and psensor (GTK 3 tray
# programs), psi-notify (a PSI notifier without an icon) and, when the panel has it,
# xfce4-systemload-plugin; the panel and its systray plugin are measured for reference.
#
# Usage, inside a session with a tray host:
#   tests/lib/ui-session.sh --tray build-aux/measure-idle.sh BUILD/src/memgauge BUILD/data
# (meson test --benchmark idle-cost does this); build-aux/perf-table.sh runs it in a panel
# that also has the systemload plugin, with the sample benchmarks, for the README.
#
# Starts the programs one at a time and times each from its launch to its
# StatusNotifierItemRegistered signal from org.kde.StatusNotifierWatcher (dbus-monitor's
# timestamps); cbatticon's icon is a GtkStatusIcon (XEmbed, no StatusNotifierItem) and
# psi-notify has none, so theirs is n/a. Then waits MG_IDLE_WARMUP seconds (20) and
# measures over MG_IDLE_SECONDS (60): RSS at start and end, PSS and USS
# (Private_Clean + Private_Dirty) from /proc/PID/smaps_rollup, CPU time from
# /proc/PID/task/*/schedstat (run time in ns: 0.05 % of one core over 60 s is only 3 clock
# ticks of /proc/PID/stat), and wakeups as voluntary context switches summed over
# /proc/PID/task/*/status.
# Every program runs with its defaults and GSETTINGS_BACKEND=memory, except psensor, whose
# graph window is hidden at start (interface-hide-on-startup, keyfile backend) so that it
# idles as a tray icon like the others.
# MemGauge reads the real /proc at its default interval (3 s), or MG_IDLE_PROC_ROOT (a copy
# of a fixture) to leave out changes of this machine's memory.
# The panel runs the systray and systemload plugins out of process (X-XFCE-Internal=false:
# one wrapper-2.0 process per plugin), so a plugin's cost is its wrapper's; the panel's own
# process does not change with or without it.
# Prints one markdown table row per program, then each program's threads with their
# wakeups, then MemGauge's targets. A program that is not installed or exits is reported
# as such.
set -u

memgauge=${1:?usage: measure-idle.sh MEMGAUGE SCHEMA_DIR}
schema_dir=${2:?usage: measure-idle.sh MEMGAUGE SCHEMA_DIR}
warmup=${MG_IDLE_WARMUP:-20}
seconds=${MG_IDLE_SECONDS:-60}
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
    echo "measure-idle.sh: run me inside tests/lib/ui-session.sh --tray" >&2
    exit 2
fi

programs="MemGauge cbatticon psensor psi-notify xfce4-systemload-plugin"
# The rows MemGauge's PSS and CPU are compared with: the GTK programs with an icon.
gtk_peers="cbatticon psensor xfce4-systemload-plugin"
reference="xfce4-panel systray-plugin"

# name command...: starts a program (environment assignments may come first, as with
# env); its PID goes into $work/NAME.pid.
start () {
    name=$1
    shift
    program=$1
    while [ "${program#*=}" != "$program" ]; do
        shift
        program=$1
    done
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "not installed" >"$work/$name.missing"
        return
    fi
    env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schema_dir" "$@" \
        </dev/null >"$work/$name.log" 2>&1 &
    echo $! >"$work/$name.pid"
    pids="$pids $!"
}

# find NAME PLUGIN: the panel's wrapper process for PLUGIN (libPLUGIN.so) into NAME.pid.
find_plugin () {
    for cmdline in /proc/[0-9]*/cmdline; do
        if tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -q "wrapper-2\.0 .*/lib$2\.so "; then
            pid=${cmdline#/proc/}
            echo "${pid%/cmdline}" >"$work/$1.pid"
            return
        fi
    done
    echo "not in this panel" >"$work/$1.missing"
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
    : >"$out.tasks"
    for task in /proc/"$pid"/task/*; do
        awk -v tid="${task##*/}" '/^Name:/ {name = $2} /^voluntary_ctxt_switches:/ {v = $2}
             END {print tid, name, v}' "$task/status" >>"$out.tasks" 2>/dev/null
    done
    awk '{sum += $3} END {print "wakeups", sum}' "$out.tasks" >>"$out"
    # Run time in ns per thread (schedstat field 1).
    cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{ns += $1} END {print "ns", ns}' >>"$out"
}

value () {
    awk -v key="$2" '$1 == key {print $2}' "$work/$1"
}

# Each StatusNotifierItemRegistered with the time dbus-monitor received it.
dbus-monitor --session \
    "type='signal',interface='org.kde.StatusNotifierWatcher',member='StatusNotifierItemRegistered'" \
    >"$work/sni.log" 2>&1 &
pids="$pids $!"
sleep 1

# launch NAME KIND command...: starts NAME and, for KIND sni, waits (at most 15 s) for the
# first registration after the launch and writes the milliseconds into NAME.registered.
# Otherwise it gives the program 3 s to start before the next one, so that the launches
# do not compete for the two cores.
launch () {
    name=$1
    kind=$2
    shift 2
    t0=$(date +%s.%N)
    start "$name" "$@"
    if [ "$kind" != sni ] || [ -f "$work/$name.missing" ]; then
        echo "n/a ($kind)" >"$work/$name.registered"
        sleep 3
        return
    fi
    i=0
    while [ $i -lt 150 ]; do
        ms=$(awk -v t0="$t0" '/^signal time=/ {
                 sub(/^signal time=/, ""); if ($1 + 0 >= t0 + 0) {printf "%.0f", ($1 - t0) * 1000; exit}
             }' "$work/sni.log")
        if [ -n "$ms" ]; then
            echo "$ms ms" >"$work/$name.registered"
            sleep 1
            return
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "none in 15 s" >"$work/$name.registered"
}

# MG_IDLE_PROC_ROOT: a copy of a fixture instead of /proc, so that the figures show
# MemGauge's own cost and not the panel redrawing as this machine's memory use changes.
if [ -n "${MG_IDLE_PROC_ROOT:-}" ]; then
    launch MemGauge sni MEMGAUGE_PROC_ROOT="$MG_IDLE_PROC_ROOT" "$memgauge"
else
    launch MemGauge sni "$memgauge"
fi
launch cbatticon xembed cbatticon
mkdir -p "${XDG_CONFIG_HOME:?}/glib-2.0/settings"
printf '[apps/psensor]\ninterface-hide-on-startup=true\n' \
    >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
launch psensor sni GSETTINGS_BACKEND=keyfile psensor
launch psi-notify none psi-notify
find_plugin xfce4-systemload-plugin systemload
echo "n/a (panel plugin)" >"$work/xfce4-systemload-plugin.registered"
find_plugin systray-plugin systray
if [ -n "${MG_UI_PANEL_PID:-}" ]; then
    echo "$MG_UI_PANEL_PID" >"$work/xfce4-panel.pid"
else
    echo "not started by ui-session.sh --tray" >"$work/xfce4-panel.missing"
fi

sleep "$warmup"
for name in $programs $reference; do
    [ -f "$work/$name.pid" ] && snapshot "$name" start
done
sleep "$seconds"
for name in $programs $reference; do
    [ -f "$work/$name.pid" ] && snapshot "$name" end
done

echo "Idle cost over $seconds s after $warmup s, same Xvfb session and xfce4-panel tray host:"
echo
echo "| program | launch → icon registered | RSS start → end (KiB) | PSS (KiB) | USS (KiB) | CPU (ms) | % of one core | wakeups/min |"
echo "|---|---|---|---|---|---|---|---|"
for name in $programs $reference; do
    label=$name
    case $name in
        xfce4-panel) label="xfce4-panel (the host, for reference)" ;;
        systray-plugin) label="its systray plugin (draws every icon, for reference)" ;;
        xfce4-systemload-plugin) label="xfce4-systemload-plugin (its wrapper-2.0 process)" ;;
    esac
    if [ -f "$work/$name.missing" ]; then
        echo "| $label | $(cat "$work/$name.missing") | | | | | | |"
        continue
    fi
    if [ ! -s "$work/$name.start" ] || [ ! -s "$work/$name.end" ]; then
        reason=$(tr '\n' ' ' <"$work/$name.log" 2>/dev/null | cut -c1-80)
        echo "| $label | exited during the run: $reason | | | | | | |"
        continue
    fi
    registered=n/a
    [ -f "$work/$name.registered" ] && registered=$(cat "$work/$name.registered")
    awk -v name="$label" -v registered="$registered" -v seconds="$seconds" \
        -v rss0="$(value "$name.start" rss)" -v rss1="$(value "$name.end" rss)" \
        -v pss="$(value "$name.end" pss)" -v uss="$(value "$name.end" uss)" \
        -v w0="$(value "$name.start" wakeups)" -v w1="$(value "$name.end" wakeups)" \
        -v ns0="$(value "$name.start" ns)" -v ns1="$(value "$name.end" ns)" \
        'BEGIN {
            ms = (ns1 - ns0) / 1e6
            printf "| %s | %s | %d → %d | %d | %d | %.1f | %.4f %% | %.1f |\n",
                name, registered, rss0, rss1, pss, uss, ms, ms / 10 / seconds,
                (w1 - w0) * 60 / seconds
        }'
done

echo
echo "Wakeups per minute by thread (tid name: count; threads that came or went are marked):"
for name in $programs $reference; do
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

# MemGauge's targets (README "Performance"): one wakeup per 3 s sample (21 a minute at
# most), under 0.05 % of one core, RSS not growing, the lowest PSS and CPU of the GTK tray
# programs.
echo
if [ -s "$work/MemGauge.end" ]; then
    peers_pss=""
    peers_ns=""
    for name in $gtk_peers; do
        [ -s "$work/$name.end" ] || continue
        peers_pss="$peers_pss $(value "$name.end" pss)"
        peers_ns="$peers_ns $(( $(value "$name.end" ns) - $(value "$name.start" ns) ))"
    done
    awk -v seconds="$seconds" \
        -v rss0="$(value MemGauge.start rss)" -v rss1="$(value MemGauge.end rss)" \
        -v ns0="$(value MemGauge.start ns)" -v ns1="$(value MemGauge.end ns)" \
        -v w0="$(value MemGauge.start wakeups)" -v w1="$(value MemGauge.end wakeups)" \
        -v pss="$(value MemGauge.end pss)" -v peers_pss="$peers_pss" -v peers_ns="$peers_ns" \
        'function verdict(ok) {return ok ? "met" : "MISSED"}
        function lowest(mine, others,    o, n, i) {
            n = split(others, o, " ")
            for (i = 1; i <= n; i++) if (o[i] + 0 <= mine + 0) return 0
            return 1
        }
        BEGIN {
            wakeups = (w1 - w0) * 60 / seconds
            core = (ns1 - ns0) / 1e7 / seconds
            printf "MemGauge targets: wakeups %.1f/min <= 21: %s; CPU %.3f %% < 0.05 %%: %s; RSS %d → %d KiB not growing: %s; PSS %d KiB lowest of the GTK tray programs: %s; CPU lowest of them: %s\n",
                wakeups, verdict(wakeups <= 21), core, verdict(core < 0.05),
                rss0, rss1, verdict(rss1 <= rss0), pss, verdict(lowest(pss, peers_pss)),
                verdict(lowest(ns1 - ns0, peers_ns))
        }'
fi
