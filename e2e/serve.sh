#!/usr/bin/env bash
# Serves the production build on a fresh database holding the end-to-end world (e2e/world.json).
# E2E_DATA_DIR, BUILD_DIR and DATABASE_URL (a SQLite file, or a PostgreSQL URL) come from playwright.config.ts.
set -euo pipefail
rm -rf "$E2E_DATA_DIR"
mkdir -p "$E2E_DATA_DIR"
node_modules/.bin/remix build > /dev/null
case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    # A PostgreSQL database (E2E_DATABASE_URL): emptied, then loaded as a new SQLite file would be.
    node --input-type=module -e 'import pg from "pg";
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query("drop schema public cascade; create schema public");
      await client.end();'
    ;;
esac
node_modules/.bin/tsx db/load-cli.ts e2e/world.json
exec node scripts/start.js
