#!/usr/bin/env bash
# Makes the directory that qemu-user uses as the arm64 machine's root (-L) and prints its path:
#   sudo scripts/arm64-root.sh        ->  /var/cache/pxekit/arm64-root
# It holds Debian's arm64 libc and libpcap0.8 with what libpcap needs, unpacked from the packages (apt-get download,
# dpkg -x): the host's installed packages are left as they are. Then
#   qemu-aarch64-static -L "$(scripts/arm64-root.sh)" dist/linux-arm64/pxekit ...
# runs the arm64 pxekit as a Raspberry Pi would, with the libpcap it gets there. Idempotent: a second run unpacks
# nothing. apt must know the arm64 architecture (added here, as scripts/install-deps.sh does, if it does not).
set -euo pipefail
root=${PXEKIT_ARM64_ROOT:-/var/cache/pxekit/arm64-root}
stamp=$root/.packages
if [[ -s $stamp && -e $root/usr/lib/aarch64-linux-gnu/libpcap.so.0.8 ]]; then
  echo "$root"
  exit 0
fi
[[ -z ${PXEKIT_ARM64_CHECK:-} ]] || exit 1 # only asked whether it is there (scripts/install-deps.sh)
if [[ $EUID -ne 0 ]]; then
  echo "arm64-root: $root is missing; run as root (sudo) so it can be made." >&2
  exit 1
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "arm64-root: adding the arm64 architecture to dpkg (to download arm64 packages, not to install them)" >&2
  dpkg --add-architecture arm64
  apt-get update -qq
fi
# libpcap0.8 and what it depends on, recursively; libsystemd0 stands for the choice libsystemd0 | libelogind0.
mapfile -t packages < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances libpcap0.8:arm64 | grep -E '^[a-z0-9]' | grep -v '^libelogind0' | sort -u)
[[ ${#packages[@]} -gt 1 ]] || { echo "arm64-root: apt knows no libpcap0.8:arm64 (apt-get update?)" >&2; exit 1; }
echo "arm64-root: unpacking ${packages[*]} into $root" >&2
downloads=$(mktemp -d)
chmod 755 "$downloads" # apt downloads as _apt
trap 'rm -rf "$downloads"' EXIT
(cd "$downloads" && apt-get download -qq "${packages[@]}" >/dev/null)
rm -rf "$root.new"
mkdir -p "$root.new"
for deb in "$downloads"/*.deb; do dpkg -x "$deb" "$root.new"; done
printf '%s\n' "${packages[@]}" >"$root.new/.packages"
rm -rf "$root"
mv "$root.new" "$root"
echo "$root"
