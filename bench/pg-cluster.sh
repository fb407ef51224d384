#!/bin/sh
# The PostgreSQL cluster of the benchmarks (bench/README.md « SQLite et PostgreSQL à 1 000 000 de
# sessions »): the test cluster (scripts/pg-test-cluster.sh: its own folder and port, trust on
# 127.0.0.1 only, run as `postgres`) with PostgreSQL's durable defaults kept (fsync,
# synchronous_commit, full_page_writes on), as SQLite's synchronous = FULL is kept on the other
# side; shared_buffers 1 GB (a tenth of a 10 GB server's memory), the rest default.
#
#   PG_PORT=55434 sh bench/pg-cluster.sh start   # prints the DATABASE_URL (last line)
#   PG_PORT=55434 sh bench/pg-cluster.sh stop    # stops the cluster and deletes its directory
set -eu
PG_PORT="${PG_PORT:-55434}" PG_DB="${PG_DB:-sessions_bench}" \
  PG_SETTINGS="-c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=100" \
  exec sh "$(dirname "$0")/../scripts/pg-test-cluster.sh" "$@"
