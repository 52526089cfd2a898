#!/usr/bin/env bash
# pxekit's memory, the JIT build beside the Native AOT binary, in one run: idle RSS (VmRSS 3 s after the first TFTP
# answer) and how much of it is private and dirty (what the kernel cannot drop and read again from the files), peak
# RSS (VmHWM) while CLIENTS clients download 8 MiB at once (blksize 1468, `pxekit load tftp`), the time they took, and
# where the peak's resident memory is: /proc/PID/smaps at the highest VmRSS seen, summed by mapping.
#   sudo scripts/bench/memory.sh [--reps N] [--clients N] [--binary PATH]   (without --binary: scripts/publish-aot.sh first)
# The clients all come from one address: the server gets `tftp: max-transfers-per-client` at CLIENTS, so the CLIENTS
# transfers really run at once (with the default cap of 16, the others would wait their turn).
# Namespaces pxa-mem-s and pxa-mem-c (veth 10.75.0.1/16 - 10.75.0.2/16), removed at the end; MEM_NS=PREFIX renames them.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$here"
REPS=3 CLIENTS=200 PXEKIT_AOT=
while (($#)); do
  case $1 in
    --reps) REPS=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --binary) PXEKIT_AOT=$(realpath "$2"); shift ;;
    *) echo "usage: scripts/bench/memory.sh [--reps N] [--clients N] [--binary PATH]" >&2; exit 2 ;;
  esac
  shift
done
if [[ $EUID -ne 0 ]]; then
  echo "memory: the server runs in a network namespace and binds port 69: run with sudo." >&2
  exit 2
fi
command -v curl >/dev/null || { echo "memory: curl is missing (scripts/install-deps.sh --tests)" >&2; exit 1; }

SNS=${MEM_NS:-pxa-mem}-s CNS=${MEM_NS:-pxa-mem}-c SNIC=pxams CNIC=pxamc SADDR=10.75.0.1 CADDR=10.75.0.2
OUT=${OUT:-/tmp/pxekit-memory-bench}
ROOT=$OUT/root
PXEKIT_DLL=$here/src/PxeKit.Cli/bin/Release/net10.0/pxekit.dll
SERVER_PID=
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source "$here/scripts/bench/servers.sh"

cleanup() {
  stop_server
  ip netns del "$SNS" 2>/dev/null
  ip netns del "$CNS" 2>/dev/null
}
trap cleanup EXIT INT TERM

if [[ -z $PXEKIT_AOT ]]; then
  PXEKIT_AOT=$("$here/scripts/publish-aot.sh" --reuse) || { echo "memory: the AOT publish failed" >&2; exit 1; }
fi
dotnet build src/PxeKit.Cli -c Release --nologo -v quiet >/dev/null || { echo "memory: the JIT build failed" >&2; exit 1; }

mkdir -p "$OUT/logs" "$ROOT"
[[ -s $ROOT/f8m ]] || head -c $((8 << 20)) /dev/urandom >"$ROOT/f8m"
printf x >"$ROOT/f1b"
chmod -R a+rX "$ROOT"
printf 'tftp:\n  max-transfers-per-client: %s\n' "$CLIENTS" >"$OUT/pxekit.yaml"
namespaces_up

# Resident kB by what the memory is, from one smaps: the program's own mappings (the binary, or the assemblies and the
# runtime's libraries), the JIT's code (its double-mapped memfd, counted once per mapping), the anonymous mapping
# right after the binary (its .bss and the type data Native AOT rehydrates at start), the rest of anonymous memory
# (the GC heap, thread stacks, the runtime's own data), malloc's heap, and other libraries (libc, SQLite, ...).
breakdown() { # PID
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / { name = $6; kind = "anonymous: GC heap, stacks, runtime data"
      if (name ~ /\/pxekit$/ || name ~ /\.dll$/ || name ~ /lib(coreclr|clrjit|hostfxr|hostpolicy)\.so$/ || name ~ /\/dotnet$/) kind = "program: binary or assemblies and runtime"
      else if (name ~ /doublemapper/) kind = "JIT-compiled code and stubs"
      else if (name == "" && previous ~ /\/pxekit$/) kind = "binary .bss and rehydrated type data"
      else if (name == "[heap]") kind = "malloc heap"
      else if (name ~ /^\//) kind = "other libraries"
      else if (name != "") kind = "anonymous: GC heap, stacks, runtime data"
      previous = name; next }
    /^Rss:/ { kb[kind] += $2 }
    END { for (k in kb) printf "%s\t%d\n", k, kb[k] }' "/proc/$1/smaps"
}

samples=$OUT/memory.tsv
: >"$samples"
for ((rep = 1; rep <= REPS; rep++)); do
  for build in jit aot; do
    if [[ $build == jit ]]; then server=(dotnet "$PXEKIT_DLL"); else server=("$PXEKIT_AOT"); fi
    ip netns exec "$SNS" "${server[@]}" serve --user root --config "$OUT/pxekit.yaml" --interface "$SNIC" --root "$ROOT" \
      --no-dhcp --no-capture --http-port 0 >"$OUT/logs/serve-$build-$rep.log" 2>&1 &
    SERVER_PID=$!
    wait_first_answer tftp "$SADDR" || { echo "memory: $build serve did not answer; log: $OUT/logs/serve-$build-$rep.log" >&2; stop_server; continue; }
    sleep 3 # idle: what the server holds once started, not while it is starting
    idle=$(server_rss_kb)
    dirty=$(awk '$1 == "Private_Dirty:" { print $2 }' "/proc/$SERVER_PID/smaps_rollup")
    breakdown "$SERVER_PID" | sed "s/^/$build\t$rep\tidle\t/" >>"$samples"
    peak_file=$OUT/peak-$build-$rep.tsv
    rm -f "$OUT/done" "$peak_file"
    # Sampled every 0.2 s while the clients run: the breakdown of the highest VmRSS seen.
    (
      highest=0
      while [[ ! -e $OUT/done ]]; do
        now=$(server_rss_kb)
        [[ $now =~ ^[0-9]+$ ]] || break
        if ((now > highest)); then highest=$now; breakdown "$SERVER_PID" >"$peak_file"; fi
        sleep 0.2
      done
    ) &
    sampler=$!
    line=$(ip netns exec "$CNS" timeout 200 dotnet "$PXEKIT_DLL" load tftp --server "$SADDR" --file f8m --blksize 1468 \
      --clients "$CLIENTS" --duration-limit 180 | grep '^result')
    touch "$OUT/done"
    wait "$sampler"
    sed "s/^/$build\t$rep\tpeak\t/" "$peak_file" >>"$samples"
    seconds=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<<"${line:-x seconds=NaN}")
    failures=$(sed -E 's/.* failures=([0-9]+).*/\1/' <<<"${line:-x failures=NaN}")
    printf '%s\t%s\tsummary\tidle_kb=%s idle_dirty_kb=%s peak_kb=%s seconds=%s failures=%s\n' "$build" "$rep" "$idle" "$dirty" "$(server_rss_kb VmHWM)" "$seconds" "$failures" >>"$samples"
    echo "memory: $build #$rep: idle $idle kB ($dirty kB private dirty), peak $(server_rss_kb VmHWM) kB, $seconds s, $failures failed" >&2
    stop_server
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (!NR) { print "-"; exit } print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) + 0 }'; }
summary() { # build field
  awk -F'\t' -v b="$1" '$1 == b && $3 == "summary" { print $4 }' "$samples" | tr ' ' '\n' | sed -n "s/^$2=//p" | median
}
mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9.]+$/) printf "%.1f", k / 1024; else printf "-" }'; }
echo
echo "| build | idle RSS MB | of it private dirty MB | peak RSS MB, $CLIENTS x 8 MiB at once | time s | failures | (medians of $REPS) |"
echo "|---|---|---|---|---|---|---|"
for build in jit aot; do
  echo "| $([[ $build == jit ]] && echo "JIT (dotnet pxekit.dll)" || echo "Native AOT") | $(mb "$(summary $build idle_kb)") | $(mb "$(summary $build idle_dirty_kb)") | $(mb "$(summary $build peak_kb)") | $(awk -v s="$(summary $build seconds)" 'BEGIN { if (s ~ /^[0-9.]+$/) printf "%.1f", s; else printf "-" }') | $(summary $build failures) | |"
done
echo
echo "Where the resident memory is, MB (medians), idle and at the peak:"
echo
echo "| what | JIT idle | JIT peak | AOT idle | AOT peak |"
echo "|---|---|---|---|---|"
awk -F'\t' '$3 != "summary" { print $4 }' "$samples" | sort -u | while read -r kind; do
  row="| $kind |"
  for build in jit aot; do
    for when in idle peak; do
      row+=" $(mb "$(awk -F'\t' -v b="$build" -v w="$when" -v k="$kind" '$1 == b && $3 == w && $4 == k { print $5 }' "$samples" | median)") |"
    done
  done
  echo "$row"
done
echo "raw samples: $samples"
