import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { describeEachDialect, freshDatabase, type FreshDatabase } from "../../test/support/database";
import { JOURNAL_PAGE_SIZE, journalSearch, parseJournalParams, type JournalFilters } from "./journal-filters";
import { journalRows, parisDayStart, readJournalPage } from "./journal-list.server";
import { recordSecurityEvent, type JournalKind } from "./journal.server";

const none: JournalFilters = { evenement: null, email: "", du: null, au: null, page: 1 };
const parse = (query: string) => parseJournalParams(new URLSearchParams(query));

describe("the journal screen's URL", () => {
  it("reads every filter", () => {
    expect(parse("evenement=login_failed&email=Alice@Test.fr&du=2026-05-01&au=2026-05-31&page=3")).toEqual({
      filters: { evenement: "login_failed", email: "alice@test.fr", du: "2026-05-01", au: "2026-05-31", page: 3 },
      notices: [],
    });
    expect(parse("evenement=&email=&du=&au=")).toEqual({ filters: none, notices: [] });
  });

  it("ignores a malformed parameter with a French notice, never failing", () => {
    const { filters, notices } = parse("evenement=constructor&du=2026-02-30&au=demain&page=-2");
    expect(filters).toEqual(none);
    expect(notices).toEqual([
      "Le filtre « Événement » (« constructor ») n'est pas un événement connu : il a été ignoré.",
      "Le filtre « Du » (« 2026-02-30 ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré.",
      "Le filtre « Au » (« demain ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré.",
      "Le filtre « Page » (« -2 ») n'est pas un numéro de page : il a été ignoré.",
    ]);
    expect(parse("du=2026-06-02&au=2026-06-01").notices).toEqual([
      "La date « Du » est postérieure à la date « Au » : aucun événement ne peut correspondre.",
    ]);
  });

  it("writes back a short URL that reads the same", () => {
    const filters: JournalFilters = { evenement: "logout", email: "a@b.fr", du: "2026-01-01", au: null, page: 4 };
    expect(journalSearch(filters)).toBe("?evenement=logout&email=a%40b.fr&du=2026-01-01&page=4");
    expect(parse(journalSearch(filters).slice(1)).filters).toEqual(filters);
    expect(journalSearch(none)).toBe("");
    expect(journalSearch(filters, 1)).toBe("?evenement=logout&email=a%40b.fr&du=2026-01-01");
  });

  it("takes days in Paris time, summer and winter", () => {
    expect(parisDayStart("2026-01-15")).toBe("2026-01-14T23:00:00.000Z");
    expect(parisDayStart("2026-07-01")).toBe("2026-06-30T22:00:00.000Z");
    expect(parisDayStart("2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(parisDayStart("2026-03-30")).toBe("2026-03-29T22:00:00.000Z");
    expect(parisDayStart("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
  });
});

describeEachDialect("the journal's queries", (dialect) => {
  let fresh: FreshDatabase;
  let db: DB;
  let alice: number;

  const add = (kind: JournalKind, email: string | null, at: string, userId: number | null = null) =>
    recordSecurityEvent(db, { kind, email, userId, client: { ip: "192.0.2.1", userAgent: "Test" } }, new Date(at));
  const emails = async (filters: Partial<JournalFilters>) =>
    (await readJournalPage(db, { ...none, ...filters })).rows.map((r) => `${r.kind} ${r.email}`);

  beforeAll(async () => {
    fresh = await freshDatabase(dialect);
    db = fresh.db;
    alice = (
      await db
        .insertInto("users")
        .values({
          email: "alice@test.fr",
          password_hash: "x",
          name: "Alice Martin",
          is_admin: 0,
          licensee_id: null,
          created_at: "2026-01-01T00:00:00.000Z",
          state: "active",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => fresh.cleanup());
  beforeEach(async () => {
    await db.deleteFrom("security_journal").execute();
  });

  it("lists the newest first, with the acting user's name", async () => {
    await add("login_succeeded", "alice@test.fr", "2026-05-01T08:00:00Z", alice);
    await add("login_failed", "bob@test.fr", "2026-05-02T08:00:00Z");
    await add("logout", "alice@test.fr", "2026-05-03T08:00:00Z", alice);
    const page = await readJournalPage(db, none);
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.kind)).toEqual(["logout", "login_failed", "login_succeeded"]);
    expect(page.rows[0]).toMatchObject({ user_name: "Alice Martin", user_email: "alice@test.fr", ip: "192.0.2.1" });
    expect(page.rows[1]).toMatchObject({ user_id: null, user_name: null });
  });

  it("narrows by kind, by the beginning of the e-mail (wildcards taken literally) and by Paris days", async () => {
    await add("login_failed", "alice@test.fr", "2026-05-01T21:59:00Z"); // 1 May 23:59 in Paris
    await add("login_failed", "a_b@test.fr", "2026-05-01T22:00:00Z"); // 2 May 00:00 in Paris
    await add("login_succeeded", "axb@test.fr", "2026-05-02T21:59:59Z"); // 2 May 23:59:59
    await add("logout", "ALICE@test.fr".toLowerCase(), "2026-05-02T22:00:00Z"); // 3 May
    expect(await emails({ evenement: "login_failed" })).toEqual([
      "login_failed a_b@test.fr",
      "login_failed alice@test.fr",
    ]);
    expect(await emails({ email: "a_b" })).toEqual(["login_failed a_b@test.fr"]);
    expect(await emails({ email: "a%" })).toEqual([]);
    expect(await emails({ email: "alice" })).toEqual(["logout alice@test.fr", "login_failed alice@test.fr"]);
    expect(await emails({ email: "alice@test.fr" })).toEqual(["logout alice@test.fr", "login_failed alice@test.fr"]);
    expect(await emails({ email: "test.fr" })).toEqual([]);
    expect(await emails({ du: "2026-05-02", au: "2026-05-02" })).toEqual([
      "login_succeeded axb@test.fr",
      "login_failed a_b@test.fr",
    ]);
    expect(await emails({ au: "2026-05-01" })).toEqual(["login_failed alice@test.fr"]);
    expect(await emails({ du: "2026-05-03" })).toEqual(["logout alice@test.fr"]);
    expect(await emails({ evenement: "login_failed", du: "2026-05-02" })).toEqual(["login_failed a_b@test.fr"]);
    expect(await emails({ email: "nobody" })).toEqual([]);
  });

  it("pages by 50 and gives the last page for a page past the end", async () => {
    for (let i = 0; i < JOURNAL_PAGE_SIZE + 3; i++) {
      await add("login_failed", `u${i}@test.fr`, new Date(Date.UTC(2026, 4, 1, 0, i)).toISOString());
    }
    const first = await readJournalPage(db, none);
    expect(first).toMatchObject({ total: 53, page: 1, pageCount: 2, pastEnd: false });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].email).toBe("u52@test.fr");
    const past = await readJournalPage(db, { ...none, page: 9 });
    expect(past).toMatchObject({ page: 2, pageCount: 2, pastEnd: true });
    expect(past.rows.map((r) => r.email)).toEqual(["u2@test.fr", "u1@test.fr", "u0@test.fr"]);
  });

  it("reads every filtered row for an export, in batches, newest first, up to a cap", async () => {
    // Several rows at the same instant: the batches must neither skip nor repeat any.
    for (let i = 0; i < 23; i++) {
      await add(i % 2 ? "logout" : "login_failed", `u${i}@test.fr`, `2026-05-01T10:0${Math.floor(i / 5)}:00Z`);
    }
    const all = [];
    for await (const row of journalRows(db, none, 1_000, 4)) all.push(row.email);
    expect(all).toHaveLength(23);
    expect(new Set(all).size).toBe(23);
    expect(all).toEqual((await readJournalPage(db, none)).rows.map((r) => r.email));
    const logouts = [];
    for await (const row of journalRows(db, { ...none, evenement: "logout" }, 1_000, 4)) logouts.push(row.kind);
    expect(logouts).toEqual(Array(11).fill("logout"));
    const capped = [];
    for await (const row of journalRows(db, none, 10, 4)) capped.push(row.email);
    expect(capped).toEqual(all.slice(0, 10));
  });
});
