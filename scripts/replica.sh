#!/usr/bin/env bash
# A PostgreSQL primary and a streaming replica on this machine, for the province step
# (docs/SCALING.md): writes go to the primary, reads of the portal, statistics, rankings and
# passbooks to the replica (DATABASE_REPLICA_URL).
#
#   scripts/replica.sh start     creates both clusters the first time (initdb, a replication user,
#                                pg_basebackup -R from the primary), starts them, prints the two URLs
#   scripts/replica.sh stop      stops both (the replica first)
#   scripts/replica.sh status    running or not, the replica's replay position and lag
#   scripts/replica.sh env       the two URLs as shell assignments (eval "$(scripts/replica.sh env)")
#   scripts/replica.sh destroy   stops both and deletes the folder
#
# Environment (all optional):
#   AIXIN_REPLICA_DIR       the clusters' folder (default ./data/replica, relative to the project)
#   AIXIN_PRIMARY_PORT      the primary's port (default 5440)
#   AIXIN_REPLICA_PORT      the replica's port (default 5441)
#   AIXIN_REPLICA_DB        the database created on the primary (default aixin)
#   AIXIN_REPLICA_PASSWORD  the password of the postgres and replicator roles (default postgres)
#   PG_BIN                  PostgreSQL's programs (default: pg_config --bindir, else /usr/lib/postgresql/15/bin)
#
# Run as root, the clusters belong to the postgres user (the commands are run as it); run as an
# ordinary user, they belong to that user. Idempotent: start on running clusters only prints the URLs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR_IN="${AIXIN_REPLICA_DIR:-$ROOT/data/replica}"
mkdir -p "$DIR_IN"
DIR="$(cd "$DIR_IN" && pwd)"
PRIMARY_PORT="${AIXIN_PRIMARY_PORT:-5440}"
REPLICA_PORT="${AIXIN_REPLICA_PORT:-5441}"
DB="${AIXIN_REPLICA_DB:-aixin}"
PASSWORD="${AIXIN_REPLICA_PASSWORD:-postgres}"
SLOT="aixin_replica"

if [[ -z "${PG_BIN:-}" ]]; then
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then PG_BIN=/usr/lib/postgresql/15/bin
  elif command -v pg_config >/dev/null 2>&1; then PG_BIN="$(pg_config --bindir)"
  else echo "✖ PostgreSQL's programs not found: set PG_BIN to the folder holding initdb and pg_ctl" >&2; exit 2; fi
fi
for p in initdb pg_ctl pg_basebackup psql; do
  [[ -x "$PG_BIN/$p" ]] || { echo "✖ $PG_BIN/$p is missing: set PG_BIN" >&2; exit 2; }
done

PRIMARY="$DIR/primary"
REPLICA="$DIR/replica"
SOCK="$DIR/sock"

# Run a PostgreSQL program as the clusters' owner: postgres when we are root, else ourselves.
if [[ "$(id -u)" == 0 ]]; then
  OWNER=postgres
  id -u "$OWNER" >/dev/null 2>&1 || { echo "✖ running as root needs a postgres user" >&2; exit 2; }
  as_owner() { runuser -u "$OWNER" -- env PGPASSWORD="$PASSWORD" "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { env PGPASSWORD="$PASSWORD" "$@"; }
fi

url() { echo "postgres://postgres:$PASSWORD@127.0.0.1:$1/$DB"; }
running() { [[ -f "$1/PG_VERSION" ]] && as_owner "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }
psql_on() { local port="$1"; shift; as_owner "$PG_BIN/psql" -X -q -h "$SOCK" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

prepare_dir() {
  mkdir -p "$DIR" "$SOCK"
  if [[ "$(id -u)" == 0 ]]; then
    chown "$OWNER" "$DIR" "$SOCK"
    # the postgres user must reach the folder through every parent
    runuser -u "$OWNER" -- test -x "$DIR" || { echo "✖ the postgres user cannot enter $DIR: choose AIXIN_REPLICA_DIR under a folder it can reach" >&2; exit 2; }
  fi
}

create_primary() {
  echo "▶ initdb the primary in $PRIMARY"
  local pw; pw="$(mktemp)"; printf '%s\n' "$PASSWORD" >"$pw"; chmod 644 "$pw"
  as_owner "$PG_BIN/initdb" -D "$PRIMARY" -U postgres --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { rm -f "$pw"; cat "$DIR/initdb.log" >&2; exit 1; }
  rm -f "$pw"
  as_owner bash -c "cat >>'$PRIMARY/postgresql.conf'" <<EOF

# scripts/replica.sh
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
hot_standby_feedback = on
shared_buffers = 128MB
max_connections = 200
synchronous_commit = on
EOF
  as_owner bash -c "cat >>'$PRIMARY/pg_hba.conf'" <<EOF
# scripts/replica.sh: the replica streams as replicator
host replication replicator 127.0.0.1/32 scram-sha-256
EOF
}

start_primary() {
  running "$PRIMARY" && return 0
  as_owner "$PG_BIN/pg_ctl" -D "$PRIMARY" -l "$DIR/primary.log" -w -t 60 start >/dev/null || { tail -20 "$DIR/primary.log" >&2; exit 1; }
}

setup_primary_roles() {
  psql_on "$PRIMARY_PORT" -o /dev/null <<EOF
select format('create role replicator with replication login password %L', '$PASSWORD') where not exists (select 1 from pg_roles where rolname = 'replicator')\gexec
select format('create database %I', '$DB') where not exists (select 1 from pg_database where datname = '$DB')\gexec
select pg_create_physical_replication_slot('$SLOT') where not exists (select 1 from pg_replication_slots where slot_name = '$SLOT');
EOF
}

create_replica() {
  echo "▶ pg_basebackup -R the replica into $REPLICA"
  as_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U replicator -D "$REPLICA" -R -X stream -S "$SLOT" -c fast >"$DIR/basebackup.log" 2>&1 \
    || { cat "$DIR/basebackup.log" >&2; exit 1; }
  as_owner bash -c "cat >>'$REPLICA/postgresql.conf'" <<EOF

# scripts/replica.sh: the streaming replica (standby.signal and primary_conninfo written by pg_basebackup -R)
port = $REPLICA_PORT
hot_standby = on
EOF
}

start_replica() {
  running "$REPLICA" && return 0
  as_owner "$PG_BIN/pg_ctl" -D "$REPLICA" -l "$DIR/replica.log" -w -t 60 start >/dev/null || { tail -20 "$DIR/replica.log" >&2; exit 1; }
}

wait_streaming() {
  for _ in $(seq 1 100); do
    if [[ "$(psql_on "$PRIMARY_PORT" -tA -c "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ]]; then return 0; fi
    sleep 0.2
  done
  echo "✖ the replica does not stream: see $DIR/replica.log" >&2
  exit 1
}

print_urls() {
  echo "primary  (writes): $(url "$PRIMARY_PORT")"
  echo "replica  (reads):  $(url "$REPLICA_PORT")"
  echo "  DATABASE_URL=$(url "$PRIMARY_PORT") DATABASE_REPLICA_URL=$(url "$REPLICA_PORT")"
}

cmd="${1:-}"
case "$cmd" in
  start)
    prepare_dir
    [[ -f "$PRIMARY/PG_VERSION" ]] || create_primary
    start_primary
    setup_primary_roles
    [[ -f "$REPLICA/PG_VERSION" ]] || create_replica
    start_replica
    wait_streaming
    echo "✔ primary on $PRIMARY_PORT and streaming replica on $REPLICA_PORT ($DIR)"
    print_urls
    ;;
  stop)
    for c in "$REPLICA" "$PRIMARY"; do
      if running "$c"; then as_owner "$PG_BIN/pg_ctl" -D "$c" -m fast -w stop >/dev/null; echo "stopped $(basename "$c")"; fi
    done
    ;;
  status)
    rc=0
    for c in "$PRIMARY" "$REPLICA"; do
      if running "$c"; then echo "$(basename "$c"): running"; else echo "$(basename "$c"): stopped"; rc=3; fi
    done
    if running "$PRIMARY" && running "$REPLICA"; then
      psql_on "$PRIMARY_PORT" -c "select application_name, state, sent_lsn, replay_lsn, pg_wal_lsn_diff(sent_lsn, replay_lsn) as lag_bytes, replay_lag from pg_stat_replication"
    fi
    exit $rc
    ;;
  env)
    echo "DATABASE_URL=$(url "$PRIMARY_PORT")"
    echo "DATABASE_REPLICA_URL=$(url "$REPLICA_PORT")"
    echo "TEST_PRIMARY_URL=$(url "$PRIMARY_PORT")"
    echo "TEST_REPLICA_URL=$(url "$REPLICA_PORT")"
    ;;
  destroy)
    "$0" stop
    rm -rf "$PRIMARY" "$REPLICA" "$SOCK" "$DIR"/*.log
    echo "deleted the clusters in $DIR"
    ;;
  *)
    echo "usage: scripts/replica.sh start|stop|status|env|destroy" >&2
    exit 2
    ;;
esac
