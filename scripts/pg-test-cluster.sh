#!/bin/sh
# A throw-away PostgreSQL cluster for tests: its own data directory under a temporary folder,
# its own port, trust authentication on 127.0.0.1 only, started and stopped as the `postgres`
# user (PostgreSQL refuses to run as root).
#
#   scripts/pg-test-cluster.sh start   # prints the DATABASE_URL to use (last line of output)
#   scripts/pg-test-cluster.sh stop    # stops the cluster and deletes its directory
#   scripts/pg-test-cluster.sh url     # prints the DATABASE_URL of the running cluster
#
# PG_PORT (default 55432), PG_BIN (default: the newest /usr/lib/postgresql/<version>/bin, where Debian's
# `postgresql` package puts them; scripts/test-tools.mjs installs it), PG_DB (default sessions_test),
# PG_SETTINGS (the server's settings; default: no fsync, for speed; bench/pg-cluster.sh keeps them durable).
set -eu

PG_PORT="${PG_PORT:-55432}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL's server programs not found (PG_BIN=$PG_BIN): install the postgresql package or set PG_BIN." >&2
  exit 1
fi
PG_DB="${PG_DB:-sessions_test}"
PG_SETTINGS="${PG_SETTINGS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off}"
STATE="${TMPDIR:-/tmp}/sessions-pg-$PG_PORT"
URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"

# As root, the server runs as the `postgres` user (created by the package); otherwise as oneself.
as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
  start)
    if [ -f "$STATE/data/postmaster.pid" ]; then
      echo "Cluster already running in $STATE" >&2
      echo "$URL"
      exit 0
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    chown postgres "$STATE" 2>/dev/null || true
    as_postgres "'$PG_BIN/initdb' -D '$STATE/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 >'$STATE/initdb.log' 2>&1"
    # Only this port, only the loopback address; no unix socket left in /var/run.
    as_postgres "'$PG_BIN/pg_ctl' -D '$STATE/data' -l '$STATE/server.log' -w \
      -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$STATE' $PG_SETTINGS\" start >/dev/null"
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
