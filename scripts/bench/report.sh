#!/usr/bin/env bash
# Prints the tables of a bench run from its results.tsv: medians over repeats, and PxeKit/anchor ratios.
set -euo pipefail
results=${1:?usage: report.sh results.tsv}

# Medians: one line per (scenario .. window, metric), value = median of the numeric repeats,
# "fail" when half or more of the repeats failed.
medians=$(tail -n +2 "$results" | awk -F'\t' -v OFS='\t' '
  { key = $1 OFS $2 OFS $3 OFS $4 OFS $5 OFS $6 OFS $7 OFS ($1 == "dhcp" ? $8 : "-") OFS $9
    n[key]++; if ($10 ~ /^[0-9.]+$/) { v[key, ++ok[key]] = $10 } }
  END {
    for (key in n) {
      m = ok[key] + 0
      if (m * 2 <= n[key] && n[key] > 0 && m < n[key]) { print key, "fail"; continue }
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[key, j] + 0 < v[key, i] + 0) { t = v[key, i]; v[key, i] = v[key, j]; v[key, j] = t }
      print key, (m % 2 ? v[key, (m + 1) / 2] : (v[key, m / 2] + v[key, m / 2 + 1]) / 2)
    }
  }' | sort)

value() { # scenario network server client size blksize window rate metric
  awk -F'\t' -v k="$(printf '%s\t' "$@")" 'index($0, k) == 1 { print $10; exit }' <<<"$medians"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "-" }'; }
best() { printf '%s\n' "$@" | awk '/^[0-9.]+$/ && $1 > m { m = $1 } END { print (m == "" ? "-" : m) }'; }
least() { printf '%s\n' "$@" | awk '/^[0-9.]+$/ && (m == "" || $1 < m) { m = $1 } END { print (m == "" ? "-" : m) }'; }

# The single-stream rows that have METRIC, in the tables' order: network, client, MiB, blksize, window.
single_rows() {
  awk -F'\t' -v m="$1" '$1 == "tftp" && $9 == m { print $2 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' <<<"$medians" |
    sort -u | sort -t$'\t' -k1,1 -k2,2 -k3,3n -k4,4n -k5,5n
}

# The values of one single-stream row and metric: PxeKit's into p, the AOT binary's cell into aot, the anchors' into
# row (as printed) and nums (as compared).
row_values() { # network client size blksize window metric
  local a x
  p=$(value tftp "$1" pxekit "$2" "$3" "$4" "$5" - "$6")
  aot=$(aot_cell tftp "$1" pxekit-aot "$2" "$3" "$4" "$5" - "$6")
  row=() nums=()
  for a in "${anchors[@]}"; do
    x=$(value tftp "$1" "$a" "$2" "$3" "$4" "$5" - "$6")
    [[ $x == fail && $6 == cpu_us_per_block ]] && x=n/a # tftpd-hpa without a cgroup (see servers.sh)
    row+=("${x:--}"); nums+=("${x:-}")
  done
}

# Whether the run measured this scenario at all.
ran() { awk -F'\t' -v s="$1" '$1 == s { found = 1 } END { exit !found }' <<<"$medians"; }

anchors=(tftpd-hpa atftpd dnsmasq)
# The Native AOT binary (bench.sh --aot, and the full run) gets a column of its own beside the JIT build's; the ratios
# stay the JIT build's.
aot_ran=$(awk -F'\t' '$3 == "pxekit-aot" { print 1; exit }' <<<"$medians")
aot_cell() { [[ -n $aot_ran ]] || return 0; local x; x=$(value "$@"); printf ' %s |' "${x:--}"; }
aot_head=${aot_ran:+ PxeKit AOT |} aot_rule=${aot_ran:+---|}
if ran tftp; then
echo "## TFTP single stream, MB/s (10^6 bytes/s), median of the repeats"
echo
echo "| network | client | MiB | blksize | window | PxeKit |$aot_head tftpd-hpa | atftpd | dnsmasq | PxeKit / best anchor | PxeKit / best anchor lock-step |"
echo "|---|---|---|---|---|---|$aot_rule---|---|---|---|---|"
while IFS=$'\t' read -r network client size blksize window; do
  row_values "$network" "$client" "$size" "$blksize" "$window" mbps
  b=$(best "${nums[@]}")
  lockstep=()
  for a in "${anchors[@]}"; do lockstep+=("$(value tftp "$network" "$a" "$client" "$size" "$blksize" 1 - mbps)"); done
  for a in "${anchors[@]}"; do for c in curl atftp pxekit; do lockstep+=("$(value tftp "$network" "$a" "$c" "$size" "$blksize" 1 - mbps)"); done; done
  echo "| $network | $client | $size | $blksize | $window | ${p:--} |$aot ${row[0]} | ${row[1]} | ${row[2]} | $(ratio "$p" "$b") | $( ((window > 1)) && ratio "$p" "$(best "${lockstep[@]}")" || echo -) |"
done < <(single_rows mbps)

echo
# What each server spent on a block: a lock-step row's speed is mostly the wake-ups between client and server, which
# every server pays alike; this is the server's own part of it.
if [[ -n $(single_rows cpu_us_per_block) ]]; then
echo "## TFTP single stream: the server's CPU per block, microseconds (user + system, over the row's downloads)"
echo
echo "| network | client | blksize | window | PxeKit |$aot_head tftpd-hpa | atftpd | dnsmasq | PxeKit / least anchor |"
echo "|---|---|---|---|---|$aot_rule---|---|---|---|"
while IFS=$'\t' read -r network client size blksize window; do
  row_values "$network" "$client" "$size" "$blksize" "$window" cpu_us_per_block
  echo "| $network | $client | $blksize | $window | ${p:--} |$aot ${row[0]} | ${row[1]} | ${row[2]} | $(ratio "$p" "$(least "${nums[@]}")") |"
done < <(single_rows cpu_us_per_block)
echo
fi
# The ceiling of a windowed transfer: one plain UDP sender's datagrams of a 1468-byte block's length (udp_baseline).
while read -r network; do
  pps=$(value udp "$network" iperf3 iperf3 - 1468 - - pps)
  mbps=$(value udp "$network" iperf3 iperf3 - 1468 - - mbps)
  windowed=$(awk -F'\t' -v n="$network" '$1 == "tftp" && $2 == n && $3 == "pxekit" && $6 == 1468 && $7 > 1 && $9 == "mbps" && $10 ~ /^[0-9.]+$/ && $10 > m { m = $10 } END { print m }' <<<"$medians")
  echo "A plain UDP sender on $network (iperf3, 1472-byte datagrams, 3 s): ${pps:--} datagrams/s, ${mbps:--} MB/s of 1468-byte blocks;" \
    "PxeKit's fastest windowed row at blksize 1468 reaches $(awk -v a="${windowed:-}" -v b="${mbps:-}" 'BEGIN { if (a > 0 && b > 0) printf "%.0f%%", 100 * a / b; else printf "-" }') of it."
  echo
done < <(awk -F'\t' '$1 == "udp" { print $2 }' <<<"$medians" | sort -u)
fi
if ran concurrent; then
echo "## TFTP concurrent downloads of 8 MiB at blksize 1468 (client: pxekit load tftp), medians"
echo
echo "| clients | metric | PxeKit |$aot_head tftpd-hpa | atftpd | dnsmasq | PxeKit / best anchor |"
echo "|---|---|---|$aot_rule---|---|---|---|"
while IFS=$'\t' read -r network metric; do
  p=$(value concurrent "$network" pxekit pxekit 8 1468 1 - "$metric")
  aot=$(aot_cell concurrent "$network" pxekit-aot pxekit 8 1468 1 - "$metric")
  row=() nums=()
  for a in "${anchors[@]}"; do
    x=$(value concurrent "$network" "$a" pxekit 8 1468 1 - "$metric")
    failed=$(value concurrent "$network" "$a" pxekit 8 1468 1 - "${metric%%:*}:failures")
    if [[ $a == tftpd-hpa && $metric == *:cpu_s && ! $x =~ ^[0-9.]+$ ]]; then
      x="n/a" # without a cgroup of its own: it forks a child per transfer with SIGCHLD ignored, so /proc never counts theirs
    elif [[ $metric != *:failures && -n $x && $failed != 0 ]]; then
      x="$x (${failed} failed)" # an anchor that failed downloads is shown but is not the one to beat
    fi
    row+=("${x:--}"); nums+=("${x:-}")
  done
  # Lower is better for every concurrent metric: compare with the smallest anchor value among the
  # anchors that completed every download.
  b=$(least "${nums[@]}")
  echo "| ${metric%%:*} | ${metric#*:} | ${p:--} |$aot ${row[0]} | ${row[1]} | ${row[2]} | $(ratio "$p" "$b") |"
done < <(awk -F'\t' '$1 == "concurrent" { print $2 "\t" $9 }' <<<"$medians" | sort -u | sort -t$'\t' -k2,2V)

echo
fi
if ran dhcp; then
echo "## DHCP with perfdhcp (DORA/s completed, % lost, REQUEST-ACK average latency, server's and perfdhcp's CPU per completed DORA, datagrams dropped at perfdhcp's and the server's full UDP socket), per offered rate"
echo
echo "| offered rate/s | server | DORA/s | lost % | RA avg ms | server CPU us/DORA | perfdhcp CPU us/DORA | dropped at client / server socket |"
echo "|---|---|---|---|---|---|---|---|"
awk -F'\t' '$1 == "dhcp" { print $8 "\t" $3 }' <<<"$medians" | sort -u | sort -t$'\t' -k1,1n -k2,2 | while IFS=$'\t' read -r rate server; do
  echo "| $rate | $server | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" dora_per_s) | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" lost_pct) | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" ra_avg_ms) | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" cpu_us_per_dora) | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" client_cpu_us_per_dora) | $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" client_socket_drops) / $(value dhcp veth1500 "$server" perfdhcp - - - "$rate" server_socket_drops) |"
done
echo
echo "Best DORA/s with under 1% lost:"
for server in $(awk -F'\t' '$1 == "dhcp" { print $3 }' <<<"$medians" | sort -u); do
  awk -F'\t' -v s="$server" '$1 == "dhcp" && $3 == s { r[$8] = r[$8]; if ($9 == "lost_pct") lost[$8] = $10; if ($9 == "dora_per_s") dora[$8] = $10 }
    END { for (k in dora) if (lost[k] + 0 < 1 && dora[k] + 0 > b) b = dora[k] + 0; printf "  %s: %s\n", s, (b ? b : "none under 1%") }' <<<"$medians"
done
# On PostgreSQL: PxeKit (one server, two) beside Kea's PostgreSQL backend of the same run, best under 1% lost each.
best_dhcp() {
  awk -F'\t' -v s="$1" '$1 == "dhcp" && $3 == s { if ($9 == "lost_pct") lost[$8] = $10; if ($9 == "dora_per_s") dora[$8] = $10 }
    END { for (k in dora) if (lost[k] + 0 < 1 && dora[k] + 0 > b) b = dora[k] + 0; print b + 0 }' <<<"$medians"
}
for anchor in kea-pg kea-mt-pg; do
  ran_server=$(awk -F'\t' -v s="$anchor" '$1 == "dhcp" && $3 == s { print "yes"; exit }' <<<"$medians")
  [[ $ran_server == yes ]] || continue
  for server in pxekit-pg pxekit-pg2; do
    p=$(best_dhcp "$server")
    ((p > 0)) && echo "  $server / $anchor: $(ratio "$p" "$(best_dhcp "$anchor")")"
  done
done

echo
fi
if ran storm; then
echo "## Boot storm (PxeKit alone): DHCP with PXE options, TFTP of 1 MiB, HTTP of 10 MiB per machine, medians"
echo
awk -F'\t' '$1 == "storm" { split($9, m, ":"); printf "- %s, %s machines, %s: %s\n", $3, m[1], m[2], $10 }' <<<"$medians"
echo
fi
if ran startup; then
echo "## Start-up to first answer (ms) and memory (MB)"
echo
echo "| server | TFTP start-up ms (veth1500) | idle RSS MB | peak RSS MB, 200 clients | peak RSS MB, DHCP run |"
echo "|---|---|---|---|---|"
for server in pxekit ${aot_ran:+pxekit-aot} "${anchors[@]}" kea; do
  s=$(value startup veth1500 "$server" - - - - - startup_ms)
  d=$(value dhcp_idle veth1500 "$server" - - - - - peak_rss_kb)
  i=$(value idle veth1500 "$server" - - - - - idle_rss_kb)
  k=$(value concurrent veth1500 "$server" pxekit 8 1468 1 - 200:peak_rss_kb)
  mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9.]+$/) printf "%.1f", k / 1024; else printf "-" }'; }
  echo "| $server | ${s:--} | $(mb "$i") | $(mb "$k") | $(mb "$d") |"
done
fi
settings=$(dirname "$results")/settings
if [[ -d $settings ]]; then
echo
echo "## How each server ran"
echo
echo "Its command line and, for DHCP, its configuration file, as the run started it."
for file in "$settings"/*.txt; do
  echo
  echo "### $(basename "$file" .txt)"
  echo
  echo '```'
  cat "$file"
  echo '```'
done
fi
