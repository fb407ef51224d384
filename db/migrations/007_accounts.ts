/**
 * Accounts administered in the app (issue 17).
 *
 * - `users.state`: `active`, `invited` (an invitation was sent, no password chosen yet: the
 *   stored hash is empty and never verifies) or `disabled` (cannot log in; his logins are ended);
 *   `users.last_login_at`.
 * - `password_tokens`: invitation (7 days) and reset (1 hour) links. Only the SHA-256 digest of a
 *   token is stored; `used_at` makes each one single-use.
 * - `login_throttles`: failed-login counters per e-mail (`email:…`) and per IP (`ip:…`), kept in
 *   the database so that every server process sees the same state.
 * - `security_journal`: logins, failures, refusals, password and account changes, exports of
 *   personal data. Kept 400 days.
 * - `login_sessions` gain the browser (user agent) and IP address, shown under « Mes connexions ».
 *
 * The schema builder writes the same tables on SQLite and PostgreSQL; the id columns through
 * `addIdColumn` (db/dialect.ts).
 */
import { sql, type Kysely } from "kysely";
import { addIdColumn } from "../dialect";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`state in ('active', 'invited', 'disabled')`),
    )
    .execute();
  await db.schema.alterTable("users").addColumn("last_login_at", "text").execute();

  await db.schema.alterTable("login_sessions").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("login_sessions").addColumn("ip", "text").execute();

  await addIdColumn(db, db.schema.createTable("password_tokens"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('invitation', 'reset')`))
    .addColumn("token_digest", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .execute();
  await db.schema.createIndex("password_tokens_user").on("password_tokens").column("user_id").execute();

  await db.schema
    .createTable("login_throttles")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("level", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("blocked_until", "text")
    .execute();

  await addIdColumn(db, db.schema.createTable("security_journal"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "integer")
    .addColumn("email", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("details", "text")
    .execute();
  await db.schema.createIndex("security_journal_at").on("security_journal").columns(["at", "id"]).execute();
  await db.schema.createIndex("security_journal_kind_at").on("security_journal").columns(["kind", "at"]).execute();
  await db.schema.createIndex("security_journal_email_at").on("security_journal").columns(["email", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("security_journal").execute();
  await db.schema.dropTable("login_throttles").execute();
  await db.schema.dropTable("password_tokens").execute();
  await db.schema.alterTable("login_sessions").dropColumn("ip").execute();
  await db.schema.alterTable("login_sessions").dropColumn("user_agent").execute();
  await db.schema.alterTable("users").dropColumn("last_login_at").execute();
  await db.schema.alterTable("users").dropColumn("state").execute();
}
