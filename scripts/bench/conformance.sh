# The conformance and hostility suite (pxekit load conformance) against PxeKit, Kea and dnsmasq; sourced by
# scripts/bench.sh. Each server in turn in the server namespace, given the same 100-address pool, one reservation and
# PXE boot options, as its users would configure it; Kea with tftpd-hpa beside it for TFTP. The same probe runs from
# the client namespace, with a second address there to play a relay agent and a host that holds TFTP transfers.
# PxeKit's standard output is a FIFO nobody reads (a stalled terminal); the anchors' log output is read, so their
# stalled-log case is n/a. Writes $OUT/conformance-SERVER.json and the side-by-side table $OUT/conformance.md.

CONF_FIRST=10.72.0.100 CONF_LAST=10.72.0.199 CONF_SECOND=10.72.0.254
CONF_RESERVED_MAC=52:54:00:77:30:01 CONF_RESERVED=10.72.0.60 CONF_FILE=f1m

# start_conformance_server NAME: starts it (and tftpd-hpa for Kea) in $SNS; SERVER_PID is the DHCP server.
start_conformance_server() {
  local name=$1 log=$OUT/logs/conformance-$1.log
  case $name in
    pxekit)
      rm -f "$OUT/conformance-leases.db"*
      printf 'dhcp:\n  range: %s-%s\n  reservations:\n    - mac: %s\n      address: %s\n' \
        "$CONF_FIRST" "$CONF_LAST" "$CONF_RESERVED_MAC" "$CONF_RESERVED" >"$OUT/conformance.yaml"
      # The terminal stalls: standard output is a FIFO this shell holds open and never reads (full after 64 KiB).
      rm -f "$OUT/conformance-stalled.fifo" && mkfifo "$OUT/conformance-stalled.fifo"
      exec {CONF_STALL}<>"$OUT/conformance-stalled.fifo"
      # --user root, as dnsmasq runs here: the lease database lives in the bench's own output directory.
      ip netns exec "$SNS" dotnet "$PXEKIT_DLL" serve --user root --config "$OUT/conformance.yaml" --interface "$SNIC" --root "$ROOT" \
        --bootfile "$CONF_FILE" --lease-db "$OUT/conformance-leases.db" --no-capture --http-port 0 \
        >"$OUT/conformance-stalled.fifo" 2>"$log" {CONF_STALL}>&- &
      ;;
    kea)
      rm -f "$OUT/conformance-kea-leases.csv"*
      cat >"$OUT/conformance-kea.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "$SNIC" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$OUT/conformance-kea-leases.csv", "lfc-interval": 0 },
    "valid-lifetime": 3600,
    "subnet4": [ {
      "id": 1, "subnet": "$DHCP_SUBNET", "pools": [ { "pool": "$CONF_FIRST - $CONF_LAST" } ],
      "next-server": "$SADDR", "boot-file-name": "$CONF_FILE",
      "reservations": [ { "hw-address": "$CONF_RESERVED_MAC", "ip-address": "$CONF_RESERVED" } ]
    } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ]
} }
JSON
      mkdir -p /run/kea
      # Not a job of this shell (disown): stop_conformance_server ends it with whatever else runs in the namespace.
      ip netns exec "$SNS" in.tftpd -L -s -a "$SADDR:69" -u root -B 65464 "$ROOT" >"$OUT/logs/conformance-tftpd-hpa.log" 2>&1 &
      disown
      ip netns exec "$SNS" env KEA_PIDFILE_DIR="$OUT" KEA_LOCKFILE_DIR="$OUT" kea-dhcp4 -c "$OUT/conformance-kea.json" >"$log" 2>&1 &
      ;;
    dnsmasq)
      rm -f "$OUT/conformance-dnsmasq.leases"
      ip netns exec "$SNS" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$SNIC" --bind-interfaces \
        --dhcp-range="$CONF_FIRST,$CONF_LAST,255.255.0.0,1h" --dhcp-host="$CONF_RESERVED_MAC,$CONF_RESERVED" --dhcp-boot="$CONF_FILE" \
        --enable-tftp --tftp-root="$ROOT" --dhcp-leasefile="$OUT/conformance-dnsmasq.leases" --pid-file= --log-facility=- >"$log" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  wait_first_answer dhcp "$SADDR" || { echo "bench: $name did not answer DHCP; log: $log" >&2; return 1; }
}

# Stops the server, then whatever else still runs in the server namespace: tftpd-hpa's children, which hold the
# probe's flooded transfers for up to 255 s each, outlive their parent. PxeKit with its terminal stalled is given
# 10 s after SIGTERM; if it is still running then, that is said, and the FIFO is closed (its writes then fail) so
# it can stop.
stop_conformance_server() {
  local pids i
  if [[ -n ${CONF_STALL:-} ]]; then
    if [[ -n ${SERVER_PID:-} ]]; then
      kill "$SERVER_PID" 2>/dev/null
      for ((i = 0; i < 100; i++)); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$SERVER_PID" 2>/dev/null &&
        echo "conformance pxekit: still running 10 s after SIGTERM with its terminal stalled; closing the terminal" >&2
    fi
    exec {CONF_STALL}>&-
    CONF_STALL=
  fi
  stop_server
  pids=$(ip netns pids "$SNS" 2>/dev/null)
  [[ -n $pids ]] && kill -9 $pids 2>/dev/null
}

run_conformance() {
  local network=$1 server stalled line compare=()
  ip -n "$CNS" addr add "$CONF_SECOND/16" dev "$CNIC"
  for server in pxekit kea dnsmasq; do
    if start_conformance_server "$server"; then
      stalled=() && [[ $server == pxekit ]] && stalled=(--log-stalled)
      line=$(ip netns exec "$CNS" timeout 600 dotnet "$PXEKIT_DLL" load conformance --interface "$CNIC" --server "$SADDR" \
        --range "$CONF_FIRST-$CONF_LAST" --second-address "$CONF_SECOND" --reserved "$CONF_RESERVED_MAC=$CONF_RESERVED" \
        --tftp-file "$CONF_FILE" "${stalled[@]}" --json "$OUT/conformance-$server.json" 2>/dev/null | tee "$OUT/logs/conformance-$server.txt" | grep '^result')
      echo "conformance $server: $line" >&2
      [[ -s $OUT/conformance-$server.json ]] && compare+=("$(conformance_name "$server")=$OUT/conformance-$server.json")
    fi
    stop_conformance_server
  done
  ip -n "$CNS" addr del "$CONF_SECOND/16" dev "$CNIC"
  if ((${#compare[@]})); then
    {
      echo "Conformance and hostility suite, $(date -u +%F), $(kea-dhcp4 -v 2>/dev/null | head -1 | sed 's/^/Kea /'), $(dnsmasq -v | head -1 | cut -d' ' -f1-3):"
      echo
      dotnet "$PXEKIT_DLL" load conformance --compare "${compare[@]}"
    } | tee "$OUT/conformance.md"
  fi
}

conformance_name() {
  case $1 in pxekit) echo PxeKit ;; kea) echo "Kea + tftpd-hpa" ;; *) echo "$1" ;; esac
}
