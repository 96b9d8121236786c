#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the AppStream screenshots, data/screenshots/gauge.png and tray.png, from the real
# memgauge of a build tree, in a throw-away desktop session (tests/lib/ui-session.sh: Xvfb, a
# private session bus, and an xfce4-panel tray host started here with the tray on the right).
#
# Usage: build-aux/make-screenshots.sh [BUILD_DIR]     (default: build)
#
# MemGauge reads a private proc root that this script rewrites every half second, so that
# the history graph shows a believable climb into medium pressure, a short spell of high
# pressure and a recovery. The graph spans ten minutes and the app can only learn history in
# real time, so the run takes MG_SCREENSHOT_SECONDS (default 240) seconds. English text,
# Cantarell and Adwaita, as GNOME shows them. Look at the PNGs before committing them.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${MG_SCREENSHOT_BUILD:-}" ]; then
    build=$(cd "${1:-$top/build}" 2>/dev/null && pwd) || {
        echo "make-screenshots.sh: no build folder ${1:-$top/build}; run meson setup first" >&2
        exit 1
    }
    . "$top/build-aux/packages.sh"
    # shellcheck disable=SC2086
    mg_install_packages $MG_BUILD_PACKAGES xvfb xauth dbus dbus-x11 xfce4-panel imagemagick \
        x11-utils x11-xserver-utils libxtst6 python3-gi fonts-cantarell adwaita-icon-theme
    ninja -C "$build"
    export MG_SCREENSHOT_BUILD="$build"
    exec "$top/tests/lib/ui-session.sh" --screen 1280x1024x24 -- "$0"
fi

# --- from here on inside the session ---------------------------------------------------
build=$MG_SCREENSHOT_BUILD
session=$MG_UI_SESSION_DIR
out="$top/data/screenshots"
seconds=${MG_SCREENSHOT_SECONDS:-240}
mkdir -p "$out"

export LANGUAGE=en LC_ALL=C.UTF-8
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export MEMGAUGE_PROC_ROOT="$session/proc"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings" "$XDG_CONFIG_HOME/gtk-3.0"
# Taller than the default so that the details are not cut off; one sample a second.
cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<'EOF'
[io/github/memgauge/MemGauge]
sample-interval=1
gauge-width=440
gauge-height=960
EOF
cat >"$XDG_CONFIG_HOME/gtk-3.0/settings.ini" <<'EOF'
[Settings]
gtk-font-name=Cantarell 11
gtk-theme-name=Adwaita
gtk-icon-theme-name=Adwaita
EOF

# A panel along the top: an expanding transparent separator pushes the tray to the right,
# where desktops usually have it.
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
      <property name="size" type="uint" value="30"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
        <value type="int" value="2"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="separator">
      <property name="expand" type="bool" value="true"/>
      <property name="style" type="uint" value="0"/>
    </property>
    <property name="plugin-2" type="string" value="systray"/>
  </property>
</channel>
EOF

pids=""
cleanup () {
    for pid in $pids; do
        kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

xsetroot -solid '#3d3846'

# The icons where `meson install` puts them, in the session's data folder: that is what the
# panel, another process, looks them up in.
mkdir -p "$XDG_DATA_HOME/icons"
cp -r "$top/data/icons/hicolor" "$XDG_DATA_HOME/icons/"

# The proc root: the medium fixture (a real 24 GiB machine with 4 GiB of swap), with
# MemAvailable, MemFree, SwapFree and PSI rewritten along a curve of used memory.
cp -r "$top/tests/fixtures/proc/linux-6.18-medium" "$MEMGAUGE_PROC_ROOT"
# The processes of a developer's afternoon for the largest consumers list (PSS in KiB).
for entry in 2841:qemu-system-x86:4194304 3307:firefox-bin:1992294 3512:Isolated\ Web\ Co:1258291 \
        9120:cc1plus:943718 1570:gnome-shell:428032 2210:evolution:331776; do
    pid=${entry%%:*}
    rest=${entry#*:}
    mkdir -p "$MEMGAUGE_PROC_ROOT/$pid"
    printf '%s\n' "${rest%:*}" >"$MEMGAUGE_PROC_ROOT/$pid/comm"
    printf '00400000-7ffc0000 ---p 00000000 00:00 0 [rollup]\nRss: %s kB\nPss: %s kB\n' \
        "$((${rest##*:} + 51200))" "${rest##*:}" >"$MEMGAUGE_PROC_ROOT/$pid/smaps_rollup"
done
/usr/bin/python3 - "$MEMGAUGE_PROC_ROOT" "$seconds" <<'EOF' &
import math, os, re, sys, time

root, seconds = sys.argv[1], float(sys.argv[2])
meminfo = open(os.path.join(root, 'meminfo')).read()
vmstat = open(os.path.join(root, 'vmstat')).read()
counters = {'pswpin': 0, 'pswpout': 0, 'pgmajfault': 1028}
total = int(re.search(r'^MemTotal:\s+(\d+)', meminfo, re.M).group(1))
swap_total = int(re.search(r'^SwapTotal:\s+(\d+)', meminfo, re.M).group(1))

def used_fraction(t):
    """38 % used, climbing past 60 % (medium) to a peak above 80 % (high) at three
    quarters of the run, then back to about 73 % (medium)."""
    x = t / seconds
    rise = 0.38 + 0.46 * (1 - math.cos(math.pi * min(x / 0.75, 1))) / 2
    fall = 0.11 * max(0.0, (x - 0.75) / 0.25) ** 0.7
    return rise - fall + 0.015 * math.sin(t / 7)

def write(name, text):
    path = os.path.join(root, name)
    with open(path + '.new', 'w') as f:
        f.write(text)
    os.replace(path + '.new', path)

start = time.monotonic()
swap_used = 0
avg10 = avg60 = avg300 = 0.0
total_us = 0
while True:
    t = time.monotonic() - start
    used = used_fraction(t)
    available = int(total * (1 - used))
    # Swapped-out pages stay in swap after the peak, and some trickle back in.
    swap_used = max(swap_used, int(swap_total * max(0.0, used - 0.72) * 0.9))
    text = re.sub(r'^(MemAvailable:\s+)\d+', lambda m: m.group(1) + str(available), meminfo,
                  flags=re.M)
    text = re.sub(r'^(MemFree:\s+)\d+', lambda m: m.group(1) + str(available * 6 // 10), text,
                  flags=re.M)
    text = re.sub(r'^(SwapFree:\s+)\d+', lambda m: m.group(1) + str(swap_total - swap_used),
                  text, flags=re.M)
    write('meminfo', text)
    # Swapping and major faults while memory is short.
    counters['pswpout'] += int(max(0.0, used - 0.74) * 40000)
    counters['pswpin'] += int(max(0.0, used - 0.76) * 15000) + (12 if swap_used else 0)
    counters['pgmajfault'] += 3 + int(max(0.0, used - 0.70) * 2000)
    text = vmstat
    for key, value in counters.items():
        text = re.sub(r'^(%s )\d+' % key, lambda m: m.group(1) + str(value), text, flags=re.M)
    write('vmstat', text)
    # PSI: the share of time stalled, averaged as the kernel does over 10 s, 60 s and 300 s.
    stall = max(0.0, used - 0.78) * 60 + (0.4 if swap_used else 0.0)
    avg10 += (stall - avg10) * (1 - math.exp(-0.5 / 10))
    avg60 += (stall - avg60) * (1 - math.exp(-0.5 / 60))
    avg300 += (stall - avg300) * (1 - math.exp(-0.5 / 300))
    total_us += int(stall * 5000)
    write('pressure/memory',
          'some avg10=%.2f avg60=%.2f avg300=%.2f total=%d\n'
          'full avg10=%.2f avg60=%.2f avg300=%.2f total=%d\n'
          % (avg10, avg60, avg300, total_us,
             avg10 * 0.4, avg60 * 0.4, avg300 * 0.4, total_us * 4 // 10))
    time.sleep(0.5)
EOF
pids="$pids $!"

# Fails the run unless FILE is a PNG of WIDTH x HEIGHT with at least 32 distinct colours:
# a window or menu that never drew is one flat colour, and a wrong crop has the wrong size.
check_png () {
    /usr/bin/python3 - "$@" <<'EOF'
import sys

import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GLib, GdkPixbuf

path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
try:
    shot = GdkPixbuf.Pixbuf.new_from_file(path)
except GLib.Error as error:
    sys.exit('make-screenshots.sh: %s: %s' % (path, error.message))
size = (shot.get_width(), shot.get_height())
if size != (width, height):
    sys.exit('make-screenshots.sh: %s is %dx%d, expected %dx%d' % ((path,) + size + (width, height)))
stride, channels, data = shot.get_rowstride(), shot.get_n_channels(), shot.get_pixels()
colours = {data[y * stride + x * channels:y * stride + x * channels + 3]
           for y in range(height) for x in range(width)}
if len(colours) < 32:
    sys.exit('make-screenshots.sh: %s has only %d colours: nothing was drawn'
             % (path, len(colours)))
print('make-screenshots.sh: checked %s (%dx%d, %d colours)' % (path, width, height, len(colours)))
EOF
}

name_has_owner () {
    dbus-send --session --print-reply=literal --reply-timeout=2000 \
        --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

xfce4-panel --disable-wm-check </dev/null >"$session/panel.log" 2>&1 &
pids="$pids $!"
i=0
until name_has_owner org.kde.StatusNotifierWatcher; do
    [ $i -lt 200 ] || { echo "make-screenshots.sh: no tray host" >&2; exit 1; }
    sleep 0.1
    i=$((i + 1))
done

"$build/src/memgauge" </dev/null >"$session/memgauge.log" 2>&1 &
pids="$pids $!"
i=0
until dbus-send --session --print-reply --dest=org.kde.StatusNotifierWatcher \
        /StatusNotifierWatcher org.freedesktop.DBus.Properties.Get \
        string:org.kde.StatusNotifierWatcher string:RegisteredStatusNotifierItems \
        2>/dev/null | grep -q '"'; do
    [ $i -lt 100 ] || { echo "make-screenshots.sh: the item did not register" >&2; exit 1; }
    sleep 0.1
    i=$((i + 1))
done

echo "make-screenshots.sh: letting MemGauge collect $seconds s of history"
sleep "$seconds"

# tray.png: find the icon at the right end of the panel, click it (XTest), and take the
# top-right corner of the screen with the menu that opened, in 16:9.
/usr/bin/python3 - "$out/tray.png" "$session" <<'EOF'
import ctypes, os, subprocess, sys, time

import gi
gi.require_version('GdkPixbuf', '2.0')
from gi.repository import GdkPixbuf

target, session = sys.argv[1], sys.argv[2]
root_png = os.path.join(session, 'root.png')


def grab():
    subprocess.run(['import', '-window', 'root', root_png], check=True)
    return GdkPixbuf.Pixbuf.new_from_file(root_png)


shot = grab()
stride, channels, data = shot.get_rowstride(), shot.get_n_channels(), shot.get_pixels()


def pixel(x, y):
    i = y * stride + x * channels
    return data[i:i + 3]


# The panel is 30 px high; its middle row is plain except where the icon is.
y = 15
background = pixel(shot.get_width() // 2, y)
xs = [x for x in range(shot.get_width())
      if sum(abs(a - b) for a, b in zip(pixel(x, y), background)) > 60]
if not xs:
    sys.exit('make-screenshots.sh: no tray icon in the panel')
icon_x = (min(xs) + max(xs)) // 2

x11 = ctypes.CDLL('libX11.so.6')
xtst = ctypes.CDLL('libXtst.so.6')
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                      ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                      ctypes.c_ulong]
display = x11.XOpenDisplay(None)
xtst.XTestFakeMotionEvent(display, -1, icon_x, y, 0)
x11.XFlush(display)
time.sleep(0.3)
xtst.XTestFakeButtonEvent(display, 1, True, 0)
xtst.XTestFakeButtonEvent(display, 1, False, 0)
x11.XFlush(display)
time.sleep(1.5)
# The pointer would sit on the icon and highlight it: move it into the menu's first line,
# which is an insensitive header and does not light up.
xtst.XTestFakeMotionEvent(display, -1, icon_x - 120, 48, 0)
x11.XFlush(display)
time.sleep(0.5)
x11.XCloseDisplay(display)

shot = grab()
width, height = 720, 405
left = shot.get_width() - width
shot.new_subpixbuf(left, 0, width, height).savev(target, 'png', [], [])
print('make-screenshots.sh: wrote', target)
EOF
check_png "$out/tray.png" 720 405

# Close the menu before opening the gauge.
press_escape () {
    /usr/bin/python3 - <<'EOF'
import ctypes
x11 = ctypes.CDLL('libX11.so.6')
xtst = ctypes.CDLL('libXtst.so.6')
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XFlush.argtypes = [ctypes.c_void_p]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
display = x11.XOpenDisplay(None)
code = x11.XKeysymToKeycode(display, 0xff1b)  # XK_Escape
xtst.XTestFakeKeyEvent(display, code, True, 0)
xtst.XTestFakeKeyEvent(display, code, False, 0)
x11.XFlush(display)
EOF
}
press_escape
sleep 0.5

# gauge.png: the window alone (there is no window manager, so it has no shadow).
"$build/src/memgauge" --show </dev/null >>"$session/memgauge.log" 2>&1
window=""
i=0
while [ -z "$window" ]; do
    [ $i -lt 100 ] || { echo "make-screenshots.sh: the gauge window did not appear" >&2; exit 1; }
    sleep 0.1
    i=$((i + 1))
    window=$(xwininfo -root -children | awk '/"Memory": \("memgauge"/ { print $1; exit }')
done
# Let it draw, and let the largest consumers scan finish.
sleep 3
rm -f "$out/gauge.png"
import -window "$window" "$out/gauge.png"
echo "make-screenshots.sh: wrote $out/gauge.png"
# The capture must be the whole window as X sizes it, and drawn.
# shellcheck disable=SC2046
check_png "$out/gauge.png" $(xwininfo -id "$window" | awk '/Width:/ { w = $2 } /Height:/ { h = $2 } END { print w, h }')
