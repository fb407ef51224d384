import { afterAll, beforeAll, expect, it } from "vitest";
import type { DB } from "../connection";
import {
  describeEachDialect,
  draftSessionRow,
  freshDatabase,
  insertClub,
  type FreshDatabase,
} from "../../test/support/database";

describeEachDialect("a closed session's marks, candidates and jury, held by the database", (dialect) => {
  let database: FreshDatabase;
  let db: DB;
  let sessionId: number;
  let candidateId: number;
  let testId: number;
  let licenseeId: number;

  beforeAll(async () => {
    database = await freshDatabase(dialect);
    db = database.db;
    const organiserId = await insertClub(db);
    licenseeId = (
      await db
        .insertInto("licensees")
        .values({
          licence: "A-75-100001",
          licence_compact: "a75100001",
          last_name: "Moreau",
          first_name: "Claire",
          last_name_search: "moreau",
          first_name_search: "claire",
          birth_date: "1990-01-01",
          structure_code: "0750001",
          created_at: "2026-01-01T10:00:00.000Z",
          updated_at: "2026-01-01T10:00:00.000Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const test = await db.selectFrom("grid_tests").select(["id", "grid_id"]).executeTakeFirstOrThrow();
    testId = test.id;
    sessionId = (
      await db
        .insertInto("exam_sessions")
        .values({ ...draftSessionRow(organiserId, { title: "Initiateur" }), grid_id: test.grid_id })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    candidateId = (
      await db
        .insertInto("session_candidates")
        .values({ session_id: sessionId, licensee_id: licenseeId, equivalence_code: null, result: null })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });

  afterAll(async () => {
    await database.cleanup();
  });

  it("takes, changes and removes a draft's marks", async () => {
    await db
      .insertInto("marks")
      .values({ candidate_id: candidateId, test_id: testId, value: 12, code: null })
      .execute();
    await db.updateTable("marks").set({ value: 13 }).where("candidate_id", "=", candidateId).execute();
    await db.deleteFrom("marks").where("candidate_id", "=", candidateId).execute();
    await db
      .insertInto("marks")
      .values({ candidate_id: candidateId, test_id: testId, value: 14, code: null })
      .execute();
    const marks = await db.selectFrom("marks").select("value").where("candidate_id", "=", candidateId).execute();
    expect(marks).toEqual([{ value: 14 }]);
  });

  it("refuses every change once the session is closed", async () => {
    await db.updateTable("exam_sessions").set({ status: "closed" }).where("id", "=", sessionId).execute();
    const refused = (work: Promise<unknown>) => expect(work).rejects.toThrow(/SESSION_CLOSED/);
    await refused(db.updateTable("marks").set({ value: 20 }).where("candidate_id", "=", candidateId).execute());
    await refused(db.deleteFrom("marks").where("candidate_id", "=", candidateId).execute());
    await refused(
      db.updateTable("session_candidates").set({ result: "admis" }).where("id", "=", candidateId).execute(),
    );
    await refused(
      db
        .insertInto("session_jury")
        .values({ session_id: sessionId, licensee_id: licenseeId, role: "president" })
        .execute(),
    );
    await refused(db.updateTable("exam_sessions").set({ title: "Autre" }).where("id", "=", sessionId).execute());
    const marks = await db.selectFrom("marks").select("value").where("candidate_id", "=", candidateId).execute();
    expect(marks).toEqual([{ value: 14 }]);
  });
});
