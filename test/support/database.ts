/**
 * Helpers for tests that run against a real, freshly migrated database (no database mocks):
 * a SQLite file, or a database of the PostgreSQL server named by TEST_DATABASE_URL
 * (`npm run test:pg` starts a throw-away one, see README « Passer à PostgreSQL »).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Insertable } from "kysely";
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type DB } from "../../db/connection";
import { dialectOf, listTables, type Dialect } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";
import { compactLicence, normalizeName, normalizeSearch } from "../../db/normalize";
import { loadWorld } from "../../db/load";
import type { Database, NewExamSession } from "../../db/schema";
import type { WorldInput } from "../../db/world";

export const DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];

/** The PostgreSQL server the tests may create databases on, if any. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL?.trim() || undefined;
}

/**
 * The database the application's tests (app/, test/support's worlds) run on: PostgreSQL when
 * TEST_DATABASE_URL names a server (`npm run test:pg`), SQLite otherwise (`npm run test:unit`).
 * The two runs together cover both; db/'s tests take each dialect in one run (`describeEachDialect`).
 */
export function appTestDialect(): Dialect {
  return testDatabaseUrl() ? "postgres" : "sqlite";
}

let warned = false;
let templateDropRegistered = false;

/**
 * `describe` once per dialect, named after it: `run(dialect)` declares the tests, which take
 * their databases from `freshDatabase(dialect)`. Without TEST_DATABASE_URL the PostgreSQL
 * half is reported as skipped, with the reason in its name and on the console.
 */
export function describeEachDialect(name: string, run: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    const missing = dialect === "postgres" && !testDatabaseUrl();
    if (missing && !warned) {
      warned = true;
      console.warn("PostgreSQL : TEST_DATABASE_URL absent, les tests sur PostgreSQL sont ignorés (npm run test:pg).");
    }
    if (dialect === "postgres" && !missing && !templateDropRegistered) {
      templateDropRegistered = true;
      afterAll(dropTemplate);
    }
    describe.skipIf(missing)(
      missing ? `${name} [postgres : ignoré, TEST_DATABASE_URL absent]` : `${name} [${dialect}]`,
      () => run(dialect),
    );
  }
}

/** `describe` for tests that only make sense on PostgreSQL: skipped, and said so, without TEST_DATABASE_URL. */
export function describeOnPostgres(name: string, run: () => void): void {
  const missing = !testDatabaseUrl();
  if (missing && !warned) {
    warned = true;
    console.warn("PostgreSQL : TEST_DATABASE_URL absent, les tests sur PostgreSQL sont ignorés (npm run test:pg).");
  }
  if (!missing && !templateDropRegistered) {
    templateDropRegistered = true;
    afterAll(dropTemplate);
  }
  describe.skipIf(missing)(
    missing ? `${name} [postgres : ignoré, TEST_DATABASE_URL absent]` : `${name} [postgres]`,
    run,
  );
}

export interface FreshDatabase {
  db: DB;
  /** The DATABASE_URL that opens it again (another process, a CLI): the SQLite file or the postgres:// URL. */
  path: string;
  /** A temporary directory for the test's own files, removed with the database. */
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * A new database migrated to the latest schema (by default on `appTestDialect()`): a file in the
 * system's temporary directory, or on PostgreSQL a new database on the TEST_DATABASE_URL server, copied from a template migrated
 * once per test process (a copy takes a fraction of the migrations' time).
 */
export async function freshDatabase(dialect: Dialect = appTestDialect()): Promise<FreshDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "sessions-test-"));
  if (dialect === "postgres") {
    const { url, drop } = await createPostgresDatabase();
    const db = openDatabase(url, { poolMax: 4 });
    return {
      db,
      path: url,
      dir,
      async cleanup() {
        await db.destroy();
        await drop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const path = join(dir, "test.db");
  const db = openDatabase(path);
  await migrateToLatest(db);
  return {
    db,
    path,
    dir,
    async cleanup() {
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database (`freshDatabase(dialect)`) for the tests of the enclosing block: before them it is
 * opened, loaded with `world` when one is given, and handed to `setup`; after them it is removed.
 */
export function withFreshDatabase(
  { dialect = appTestDialect(), world }: { dialect?: Dialect; world?: WorldInput },
  setup: (database: FreshDatabase) => Promise<void> | void,
): void {
  let database: FreshDatabase | undefined;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    if (world) await loadWorld(database.db, world);
    await setup(database);
  });
  afterAll(async () => {
    await database?.cleanup();
  });
}

/** A URL naming another database on the same server. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

let template: Promise<string> | undefined;
let created = 0;

/** Removes this test file's template database, once its tests are over. */
async function dropTemplate(): Promise<void> {
  const server = testDatabaseUrl();
  if (!template || !server) return;
  const name = await template;
  template = undefined;
  const admin = openDatabase(server, { poolMax: 1 });
  try {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
}

/** A database of its own on the test server, made from a migrated template; `drop` removes it. */
export async function createPostgresDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testDatabaseUrl();
  if (!server) throw new Error("TEST_DATABASE_URL absent : pas de serveur PostgreSQL pour les tests.");
  const admin = openDatabase(server, { poolMax: 1 });
  try {
    const prefix = `sessions_t${process.pid}_${Date.now().toString(36)}`;
    template ??= (async () => {
      const name = `${prefix}_template`;
      await sql`create database ${sql.id(name)}`.execute(admin);
      const db = openDatabase(withDatabase(server, name), { poolMax: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      return name;
    })();
    const name = `${prefix}_${++created}`;
    if (options.migrated === false) await sql`create database ${sql.id(name)}`.execute(admin);
    else await sql`create database ${sql.id(name)} template ${sql.id(await template)}`.execute(admin);
    return {
      url: withDatabase(server, name),
      async drop() {
        const again = openDatabase(server, { poolMax: 1 });
        try {
          await sql`drop database if exists ${sql.id(name)} with (force)`.execute(again);
        } finally {
          await again.destroy();
        }
      },
    };
  } finally {
    await admin.destroy();
  }
}

/**
 * For tests of server modules that use the app's own database (`~/utils/db.server`, opened from
 * DATABASE_URL when first imported): points DATABASE_URL at a new database, without the demo
 * world — a file, or with TEST_DATABASE_URL a new (migrated) database on that server.
 * Await it before importing those modules (`await import(…)` in `beforeAll`).
 */
export async function freshAppDatabase(): Promise<{ path: string; cleanup(): Promise<void> }> {
  process.env.DEMO = "off";
  if (appTestDialect() === "postgres") {
    const { url, drop } = await createPostgresDatabase();
    process.env.DATABASE_URL = url;
    return { path: url, cleanup: drop };
  }
  const dir = mkdtempSync(join(tmpdir(), "sessions-app-"));
  const path = join(dir, "app.db");
  process.env.DATABASE_URL = path;
  return { path, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Every row of every table (SQLite's own `sqlite_sequence` included), in rowid order, keyed by
 * table name: two dumps are equal when the database content is identical. PostgreSQL: the
 * application's tables, each in the order of its whole rows, and where each id sequence stands
 * unless `sequences: false` (a rolled-back insert moves a sequence there: sequences are not
 * transactional).
 */
export async function dumpTables(
  db: DB,
  options: { except?: string[]; sequences?: boolean } = {},
): Promise<Record<string, unknown[]>> {
  const except = new Set(options.except ?? []);
  if (dialectOf(db) === "postgres") {
    const dump: Record<string, unknown[]> = {};
    for (const name of await listTables(db)) {
      if (except.has(name)) continue;
      dump[name] = (
        await sql<Record<string, unknown>>`select * from ${sql.table(name)} as t order by t`.execute(db)
      ).rows;
    }
    if (options.sequences === false) return dump;
    const sequences = await sql<{ name: string; last_value: number | null }>`select sequencename as name, last_value
      from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db);
    dump.sequences = sequences.rows.filter((r) => !except.has(r.name.replace(/_id_seq$/, "")));
    return dump;
  }
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
    db,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    if (except.has(name)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by rowid`.execute(db);
    dump[name] = name === "sqlite_sequence" ? rows.rows.filter((r) => !except.has(String(r.name))) : rows.rows;
  }
  return dump;
}

/** A draft session's row, to insert directly (searchable columns derived, no grid, no author). */
export function draftSessionRow(
  organiserId: number,
  {
    title,
    certification = "N1",
    place = "Fosse",
    start = "2026-05-02",
  }: { title: string; certification?: string; place?: string; start?: string },
): NewExamSession {
  return {
    title,
    title_search: normalizeSearch(title),
    organiser_id: organiserId,
    certification_code: certification,
    grid_id: null,
    place,
    place_search: normalizeSearch(place),
    start_date: start,
    end_date: null,
    status: "draft",
    created_by: null,
    created_at: "2026-01-01T10:00:00.000Z",
    updated_by: null,
    updated_at: "2026-01-01T10:00:00.000Z",
    closed_by: null,
    closed_at: null,
  };
}

/** A licensee of the club « Tritons » (`insertClub`), to insert directly (searchable columns derived). */
function licenseeRow(licence: string, lastName: string, firstName: string): Insertable<Database["licensees"]> {
  return {
    licence,
    licence_compact: compactLicence(licence),
    last_name: lastName,
    first_name: firstName,
    last_name_search: normalizeName(lastName),
    first_name_search: normalizeName(firstName),
    birth_date: "1990-01-01",
    structure_code: "0750001",
    created_at: "2026-01-01T10:00:00.000Z",
    updated_at: "2026-01-01T10:00:00.000Z",
  };
}

/** A user inserted directly, with no password (the test never logs in): its id. */
export async function insertUser(
  db: DB,
  user: { email: string; name: string; licenseeId?: number | null },
): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      password_hash: "",
      name: user.name,
      is_admin: 0,
      licensee_id: user.licenseeId ?? null,
      created_at: "2026-01-01T10:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many lines of the audit log record `action` for the licensee or the session named. */
export async function countAuditLines(
  db: DB,
  about: { licensee_id: number } | { session_id: number },
  action: string,
): Promise<number> {
  const [column, id] =
    "licensee_id" in about
      ? (["licensee_id", about.licensee_id] as const)
      : (["session_id", about.session_id] as const);
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", id)
    .where("action", "=", action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A describe block, on PostgreSQL only, whose tests run against two server processes sharing one
 * database (docs/decisions/019): before them, a fresh database holding `world()` and two connection
 * pools standing for the two processes (`first`, `second`; `db` reads and arranges); after them, all closed.
 */
export function describeTwoProcesses(
  name: string,
  world: () => unknown,
  run: (two: { db: DB; first: DB; second: DB }) => void,
): void {
  describeOnPostgres(name, () => {
    const two = {} as { db: DB; first: DB; second: DB };
    let database: FreshDatabase | undefined;
    beforeAll(async () => {
      database = await freshDatabase("postgres");
      await loadWorld(database.db, world());
      two.db = database.db;
      two.first = openDatabase(database.path, { poolMax: 2 });
      two.second = openDatabase(database.path, { poolMax: 2 });
    });
    afterAll(async () => {
      await two.first?.destroy();
      await two.second?.destroy();
      await database?.cleanup();
    });
    run(two);
  });
}

/** The id of the organiser whose code is given (`0750001`, `CODEP-75/TECHNIQUE`). */
export async function organiserIdOf(db: DB, code: string): Promise<number> {
  return (await db.selectFrom("organisers").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

/** The id of the licensee whose licence is given. */
export async function licenseeIdOf(db: DB, licence: string): Promise<number> {
  return (await db.selectFrom("licensees").select("id").where("licence", "=", licence).executeTakeFirstOrThrow()).id;
}

/** A session's candidates in the order of their licences: each one's licence, result and reasons. */
export async function candidatesByLicence(db: DB, sessionId: number) {
  return db
    .selectFrom("session_candidates as c")
    .innerJoin("licensees as l", "l.id", "c.licensee_id")
    .select(["l.licence", "c.result", "c.result_reasons"])
    .where("c.session_id", "=", sessionId)
    .orderBy("l.licence")
    .execute();
}

/** The id of the latest version of the exam grid whose code is given (`N4`, `INITIATEUR`). */
export async function latestGridIdOf(db: DB, gridCode: string): Promise<number> {
  const grid = await db
    .selectFrom("exam_grids")
    .select("id")
    .where("code", "=", gridCode)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return grid.id;
}

/**
 * A draft session of the organiser whose code is given, inserted directly (`draftSessionRow`),
 * with the latest grid of its brevet when `withGrid`: its id.
 */
export async function insertDraft(
  db: DB,
  organiserCode: string,
  options: Parameters<typeof draftSessionRow>[1] & { withGrid?: boolean },
): Promise<number> {
  const row = draftSessionRow(await organiserIdOf(db, organiserCode), options);
  if (options.withGrid) {
    const { grid_code } = await db
      .selectFrom("certifications")
      .select("grid_code")
      .where("code", "=", row.certification_code)
      .executeTakeFirstOrThrow();
    row.grid_id = grid_code === null ? null : await latestGridIdOf(db, grid_code);
  }
  const inserted = await db.insertInto("exam_sessions").values(row).returning("id").executeTakeFirstOrThrow();
  return inserted.id;
}

/** The ids of the tests of a session's grid, in the grid's order. */
async function sessionTestIds(db: DB, sessionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("grid_tests as t")
    .innerJoin("exam_sessions as s", "s.grid_id", "t.grid_id")
    .select("t.id")
    .where("s.id", "=", sessionId)
    .orderBy("t.sort_order")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The club « Tritons » (`insertClub`), `licensees` of its licensees (A-75-100000, A-75-100001…) and
 * one Initiateur draft with its grid per title: their ids, and those of the grid's tests in its order.
 */
export async function insertClubDrafts(
  db: DB,
  { licensees, titles }: { licensees: number; titles: string[] },
): Promise<{ licensees: number[]; sessions: number[]; tests: number[] }> {
  await insertClub(db);
  const rows = await db
    .insertInto("licensees")
    .values(Array.from({ length: licensees }, (_, i) => licenseeRow(`A-75-${100000 + i}`, `Nom${i}`, "Prénom")))
    .returning("id")
    .execute();
  const sessions: number[] = [];
  for (const title of titles) {
    sessions.push(await insertDraft(db, "0750001", { title, certification: "INITIATEUR", withGrid: true }));
  }
  return { licensees: rows.map((r) => r.id), sessions, tests: await sessionTestIds(db, sessions[0]) };
}

/** The club « Tritons » (0750001) and its organiser, inserted directly (`organiserId` when the test needs that id): the organiser's id. */
export async function insertClub(db: DB, organiserId?: number): Promise<number> {
  await db
    .insertInto("structures")
    .values({ code: "0750001", type: "CLUB", name: "Tritons", name_search: "tritons", parent_code: null })
    .execute();
  const organiser = await db
    .insertInto("organisers")
    .values({
      ...(organiserId === undefined ? {} : { id: organiserId }),
      code: "0750001",
      structure_code: "0750001",
      commission_code: null,
      name: "Tritons",
      name_search: "tritons",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return organiser.id;
}
