import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { draftSessionRow, freshAppDatabase } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";
import { parseListParams } from "./list-filters";

const database = await freshAppDatabase();

let db: DB;
let list: typeof import("./list.server");
let tritons: number;
let bastille: number;

const filters = (search: string) => parseListParams(new URLSearchParams(search)).filters;

beforeAll(async () => {
  ({ db } = await import("~/utils/db.server"));
  list = await import("./list.server");
  await loadWorld(db, personalSpaceWorld());
  const organiser = async (code: string) =>
    (await db.selectFrom("organisers").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  tritons = await organiser("0750001");
  bastille = await organiser("0750002");
  // 130 sessions: 70 of the Tritons at the "Piscine Pontoise", 60 of Plongée Bastille elsewhere.
  const rows = Array.from({ length: 130 }, (_, i) =>
    draftSessionRow(i < 70 ? tritons : bastille, {
      title: `Niveau 1 n° ${i + 1}`,
      place: i < 70 ? "Piscine Pontoise" : "Fosse Émeraude",
      start: `2026-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, "0")}`,
    }),
  );
  await db.insertInto("exam_sessions").values(rows).execute();
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

describe("countIsCapped", () => {
  it("caps only a text search over the whole federation", () => {
    expect(list.countIsCapped(null, filters("intitule=niveau"))).toBe(true);
    expect(list.countIsCapped(null, filters("lieu=piscine"))).toBe(true);
    expect(list.countIsCapped(null, filters("intitule=niveau&organisateur=0750001"))).toBe(false);
    expect(list.countIsCapped(null, filters("brevet=N1&du=2026-01-01"))).toBe(false);
    expect(list.countIsCapped(tritons, filters("intitule=niveau"))).toBe(false);
  });
});

describe("readListPage", () => {
  it("counts a scope's sessions exactly, whatever the filters", async () => {
    const page = await list.readListPage(db, tritons, filters("intitule=niveau"), { cap: 10 });
    expect(page).toMatchObject({ total: 70, more: false, pageCount: 2, page: 1, pastEnd: false, empty: null });
    expect(page.rows).toHaveLength(50);
  });

  it("stops counting a federation-wide text search past the cap, and still lists the page", async () => {
    const page = await list.readListPage(db, null, filters("lieu=piscine"), { cap: 10 });
    expect(page).toMatchObject({ total: 10, more: true, pageCount: null, page: 1 });
    expect(page.rows).toHaveLength(50);
    expect(page.rows.every((r) => r.place === "Piscine Pontoise")).toBe(true);
    const second = await list.readListPage(db, null, filters("lieu=piscine&page=2"), { cap: 10 });
    expect(second).toMatchObject({ more: true, page: 2 });
    expect(second.rows).toHaveLength(20);
  });

  it("counts exactly under the cap", async () => {
    expect(await list.readListPage(db, null, filters("lieu=piscine"), { cap: 1000 })).toMatchObject({
      total: 70,
      more: false,
      pageCount: 2,
    });
    expect(await list.readListPage(db, null, filters("lieu=piscine"), { cap: 70 })).toMatchObject({
      total: 70,
      more: false,
    });
    expect(await list.readListPage(db, null, filters("lieu=piscine"), { cap: 69 })).toMatchObject({
      total: 69,
      more: true,
    });
  });

  it("reads the totals without a text or date filter from the kept counts, equal to the sessions counted", async () => {
    const counted = async (organiserId: number | null, brevet: string | null, status: "draft" | "closed" | null) => {
      let query = db.selectFrom("exam_sessions").select((eb) => eb.fn.countAll<number>().as("n"));
      if (organiserId !== null) query = query.where("organiser_id", "=", organiserId);
      if (brevet) query = query.where("certification_code", "=", brevet);
      if (status) query = query.where("status", "=", status);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };
    const cases: [number | null, string, string | null, "draft" | "closed" | null][] = [
      [null, "", null, null],
      [null, "brevet=N1", "N1", null],
      [null, "statut=en_creation", null, "draft"],
      [null, "statut=cloturee&brevet=N1", "N1", "closed"],
      [tritons, "", null, null],
      [tritons, "brevet=N1&statut=en_creation", "N1", "draft"],
      [bastille, "brevet=N2", "N2", null],
      [null, "organisateur=0750002", null, null],
    ];
    for (const [organiserId, search, brevet, status] of cases) {
      const scope = search.includes("organisateur") ? bastille : organiserId;
      const page = await list.readListPage(db, organiserId, filters(search));
      expect(page.total, search).toBe(await counted(scope, brevet, status));
    }
    expect((await list.readListPage(db, tritons, filters(""))).total).toBe(70);
    expect((await list.readListPage(db, null, filters("organisateur=9999999"))).total).toBe(0);
  });

  it("counts a capped title search the same whether the titles begin with the text or only contain it", async () => {
    // Each search, the cap, and whether more match than the cap: the total given is the cap.
    const cases: [string, number, boolean][] = [
      // All 130 titles begin with "niveau 1 n°"; "1 n° 1" is inside 42 of them (1, 10–19, 100–130), at the start of none.
      ["intitule=Niveau 1 n°", 10, true],
      ["intitule=niveau 1 n° 12", 11, false],
      ["intitule=1 n° 1", 41, true],
      ["intitule=1 n° 1", 42, false],
      // Other filters still apply to the titles that begin with the text.
      ["intitule=niveau&lieu=emeraude", 59, true],
      ["intitule=niveau&lieu=emeraude", 60, false],
    ];
    for (const [search, cap, more] of cases) {
      expect(await list.readListPage(db, null, filters(search), { cap }), `${search} (${cap})`).toMatchObject({
        total: cap,
        more,
      });
    }
  });

  it("shows the last page of a capped search asked past its end, counted in full", async () => {
    const page = await list.readListPage(db, null, filters("lieu=piscine&page=9"), { cap: 10 });
    expect(page).toMatchObject({ total: 70, more: false, pageCount: 2, page: 2, pastEnd: true });
    expect(page.rows).toHaveLength(20);
  });

  it("tells an empty scope from filters that match nothing", async () => {
    expect(await list.readListPage(db, tritons, filters("intitule=zzz"))).toMatchObject({
      total: 0,
      empty: "filters",
      rows: [],
    });
    expect(await list.readListPage(db, null, filters("intitule=zzz"), { cap: 10 })).toMatchObject({
      total: 0,
      more: false,
      empty: "filters",
    });
    const lutece = (
      await db.selectFrom("organisers").select("id").where("code", "=", "0750456").executeTakeFirstOrThrow()
    ).id;
    expect(await list.readListPage(db, lutece, filters(""))).toMatchObject({ total: 0, empty: "scope" });
  });

  it("reads a page past the middle from the end: same rows as from the start", async () => {
    const all = await list.readListPage(db, null, filters("tri=intitule_asc&organisateur="), {});
    expect(all.total).toBe(130);
    const last = await list.readListPage(db, null, filters("tri=intitule_asc&page=3"));
    const ids = (
      await db
        .selectFrom("exam_sessions")
        .select(["id", "title_search"])
        .orderBy("title_search")
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
    expect(last.rows.map((r) => r.id)).toEqual(ids.slice(100, 130));
  });
});
