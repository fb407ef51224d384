/**
 * Authorisations given or withdrawn by two server processes at once against one PostgreSQL
 * database (docs/decisions/019): two connection pools stand for the two processes.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { countAuditLines, describeTwoProcesses, freshAppDatabase, insertUser } from "../../test/support/database";
import { CLUB, exportWorld, licenceOf } from "../../test/support/excel-world";

const app = await freshAppDatabase();

describeTwoProcesses("authorisations changed from two server processes at once", exportWorld, (two) => {
  let authorisations: typeof import("./authorisations.server");
  let licenseeId: number;
  let organiserId: number;
  let userId: number;

  beforeAll(async () => {
    licenseeId = (
      await two.db.selectFrom("licensees").select("id").where("licence", "=", licenceOf(2)).executeTakeFirstOrThrow()
    ).id;
    organiserId = (
      await two.db.selectFrom("organisers").select("id").where("code", "=", CLUB).executeTakeFirstOrThrow()
    ).id;
    userId = await insertUser(two.db, { email: "licencie@example.org", name: "Marc Petit", licenseeId });
    authorisations = await import("./authorisations.server");
  });

  afterAll(async () => {
    await app.cleanup();
  });

  const historyLines = (action: string) => countAuditLines(two.db, { licensee_id: licenseeId }, action);

  it("gives one authorisation and writes one history line for a double post", async () => {
    const outcomes = await Promise.all(
      [two.first, two.second].map((db) => authorisations.giveAuthorisation(db, { userId, licenseeId, organiserId })),
    );
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ message: "Vous avez déjà autorisé « Les Tritons de Paris »." });
    expect(await historyLines("authorisation_given")).toBe(1);
  }, 30_000);

  it("withdraws it once for a double post", async () => {
    const { id } = await two.db
      .selectFrom("authorisations")
      .select("id")
      .where("licensee_id", "=", licenseeId)
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.all(
      [two.first, two.second].map((db) =>
        authorisations.withdrawAuthorisation(db, { userId, licenseeId, authorisationId: id }),
      ),
    );
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(await historyLines("authorisation_withdrawn")).toBe(1);
  }, 30_000);
});
