#!/usr/bin/env bash
# Makes (once, then cached) a Debian 12 root filesystem to install the pxekit package into, and prints its path:
# the package test installs, upgrades and purges it there (on an overlay, so the cache stays clean) rather than on
# this host, and systemd-nspawn -b can boot it to run the service under a real systemd.
#   scripts/debian-rootfs.sh [DIR]     (default: artifacts/debian12-rootfs; as root; needs debootstrap)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
dir=$(realpath -m "${1:-$here/artifacts/debian12-rootfs}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

# systemd and dbus to boot it with systemd-nspawn; adduser and procps for the package's Depends; the rest is minbase.
include=systemd,systemd-sysv,dbus,adduser,procps,libcap2-bin
marker=$dir/.pxekit-rootfs-complete

# One maker at a time: the package and service tests may ask for the tree at once, and a second debootstrap into the
# same directory (or its rm -rf) would wreck the first's.
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock 9

if [[ ! -f $marker || $(cat "$marker") != "$include" ]]; then
  [[ $EUID -eq 0 ]] || { echo "debian-rootfs: debootstrap needs root" >&2; exit 1; }
  if [[ -f $marker ]]; then
    # A tree cached with fewer packages: add the missing ones rather than download it all again.
    echo "debian-rootfs: adding ${include//,/ } to the cached tree" >&2
    chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${include//,/ } >&2
    chroot "$dir" apt-get clean
  else
    command -v debootstrap >/dev/null || { echo "debian-rootfs: debootstrap is missing (scripts/install-deps.sh --tests)" >&2; exit 1; }
    rm -rf "$dir"
    started=$SECONDS
    debootstrap --variant=minbase --include="$include" bookworm "$dir" "$mirror" >&2
    echo "debian-rootfs: made in $((SECONDS - started)) s" >&2
  fi
  echo "$include" > "$marker"
fi
echo "$dir"
