#!/usr/bin/env bash
# pxekit's Native AOT binary beside its JIT build, in one run:
#   start-up to the first TFTP answer and idle RSS, measured as scripts/bench.sh does (start `serve`, poll
#   `curl tftp://` every 20 ms, VmRSS right after), REPS times each, alternating, with 0.2 s curl attempts as
#   bench.sh and again with 0.02 s attempts; the binary's size; the publish time; and a
#   check that the AOT `serve` works: a DHCP lease to busybox udhcpc, a TFTP and an HTTP download (sha256
#   compared), the lease in SQLite, the JSON journal, the capture, a YAML config file and its errors, and
#   `pxekit trace --read` of the client's side of it all.
#   sudo scripts/bench/aot.sh [--reps N] [--binary PATH]   (without --binary: scripts/publish-aot.sh first)
# Namespaces pxa-aot-s and pxa-aot-c (veth 10.74.0.1/16 - 10.74.0.2/16), removed at the end.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$here"
REPS=5 PXEKIT_AOT=
while (($#)); do
  case $1 in
    --reps) REPS=$2; shift ;;
    --binary) PXEKIT_AOT=$(realpath "$2"); shift ;;
    *) echo "usage: scripts/bench/aot.sh [--reps N] [--binary PATH]" >&2; exit 2 ;;
  esac
  shift
done
if [[ $EUID -ne 0 ]]; then
  echo "aot: the servers run in network namespaces and bind privileged ports: run with sudo." >&2
  exit 2
fi
for tool in busybox curl sha256sum; do
  command -v "$tool" >/dev/null || { echo "aot: $tool is missing (scripts/install-deps.sh --tests)" >&2; exit 1; }
done

SNS=pxa-aot-s CNS=pxa-aot-c SNIC=pxaas CNIC=pxaac SADDR=10.74.0.1 CADDR=10.74.0.2
OUT=${OUT:-/tmp/pxekit-aot-bench}
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

publish_seconds=-
if [[ -z $PXEKIT_AOT ]]; then
  started=$SECONDS
  PXEKIT_AOT=$("$here/scripts/publish-aot.sh") || { echo "aot: the AOT publish failed" >&2; exit 1; }
  publish_seconds=$((SECONDS - started))
fi
dotnet build src/PxeKit.Cli -c Release --nologo -v quiet >/dev/null || { echo "aot: the JIT build failed" >&2; exit 1; }

mkdir -p "$OUT/logs" "$ROOT"
[[ -s $ROOT/f1m ]] || head -c $((1 << 20)) /dev/urandom >"$ROOT/f1m"
printf x >"$ROOT/f1b"
chmod -R a+rX "$ROOT"

namespaces_up

# --- start-up and idle RSS -------------------------------------------------------------------------------
# Twice: with bench.sh's 0.2 s curl attempts (its method: a start faster than one attempt reads as about one
# attempt), and with 0.02 s attempts, which resolve it.
samples=$OUT/startup.tsv
: >"$samples"
# One start of each first, not counted, so neither is measured with a cold page cache.
for server in pxekit pxekit-aot; do start_server "$server" tftp "$SADDR" "$SNIC" && stop_server; done
for poll in 0.2 0.02; do
  for ((rep = 1; rep <= REPS; rep++)); do
    for server in pxekit pxekit-aot; do
      TFTP_POLL_TIMEOUT=$poll start_server "$server" tftp "$SADDR" "$SNIC" || continue
      printf '%s\t%s\t%s\t%s\n' "$server" "$poll" "$STARTUP_MS" "$(server_rss_kb)" >>"$samples"
      stop_server
    done
  done
done

stats() { # server poll column (poll - for any): median min max n
  awk -F'\t' -v s="$1" -v p="$2" -v c="$3" '$1 == s && (p == "-" || $2 == p) { print $c }' "$samples" | sort -n |
    awk '{ v[NR] = $1 } END { if (!NR) { print "- - - 0"; exit } m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR], NR }'
}
echo
echo "| build | start-up to first TFTP answer, ms, 0.2 s attempts (bench.sh): median (min-max, n) | the same, 0.02 s attempts | idle RSS MB: median (min-max) | size |"
echo "|---|---|---|---|---|"
for server in pxekit pxekit-aot; do
  read -r sm smin smax n < <(stats "$server" 0.2 3)
  read -r fm fmin fmax fn < <(stats "$server" 0.02 3)
  read -r rm rmin rmax _ < <(stats "$server" - 4)
  if [[ $server == pxekit ]]; then
    name="JIT (dotnet pxekit.dll)"
    size="$(du -ch "$(dirname "$PXEKIT_DLL")"/*.dll | tail -1 | cut -f1) of assemblies + the shared runtime"
  else
    name="Native AOT"
    size="$(du -h "$PXEKIT_AOT" | cut -f1) + $(du -h "$(dirname "$PXEKIT_AOT")/libe_sqlite3.so" | cut -f1) libe_sqlite3.so"
  fi
  echo "| $name | $sm ($smin-$smax, $n) | $fm ($fmin-$fmax, $fn) | $(awk -v m="$rm" -v a="$rmin" -v b="$rmax" 'BEGIN { printf "%.1f (%.1f-%.1f)", m / 1024, a / 1024, b / 1024 }') | $size |"
done
echo "publish: ${publish_seconds} s; raw samples: $samples"

# --- the AOT serve at work ---------------------------------------------------------------------------------
failures=0
check() { # description command...
  local what=$1; shift
  if "$@" >>"$OUT/logs/check.log" 2>&1; then echo "ok    $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}
echo
config=$OUT/pxekit.yaml
rm -f "$OUT"/aot-leases.db* "$OUT/events.jsonl"
cat >"$config" <<YAML
interface: $SNIC
root: $ROOT
lease-db: $OUT/aot-leases.db
dhcp:
  range: 10.74.1.10-10.74.1.20
  lease-time: 30m
http:
  port: 8080
profiles:
  - name: everyone
    boot: f1m
YAML
ip netns exec "$SNS" "$PXEKIT_AOT" serve --user root --config "$config" --events "$OUT/events.jsonl" >"$OUT/logs/check-serve.log" 2>&1 &
SERVER_PID=$!
check "serve --config starts and answers TFTP" wait_first_answer tftp "$SADDR"
# The client side on the wire, for `pxekit trace --read` below.
ip netns exec "$CNS" tcpdump -i "$CNIC" -w "$OUT/check.pcap" -U udp >/dev/null 2>&1 &
tcpdump_pid=$!
sleep 1
check "DHCP: busybox udhcpc gets a lease from the range" \
  bash -c "ip netns exec $CNS timeout 30 busybox udhcpc -i $CNIC -f -q -n -t 5 -T 2 -s /bin/true 2>&1 | tee /dev/stderr | grep -q 'lease of 10.74.1.1[0-9]'"
want=$(sha256sum <"$ROOT/f1m")
check "TFTP: curl downloads f1m, same sha256" \
  bash -c "[[ \$(ip netns exec $CNS curl -s --max-time 20 tftp://$SADDR/f1m | sha256sum) == '$want' ]]"
check "HTTP: curl downloads f1m from port 8080, same sha256" \
  bash -c "[[ \$(ip netns exec $CNS curl -sf --max-time 20 http://$SADDR:8080/f1m | sha256sum) == '$want' ]]"
check "SQLite: the lease is in the database (pxekit leases list, AOT)" \
  bash -c "'$PXEKIT_AOT' leases list --db '$OUT/aot-leases.db' | grep -q '10.74.1.1[0-9]'"
check "journal: JSON lines with DhcpAck, TftpComplete and HttpComplete" \
  bash -c "grep -q '\"step\":\"DhcpAck\"' '$OUT/events.jsonl' && grep -q '\"step\":\"TftpComplete\"' '$OUT/events.jsonl' && grep -q '\"step\":\"HttpComplete\"' '$OUT/events.jsonl'"
check "capture (libpcap): the journal has WireDhcp events" grep -q '"step":"WireDhcp"' "$OUT/events.jsonl"
stop_server
kill "$tcpdump_pid" 2>/dev/null
wait "$tcpdump_pid" 2>/dev/null
check "trace --read: the capture's boot timeline names the lease" \
  bash -c "'$PXEKIT_AOT' trace --read '$OUT/check.pcap' | tee /dev/stderr | grep -q '10.74.1.1[0-9]'"
check "trace --read: the AOT binary tells the capture exactly as the JIT build does" \
  bash -c "diff <('$PXEKIT_AOT' trace --read '$OUT/check.pcap' 2>&1) <(dotnet '$PXEKIT_DLL' trace --read '$OUT/check.pcap' 2>&1)"
printf 'interface: lo\nroot: /tmp\ndhcp:\n  rnage: 1.2.3.4-1.2.3.5\n' >"$OUT/bad.yaml"
check "config: an unknown key is named with its line, exit 2" \
  bash -c "out=\$('$PXEKIT_AOT' serve --config '$OUT/bad.yaml' 2>&1); [[ \$? == 2 && \$out == *'line 4, column 3: unknown key '\\''rnage'\\'''* ]]"
echo "checks: $failures failed; log: $OUT/logs/check.log"
((failures == 0))
