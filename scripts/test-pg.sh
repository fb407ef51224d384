#!/bin/sh
# `npm run test:pg [-- vitest arguments]`: the tests that use a database, on PostgreSQL. Starts a
# throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh), runs vitest with TEST_DATABASE_URL
# pointing at it, and stops the cluster whatever the outcome.
#
# Without arguments: db/'s tests (each on SQLite and on PostgreSQL) and every other test file that
# takes a database from test/support (freshDatabase, freshAppDatabase, the worlds), which then runs
# on PostgreSQL; `npm run test:unit` runs those on SQLite.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
url="$("$here/pg-test-cluster.sh" start | tail -n 1)" || exit 1
trap '"$here/pg-test-cluster.sh" stop' EXIT INT TERM
if [ "$#" -eq 0 ]; then
  cd "$root" || exit 1
  # shellcheck disable=SC2046
  set -- db $(grep -rlE "support/(database|excel-world|personal-space-world)|freshDatabase|freshAppDatabase" \
    --include='*.test.ts' app bench scripts server | sort)
fi
TEST_DATABASE_URL="$url" npx vitest run "$@"
