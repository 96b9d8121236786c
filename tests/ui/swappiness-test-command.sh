#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Stands in for `pkexec memgauge-swappiness-helper VALUE [--persist]` in the ui test of the
# swappiness dialog, through MEMGAUGE_SWAPPINESS_COMMAND. Steered by the environment:
#
#   MG_TEST_EXIT         the exit status to return (default 0): the helper's codes, or pkexec's
#                        126 (dismissed) and 127 (not authorized)
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
value=${1:?VALUE missing}

case $status in
    0|7)
        if [ "${MG_TEST_NO_WRITE:-}" != 1 ] && [ -n "${MG_TEST_PROC_ROOT:-}" ]; then
            printf '%s\n' "$value" >"$MG_TEST_PROC_ROOT/sys/vm/swappiness"
        fi
        ;;
esac

if [ "$status" = 0 ] && [ "${2:-}" = --persist ] && [ -n "${MG_TEST_SYSCTL_ROOT:-}" ]; then
    mkdir -p "$MG_TEST_SYSCTL_ROOT/etc/sysctl.d"
    printf '# Written by MemGauge; applying another value in MemGauge replaces this file.\nvm.swappiness = %s\n' \
        "$value" >"$MG_TEST_SYSCTL_ROOT/etc/sysctl.d/99-memgauge-swappiness.conf"
fi

exit "$status"
