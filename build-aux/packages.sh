# SPDX-License-Identifier: GPL-3.0-or-later
# Debian 12 packages MemGauge needs, and a function that installs the missing ones.
# Sourced by build-aux/run, build-aux/test and .ci/run. What these functions and apt print
# goes to stderr: stdout is left to the app (build-aux/run --json | python3 -m json.tool).

# `meson setup` needs the validators too (a missing one fails the build rather than skipping
# its test), and update-desktop-database for the install.
MG_BUILD_PACKAGES="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-3-dev
  libayatana-appindicator3-dev gettext librsvg2-common
  desktop-file-utils appstream libxml2-utils groff-base
  libsoup-3.0-dev libjson-glib-dev
  libsecret-1-dev"

# What the installed app uses at run time: pkexec and polkitd for the swappiness helper,
# glib-networking for https:// remote sources (GIO's TLS backend, which libsoup uses).
MG_RUN_PACKAGES="pkexec polkitd glib-networking"

# Real buses and daemons, a tray host and a notification daemon for tests.
MG_TEST_PACKAGES="procps
  xvfb xauth dbus dbus-x11 xfce4-panel python3-dbusmock python3-gi gir1.2-gtk-3.0
  imagemagick polkitd pkexec at-spi2-core python3-pyatspi dunst x11-utils valgrind
  clang libclang-rt-14-dev cppcheck clang-tidy
  cbatticon psensor xfce4-systemload-plugin psi-notify
  locales
  sway waybar grim
  prometheus-node-exporter prometheus openssl
  podman busybox-static runc conmon catatonit uidmap containernetworking-plugins iptables
  gnome-keyring"

# The translation tests run the app with LANG set to these; `locales` generates them.
MG_TEST_LOCALES="de_DE.UTF-8 fr_FR.UTF-8"

# mg_generate_locales LOCALE...: generates those that `locale -a` does not list yet, as root
# or with sudo (Debian's locales package: /etc/locale.gen and locale-gen).
mg_generate_locales () {
    missing=""
    for loc in "$@"; do
        # locale -a spells de_DE.UTF-8 as de_DE.utf8.
        if ! locale -a 2>/dev/null | grep -qx "${loc%%.*}.utf8"; then
            missing="$missing $loc"
        fi
    done
    [ -z "$missing" ] && return 0

    echo "Generating locales:$missing" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    for loc in $missing; do
        if ! grep -q "^$loc UTF-8\$" /etc/locale.gen; then
            echo "$loc UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null || return 1
        fi
    done
    $sudo locale-gen >&2
}

# mg_install_packages PACKAGE...: installs those not installed yet, as root or with sudo,
# and generates MG_TEST_LOCALES when `locales` is one of them.
mg_install_packages () {
    case " $* " in
        *" locales "*) _mg_locales=true ;;
        *) _mg_locales=false ;;
    esac
    _mg_install_packages "$@" || return 1
    if $_mg_locales; then
        # shellcheck disable=SC2086
        mg_generate_locales $MG_TEST_LOCALES
    fi
}

_mg_install_packages () {
    # One dpkg-query for all of them (one per package takes seconds on a busy machine); a
    # package it does not know is missing too.
    installed=" $(dpkg-query -W -f='${Package}:${Status}\n' "$@" 2>/dev/null |
        sed -n 's/:install ok installed$//p' | tr '\n' ' ')"
    missing=""
    for pkg in "$@"; do
        case $installed in
            *" $pkg "*) ;;
            *) missing="$missing $pkg" ;;
        esac
    done
    [ -z "$missing" ] && return 0

    echo "Installing Debian packages:$missing" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        $missing >&2
}
