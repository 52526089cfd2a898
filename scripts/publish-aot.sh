#!/usr/bin/env bash
# Publishes pxekit as one Native AOT binary for linux-x64 or linux-arm64 and prints its path.
#   sudo scripts/publish-aot.sh [--arch x64|arm64] [--reuse] [OUTPUT_DIR]
#     (default: x64, into artifacts/aot; arm64 into artifacts/aot-arm64)
# --reuse: when OUTPUT_DIR already holds a binary published from the same sources (the commit, plus any change to
# the sources not yet committed), print its path and publish nothing; the arm64 end-to-end test uses it, since an
# arm64 publish takes minutes.
# The native link needs clang and zlib's headers; arm64 is cross-linked on this x64 machine with Debian's aarch64
# gcc, binutils and libc (clang finds the cross gcc itself: no sysroot is passed, the cross libc's linker scripts
# use absolute paths) and GNU ld (LinkerFlavor=bfd). Missing packages are installed here (Debian 12, as root).
# The ILCompiler and runtime packs come from the NuGet restore, in the version the SDK picks.
# libe_sqlite3.so (the lease store's SQLite, from SQLitePCLRaw's package, which ships it for Linux as a shared
# library only) is published beside the binary and must stay there. libpcap is not: the binary loads it at run
# time from the system (Debian's libpcap0.8).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
source "$here/scripts/lib/packages.sh"
arch=x64 reuse=0 out=
while (($#)); do
  case $1 in
    --arch) arch=$2; shift ;;
    --reuse) reuse=1 ;;
    -*) echo "usage: scripts/publish-aot.sh [--arch x64|arm64] [--reuse] [OUTPUT_DIR]" >&2; exit 2 ;;
    *) out=$1 ;;
  esac
  shift
done
case $arch in
  x64) default_out=$here/artifacts/aot packages=(clang zlib1g-dev) link=() ;;
  arm64) default_out=$here/artifacts/aot-arm64
    packages=(clang zlib1g-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross)
    link=(-p:LinkerFlavor=bfd) ;;
  *) echo "publish-aot: --arch is x64 or arm64, not '$arch'" >&2; exit 2 ;;
esac
out=$(realpath -m "${out:-$default_out}")

# What the binary is built from: the committed trees of the build's inputs (so a commit that changes only tests or
# docs keeps the binary) and a digest of what differs from them in the checkout.
source_key() {
  local inputs=(src Directory.Build.props Directory.Packages.props global.json)
  git -C "$here" rev-parse --verify -q HEAD >/dev/null || { echo none; return; }
  {
    git -C "$here" ls-tree HEAD -- "${inputs[@]}"
    git -C "$here" diff HEAD -- "${inputs[@]}"
    git -C "$here" ls-files --others --exclude-standard -z -- "${inputs[@]}" | (cd "$here" && xargs -0r cat)
  } | sha256sum | cut -d' ' -f1
}
key="linux-$arch $(source_key | tr '\n' ' ')"
# One publish at a time in this checkout (tests publish x64 and arm64 side by side, and both restore the same projects);
# a second caller waits, then finds the binary the first made when it asked for --reuse.
mkdir -p "$here/artifacts"
exec 9>"$here/artifacts/.publish-aot.lock"
flock 9
if ((reuse)) && [[ -x $out/pxekit && -s $out/libe_sqlite3.so && $(cat "$out/.source" 2>/dev/null) == "$key" ]]; then
  echo "publish-aot: $out/pxekit is already published from these sources" >&2
  echo "$out/pxekit"
  exit 0
fi

ensure_packages publish-aot "${packages[@]}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$SECONDS
rm -f "$out/.source"
dotnet publish "$here/src/PxeKit.Cli" -c Release -r "linux-$arch" -p:PublishAot=true "${link[@]}" -o "$out" --nologo -v quiet >&2
echo "$key" >"$out/.source"
echo "publish-aot: linux-$arch published in $((SECONDS - started)) s, $(du -h "$out/pxekit" | cut -f1) (pxekit) + $(du -h "$out/libe_sqlite3.so" | cut -f1) (libe_sqlite3.so)" >&2
echo "$out/pxekit"
