#!/usr/bin/env bash
# Serves the production build on a fresh database holding the end-to-end world (e2e/world.json).
set -euo pipefail
rm -rf e2e/.data
mkdir -p e2e/.data
node_modules/.bin/remix build
node_modules/.bin/tsx db/load-cli.ts e2e/world.json
exec node scripts/start.js
