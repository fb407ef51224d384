/**
 * Accounts searched by name as licensees are: `users.name_search` holds the name in the form
 * `normalizeName` (db/normalize.ts) gives, lower case, without accents, words apart. Before, the
 * accounts screen compared `lower(name)`, which lowercases only ASCII on SQLite (« Élodie » was
 * found by neither « élodie » nor « elodie ») and every letter on PostgreSQL: the two differed.
 * New rows are written with it by the app, the world loader and the demo world. The column has a
 * default so that a row written without it is still valid (it is then found by its e-mail only).
 *
 * The rule is copied here rather than imported, so that this migration keeps doing what it did if
 * the application's changes.
 */
import { sql, type Kysely } from "kysely";

function nameSearch(name: string): string {
  return name
    .replace(/[œŒ]/g, "oe")
    .replace(/[æÆ]/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[\p{Pd},;\s\u00a0]+/gu, " ")
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("name_search", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const rows = await sql<{ id: number; name: string }>`select id, name from users`.execute(db);
  for (const row of rows.rows) {
    await sql`update users set name_search = ${nameSearch(row.name)} where id = ${row.id}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("name_search").execute();
}
