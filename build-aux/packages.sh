# SPDX-License-Identifier: GPL-3.0-or-later
# Debian 12 packages MemGauge needs, and a function that installs the missing ones.
# Sourced by build-aux/run, build-aux/test and .ci/run.

MG_BUILD_PACKAGES="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-3-dev
  libayatana-appindicator3-dev gettext librsvg2-common"

# Validators, real buses and daemons, a tray host and a notification daemon for tests.
MG_TEST_PACKAGES="desktop-file-utils appstream libxml2-utils procps
  xvfb xauth dbus dbus-x11 xfce4-panel python3-dbusmock python3-gi gir1.2-gtk-3.0
  imagemagick polkitd pkexec at-spi2-core python3-pyatspi dunst x11-utils valgrind
  clang libclang-rt-14-dev cppcheck clang-tidy
  cbatticon psensor xfce4-systemload-plugin psi-notify
  groff-base locales
  sway waybar grim"

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

    echo "Generating locales:$missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    for loc in $missing; do
        if ! grep -q "^$loc UTF-8\$" /etc/locale.gen; then
            echo "$loc UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null || return 1
        fi
    done
    $sudo locale-gen
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
    missing=""
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $pkg"
        fi
    done
    [ -z "$missing" ] && return 0

    echo "Installing Debian packages:$missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
}
