import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/connection";
import { loadWorld } from "../../../db/load";
import { useFreshAppDatabase } from "../../../db/test-utils";
import { normalizeSearch } from "../../../db/normalize";
import { personalSpaceWorld } from "../mon-espace/world.fixture";
import { parseListParams } from "./filters";

const database = useFreshAppDatabase();

let db: DB;
let list: typeof import("./sessions.server");
let tritons: number;
let bastille: number;

const filters = (search: string) => parseListParams(new URLSearchParams(search)).filters;

beforeAll(async () => {
  ({ db } = await import("~/utils/db.server"));
  list = await import("./sessions.server");
  await loadWorld(db, personalSpaceWorld());
  const organiser = async (code: string) =>
    (await db.selectFrom("organisers").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  tritons = await organiser("0750001");
  bastille = await organiser("0750002");
  // 130 sessions: 70 of the Tritons at the "Piscine Pontoise", 60 of Plongée Bastille elsewhere.
  const rows = Array.from({ length: 130 }, (_, i) => {
    const title = `Niveau 1 n° ${i + 1}`;
    const place = i < 70 ? "Piscine Pontoise" : "Fosse Émeraude";
    const day = String((i % 28) + 1).padStart(2, "0");
    return {
      title,
      title_search: normalizeSearch(title),
      organiser_id: i < 70 ? tritons : bastille,
      certification_code: "N1",
      grid_id: null,
      place,
      place_search: normalizeSearch(place),
      start_date: `2026-0${(i % 9) + 1}-${day}`,
      end_date: null,
      status: "draft" as const,
      created_by: null,
      created_at: "2026-01-01T10:00:00.000Z",
      updated_by: null,
      updated_at: "2026-01-01T10:00:00.000Z",
      closed_by: null,
      closed_at: null,
    };
  });
  await db.insertInto("exam_sessions").values(rows).execute();
});

afterAll(async () => {
  await db.destroy();
  database.cleanup();
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
    const page = await list.readListPage(tritons, filters("intitule=niveau"), { cap: 10 });
    expect(page).toMatchObject({ total: 70, more: false, pageCount: 2, page: 1, pastEnd: false, empty: null });
    expect(page.rows).toHaveLength(50);
  });

  it("stops counting a federation-wide text search past the cap, and still lists the page", async () => {
    const page = await list.readListPage(null, filters("lieu=piscine"), { cap: 10 });
    expect(page).toMatchObject({ total: 10, more: true, pageCount: null, page: 1 });
    expect(page.rows).toHaveLength(50);
    expect(page.rows.every((r) => r.place === "Piscine Pontoise")).toBe(true);
    const second = await list.readListPage(null, filters("lieu=piscine&page=2"), { cap: 10 });
    expect(second).toMatchObject({ more: true, page: 2 });
    expect(second.rows).toHaveLength(20);
  });

  it("counts exactly under the cap", async () => {
    expect(await list.readListPage(null, filters("lieu=piscine"), { cap: 1000 })).toMatchObject({
      total: 70,
      more: false,
      pageCount: 2,
    });
    expect(await list.readListPage(null, filters("lieu=piscine"), { cap: 70 })).toMatchObject({ total: 70, more: false });
    expect(await list.readListPage(null, filters("lieu=piscine"), { cap: 69 })).toMatchObject({ total: 69, more: true });
  });

  it("shows the last page of a capped search asked past its end, counted in full", async () => {
    const page = await list.readListPage(null, filters("lieu=piscine&page=9"), { cap: 10 });
    expect(page).toMatchObject({ total: 70, more: false, pageCount: 2, page: 2, pastEnd: true });
    expect(page.rows).toHaveLength(20);
  });

  it("tells an empty scope from filters that match nothing", async () => {
    expect(await list.readListPage(tritons, filters("intitule=zzz"))).toMatchObject({ total: 0, empty: "filters", rows: [] });
    expect(await list.readListPage(null, filters("intitule=zzz"), { cap: 10 })).toMatchObject({ total: 0, more: false, empty: "filters" });
    const lutece = (await db.selectFrom("organisers").select("id").where("code", "=", "0750456").executeTakeFirstOrThrow()).id;
    expect(await list.readListPage(lutece, filters(""))).toMatchObject({ total: 0, empty: "scope" });
  });

  it("reads a page past the middle from the end: same rows as from the start", async () => {
    const all = await list.readListPage(null, filters("tri=intitule_asc&organisateur="), {});
    expect(all.total).toBe(130);
    const last = await list.readListPage(null, filters("tri=intitule_asc&page=3"));
    const ids = (await db.selectFrom("exam_sessions").select(["id", "title_search"]).orderBy("title_search").orderBy("id").execute()).map((r) => r.id);
    expect(last.rows.map((r) => r.id)).toEqual(ids.slice(100, 130));
  });
});
