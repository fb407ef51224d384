import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { personalSpaceWorld } from "../../test/support/personal-space-world";
import type { DB } from "../connection";
import { dialectOf } from "../dialect";
import { describeEachDialect, draftSessionRow, organiserIdOf, withFreshDatabase } from "../../test/support/database";
import * as m005 from "./005_session_counts";

let db: DB;
let tritons: number;
let bastille: number;

/** `session_counts` as it is, sorted. */
async function kept(): Promise<string[]> {
  const rows = await db.selectFrom("session_counts").selectAll().execute();
  return rows.map((r) => `${r.organiser_id}|${r.certification_code}|${r.status}|${r.n}`).sort();
}

/** What `session_counts` must hold: the sessions counted in each of the eight groupings. */
async function expected(): Promise<string[]> {
  const sessions = await db
    .selectFrom("exam_sessions")
    .select(["organiser_id", "certification_code", "status"])
    .execute();
  const counts = new Map<string, number>();
  for (const s of sessions) {
    for (const o of [s.organiser_id, 0]) {
      for (const c of [s.certification_code, ""]) {
        for (const st of [s.status, ""]) {
          const key = `${o}|${c}|${st}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  return [...counts].map(([key, n]) => `${key}|${n}`).sort();
}

/** The tables, triggers and functions whose name speaks of counts. */
async function countObjects(): Promise<string[]> {
  const { rows } =
    dialectOf(db) === "postgres"
      ? await sql<{
          name: string;
        }>`select tgname as name from pg_trigger where not tgisinternal and tgname like '%count%'
          union all select table_name from information_schema.tables where table_schema = current_schema() and table_name like '%count%'
          union all select proname from pg_proc where proname like '%count%' and pronamespace = current_schema()::regnamespace`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from sqlite_master where name like '%count%'`.execute(db);
  return rows.map((r) => r.name).sort();
}

const session = (organiserId: number, certification: string, title: string) =>
  draftSessionRow(organiserId, { title, certification });

describeEachDialect("session_counts", (dialect) => {
  withFreshDatabase({ dialect, world: personalSpaceWorld() }, async (database) => {
    db = database.db;
    tritons = await organiserIdOf(db, "0750001");
    bastille = await organiserIdOf(db, "0750002");
  });

  describe("session_counts (migration 005)", () => {
    it("follows every creation, change of organiser, brevet or status, closing and deletion", async () => {
      await db.deleteFrom("exam_sessions").where("status", "=", "draft").execute();
      const start = await expected();
      expect(await kept()).toEqual(start);

      const ids = (
        await db
          .insertInto("exam_sessions")
          .values([
            session(tritons, "N1", "Niveau 1 printemps"),
            session(tritons, "N1", "Niveau 1 été"),
            session(tritons, "N2", "Niveau 2"),
            session(bastille, "N1", "Niveau 1 Bastille"),
          ])
          .returning("id")
          .execute()
      ).map((r) => r.id);
      expect(await kept()).toEqual(await expected());
      const afterInsert = await kept();
      expect(afterInsert).toContain(`${tritons}|N1|draft|2`);
      expect(afterInsert).toContain(`${tritons}||draft|3`);

      // A change that moves nothing leaves the counts as they are.
      await db.updateTable("exam_sessions").set({ title: "Niveau 1 (printemps)" }).where("id", "=", ids[0]).execute();
      expect(await kept()).toEqual(afterInsert);

      await db.updateTable("exam_sessions").set({ certification_code: "N2" }).where("id", "=", ids[1]).execute();
      await db.updateTable("exam_sessions").set({ organiser_id: bastille }).where("id", "=", ids[2]).execute();
      await db
        .updateTable("exam_sessions")
        .set({ status: "closed", closed_at: "2026-05-03T10:00:00.000Z" })
        .where("id", "=", ids[3])
        .execute();
      expect(await kept()).toEqual(await expected());
      expect(await kept()).toContain(`${bastille}|N1|closed|1`);

      await db.deleteFrom("exam_sessions").where("id", "in", [ids[0], ids[1], ids[2]]).execute();
      expect(await kept()).toEqual(await expected());
      // A grouping left without any session has no row (a missing row reads as 0).
      expect((await kept()).some((k) => k.startsWith(`${tritons}|`))).toBe(false);

      // A write refused by the database (a closed session is read only) changes no count.
      await expect(db.deleteFrom("exam_sessions").where("id", "=", ids[3]).execute()).rejects.toThrow(/SESSION_CLOSED/);
      expect(await kept()).toEqual(await expected());
    });

    it("is filled from the sessions already there when the migration runs, and taken away by its down", async () => {
      await db
        .insertInto("exam_sessions")
        .values([session(tritons, "N3", "Niveau 3"), session(bastille, "N3", "Niveau 3 bis")])
        .execute();
      await m005.down(db as unknown as Kysely<unknown>);
      expect(await countObjects()).toEqual(
        dialect === "postgres"
          ? [
              "count_candidates_added",
              "count_candidates_removed",
              "session_candidates_count_delete",
              "session_candidates_count_insert",
            ]
          : ["session_candidates_count_delete", "session_candidates_count_insert"],
      );
      await db
        .insertInto("exam_sessions")
        .values(session(tritons, "N3", "Niveau 3 ter"))
        .execute();
      await m005.up(db as unknown as Kysely<unknown>);
      expect(await kept()).toEqual(await expected());
      expect(await kept()).toContain(`${tritons}|N3|draft|2`);
      expect(await kept()).toContain("0|N3||3");

      await m005.rebuildSessionCounts(db);
      expect(await kept()).toEqual(await expected());
    });
  });
});
