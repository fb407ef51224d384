/**
 * Closing with several server processes against one PostgreSQL database (docs/decisions/019):
 * two connection pools stand for two processes, and close at the same moment.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { countAuditLines, describeTwoProcesses, freshAppDatabase, insertUser } from "../../test/support/database";
import { CLUB, exportWorld, licenceOf, SESSIONS } from "../../test/support/excel-world";

const app = await freshAppDatabase();

/** The export world, where Claire Moreau (président) has authorised the club, and two more N2 drafts. */
function world() {
  const input = exportWorld();
  const licensees = input.licensees!.map((l) => (l.licence === licenceOf(1) ? { ...l, autorisations: [CLUB] } : l));
  // Two more divers who hold the N1 only, as Hélène Lefèvre (licenceOf(3)).
  const helene = licensees.find((l) => l.licence === licenceOf(3))!;
  input.licensees = [...licensees, { ...helene, licence: licenceOf(20) }, { ...helene, licence: licenceOf(21) }];
  const sessions = input.sessions!;
  const n2 = sessions.find((s) => s.intitule === SESSIONS.n2)!;
  n2.candidats = [{ licence: licenceOf(3) }];
  n2.jury = [{ licence: licenceOf(1), role: "president" }];
  for (const [title, candidate] of [
    ["N2 été", 20],
    ["N2 automne", 21],
  ] as const) {
    sessions.push({ ...n2, intitule: title, candidats: [{ licence: licenceOf(candidate) }] });
  }
  return input;
}

describeTwoProcesses("closing from two server processes at once", world, (two) => {
  let close: typeof import("./close.server");
  let userId: number;

  const sessionId = async (title: string) =>
    (await two.db.selectFrom("exam_sessions").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;

  const certificates = () =>
    two.db
      .selectFrom("certifications_held as h")
      .innerJoin("exam_sessions as s", "s.id", "h.session_id")
      .select(["s.title", "h.certificate_number"])
      .orderBy("h.certificate_number")
      .execute();

  beforeAll(async () => {
    userId = await insertUser(two.db, { email: "club@example.org", name: "Club" });
    close = await import("./close.server");
  });

  afterAll(async () => {
    await app.cleanup();
  });

  it("closes one session once: the other process finds it closed, one certificate is numbered", async () => {
    const id = await sessionId(SESSIONS.n2);
    const outcomes = await Promise.all([
      close.closeSession(two.first, id, userId, "2026-06-20"),
      close.closeSession(two.second, id, userId, "2026-06-20"),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["already_closed", "closed"]);
    expect(await certificates()).toEqual([{ title: SESSIONS.n2, certificate_number: "N2-2026-000001" }]);
    expect(await countAuditLines(two.db, { session_id: id }, "session_closed")).toBe(1);
  }, 30_000);

  it("numbers the certificates of two sessions of the same brevet and year closed at once one after the other", async () => {
    const [summer, autumn] = [await sessionId("N2 été"), await sessionId("N2 automne")];
    const outcomes = await Promise.all([
      close.closeSession(two.first, summer, userId, "2026-06-20"),
      close.closeSession(two.second, autumn, userId, "2026-06-20"),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["closed", "closed"]);
    const numbers = (await certificates()).map((c) => c.certificate_number);
    expect(numbers).toEqual(["N2-2026-000001", "N2-2026-000002", "N2-2026-000003"]);
  }, 30_000);
});
