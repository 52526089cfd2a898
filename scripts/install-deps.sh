#!/usr/bin/env bash
# Installs the Debian packages PxeKit's demo and tests use, only those that are missing.
# Idempotent: a second run installs nothing and takes a second.
set -euo pipefail

packages=(
  # the lab: namespaces, bridges, taps, firewall rules, captures
  iproute2 iptables tcpdump kmod
  # the VM client and its firmware
  qemu-system-x86 ipxe-qemu ovmf
  # boot programs served to the VM
  pxelinux syslinux-common ipxe
  # fixtures: unpacking the kernel and busybox packages
  dpkg-dev cpio
  # real peers for the integration tests
  tftp-hpa atftp curl isc-dhcp-client busybox dnsmasq-base isc-dhcp-relay
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $EUID -ne 0 ]]; then
  echo "pxekit: these packages are missing: ${missing[*]}; run as root (sudo) so they can be installed." >&2
  exit 1
fi
echo "pxekit: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/pxekit-update-stamp
if [[ ! -e $stamp ]] || [[ -n $(find "$stamp" -mmin +1440 2>/dev/null) ]]; then
  apt-get update -qq
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
