#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stands in for `pkexec memgauge-helper sysctl KEY=VALUE... [--persist]` and
# `pkexec memgauge-helper compact` in the ui tests of the swappiness dialog and the Tuning page,
# through MEMGAUGE_HELPER_COMMAND, printing the helper's report lines
# (src/privileged/mg-helper-protocol.h) in the helper's order. Steered by the environment:
#
#   MG_TEST_EXIT         the exit status to return (default 0): the helper's codes, or pkexec's
#                        126 (dismissed) and 127 (not authorized); 5 and 6, the old helper's
#                        "kernel refused" and "write failed", become memgauge-helper's codes of
#                        those failures for the first key (30 + key and 40 + key)
#   MG_TEST_REFUSE_KEY   a key (vm.dirty_ratio): the keys before it are written, it is
#                        refused, and those are put back ("restored"), exit 30 + its number
#   MG_TEST_SIGNAL       a signal name: the script kills itself with it instead of exiting
#   MG_TEST_SLEEP        seconds to wait first, like a person typing a password
#   MG_TEST_PROC_ROOT    each value the report says is in effect is written to
#                        $MG_TEST_PROC_ROOT/sys/vm/NAME, so the app reads back a real change;
#                        MG_TEST_NO_WRITE=1 skips this (a lying helper)
#   MG_TEST_SYSCTL_ROOT  with --persist and status 0, $MG_TEST_SYSCTL_ROOT/etc/sysctl.d/
#                        99-memgauge.conf is written like the real helper does: every key it
#                        held and every key asked for, in table order
#   MG_TEST_BUDDYINFO_AFTER  for compact: copied over $MG_TEST_PROC_ROOT/buddyinfo, as the
#                        kernel's free lists after a compaction
#   MG_TEST_LOG          each call's arguments are appended to this file, one line per call
set -eu

# The table's order (MgSysctlKey): a key's number is its place here.
KEYS="vm.swappiness vm.vfs_cache_pressure vm.compaction_proactiveness vm.overcommit_memory
vm.min_free_kbytes vm.dirty_ratio vm.dirty_background_ratio"

if [ -n "${MG_TEST_LOG:-}" ]; then
    echo "$*" >>"$MG_TEST_LOG"
fi

if [ -n "${MG_TEST_SLEEP:-}" ]; then
    sleep "$MG_TEST_SLEEP"
fi

if [ -n "${MG_TEST_SIGNAL:-}" ]; then
    kill -s "$MG_TEST_SIGNAL" $$
fi

status=${MG_TEST_EXIT:-0}

key_number() {
    n=0
    for k in $KEYS; do
        [ "$k" = "$1" ] && { echo $n; return; }
        n=$((n + 1))
    done
    exit 2
}

write_value() {
    if [ "${MG_TEST_NO_WRITE:-}" != 1 ] && [ -n "${MG_TEST_PROC_ROOT:-}" ]; then
        mkdir -p "$MG_TEST_PROC_ROOT/sys/vm"
        printf '%s\n' "$2" >"$MG_TEST_PROC_ROOT/sys/vm/${1#vm.}"
    fi
}

read_value() {
    cat "$MG_TEST_PROC_ROOT/sys/vm/${1#vm.}" 2>/dev/null || echo 0
}

if [ "${1:-}" = compact ]; then
    [ $# = 1 ] || exit 2
    if [ "$status" = 0 ]; then
        if [ -n "${MG_TEST_BUDDYINFO_AFTER:-}" ] && [ -n "${MG_TEST_PROC_ROOT:-}" ]; then
            cp "$MG_TEST_BUDDYINFO_AFTER" "$MG_TEST_PROC_ROOT/buddyinfo"
        fi
        echo "vm.compact_memory=1 ok"
    fi
    exit "$status"
fi

[ "${1:-}" = sysctl ] || exit 2
shift
persist=
pairs=
for arg in "$@"; do
    case $arg in
        --persist) persist=1 ;;
        vm.*=*) pairs="$pairs $arg" ;;
        *) exit 2 ;;
    esac
done
[ -n "$pairs" ] || exit 2

case $status in
    0|5|6|7)
        written=
        for pair in $pairs; do
            key=${pair%%=*}
            value=${pair#*=}
            n=$(key_number "$key")
            if [ "$key" = "${MG_TEST_REFUSE_KEY:-}" ] || [ "$status" = 5 ] || [ "$status" = 6 ]; then
                if [ "$status" = 6 ]; then
                    echo "$key=$value failed"
                    status=$((40 + n))
                else
                    echo "$key=$value refused"
                    status=$((30 + n))
                fi
                # The keys written before it, put back, the last first.
                for old in $written; do
                    write_value "${old%%=*}" "${old#*=}"
                    echo "$old restored"
                done
                exit "$status"
            fi
            written="$key=$(read_value "$key") $written"
            write_value "$key" "$value"
            echo "$key=$value ok"
        done
        ;;
    *)
        exit "$status"
        ;;
esac

if [ "$status" = 0 ] && [ -n "$persist" ]; then
    dir=${MG_TEST_SYSCTL_ROOT:-/nonexistent}/etc/sysctl.d
    conf=$dir/99-memgauge.conf
    lines=
    for key in $KEYS; do
        value=
        for pair in $pairs; do
            [ "${pair%%=*}" = "$key" ] && value=${pair#*=}
        done
        if [ -z "$value" ] && [ -f "$conf" ]; then
            value=$(sed -n "s/^$key = //p" "$conf")
        fi
        if [ -n "$value" ]; then
            echo "$key=$value persisted"
            lines="$lines$key = $value
"
        fi
    done
    if [ -n "${MG_TEST_SYSCTL_ROOT:-}" ]; then
        mkdir -p "$dir"
        printf '# Written by MemGauge; applying another value in MemGauge replaces this file.\n%s' \
            "$lines" >"$conf"
    fi
fi

exit "$status"
