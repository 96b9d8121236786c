#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A real podman container for tests, without a registry: an image imported from a folder
# with busybox-static, run with runc (crun refuses hybrid cgroups), no network, and the
# two ulimits this sandbox's root needs (it cannot raise RLIMIT_NOFILE past 20000).
#
# Usage: tests/lib/podman-web.sh start NAME MEMORY MIB   (prints the container id)
#        tests/lib/podman-web.sh stop NAME
#
# "start" runs NAME with --memory=MEMORY; it holds MIB MiB of /dev/shm (charged to its
# memory group) and sleeps. Exit 77 with the reason when podman or busybox is missing.
set -eu

image=localhost/memgauge-busybox

case "${1:-}" in
start)
  name=$2 memory=$3 mib=$4
  for tool in podman runc; do
    command -v "$tool" >/dev/null || { echo "needs $tool (build-aux/packages.sh)" >&2; exit 77; }
  done
  [ -x /bin/busybox ] || { echo "needs busybox-static (build-aux/packages.sh)" >&2; exit 77; }
  if ! podman image exists "$image"; then
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    mkdir "$dir/bin"
    cp /bin/busybox "$dir/bin/"
    for applet in sh sleep dd; do ln -s busybox "$dir/bin/$applet"; done
    tar -C "$dir" -c . | podman import -q - "$image" >/dev/null
  fi
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  exec podman --runtime runc run -d --rm --network none \
    --ulimit nofile=20000:20000 --ulimit nproc=32768:32768 \
    --memory="$memory" --name "$name" "$image" \
    sh -c "dd if=/dev/zero of=/dev/shm/held bs=1M count=$mib 2>/dev/null; exec sleep 600"
  ;;
stop)
  podman rm -f -t 0 "$2" >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: $0 start NAME MEMORY MIB | stop NAME" >&2
  exit 2
  ;;
esac
