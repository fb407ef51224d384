import { describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { loadWorld } from "../../../db/load";
import { licenseeIdOf, withFreshDatabase } from "../../../test/support/database";
import { ORGANISER_PAGE_SIZE, ORGANISER_RESULT_CAP, searchOrganisers } from "./organiser-search.server";
import { personalSpaceWorld } from "../../../test/support/personal-space-world";

let db: DB;
let marc: number;

withFreshDatabase({ world: personalSpaceWorld() }, async (database) => {
  db = database.db;
  marc = await licenseeIdOf(db, "A-75-100005");
});

const codes = async (query: string) => (await searchOrganisers(db, query, 1)).hits.map((h) => h.code);

describe("searchOrganisers", () => {
  // Each test: the searches typed and the codes found, in order.
  it.each<[string, [string, string[]][]]>([
    [
      "finds a club by a part of its name, whatever the case",
      [
        ["tritons", ["0750001"]],
        ["TRITONS", ["0750001"]],
        ["itons de par", ["0750001"]],
      ],
    ],
    [
      "ignores accents, typed or not",
      [
        ["lutece", ["0750456"]],
        ["Lutèce", ["0750456"]],
        ["plongée bastille", ["0750002"]],
      ],
    ],
    [
      "finds by code, whole or in part",
      [
        ["0750002", ["0750002"]],
        ["075000", ["0750001", "0750002"]],
        ["codep-75/technique", ["CODEP-75/TECHNIQUE"]],
      ],
    ],
    [
      "needs every word, in any order: a committee's commission by its commission and committee",
      [
        ["technique departemental", ["CODEP-75/TECHNIQUE"]],
        ["apnee ile-de-france", ["REGION-IDF/APNEE"]],
        ["paris tritons", ["0750001"]],
      ],
    ],
  ])("%s", async (_, searches) => {
    for (const [query, found] of searches) expect(await codes(query), query).toEqual(found);
  });

  it("says what each organiser is, and which ones the licensee already authorises", async () => {
    const { hits } = await searchOrganisers(db, "paris", 1, marc);
    // The committee's commissions (the catalogue's migrations write several), then the club.
    expect(hits.at(-1)).toEqual({
      id: expect.any(Number),
      code: "0750001",
      name: "Les Tritons de Paris",
      kind: "Club",
      authorised: false,
    });
    expect(hits.find((h) => h.code === "CODEP-75/TECHNIQUE")).toEqual({
      id: expect.any(Number),
      code: "CODEP-75/TECHNIQUE",
      name: "Commission Technique – Comité départemental de Paris",
      kind: "Commission départementale",
      authorised: false,
    });
    expect(hits.slice(0, -1).every((h) => h.code.startsWith("CODEP-75/"))).toBe(true);
    expect((await searchOrganisers(db, "bastille", 1, marc)).hits).toEqual([
      expect.objectContaining({ kind: "Club", authorised: true }),
    ]);
    expect((await searchOrganisers(db, "lutece", 1, marc)).hits).toEqual([
      expect.objectContaining({ kind: "SCA", authorised: false }),
    ]);
    expect((await searchOrganisers(db, "region-idf/technique", 1)).hits).toEqual([
      expect.objectContaining({ kind: "Commission régionale" }),
    ]);
  });

  it("asks for two characters at least, and treats % and _ literally", async () => {
    expect(await searchOrganisers(db, "e", 1)).toMatchObject({
      total: 0,
      hits: [],
      problem: "Saisissez au moins deux caractères du nom ou du code de la structure.",
    });
    expect(await searchOrganisers(db, "   ", 1)).toMatchObject({ total: 0, problem: null });
    expect(await searchOrganisers(db, "%%", 1)).toMatchObject({ total: 0, problem: null });
    expect(await searchOrganisers(db, "p_ris", 1)).toMatchObject({ total: 0, problem: null });
    expect(await searchOrganisers(db, "zzzz", 1)).toMatchObject({ total: 0, problem: null });
  });

  it("pages the matches and caps them", async () => {
    const many = Array.from({ length: ORGANISER_RESULT_CAP + 30 }, (_, i) => ({
      code: `0759${String(i).padStart(3, "0")}`,
      type: "CLUB" as const,
      name: `Club des Mérous n°${String(i).padStart(3, "0")}`,
      parent: "CODEP-75",
    }));
    await loadWorld(db, { structures: many });

    const first = await searchOrganisers(db, "merous", 1);
    expect(first).toMatchObject({
      total: ORGANISER_RESULT_CAP + 1,
      capped: true,
      offered: ORGANISER_RESULT_CAP,
      page: 1,
      pageCount: 10,
    });
    expect(first.hits).toHaveLength(ORGANISER_PAGE_SIZE);
    expect(first.hits[0].code).toBe("0759000");

    const last = await searchOrganisers(db, "merous", 999);
    expect(last.page).toBe(10);
    expect(last.hits.map((h) => h.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => `0759${String(180 + i).padStart(3, "0")}`),
    );

    const few = await searchOrganisers(db, "merous n°01", 2);
    expect(few).toMatchObject({ total: 10, capped: false, offered: 10, page: 1, pageCount: 1 });
  });
});
