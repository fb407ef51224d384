/**
 * `tsx bench/pg-compare.ts --postgres postgres://… [--sqlite bench/.data/federation.db] [--port 3600]
 *                          [--duration 5] [--mix 20] [--connections 16] [--only TEXT] [--no-build]
 *                          [--no-list] [--no-writes]`
 *
 * The same app on SQLite and on PostgreSQL, side by side, on the same generated federation
 * (`npm run db:scale`, then `npm run db:copy` into PostgreSQL and `VACUUM ANALYZE`: bench/README.md
 * « SQLite et PostgreSQL à 1 000 000 de sessions »). Each side runs two server processes on two
 * ports (`node scripts/start.js`, one process each, as two machines would: for SQLite both on the
 * same file), and the load generator splits its connections between the two ports (one autocannon
 * per port, half the connections each, run together).
 * 1. The list (bench/scenarios.ts): each URL checked once on both sides (HTTP 200, the same total
 *    and the same sessions in the same order), then driven `--duration` s on one side, then on the
 *    other (the first side alternating), then the mix of all URLs and the club's URLs.
 * 2. Writes, on a copy of each database (SQLite: a copy of the file; PostgreSQL: a database made
 *    from it as a template) holding the same added world (db/load.ts's `loadWorld`): the licensee
 *    search of "Participants" (name prefixes and licence numbers, one request at a time),
 *    "Clôturer" on three 300-candidate sessions, and the import ("Lancer l'import") of a
 *    2,000-row Niveau 4 bordereau exported from the copy itself, three times.
 * Server CPU is that of the two Node processes, plus PostgreSQL's own processes (the postmaster
 * and its children) on the PostgreSQL side: what a request costs the machine.
 * Prints Markdown tables (for bench/README.md) and saves the figures as JSON in bench/.data/.
 */
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type DB } from "../db/connection";
import { isPostgresUrl } from "../db/dialect";
import { loadWorld } from "../db/load";
import type { WorldInput } from "../db/world";
import { N4_ALL_12, writeMarks } from "../test/support/excel-world";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";
import { percentile } from "./floor";
import { scenarios, type BenchWorld, type Scenario, type Who } from "./scenarios";
import { build, csrfToken, login, startServer, type Server } from "./server";
import { treeCpuTimeMs } from "./proc";

interface Options {
  sqlite: string;
  postgres: string;
  port: number;
  duration: number;
  mix: number;
  connections: number;
  only: string | null;
  build: boolean;
  list: boolean;
  writes: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    sqlite: DEFAULT_DB,
    postgres: "",
    port: 3600,
    duration: 5,
    mix: 20,
    connections: 16,
    only: null,
    build: true,
    list: true,
    writes: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? "";
    const number = (min: number, max: number) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag} : entre ${min} et ${max}`);
      return n;
    };
    if (flag === "--sqlite") options.sqlite = value();
    else if (flag === "--postgres") options.postgres = value();
    else if (flag === "--port") options.port = number(1024, 65000);
    else if (flag === "--duration") options.duration = number(1, 120);
    else if (flag === "--mix") options.mix = number(0, 600);
    else if (flag === "--connections") options.connections = number(2, 256);
    else if (flag === "--only") options.only = value();
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--no-list") options.list = false;
    else if (flag === "--no-writes") options.writes = false;
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  if (!isPostgresUrl(options.postgres)) throw new Error("--postgres postgres://… : la base PostgreSQL à comparer");
  if (!existsSync(options.sqlite)) throw new Error(`base introuvable : ${options.sqlite} (npm run db:scale)`);
  return options;
}

// --- CPU and load ---------------------------------------------------------------------------

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

function machine(): string {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "?";
  return `${cpus().length} cœurs (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} Gio, Node ${process.version}`;
}

// --- the two sides --------------------------------------------------------------------------

interface Side {
  label: "SQLite" | "PostgreSQL";
  url: string;
  servers: Server[];
  /** PostgreSQL's postmaster: its CPU and its children's count with the servers'. */
  postmaster: number | null;
  cookies: Record<Who, string>;
}

const sideCpu = (side: Side) =>
  side.servers.reduce((sum, s) => sum + treeCpuTimeMs(s.process.pid!), 0) +
  (side.postmaster ? treeCpuTimeMs(side.postmaster) : 0);

async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>(
      "select setting from pg_settings where name = 'data_directory'",
    );
    return Number(readFileSync(`${rows[0].setting}/postmaster.pid`, "utf8").split("\n")[0]);
  } finally {
    await client.end();
  }
}

/** Two server processes on two ports, one after the other (the first migrates alone). */
async function startSide(label: Side["label"], url: string, port: number): Promise<Side> {
  const servers = [await startServer(url, port, { workers: 1 })];
  servers.push(await startServer(url, port + 1, { workers: 1 }));
  const origin = servers[0].origin;
  return {
    label,
    url,
    servers,
    postmaster: label === "PostgreSQL" ? await postmasterPid(url) : null,
    cookies: {
      club: await login(origin, BENCH_USERS.club, BENCH_PASSWORD),
      admin: await login(origin, BENCH_USERS.admin, BENCH_PASSWORD),
    },
  };
}

async function stopSide(side: Side | undefined): Promise<string> {
  if (!side) return "";
  const errors = side.servers.map((s) => s.errors().trim()).filter(Boolean);
  for (const server of side.servers) await server.stop();
  return errors.join("\n");
}

// --- HTTP -----------------------------------------------------------------------------------

interface HttpResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** CPU (ms) the side spent per response: both servers, and PostgreSQL's processes. */
  cpuMs: number;
}

function cannon(
  url: string,
  connections: number,
  duration: number,
  shape: { headers?: Record<string, string>; requests?: AutocannonRequest[] },
): Promise<{ latencies: number[]; result: AutocannonResult }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections, duration, timeout: 30, ...shape }, (error, result) =>
      error ? reject(error) : resolve({ latencies, result }),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Half the connections on each of the side's two ports, at the same time. */
async function drive(
  side: Side,
  connections: number,
  duration: number,
  shape: { headers?: Record<string, string>; requests?: AutocannonRequest[]; path?: string },
): Promise<HttpResult> {
  for (const server of side.servers) await drain(server.origin);
  const cpuBefore = sideCpu(side);
  const runs = await Promise.all(
    side.servers.map((server, i) =>
      cannon(
        `${server.origin}${shape.path ?? ""}`,
        Math.floor(connections / side.servers.length) + (i < connections % side.servers.length ? 1 : 0),
        duration,
        { headers: shape.headers, requests: shape.requests },
      ),
    ),
  );
  const cpu = sideCpu(side) - cpuBefore;
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = Math.max(...runs.map((r) => r.result.duration));
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: runs.reduce((n, r) => n + r.result.errors + r.result.timeouts + r.result.non2xx, 0),
    cpuMs: latencies.length > 0 ? cpu / latencies.length : NaN,
  };
}

/** Waits until the server has answered what the previous run left queued. */
async function drain(origin: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const t = performance.now();
    await fetch(`${origin}/healthcheck`).then((r) => r.arrayBuffer());
    if (performance.now() - t < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// --- formatting -----------------------------------------------------------------------------

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n.toFixed(1));
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const rps = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const ratio = (pg: number, lite: number) =>
  Number.isFinite(pg) && Number.isFinite(lite) && lite > 0 ? (pg / lite).toFixed(2) : "–";

function table(header: string[], rows: string[][], right = new Set<number>()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

// --- the bench world, read the same way from both databases ---------------------------------

async function readWorld(db: DB): Promise<BenchWorld> {
  const scopeOf = async (email: string) => {
    const row = await db
      .selectFrom("users as u")
      .innerJoin("user_scopes as us", "us.user_id", "u.id")
      .innerJoin("organisers as o", "o.id", "us.organiser_id")
      .select(["o.id as organiserId", "o.code", "o.name"])
      .where("u.email", "=", email)
      .executeTakeFirst();
    if (!row) throw new Error("cette base n'a pas les utilisateurs du banc : générez-la avec npm run db:scale");
    const { n } = await db
      .selectFrom("exam_sessions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organiser_id", "=", row.organiserId)
      .executeTakeFirstOrThrow();
    return { ...row, sessions: Number(n) };
  };
  const club = await scopeOf(BENCH_USERS.club);
  const commission = await scopeOf(BENCH_USERS.commission);
  const { place } = await db
    .selectFrom("exam_sessions")
    .select("place")
    .where("organiser_id", "=", club.organiserId)
    .groupBy("place")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("place")
    .limit(1)
    .executeTakeFirstOrThrow();
  const words = place.split(/[\s,–]+/).filter((w) => w.length > 2);
  const { n } = await db
    .selectFrom("exam_sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { sessions: Number(n), club, commission, clubTown: words[words.length - 1] };
}

// --- 1. the list ----------------------------------------------------------------------------

interface ListRow {
  scenario: Scenario;
  total: string;
  sqlite: HttpResult;
  postgres: HttpResult;
}

async function page(side: Side, who: Who, search: string): Promise<{ total: string; ids: string }> {
  const response = await fetch(`${side.servers[0].origin}/sessions${search}`, {
    headers: { cookie: side.cookies[who] },
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${side.label} ${who} /sessions${search} : HTTP ${response.status}`);
  const total = /data-testid="total">([^<]+)</.exec(html)?.[1] ?? "?";
  const ids = [...html.matchAll(/href="\/sessions\/(\d+)"/g)].map((m) => m[1]).join(",");
  return { total, ids };
}

async function compareList(options: Options, sides: [Side, Side], list: Scenario[], problems: string[]) {
  const rows: ListRow[] = [];
  const headers = (side: Side, who: Who) => ({ cookie: side.cookies[who], "accept-encoding": "gzip" });
  for (const [i, scenario] of list.entries()) {
    const [a, b] = await Promise.all(sides.map((side) => page(side, scenario.who, scenario.search)));
    if (a.total !== b.total || a.ids !== b.ids) {
      problems.push(
        `${scenario.who} « ${scenario.name} » : SQLite ${a.total} [${a.ids.slice(0, 60)}…], PostgreSQL ${b.total} [${b.ids.slice(0, 60)}…]`,
      );
    }
    const results = new Map<Side["label"], HttpResult>();
    for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
      results.set(
        side.label,
        await drive(side, options.connections, options.duration, {
          path: `/sessions${scenario.search}`,
          headers: headers(side, scenario.who),
        }),
      );
    }
    const row = { scenario, total: a.total, sqlite: results.get("SQLite")!, postgres: results.get("PostgreSQL")! };
    rows.push(row);
    console.log(
      `  ${scenario.who.padEnd(5)} ${scenario.name.padEnd(36)} SQLite ${rps(row.sqlite.rps).padStart(4)} req/s p95 ${ms(row.sqlite.p95).padStart(6)} ms` +
        ` | PostgreSQL ${rps(row.postgres.rps).padStart(4)} req/s p95 ${ms(row.postgres.p95).padStart(6)} ms`,
    );
  }
  const mixes: { name: string; sqlite: HttpResult; postgres: HttpResult }[] = [];
  if (options.mix > 0) {
    const club = list.filter((s) => s.who === "club");
    const mixOf: [string, Scenario[]][] = [[`mélange : toutes les URL (${list.length})`, list]];
    if (club.length > 0 && club.length < list.length) mixOf.push([`mélange : URL du club (${club.length})`, club]);
    for (const [m, [name, selected]] of mixOf.entries()) {
      const results = new Map<Side["label"], HttpResult>();
      for (const side of m % 2 === 0 ? sides : [...sides].reverse()) {
        const requests = selected.map((s) => ({
          method: "GET",
          path: `/sessions${s.search}`,
          headers: headers(side, s.who),
        }));
        results.set(side.label, await drive(side, options.connections, options.mix, { requests }));
      }
      mixes.push({
        name: `${name}, ${options.mix} s`,
        sqlite: results.get("SQLite")!,
        postgres: results.get("PostgreSQL")!,
      });
      console.log(`  ${name} : fait`);
    }
  }
  return { rows, mixes };
}

function listTable(rows: ListRow[], mixes: { name: string; sqlite: HttpResult; postgres: HttpResult }[]): string {
  const body = [
    ...rows.map((r) => ({
      who: r.scenario.who,
      name: r.scenario.name,
      total: r.total,
      sqlite: r.sqlite,
      postgres: r.postgres,
    })),
    ...mixes.map((m) => ({ who: "tous", name: m.name, total: "", sqlite: m.sqlite, postgres: m.postgres })),
  ].map((r) => [
    r.who,
    r.name,
    r.total,
    `${rps(r.sqlite.rps)} / ${rps(r.postgres.rps)}`,
    ratio(r.postgres.rps, r.sqlite.rps),
    `${ms(r.sqlite.p95)} / ${ms(r.postgres.p95)}`,
    ratio(r.postgres.p95, r.sqlite.p95),
    `${ms(r.sqlite.cpuMs)} / ${ms(r.postgres.cpuMs)}`,
    ratio(r.postgres.cpuMs, r.sqlite.cpuMs),
    `${r.sqlite.errors + r.postgres.errors}`,
  ]);
  return table(
    [
      "qui",
      "scénario",
      "total",
      "req/s SQLite / PG",
      "PG/SQLite",
      "p95 ms SQLite / PG",
      "PG/SQLite",
      "CPU ms/req SQLite / PG",
      "PG/SQLite",
      "err.",
    ],
    body,
    new Set([2, 3, 4, 5, 6, 7, 8, 9]),
  );
}

// --- 2. writes ------------------------------------------------------------------------------

const FIXTURE = {
  president: "B-99-000001",
  closeCandidate: (session: number, i: number) => `B-99-${String(100000 + session * 1000 + i)}`,
  importCandidate: (i: number) => `B-99-${String(200000 + i)}`,
  closeTitle: (session: number) => `Banc SQLite/PostgreSQL : clôture de 300 candidats n° ${session + 1}`,
  searchTitle: "Banc SQLite/PostgreSQL : recherche de licenciés",
  importTitle: "Banc SQLite/PostgreSQL : bordereau de 2 000 candidats",
  closes: 3,
  candidates: 300,
  importRows: 2000,
};

/**
 * The same rows added to both copies (db/load.ts, keyed and idempotent): a président with every
 * brevet who authorised the club and the commission, 900 N1 holders in three N2 drafts of the
 * largest club, a draft to search from, and 2,000 N3 holders in a GP-N4 draft of the largest
 * commission with every mark written (the bordereau the import reads).
 */
async function addWriteWorld(db: DB, world: BenchWorld): Promise<number> {
  const person = (licence: string, nom: string, brevets: string[], autorisations: string[] = []) => ({
    licence,
    nom,
    prenom: "Banc",
    naissance: "1990-01-01",
    structure: world.club.code,
    licences: [{ saison: 2026, statut: "validee" as const }],
    brevets: brevets.map((code) => ({ code, date: "2010-06-01" })),
    autorisations,
  });
  const licensees = [
    person(
      FIXTURE.president,
      "Présidentbanc",
      ["N1", "N2", "RIFAP", "N3", "GP-N4", "MF1", "MF2"],
      [world.club.code, world.commission.code],
    ),
  ];
  const sessions: WorldInput["sessions"] = [];
  for (let s = 0; s < FIXTURE.closes; s++) {
    const candidats = [];
    for (let i = 0; i < FIXTURE.candidates; i++) {
      const licence = FIXTURE.closeCandidate(s, i);
      licensees.push(person(licence, `Clôturebanc${String(s * 1000 + i).padStart(4, "0")}`, ["N1"]));
      candidats.push({ licence });
    }
    sessions.push({
      intitule: FIXTURE.closeTitle(s),
      organisateur: world.club.code,
      brevet: "N2",
      lieu: "Fosse",
      debut: "2026-06-13",
      candidats,
      jury: [{ licence: FIXTURE.president, role: "president" }],
    });
  }
  sessions.push({
    intitule: FIXTURE.searchTitle,
    organisateur: world.club.code,
    brevet: "N2",
    lieu: "Fosse",
    debut: "2026-06-20",
  });
  const importCandidates = [];
  for (let i = 0; i < FIXTURE.importRows; i++) {
    const licence = FIXTURE.importCandidate(i);
    licensees.push(person(licence, `Importbanc${String(i).padStart(4, "0")}`, ["N1", "N2", "RIFAP", "N3"]));
    importCandidates.push({ licence });
  }
  sessions.push({
    intitule: FIXTURE.importTitle,
    organisateur: world.commission.code,
    brevet: "GP-N4",
    lieu: "Marseille",
    debut: "2026-10-12",
    candidats: importCandidates,
    jury: [{ licence: FIXTURE.president, role: "president" }],
  });
  await loadWorld(db, { licensees, sessions });
  const marks: Record<string, typeof N4_ALL_12> = {};
  for (let i = 0; i < FIXTURE.importRows; i++) marks[FIXTURE.importCandidate(i)] = N4_ALL_12;
  const { n } = await db
    .selectFrom("marks as m")
    .innerJoin("session_candidates as c", "c.id", "m.candidate_id")
    .innerJoin("exam_sessions as s", "s.id", "c.session_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("s.title", "=", FIXTURE.importTitle)
    .executeTakeFirstOrThrow();
  if (Number(n) === 0) await writeMarks(db, FIXTURE.importTitle, marks);
  const session = await db
    .selectFrom("exam_sessions")
    .select("id")
    .where("title", "=", FIXTURE.searchTitle)
    .executeTakeFirstOrThrow();
  return session.id;
}

interface WriteFigures {
  nameSearch: number[];
  licenceSearch: number[];
  close: number[];
  awarded: number;
  imports: number[];
}

async function timed(url: string, init: RequestInit, cookie: string, expect: (status: number) => boolean) {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual", ...init, headers: { cookie, ...(init.headers ?? {}) } });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!expect(response.status)) throw new Error(`${url} : HTTP ${response.status} ${body.slice(0, 300)}`);
  return elapsed;
}

const PREFIXES = ["ma", "mar", "mart", "le", "lef", "du", "dup", "ber", "mor", "pet"];
const PREFIXES_MORE = ["gar", "rou", "fon", "bla", "hel", "jean", "jean-f", "zo", "lu", "cla"];

/** Search, close and import through the side's two servers, one request at a time, taking turns. */
async function measureWrites(side: Side, db: DB, searchSession: number, file: Buffer): Promise<WriteFigures> {
  const origins = side.servers.map((s) => s.origin);
  let turn = 0;
  const next = () => origins[turn++ % origins.length];
  const clubCookie = await login(origins[0], BENCH_USERS.club, BENCH_PASSWORD);
  const clubCsrf = await csrfToken(origins[0], clubCookie);
  const ok = (status: number) => status < 400;
  const search = (q: string) =>
    timed(`${next()}/sessions/${searchSession}/participants?q=${encodeURIComponent(q)}`, {}, clubCookie, ok);
  for (let i = 0; i < 10; i++) await search("mar"); // warm-up
  const nameSearch: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of [...PREFIXES, ...PREFIXES_MORE]) nameSearch.push(await search(q));
  const samples = await db.selectFrom("licensees").select("licence").orderBy("id").limit(100).offset(1000).execute();
  const licenceSearch: number[] = [];
  for (const { licence } of samples) {
    licenceSearch.push(await search(licence));
    licenceSearch.push(await search(licence.replace(/-/g, "").slice(0, 6)));
  }
  const close: number[] = [];
  for (let s = 0; s < FIXTURE.closes; s++) {
    const { id } = await db
      .selectFrom("exam_sessions")
      .select("id")
      .where("title", "=", FIXTURE.closeTitle(s))
      .executeTakeFirstOrThrow();
    close.push(
      await timed(
        `${next()}/sessions/${id}/cloture`,
        {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrf: clubCsrf }).toString(),
        },
        clubCookie,
        (status) => status === 302 || status === 303,
      ),
    );
  }
  const { n: awarded } = await db
    .selectFrom("certifications_held as h")
    .innerJoin("exam_sessions as s", "s.id", "h.session_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("s.title", "like", "Banc SQLite/PostgreSQL : clôture%")
    .executeTakeFirstOrThrow();
  const commissionCookie = await login(origins[0], BENCH_USERS.commission, BENCH_PASSWORD);
  const commissionCsrf = await csrfToken(origins[0], commissionCookie);
  const imports: number[] = [];
  for (let i = 0; i < 4; i++) {
    const form = new FormData();
    form.set("csrf", commissionCsrf);
    form.set("title", `Banc SQLite/PostgreSQL : import ${i}`);
    form.set("intent", "import");
    form.set("file", new Blob([new Uint8Array(file)]), "niveau-4-2000.xlsx");
    const elapsed = await timed(
      `${next()}/sessions/importer`,
      { method: "POST", body: form },
      commissionCookie,
      (s) => s === 302,
    );
    if (i > 0) imports.push(elapsed); // the first one after start compiles the import's code: left out
  }
  return { nameSearch, licenceSearch, close, awarded: Number(awarded), imports };
}

/** The write copies: a copy of the SQLite file, a PostgreSQL database made from the bench one as a template. */
async function writeCopies(options: Options): Promise<{ sqlite: string; postgres: string }> {
  const sqliteCopy = "bench/.data/pg-compare-writes.db";
  for (const suffix of ["", "-wal", "-shm"]) rmSync(sqliteCopy + suffix, { force: true });
  mkdirSync("bench/.data", { recursive: true });
  copyFileSync(options.sqlite, sqliteCopy);
  const target = new URL(options.postgres);
  const source = target.pathname.slice(1);
  const copyName = `${source}_writes`;
  const admin = new pg.Client({ connectionString: options.postgres.replace(/\/[^/?]*(\?|$)/, "/postgres$1") });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${copyName}`);
    // An autovacuum worker still connected to the source makes the copy wait: tried again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${copyName} template ${source}`);
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
  } finally {
    await admin.end();
  }
  target.pathname = `/${copyName}`;
  return { sqlite: sqliteCopy, postgres: target.toString() };
}

function writeTable(figures: Record<Side["label"], WriteFigures>): string {
  const lines: [string, keyof Omit<WriteFigures, "awarded">][] = [
    ["recherche par nom (préfixe), page Participants", "nameSearch"],
    ["recherche par licence, page Participants", "licenceSearch"],
    ["« Clôturer », 300 candidats", "close"],
    ["import d'un bordereau de 2 000 lignes (« Lancer l'import »)", "imports"],
  ];
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return table(
    ["mesure", "n", "p50 ms SQLite / PG", "PG/SQLite", "p95 ms SQLite / PG", "PG/SQLite"],
    lines.map(([name, key]) => {
      const a = stats(figures.SQLite[key]);
      const b = stats(figures.PostgreSQL[key]);
      return [
        name,
        String(figures.SQLite[key].length),
        `${ms(a.p50)} / ${ms(b.p50)}`,
        ratio(b.p50, a.p50),
        `${ms(a.p95)} / ${ms(b.p95)}`,
        ratio(b.p95, a.p95),
      ];
    }),
    new Set([1, 2, 3, 4, 5]),
  );
}

// --- main -----------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // The app's modules (the export below) open DATABASE_URL when first imported: not the demo world.
  Object.assign(process.env, { DATABASE_URL: options.sqlite, DEMO: "off" });
  const { buildSessionExportFile } = await import("../app/sessions/export.server");
  const started = new Date();
  const loadAtStart = load();
  console.log(`SQLite et PostgreSQL — ${started.toISOString()}`);
  console.log(`Machine : ${machine()} ; charge au départ ${loadAtStart}`);
  if (options.build) build();

  const problems: string[] = [];
  const report: string[] = [];
  const saved: Record<string, unknown> = { started, machine: machine(), loadAtStart, options: { ...options } };

  const lite = openDatabase(options.sqlite);
  const postgres = openDatabase(options.postgres, { poolMax: 2 });
  const [world, pgWorld] = await Promise.all([readWorld(lite), readWorld(postgres)]);
  await lite.destroy();
  await postgres.destroy();
  if (JSON.stringify(world) !== JSON.stringify(pgWorld))
    throw new Error(`les deux bases n'ont pas le même contenu : ${JSON.stringify(world)} ≠ ${JSON.stringify(pgWorld)}`);
  console.log(
    `Portées : club ${world.club.code} (${int(world.club.sessions)} sessions), commission ${world.commission.code}, toutes : ${int(world.sessions)}`,
  );

  if (options.list) {
    const list = scenarios(world).filter((s) => !options.only || `${s.who} ${s.name}`.includes(options.only));
    const sides: Side[] = [];
    try {
      sides.push(await startSide("SQLite", options.sqlite, options.port));
      sides.push(await startSide("PostgreSQL", options.postgres, options.port + 2));
      // Warm-up (JIT, caches) on the plainest page, out of the figures.
      for (const side of sides)
        await drive(side, 4, 3, {
          path: "/sessions",
          headers: { cookie: side.cookies.club, "accept-encoding": "gzip" },
        });
      const { rows, mixes } = await compareList(options, sides as [Side, Side], list, problems);
      saved.list = { rows, mixes };
      report.push(
        `Liste, ${options.connections} connexions (la moitié sur chaque port), ${options.duration} s par URL, Accept-Encoding: gzip ; ` +
          `CPU : les deux processus Node, plus ceux de PostgreSQL côté PostgreSQL`,
        "",
        listTable(rows, mixes),
      );
    } finally {
      for (const side of sides) {
        const errors = await stopSide(side);
        if (errors) problems.push(`stderr des serveurs ${side.label} :\n${errors}`);
      }
    }
  }

  if (options.writes) {
    const copies = await writeCopies(options);
    const figures = {} as Record<Side["label"], WriteFigures>;
    let file: Buffer | null = null;
    const ids: Record<string, number> = {};
    for (const [label, url] of [
      ["SQLite", copies.sqlite],
      ["PostgreSQL", copies.postgres],
    ] as const) {
      const db = openDatabase(url, { poolMax: 2 });
      try {
        const t = performance.now();
        ids[label] = await addWriteWorld(db, world);
        console.log(`${label} : monde du banc d'écriture ajouté en ${((performance.now() - t) / 1000).toFixed(1)} s`);
        if (!file) {
          const session = await db
            .selectFrom("exam_sessions")
            .select("id")
            .where("title", "=", FIXTURE.importTitle)
            .executeTakeFirstOrThrow();
          file = (await buildSessionExportFile(db, session.id, null))!.body;
          writeFileSync("bench/.data/pg-compare-import.xlsx", file);
        }
      } finally {
        await db.destroy();
      }
    }
    for (const [label, url, port] of [
      ["SQLite", copies.sqlite, options.port + 4],
      ["PostgreSQL", copies.postgres, options.port + 6],
    ] as const) {
      let side: Side | undefined;
      const db = openDatabase(url, { poolMax: 2 });
      try {
        side = await startSide(label, url, port);
        figures[label] = await measureWrites(side, db, ids[label], file!);
        console.log(`${label} : écritures mesurées (${figures[label].awarded} brevets attribués à la clôture)`);
      } finally {
        const errors = await stopSide(side);
        if (errors) problems.push(`stderr des serveurs ${label} (écritures) :\n${errors}`);
        await db.destroy();
      }
    }
    if (figures.SQLite.awarded !== figures.PostgreSQL.awarded)
      problems.push(`brevets attribués : SQLite ${figures.SQLite.awarded}, PostgreSQL ${figures.PostgreSQL.awarded}`);
    saved.writes = figures;
    report.push(
      "",
      `Recherche, clôture et import : une requête à la fois, tour à tour sur les deux ports ; ` +
        `${figures.SQLite.awarded} brevets attribués par les ${FIXTURE.closes} clôtures de chaque côté`,
      "",
      writeTable(figures),
    );
  }

  const loadAtEnd = load();
  saved.loadAtEnd = loadAtEnd;
  saved.problems = problems;
  console.log("");
  console.log(`Charge : ${loadAtStart} au départ, ${loadAtEnd} à la fin`);
  console.log(report.join("\n"));
  for (const p of problems) console.log(`! ${p}`);
  mkdirSync("bench/.data", { recursive: true });
  const out = `bench/.data/pg-compare-${started.toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(out, JSON.stringify(saved, null, 2));
  console.log(`Résultats : ${out}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
