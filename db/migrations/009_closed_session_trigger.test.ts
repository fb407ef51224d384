import { expect, it } from "vitest";
import type { DB } from "../connection";
import { describeEachDialect, insertClubDrafts, withFreshDatabase } from "../../test/support/database";

describeEachDialect("a closed session's marks, candidates and jury, held by the database", (dialect) => {
  let db: DB;
  let sessionId: number;
  let candidateId: number;
  let testId: number;
  let licenseeId: number;

  withFreshDatabase({ dialect }, async (database) => {
    db = database.db;
    const club = await insertClubDrafts(db, { licensees: 1, titles: ["Initiateur"] });
    licenseeId = club.licensees[0];
    sessionId = club.sessions[0];
    testId = club.tests[0];
    candidateId = (
      await db
        .insertInto("session_candidates")
        .values({ session_id: sessionId, licensee_id: licenseeId, equivalence_code: null, result: null })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
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
