#!/usr/bin/env bash
# Builds the release binaries into dist/, from a clean clone, as root (or a user who can apt-get):
#   sudo scripts/release.sh [--reps N] [--reuse]
# --reuse: keep binaries already published from the same sources (scripts/publish-aot.sh --reuse), to measure again;
#   without it both are published afresh, so that each carries the commit it is built from (pxekit --version).
# dist/linux-x64/ and dist/linux-arm64/: pxekit, a Native AOT single-file binary (scripts/publish-aot.sh; arm64 is
#   cross-linked on this x64 machine), and libe_sqlite3.so beside it, which it needs (the lease store's SQLite).
#   libpcap is not bundled: pxekit loads the system's at run time (Debian's libpcap0.8) for its capture.
# dist/debug/linux-ARCH/pxekit.dbg: the binaries' debug symbols, stripped from them by the publish.
# dist/SHA256SUMS: the sha256 of every file above.
# dist/MEASUREMENTS.md: per arch, the size, the start-up (serve started to its first TFTP answer) and the RSS right
#   after it, measured as scripts/bench/aot.sh does (median of N starts, default 5), in namespaces made and removed
#   here. arm64 runs under qemu-aarch64-static (emulated: its times and RSS are qemu's, not a Pi's) with Debian's
#   arm64 libc and libpcap0.8 unpacked by scripts/arm64-root.sh.
# Last, when scripts/package-deb.sh exists, it makes the .deb packages: package-deb.sh BINARY_DIR DEBIAN_ARCH dist
# for amd64 and arm64.
# Packages it needs and lacks are installed (clang, the aarch64 cross toolchain, qemu-user-static, curl).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$here"
source scripts/lib/packages.sh
REPS=5 reuse=()
while (($#)); do
  case $1 in
    --reps) REPS=$2; shift ;;
    --reuse) reuse=(--reuse) ;;
    *) echo "usage: scripts/release.sh [--reps N] [--reuse]" >&2; exit 2 ;;
  esac
  shift
done
arches=(x64 arm64)
declare -A debian_arch=([x64]=amd64 [arm64]=arm64)
dist=$here/dist

ensure_packages release qemu-user-static curl iproute2
rm -rf "$dist"
mkdir -p "$dist"
declare -A publish_dir
for arch in "${arches[@]}"; do
  echo "release: publishing linux-$arch" >&2
  binary=$(scripts/publish-aot.sh --arch "$arch" ${reuse[@]+"${reuse[@]}"})
  publish_dir[$arch]=$(dirname "$binary")
  mkdir -p "$dist/linux-$arch" "$dist/debug/linux-$arch"
  cp "$binary" "${publish_dir[$arch]}/libe_sqlite3.so" "$dist/linux-$arch/"
  [[ -f $binary.dbg ]] && cp "$binary.dbg" "$dist/debug/linux-$arch/"
done
arm64_root=$(scripts/arm64-root.sh)

# --- start-up and idle RSS, per arch ---------------------------------------------------------------------------------
SNS=pxrel-s-$$ CNS=pxrel-c-$$ SNIC=pxrels$$ CNIC=pxrelc$$ SADDR=10.75.0.1 CADDR=10.75.0.2
OUT=$(mktemp -d /tmp/pxekit-release.XXXXXX)
ROOT=$OUT/root
SERVER_PID=
source scripts/bench/servers.sh
cleanup() {
  stop_server
  ip netns del "$SNS" 2>/dev/null
  ip netns del "$CNS" 2>/dev/null
  rm -rf "$OUT"
}
trap cleanup EXIT INT TERM
mkdir -p "$OUT/logs" "$ROOT"
printf x >"$ROOT/f1b"
chmod -R a+rX "$ROOT"
namespaces_up

# qemu-user holds the emulated program in its own process: VmRSS is the program's memory plus qemu's (its malloc
# heap of translated-code bookkeeping, its JIT buffer, its own binary). The program's own share, estimated: the
# resident memory of every mapping except qemu's [heap], its rwx JIT buffer, the qemu binary and the host stack.
emulated_program_rss_kb() {
  awk '/^[0-9a-f]+-[0-9a-f]+ / { skip = ($2 == "rwxp" || $6 ~ /qemu-aarch64|^\[(heap|stack|vvar|vdso)\]$/) }
       /^Rss:/ && !skip { kb += $2 } END { print kb + 0 }' "/proc/$(server_main_pid)/smaps" 2>/dev/null || echo exited
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (!NR) { print "-"; exit } print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
table=$dist/MEASUREMENTS.md
{
  echo "# pxekit $(git describe --always --dirty 2>/dev/null || echo '(no git)'), measured by scripts/release.sh on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m))"
  echo
  echo "| binary | pxekit size | libe_sqlite3.so | start-up to first TFTP answer, ms: median (min-max, n) | RSS after start-up, MB: median (min-max) | the program's own share under qemu, MB: median (estimate) |"
  echo "|---|---|---|---|---|---|"
} >"$table"
for arch in "${arches[@]}"; do
  PXEKIT_AOT=$dist/linux-$arch/pxekit
  PXEKIT_AOT_RUNNER=()
  label="linux-$arch (native)"
  if [[ $arch == arm64 ]]; then
    PXEKIT_AOT_RUNNER=(qemu-aarch64-static -L "$arm64_root")
    label="linux-arm64 (emulated: qemu-aarch64-static on $(uname -m))"
  fi
  start_server pxekit-aot tftp "$SADDR" "$SNIC" && stop_server # one start first, not counted: a warm page cache
  samples=()
  for ((rep = 1; rep <= REPS; rep++)); do
    TFTP_POLL_TIMEOUT=0.02 start_server pxekit-aot tftp "$SADDR" "$SNIC" || continue
    samples+=("$STARTUP_MS $(server_rss_kb) $([[ $arch == arm64 ]] && emulated_program_rss_kb || echo -)")
    stop_server
  done
  ms=$(printf '%s\n' "${samples[@]}" | cut -d' ' -f1)
  kb=$(printf '%s\n' "${samples[@]}" | cut -d' ' -f2)
  own=$(printf '%s\n' "${samples[@]}" | awk '$3 != "-" { print $3 }' | median)
  [[ $own == - ]] || own=$(awk -v k="$own" 'BEGIN { printf "%.1f", k / 1024 }')
  printf '| %s | %s | %s | %s (%s-%s, %s) | %s | %s |\n' "$label" \
    "$(du -h "$PXEKIT_AOT" | cut -f1) ($(stat -c %s "$PXEKIT_AOT") bytes)" "$(du -h "$dist/linux-$arch/libe_sqlite3.so" | cut -f1)" \
    "$(median <<<"$ms")" "$(sort -n <<<"$ms" | head -1)" "$(sort -n <<<"$ms" | tail -1)" "${#samples[@]}" \
    "$(awk -v m="$(median <<<"$kb")" -v a="$(sort -n <<<"$kb" | head -1)" -v b="$(sort -n <<<"$kb" | tail -1)" \
      'BEGIN { printf "%.1f (%.1f-%.1f)", m / 1024, a / 1024, b / 1024 }')" "$own" >>"$table"
done
{
  echo
  echo "Start-up: \`serve --no-dhcp --no-capture --http-port 0\` started in a namespace, a 1-byte TFTP read polled every"
  echo "20 ms (0.02 s curl attempts) from another until it answers; RSS is VmRSS right after (for arm64, qemu's process,"
  echo "which holds the emulated program; the last column leaves out qemu's own heap, JIT buffer and binary: an"
  echo "estimate of what the program itself holds, not a measurement on arm64 hardware). One start of each first, not counted."
} >>"$table"
cat "$table"

if [[ -x scripts/package-deb.sh ]]; then
  for arch in "${arches[@]}"; do
    scripts/package-deb.sh "$dist/linux-$arch" "${debian_arch[$arch]}" "$dist"
  done
fi
(cd "$dist" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum >SHA256SUMS)
echo "release: dist/ holds:" >&2
(cd "$dist" && find . -type f -printf '  %P\n' | sort) >&2
