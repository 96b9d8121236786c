#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Integration: the built memgauge-helper through pkexec and a real polkitd, in a private mount namespace.
#
# Usage: test-polkit.sh BUILT_HELPER BUILT_POLICY INSTALLED_HELPER_PATH
#
# Needs root, unshare, a system dbus-daemon, polkitd and a setuid pkexec; otherwise it says why
# and skips (exit 77), or fails when MEMGAUGE_TEST_NO_SKIP=1 (meson -Dci=true).
#
# It changes the real /proc/sys/vm/swappiness and vfs_cache_pressure and restores them on exit,
# also on failure, and compacts memory for real (harmless). Every other change stays inside the
# namespace: tmpfs over /run/dbus (pkexec only talks to
# /run/dbus/system_bus_socket), over polkit's action and rules folders, and over /etc/sysctl.d
# so --persist never reaches the real one. It creates the user memgauge-test when needed and
# removes it at the end (the name is reserved for this test).

set -eu

SET_ACTION=io.github.memgauge.MemGauge.set-sysctl
COMPACT_ACTION=io.github.memgauge.MemGauge.compact-memory
ANNOTATION=org.freedesktop.policykit.exec.path
TEST_USER=memgauge-test
SWAPPINESS=/proc/sys/vm/swappiness
VFS=/proc/sys/vm/vfs_cache_pressure
SAFE_PATH=/usr/sbin:/usr/bin:/sbin:/bin

# MgHelperExit in src/privileged/mg-helper-protocol.h, and pkexec's own code.
EXIT_OK=0
EXIT_USAGE=2
EXIT_INVALID=3
EXIT_NOT_ROOT=4
EXIT_PERSIST_FAILED=7
EXIT_OUT_OF_RANGE_SWAPPINESS=10
EXIT_OUT_OF_RANGE_VFS=11
PKEXEC_NOT_AUTHORIZED=127

skip () {
    echo "SKIP: $*"
    if [ "${MEMGAUGE_TEST_NO_SKIP:-}" = 1 ]; then
        echo "FAIL: MEMGAUGE_TEST_NO_SKIP=1, so a test that cannot run fails"
        exit 1
    fi
    exit 77
}

fail () {
    echo "FAIL: $*"
    exit 1
}

# ------------------------------------------------------------------------------------------
# Outside the namespace: check what is needed, own what must be undone on the real system.
# ------------------------------------------------------------------------------------------
if [ "${1:-}" != --in-namespace ]; then
    [ $# -eq 3 ] || fail "usage: $0 BUILT_HELPER BUILT_POLICY INSTALLED_HELPER_PATH"

    [ "$(id -u)" = 0 ] || skip "needs root: it starts a system bus and polkitd in a private mount namespace"
    for tool in unshare mount dbus-daemon dbus-send pkexec useradd userdel su realpath; do
        command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
    done
    polkitd=
    for candidate in /usr/lib/polkit-1/polkitd /usr/libexec/polkitd /usr/lib/polkit/polkitd; do
        if [ -x "$candidate" ]; then
            polkitd=$candidate
            break
        fi
    done
    [ -n "$polkitd" ] || skip "polkitd is not installed (Debian package polkitd)"
    [ -u "$(command -v pkexec)" ] || skip "pkexec is not setuid root"
    [ -w "$SWAPPINESS" ] || skip "$SWAPPINESS is not writable here"
    [ -w "$VFS" ] || skip "$VFS is not writable here"
    [ -e /proc/sys/vm/compact_memory ] || skip "this kernel has no /proc/sys/vm/compact_memory"
    unshare --mount --propagation private true 2>/dev/null ||
        skip "cannot create a mount namespace (unshare --mount)"

    helper=$(realpath "$1")
    policy=$(realpath "$2")
    installed_path=$3
    self=$(realpath "$0")
    [ -x "$helper" ] || fail "the built helper $helper is missing"
    [ -f "$policy" ] || fail "the built policy $policy is missing"

    state=$(mktemp -d /tmp/memgauge-test-polkit.XXXXXX)
    original=$(cat "$SWAPPINESS")
    original_vfs=$(cat "$VFS")

    cleanup () {
        # Daemons the namespace started, should it have died before stopping them.
        if [ -f "$state/pids" ]; then
            while read -r pid; do
                kill "$pid" 2>/dev/null || true
            done <"$state/pids"
        fi
        echo "$original" >"$SWAPPINESS" || echo "WARNING: could not restore $SWAPPINESS to $original"
        echo "$original_vfs" >"$VFS" || echo "WARNING: could not restore $VFS to $original_vfs"
        if id "$TEST_USER" >/dev/null 2>&1; then
            userdel "$TEST_USER" || echo "WARNING: could not remove the user $TEST_USER"
        fi
        rm -rf "$state"
    }
    trap cleanup EXIT
    trap 'exit 1' HUP INT TERM

    if ! id "$TEST_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$TEST_USER"
    fi

    # A copy the unprivileged user can surely run, wherever the build tree is.
    chmod 0755 "$state"
    cp "$helper" "$state/helper-copy"
    chmod 0755 "$state/helper-copy"

    echo "# swappiness was $original, vfs_cache_pressure $original_vfs; both are restored at the end"
    rc=0
    unshare --mount --propagation private -- \
        "$self" --in-namespace "$helper" "$policy" "$installed_path" "$polkitd" "$state" || rc=$?
    # Restored now rather than only in the trap, so that a value left behind fails the test.
    echo "$original" >"$SWAPPINESS" || true
    echo "$original_vfs" >"$VFS" || true
    if [ "$(cat "$SWAPPINESS")" = "$original" ] && [ "$(cat "$VFS")" = "$original_vfs" ]; then
        echo "ok - swappiness $original and vfs_cache_pressure $original_vfs restored"
    else
        echo "not ok - swappiness $(cat "$SWAPPINESS") and vfs_cache_pressure $(cat "$VFS")" \
            "left behind (were $original and $original_vfs)"
        rc=1
    fi
    exit "$rc"
fi

# ------------------------------------------------------------------------------------------
# Inside the namespace.
# ------------------------------------------------------------------------------------------
helper=$2
policy=$3
installed_path=$4
polkitd=$5
state=$6

unset DBUS_SYSTEM_BUS_ADDRESS
cd /

dbus_pid=
polkitd_pid=

stop_daemons () {
    if [ -n "$polkitd_pid" ]; then
        kill "$polkitd_pid" 2>/dev/null || true
        wait "$polkitd_pid" 2>/dev/null || true
        polkitd_pid=
    fi
    if [ -n "$dbus_pid" ]; then
        kill "$dbus_pid" 2>/dev/null || true
        dbus_pid=
    fi
}
trap stop_daemons EXIT
trap 'exit 1' HUP INT TERM

polkit_owner () {
    dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.PolicyKit1 2>/dev/null |
        grep -q 'boolean true'
}

# polkitd reads rules.d only when it starts (and about 2 s after a change): restarting it makes
# each phase deterministic without sleeping.
start_polkitd () {
    if [ -n "$polkitd_pid" ]; then
        kill "$polkitd_pid"
        wait "$polkitd_pid" 2>/dev/null || true
        polkitd_pid=
        i=0
        while polkit_owner; do
            i=$((i + 1))
            [ $i -lt 100 ] || fail "the old polkitd still owns its name"
            sleep 0.1
        done
    fi
    "$polkitd" --no-debug >>"$state/polkitd.log" 2>&1 &
    polkitd_pid=$!
    echo "$polkitd_pid" >>"$state/pids"
    i=0
    until polkit_owner; do
        i=$((i + 1))
        if [ $i -ge 100 ]; then
            cat "$state/polkitd.log"
            fail "polkitd did not appear on the system bus within 10 s"
        fi
        sleep 0.1
    done
}

private_tmpfs () {
    # $1 directory, $2 mode, $3 owner
    mkdir -p "$1"
    mount -t tmpfs -o "mode=$2" memgauge-test "$1"
    chown "$3" "$1"
}

polkit_owner_user=root
if id polkitd >/dev/null 2>&1; then
    polkit_owner_user=polkitd
fi

private_tmpfs /run/dbus 0755 root
private_tmpfs /usr/share/polkit-1/actions 0755 root
private_tmpfs /etc/polkit-1/rules.d 0700 "$polkit_owner_user:root"
if [ -d /usr/share/polkit-1/rules.d ]; then
    private_tmpfs /usr/share/polkit-1/rules.d 0700 "$polkit_owner_user:root"
fi
private_tmpfs /etc/sysctl.d 0755 root

# The built policy, but naming the built helper: pkexec picks the action whose exec.path
# annotation is the program it runs and whose exec.argv1 is its first argument.
test_policy=/usr/share/polkit-1/actions/io.github.memgauge.MemGauge.policy
sed "s|<annotate key=\"$ANNOTATION\">$installed_path</annotate>|<annotate key=\"$ANNOTATION\">$helper</annotate>|" \
    "$policy" >"$test_policy"
[ "$(grep -cF "<annotate key=\"$ANNOTATION\">$helper</annotate>" "$test_policy")" = 2 ] ||
    fail "the built policy has not two $ANNOTATION annotations for $installed_path"
for action in "$SET_ACTION" "$COMPACT_ACTION"; do
    grep -qF "<action id=\"$action\">" "$test_policy" || fail "the built policy has no action $action"
done

dbus_pid=$(dbus-daemon --system --fork --print-pid) || fail "could not start a system bus"
echo "$dbus_pid" >>"$state/pids"

failures=0

check () {
    # $1 description, $2 expected exit code, $3 actual, $4 expected swappiness,
    # $5 expected vfs_cache_pressure (default 100, the baseline)
    actual_value=$(cat "$SWAPPINESS")
    actual_vfs=$(cat "$VFS")
    if [ "$3" = "$2" ] && [ "$actual_value" = "$4" ] && [ "$actual_vfs" = "${5:-100}" ]; then
        echo "ok - $1 (exit $3, swappiness $actual_value, vfs_cache_pressure $actual_vfs)"
    else
        echo "not ok - $1: exit $3 (expected $2), swappiness $actual_value (expected $4)," \
            "vfs_cache_pressure $actual_vfs (expected ${5:-100})"
        failures=$((failures + 1))
    fi
}

check_output () {
    # $1 description, $2 the helper's standard output, $3 what it should be
    if [ "$2" = "$3" ]; then
        echo "ok - $1: the report is as expected"
    else
        echo "not ok - $1: the report is <$2>, expected <$3>"
        failures=$((failures + 1))
    fi
}

baseline () {
    echo "$1" >"$SWAPPINESS"
    echo 100 >"$VFS"
    [ "$(cat "$SWAPPINESS")" = "$1" ] || fail "could not set the baseline $1"
    [ "$(cat "$VFS")" = 100 ] || fail "could not set vfs_cache_pressure to 100"
}

as_root () {
    env -i PATH="$SAFE_PATH" SHELL=/bin/sh "$@" </dev/null
}

as_user () {
    # The command line is built from this script's own values, which contain no quotes.
    su "$TEST_USER" -s /bin/sh -c "cd / && exec env -i PATH=$SAFE_PATH SHELL=/bin/sh $*" </dev/null
}

write_rule () {
    # $1 the result for set-sysctl, $2 for compact-memory
    cat >/etc/polkit-1/rules.d/50-memgauge-test.rules <<EOF
polkit.addRule(function (action, subject) {
    if (subject.user != "$TEST_USER") {
        return polkit.Result.NOT_HANDLED;
    }
    if (action.id == "$SET_ACTION") {
        return polkit.Result.$1;
    }
    if (action.id == "$COMPACT_ACTION") {
        return polkit.Result.$2;
    }
});
EOF
    chmod 0644 /etc/polkit-1/rules.d/50-memgauge-test.rules
}

# --- the helper itself, as root, without pkexec ---------------------------------------------
baseline 60
rc=0; as_root "$helper" || rc=$?
check "no argument is a usage error" $EXIT_USAGE $rc 60
rc=0; as_root "$helper" 10 || rc=$?
check "the old helper's grammar is a usage error" $EXIT_USAGE $rc 60
rc=0; as_root "$helper" sysctl vm.swappiness=10 --persist extra || rc=$?
check "an argument after --persist is a usage error" $EXIT_USAGE $rc 60
rc=0; as_root "$helper" sysctl --persist vm.swappiness=10 || rc=$?
check "--persist before the pairs is a usage error" $EXIT_USAGE $rc 60
rc=0; as_root "$helper" compact now || rc=$?
check "an argument after compact is a usage error" $EXIT_USAGE $rc 60
rc=0; as_root "$helper" sysctl vm.swappiness=010 || rc=$?
check "a leading zero is invalid" $EXIT_INVALID $rc 60
rc=0; as_root "$helper" sysctl vm.swappiness=10 vm.vfs_cache_pressure=0 || rc=$?
check "vfs_cache_pressure 0 is refused, swappiness untouched" $EXIT_OUT_OF_RANGE_VFS $rc 60
rc=0; as_user "$state/helper-copy" sysctl vm.swappiness=10 || rc=$?
check "the helper refuses to run as a normal user" $EXIT_NOT_ROOT $rc 60

# --- root through pkexec --------------------------------------------------------------------
start_polkitd

baseline 60
rc=0; out=$(as_root pkexec "$helper" sysctl vm.swappiness=10) || rc=$?
check "root: pkexec helper sysctl vm.swappiness=10 changes swappiness" $EXIT_OK $rc 10
check_output "root: vm.swappiness=10" "$out" "vm.swappiness=10 ok"

baseline 60
rc=0; as_root pkexec "$helper" sysctl vm.swappiness=abc || rc=$?
check "root: vm.swappiness=abc is invalid" $EXIT_INVALID $rc 60
rc=0; as_root pkexec "$helper" sysctl vm.swappiness=201 || rc=$?
check "root: vm.swappiness=201 is out of range" $EXIT_OUT_OF_RANGE_SWAPPINESS $rc 60

# The old helper's file moves into the new one, its value kept.
printf 'vm.swappiness = 30\n' >/etc/sysctl.d/99-memgauge-swappiness.conf
baseline 60
rc=0; out=$(as_root pkexec "$helper" sysctl vm.vfs_cache_pressure=50 --persist) || rc=$?
check "root: vfs_cache_pressure=50 --persist" $EXIT_OK $rc 60 50
check_output "root: --persist" "$out" "vm.vfs_cache_pressure=50 ok
vm.swappiness=30 persisted
vm.vfs_cache_pressure=50 persisted"
conf=/etc/sysctl.d/99-memgauge.conf
if grep -qx 'vm.swappiness = 30' "$conf" 2>/dev/null &&
    grep -qx 'vm.vfs_cache_pressure = 50' "$conf" &&
    [ "$(stat -c %a "$conf")" = 644 ] &&
    [ "$(ls -A /etc/sysctl.d)" = 99-memgauge.conf ]; then
    echo "ok - --persist wrote $conf, mode 0644, took the old file's value and removed it"
else
    echo "not ok - --persist: $(ls -lA /etc/sysctl.d; cat "$conf" 2>&1)"
    failures=$((failures + 1))
fi

# A folder others can write to, or one that is not root's, is refused: the running value
# changes, the file does not.
for unsafe in "chmod 0775" "chmod 0757" "chown nobody"; do
    $unsafe /etc/sysctl.d
    baseline 60
    rc=0; as_root pkexec "$helper" sysctl vm.swappiness=20 --persist || rc=$?
    check "root: --persist into a folder after '$unsafe' is refused" $EXIT_PERSIST_FAILED $rc 20
    if grep -qx 'vm.swappiness = 30' "$conf" &&
        [ "$(ls -A /etc/sysctl.d)" = 99-memgauge.conf ]; then
        echo "ok - after '$unsafe' the old $conf is untouched"
    else
        echo "not ok - after '$unsafe': $(ls -lA /etc/sysctl.d; cat "$conf" 2>&1)"
        failures=$((failures + 1))
    fi
    chmod 0755 /etc/sysctl.d
    chown root:root /etc/sysctl.d
done

# --- an unprivileged user whom a rule allows -------------------------------------------------
write_rule YES YES
start_polkitd

baseline 60
rc=0; out=$(as_user pkexec "$helper" sysctl vm.swappiness=30 vm.vfs_cache_pressure=50) || rc=$?
check "user allowed by a rule: two keys with one pkexec" $EXIT_OK $rc 30 50
check_output "user allowed: two keys" "$out" "vm.swappiness=30 ok
vm.vfs_cache_pressure=50 ok"

baseline 60
rc=0; out=$(as_user pkexec "$helper" compact) || rc=$?
check "user allowed by a rule: compact" $EXIT_OK $rc 60
check_output "user allowed: compact" "$out" "vm.compact_memory=1 ok"

baseline 60
rc=0; as_user pkexec "$helper" sysctl vm.swappiness=abc || rc=$?
check "user allowed by a rule: abc is invalid" $EXIT_INVALID $rc 60
rc=0; as_user pkexec "$helper" sysctl vm.swappiness=30 vm.swappiness=40 || rc=$?
check "user allowed by a rule: a key twice is invalid" $EXIT_INVALID $rc 60

# --- the first argument chooses the action ----------------------------------------------------
write_rule NO YES
start_polkitd

baseline 60
rc=0; as_user pkexec "$helper" sysctl vm.swappiness=40 || rc=$?
check "user allowed only to compact: sysctl is not authorized" $PKEXEC_NOT_AUTHORIZED $rc 60
rc=0; out=$(as_user pkexec "$helper" compact) || rc=$?
check "user allowed only to compact: compact runs" $EXIT_OK $rc 60
check_output "user allowed only to compact" "$out" "vm.compact_memory=1 ok"

# --- an unprivileged user whom a rule refuses ------------------------------------------------
write_rule NO NO
start_polkitd

baseline 60
rc=0; out=$(as_user pkexec "$helper" sysctl vm.swappiness=40 vm.vfs_cache_pressure=60) || rc=$?
check "user refused by a rule: pkexec says not authorized, nothing changed" \
    $PKEXEC_NOT_AUTHORIZED $rc 60
check_output "user refused" "$out" ""
rc=0; as_user pkexec "$helper" compact || rc=$?
check "user refused by a rule: compact is not authorized" $PKEXEC_NOT_AUTHORIZED $rc 60

if [ "$failures" -ne 0 ]; then
    echo "# polkitd log:"
    cat "$state/polkitd.log" 2>/dev/null || true
    fail "$failures check(s) failed"
fi
echo "PASS"
