import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { freshAppDatabase, insertDraft } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";

const database = await freshAppDatabase();

let db: DB;
let close: typeof import("./close.server");

/** A draft of `certification` for Les Tritons de Paris, with its latest grid if it has one. */
function draft(certification: string): Promise<number> {
  return insertDraft(db, "0750001", {
    title: certification,
    certification,
    place: "Fosse",
    start: "2026-06-13",
    withGrid: true,
  });
}

beforeAll(async () => {
  ({ db } = await import("~/utils/db.server"));
  close = await import("./close.server");
  await loadWorld(db, personalSpaceWorld());
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

describe("closing in a process that has not read the reference data yet", () => {
  // The catalogue and the grids are read once per process, the first time they are needed. When
  // that first time is inside the closing transaction, they must be read through it: the
  // transaction holds the only connection, and a query beside it would wait for ever.
  it("reads the catalogue and the exam grid through the transaction", async () => {
    const n1 = await draft("N1");
    const gpN4 = await draft("GP-N4");
    const first = await close.closeSession(db, n1, 1);
    expect(first.status).toBe("refused");
    const report = await db.transaction().execute((trx) => close.buildCloseReport(trx, gpN4));
    expect(report.certificationCode).toBe("GP-N4");
    expect(report.verdict.ok).toBe(false);
    expect(await db.selectFrom("exam_sessions").select("status").where("id", "in", [n1, gpN4]).execute()).toEqual([
      { status: "draft" },
      { status: "draft" },
    ]);
  }, 10_000);
});

describe("a candidate who obtained the brevet after the session's start date", () => {
  // Zoé Bernard obtained her N1 on 2026-01-24 (in a session closed since, say): an N1 session
  // that started before cannot award it to her again. Closing it is refused with the domain's
  // message, and nothing is written.
  it("is refused with « Ce brevet est déjà attribué au licencié »", async () => {
    const sessionId = await draft("N1");
    await db.updateTable("exam_sessions").set({ start_date: "2026-01-10" }).where("id", "=", sessionId).execute();
    const licensee = (licence: string) =>
      db.selectFrom("licensees").select("id").where("licence", "=", licence).executeTakeFirstOrThrow();
    const zoe = await licensee("A-75-100004");
    const claire = await licensee("A-75-100003");
    await db
      .insertInto("session_candidates")
      .values({
        session_id: sessionId,
        licensee_id: zoe.id,
        equivalence_code: null,
        result: null,
        result_reasons: null,
      })
      .execute();
    await db
      .insertInto("session_jury")
      .values({ session_id: sessionId, licensee_id: claire.id, role: "president" })
      .execute();

    const outcome = await close.closeSession(db, sessionId, 1, "2026-01-20");
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    expect(outcome.report.candidates.map((c) => c.errors)).toEqual([["Ce brevet est déjà attribué au licencié"]]);
    expect(outcome.report.jury.map((j) => j.errors)).toEqual([[]]);
    const session = await db
      .selectFrom("exam_sessions")
      .select("status")
      .where("id", "=", sessionId)
      .executeTakeFirstOrThrow();
    expect(session.status).toBe("draft");
    const held = await db
      .selectFrom("certifications_held")
      .select("obtained_on")
      .where("licensee_id", "=", zoe.id)
      .where("certification_code", "=", "N1")
      .execute();
    expect(held).toEqual([{ obtained_on: "2026-01-24" }]);
  });
});
