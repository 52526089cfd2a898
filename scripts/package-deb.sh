#!/usr/bin/env bash
# Builds the Debian package pxekit_VERSION_ARCH.deb from a published pxekit (scripts/publish-aot.sh, or
# scripts/release.sh for both architectures) and prints its path.
#   scripts/package-deb.sh BINARY_DIR ARCH OUT_DIR
# BINARY_DIR holds pxekit and the native libraries published beside it (libe_sqlite3.so); ARCH is x64, amd64 or
# arm64. VERSION is Directory.Build.props' <Version> (PXEKIT_DEB_VERSION overrides it, e.g. for an upgrade test).
# The package: /usr/bin/pxekit (a link to /usr/lib/pxekit/pxekit, which finds libe_sqlite3.so beside itself),
# /etc/pxekit/pxekit.yaml (a conffile), the systemd unit, the pxekit system user and /var/lib/pxekit (postinst),
# pxekit(1) made from the --help texts. Needs dpkg-deb, gzip, readelf (binutils); the man page is made by running
# the binary, under qemu-user for arm64 when the host cannot run it (or from PXEKIT_HELP_BINARY).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
[[ $# -eq 3 ]] || { echo "usage: $0 BINARY_DIR ARCH OUT_DIR" >&2; exit 2; }
bin_dir=$(realpath "$1") arch=$2 out_dir=$(realpath -m "$3")
case $arch in
  x64|amd64) deb_arch=amd64 ;;
  arm64|aarch64) deb_arch=arm64 ;;
  *) echo "package-deb: unknown architecture '$arch' (x64, amd64 or arm64)" >&2; exit 2 ;;
esac
[[ -x $bin_dir/pxekit ]] || { echo "package-deb: no pxekit binary in $bin_dir" >&2; exit 1; }

version=${PXEKIT_DEB_VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$here/Directory.Build.props" | head -1)}
[[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || { echo "package-deb: '$version' is not a Debian version" >&2; exit 1; }
maintainer=${PXEKIT_MAINTAINER:-"PxeKit developers <pxekit@packages.invalid>"}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
install -d -m 0755 "$root"/{DEBIAN,usr/bin,usr/lib/pxekit,etc/pxekit,lib/systemd/system,usr/share/doc/pxekit,usr/share/man/man1,usr/share/lintian/overrides}

# The binary and its native libraries (not the .dbg symbol files the publish leaves beside them).
install -m 0755 "$bin_dir/pxekit" "$root/usr/lib/pxekit/pxekit"
for lib in "$bin_dir"/*.so; do
  [[ -e $lib ]] && install -m 0644 "$lib" "$root/usr/lib/pxekit/"
done
ln -s ../lib/pxekit/pxekit "$root/usr/bin/pxekit"
# The publish strips pxekit (its symbols go to pxekit.dbg) but not the NuGet package's SQLite.
case $deb_arch in
  amd64) strip_tool=x86_64-linux-gnu-strip ;;
  arm64) strip_tool=aarch64-linux-gnu-strip ;;
esac
command -v "$strip_tool" >/dev/null || strip_tool=llvm-strip
if command -v "$strip_tool" >/dev/null; then
  for lib in "$root"/usr/lib/pxekit/*.so; do
    [[ -e $lib ]] && "$strip_tool" --strip-unneeded --remove-section=.comment --remove-section=.note "$lib"
  done
else
  echo "package-deb: no $strip_tool: the native libraries go in unstripped (binutils for $deb_arch)" >&2
fi

install -m 0644 "$here/packaging/deb/pxekit.yaml" "$root/etc/pxekit/pxekit.yaml"
install -m 0644 "$here/packaging/deb/pxekit.service" "$root/lib/systemd/system/pxekit.service"
install -m 0644 "$here/packaging/deb/copyright" "$root/usr/share/doc/pxekit/copyright"
install -m 0644 "$here/packaging/deb/conffiles" "$root/DEBIAN/conffiles"
install -m 0644 "$here/packaging/deb/lintian-overrides" "$root/usr/share/lintian/overrides/pxekit"
for script in postinst prerm postrm; do
  install -m 0755 "$here/packaging/deb/$script" "$root/DEBIAN/$script"
done

# A native package's changelog, dated by the last commit so that two builds of one commit are the same.
date=$(git -C "$here" log -1 --format=%cD 2>/dev/null || date -R)
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
printf 'pxekit (%s) unstable; urgency=medium\n\n  * Built from commit %s; what changed is in the git history.\n\n -- %s  %s\n' \
  "$version" "$commit" "$maintainer" "$date" | gzip -9n > "$root/usr/share/doc/pxekit/changelog.gz"
chmod 0644 "$root/usr/share/doc/pxekit/changelog.gz"

# pxekit(1) from the help texts: the binary runs here, or under qemu-user for another architecture.
help_bin=${PXEKIT_HELP_BINARY:-$root/usr/lib/pxekit/pxekit}
if ! "$help_bin" --version >/dev/null 2>&1 && [[ $deb_arch == arm64 ]] && command -v qemu-aarch64-static >/dev/null; then
  # qemu-user finds arm64's loader and libc under QEMU_LD_PREFIX: Debian's libc6-arm64-cross by default.
  printf '#!/bin/sh\nQEMU_LD_PREFIX=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu} exec qemu-aarch64-static %q "$@"\n' "$help_bin" > "$work/help"
  chmod +x "$work/help" && help_bin=$work/help
fi
"$here/scripts/make-manpage.sh" "$help_bin" "$root/usr/share/man/man1/pxekit.1.gz" "$version"
chmod 0644 "$root/usr/share/man/man1/pxekit.1.gz"

# Depends from the libraries the binary links (readelf's NEEDED), by the Debian package that ships each.
# procps: the unit's ExecReload runs /bin/kill, which a minimal Debian lacks.
depends=(adduser procps)
for needed in $(readelf -d "$root/usr/lib/pxekit/pxekit" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
  case $needed in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*) depends+=("libc6 (>= 2.34)") ;;
    libz.so.*) depends+=(zlib1g) ;;
    libstdc++.so.*) depends+=(libstdc++6) ;;
    libgcc_s.so.*) depends+=(libgcc-s1) ;;
    *) echo "package-deb: pxekit links $needed, which this script does not know the package of" >&2; exit 1 ;;
  esac
done
depends_line=$(printf '%s\n' "${depends[@]}" | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g')

cat > "$root/DEBIAN/control" <<CONTROL
Package: pxekit
Version: $version
Architecture: $deb_arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends_line
Recommends: libpcap0.8
Suggests: pxelinux, syslinux-common, ipxe
Section: net
Priority: optional
Description: PXE boot server (DHCP, proxyDHCP, TFTP, HTTP) that says why a boot fails
 PxeKit serves network boots: full DHCP or proxyDHCP beside an existing DHCP
 server, the PXE boot server on port 4011, TFTP and HTTP boot, with profiles
 by architecture, vendor class, MAC or group. It runs as the pxekit service
 (a systemd notify service with only the network capabilities it needs) and
 writes each client's steps to the journal with MAC, STEP and FAULT_ID fields.
 .
 pxekit doctor checks a host, pxekit trace reads a capture, and both name the
 fault that keeps a machine from booting.
CONTROL

(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"

mkdir -p "$out_dir"
deb=$out_dir/pxekit_${version}_${deb_arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
