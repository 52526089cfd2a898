#!/usr/bin/env bash
# Installs the Debian packages PxeKit's demo uses, only those that are missing; with --tests, also the peers the
# tests and benchmarks run against (DHCP and TFTP servers and clients, perfdhcp, AFL++).
# Idempotent: a second run installs nothing and takes a second. Packages that ship a daemon (tftpd-hpa, Kea, Prometheus,
# the DHCP relay) are installed with their services kept from starting: the tests run them in namespaces.
set -euo pipefail
tests=0
[[ ${1:-} == --tests ]] && tests=1

packages=(
  # the lab: namespaces, bridges, taps, firewall rules, captures
  iproute2 iptables nftables tcpdump kmod libpcap0.8
  # the VM client and its firmware
  qemu-system-x86 ipxe-qemu ovmf
  # the arm64 VM (UEFI from edk2) and grub-mkimage for its GRUB network image
  qemu-system-arm qemu-efi-aarch64 grub-common
  # boot programs served to the VM
  pxelinux syslinux-common ipxe
  # fixtures: unpacking the kernel and busybox packages
  dpkg-dev cpio
  # the third-party DHCP server of boot --proxy, --other-dhcp and --no-dhcp
  dnsmasq-base
)
if ((tests)); then
  packages+=(
    # real peers for the integration tests
    tftp-hpa atftp curl isc-dhcp-client busybox isc-dhcp-relay
    # scripts/bench.sh: anchors and perfdhcp (atftpd conflicts with tftpd-hpa: it is unpacked below); iperf3 (and jq to
    # read it) for the plain UDP sender a windowed transfer is compared with
    kea-admin kea-dhcp4-server tftpd-hpa iperf3 jq
    # reliability: AFL++ for the fuzz runs, NFQUEUE for the delayed-link tests
    afl++ libnetfilter-queue1 python3
    # the IPv6 router solicitation test: ndisc6 (rdisc6) solicits, radvd plays a router (its service kept from starting)
    ndisc6 radvd
    # the arm64 server test: the Native AOT cross-link (scripts/publish-aot.sh --arch arm64) and qemu-user to run it
    clang zlib1g-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
    # the Debian package: built with dpkg-deb, checked with lintian and systemd-analyze, installed into a debootstrap'd
    # Debian 12 (the package test), booted with systemd-nspawn (docs/install.md)
    debootstrap systemd-container lintian binutils man-db
    # the metrics test: a real Prometheus scrapes the management listener (its service kept from starting)
    prometheus
    # the PostgreSQL lease store's tests: initdb and postgres from /usr/lib/postgresql/15/bin, run by the test itself
    # in a temporary directory (the packaged cluster's service is kept from starting, as the daemons above)
    postgresql
    # the dashboard test: Debian's Chromium, driven headless through Playwright (its bundled driver, no browser download)
    chromium
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The arm64 fixtures download arm64 packages (kernel, busybox-static, grub-efi-arm64-bin) without
# installing them: apt must know the architecture.
dpkg --print-foreign-architectures | grep -qx arm64 && need_arm64=0 || need_arm64=1
# atftpd (a peer of the load tests and bench.sh) conflicts with tftpd-hpa as a package: it is unpacked here.
atftpd_dir=/var/cache/pxekit/atftpd
[[ $tests -eq 0 || -x $atftpd_dir/usr/sbin/atftpd ]] && need_atftpd=0 || need_atftpd=1
# The arm64 server test runs pxekit under qemu-user with Debian's arm64 libc and libpcap, unpacked (not installed)
# by scripts/arm64-root.sh, which says whether it has them already.
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
[[ $tests -eq 0 ]] || PXEKIT_ARM64_CHECK=1 "$here/arm64-root.sh" >/dev/null 2>&1 && need_arm64_root=0 || need_arm64_root=1

if ((${#missing[@]} == 0 && need_arm64 == 0 && need_atftpd == 0 && need_arm64_root == 0)); then
  exit 0
fi
if [[ $EUID -ne 0 ]]; then
  ((need_arm64)) && missing+=("(the arm64 architecture: dpkg --add-architecture arm64)")
  ((need_arm64_root)) && missing+=("(the arm64 libraries qemu-user runs pxekit with: scripts/arm64-root.sh)")
  echo "pxekit: these packages are missing: ${missing[*]}; run as root (sudo) so they can be installed." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/pxekit-update-stamp
if ((need_arm64)); then
  echo "pxekit: adding the arm64 architecture to dpkg (for the arm64 boot fixtures)" >&2
  dpkg --add-architecture arm64
  rm -f "$stamp" # the package lists have no arm64 packages yet
fi
if [[ ! -e $stamp ]] || [[ -n $(find "$stamp" -mmin +1440 2>/dev/null) ]]; then
  apt-get update -qq
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
if ((${#missing[@]} > 0)); then
  echo "pxekit: installing ${missing[*]}" >&2
  # Keep packaged daemons (in.tftpd, kea-dhcp4, dhcrelay, postgresql) from starting on the host: policy-rc.d says no.
  guard=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { ((guard)) && rm -f /usr/sbin/policy-rc.d; exit 1; }
  ((guard)) && rm -f /usr/sbin/policy-rc.d
fi
if ((need_atftpd)); then
  echo "pxekit: unpacking atftpd into $atftpd_dir" >&2
  mkdir -p "$atftpd_dir" && (cd "$(dirname "$atftpd_dir")" && apt-get download -qq atftpd 2>/dev/null && dpkg -x atftpd_*.deb "$atftpd_dir" && rm -f atftpd_*.deb)
fi
if ((need_arm64_root)); then
  "$here/arm64-root.sh" >/dev/null
fi
