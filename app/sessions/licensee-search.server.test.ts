import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { normalizeName, searchWords } from "../../db/normalize";
import { freshAppDatabase, insertDraft } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";

const database = await freshAppDatabase();

let db: DB;
let search: typeof import("~/utils/licensee-search.server");
let people: typeof import("./people.server");
let sessionId: number;

const person = (licence: string, nom: string, prenom: string, naissance: string, structure = "0750001") => ({
  licence,
  nom,
  prenom,
  naissance,
  structure,
  licences: [{ saison: 2026, statut: "validee" as const }],
  brevets: [],
});

beforeAll(async () => {
  ({ db } = await import("~/utils/db.server"));
  search = await import("~/utils/licensee-search.server");
  people = await import("./people.server");
  const world = personalSpaceWorld();
  world.licensees?.push(
    person("A-29-100001", "Le Bihan", "Isabelle", "1984-02-03"),
    person("A-75-100010", "Dupont", "Charlotte", "1990-05-06", "0750002"),
    person("A-16-179240", "Château-Landon", "Jean-François", "1979-09-10"),
    // Namesakes, told apart by birth date and structure.
    person("A-75-100011", "Martin", "Paul", "1980-01-01"),
    person("A-75-100012", "Martin", "Paul", "1992-12-31", "0750002"),
  );
  await loadWorld(db, world);
  sessionId = await insertDraft(db, "0750001", {
    title: "N1",
    certification: "N1",
    place: "Château-Landon",
    start: "2026-06-13",
  });
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

describe("the searchable form of a name", () => {
  it.each([
    ["Château-Landon", "chateau landon"],
    ["Dupont, Charlotte", "dupont charlotte"],
    ["  LE   BIHAN ", "le bihan"],
    ["Jean–François", "jean francois"],
    ["Œuvre", "oeuvre"],
  ])("%s → %s", (text, expected) => {
    expect(normalizeName(text)).toBe(expected);
  });

  it("splits a query into words", () => {
    expect(searchWords("Dupont, Charlotte")).toEqual(["dupont", "charlotte"]);
    expect(searchWords(" - , ")).toEqual([]);
  });
});

describe("the licensee search forgives", () => {
  const names = async (query: string, options = {}) =>
    (await search.searchLicensees(query, 1, options)).hits.map((h) => `${h.lastName} ${h.firstName}`);

  it.each([
    ["Isabelle Le Bihan", "Le Bihan Isabelle"],
    ["le bihan isabelle", "Le Bihan Isabelle"],
    ["LE BIHAN", "Le Bihan Isabelle"],
    ["Dupont, Charlotte", "Dupont Charlotte"],
    ["charlotte dupont", "Dupont Charlotte"],
    ["chateau landon", "Château-Landon Jean-François"],
    ["jean francois chateau-landon", "Château-Landon Jean-François"],
    ["16179240", "Château-Landon Jean-François"],
    ["16-179240", "Château-Landon Jean-François"],
    ["A-16-179240", "Château-Landon Jean-François"],
    ["a16179240", "Château-Landon Jean-François"],
  ])("« %s » finds %s", async (query, expected) => {
    expect(await names(query)).toEqual([expected]);
  });

  it("tells namesakes apart by birth date and structure", async () => {
    const hits = (await search.searchLicensees("paul martin", 1)).hits;
    expect(hits.map((h) => [h.birthDate, h.structureName])).toEqual([
      ["1980-01-01", "Les Tritons de Paris"],
      ["1992-12-31", "Plongée Bastille"],
    ]);
  });

  it("« Ma structure seulement » keeps the licensees of that structure", async () => {
    expect(await names("paul martin", { structureOf: "0750001" })).toEqual(["Martin Paul"]);
    // A committee's own structure reaches its clubs.
    expect(await names("paul martin", { structureOf: "CODEP-75" })).toHaveLength(2);
  });

  it("gives the licence state on the day asked, not today", async () => {
    const [hit] = (await search.searchLicensees("le bihan", 1, { day: "2027-06-01" })).hits;
    expect(hit.licenceState).toBe("expiree");
    const [now] = (await search.searchLicensees("le bihan", 1, { day: "2026-06-13" })).hits;
    expect(now.licenceState).toBe("valide");
  });
});

describe("the list's Lieu filter", () => {
  it.each(["chateau landon", "Château-Landon", "landon, chateau", "LANDON"])(
    "« %s » finds Château-Landon",
    async (lieu) => {
      const { parseListParams } = await import("./list-filters");
      const list = await import("./list.server");
      const { filters } = parseListParams(new URLSearchParams({ lieu }));
      const page = await list.readListPage(db, null, filters);
      expect(page.rows.map((r) => r.place)).toEqual(["Château-Landon"]);
    },
  );
});

describe("« Ajouter par numéros de licence »", () => {
  it("adds the valid numbers in one go and says why the others were not added", async () => {
    const text = "A-29-100001\n75100010, 16179240 ; A-99-999999 bonjour A-29-100001";
    const outcome = await people.addByLicences(db, sessionId, 1, text, { kind: "candidate" });
    expect(outcome.added.sort()).toEqual(["Charlotte Dupont", "Isabelle Le Bihan", "Jean-François Château-Landon"]);
    expect(outcome.refused).toEqual([
      "Numéro de licence inconnu : A-99-999999",
      "« bonjour » n'est pas un numéro de licence.",
    ]);
    const again = await people.addByLicences(db, sessionId, 1, "A-29-100001", { kind: "candidate" });
    expect(again).toEqual({ added: [], refused: ["Isabelle Le Bihan est déjà candidat dans cette session."] });
    const asJury = await people.addByLicences(db, sessionId, 1, "A-75-100003 A-75-100010", {
      kind: "jury",
      role: "president",
    });
    expect(asJury.added).toEqual(["Claire Moreau"]);
    expect(asJury.refused).toEqual([
      "Charlotte Dupont est candidat : une même personne ne peut pas être candidat et membre du jury.",
    ]);
  });
});

describe("the jury's order", () => {
  it("is Président, Délégué, Membre, whatever the order they were added in", async () => {
    const ids = await db
      .selectFrom("licensees")
      .select(["id", "licence"])
      .where("licence", "in", ["A-75-100011", "A-75-100012", "A-75-100005"])
      .execute();
    const id = (licence: string) => ids.find((row) => row.licence === licence)!.id;
    await people.addPeople(db, sessionId, 1, [id("A-75-100011")], { kind: "jury", role: "membre" });
    await people.addPeople(db, sessionId, 1, [id("A-75-100012")], { kind: "jury", role: "delegue" });
    await people.addPeople(db, sessionId, 1, [id("A-75-100005")], { kind: "jury", role: "president" });
    const jury = await people.listJury(db, sessionId);
    expect(jury.map((member) => member.role)).toEqual(["president", "president", "delegue", "membre"]);
  });
});
