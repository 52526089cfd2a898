# Starting and stopping the servers under test; sourced by scripts/bench.sh.
# Each server runs in the server namespace ($SNS), serves $ROOT, and is stopped by its PID.
# Globals set here: SERVER_PID, STARTUP_MS.

# Unpacked by scripts/install-deps.sh (atftpd conflicts with tftpd-hpa as a package).
atftpd_bin=/var/cache/pxekit/atftpd/usr/sbin/atftpd

# start_server NAME MODE ADDRESS INTERFACE; MODE is tftp or dhcp.
start_server() {
  local name=$1 mode=$2 address=$3 nic=$4 log=$OUT/logs/$1-$2-$RANDOM.log
  local started
  started=$(date +%s%N)
  # The TFTP load generator's clients all come from one address, where the machines they stand for would have one
  # each: PxeKit's per-address cap (16 transfers by default, against one host hogging the server) is raised to the
  # server's whole cap (500, the most clients a run has), or its "at once" rows would run 16 at a time. The anchors have
  # no such cap.
  printf 'tftp:\n  max-transfers-per-client: 500\n' >"$OUT/pxekit-tftp.yaml"
  case $name/$mode in
    pxekit/tftp)
      ip netns exec "$SNS" dotnet "$PXEKIT_DLL" serve --user root --config "$OUT/pxekit-tftp.yaml" --interface "$nic" --root "$ROOT" --no-dhcp --no-capture --http-port 0 >"$log" 2>&1 &
      ;;
    pxekit-aot/tftp)
      # The Native AOT binary of scripts/publish-aot.sh (scripts/bench/aot.sh and scripts/release.sh set PXEKIT_AOT);
      # PXEKIT_AOT_RUNNER, an array, runs it through an emulator (release.sh: qemu-aarch64-static -L ROOT). --user root:
      # a change of user re-executes /proc/self/exe, which under qemu-user is qemu, not pxekit.
      ip netns exec "$SNS" ${PXEKIT_AOT_RUNNER[@]+"${PXEKIT_AOT_RUNNER[@]}"} "$PXEKIT_AOT" serve --user root --config "$OUT/pxekit-tftp.yaml" --interface "$nic" --root "$ROOT" --no-dhcp --no-capture --http-port 0 >"$log" 2>&1 &
      ;;
    pxekit/dhcp | pxekit/storm)
      # PXEKIT_LEASE_DB=:memory: measures DHCP without the durable (fsync per ACK) lease store.
      # PXEKIT_RATE_LIMIT=0 turns the per-client limit off, for perfdhcp runs over few clients (Kea has none).
      rm -f "$OUT/pxekit-leases.db"*
      printf 'dhcp:\n  rate-limit: %s\n' "${PXEKIT_RATE_LIMIT:-5}" >"$OUT/pxekit.yaml"
      # The storm is also where the management API's latency is measured (run_storm's probe).
      # The storm's simulated machines all send from the load generator's one address, where 500 real machines would
      # have 500: the per-address caps (TFTP 16, HTTP 32 by default, against one host hogging the server) are raised to
      # their number, as a site whose machines boot through NAT would.
      [[ $mode == storm ]] && printf 'management:\n  port: %s\ntftp:\n  max-transfers-per-client: %s\nhttp:\n  max-connections-per-address: %s\n' \
        "$API_PORT" "$STORM_CLIENTS" "$STORM_CLIENTS" >>"$OUT/pxekit.yaml"
      ip netns exec "$SNS" dotnet "$PXEKIT_DLL" serve --user root --config "$OUT/pxekit.yaml" --interface "$nic" --root "$ROOT" --no-capture \
        --http-port "$([[ $mode == storm ]] && echo 8080 || echo 0)" \
        --bootfile f1m --dhcp-range "$DHCP_FIRST-$DHCP_LAST" --lease-db "${PXEKIT_LEASE_DB:-$OUT/pxekit-leases.db}" >"$log" 2>&1 &
      mode=dhcp
      ;;
    tftpd-hpa/tftp)
      ip netns exec "$SNS" in.tftpd -L -s -a "$address:69" -u root -B 65464 "$ROOT" >"$log" 2>&1 &
      ;;
    atftpd/tftp)
      ip netns exec "$SNS" "$atftpd_bin" --daemon --no-fork --user root --group root --logfile /dev/null \
        --bind-address "$address" --port 69 --maxthread 1000 "$ROOT" >"$log" 2>&1 &
      ;;
    dnsmasq/tftp)
      ip netns exec "$SNS" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$nic" --bind-interfaces \
        --enable-tftp --tftp-root="$ROOT" --tftp-max=1000 --pid-file= --log-facility=- >"$log" 2>&1 &
      ;;
    dnsmasq/dhcp)
      rm -f "$OUT/dnsmasq.leases"
      ip netns exec "$SNS" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$nic" --bind-interfaces \
        --dhcp-range="$DHCP_FIRST,$DHCP_LAST,255.255.0.0,1h" --dhcp-lease-max=100000 --no-ping --dhcp-boot=f1m \
        --dhcp-leasefile="$OUT/dnsmasq.leases" --pid-file= --log-facility=- >"$log" 2>&1 &
      ;;
    kea/dhcp | kea-mt/dhcp)
      # kea: single-threaded, Kea's default. kea-mt: multi-threaded as Kea's guide advises for load (a thread per core, its
      # default queue of 64 packets a thread), the configuration its users would choose for this load.
      local threading='"multi-threading": { "enable-multi-threading": false },'
      [[ $name == kea-mt ]] && threading='"multi-threading": { "enable-multi-threading": true, "thread-pool-size": 0, "packet-queue-size": 64 },'
      rm -f "$OUT/$name-leases.csv"*
      cat >"$OUT/$name.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "$nic" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true, "name": "$OUT/$name-leases.csv", "lfc-interval": 0 },
    $threading
    "valid-lifetime": 3600,
    "subnet4": [ { "id": 1, "subnet": "$DHCP_SUBNET", "pools": [ { "pool": "$DHCP_FIRST - $DHCP_LAST" } ], "boot-file-name": "f1m" } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ]
} }
JSON
      mkdir -p /run/kea
      ip netns exec "$SNS" env KEA_PIDFILE_DIR="$OUT" KEA_LOCKFILE_DIR="$OUT" kea-dhcp4 -c "$OUT/$name.json" >"$log" 2>&1 &
      ;;
    *) echo "bench: no way to start $name for $mode" >&2; return 1 ;;
  esac
  SERVER_PID=$!
  wait_first_answer "$mode" "$address" || { echo "bench: $name did not answer ($mode); log: $log" >&2; stop_server; return 1; }
  record_settings "$name" "$mode"
  STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

# record_settings NAME MODE: keeps the command line the server runs with, and its configuration file, for the report's
# last section ("How each server ran"): a row means something only with the settings behind it.
record_settings() {
  local name=$1 mode=$2 file=$OUT/settings/$1-$2.txt config=
  mkdir -p "$OUT/settings"
  [[ -s $file ]] && return 0
  case $name in
    pxekit | pxekit-aot) [[ $mode == tftp ]] && config=$OUT/pxekit-tftp.yaml || config=$OUT/pxekit.yaml ;;
    kea | kea-mt) config=$OUT/$name.json ;;
  esac
  {
    tr '\0' ' ' <"/proc/$(server_main_pid)/cmdline" 2>/dev/null || echo "(exited before its command line was read)"
    echo
    [[ -n $config && -s $config ]] && cat "$config"
  } >"$file"
}

# Polls until the server answers: a TFTP read of the 1-byte file, or for DHCP an OFFER to perfdhcp.
wait_first_answer() {
  local mode=$1 address=$2 deadline=$((SECONDS + 20)) probe
  while ((SECONDS < deadline)); do
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    if [[ $mode == tftp ]]; then
      # A read sent before the server listens gets no answer: curl waits out its whole attempt. bench.sh
      # gives each 0.2 s; scripts/bench/aot.sh also measures with TFTP_POLL_TIMEOUT=0.02, to resolve faster starts.
      ip netns exec "$CNS" curl -s --max-time "${TFTP_POLL_TIMEOUT:-0.2}" -o /dev/null "tftp://$address/f1b" && return 0
    else
      # perfdhcp -n 1 gives up before a slow first answer: send at a low rate for a second instead.
      # Its output is read whole: `perfdhcp | grep -q` under pipefail fails whenever grep's early exit
      # hits perfdhcp with SIGPIPE, which made a server that answered look silent on a busy machine.
      probe=$(ip netns exec "$CNS" timeout 5 perfdhcp -4 -l "$CNIC" -r 20 -R 1 -p 1 2>&1)
      grep -q '^received packets: [1-9]' <<<"$probe" && return 0
    fi
    sleep 0.02
  done
  return 1
}

stop_server() {
  [[ -n ${SERVER_PID:-} ]] || return 0
  kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=
}

# CPU seconds (user + system, children included) and RSS of the server process; "exited" once the
# server has died (atftpd does under 500 clients), which the report counts as a failed measurement.
server_cpu_seconds() {
  local ticks
  ticks=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$(server_main_pid)/stat" 2>/dev/null) || { echo exited; return; }
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

server_rss_kb() {
  awk -v f="${1:-VmRSS}:" '$1 == f { print $2 }' "/proc/$(server_main_pid)/status" 2>/dev/null || echo exited
}

# `ip netns exec X prog` execs prog in place, so the PID is the server's own.
server_main_pid() { echo "$SERVER_PID"; }

# The server namespace $SNS and the client namespace $CNS, joined by a veth pair ($SNIC with $SADDR/16, $CNIC with
# $CADDR/16); removed with `ip netns del` by the caller's cleanup.
namespaces_up() {
  ip netns add "$SNS"
  ip netns add "$CNS"
  ip -n "$SNS" link set lo up
  ip -n "$CNS" link set lo up
  ip -n "$SNS" link add "$SNIC" type veth peer name "$CNIC" netns "$CNS"
  ip -n "$SNS" addr add "$SADDR/16" dev "$SNIC"
  ip -n "$CNS" addr add "$CADDR/16" dev "$CNIC"
  ip -n "$SNS" link set "$SNIC" up
  ip -n "$CNS" link set "$CNIC" up
}
