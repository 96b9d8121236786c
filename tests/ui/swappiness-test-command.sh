#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stands in for `pkexec memgauge-helper sysctl vm.swappiness=VALUE [--persist]` in the ui test
# of the swappiness dialog, through MEMGAUGE_HELPER_COMMAND, printing the helper's report lines
# (src/privileged/mg-helper-protocol.h). Steered by the environment:
#
#   MG_TEST_EXIT         the exit status to return (default 0): the helper's codes, or pkexec's
#                        126 (dismissed) and 127 (not authorized); 5 and 6, the old helper's
#                        "kernel refused" and "write failed", become memgauge-helper's codes of
#                        those failures for vm.swappiness (30 and 40)
#   MG_TEST_SIGNAL       a signal name: the script kills itself with it instead of exiting
#   MG_TEST_SLEEP        seconds to wait first, like a person typing a password
#   MG_TEST_PROC_ROOT    when the status says the value changed (0, or 7 "persist failed"),
#                        VALUE is written to $MG_TEST_PROC_ROOT/sys/vm/swappiness, so the app
#                        reads back a real change; MG_TEST_NO_WRITE=1 skips this (a lying helper)
#   MG_TEST_SYSCTL_ROOT  with --persist and status 0, $MG_TEST_SYSCTL_ROOT/etc/sysctl.d/
#                        99-memgauge-swappiness.conf is written like the real helper does
#   MG_TEST_LOG          each call's arguments are appended to this file, one line per call
set -eu

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
[ "${1:-}" = sysctl ] || exit 2
case ${2:-} in
    vm.swappiness=*) value=${2#vm.swappiness=} ;;
    *) exit 2 ;;
esac

case $status in
    0|7)
        if [ "${MG_TEST_NO_WRITE:-}" != 1 ] && [ -n "${MG_TEST_PROC_ROOT:-}" ]; then
            printf '%s\n' "$value" >"$MG_TEST_PROC_ROOT/sys/vm/swappiness"
        fi
        echo "vm.swappiness=$value ok"
        ;;
    5)
        echo "vm.swappiness=$value refused"
        status=30
        ;;
    6)
        echo "vm.swappiness=$value failed"
        status=40
        ;;
esac

if [ "$status" = 0 ] && [ "${3:-}" = --persist ]; then
    echo "vm.swappiness=$value persisted"
fi

if [ "$status" = 0 ] && [ "${3:-}" = --persist ] && [ -n "${MG_TEST_SYSCTL_ROOT:-}" ]; then
    mkdir -p "$MG_TEST_SYSCTL_ROOT/etc/sysctl.d"
    printf '# Written by MemGauge; applying another value in MemGauge replaces this file.\nvm.swappiness = %s\n' \
        "$value" >"$MG_TEST_SYSCTL_ROOT/etc/sysctl.d/99-memgauge-swappiness.conf"
fi

exit "$status"
