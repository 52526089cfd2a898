#!/usr/bin/env bash
# Fuzzes PxeKit's parsers with SharpFuzz under AFL++: the DHCP decoder, the TFTP decoder, the capture's
# frame reader, the YAML configuration loader and the DHCPv6 view.
#   scripts/fuzz.sh [--seconds N] [--no-build] [target...]  (targets: dhcp tftp frame config dhcp6; default all)
# Installs AFL++ and the sharpfuzz tool if missing, publishes fuzz/PxeKit.Fuzz, instruments PxeKit's
# assemblies (and YamlDotNet) in the published copy, seeds each corpus from the captured packets, runs
# each target for N seconds (default 30), then prints one line per target and a total. --no-build
# publishes the Release build already made (scripts/test.sh builds the solution first). Crashing inputs
# are copied to $PXEKIT_FUZZ_DIR/crashes/TARGET and replayed to show their exception.
# Exits 1 when any target crashed or did not run.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$here"

seconds=30
build=()
targets=()
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --no-build) build=(--no-build); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(dhcp tftp frame config dhcp6)
work=${PXEKIT_FUZZ_DIR:-/tmp/pxekit-fuzz}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null; then
  if [[ $EUID -ne 0 ]]; then echo "fuzz: afl-fuzz is missing (Debian package afl++); run as root to install it." >&2; exit 1; fi
  echo "fuzz: installing afl++" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null || exit 1
fi
sharpfuzz=$work/tools/sharpfuzz
if [[ ! -x $sharpfuzz ]]; then
  echo "fuzz: installing the sharpfuzz tool (SharpFuzz.CommandLine 2.3.0)" >&2
  dotnet tool install --tool-path "$work/tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null || exit 1
fi

app=$work/app
rm -rf "$app"
if ! dotnet publish fuzz/PxeKit.Fuzz/PxeKit.Fuzz.csproj -c Release "${build[@]}" -o "$app" --nologo -v quiet >"$work/publish.log" 2>&1; then
  cat "$work/publish.log" >&2; echo "fuzz: the fuzz project did not build." >&2; exit 1
fi
# Instrumented code needs AFL++'s shared memory: seeding and replaying crashes use a plain copy.
rm -rf "$work/plain" "$work/seeds"
cp -r "$app" "$work/plain"
dotnet "$work/plain/PxeKit.Fuzz.dll" seed "$work/seeds" "$here" >/dev/null || { echo "fuzz: seeding failed." >&2; exit 1; }
for assembly in PxeKit.Protocol.dll PxeKit.Core.dll PxeKit.Diagnostics.dll pxekit.dll YamlDotNet.dll; do
  "$sharpfuzz" "$app/$assembly" >/dev/null || { echo "fuzz: instrumenting $assembly failed." >&2; exit 1; }
done

# AFL++ runs dotnet, which it did not compile: skip its binary check. The host's core_pattern and
# CPU governor are not ours to change. dotnet takes seconds to start, hence the fork server timeout.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
  AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_QUIET=1
# AFL++ ends each target's dotnet with a signal, which left the runtime's diagnostic pipes and socket in /tmp: the
# targets run without them (no debugger or tracing attaches to a fuzz target).
export DOTNET_EnableDiagnostics=0

dotnet=$(command -v dotnet)
status=0
total_execs=0
total_crashes=0
for target in "${targets[@]}"; do
  out=$work/out/$target
  rm -rf "$out"
  mkdir -p "$work/out"
  # A fixed random seed (PXEKIT_FUZZ_SEED to change it): the smoke run in the test suite mutates the same way each
  # time, so a crash it reports is one it can report again, not a roll of the dice; longer runs can vary the seed.
  timeout --kill-after=10 $((seconds + 90)) afl-fuzz -s "${PXEKIT_FUZZ_SEED:-20261125}" -i "$work/seeds/$target" -o "$out" -V "$seconds" -t 5000 -m none \
    -- "$dotnet" "$app/PxeKit.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1
  stats=$out/default/fuzzer_stats
  if [[ ! -f $stats ]]; then
    echo "fuzz: $target: AFL++ did not start (see $work/afl-$target.log):" >&2
    tail -n 15 "$work/afl-$target.log" >&2
    status=1
    continue
  fi
  execs=$(awk -F: '/^execs_done/ { gsub(/ /, "", $2); print $2 }' "$stats")
  crashes=$(awk -F: '/^(saved_crashes|unique_crashes)/ { gsub(/ /, "", $2); print $2 }' "$stats")
  paths=$(awk -F: '/^corpus_count|^paths_total/ { gsub(/ /, "", $2); print $2 }' "$stats" | head -n1)
  echo "fuzz: $target: $execs executions in ${seconds} s, $paths inputs in the corpus, $crashes crashes"
  total_execs=$((total_execs + execs))
  total_crashes=$((total_crashes + crashes))
  if ((execs == 0)); then status=1; fi
  if ((crashes > 0)); then
    status=1
    mkdir -p "$work/crashes/$target"
    cp "$out"/default/crashes/id:* "$work/crashes/$target/" 2>/dev/null
    dotnet "$work/plain/PxeKit.Fuzz.dll" replay "$target" "$work/crashes/$target"/id:* | head -n 40
  fi
done
echo "fuzz: total: $total_execs executions, $total_crashes crashes (inputs and logs under $work)"
exit $status
