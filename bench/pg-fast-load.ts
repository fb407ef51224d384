/**
 * A SQLite federation into PostgreSQL, fast: `npm run db:copy`'s own copy (db/copy.ts: every
 * table, the same ids, counts compared table by table, one transaction), with the target's
 * secondary indexes dropped before and created again after from their stored definitions
 * (`pg_indexes.indexdef`, so exactly as the migrations wrote them), then `VACUUM ANALYZE`: the
 * planner's statistics, and the visibility map that lets index-only scans skip the table.
 * Inserting a million sessions into sixteen indexes row by row took more than half an hour on a
 * shared 2-core machine; this way each index is built once, sorted. Used by `bench/pg-load.ts`
 * and by `npm run db:scale -- --out postgres://…`.
 */
import { sql } from "kysely";
import { openDatabase } from "../db/connection";
import { copyDatabase, formatCounts } from "../db/copy";
import { migrateToLatest } from "../db/migrate";

export type Step = <T>(label: string, work: () => Promise<T>) => Promise<T>;

export async function fastLoadIntoPostgres(from: string, to: string, step: Step): Promise<void> {
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
    try {
      const report = await step("copie (db:copy --replace)", () => copyDatabase(from, to, { replace: true }));
      console.log(formatCounts(report.counts));
    } finally {
      // Put back even when the copy failed: the database keeps every index the migrations made.
      await step(`index recréés (${indexes.length})`, async () => {
        await sql`set maintenance_work_mem = '512MB'`.execute(target);
        for (const index of indexes) await sql.raw(index.definition).execute(target);
      });
    }
    await step("vacuum analyze", () => sql`vacuum analyze`.execute(target));
  } finally {
    await target.destroy();
  }
}
