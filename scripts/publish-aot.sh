#!/usr/bin/env bash
# Publishes pxekit as one Native AOT binary for linux-x64 and prints its path.
#   sudo scripts/publish-aot.sh [OUTPUT_DIR]     (default: artifacts/aot)
# The native link needs clang and zlib's headers: installed here if missing (Debian 12, as root).
# The ILCompiler package comes from the NuGet restore, in the version the SDK picks.
# libe_sqlite3.so (the lease store's SQLite) is published beside the binary and must stay there.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
out=$(realpath -m "${1:-$here/artifacts/aot}")

missing=()
for p in clang zlib1g-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $EUID -ne 0 ]]; then
    echo "publish-aot: missing ${missing[*]}; run as root (sudo) so they can be installed." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "publish-aot: installing ${missing[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$SECONDS
dotnet publish "$here/src/PxeKit.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out" --nologo -v quiet >&2
echo "publish-aot: published in $((SECONDS - started)) s, $(du -h "$out/pxekit" | cut -f1) (pxekit) + $(du -h "$out/libe_sqlite3.so" | cut -f1) (libe_sqlite3.so)" >&2
echo "$out/pxekit"
