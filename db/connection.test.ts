import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/support/database";
import { openDatabase } from "./connection";

const here = dirname(fileURLToPath(import.meta.url));
let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase("sqlite");
  await sql`create table counter (n integer not null)`.execute(database.db);
  await sql`insert into counter (n) values (0)`.execute(database.db);
});

afterAll(async () => {
  await database.cleanup();
});

/** Another process that reads the counter in a transaction, waits, then writes it plus one. */
function incrementElsewhere(script: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, database.path], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("openDatabase", () => {
  it("lets two processes read then write in transactions at the same time, one after the other", async () => {
    const script = join(dirname(database.path), "increment.mts");
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(here, "connection.ts"))};
const db = openDatabase(process.argv[2]);
await db.transaction().execute(async (trx) => {
  const { n } = await trx.selectFrom("counter").select("n").executeTakeFirstOrThrow();
  await new Promise((resolve) => setTimeout(resolve, 400));
  await trx.updateTable("counter").set({ n: n + 1 }).execute();
});
await db.destroy();
`,
    );
    const results = await Promise.all([incrementElsewhere(script), incrementElsewhere(script)]);
    expect(results.map((r) => r.stderr)).toEqual(["", ""]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db);
    expect(rows[0].n).toBe(2);
  });
});

describe("a full disk", () => {
  it("rolls the whole transaction back and reports SQLite's own error, not a failed rollback", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sessions-full-"));
    const seen: unknown[] = [];
    const db = openDatabase(join(dir, "full.db"), {
      mapError: (error) => {
        seen.push(error);
        return error;
      },
    });
    try {
      await sql`create table rows (payload text not null)`.execute(db);
      await sql`insert into rows (payload) values ('avant')`.execute(db);
      const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0];
      // The file may not grow any more: the next page written fails with SQLITE_FULL.
      await sql.raw(`pragma max_page_count = ${page_count}`).execute(db);
      const failure = await db
        .transaction()
        .execute(async (trx) => {
          for (let i = 0; i < 200; i++) await sql`insert into rows (payload) values (${"x".repeat(2000)})`.execute(trx);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect((failure as { code?: string } | null)?.code).toBe("SQLITE_FULL");
      expect((seen[0] as { code?: string }).code).toBe("SQLITE_FULL");
      const { n } = (await sql<{ n: number }>`select count(*) as n from rows`.execute(db)).rows[0];
      expect(n).toBe(1);
    } finally {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
