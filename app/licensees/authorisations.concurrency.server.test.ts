/**
 * Authorisations given or withdrawn by two server processes at once against one PostgreSQL
 * database (docs/decisions/019): two connection pools stand for the two processes.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { describeOnPostgres, freshAppDatabase, freshDatabase, type FreshDatabase } from "../../test/support/database";
import { CLUB, exportWorld, licenceOf } from "../../test/support/excel-world";

const app = await freshAppDatabase();

describeOnPostgres("authorisations changed from two server processes at once", () => {
  let database: FreshDatabase;
  let first: DB;
  let second: DB;
  let authorisations: typeof import("./authorisations.server");
  let licenseeId: number;
  let organiserId: number;
  let userId: number;

  beforeAll(async () => {
    database = await freshDatabase("postgres");
    await loadWorld(database.db, exportWorld());
    licenseeId = (
      await database.db
        .selectFrom("licensees")
        .select("id")
        .where("licence", "=", licenceOf(2))
        .executeTakeFirstOrThrow()
    ).id;
    organiserId = (
      await database.db.selectFrom("organisers").select("id").where("code", "=", CLUB).executeTakeFirstOrThrow()
    ).id;
    userId = (
      await database.db
        .insertInto("users")
        .values({
          email: "licencie@example.org",
          password_hash: "",
          name: "Marc Petit",
          is_admin: 0,
          licensee_id: licenseeId,
          created_at: "2026-01-01T10:00:00.000Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    first = openDatabase(database.path, { poolMax: 2 });
    second = openDatabase(database.path, { poolMax: 2 });
    authorisations = await import("./authorisations.server");
  });

  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await database?.cleanup();
    await app.cleanup();
  });

  const historyLines = async (action: string) =>
    (
      await database.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("licensee_id", "=", licenseeId)
        .where("action", "=", action)
        .executeTakeFirstOrThrow()
    ).n;

  it("gives one authorisation and writes one history line for a double post", async () => {
    const outcomes = await Promise.all(
      [first, second].map((db) => authorisations.giveAuthorisation(db, { userId, licenseeId, organiserId })),
    );
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ message: "Vous avez déjà autorisé « Les Tritons de Paris »." });
    expect(await historyLines("authorisation_given")).toBe(1);
  }, 30_000);

  it("withdraws it once for a double post", async () => {
    const { id } = await database.db
      .selectFrom("authorisations")
      .select("id")
      .where("licensee_id", "=", licenseeId)
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.all(
      [first, second].map((db) =>
        authorisations.withdrawAuthorisation(db, { userId, licenseeId, authorisationId: id }),
      ),
    );
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(await historyLines("authorisation_withdrawn")).toBe(1);
  }, 30_000);
});
