#!/usr/bin/env bash
# The "before" side of bench/README.md: the app as it was before the list was optimised —
# today's working tree with the original app/routes/sessions._index/sessions.server.ts (commit
# 74b46b1) and without migration 003 — built into bench/.data/build-before; and, with
# --db, bench/.data/before.db: a copy of bench/.data/federation.db without migration 003's indexes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=$(mktemp -d /tmp/sessions-before.XXXXXX)
trap 'rm -rf "$SRC"' EXIT
tar -C "$ROOT" --exclude=./node_modules --exclude=./.git --exclude=./bench --exclude=./build \
  --exclude=./public/build --exclude=./e2e/.data --exclude=./data --exclude=./test-results -cf - . | tar -C "$SRC" -xf -
ln -s "$ROOT/node_modules" "$SRC/node_modules"
git -C "$ROOT" show 74b46b1:app/routes/sessions._index/sessions.server.ts > "$SRC/app/routes/sessions._index/sessions.server.ts"
sed -i '/m003\|003_list_indexes/d' "$SRC/db/migrate.ts"
rm -f "$SRC/db/migrations/003_list_indexes.ts"
rm -rf "$ROOT/bench/.data/build-before"
(cd "$SRC" && BUILD_DIR="$ROOT/bench/.data/build-before" NODE_ENV=production node_modules/.bin/remix build > /dev/null 2>&1)
echo "bench/.data/build-before : compilé sans la migration 003, avec les requêtes d'origine"
if [ "${1:-}" = "--db" ]; then
  node_modules/.bin/tsx bench/before-db.ts --from bench/.data/federation.db --to bench/.data/before.db
fi
