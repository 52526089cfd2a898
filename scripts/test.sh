#!/usr/bin/env bash
# Runs every PxeKit test: installs what the tests need, builds once, then runs the test projects
# one after the other (the end-to-end boots each take a core; running them side by side starves them).
# With --unit: no root, nothing installed, host tests skipped with their reason.
# Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$here"

# --unit: the unit run, as any user, in a checkout you own: nothing installed, and every test that needs root or a
# program this host lacks is skipped with the reason (in CI, with CI set, nothing is skipped: such a test fails).
unit=0
if [[ ${1:-} == --unit ]]; then
  unit=1
elif [[ -n ${1:-} ]]; then
  echo "usage: scripts/test.sh [--unit]" >&2
  exit 2
fi

if [[ $unit -eq 0 && $EUID -ne 0 ]]; then
  echo "test: the integration and end-to-end tests create network namespaces and need root: run with sudo, or run scripts/test.sh --unit for the unit tests alone." >&2
  exit 2
fi

if [[ $unit -eq 0 ]]; then
  ./scripts/install-deps.sh --tests || exit 1
else
  export PXEKIT_UNIT=1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

started=$(date +%s)
if ! dotnet build PxeKit.slnx -c Release --nologo -v quiet; then
  echo "test: the build failed." >&2
  exit 1
fi

# The runtime of every process the tests start makes a socket and two pipes in /tmp for diagnostics tools, and leaves
# them there when the test kills it (SIGKILL, as a crash): a few thousand files a run. Turned off for the run; the test
# of serve's own clean-up turns them on for its server.
export DOTNET_EnableDiagnostics_IPC=0 DOTNET_EnableDiagnostics_Debugger=0

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 \
    | tee "$results/$name.log" | grep --line-buffered -E '^\s+(Passed|Failed|Skipped) |^\s+(Total tests|Passed|Failed|Skipped):|error'
  [[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
done

read -r passed failed skipped < <(cat "$results"/*.log | awk '
  /^ +Passed: +[0-9]+$/  { p += $2 }
  /^ +Failed: +[0-9]+$/  { f += $2 }
  /^ +Skipped: +[0-9]+$/ { s += $2 }
  END { printf "%d %d %d\n", p, f, s }')
if [[ $status -ne 0 ]]; then
  echo "== failures"
  grep -h -A 25 -E '^\s+Failed [A-Za-z]' "$results"/*.log
fi
echo "test: $(( $(date +%s) - started )) s"
[[ $passed -gt 0 ]] || { echo "test: no test ran." >&2; status=1; }
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
