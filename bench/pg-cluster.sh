#!/bin/sh
# The PostgreSQL cluster of the benchmarks (bench/README.md « SQLite et PostgreSQL à 1 000 000 de
# sessions »): its own data directory under a temporary folder, its own port, trust
# authentication on 127.0.0.1 only, started and stopped as the `postgres` user. Unlike the test
# cluster (scripts/pg-test-cluster.sh, fsync off), it keeps PostgreSQL's durable defaults
# (fsync, synchronous_commit, full_page_writes on), as SQLite's synchronous = FULL is kept on
# the other side; shared_buffers 1 GB (a tenth of a 10 GB server's memory), the rest default.
#
#   PG_PORT=55434 sh bench/pg-cluster.sh start   # prints the DATABASE_URL (last line)
#   PG_PORT=55434 sh bench/pg-cluster.sh stop    # stops the cluster and deletes its directory
set -eu

PG_PORT="${PG_PORT:-55434}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
PG_DB="${PG_DB:-sessions_bench}"
STATE="${TMPDIR:-/tmp}/sessions-pgbench-$PG_PORT"
URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"

as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
  start)
    if [ -f "$STATE/data/postmaster.pid" ]; then
      echo "$URL"
      exit 0
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    chown postgres "$STATE" 2>/dev/null || true
    as_postgres "'$PG_BIN/initdb' -D '$STATE/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$STATE/initdb.log' 2>&1"
    as_postgres "'$PG_BIN/pg_ctl' -D '$STATE/data' -l '$STATE/server.log' -w \
      -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$STATE' \
      -c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=100\" start >/dev/null"
    as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres '$PG_DB'"
    echo "$URL"
    ;;
  stop)
    if [ -f "$STATE/data/postmaster.pid" ]; then
      as_postgres "'$PG_BIN/pg_ctl' -D '$STATE/data' -m fast -w stop >/dev/null"
    fi
    rm -rf "$STATE"
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
