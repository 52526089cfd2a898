# The scenarios of scripts/bench.sh: networks, TFTP single stream, TFTP concurrent, DHCP. Sourced.

record() { # scenario network server client size blksize window rep metric value
  local IFS=$'\t'
  echo "$*" >>"$RESULTS"
}

# veth1500, veth9000: two namespaces and a veth pair at that MTU; loopback: the server namespace alone.
net_up() {
  ip netns add "$SNS"
  ip -n "$SNS" link set lo up
  if [[ $1 == loopback ]]; then
    CNS=$SNS TADDR=127.0.0.1 TNIC=lo
    return
  fi
  CNS=pxb-bench-c TADDR=$SADDR TNIC=$SNIC
  ip netns add "$CNS"
  ip -n "$CNS" link set lo up
  ip -n "$SNS" link add "$SNIC" mtu "${1#veth}" type veth peer name "$CNIC" mtu "${1#veth}" netns "$CNS"
  ip -n "$SNS" addr add "$SADDR/16" dev "$SNIC"
  ip -n "$CNS" addr add "$CADDR/16" dev "$CNIC"
  ip -n "$SNS" link set "$SNIC" up
  ip -n "$CNS" link set "$CNIC" up
}

net_down() {
  stop_server
  ip netns del "$SNS" 2>/dev/null
  [[ $CNS != "$SNS" ]] && ip netns del "$CNS" 2>/dev/null
  CNS=pxb-bench-c
}

# One download; prints MB/s (10^6 bytes per second) or "fail".
tftp_once() { # client size blksize window
  local client=$1 file=f$2m bytes=$(($2 << 20)) blksize=$3 window=$4 line start end got
  case $client in
    pxekit)
      line=$(ip netns exec "$CNS" timeout 120 ${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"} dotnet "$PXEKIT_DLL" load tftp --server "$TADDR" --file "$file" \
        --blksize "$blksize" --windowsize "$window" --duration-limit 100 | grep '^result')
      [[ $line == *" failures=0 "* ]] && sed -E 's/.* mbps=([0-9.]+) .*/\1/' <<<"$line" || echo fail
      ;;
    curl)
      line=$(ip netns exec "$CNS" timeout 120 ${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"} curl -s -o /dev/null --tftp-blksize "$blksize" -w '%{size_download} %{time_total}' "tftp://$TADDR/$file")
      awk -v want="$bytes" '$1 == want && $2 > 0 { printf "%.1f\n", $1 / 1e6 / $2; ok = 1 } END { if (!ok) print "fail" }' <<<"$line"
      ;;
    atftp)
      local options=(--option "blksize $blksize")
      ((window > 1)) && options+=(--option "windowsize $window")
      rm -f /dev/shm/pxb-bench-dl
      start=$(date +%s%N)
      ip netns exec "$CNS" timeout 120 ${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"} atftp "${options[@]}" -g -r "$file" -l /dev/shm/pxb-bench-dl "$TADDR" >/dev/null 2>&1
      end=$(date +%s%N)
      got=$(stat -c %s /dev/shm/pxb-bench-dl 2>/dev/null || echo 0)
      ((got == bytes)) && awk -v b="$bytes" -v ns=$((end - start)) 'BEGIN { printf "%.1f\n", b / 1e6 / (ns / 1e9) }' || echo fail
      ;;
  esac
}

# What the network carries from one plain UDP sender (iperf3, as fast as it can, datagrams of a 1468-byte block's
# length): the ceiling a windowed TFTP transfer at blksize 1468 is compared with. Records datagrams/s and MB/s.
udp_baseline() {
  local network=$1 rep line receiver packets seconds
  [[ $network == loopback ]] && return
  ip netns exec "$CNS" timeout 120 iperf3 --server --bind "$CADDR" >/dev/null 2>&1 &
  receiver=$!
  for ((rep = 1; rep <= REPS; rep++)); do
    line=
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      line=$(ip netns exec "$SNS" timeout 15 iperf3 --client "$CADDR" --udp --length 1472 --bitrate 0 --time 3 --json 2>/dev/null) && break
      sleep 0.2 # the receiver is not listening yet, or still closing the previous test
    done
    packets=$(jq -r '.end.sum.packets - .end.sum.lost_packets' <<<"$line" 2>/dev/null)
    seconds=$(jq -r '.end.sum.seconds' <<<"$line" 2>/dev/null)
    if [[ $packets =~ ^[0-9]+$ && $seconds =~ ^[0-9.]+$ ]]; then
      echo "udp $network iperf3 #$rep: $packets datagrams in $seconds s" >&2
      record udp "$network" iperf3 iperf3 - 1468 - "$rep" pps "$(awk -v p="$packets" -v s="$seconds" 'BEGIN { printf "%.0f", p / s }')"
      record udp "$network" iperf3 iperf3 - 1468 - "$rep" mbps "$(awk -v p="$packets" -v s="$seconds" 'BEGIN { printf "%.1f", p * 1468 / s / 1e6 }')"
    else
      echo "udp $network iperf3 #$rep: failed" >&2
      record udp "$network" iperf3 iperf3 - 1468 - "$rep" pps fail
    fi
  done
  kill "$receiver" 2>/dev/null
  wait "$receiver" 2>/dev/null
}

# Every server is measured warm: downloads first, not recorded, at each block size and window the rows ask for. The
# JIT build compiles a method again, optimized, once it has run 30 times, so a method that runs once a transfer is
# final only after some 30 transfers: a server still compiled 30 to 240 methods during each of its first twelve
# downloads of 8 MiB, and few after 35 (counted with DOTNET_JitStdOutFile). With one download of warm-up, that compiling
# ran on the server's CPU during the rows it measured. The same for every server: 40 downloads of 1 MiB.
warm_up() {
  local i window
  for ((i = 0; i < 40; i++)); do
    tftp_once curl 1 "${BLKSIZES[i % ${#BLKSIZES[@]}]}" 1 >/dev/null
  done
  for window in "${WINDOWS[@]}"; do
    ((window > 1)) && tftp_once atftp 1 1468 "$window" >/dev/null
  done
}

run_tftp_single() {
  local network=$1 server client size blksize window rep mbps cpu0 cpu1
  udp_baseline "$network"
  # Where the kernel runs a lock-step client and server decides a row more than either does: on the same CPU a block's
  # wake-up is cheap, on two it is a cross-CPU wake-up each way, and which of the two a download gets changes from one
  # download to the next (on this 2-core VM, 600-700 or 1,800-2,400 MB/s at blksize 65464 on loopback, for PxeKit and
  # atftpd alike). BENCH_PIN=1 runs the server on CPU 0 and the clients on CPU 1: one mode only, every server's CPU time
  # per block on the round trip's path. Not the default: it also confines PxeKit's runtime threads (the JIT's, the
  # GC's, timers) to the transfer's one CPU, which a server machine of its own would not.
  if [[ ${BENCH_PIN:-0} == 1 ]] && (($(nproc) >= 2)); then
    SERVER_PIN=(taskset -c 0) CLIENT_PIN=(taskset -c 1)
  fi
  for server in "${TFTP_SERVERS[@]}"; do
    start_server "$server" tftp "$TADDR" "$TNIC" || continue
    record startup "$network" "$server" - - - - 1 startup_ms "$STARTUP_MS"
    record idle "$network" "$server" - - - - 1 idle_rss_kb "$(server_rss_kb)"
    warm_up
    for size in "${SIZES[@]}"; do
      for blksize in "${BLKSIZES[@]}"; do
        for client in pxekit curl atftp; do
          for window in "${WINDOWS[@]}"; do
            # curl has no windowsize; the window sweep runs at blksize 1468 only, to bound the run.
            [[ $client == curl && $window != 1 ]] && continue
            [[ $window != 1 && $blksize != 1468 ]] && continue
            cpu0=$(server_cpu_us)
            for ((rep = 1; rep <= REPS; rep++)); do
              mbps=$(tftp_once "$client" "$size" "$blksize" "$window")
              echo "tftp $network $server $client ${size}MiB blksize=$blksize window=$window #$rep: $mbps" >&2
              record tftp "$network" "$server" "$client" "$size" "$blksize" "$window" "$rep" mbps "$mbps"
            done
            # What the server spent on a block (microseconds), over the row's downloads: its share of the row's time.
            cpu1=$(server_cpu_us)
            record tftp "$network" "$server" "$client" "$size" "$blksize" "$window" 1 cpu_us_per_block \
              "$(awk -v a="$cpu0" -v b="$cpu1" -v blocks=$((REPS * ((size << 20) / blksize + 1))) \
                'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.1f", (b - a) / blocks; else print "n/a" }')"
          done
        done
      done
    done
    stop_server
  done
  SERVER_PIN=() CLIENT_PIN=()
}

run_tftp_concurrent() {
  local network=$1 server clients rep line cpu0 cpu1
  for server in "${TFTP_SERVERS[@]}"; do
    for clients in "${CONCURRENCY[@]}"; do
      for ((rep = 1; rep <= CONC_REPS; rep++)); do
        # A fresh server for each run, so peak RSS belongs to this run alone.
        start_server "$server" tftp "$TADDR" "$TNIC" || continue
        cpu0=$(server_cpu_seconds)
        line=$(ip netns exec "$CNS" timeout 200 dotnet "$PXEKIT_DLL" load tftp --server "$TADDR" --file f8m \
          --blksize 1468 --clients "$clients" --duration-limit 180 | grep '^result')
        sleep 0.5 # let a forking server reap its children, so their CPU time is counted
        cpu1=$(server_cpu_seconds)
        echo "concurrent $network $server $clients #$rep: $line" >&2
        for metric in failures seconds p50 p99; do
          record concurrent "$network" "$server" pxekit 8 1468 1 "$rep" "$clients:$metric" \
            "$(sed -E "s/.* $metric=([0-9.]+).*/\1/" <<<"${line:-x $metric=NaN}")"
        done
        record concurrent "$network" "$server" pxekit 8 1468 1 "$rep" "$clients:cpu_s" \
          "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { if (b ~ /^[0-9.]+$/) printf "%.2f", b - a; else print b }')"
        record concurrent "$network" "$server" pxekit 8 1468 1 "$rep" "$clients:peak_rss_kb" "$(server_rss_kb VmHWM)"
        stop_server
      done
    done
  done
}

# perfdhcp at rising rates; the best rate is the highest whose DORA completed with under 1% lost. perfdhcp waits 0.5 s
# (-W) after its last DISCOVER for the answers still on their way, so an exchange a server answers late (an OFFER held
# for PxeKit's ARP probe of a new address, up to 300 ms) is not counted lost only because the run stopped under it.
run_dhcp() {
  local network=$1 server rate rep output sent acked avg cpu0 cpu1 client0 server0
  DHCP_CLIENT_NIC=$CNIC
  # perfdhcp is thousands of clients in one process on the server's two cores, reading every reply through one socket
  # with the default receive buffer (208 KiB): a burst of replies overflows it and perfdhcp counts them as lost,
  # although they arrived (`RcvbufErrors` in the client namespace's /proc/net/snmp; at 5,500/s 144 datagrams against
  # PxeKit, which sends the ACKs of one fsync at once). Real clients each have their own socket. So perfdhcp's socket
  # gets 4 MiB (perfdhcp_run), and the servers' keep what they had: each server starts first, with the default.
  # Both ends' socket drops are recorded beside each rate.
  if pg_wanted; then
    pg_start || return
    [[ " ${DHCP_SERVERS[*]} " == *" pxekit-pg2 "* ]] && segment_up
  fi
  for server in "${DHCP_SERVERS[@]}"; do
    start_server "$server" dhcp "$SADDR" "$SNIC" || continue
    # Every server is measured warm, as in the TFTP rows: one unrecorded run at a modest rate first (a JIT-compiled
    # PxeKit compiles its hot paths in its first seconds of load).
    perfdhcp_run 500 >"$OUT/logs/perfdhcp-$server-warm-up.txt" 2>&1
    for rate in "${DHCP_RATES[@]}"; do
      for ((rep = 1; rep <= 1; rep++)); do
        cpu0=$(server_cpu_seconds) client0=$(udp_rcvbuf_errors "$CNS") server0=$(udp_rcvbuf_errors "$SNS")
        output=$(perfdhcp_run "$rate" 2>&1)
        cpu1=$(server_cpu_seconds)
        # Datagrams that arrived but found their socket's buffer full: perfdhcp's (replies it never read) and the server's.
        record dhcp "$network" "$server" perfdhcp - - - "$rate" client_socket_drops $(($(udp_rcvbuf_errors "$CNS") - client0))
        record dhcp "$network" "$server" perfdhcp - - - "$rate" server_socket_drops $(($(udp_rcvbuf_errors "$SNS") - server0))
        # Kept whole: its drops, late and orphaned packets say where a lost exchange went.
        printf '%s\n' "$output" >"$OUT/logs/perfdhcp-$server-$rate.txt"
        sent=$(awk '/Statistics for: DISCOVER-OFFER/ { s = 1 } s && /^sent packets:/ { print $3; exit }' <<<"$output")
        acked=$(awk '/Statistics for: REQUEST-ACK/ { s = 1 } s && /^received packets:/ { print $3; exit }' <<<"$output")
        avg=$(awk '/Statistics for: REQUEST-ACK/ { s = 1 } s && /^avg delay:/ { print $3; exit }' <<<"$output")
        echo "dhcp $server rate=$rate: sent=$sent acked=$acked avg=${avg}ms" >&2
        record dhcp "$network" "$server" perfdhcp - - - "$rate" dora_per_s "$(awk -v a="${acked:-0}" -v p="$DHCP_SECONDS" 'BEGIN { printf "%.0f", a / p }')"
        record dhcp "$network" "$server" perfdhcp - - - "$rate" lost_pct "$(awk -v s="${sent:-0}" -v a="${acked:-0}" 'BEGIN { printf "%.2f", (s > 0 ? 100 * (s - a) / s : 100) }')"
        record dhcp "$network" "$server" perfdhcp - - - "$rate" ra_avg_ms "${avg:-NaN}"
        # What one completed exchange cost the server in CPU (user + system, every thread), over the whole run.
        record dhcp "$network" "$server" perfdhcp - - - "$rate" cpu_us_per_dora \
          "$(awk -v a="$cpu0" -v b="$cpu1" -v n="${acked:-0}" 'BEGIN { if (b ~ /^[0-9.]+$/ && n > 0) printf "%.0f", 1e6 * (b - a) / n; else print "NaN" }')"
        # And what it cost perfdhcp: the two together say how much of the two cores the run left unused.
        record dhcp "$network" "$server" perfdhcp - - - "$rate" client_cpu_us_per_dora \
          "$(awk -v n="${acked:-0}" 'NF == 2 && n > 0 { printf "%.0f", 1e6 * ($1 + $2) / n; found = 1 } END { if (!found) print "NaN" }' "$OUT/perfdhcp-cpu")"
      done
    done
    record dhcp_idle "$network" "$server" - - - - 1 peak_rss_kb "$(server_rss_kb VmHWM)"
    stop_server
  done
  segment_down
  pg_stop
}

# perfdhcp_run RATE: one perfdhcp run of DHCP_SECONDS at RATE, its socket's receive buffer 4 MiB. perfdhcp has no
# option for it, and net.core.rmem_default is host-wide, not per namespace: it is raised only while perfdhcp runs, once
# the server under test has its sockets (which keep the size they were made with), and put back after.
# The CPU seconds perfdhcp used (user + system) go to $OUT/perfdhcp-cpu: the load generator shares the server's two cores.
perfdhcp_run() {
  local status TIMEFORMAT='%U %S'
  RMEM_DEFAULT_SAVED=$(sysctl -n net.core.rmem_default)
  sysctl -qw net.core.rmem_default=$((4 << 20)) || echo "bench: net.core.rmem_default not raised; perfdhcp may drop replies" >&2
  { time ip netns exec "$CNS" timeout $((DHCP_SECONDS + 20)) perfdhcp -4 -l "$DHCP_CLIENT_NIC" -r "$1" -R "$DHCP_CLIENTS" -p "$DHCP_SECONDS" -W 500000 2>&4; } \
    4>&2 2>"$OUT/perfdhcp-cpu"
  status=$?
  restore_rmem_default
  return $status
}

# Puts net.core.rmem_default back as perfdhcp_run found it (called again by bench.sh's cleanup, for a run cut short).
restore_rmem_default() {
  [[ -n ${RMEM_DEFAULT_SAVED:-} ]] && sysctl -qw net.core.rmem_default="$RMEM_DEFAULT_SAVED"
  RMEM_DEFAULT_SAVED=
}

# RcvbufErrors of UDP in a namespace: datagrams dropped because their socket's receive buffer was full.
udp_rcvbuf_errors() { # NAMESPACE
  ip netns exec "$1" awk '/^Udp:/ { if (!names) { for (i = 2; i <= NF; i++) col[$i] = i; names = 1 } else print $col["RcvbufErrors"] }' /proc/net/snmp
}

# The boot storm of the issue, PxeKit alone (no anchor serves DHCP, TFTP and HTTP together):
# N machines, each DHCP with PXE options, TFTP of a 1 MiB boot program, HTTP of a 10 MiB kernel. Meanwhile an operator's
# view: GET /api/v1/clients on the management listener every 100 ms (at most 3,600 requests), its latency recorded.
# BENCH_STORM_SERVER=pxekit-pg2: two servers on one segment and one PostgreSQL database, splitting the machines; each
# machine fetches its files from the server that answered it (the API probe asks the first).
run_storm() {
  local network=$1 rep line probe api server=${BENCH_STORM_SERVER:-pxekit}
  DHCP_CLIENT_NIC=$CNIC
  if [[ $server == pxekit-pg2 ]]; then
    pg_start || return
    segment_up
  fi
  for ((rep = 1; rep <= CONC_REPS; rep++)); do
    start_server "$server" storm "$SADDR" "$SNIC" || break
    probe="$OUT/logs/storm-api-$rep.txt"
    ip netns exec "$SNS" bash -c 'for ((i = 0; i < 3600; i++)); do
        curl -s -o /dev/null -w "%{http_code} %{time_total}\n" --max-time 5 "http://127.0.0.1:$1/api/v1/clients"; sleep 0.1
      done' _ "$API_PORT" >"$probe" 2>&1 &
    local prober=$!
    line=$(ip netns exec "$CNS" timeout 400 dotnet "$PXEKIT_DLL" load storm --server "$SADDR" --interface "$DHCP_CLIENT_NIC" \
      --clients "$STORM_CLIENTS" --http-port 8080 --http f10m --duration-limit 360 | tee "$OUT/logs/storm-$rep.txt" | grep '^result')
    kill "$prober" 2>/dev/null; wait "$prober" 2>/dev/null
    api=$(sort -k2 -g "$probe" | awk '{ t[NR] = $2 * 1000; if ($1 != 200) e++ } END {
        if (NR == 0) { print "NaN NaN NaN NaN 0"; exit }
        p99 = int(NR * 0.99 + 0.5); if (p99 < 1) p99 = 1
        printf "%.1f %.1f %.1f %d %d", t[int((NR + 1) / 2)], t[p99], t[NR], e + 0, NR }')
    echo "storm $network $server $STORM_CLIENTS #$rep: $line; API GET /clients p50/p99/max ms, errors, requests: $api" >&2
    for metric in failures seconds p50 p99; do
      record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:$metric" "$(sed -E "s/.* $metric=([0-9.]+).*/\1/" <<<"${line:-x $metric=NaN}")"
    done
    read -r api_p50 api_p99 api_max api_errors api_requests <<<"$api"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:api_p50_ms" "$api_p50"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:api_p99_ms" "$api_p99"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:api_max_ms" "$api_max"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:api_errors" "$api_errors"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:api_requests" "$api_requests"
    record storm "$network" "$server" storm - - - "$rep" "$STORM_CLIENTS:peak_rss_kb" "$(server_rss_kb VmHWM)"
    stop_server
  done
  if [[ $server == pxekit-pg2 ]]; then
    segment_down
    pg_stop
  fi
}
