/**
 * Where SQLite and PostgreSQL differ: one named function per difference, each tested on both
 * (db/dialect.test.ts). Shared code calls these instead of branching on the dialect itself.
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type RawBuilder } from "kysely";

export type Dialect = "sqlite" | "postgres";

/** A `DATABASE_URL` naming a PostgreSQL server (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** Which SQL dialect a database (or a transaction on it) speaks. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** `id` primary key: INTEGER AUTOINCREMENT on SQLite, an identity column on PostgreSQL. */
export function addIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return dialectOf(db) === "postgres"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/**
 * The type of a column holding marks and totals: SQLite's REAL is 8 bytes; PostgreSQL's `real`
 * is 4 (12.3 would come back as 12.300000190734863 once computed on), so `double precision`.
 */
export function floatType(db: Kysely<any>): "real" | "double precision" {
  return dialectOf(db) === "postgres" ? "double precision" : "real";
}

/**
 * A session's length in days (0 for a one-day session), from its `start_date` and `end_date`
 * (ISO text). The `exam_sessions_length` index (migration 003) is built on exactly this
 * expression, so that the list's "longest session" reads it in one step. On PostgreSQL the
 * text → date cast is not immutable (it depends on DateStyle) and cannot be indexed: the date
 * is built from its digits with `make_date`, which is.
 */
export function sessionLengthDays(db: Kysely<any>): RawBuilder<number | null> {
  if (dialectOf(db) === "postgres") {
    const day = (column: string) =>
      `make_date(substr(${column}, 1, 4)::integer, substr(${column}, 6, 2)::integer, substr(${column}, 9, 2)::integer)`;
    return sql<number | null>`(${sql.raw(day("coalesce(end_date, start_date)"))} - ${sql.raw(day("start_date"))})`;
  }
  return sql<number | null>`(julianday(coalesce(end_date, start_date)) - julianday(start_date))`;
}

/**
 * Every string that begins with `prefix` lies in [low, high): a range of an index on the column,
 * where `like 'prefix%'` could not use one. Holds in binary order: SQLite's BINARY, and the `C`
 * collation the searchable columns have on PostgreSQL (migration 008), in which every string that
 * begins with the prefix sorts before the prefix followed by the last code point, U+10FFFF.
 */
export function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\u{10FFFF}`];
}

/**
 * `column like '%text%'`, with LIKE's own wildcards in `text` (`%`, `_`, `\`) matched as typed:
 * PostgreSQL escapes with a backslash by default and SQLite not at all, so the escape is named.
 */
export function likeContaining(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`;
}

let unrepeatable = 0;

/**
 * A stamp that moves whenever anything is written to the database, by this connection or any
 * other: what was read under an unchanged stamp still holds. SQLite: `total_changes()` (this
 * connection's writes) and `data_version` (other connections' commits). PostgreSQL: the current
 * snapshot (`xmin:xmax:in-progress ids`), which moves as soon as a writing transaction takes a
 * transaction id or ends; reads alone take none (inside a transaction that has written, a stamp
 * that never repeats). It may also move with nothing written (a transaction that wrote nothing
 * visible, an ANALYZE): never wrong, at worst read again.
 */
export async function changeStamp(db: Kysely<any>): Promise<string> {
  if (dialectOf(db) === "postgres") {
    const { rows } = await sql<{ stamp: string; own: string | null }>`
      select pg_current_snapshot()::text as stamp, pg_current_xact_id_if_assigned()::text as own`.execute(db);
    // A transaction that has written already: its next writes would not move the snapshot.
    return rows[0].own === null ? rows[0].stamp : `${rows[0].stamp}/${++unrepeatable}`;
  }
  const { rows } = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, data_version as version from pragma_data_version()`.execute(db);
  return `${rows[0].changes}/${rows[0].version}`;
}

/**
 * Transactions that change a session (closing, import, candidates, jury, marks, information)
 * take its row first, so that two of them for the same session, in any server process, run one
 * after the other, the second reading what the first wrote (docs/decisions/019). SQLite needs
 * nothing: every transaction takes the database's write lock when it begins (db/connection.ts).
 */
export async function lockSessionRow(trx: Kysely<any>, sessionId: number): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  await sql`select id from exam_sessions where id = ${sessionId} for update`.execute(trx);
}

/** The same for a licensee's own changes (authorisations given or withdrawn). */
export async function lockLicenseeRow(trx: Kysely<any>, licenseeId: number): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  await sql`select id from licensees where id = ${licenseeId} for update`.execute(trx);
}

/**
 * Certificate numbers run per brevet and year (`N1-2026-000042`), the next one read from the
 * highest given: two sessions of the same brevet closed at the same moment would read the same.
 * On PostgreSQL the closing transaction takes a lock named after the series (a transaction-level
 * advisory lock, released at commit or rollback) before it reads; no row to lock exists for a
 * series not yet started. SQLite: nothing (the write lock is already held).
 */
export async function lockCertificateSeries(trx: Kysely<any>, prefix: string): Promise<void> {
  if (dialectOf(trx) !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${`certificate:${prefix}`}))`.execute(trx);
}

/** True when a database error is a unique constraint refusing a duplicate, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** The application's tables (the migrator's own and the database's internal ones left out), by name. */
export async function listTables(db: Kysely<any>): Promise<string[]> {
  const { rows } =
    dialectOf(db) === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !name.startsWith("kysely_"));
}

/**
 * After rows were written with their own ids (a load, a copy), the next id each table gives
 * must come after them. PostgreSQL: every identity sequence set to its table's highest id
 * (or restarted at 1 for an empty table). SQLite: nothing (AUTOINCREMENT follows the ids written).
 */
export async function resetIdSequences(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`.execute(db);
  for (const { table_name } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table_name}, 'id'),
      coalesce((select max(id) from ${sql.table(table_name)}), 0) + 1, false)`.execute(db);
  }
}
