/**
 * The confirmations of checked files already imported (`/sessions/importer`, decision 009).
 *
 * "Lancer l'import" without a new file posts back the signed field `checked`; that field stays
 * valid for an hour, so a double click, a resubmission after Back or a replay would otherwise
 * create one identical session per post. The import records the SHA-256 digest of the field
 * here, in the transaction that creates the session: the primary key lets one post only create
 * it (another one, even in another server process at the same moment, finds the digest taken
 * and answers with the session already created).
 *
 * `session_id` is set to null when that session is deleted: deleting a draft is never blocked,
 * and a later replay of the same field creates nothing (the field is then answered as expired).
 * The schema builder writes the same table on SQLite and PostgreSQL: no dialect branch.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_confirmations")
    .addColumn("token_digest", "text", (c) => c.primaryKey())
    .addColumn("session_id", "integer", (c) => c.references("exam_sessions.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // Deleting a session looks its confirmation up by session.
  await db.schema.createIndex("import_confirmations_session").on("import_confirmations").column("session_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("import_confirmations").execute();
}
