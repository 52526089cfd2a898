#!/usr/bin/env bash
# Makes (once, then cached) a Debian 12 root filesystem to install the pxekit package into, and prints its path:
# the package test installs, upgrades and purges it there (on an overlay, so the cache stays clean) rather than on
# this host, and systemd-nspawn -b can boot it to run the service under a real systemd.
#   scripts/debian-rootfs.sh [DIR]     (default: artifacts/debian12-rootfs; as root; needs debootstrap)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
dir=$(realpath -m "${1:-$here/artifacts/debian12-rootfs}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [[ ! -f $dir/.pxekit-rootfs-complete ]]; then
  [[ $EUID -eq 0 ]] || { echo "debian-rootfs: debootstrap needs root" >&2; exit 1; }
  command -v debootstrap >/dev/null || { echo "debian-rootfs: debootstrap is missing (scripts/install-deps.sh --tests)" >&2; exit 1; }
  rm -rf "$dir"
  started=$SECONDS
  # systemd and dbus to boot it with systemd-nspawn; adduser for the package's user; the rest is minbase.
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,adduser,libcap2-bin bookworm "$dir" "$mirror" >&2
  touch "$dir/.pxekit-rootfs-complete"
  echo "debian-rootfs: made in $((SECONDS - started)) s" >&2
fi
echo "$dir"
