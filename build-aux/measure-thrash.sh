#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Measures whether MemGauge samples on time while the machine thrashes: the real binary
# (`memgauge --follow --format=json`, which runs the app's monitor) shares a memory group with
# a hog that allocates three times the group's limit and keeps touching it, with real swap
# (zram and a swap file), once with its pages locked in RAM and once without.
#
# Usage: build-aux/measure-thrash.sh [BUILD_DIR] (as root; BUILD_DIR defaults to build)
#
#   THRASH_SECONDS    how long the hog thrashes in each run (default 20)
#   THRASH_LIMIT_MIB  the group's memory limit (default 256; the hog takes three times it)
#   THRASH_MODES      which runs: "unlocked locked" (default) or one of them
#   THRASH_INTERVAL_MS  the sampling interval (default 1000; the app's setting is 3000)
#
# Prints one line per run: samples, the interval, the largest gap between two lines and how
# many gaps exceeded twice the interval, the app's VmRSS, VmLck and VmSwap at mid-thrash and
# its major faults during it, and the machine's swap traffic. Exit status 1 when a run's
# largest gap exceeds twice the interval (the target of the issue "Warn before it hurts"), so
# that the long suite fails then; 77 when not root or when the kernel lacks zram or a v1
# memory controller (1 with MEMGAUGE_TEST_NO_SKIP=1). Everything it sets up (zram0, the swap
# file, the group) is undone on exit, also on failure; it refuses to start when zram0 or the
# group is already in use.
set -eu

build=${1:-build}
seconds=${THRASH_SECONDS:-20}
limit=${THRASH_LIMIT_MIB:-256}
modes=${THRASH_MODES:-unlocked locked}
interval_ms=${THRASH_INTERVAL_MS:-1000}
memgauge=$build/src/memgauge
hog=$build/tests/thrash-hog
group=/sys/fs/cgroup/memory/memgauge-thrash
zram=/sys/block/zram0

# Says why it cannot run and skips (77), or fails with MEMGAUGE_TEST_NO_SKIP=1 (-Dci=true).
skip() {
    echo "measure-thrash.sh: $1"
    [ "${MEMGAUGE_TEST_NO_SKIP:-}" != 1 ] || exit 1
    exit 77
}
[ "$(id -u)" = 0 ] || skip "needs root (swapon, zram, a memory cgroup)"
[ -d "$zram" ] || skip "no zram0 on this kernel"
[ -d /sys/fs/cgroup/memory ] || skip "no v1 memory controller"
if [ ! -x "$memgauge" ] || [ ! -x "$hog" ]; then
    echo "measure-thrash.sh: build $build first" >&2
    exit 1
fi
if grep -q '^/dev/zram0 ' /proc/swaps || [ -e "$group" ]; then
    echo "measure-thrash.sh: zram0 or $group is in use already" >&2
    exit 1
fi

work=$(mktemp -d /var/tmp/memgauge-thrash.XXXXXX)
swapfile=$work/swapfile
app_pid=
hog_pid=
late_runs=

cleanup() {
    [ -z "$hog_pid" ] || kill "$hog_pid" 2>/dev/null || true
    [ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    # swapoff can fail while the kernel is still busy with the last pages (seen once with
    # zram): try again, and say so if it never works.
    for device in "$swapfile" /dev/zram0; do
        tries=0
        while grep -q "^$device " /proc/swaps; do
            swapoff "$device" && break
            tries=$((tries + 1))
            [ $tries -lt 5 ] || { echo "measure-thrash.sh: could not swapoff $device" >&2; break; }
            sleep 1
        done
    done
    grep -q '^/dev/zram0 ' /proc/swaps || echo 1 > "$zram/reset" || true
    if [ -d "$group" ]; then
        # Anything left in the group goes back to the root group before rmdir.
        while read -r pid; do echo "$pid" > /sys/fs/cgroup/memory/cgroup.procs || true; done \
            < "$group/cgroup.procs"
        rmdir "$group" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo 1G > "$zram/disksize"
mkswap /dev/zram0 >/dev/null
swapon -p 100 /dev/zram0
fallocate -l 1G "$swapfile"
chmod 600 "$swapfile"
mkswap "$swapfile" >/dev/null
swapon -p 10 "$swapfile"
mkdir "$group"
echo "${limit}M" > "$group/memory.limit_in_bytes"

vmstat_field() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }

for mode in $modes; do
    case $mode in
        locked) mlock=1 ;;
        unlocked) mlock=0 ;;
        *) echo "measure-thrash.sh: unknown mode $mode" >&2; exit 2 ;;
    esac
    log=$work/$mode.log
    fifo=$work/$mode.fifo
    mkfifo "$fifo"
    # The reader stamps each line as it arrives, outside the group, so it is not slowed.
    /usr/bin/python3 -u -c '
import sys, time
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        out.write("%.3f\n" % time.monotonic()); out.flush()
' "$fifo" "$log" &
    reader_pid=$!
    # No session bus: --follow samples by itself with the app's monitor.
    sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$group" \
        env DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent GSETTINGS_BACKEND=memory \
        MEMGAUGE_TEST_INTERVAL_MS="$interval_ms" MEMGAUGE_MLOCK="$mlock" \
        "$memgauge" --follow --format=json > "$fifo" &
    app_pid=$!
    # Calm first, so the app's pages are its ordinary ones when the hog starts.
    sleep 3
    t0=$(/usr/bin/python3 -c 'import time; print("%.3f" % time.monotonic())')
    pswp0=$(( $(vmstat_field pswpin) + $(vmstat_field pswpout) ))
    sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$group" \
        "$hog" $((limit * 3)) "$seconds" &
    hog_pid=$!
    # The app's memory at mid-thrash, and its major faults (pages it had to wait for).
    majflt0=$(awk '{ print $12 }' "/proc/$app_pid/stat")
    sleep $((seconds / 2))
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status")
    lck=$(awk '/^VmLck/ { print $2 }' "/proc/$app_pid/status")
    vmswap=$(awk '/^VmSwap/ { print $2 }' "/proc/$app_pid/status")
    wait "$hog_pid" || true
    majflt=$(( $(awk '{ print $12 }' "/proc/$app_pid/stat") - majflt0 ))
    hog_pid=
    t1=$(/usr/bin/python3 -c 'import time; print("%.3f" % time.monotonic())')
    pswp=$(( $(vmstat_field pswpin) + $(vmstat_field pswpout) - pswp0 ))
    sleep 1
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    wait "$reader_pid" 2>/dev/null || true
    /usr/bin/python3 - "$log" "$t0" "$t1" "$interval_ms" "$mode" "$rss" "$lck" "$pswp" \
        "$vmswap" "$majflt" <<'PY' || late_runs="$late_runs $mode"
import sys
log, t0, t1, interval_ms, mode, rss, lck, pswp, vmswap, majflt = sys.argv[1:]
t0, t1, interval = float(t0), float(t1), int(interval_ms) / 1000
stamps = [float(s) for s in open(log)]
during = [t for t in stamps if t0 - interval <= t <= t1 + interval]
gaps = [b - a for a, b in zip(during, during[1:])]
# The last line before the thrash to the first during it counts too.
worst = max(gaps) if gaps else float('inf')
late = sum(1 for g in gaps if g > 2 * interval)
print(f"{mode}: {len(during)} samples in {t1 - t0:.1f} s of thrash at {interval:.1f} s, "
      f"largest gap {worst:.2f} s, gaps over {2 * interval:.1f} s: {late}; "
      f"app: VmRSS {rss} KiB, VmLck {lck} KiB, VmSwap {vmswap} KiB, {majflt} major faults; "
      f"machine: {pswp} pages swapped in+out")
sys.exit(1 if late or len(during) < 2 else 0)
PY
    rm -f "$fifo"
done

if [ -n "$late_runs" ]; then
    echo "measure-thrash.sh: samples came late (over twice the interval) in:$late_runs" >&2
    exit 1
fi
