/**
 * `tsx bench/pg-load.ts --from bench/.data/federation.db --to postgres://…`
 *
 * The generated federation into PostgreSQL, for the benchmarks: `npm run db:copy`'s own copy
 * (db/copy.ts: every table, the same ids, counts compared table by table, one transaction), with
 * the secondary indexes of the target dropped before and created again after from their stored
 * definitions (`pg_indexes.indexdef`, so exactly as the migrations wrote them), then
 * `VACUUM ANALYZE`: the planner's statistics, and the visibility map that lets index-only scans
 * skip the table. Inserting a million sessions into sixteen indexes row by row took more than
 * half an hour on this shared machine; this way the indexes are built once each, sorted.
 */
import { sql } from "kysely";
import { openDatabase } from "../db/connection";
import { copyDatabase, formatCounts } from "../db/copy";
import { isPostgresUrl } from "../db/dialect";
import { migrateToLatest } from "../db/migrate";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? "") : "";
};
const from = option("--from");
const to = option("--to");
if (!from || !isPostgresUrl(to)) {
  console.error("Usage : tsx bench/pg-load.ts --from bench/.data/federation.db --to postgres://…");
  process.exit(1);
}

const started = performance.now();
const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const result = await work();
  console.log(`  ${label.padEnd(48)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  return result;
};

const target = openDatabase(to, { poolMax: 1 });
try {
  await step("migrations de la destination", () => migrateToLatest(target));
  // Indexes that back no constraint (primary keys and unique constraints stay).
  const indexes = await step("index secondaires retirés", async () => {
    const { rows } = await sql<{ name: string; definition: string }>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
       where i.schemaname = current_schema()
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
       order by i.indexname`.execute(target);
    for (const index of rows) await sql`drop index ${sql.id(index.name)}`.execute(target);
    return rows;
  });
  const report = await step("copie (db:copy --replace)", () => copyDatabase(from, to, { replace: true }));
  console.log(formatCounts(report.counts));
  await step(`index recréés (${indexes.length})`, async () => {
    await sql`set maintenance_work_mem = '512MB'`.execute(target);
    for (const index of indexes) await sql.raw(index.definition).execute(target);
  });
  await step("vacuum analyze", () => sql`vacuum analyze`.execute(target));
} finally {
  await target.destroy();
}
console.log(`Chargement terminé en ${((performance.now() - started) / 1000).toFixed(1)} s`);
