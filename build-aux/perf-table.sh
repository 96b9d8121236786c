#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's performance figures in one run: MemGauge's idle cost beside cbatticon,
# psensor, xfce4-systemload-plugin and psi-notify (build-aux/measure-idle.sh), the cost of
# one sample against reading the files (tests/bench/bench-sample.c) and the largest-consumers
# scan (tests/bench/bench-process-scan.c).
#
# Usage: build-aux/perf-table.sh BUILD
#
#   BUILD   a built meson build directory (memgauge, data/gschemas.compiled and the
#           two benchmarks); build-aux/packages.sh lists the peers (MG_TEST_PACKAGES)
#
# It starts its own session (tests/lib/ui-session.sh: Xvfb, a private session bus) with one
# xfce4-panel whose plugins are the systray, which hosts the icons, and the systemload
# plugin, then runs the benchmarks first, while nothing else of the session is busy, and
# measure-idle.sh last. MG_IDLE_WARMUP (20) and MG_IDLE_SECONDS (60) pass through. Takes
# about two minutes. Run it on an otherwise idle machine: CPU figures are per process, but
# the benchmarks' timings and the launch times are not immune to a busy neighbour.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = --in-session ]; then
    build=$2
else
    [ $# -eq 1 ] || { echo "usage: perf-table.sh BUILD" >&2; exit 2; }
    build=$(cd "$1" && pwd) || exit 2
    for file in src/memgauge data/gschemas.compiled tests/bench-sample tests/bench-process-scan; do
        if [ ! -e "$build/$file" ]; then
            echo "perf-table.sh: $build/$file is missing: build first (ninja -C $1)" >&2
            exit 2
        fi
    done
    exec "$top/tests/lib/ui-session.sh" -- "$top/build-aux/perf-table.sh" --in-session "$build"
fi

# --- inside the session: a panel with the systray and the systemload plugin
panel_xml="$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml"
cat >"$panel_xml" <<'EOF'
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
        <value type="int" value="2"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="systray"/>
    <property name="plugin-2" type="string" value="systemload"/>
  </property>
</channel>
EOF

xfce4-panel --disable-wm-check </dev/null >"$MG_UI_SESSION_DIR/perf-panel.log" 2>&1 &
MG_UI_PANEL_PID=$!
export MG_UI_PANEL_PID
i=0
until dbus-send --session --print-reply=literal --reply-timeout=2000 \
        --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null |
        grep -q true; do
    if ! kill -0 "$MG_UI_PANEL_PID" 2>/dev/null || [ $i -ge 200 ]; then
        echo "perf-table.sh: xfce4-panel did not provide org.kde.StatusNotifierWatcher:" >&2
        cat "$MG_UI_SESSION_DIR/perf-panel.log" >&2
        exit 1
    fi
    sleep 0.1
    i=$((i + 1))
done

echo "## Performance run $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
    "Linux $(uname -r), $(awk '/^MemTotal:/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo)," \
    "$(. /etc/os-release && echo "$PRETTY_NAME")."
echo "Command: build-aux/perf-table.sh BUILD (BUILD configured with meson's defaults, debugoptimized)."
echo

echo "### One sample against reading the files (tests/bench/bench-sample.c, real /proc)"
echo
G_SLICE=always-malloc "$build/tests/bench-sample"
echo

echo "### Largest consumers: one scan of 500 generated processes (tests/bench/bench-process-scan.c)"
echo
"$build/tests/bench-process-scan"
echo

echo "### Idle cost (build-aux/measure-idle.sh)"
echo
"$top/build-aux/measure-idle.sh" "$build/src/memgauge" "$build/data"
