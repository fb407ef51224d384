#!/usr/bin/env bash
# Serves the production build on a fresh database holding the end-to-end world (e2e/world.json).
# E2E_DATA_DIR, BUILD_DIR and DATABASE_URL come from playwright.config.ts.
set -euo pipefail
rm -rf "$E2E_DATA_DIR"
mkdir -p "$E2E_DATA_DIR"
node_modules/.bin/remix build > /dev/null
node_modules/.bin/tsx db/load-cli.ts e2e/world.json
exec node scripts/start.js
