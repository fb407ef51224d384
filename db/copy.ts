/**
 * Moves a federation from SQLite to PostgreSQL (`npm run db:copy`, README « Passer à PostgreSQL »).
 *
 * Both databases are first brought to the latest schema. Then, in one transaction on the target:
 * every table emptied, every row of the source copied with its own ids (tables in the order their
 * foreign keys need, a structure after its parent), the identity sequences set after the copied
 * ids, and each table's count compared with the source's. The target's own triggers are switched
 * off for the copy (a closed session's candidates could not be written otherwise, and the kept
 * counts would be counted twice): the copied `candidate_count` and `session_counts` are the
 * source's. Any error, or a count that differs, leaves the target as it was.
 */
import { sql } from "kysely";
import { openDatabase, type DB } from "./connection";
import { dialectOf, isPostgresUrl, listTables, resetIdSequences } from "./dialect";
import { migrateToLatest } from "./migrate";

/** Tables that hold a federation's own data: a target with a row in any of them is not empty. */
const DATA_TABLES = ["structures", "licensees", "users", "exam_sessions", "audit_log"];

/** PostgreSQL allows 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_INSERT = 5_000;

export class CopyRefused extends Error {}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyReport {
  counts: TableCount[];
  /** True when every table holds as many rows in the target as in the source. */
  equal: boolean;
}

/** Copies every table of `from` (a SQLite file) into `to` (a PostgreSQL database). */
export async function copyDatabase(
  from: string,
  to: string,
  options: { replace?: boolean; log?: (line: string) => void } = {},
): Promise<CopyReport> {
  if (isPostgresUrl(from))
    throw new CopyRefused("--from : indiquez le fichier SQLite à copier (par exemple ./data/sessions.db).");
  if (!isPostgresUrl(to)) throw new CopyRefused("--to : indiquez la base PostgreSQL de destination (postgres://…).");
  const log = options.log ?? (() => {});
  const source = openDatabase(from);
  const target = openDatabase(to, { poolMax: 2 });
  try {
    await migrateToLatest(source);
    await migrateToLatest(target);
    const tables = await listTables(source);
    const targetTables = new Set(await listTables(target));
    const unknown = tables.filter((t) => !targetTables.has(t));
    if (unknown.length > 0) throw new CopyRefused(`Tables absentes de la destination : ${unknown.join(", ")}.`);
    if (!options.replace) {
      for (const table of DATA_TABLES) {
        const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target);
        if (Number(row.rows[0].n) > 0) {
          throw new CopyRefused(
            `La base de destination contient déjà des données (table ${table}) : rien n'a été copié. ` +
              "Ajoutez --replace pour les remplacer.",
          );
        }
      }
    }
    const ordered = await insertionOrder(target, tables);
    const counts = await target.transaction().execute(async (trx) => {
      await sql`truncate ${sql.join(ordered.map((t) => sql.table(t)))} restart identity`.execute(trx);
      for (const table of ordered) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
      for (const table of ordered) {
        const copied = await copyTable(source, trx, table);
        log(`${table} : ${copied} ligne${copied > 1 ? "s" : ""}`);
      }
      for (const table of ordered) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
      await resetIdSequences(trx);
      const counts: TableCount[] = [];
      for (const table of tables)
        counts.push({ table, source: await countRows(source, table), target: await countRows(trx, table) });
      const different = counts.filter((c) => c.source !== c.target);
      if (different.length > 0) {
        throw new CopyRefused(
          `Les nombres de lignes diffèrent (${different.map((c) => `${c.table} : ${c.source} → ${c.target}`).join(", ")}) : rien n'a été copié.`,
        );
      }
      return counts;
    });
    return { counts, equal: true };
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

async function countRows(db: DB, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

/**
 * The tables in an order where each comes after those its foreign keys name (PostgreSQL's
 * catalogue); a table that names itself (structures → parent) is handled row by row.
 */
async function insertionOrder(target: DB, tables: string[]): Promise<string[]> {
  if (dialectOf(target) !== "postgres") throw new CopyRefused("La destination doit être une base PostgreSQL.");
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(target);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of rows) if (child !== parent) needs.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...needs.get(t)!].every((p) => placed.has(p) || !needs.has(p)));
    if (!next) throw new Error("Clés étrangères circulaires : ordre de copie introuvable.");
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

/** Copies one table in batches read in rowid order; returns how many rows were written. */
async function copyTable(source: DB, target: DB, table: string): Promise<number> {
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(source)).rows.map(
    (r) => r.name,
  );
  const batch = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
  let after = -Infinity;
  let copied = 0;
  let pending: Record<string, unknown>[] = [];
  const selfReferencing = table === "structures";
  for (;;) {
    const { rows } = await sql<Record<string, unknown> & { _rowid: number }>`
      select rowid as _rowid, * from ${sql.table(table)}
       where rowid > ${Number.isFinite(after) ? after : -1} order by rowid limit ${batch}`.execute(source);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]._rowid;
    const values = rows.map(({ _rowid, ...row }) => row);
    if (selfReferencing) {
      pending.push(...values);
      continue;
    }
    await target
      .insertInto(table as never)
      .values(values as never)
      .execute();
    copied += values.length;
  }
  if (selfReferencing) {
    // Parents first: each round writes the structures whose parent is already there.
    const written = new Set<unknown>();
    while (pending.length > 0) {
      const ready = pending.filter((r) => r.parent_code === null || written.has(r.parent_code));
      if (ready.length === 0) throw new Error(`${table} : parents introuvables pour ${pending.length} lignes.`);
      for (let i = 0; i < ready.length; i += batch) {
        await target
          .insertInto(table as never)
          .values(ready.slice(i, i + batch) as never)
          .execute();
      }
      for (const r of ready) written.add(r.code);
      copied += ready.length;
      const readySet = new Set(ready);
      pending = pending.filter((r) => !readySet.has(r));
    }
  }
  return copied;
}

/** The counts, one table a line, aligned: what `npm run db:copy` prints. */
export function formatCounts(counts: TableCount[]): string {
  const width = Math.max(...counts.map((c) => c.table.length), "table".length);
  const number = (n: number) => n.toLocaleString("fr-FR").padStart(12);
  const lines = [`${"table".padEnd(width)}  ${"source".padStart(12)}  ${"destination".padStart(12)}`];
  for (const c of counts)
    lines.push(
      `${c.table.padEnd(width)}  ${number(c.source)}  ${number(c.target)}${c.source === c.target ? "" : "  ≠"}`,
    );
  return lines.join("\n");
}
