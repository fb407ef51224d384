/**
 * Helpers for tests that run against a real, freshly migrated SQLite file (no database mocks).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase, type DB } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { searchText } from "./search-text";
import type { NewExamSession } from "../../db/schema";

/** A new database file in the system's temporary directory, migrated to the latest schema. */
export async function freshDatabase(): Promise<{ db: DB; path: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "sessions-test-"));
  const path = join(dir, "test.db");
  const db = openDatabase(path);
  await migrateToLatest(db);
  return {
    db,
    path,
    async cleanup() {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For tests of server modules that use the app's own database (`~/utils/db.server`, opened from
 * DATABASE_URL when first imported): points DATABASE_URL at a new file, without the demo world.
 * Call it before importing those modules (`await import(…)` in `beforeAll`).
 */
export function useFreshAppDatabase(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "sessions-app-"));
  const path = join(dir, "app.db");
  process.env.DATABASE_URL = path;
  process.env.DEMO = "off";
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Every row of every table (SQLite's own `sqlite_sequence` included), in rowid order, keyed by
 * table name: two dumps are equal when the database content is identical.
 */
export async function dumpTables(db: DB, options: { except?: string[] } = {}): Promise<Record<string, unknown[]>> {
  const except = new Set(options.except ?? []);
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
    db
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    if (except.has(name)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by rowid`.execute(db);
    dump[name] = name === "sqlite_sequence" ? rows.rows.filter((r) => !except.has(String(r.name))) : rows.rows;
  }
  return dump;
}

/** A draft session's row, to insert directly (searchable columns derived, no grid, no author). */
export function draftSessionRow(
  organiserId: number,
  { title, certification = "N1", place = "Fosse", start = "2026-05-02" }: { title: string; certification?: string; place?: string; start?: string },
): NewExamSession {
  return {
    title,
    title_search: searchText(title),
    organiser_id: organiserId,
    certification_code: certification,
    grid_id: null,
    place,
    place_search: searchText(place),
    start_date: start,
    end_date: null,
    status: "draft",
    created_by: null,
    created_at: "2026-01-01T10:00:00.000Z",
    updated_by: null,
    updated_at: "2026-01-01T10:00:00.000Z",
    closed_by: null,
    closed_at: null,
  };
}
