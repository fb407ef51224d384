import { expect, it } from "vitest";
import type { DB } from "../connection";
import { describeEachDialect, insertClubDrafts, withFreshDatabase } from "../../test/support/database";

/**
 * What the database itself keeps for many rows written in one statement (an import, a closing):
 * each session's candidate count, and the refusal of a closed session's marks, whichever session
 * each row belongs to.
 */
describeEachDialect("candidate counts and closed sessions' marks, statement by statement", (dialect) => {
  let db: DB;
  let sessions: number[];
  let licensees: number[];
  let tests: number[];

  const counts = async () =>
    (
      await db.selectFrom("exam_sessions").select("candidate_count").where("id", "in", sessions).orderBy("id").execute()
    ).map((r) => r.candidate_count);

  withFreshDatabase({ dialect }, async (database) => {
    db = database.db;
    ({ licensees, sessions, tests } = await insertClubDrafts(db, { licensees: 30, titles: ["Première", "Seconde"] }));
  });

  it("counts the candidates added and removed by one statement, in each of the sessions it touches", async () => {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("session_candidates")
        .values(licensees.map((id, i) => ({ session_id: sessions[i % 3 === 0 ? 1 : 0], licensee_id: id })))
        .execute();
      await trx
        .insertInto("session_candidates")
        .values({ session_id: sessions[1], licensee_id: licensees[1] })
        .execute();
    });
    expect(await counts()).toEqual([20, 11]);
    await db.deleteFrom("session_candidates").where("licensee_id", "in", licensees.slice(0, 6)).execute();
    // Removed: licensees 0, 1 and 3 from the second session, 1, 2, 4 and 5 from the first.
    expect(await counts()).toEqual([16, 8]);
    const stored = await db
      .selectFrom("session_candidates")
      .select((eb) => ["session_id", eb.fn.countAll<number>().as("n")])
      .groupBy("session_id")
      .orderBy("session_id")
      .execute();
    expect(stored.map((r) => Number(r.n))).toEqual([16, 8]);
  });

  it("takes the marks of drafts in one statement, and refuses a statement touching one closed session's", async () => {
    const candidates = await db.selectFrom("session_candidates").select(["id", "session_id"]).orderBy("id").execute();
    const marks = candidates.flatMap((c) =>
      tests.map((test) => ({ candidate_id: c.id, test_id: test, value: 12, code: null })),
    );
    await db.insertInto("marks").values(marks).execute();
    await db.updateTable("exam_sessions").set({ status: "closed" }).where("id", "=", sessions[1]).execute();

    const ofFirst = candidates.filter((c) => c.session_id === sessions[0]).map((c) => c.id);
    const ofSecond = candidates.filter((c) => c.session_id === sessions[1]).map((c) => c.id);
    const refused = (work: Promise<unknown>) => expect(work).rejects.toThrow(/SESSION_CLOSED/);
    // Both sessions' marks in one statement: refused as a whole.
    await refused(
      db.updateTable("marks").set({ value: 15 }).where("candidate_id", "in", [ofFirst[0], ofSecond[0]]).execute(),
    );
    await refused(db.deleteFrom("marks").where("candidate_id", "in", [ofFirst[1], ofSecond[1]]).execute());
    await refused(
      db
        .insertInto("marks")
        .values({ candidate_id: ofSecond[2], test_id: tests[0], value: 3, code: null })
        .onConflict((oc) => oc.columns(["candidate_id", "test_id"]).doUpdateSet({ value: 3 }))
        .execute(),
    );
    const values = await db.selectFrom("marks").select(["candidate_id", "value"]).execute();
    expect(values).toHaveLength(marks.length);
    expect(values.every((m) => m.value === 12)).toBe(true);

    // The draft's alone: taken.
    await db.updateTable("marks").set({ value: 15 }).where("candidate_id", "in", ofFirst).execute();
    await db.deleteFrom("marks").where("candidate_id", "=", ofFirst[0]).execute();
    const first = await db.selectFrom("marks").select("value").where("candidate_id", "in", ofFirst).execute();
    expect(first).toHaveLength((ofFirst.length - 1) * tests.length);
    expect(first.every((m) => m.value === 15)).toBe(true);
  });
});
