/**
 * Licensees' names searched as words (issue 19): `last_name_search` and `first_name_search` read
 * hyphens, dashes, commas and semicolons as spaces, so « Jean-François Dupré », « Dupré Jean
 * François » and « Dupré, Jean-François » find the same person. This rewrites the rows written
 * before; new rows are written so by the world loader (`normalizeName` in db/normalize.ts).
 *
 * Only the rows holding such a character are read and rewritten. The rule is copied here rather
 * than imported, so that this migration keeps doing what it did if the application's changes.
 */
import { sql, type Kysely } from "kysely";

const SEPARATORS = /[\p{Pd},;]+/gu;
const words = (text: string) => text.replace(SEPARATORS, " ").replace(/ +/g, " ").trim();
// The separators an already normalised name may hold (every Unicode dash is rare: these are enough to find rows).
const PATTERNS = ["-", "‐", "‑", "–", "—", ",", ";"];

export async function up(db: Kysely<unknown>): Promise<void> {
  const conditions = PATTERNS.flatMap((c) => [
    sql`last_name_search like ${`%${c}%`}`,
    sql`first_name_search like ${`%${c}%`}`,
  ]);
  const rows = await sql<{ id: number; last_name_search: string; first_name_search: string }>`
    select id, last_name_search, first_name_search from licensees where ${sql.join(conditions, sql` or `)}`.execute(db);
  for (const row of rows.rows) {
    await sql`update licensees set last_name_search = ${words(row.last_name_search)},
      first_name_search = ${words(row.first_name_search)} where id = ${row.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The words form is still a valid search form: nothing to undo.
}
