#!/usr/bin/env bash
# PxeKit side by side with tftpd-hpa, atftpd, dnsmasq and Kea, on this machine, in one run.
#   sudo scripts/bench.sh            the full set, the Native AOT binary beside the JIT build (50 minutes on 2 cores)
#   sudo scripts/bench.sh --quick    a small subset (a few minutes)
#   sudo scripts/bench.sh --quick --aot    with the Native AOT binary beside the JIT build (the full run always has it)
#   sudo scripts/bench.sh --only storm,dhcp    some of: single, concurrent, dhcp, storm, conformance
#   sudo scripts/bench.sh --only conformance   the RFC and hostility probe against PxeKit, Kea and dnsmasq (a few minutes)
#   BENCH_CONCURRENCY="500" PXEKIT_LEASE_DB=:memory: sudo -E scripts/bench.sh --only concurrent,dhcp
#   BENCH_STORM_CLIENTS=1000 sudo -E scripts/bench.sh --only storm    (the boot storm of 1,000 machines)
#   BENCH_DHCP_RATES="8000 16000 24000" sudo -E scripts/bench.sh --quick --only dhcp
#   BENCH_DHCP_CLIENTS=2000 PXEKIT_RATE_LIMIT=0 BENCH_DHCP_SERVERS="pxekit kea" sudo -E scripts/bench.sh --quick --only dhcp
#   BENCH_DHCP_SERVERS="pxekit-pg pxekit-pg2 kea-pg" sudo -E scripts/bench.sh --quick --only dhcp   (leases in PostgreSQL)
#   BENCH_PIN=1 sudo -E scripts/bench.sh --quick --only single   (single streams: the server on CPU 0, the clients on CPU 1)
# Every server runs in turn in the same pair of namespaces (veth at MTU 1500 and 9000) and, for TFTP,
# on loopback; the same clients run against each; every measurement is repeated and the medians and
# the ratio PxeKit/anchor are printed, with each server's CPU time per block (counted in a cgroup of its own where the
# host allows one). Raw numbers: $OUT/results.tsv. Namespaces: pxb-bench-s/-c.
set -uo pipefail
# The whole run is bounded: each client runs under `timeout`, and the script itself stops after 2 hours.
if [[ -z ${PXB_BENCH_BOUNDED:-} ]]; then
  PXB_BENCH_BOUNDED=1 exec timeout 2h "$0" "$@"
fi
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$here"

QUICK=0 AOT=0 ONLY=,single,concurrent,dhcp,storm,conformance,
OUT=${OUT:-/tmp/pxekit-bench}
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --aot) AOT=1 ;;
    --out) OUT=$2; shift ;;
    --only) ONLY=,$2,; shift ;;
    *) echo "usage: scripts/bench.sh [--quick] [--aot] [--only single,concurrent,dhcp,storm,conformance] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
if [[ $EUID -ne 0 ]]; then
  echo "bench: the servers run in network namespaces and bind privileged ports: run with sudo." >&2
  exit 2
fi

SNS=pxb-bench-s CNS=pxb-bench-c SNIC=pxbbs CNIC=pxbbc
SADDR=10.72.0.1 CADDR=10.72.0.2
DHCP_SUBNET=10.72.0.0/16 DHCP_FIRST=10.72.1.0 DHCP_LAST=10.72.250.255
ROOT=$OUT/root
# BENCH_PXEKIT_DLL measures another build (a clone at another commit) with this script: an A/B of two commits.
PXEKIT_DLL=${BENCH_PXEKIT_DLL:-$here/src/PxeKit.Cli/bin/Release/net10.0/pxekit.dll}
API_PORT=9715
SERVER_PID=
# The CPUs the single-stream rows pin servers and clients to (run_tftp_single); empty elsewhere.
SERVER_PIN=() CLIENT_PIN=()
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source "$here/scripts/bench/servers.sh"
source "$here/scripts/bench/scenarios.sh"
source "$here/scripts/bench/conformance.sh"
source "$here/scripts/bench/postgres.sh"

if ((QUICK)); then
  REPS=3 NETWORKS=(veth1500) SIZES=(8) BLKSIZES=(1468 65464) WINDOWS=(1 16 64) CONCURRENCY=(50 200) CONC_REPS=1
  read -ra DHCP_RATES <<<"${BENCH_DHCP_RATES:-1000 2000 4000 8000 12000 16000}"
  DHCP_SECONDS=5 DHCP_CLIENTS=${BENCH_DHCP_CLIENTS:-20000} STORM_CLIENTS=${BENCH_STORM_CLIENTS:-100}
else
  # 8 MiB only: with 64 MiB as well the TFTP rows alone came to about 2.5 hours on 2 cores, past the run's bound.
  REPS=3 NETWORKS=(veth1500 veth9000 loopback) SIZES=(8) BLKSIZES=(512 1468 8192 65464) WINDOWS=(1 4 16 64) AOT=1
  read -ra CONCURRENCY <<<"${BENCH_CONCURRENCY:-50 200 500}"
  # 500/s steps where the knees of PxeKit and Kea have been (4,000-10,000/s on this 2-core VM), coarse around them.
  read -ra DHCP_RATES <<<"${BENCH_DHCP_RATES:-2000 4000 4500 5000 5500 6000 6500 7000 7500 8000 8500 9000 9500 10000 12000 16000}"
  CONC_REPS=3 DHCP_SECONDS=10 DHCP_CLIENTS=${BENCH_DHCP_CLIENTS:-20000}
  STORM_CLIENTS=${BENCH_STORM_CLIENTS:-500}
fi
TFTP_SERVERS=(pxekit tftpd-hpa atftpd dnsmasq)
# The Native AOT binary serves TFTP and DHCP beside the JIT build, in the same namespaces and with the same clients.
((AOT)) && TFTP_SERVERS=(pxekit pxekit-aot tftpd-hpa atftpd dnsmasq)
read -ra DHCP_SERVERS <<<"${BENCH_DHCP_SERVERS:-pxekit $( ((AOT)) && echo pxekit-aot) kea kea-mt dnsmasq}"
[[ " ${DHCP_SERVERS[*]} " == *" pxekit-aot "* ]] && AOT=1

cleanup() {
  stop_conformance_server
  stop_server
  pg_stop
  restore_rmem_default
  ip netns del "$SNS2" 2>/dev/null
  ip netns del "$SNS" 2>/dev/null
  ip netns del "$CNS" 2>/dev/null
}
trap cleanup EXIT
# Stopped by a signal: leave through EXIT (cleanup once), rather than go on with the run after cleaning up.
trap 'exit 130' INT TERM

"$here/scripts/install-deps.sh" --tests || exit 1
for tool in perfdhcp kea-dhcp4 in.tftpd dnsmasq curl atftp iperf3 jq "$atftpd_bin"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing after install-deps" >&2; exit 1; }
done
dotnet build src/PxeKit.Cli -c Release --nologo -v quiet >/dev/null || { echo "bench: the build failed" >&2; exit 1; }
if ((AOT)) && [[ -z ${PXEKIT_AOT:-} ]]; then
  PXEKIT_AOT=$("$here/scripts/publish-aot.sh" --reuse) || { echo "bench: the AOT publish failed" >&2; exit 1; }
fi

# The CPU-time cgroups of runs that were killed before their cleanup (servers.sh); one in use is not empty and stays.
rmdir /sys/fs/cgroup/pxb-bench-* /sys/fs/cgroup/unified/pxb-bench-* 2>/dev/null
mkdir -p "$OUT/logs" "$ROOT"
[[ -s $ROOT/f64m ]] || head -c $((64 << 20)) /dev/urandom >"$ROOT/f64m"
[[ -s $ROOT/f8m ]] || head -c $((8 << 20)) /dev/urandom >"$ROOT/f8m"
[[ -s $ROOT/f1m ]] || head -c $((1 << 20)) /dev/urandom >"$ROOT/f1m"
[[ -s $ROOT/f10m ]] || head -c $((10 << 20)) /dev/urandom >"$ROOT/f10m"
printf x >"$ROOT/f1b"
chmod -R a+rX "$ROOT"
RESULTS=$OUT/results.tsv
printf 'scenario\tnetwork\tserver\tclient\tsize\tblksize\twindow\trep\tmetric\tvalue\n' >"$RESULTS"
{ echo "started $(date -u +%FT%TZ)"; uname -r; nproc; uptime; } >"$OUT/machine.txt"


for network in "${NETWORKS[@]}"; do
  net_up "$network"
  [[ $ONLY == *,single,* ]] && run_tftp_single "$network"
  if [[ $network == veth1500 ]]; then
    [[ $ONLY == *,concurrent,* ]] && run_tftp_concurrent "$network"
    [[ $ONLY == *,dhcp,* ]] && run_dhcp "$network"
    [[ $ONLY == *,storm,* ]] && run_storm "$network"
    [[ $ONLY == *,conformance,* ]] && run_conformance "$network"
  fi
  net_down
done

echo "finished $(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
"$here/scripts/bench/report.sh" "$RESULTS" | tee "$OUT/report.txt"
