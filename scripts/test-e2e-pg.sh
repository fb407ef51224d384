#!/bin/sh
# `npm run test:e2e:pg [-- playwright arguments]`: the end-to-end suite on PostgreSQL. Starts a
# throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh; PG_PORT), runs `playwright test` with
# E2E_DATABASE_URL pointing at it (e2e/serve.sh empties that database and loads the world), and
# stops the cluster whatever the outcome. `npm run test:e2e` runs the same specs on SQLite.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
url="$("$here/pg-test-cluster.sh" start | tail -n 1)" || exit 1
trap '"$here/pg-test-cluster.sh" stop' EXIT INT TERM
cd "$root" || exit 1
E2E_DATABASE_URL="$url" npx playwright test "$@"
