import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DB } from "./connection";
import { copyDatabase, CopyRefused, formatCounts } from "./copy";
import { generateDemoWorld } from "./demo";
import { loadWorld } from "./load";
import {
  createPostgresDatabase,
  describeOnPostgres,
  draftSessionRow,
  freshDatabase,
  type FreshDatabase,
} from "../test/support/database";

const root = join(dirname(new URL(import.meta.url).pathname), "..");

describeOnPostgres("npm run db:copy", () => {
  let sqlite: FreshDatabase;
  let target: { url: string; drop(): Promise<void> };
  let pg: DB;

  beforeAll(async () => {
    sqlite = await freshDatabase("sqlite");
    await loadWorld(sqlite.db, generateDemoWorld());
    target = await createPostgresDatabase({ migrated: false });
    pg = openDatabase(target.url, { poolMax: 2 });
  }, 120_000);

  afterAll(async () => {
    await pg.destroy();
    await target.drop();
    await sqlite.cleanup();
  });

  const rows = (db: DB, table: string) =>
    sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db).then((r) => r.rows);

  it("copies the demo world table by table, the same counts and rows, ids continuing after the copied ones", async () => {
    const report = await copyDatabase(sqlite.path, target.url);

    expect(report.equal).toBe(true);
    const sessions = report.counts.find((c) => c.table === "exam_sessions")!;
    expect(sessions.source).toBeGreaterThan(100);
    expect(report.counts.every((c) => c.source === c.target)).toBe(true);
    expect(report.counts.map((c) => c.table)).toEqual(
      expect.arrayContaining(["licensees", "session_candidates", "session_counts", "marks"]),
    );
    expect(formatCounts(report.counts)).toMatch(/^exam_sessions +\d+ +\d+$/m);
    for (const table of ["exam_sessions", "session_candidates", "certifications_held", "users"]) {
      expect(await rows(pg, table)).toEqual(await rows(sqlite.db, table));
    }

    const maxId = Number((await sql<{ m: number }>`select max(id) as m from exam_sessions`.execute(pg)).rows[0].m);
    const organiser = (await pg.selectFrom("organisers").select("id").executeTakeFirstOrThrow()).id;
    const created = await pg
      .insertInto("exam_sessions")
      .values(draftSessionRow(organiser, { title: "Après la copie" }))
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(created.id).toBe(maxId + 1);
    // The triggers are back: counts kept, closed sessions read only.
    const kept = await pg
      .selectFrom("session_counts")
      .select("n")
      .where("organiser_id", "=", organiser)
      .where("certification_code", "=", "")
      .where("status", "=", "")
      .executeTakeFirstOrThrow();
    const counted = await pg
      .selectFrom("exam_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organiser_id", "=", organiser)
      .executeTakeFirstOrThrow();
    expect(kept.n).toBe(counted.n);
    const closed = await pg
      .selectFrom("exam_sessions")
      .select("id")
      .where("status", "=", "closed")
      .executeTakeFirstOrThrow();
    await expect(sql`delete from session_candidates where session_id = ${closed.id}`.execute(pg)).rejects.toThrow(
      /SESSION_CLOSED/,
    );
  }, 180_000);

  it("refuses a target that holds data, writing nothing, unless --replace", async () => {
    const run = promisify(execFile);
    const failed = await run(
      join(root, "node_modules/.bin/tsx"),
      [join(root, "db/copy-cli.ts"), "--from", sqlite.path, "--to", target.url],
      {
        cwd: root,
      },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      "La base de destination contient déjà des données (table structures) : rien n'a été copié. Ajoutez --replace pour les remplacer.",
    );
    expect((await rows(pg, "exam_sessions")).some((s) => s.title === "Après la copie")).toBe(true);
    await expect(copyDatabase(sqlite.path, target.url)).rejects.toBeInstanceOf(CopyRefused);

    const replaced = await copyDatabase(sqlite.path, target.url, { replace: true });
    expect(replaced.equal).toBe(true);
    expect(await rows(pg, "exam_sessions")).toEqual(await rows(sqlite.db, "exam_sessions"));
  }, 180_000);
});
