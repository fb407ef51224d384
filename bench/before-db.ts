/**
 * `tsx bench/before-db.ts [--from bench/.data/federation.db] [--to bench/.data/before.db]`
 *
 * The "before" database: a copy of a generated one, brought back to the indexes of migrations
 * 001–002 (migration 003's own `down`), with fresh statistics. Same rows as the source.
 */
import Database from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { rmSync } from "node:fs";
import { openDatabase } from "../db/connection";
import * as m003 from "../db/migrations/003_list_indexes";
import { DEFAULT_DB } from "./accounts";

function parseArgs(argv: string[]) {
  const options = { from: DEFAULT_DB, to: "bench/.data/before.db" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--from") options.from = value();
    else if (flag === "--to") options.to = value();
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  return options;
}

async function main() {
  const { from, to } = parseArgs(process.argv.slice(2));
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${to}${suffix}`, { force: true });
  const source = new Database(from, { readonly: true });
  await source.backup(to);
  source.close();
  const db = openDatabase(to);
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  if (applied.rows.some((m) => m.name === "003_list_indexes")) {
    await m003.down(db as unknown as Kysely<unknown>);
    await sql`delete from kysely_migration where name = '003_list_indexes'`.execute(db);
  }
  await db.destroy();
  const raw = new Database(to);
  raw.exec("analyze");
  raw.close();
  console.log(`${to} : copie de ${from} sans les index de la migration 003`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
