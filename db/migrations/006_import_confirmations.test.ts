import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { personalSpaceWorld } from "../../test/support/personal-space-world";
import type { DB } from "../connection";
import { dialectOf, isUniqueViolation } from "../dialect";
import { describeEachDialect, draftSessionRow, organiserIdOf, withFreshDatabase } from "../../test/support/database";
import * as m006 from "./006_import_confirmations";

let db: DB;
let tritons: number;

const AT = "2026-05-02T10:00:00.000Z";
const digest = (n: number) => String(n).padStart(64, "0");

async function newSession(title: string): Promise<number> {
  const row = await db
    .insertInto("exam_sessions")
    .values(draftSessionRow(tritons, { title }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const tableNames = async () =>
  (dialectOf(db) === "postgres"
    ? await sql<{ name: string }>`select relname as name from pg_class
        where relname like 'import_confirmations%' and relname not like '%\\_pkey' and relkind in ('r', 'i') order by relname`.execute(
        db,
      )
    : await sql<{
        name: string;
      }>`select name from sqlite_master where name like 'import_confirmations%' order by name`.execute(db)
  ).rows.map((r) => r.name);

describeEachDialect("import_confirmations", (dialect) => {
  withFreshDatabase({ dialect, world: personalSpaceWorld() }, async (database) => {
    db = database.db;
    tritons = await organiserIdOf(db, "0750001");
  });

  describe("import_confirmations (migration 006)", () => {
    it("takes a digest once, and lets its session be deleted (the reference then reads null)", async () => {
      const id = await newSession("Importée une fois");
      await db
        .insertInto("import_confirmations")
        .values({ token_digest: digest(1), session_id: id, created_at: AT })
        .execute();
      const other = await newSession("Importée une fois (bis)");
      await expect(
        db
          .insertInto("import_confirmations")
          .values({ token_digest: digest(1), session_id: other, created_at: AT })
          .execute(),
      ).rejects.toSatisfy(isUniqueViolation);

      await db.deleteFrom("exam_sessions").where("id", "=", id).execute();
      expect(await db.selectFrom("exam_sessions").select("id").where("id", "=", id).execute()).toEqual([]);
      expect(await db.selectFrom("import_confirmations").selectAll().execute()).toEqual([
        { token_digest: digest(1), session_id: null, created_at: AT },
      ]);
    });

    it("is taken away by its down and made again by its up", async () => {
      expect(await tableNames()).toEqual(["import_confirmations", "import_confirmations_session"]);
      await m006.down(db as unknown as Kysely<unknown>);
      expect(await tableNames()).toEqual([]);
      // Sessions are deleted without it as before.
      await db
        .deleteFrom("exam_sessions")
        .where("id", "=", await newSession("Sans la table"))
        .execute();

      await m006.up(db as unknown as Kysely<unknown>);
      expect(await tableNames()).toEqual(["import_confirmations", "import_confirmations_session"]);
      const id = await newSession("Après la remontée");
      await db
        .insertInto("import_confirmations")
        .values({ token_digest: digest(2), session_id: id, created_at: AT })
        .execute();
      await db.deleteFrom("exam_sessions").where("id", "=", id).execute();
      expect(await db.selectFrom("import_confirmations").select("session_id").execute()).toEqual([
        { session_id: null },
      ]);
    });
  });
});
