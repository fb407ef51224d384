#!/bin/sh
# `npm run test:pg [-- vitest arguments]`: the unit tests on SQLite and on PostgreSQL. Starts a
# throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh), runs vitest with TEST_DATABASE_URL
# pointing at it, and stops the cluster whatever the outcome. Without arguments, the tests of db/.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
url="$("$here/pg-test-cluster.sh" start | tail -n 1)" || exit 1
trap '"$here/pg-test-cluster.sh" stop' EXIT INT TERM
if [ "$#" -eq 0 ]; then set -- db; fi
TEST_DATABASE_URL="$url" npx vitest run "$@"
