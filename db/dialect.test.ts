import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { openDatabase, type DB } from "./connection";
import {
  changeStamp,
  dialectOf,
  isUniqueViolation,
  likeContaining,
  listTables,
  prefixRange,
  resetIdSequences,
  sessionLengthDays,
} from "./dialect";
import {
  describeEachDialect,
  draftSessionRow,
  insertClub,
  withFreshDatabase,
  type FreshDatabase,
} from "../test/support/database";

const here = dirname(fileURLToPath(import.meta.url));

describeEachDialect("db/dialect", (dialect) => {
  let database: FreshDatabase;
  let db: DB;
  let organiserId: number;

  withFreshDatabase({ dialect }, async (fresh) => {
    database = fresh;
    db = fresh.db;
    organiserId = await insertClub(db, 41);
    await sql`create table counter (n integer not null)`.execute(db);
    await sql`insert into counter (n) values (0)`.execute(db);
  });

  it("names its dialect", () => {
    expect(dialectOf(db)).toBe(dialect);
  });

  it("measures a session's length in days, across a month's end, on the indexed expression", async () => {
    await db.deleteFrom("exam_sessions").execute();
    await db
      .insertInto("exam_sessions")
      .values([
        { ...draftSessionRow(organiserId, { title: "Un jour", start: "2026-05-02" }) },
        { ...draftSessionRow(organiserId, { title: "Stage", start: "2026-02-27" }), end_date: "2026-03-02" },
      ])
      .execute();
    const rows = await db
      .selectFrom("exam_sessions")
      .select(["title", sessionLengthDays(db).as("days")])
      .orderBy("title")
      .execute();
    expect(rows.map((r) => [r.title, Number(r.days)])).toEqual([
      ["Stage", 3],
      ["Un jour", 0],
    ]);
  });

  it("finds the values that begin with a prefix as a range, in binary order", async () => {
    const titles = ["ecol", "ecole", "ecole de plongee", "ecole-mer", "ecole\u{1F42C}", "ecolf", "Ecole", "ecolé"];
    await db
      .insertInto("exam_sessions")
      .values(titles.map((title) => ({ ...draftSessionRow(organiserId, { title }), title_search: title })))
      .execute();
    const [low, high] = prefixRange("ecole");
    const found = await db
      .selectFrom("exam_sessions")
      .select("title_search")
      .where("title_search", ">=", low)
      .where("title_search", "<", high)
      .orderBy("title_search")
      .execute();
    expect(found.map((r) => r.title_search)).toEqual(["ecole", "ecole de plongee", "ecole-mer", "ecole\u{1F42C}"]);
    await db.deleteFrom("exam_sessions").where("title_search", "in", titles).execute();
  });

  it("finds what contains a text, its %, _ and \\ matched as typed", async () => {
    const titles = ["remise a 100%", "remise a 1000", "n_2 mer", "n2 mer", "dossier c:\\plongee", "dossier c:plongee"];
    await db
      .insertInto("exam_sessions")
      .values(titles.map((title) => ({ ...draftSessionRow(organiserId, { title }), title_search: title })))
      .execute();
    const found = async (text: string) =>
      (
        await db
          .selectFrom("exam_sessions")
          .select("title_search")
          .where(likeContaining("title_search", text))
          .orderBy("title_search")
          .execute()
      ).map((r) => r.title_search);
    expect(await found("100%")).toEqual(["remise a 100%"]);
    expect(await found("n_2")).toEqual(["n_2 mer"]);
    expect(await found("c:\\p")).toEqual(["dossier c:\\plongee"]);
    expect(await found("mer")).toEqual(["n2 mer", "n_2 mer"]);
    await db.deleteFrom("exam_sessions").where("title_search", "in", titles).execute();
  });

  it("gives the searchable columns binary order on PostgreSQL whatever the database's collation", async () => {
    if (dialect !== "postgres") return;
    const { rows } = await sql<{ column_name: string; collation_name: string | null }>`
      select column_name, collation_name from information_schema.columns
      where table_schema = current_schema() and column_name in ('title_search', 'last_name_search', 'certificate_number')
      order by column_name`.execute(db);
    expect(rows).toEqual([
      { column_name: "certificate_number", collation_name: "C" },
      { column_name: "last_name_search", collation_name: "C" },
      { column_name: "title_search", collation_name: "C" },
    ]);
  });

  it("moves its change stamp with every write, this connection's or another's, and not with reads", async () => {
    const other: DB = openDatabase(database.path, { poolMax: 1 });
    try {
      const first = await changeStamp(db);
      await db.selectFrom("exam_sessions").selectAll().execute();
      await other.selectFrom("exam_sessions").selectAll().execute();
      expect(await changeStamp(db)).toBe(first);
      await other.updateTable("organisers").set({ name: "Tritons 75" }).where("id", "=", organiserId).execute();
      const second = await changeStamp(db);
      expect(second).not.toBe(first);
      await db.updateTable("organisers").set({ name: "Tritons" }).where("id", "=", organiserId).execute();
      expect(await changeStamp(db)).not.toBe(second);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("organisers").set({ name: "Tritons 1" }).where("id", "=", organiserId).execute();
        const inside = await changeStamp(trx);
        await trx.updateTable("organisers").set({ name: "Tritons" }).where("id", "=", organiserId).execute();
        expect(await changeStamp(trx)).not.toBe(inside);
      });
    } finally {
      await other.destroy();
    }
  });

  it("reads counts as numbers", async () => {
    const row = await db
      .selectFrom("exam_sessions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(2);
  });

  it("keeps marks and totals to double precision", async () => {
    await db.updateTable("exam_grids").set({ max_total: 12.3 }).where("code", "=", "MF1").execute();
    const row = await db
      .selectFrom("exam_grids")
      .select(sql<number>`max_total * 2`.as("twice"))
      .where("code", "=", "MF1")
      .executeTakeFirstOrThrow();
    expect(row.twice).toBe(24.6);
  });

  it("tells a unique violation from another error", async () => {
    const duplicate = await db
      .insertInto("structures")
      .values({ code: "0750001", type: "CLUB", name: "Encore", name_search: "encore", parent_code: null })
      .execute()
      .catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const missing = await sql`insert into structures (code) values ('X')`.execute(db).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(isUniqueViolation(missing)).toBe(false);
  });

  it("lists the application's tables, not the migrator's", async () => {
    const tables = await listTables(db);
    expect(tables).toContain("exam_sessions");
    expect(tables).toContain("session_counts");
    expect(tables).toContain("import_confirmations");
    expect(tables.some((t) => t.startsWith("kysely_") || t.startsWith("sqlite_"))).toBe(false);
  });

  it("gives the next id after rows written with their own", async () => {
    await resetIdSequences(db);
    const next = await db
      .insertInto("organisers")
      .values({
        code: "0750002",
        structure_code: "0750001",
        commission_code: null,
        name: "Bastille",
        name_search: "bastille",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(42);
  });

  /** Another process that reads the counter in a transaction (after taking `lock`), waits, then writes it plus one. */
  function incrementElsewhere(lock: "session" | "series" | "none"): Promise<{ code: number | null; stderr: string }> {
    const script = join(database.dir, "increment.mts");
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(here, "connection.ts"))};
import { lockCertificateSeries, lockSessionRow } from ${JSON.stringify(join(here, "dialect.ts"))};
const [url, lock, sessionId] = process.argv.slice(2);
const db = openDatabase(url);
await db.transaction().execute(async (trx) => {
  if (lock === "session") await lockSessionRow(trx, Number(sessionId));
  if (lock === "series") await lockCertificateSeries(trx, "N1-2026-");
  const { n } = await trx.selectFrom("counter" as never).select("n" as never).executeTakeFirstOrThrow() as { n: number };
  await new Promise((resolve) => setTimeout(resolve, 400));
  await trx.updateTable("counter" as never).set({ n: n + 1 } as never).execute();
});
await db.destroy();
`,
    );
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", script, database.path, lock, String(sessionId)], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
  }
  let sessionId: number;

  async function twoAtOnce(lock: "session" | "series" | "none"): Promise<number> {
    sessionId ??= (await db.selectFrom("exam_sessions").select("id").executeTakeFirstOrThrow()).id;
    await sql`update counter set n = 0`.execute(db);
    const results = await Promise.all([incrementElsewhere(lock), incrementElsewhere(lock)]);
    expect(results.map((r) => r.stderr)).toEqual(["", ""]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    return (await sql<{ n: number }>`select n from counter`.execute(db)).rows[0].n;
  }

  it("runs two processes' transactions that lock the same session one after the other", async () => {
    expect(await twoAtOnce("session")).toBe(2);
  }, 60_000);

  it("runs two processes' transactions that take the same certificate series one after the other", async () => {
    expect(await twoAtOnce("series")).toBe(2);
  }, 60_000);

  it("loses an update without a lock on PostgreSQL only (SQLite's transactions take the write lock first)", async () => {
    expect(await twoAtOnce("none")).toBe(dialect === "postgres" ? 1 : 2);
  }, 60_000);
});
