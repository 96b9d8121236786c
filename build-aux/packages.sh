# SPDX-License-Identifier: GPL-3.0-or-later
# Debian 12 packages MemGauge needs, and a function that installs the missing ones.
# Sourced by build-aux/run, build-aux/test and .ci/run.

MG_BUILD_PACKAGES="meson ninja-build pkg-config gcc libglib2.0-dev libgtk-3-dev
  libayatana-appindicator3-dev gettext librsvg2-common"

# Validators, real buses and daemons, a tray host and a notification daemon for tests.
MG_TEST_PACKAGES="desktop-file-utils appstream libxml2-utils procps
  xvfb xauth dbus dbus-x11 xfce4-panel python3-dbusmock python3-gi gir1.2-gtk-3.0
  imagemagick polkitd pkexec at-spi2-core python3-pyatspi dunst x11-utils
  clang libclang-rt-14-dev
  cbatticon psensor"

# mg_install_packages PACKAGE...: installs those not installed yet, as root or with sudo.
mg_install_packages () {
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
