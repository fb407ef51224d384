import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { dumpTables, freshDatabase } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";

// The module writes history through ~/utils/audit.server, which boots ~/utils/db.server from the
// environment: point it at the test database before importing.
let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: DB;
let mod: typeof import("./authorisations.server");

const ids = { organisers: new Map<string, number>(), licensees: new Map<string, number>(), user: 0 };
const organiser = (code: string) => ids.organisers.get(code)!;
const licensee = (licence: string) => ids.licensees.get(licence)!;
const CLAIRE = "A-75-100003";
const MARC = "A-75-100005";
const ZOE = "A-75-100004";

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  process.env.DATABASE_URL = database.path;
  process.env.DEMO = "off";
  mod = await import("./authorisations.server");
});

afterAll(async () => {
  await database.cleanup();
});

beforeEach(async () => {
  // Back to the world's authorisations, undated as the registry gives them.
  await db.deleteFrom("authorisations").execute();
  await loadWorld(db, personalSpaceWorld());
  await db.deleteFrom("audit_log").execute();
  for (const o of await db.selectFrom("organisers").select(["id", "code"]).execute()) ids.organisers.set(o.code, o.id);
  for (const l of await db.selectFrom("licensees").select(["id", "licence"]).execute())
    ids.licensees.set(l.licence, l.id);
  ids.user = (
    await db.selectFrom("users").select("id").where("email", "=", "moniteur@test.fr").executeTakeFirstOrThrow()
  ).id;
});

const everyone = () => [CLAIRE, MARC, ZOE].map(licensee);

describe("authorisation lookup by organiser", () => {
  it("a club: only those who authorised that very club", async () => {
    expect(await mod.authorisersOf(db, organiser("0750001"), everyone())).toEqual(new Set([licensee(CLAIRE)]));
    expect(await mod.authorisersOf(db, organiser("0750002"), everyone())).toEqual(new Set([licensee(MARC)]));
    expect(await mod.authorisersOf(db, organiser("0750456"), everyone())).toEqual(new Set());
  });

  it("a committee's commission: that commission only, not the committee's others, nor the clubs below, nor the region", async () => {
    expect(await mod.authorisersOf(db, organiser("CODEP-75/TECHNIQUE"), everyone())).toEqual(
      new Set([licensee(CLAIRE)]),
    );
    expect(await mod.authorisersOf(db, organiser("CODEP-75/APNEE"), everyone())).toEqual(new Set());
    expect(await mod.authorisersOf(db, organiser("REGION-IDF/TECHNIQUE"), everyone())).toEqual(new Set());
    // Authorising the CODEP's commission does not authorise a club of that CODEP.
    expect(await mod.authorisersOf(db, organiser("0750002"), [licensee(CLAIRE)])).toEqual(new Set());
  });

  it("looks only among the people asked about", async () => {
    expect(await mod.authorisersOf(db, organiser("0750001"), [licensee(MARC), licensee(ZOE)])).toEqual(new Set());
    expect(await mod.authorisersOf(db, organiser("0750001"), [])).toEqual(new Set());
  });

  it("by organiser code", async () => {
    expect(await mod.hasAuthorised(db, licensee(CLAIRE), "CODEP-75/TECHNIQUE")).toBe(true);
    expect(await mod.hasAuthorised(db, licensee(CLAIRE), "CODEP-75/APNEE")).toBe(false);
    expect(await mod.hasAuthorised(db, licensee(MARC), "0750002")).toBe(true);
    expect(await mod.hasAuthorised(db, licensee(MARC), "0750001")).toBe(false);
  });

  it("lists a licensee's authorisations by name, the registry's without a date", async () => {
    expect(await mod.listAuthorisations(db, licensee(CLAIRE))).toEqual([
      expect.objectContaining({
        code: "CODEP-75/TECHNIQUE",
        name: "Commission Technique – Comité départemental de Paris",
        givenAt: null,
      }),
      expect.objectContaining({ code: "0750001", name: "Les Tritons de Paris", givenAt: null }),
    ]);
    expect(await mod.listAuthorisations(db, licensee(ZOE))).toEqual([]);
  });
});

describe("giving an authorisation", () => {
  const NOW = new Date("2026-06-15T21:30:00.000Z");

  it("authorises the organiser, dated, and records it in the history", async () => {
    const outcome = await mod.giveAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      organiserId: organiser("0750001"),
      now: NOW,
    });
    expect(outcome).toEqual({ ok: true, name: "Les Tritons de Paris", code: "0750001" });
    expect(await mod.authorisersOf(db, organiser("0750001"), everyone())).toEqual(
      new Set([licensee(CLAIRE), licensee(MARC)]),
    );
    expect(await mod.listAuthorisations(db, licensee(MARC))).toEqual([
      expect.objectContaining({ code: "0750001", givenAt: "2026-06-15T21:30:00.000Z" }),
      expect.objectContaining({ code: "0750002", givenAt: null }),
    ]);
    const history = await db.selectFrom("audit_log").selectAll().execute();
    expect(history).toEqual([
      expect.objectContaining({
        user_id: ids.user,
        licensee_id: licensee(MARC),
        session_id: null,
        action: "authorisation_given",
        details: "Autorisation donnée à « Les Tritons de Paris » (0750001)",
      }),
    ]);
    expect(await mod.authorisationHistory(db, licensee(MARC))).toHaveLength(1);
  });

  it("a committee's commission too", async () => {
    const outcome = await mod.giveAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      organiserId: organiser("REGION-IDF/TECHNIQUE"),
    });
    expect(outcome).toMatchObject({ ok: true, code: "REGION-IDF/TECHNIQUE" });
    expect(await mod.hasAuthorised(db, licensee(MARC), "REGION-IDF/TECHNIQUE")).toBe(true);
    expect(await mod.hasAuthorised(db, licensee(MARC), "REGION-IDF/APNEE")).toBe(false);
  });

  it("refuses an organiser already authorised, or unknown, and changes nothing", async () => {
    const before = await dumpTables(db);
    expect(
      await mod.giveAuthorisation(db, {
        userId: ids.user,
        licenseeId: licensee(MARC),
        organiserId: organiser("0750002"),
      }),
    ).toEqual({ ok: false, message: "Vous avez déjà autorisé « Plongée Bastille »." });
    expect(
      await mod.giveAuthorisation(db, { userId: ids.user, licenseeId: licensee(MARC), organiserId: 999_999 }),
    ).toEqual({
      ok: false,
      message: "Cette structure n'existe pas : choisissez-la dans les résultats de la recherche.",
    });
    expect(await dumpTables(db)).toEqual(before);
  });
});

describe("withdrawing an authorisation", () => {
  const own = async (licence: string, code: string) =>
    (await mod.listAuthorisations(db, licensee(licence))).find((a) => a.code === code)!.id;

  it("removes it, records it, and touches nothing else (sessions included)", async () => {
    const id = await own(MARC, "0750002");
    const before = await dumpTables(db, { except: ["authorisations", "audit_log", "sqlite_sequence"] });
    const outcome = await mod.withdrawAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      authorisationId: id,
    });
    expect(outcome).toEqual({ ok: true, name: "Plongée Bastille", code: "0750002" });
    expect(await mod.authorisersOf(db, organiser("0750002"), everyone())).toEqual(new Set());
    expect(await mod.listAuthorisations(db, licensee(MARC))).toEqual([]);
    expect(await db.selectFrom("audit_log").select(["licensee_id", "action", "details"]).execute()).toEqual([
      {
        licensee_id: licensee(MARC),
        action: "authorisation_withdrawn",
        details: "Autorisation retirée à « Plongée Bastille » (0750002)",
      },
    ]);
    expect(await dumpTables(db, { except: ["authorisations", "audit_log", "sqlite_sequence"] })).toEqual(before);
  });

  it("refuses one already withdrawn, or somebody else's, and changes nothing", async () => {
    const id = await own(MARC, "0750002");
    await mod.withdrawAuthorisation(db, { userId: ids.user, licenseeId: licensee(MARC), authorisationId: id });
    const before = await dumpTables(db);
    const again = await mod.withdrawAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      authorisationId: id,
    });
    expect(again).toEqual({ ok: false, message: "Cette autorisation n'existe pas ou a déjà été retirée." });
    const claires = await own(CLAIRE, "0750001");
    const theirs = await mod.withdrawAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      authorisationId: claires,
    });
    expect(theirs).toEqual({ ok: false, message: "Cette autorisation n'existe pas ou a déjà été retirée." });
    expect(await mod.findOwnAuthorisation(db, licensee(MARC), claires)).toBeUndefined();
    expect(await dumpTables(db)).toEqual(before);
  });

  it("withdrawn then given again: the lookup follows", async () => {
    const id = await own(MARC, "0750002");
    await mod.withdrawAuthorisation(db, { userId: ids.user, licenseeId: licensee(MARC), authorisationId: id });
    expect(await mod.hasAuthorised(db, licensee(MARC), "0750002")).toBe(false);
    await mod.giveAuthorisation(db, {
      userId: ids.user,
      licenseeId: licensee(MARC),
      organiserId: organiser("0750002"),
    });
    expect(await mod.hasAuthorised(db, licensee(MARC), "0750002")).toBe(true);
    expect((await mod.authorisationHistory(db, licensee(MARC))).map((h) => h.action)).toEqual([
      "authorisation_given",
      "authorisation_withdrawn",
    ]);
  });
});

describe("parseId", () => {
  it.each([
    ["12", 12],
    ["0", null],
    ["", null],
    ["-3", null],
    ["1.5", null],
    ["12abc", null],
    ["1 OR 1=1", null],
    ["9999999999999", null],
    [null, null],
  ])("%j → %j", (raw, expected) => {
    expect(mod.parseId(raw)).toBe(expected);
  });
});
