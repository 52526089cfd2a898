# The PostgreSQL server the DHCP rows on PostgreSQL share (pxekit-pg, pxekit-pg2, kea-pg, kea-mt-pg); sourced by
# scripts/bench.sh. Debian's postgresql 15, initdb in a temporary directory, run in the server namespace on $SADDR
# only, stopped by its PID and its directory removed. Each row gets a database of its own, created empty before it runs.
# Globals set here: PG_PID, PG_DIR.

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=5432
PG_USER=pxekit

# Whether any server of the DHCP run needs it.
pg_wanted() { [[ " ${DHCP_SERVERS[*]} " == *-pg[\ 2]* ]]; }

pg_start() {
  PG_DIR=$(mktemp -d /tmp/pxb-bench-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"
  # Trust on the namespace's private segment: nothing outside the bench's namespaces reaches it.
  setpriv --reuid=postgres --regid=postgres --init-groups "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" \
    --auth-local=trust --auth-host=trust -E UTF8 --no-instructions >"$OUT/logs/postgres-initdb.log" 2>&1 ||
    { echo "bench: initdb failed; log: $OUT/logs/postgres-initdb.log" >&2; return 1; }
  echo "host all all $DHCP_SUBNET trust" >>"$PG_DIR/data/pg_hba.conf"
  # Settings as shipped (fsync and synchronous_commit on: every ACKed lease is on disk), listening on the segment only.
  ip netns exec "$SNS" setpriv --reuid=postgres --regid=postgres --init-groups "$PG_BIN/postgres" -D "$PG_DIR/data" \
    -c listen_addresses="$SADDR" -c port="$PG_PORT" -c unix_socket_directories="$PG_DIR" -c max_connections=200 \
    >"$OUT/logs/postgres.log" 2>&1 &
  PG_PID=$!
  local deadline=$((SECONDS + 60))
  until pg_sql postgres 'SELECT 1' >/dev/null 2>&1; do
    if ! kill -0 "$PG_PID" 2>/dev/null || ((SECONDS > deadline)); then
      echo "bench: postgres did not start; log: $OUT/logs/postgres.log" >&2
      pg_stop
      return 1
    fi
    sleep 0.1
  done
  mkdir -p "$OUT/settings"
  { tr '\0' ' ' <"/proc/$PG_PID/cmdline"; echo; pg_sql postgres 'SELECT version()'
    pg_sql postgres "SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_level')"
  } >"$OUT/settings/postgresql.txt"
}

# pg_sql DATABASE SQL: runs SQL through the Unix socket as $PG_USER; prints the rows.
pg_sql() { ip netns exec "$SNS" env PGOPTIONS=-cclient_min_messages=warning psql -h "$PG_DIR" -p "$PG_PORT" -U "$PG_USER" -d "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }

# pg_database NAME: an empty database of that name.
pg_database() {
  pg_sql postgres "DROP DATABASE IF EXISTS $1" >/dev/null && pg_sql postgres "CREATE DATABASE $1" >/dev/null
}

pg_stop() {
  if [[ -n ${PG_PID:-} ]]; then
    kill -INT "$PG_PID" 2>/dev/null # fast shutdown
    wait "$PG_PID" 2>/dev/null
    PG_PID=
  fi
  [[ -n ${PG_DIR:-} ]] && rm -rf "$PG_DIR"
  PG_DIR=
}

# The second server of pxekit-pg2 lives in namespace $SNS2 (address $SADDR2), on one segment with the first: in the client
# namespace a bridge $CBR joins the two veth pairs and carries the client's address, so each broadcast reaches both.
SNS2=pxb-bench-s2 SNIC2=pxbbs2 CNIC2=pxbbc2 CBR=pxbbbr SADDR2=10.72.0.3

segment_up() {
  ip netns add "$SNS2"
  ip -n "$SNS2" link set lo up
  ip -n "$SNS2" link add "$SNIC2" type veth peer name "$CNIC2" netns "$CNS"
  ip -n "$SNS2" addr add "$SADDR2/16" dev "$SNIC2"
  ip -n "$SNS2" link set "$SNIC2" up
  ip -n "$CNS" link add "$CBR" type bridge
  ip -n "$CNS" addr del "$CADDR/16" dev "$CNIC"
  ip -n "$CNS" link set "$CNIC" master "$CBR"
  ip -n "$CNS" link set "$CNIC2" master "$CBR"
  ip -n "$CNS" link set "$CNIC2" up
  ip -n "$CNS" addr add "$CADDR/16" dev "$CBR"
  ip -n "$CNS" link set "$CBR" up
  DHCP_CLIENT_NIC=$CBR
}

segment_down() {
  ip netns del "$SNS2" 2>/dev/null
  ip -n "$CNS" link del "$CBR" 2>/dev/null
  ip -n "$CNS" addr add "$CADDR/16" dev "$CNIC" 2>/dev/null
  DHCP_CLIENT_NIC=$CNIC
}
