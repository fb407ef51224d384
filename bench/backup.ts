/**
 * `node_modules/.bin/tsx bench/backup.ts [--db FILE]`: what a backup of a big database costs
 * (issue 18): the copy (SQLite's online backup; `--vacuum`: `VACUUM INTO` too, for comparison), the check (integrity_check, foreign_key_check, counts),
 * the whole `takeBackup` as `npm run db:backup` runs it, with sizes and throughput.
 */
import Database from "better-sqlite3";
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { checkDatabaseFile, describeCounts, takeBackup } from "../db/backup";
import { DEFAULT_DB } from "./accounts";

const args = process.argv.slice(2);
const dbIndex = args.indexOf("--db");
const db = dbIndex >= 0 ? args[dbIndex + 1] : DEFAULT_DB;
const out = join("bench/.data", "backup-bench.db");
const mb = (bytes: number) => bytes / 1024 / 1024;
const seconds = (from: number) => (performance.now() - from) / 1000;

for (const f of [out, `${out}-journal`]) rmSync(f, { force: true });
const source = statSync(db).size;
console.log(`Base : ${db} (${mb(source).toFixed(0)} Mo)`);

let t = performance.now();
const sqlite = new Database(db, { fileMustExist: true });
await sqlite.backup(out, { progress: () => Number.MAX_SAFE_INTEGER });
sqlite.close();
const copy = seconds(t);
console.log(`copie (backup SQLite) : ${copy.toFixed(1)} s, ${(mb(source) / copy).toFixed(0)} Mo/s`);
rmSync(out, { force: true });
if (args.includes("--vacuum")) {
  t = performance.now();
  const again = new Database(db, { fileMustExist: true });
  again.prepare("vacuum into ?").run(out);
  again.close();
  console.log(`VACUUM INTO (comparé) : ${seconds(t).toFixed(1)} s, ${(mb(source) / seconds(t)).toFixed(0)} Mo/s`);
  rmSync(out, { force: true });
}
await sqlite2Copy();

async function sqlite2Copy() {
  const again = new Database(db, { fileMustExist: true });
  await again.backup(out, { progress: () => Number.MAX_SAFE_INTEGER });
  again.close();
}

t = performance.now();
const check = checkDatabaseFile(out);
const checking = seconds(t);
console.log(`contrôle (intégrité…) : ${checking.toFixed(1)} s (${describeCounts(check.counts)})`);
rmSync(out, { force: true });

t = performance.now();
const result = await takeBackup(db, out);
console.log(`takeBackup en entier  : ${seconds(t).toFixed(1)} s (${mb(result.bytes).toFixed(0)} Mo)`);
rmSync(out, { force: true });
