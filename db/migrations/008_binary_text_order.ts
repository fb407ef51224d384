/**
 * Searchable text compared byte by byte on PostgreSQL too (issue 20).
 *
 * The list and the licensee search read "every value that begins with `école`" as a range of an
 * index, from the prefix to the prefix followed by the last code point (`prefixRange`,
 * db/dialect.ts). That holds in binary order: SQLite's (BINARY, the default), and PostgreSQL's
 * `C` collation. A PostgreSQL database created with a language's collation (`fr_FR.UTF-8`)
 * orders text by other rules, in which such a range can miss values or take others: the
 * searchable columns and the certificate numbers are given the `C` collation there (their
 * indexes are rebuilt with it). SQLite: nothing to do.
 */
import { sql, type Kysely } from "kysely";
import { dialectOf } from "../dialect";

export const BINARY_COLUMNS: Record<string, string[]> = {
  structures: ["name_search"],
  organisers: ["name_search"],
  licensees: ["licence_compact", "last_name_search", "first_name_search"],
  exam_sessions: ["title_search", "place_search"],
  certifications_held: ["certificate_number"],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  for (const [table, columns] of Object.entries(BINARY_COLUMNS)) {
    const changes = columns.map((column) => `alter column ${column} type text collate "C"`).join(", ");
    await sql.raw(`alter table ${table} ${changes}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres") return;
  for (const [table, columns] of Object.entries(BINARY_COLUMNS)) {
    const changes = columns.map((column) => `alter column ${column} type text collate "default"`).join(", ");
    await sql.raw(`alter table ${table} ${changes}`).execute(db);
  }
}
