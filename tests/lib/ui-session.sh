#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one command in a throw-away desktop session: Xvfb, a private session bus and,
# with --tray, a real StatusNotifierItem host (xfce4-panel with only its systray plugin).
#
# Usage: tests/lib/ui-session.sh [--tray] [--screen WxHxD] [--dpi N] [--] COMMAND [ARG...]
#
#   --tray           start xfce4-panel and wait until it owns org.kde.StatusNotifierWatcher
#   --screen WxHxD   Xvfb screen 0 (default 1024x768x24)
#   --dpi N          Xvfb -dpi (for GDK_SCALE=2 tests use 192)
#
# The exit status is COMMAND's; 77 (skip, with the reason on stderr) when a program the
# session needs is missing; 1 when the session itself cannot start.
#
# COMMAND runs with stdin from /dev/null and this environment:
#   DISPLAY                    the fresh Xvfb display (chosen by Xvfb: -displayfd)
#   DBUS_SESSION_BUS_ADDRESS   unix:path=$MG_UI_SESSION_DIR/bus
#   HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR
#                              empty folders below $MG_UI_SESSION_DIR, set before the bus
#                              starts, so nothing it activates writes into a real home
#   MG_UI_SESSION_DIR          the session's temporary folder, removed afterwards
#   MG_UI_PANEL_PID            the panel's PID (only with --tray)
#   WAYLAND_DISPLAY is unset and GDK_BACKEND=x11.
#
# The panel configuration is written in every session, so a command that needs the tray
# host to appear later can start it itself with `xfce4-panel --disable-wm-check`.
#
# The bus activates only the services in $MG_UI_SESSION_DIR/dbus-services: those of the
# system's session service folders except any that provide org.freedesktop.Notifications
# or org.kde.StatusNotifierWatcher. So a notification never starts a real daemon (dunst,
# xfce4-notifyd): a test starts its own (python-dbusmock, or dunst for screenshots).
#
# Afterwards, whatever the outcome (also on SIGINT, SIGTERM or SIGHUP), it stops by PID
# the panel, the bus, Xvfb and any process left over whose environment carries
# MG_UI_SESSION_DIR (the command's children, bus-activated services such as xfconfd),
# then removes the folder.
set -u

tray=false
screen=1024x768x24
dpi=""
while [ $# -gt 0 ]; do
    case "$1" in
        --tray) tray=true; shift ;;
        --screen) screen="$2"; shift 2 ;;
        --dpi) dpi="$2"; shift 2 ;;
        --) shift; break ;;
        -*) echo "ui-session.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -eq 0 ]; then
    echo "usage: ui-session.sh [--tray] [--screen WxHxD] [--dpi N] [--] COMMAND [ARG...]" >&2
    exit 2
fi

needed="Xvfb dbus-daemon dbus-send"
if $tray; then
    needed="$needed xfce4-panel"
fi
for program in $needed; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "ui-session.sh: SKIP: $program is not installed (build-aux/packages.sh lists it)" >&2
        exit 77
    fi
done

session=$(mktemp -d "${TMPDIR:-/tmp}/mg-ui-session.XXXXXX") || exit 1
xvfb_pid=""
bus_pid=""
panel_pid=""
command_pid=""

# Processes still alive whose environment names this session's folder.
session_pids () {
    for environ in /proc/[0-9]*/environ; do
        pid=${environ#/proc/}
        pid=${pid%/environ}
        [ "$pid" = "$$" ] && continue
        if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "MG_UI_SESSION_DIR=$session"; then
            echo "$pid"
        fi
    done
}

stop_pid () {
    [ -n "$1" ] || return 0
    kill -TERM "$1" 2>/dev/null || return 0
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 30 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$1" 2>/dev/null
    return 0
}

cleanup () {
    trap - EXIT INT TERM HUP
    stop_pid "$command_pid"
    stop_pid "$panel_pid"
    stop_pid "$bus_pid"
    stop_pid "$xvfb_pid"
    for pid in $(session_pids); do
        stop_pid "$pid"
    done
    rm -rf "$session"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

export MG_UI_SESSION_DIR="$session"
export HOME="$session/home"
export XDG_CONFIG_HOME="$session/config"
export XDG_DATA_HOME="$session/data"
export XDG_CACHE_HOME="$session/cache"
export XDG_STATE_HOME="$session/state"
export XDG_RUNTIME_DIR="$session/runtime"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" \
    "$XDG_RUNTIME_DIR" "$session/dbus-services" "$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml"
chmod 0700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_PID SESSION_MANAGER DESKTOP_STARTUP_ID
export GDK_BACKEND=x11

# One panel along the top whose only plugin is the systray (it hosts StatusNotifierItems).
cat >"$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="26"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
  </property>
</channel>
EOF

# --- X server: Xvfb picks a free display and writes its number when it accepts clients.
# shellcheck disable=SC2086
Xvfb -displayfd 3 -screen 0 "$screen" ${dpi:+-dpi "$dpi"} -nolisten tcp -noreset \
    3>"$session/display" >"$session/xvfb.log" 2>&1 &
xvfb_pid=$!
i=0
while [ ! -s "$session/display" ] && [ $i -lt 100 ]; do
    if ! kill -0 "$xvfb_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
    i=$((i + 1))
done
if [ ! -s "$session/display" ]; then
    echo "ui-session.sh: Xvfb did not start:" >&2
    cat "$session/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$(tr -dc 0-9 <"$session/display")"

# --- session bus, activating only the services copied below.
service_dirs="${XDG_DATA_HOME}:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
old_ifs=$IFS
IFS=:
for dir in $service_dirs; do
    IFS=$old_ifs
    for file in "$dir"/dbus-1/services/*.service; do
        [ -f "$file" ] || continue
        [ -e "$session/dbus-services/${file##*/}" ] && continue
        if grep -Eq '^Name=(org\.freedesktop\.Notifications|org\.kde\.StatusNotifierWatcher)$' "$file"; then
            continue
        fi
        cp "$file" "$session/dbus-services/"
    done
done
IFS=$old_ifs
cat >"$session/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path=$session/bus</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$session/dbus-services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
bus_pid=$(dbus-daemon --config-file="$session/bus.conf" --address="unix:path=$session/bus" \
    --fork --print-pid --nosyslog </dev/null 2>"$session/bus.log")
if [ -z "$bus_pid" ]; then
    echo "ui-session.sh: dbus-daemon did not start:" >&2
    cat "$session/bus.log" >&2
    exit 1
fi
export DBUS_SESSION_BUS_ADDRESS="unix:path=$session/bus"

name_has_owner () {
    dbus-send --session --print-reply=literal --reply-timeout=2000 \
        --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# --- tray host
if $tray; then
    xfce4-panel --disable-wm-check </dev/null >"$session/panel.log" 2>&1 &
    panel_pid=$!
    export MG_UI_PANEL_PID="$panel_pid"
    i=0
    until name_has_owner org.kde.StatusNotifierWatcher; do
        if ! kill -0 "$panel_pid" 2>/dev/null || [ $i -ge 200 ]; then
            echo "ui-session.sh: xfce4-panel did not provide org.kde.StatusNotifierWatcher:" >&2
            cat "$session/panel.log" >&2
            exit 1
        fi
        sleep 0.1
        i=$((i + 1))
    done
fi

# In the background, so that the traps above run as soon as a signal arrives.
"$@" </dev/null &
command_pid=$!
wait "$command_pid"
status=$?
command_pid=""
exit "$status"
