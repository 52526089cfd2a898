# Starting and stopping the servers under test; sourced by scripts/bench.sh.
# Each server runs in the server namespace ($SNS), serves $ROOT, and is stopped by its PID.
# Globals set here: SERVER_PID (and SERVER2_PID, the second server of pxekit-pg2), STARTUP_MS.

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
      ip netns exec "$SNS" ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} dotnet "$PXEKIT_DLL" serve --user root --config "$OUT/pxekit-tftp.yaml" --interface "$nic" --root "$ROOT" --no-dhcp --no-capture --http-port 0 >"$log" 2>&1 &
      ;;
    pxekit-aot/tftp)
      # The Native AOT binary of scripts/publish-aot.sh (scripts/bench/aot.sh and scripts/release.sh set PXEKIT_AOT);
      # PXEKIT_AOT_RUNNER, an array, runs it through an emulator (release.sh: qemu-aarch64-static -L ROOT). --user root:
      # a change of user re-executes /proc/self/exe, which under qemu-user is qemu, not pxekit.
      ip netns exec "$SNS" ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} ${PXEKIT_AOT_RUNNER[@]+"${PXEKIT_AOT_RUNNER[@]}"} "$PXEKIT_AOT" serve --user root --config "$OUT/pxekit-tftp.yaml" --interface "$nic" --root "$ROOT" --no-dhcp --no-capture --http-port 0 >"$log" 2>&1 &
      ;;
    pxekit/dhcp | pxekit-aot/dhcp | pxekit/storm | pxekit-pg/dhcp | pxekit-pg2/dhcp | pxekit-pg2/storm)
      # pxekit-aot: the Native AOT binary (as above), the build the Debian package ships.
      # PXEKIT_LEASE_DB=:memory: measures DHCP without the durable (fsync per ACK) lease store.
      # PXEKIT_RATE_LIMIT=0 turns the per-client limit off, for perfdhcp runs over few clients (Kea has none).
      # PXEKIT_CAPTURE=1 serves with the capture on, as serve runs by default (it watches the interface beside its socket
      # to name a firewall that drops requests): every request is then seen twice by the diagnosis.
      # pxekit-pg: the leases in the run's PostgreSQL (scripts/bench/postgres.sh), a database of its own; pxekit-pg2: two
      # servers on that one database, the second in $SNS2 on the same segment (segment_up), both answering every client.
      local leases=${PXEKIT_LEASE_DB:-$OUT/pxekit-leases.db} capture=--no-capture
      [[ ${PXEKIT_CAPTURE:-0} == 1 ]] && capture=
      rm -f "$OUT/pxekit-leases.db"*
      if [[ $name == pxekit-pg* ]]; then
        pg_database "${name//-/_}" || return 1
        leases=postgresql://$PG_USER@$SADDR:$PG_PORT/${name//-/_}
      fi
      printf 'dhcp:\n  rate-limit: %s\n' "${PXEKIT_RATE_LIMIT:-5}" >"$OUT/pxekit.yaml"
      # The storm is also where the management API's latency is measured (run_storm's probe).
      # The storm's simulated machines all send from the load generator's one address, where 500 real machines would
      # have 500: the per-address caps (TFTP 16, HTTP 32 by default, against one host hogging the server) are raised to
      # their number, as a site whose machines boot through NAT would.
      # The caps per address cannot pass the whole caps (TFTP 500 transfers, HTTP 512 connections at once, the defaults
      # kept): past them a TFTP request waits unanswered and the machine asks again, as firmware does.
      [[ $mode == storm ]] && printf 'management:\n  port: %s\ntftp:\n  max-transfers-per-client: %s\nhttp:\n  max-connections-per-address: %s\n' \
        "$API_PORT" "$((STORM_CLIENTS < 500 ? STORM_CLIENTS : 500))" "$((STORM_CLIENTS < 512 ? STORM_CLIENTS : 512))" >>"$OUT/pxekit.yaml"
      local http_port=0 pxekit=(dotnet "$PXEKIT_DLL")
      [[ $mode == storm ]] && http_port=8080
      [[ $name == pxekit-aot ]] && pxekit=(${PXEKIT_AOT_RUNNER[@]+"${PXEKIT_AOT_RUNNER[@]}"} "$PXEKIT_AOT")
      if [[ $name == pxekit-pg2 ]]; then
        # The second server first, so that the first answering (the probe below) means both have started.
        ip netns exec "$SNS2" dotnet "$PXEKIT_DLL" serve --user root --config "$OUT/pxekit.yaml" --interface "$SNIC2" --root "$ROOT" \
          $capture --http-port "$http_port" --bootfile f1m --dhcp-range "$DHCP_FIRST-$DHCP_LAST" --lease-db "$leases" >"$log.second" 2>&1 &
        SERVER2_PID=$!
        wait_first_answer_of "$SERVER2_PID" || { echo "bench: the second $name did not answer; log: $log.second" >&2; stop_server; return 1; }
      fi
      ip netns exec "$SNS" "${pxekit[@]}" serve --user root --config "$OUT/pxekit.yaml" --interface "$nic" --root "$ROOT" $capture \
        --http-port "$http_port" --bootfile f1m --dhcp-range "$DHCP_FIRST-$DHCP_LAST" --lease-db "$leases" >"$log" 2>&1 &
      mode=dhcp
      ;;
    tftpd-hpa/tftp)
      ip netns exec "$SNS" ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} in.tftpd -L -s -a "$address:69" -u root -B 65464 "$ROOT" >"$log" 2>&1 &
      ;;
    atftpd/tftp)
      ip netns exec "$SNS" ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} "$atftpd_bin" --daemon --no-fork --user root --group root --logfile /dev/null \
        --bind-address "$address" --port 69 --maxthread 1000 "$ROOT" >"$log" 2>&1 &
      ;;
    dnsmasq/tftp)
      ip netns exec "$SNS" ${SERVER_PIN[@]+"${SERVER_PIN[@]}"} dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$nic" --bind-interfaces \
        --enable-tftp --tftp-root="$ROOT" --tftp-max=1000 --pid-file= --log-facility=- >"$log" 2>&1 &
      ;;
    dnsmasq/dhcp)
      rm -f "$OUT/dnsmasq.leases"
      ip netns exec "$SNS" dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root --interface="$nic" --bind-interfaces \
        --dhcp-range="$DHCP_FIRST,$DHCP_LAST,255.255.0.0,1h" --dhcp-lease-max=100000 --no-ping --dhcp-boot=f1m \
        --dhcp-leasefile="$OUT/dnsmasq.leases" --pid-file= --log-facility=- >"$log" 2>&1 &
      ;;
    kea/dhcp | kea-mt/dhcp | kea-pg/dhcp | kea-mt-pg/dhcp)
      # kea: single-threaded, Kea's default. kea-mt: multi-threaded as Kea's guide advises for load (a thread per core, its
      # default queue of 64 packets a thread), the configuration its users would choose for this load.
      # kea-pg, kea-mt-pg: the same with the leases in the run's PostgreSQL (its pgsql backend, Debian's kea-dhcp4 links
      # libpq), in a database of its own whose schema kea-admin creates.
      local threading='"multi-threading": { "enable-multi-threading": false },'
      [[ $name == kea-mt* ]] && threading='"multi-threading": { "enable-multi-threading": true, "thread-pool-size": 0, "packet-queue-size": 64 },'
      local leases="\"lease-database\": { \"type\": \"memfile\", \"persist\": true, \"name\": \"$OUT/$name-leases.csv\", \"lfc-interval\": 0 },"
      if [[ $name == *-pg ]]; then
        local database=${name//-/_}
        pg_database "$database" || return 1
        ip netns exec "$SNS" kea-admin db-init pgsql -h "$PG_DIR" -P "$PG_PORT" -u "$PG_USER" -n "$database" >"$log.db-init" 2>&1 ||
          { echo "bench: kea-admin db-init pgsql failed; log: $log.db-init" >&2; return 1; }
        leases="\"lease-database\": { \"type\": \"postgresql\", \"name\": \"$database\", \"host\": \"$SADDR\", \"port\": $PG_PORT, \"user\": \"$PG_USER\" },"
      fi
      rm -f "$OUT/$name-leases.csv"*
      cat >"$OUT/$name.json" <<JSON
{ "Dhcp4": {
    "interfaces-config": { "interfaces": [ "$nic" ], "dhcp-socket-type": "raw" },
    $leases
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
  cpu_group_join "$SERVER_PID"
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
    pxekit*) [[ $mode == tftp ]] && config=$OUT/pxekit-tftp.yaml || config=$OUT/pxekit.yaml ;;
    kea*) config=$OUT/$name.json ;;
  esac
  {
    tr '\0' ' ' <"/proc/$(server_main_pid)/cmdline" 2>/dev/null || echo "(exited before its command line was read)"
    echo
    [[ -n $config && -s $config ]] && cat "$config"
  } >"$file"
}

# Polls until the server answers: a TFTP read of the 1-byte file, or for DHCP an OFFER to perfdhcp.
wait_first_answer() { wait_first_answer_of "$SERVER_PID" "$@"; }

# wait_first_answer_of PID [MODE ADDRESS]: as wait_first_answer, for the server of that PID (DHCP by default).
wait_first_answer_of() {
  local pid=$1 mode=${2:-dhcp} address=${3:-} deadline=$((SECONDS + 20)) probe
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ $mode == tftp ]]; then
      # A read sent before the server listens gets no answer: curl waits out its whole attempt. bench.sh
      # gives each 0.2 s; scripts/bench/aot.sh also measures with TFTP_POLL_TIMEOUT=0.02, to resolve faster starts.
      ip netns exec "$CNS" curl -s --max-time "${TFTP_POLL_TIMEOUT:-0.2}" -o /dev/null "tftp://$address/f1b" && return 0
    else
      # perfdhcp -n 1 gives up before a slow first answer: send at a low rate for a second instead.
      # Its output is read whole: `perfdhcp | grep -q` under pipefail fails whenever grep's early exit
      # hits perfdhcp with SIGPIPE, which made a server that answered look silent on a busy machine.
      probe=$(ip netns exec "$CNS" timeout 5 perfdhcp -4 -l "${DHCP_CLIENT_NIC:-$CNIC}" -r 20 -R 1 -p 1 2>&1)
      grep -q '^received packets: [1-9]' <<<"$probe" && return 0
    fi
    sleep 0.02
  done
  return 1
}

stop_server() {
  local pid
  for pid in ${SERVER_PID:-} ${SERVER2_PID:-}; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  SERVER_PID= SERVER2_PID=
  cpu_group_leave
}

# The server's own cgroup (v2), where the host lets one be made: its CPU time then counts every thread and every child
# it forks, to the microsecond. /proc counts in ticks of 10 ms, coarser than a row of lock-step downloads at blksize
# 65464 costs, and never sees the children of tftpd-hpa, which forks one per transfer with SIGCHLD ignored.
CPU_GROUP=
cpu_group_join() { # PID
  local base group
  for base in /sys/fs/cgroup /sys/fs/cgroup/unified; do
    [[ -f $base/cgroup.controllers ]] || continue
    group=$base/pxb-bench-$$
    if mkdir -p "$group" 2>/dev/null && echo "$1" >"$group/cgroup.procs" 2>/dev/null; then
      CPU_GROUP=$group
      return 0
    fi
    rmdir "$group" 2>/dev/null
  done
  return 0 # /proc's counters then
}

# Removes the group once its processes are gone. A child the server forked may outlive it by a moment (tftpd-hpa's
# end their transfer); one still there after a second is ended by its PID, as the group lists it: it is the run's own.
cpu_group_leave() {
  [[ -n $CPU_GROUP ]] || return 0
  local i pid
  for ((i = 0; i < 100; i++)); do
    rmdir "$CPU_GROUP" 2>/dev/null && break
    if ((i == 20)); then
      while read -r pid; do kill "$pid" 2>/dev/null; done <"$CPU_GROUP/cgroup.procs"
    fi
    sleep 0.05
  done
  CPU_GROUP=
}

# CPU microseconds (user + system) of the server: from its cgroup, else from /proc with the children it has reaped;
# "n/a" for tftpd-hpa without a cgroup; "exited" once the server has died (atftpd does under 500 clients), which the
# report counts as a failed measurement.
server_cpu_us() {
  local pid
  pid=$(server_main_pid)
  [[ -r /proc/$pid/stat ]] || { echo exited; return; }
  if [[ -n $CPU_GROUP ]]; then
    awk '$1 == "usage_usec" { print $2 }' "$CPU_GROUP/cpu.stat"
  elif [[ $(cat "/proc/$pid/comm" 2>/dev/null) == in.tftpd ]]; then
    echo n/a
  else
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", ($14 + $15 + $16 + $17) * 1e6 / hz }' "/proc/$pid/stat"
  fi
}

# The same in seconds.
server_cpu_seconds() {
  local us
  us=$(server_cpu_us)
  [[ $us =~ ^[0-9]+$ ]] && awk -v u="$us" 'BEGIN { printf "%.2f", u / 1e6 }' || echo "$us"
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
