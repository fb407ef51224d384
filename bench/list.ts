/**
 * `tsx bench/list.ts [--before] [--db FILE] [--port 3200] [--duration 5] [--mix 30] [--connections 16]
 *                    [--rate 200] [--workers N] [--only TEXT] [--no-build] [--no-gzip] [--floor-only] [--plans]
 *                    [--before-db bench/.data/before.db] [--before-build bench/.data/build-before]`
 *
 * Load test of the sessions list on a generated database (`npm run db:scale`):
 * 1. builds the app into bench/.build and brings the database to the latest migration
 *    (without statistics, as the app's databases: sqlite_stat1 and sqlite_stat4 emptied);
 * 2. the floor: for every scenario, the list's queries, recorded from sessions.server.ts and
 *    replayed bare through better-sqlite3, one after the other;
 * 3. starts the production server (`node scripts/start.js`, as many processes as `npm start`
 *    runs here, one per processor, unless `--workers`), logs the bench users in through
 *    the login form, checks each page once (status, total equal to the floor's, HTML size),
 *    then drives each URL with autocannon at 16 connections, then all of them mixed (and the
 *    club's alone): once as fast as the server answers (its throughput), once at the goal's
 *    rate, one request due every 5 ms over at most the same 16 connections (bench/open-loop.ts,
 *    latency counted from the moment each request was due: what users arriving at that rate
 *    meet), then a few landmarks (a health check, the login page, an empty list, the list's
 *    data alone as JavaScript asks it), each both ways.
 * With `--before`, the same for the app as it was (bench/build-before.sh: original queries,
 * migrations 001–002, on bench/.data/before.db), both servers up, each URL driven on one then
 * on the other in turn, so that both sides meet the same machine load.
 * Prints Markdown tables (for bench/README.md) and saves them as JSON in bench/.data/.
 */
import autocannon, { type AutocannonOptions, type AutocannonResult } from "autocannon";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import type { Database as Schema } from "../db/schema";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";
import { openLoop, type OpenLoopRequest } from "./open-loop";
import {
  appApi,
  capture,
  listPage,
  percentile,
  replay,
  type FloorResult,
  type ListApi,
  type ListData,
  type Statement,
} from "./floor";
import { referenceQueries } from "./reference";
import { readBenchWorld, scenarios, type BenchWorld, type Scenario, type Who } from "./scenarios";
import { BUILD_DIR, build, login, startServer, type Server } from "./server";
import { treeCpuTimeMs } from "./proc";

const GOAL_P95_MS = 50;
const GOAL_RPS = 200;
const GOAL_HTML_BYTES = 80 * 1024;

interface Options {
  db: string;
  port: number;
  duration: number;
  mix: number;
  /** Offered rate (req/s) of the mixes' second run; 0: no such run. */
  rate: number;
  connections: number;
  workers: number;
  only: string | null;
  build: boolean;
  gzip: boolean;
  floorOnly: boolean;
  plans: boolean;
  before: boolean;
  beforeDb: string;
  beforeBuild: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    db: DEFAULT_DB,
    port: 3200,
    duration: 5,
    mix: 30,
    rate: GOAL_RPS,
    connections: 16,
    workers: availableParallelism(),
    only: null,
    build: true,
    gzip: true,
    floorOnly: false,
    plans: false,
    before: false,
    beforeDb: "bench/.data/before.db",
    beforeBuild: "bench/.data/build-before",
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    const number = (min: number, max: number) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag} : entre ${min} et ${max}`);
      return n;
    };
    if (flag === "--db") options.db = value();
    else if (flag === "--port") options.port = number(3200, 3298);
    else if (flag === "--duration") options.duration = number(1, 120);
    else if (flag === "--mix") options.mix = number(0, 600);
    else if (flag === "--rate") options.rate = number(0, 5000);
    else if (flag === "--connections") options.connections = number(1, 256);
    else if (flag === "--workers") options.workers = number(1, 16);
    else if (flag === "--only") options.only = value();
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--no-gzip") options.gzip = false;
    else if (flag === "--floor-only") options.floorOnly = true;
    else if (flag === "--plans") options.plans = true;
    else if (flag === "--before") options.before = true;
    else if (flag === "--before-db") options.beforeDb = value();
    else if (flag === "--before-build") options.beforeBuild = value();
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------

interface HttpResult {
  rps: number;
  /** CPU time the server process spent per response (user + system): its cost without the queueing. */
  cpuMs: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** Paced runs only: CPU time the load generator itself spent per request (same machine). */
  clientCpuMs?: number;
}

interface Row {
  scenario: Scenario;
  floor: FloorResult;
  data: ListData;
  statements: number;
  http?: HttpResult;
  htmlBytes?: number;
  htmlRows?: number;
  gzipBytes?: number;
}

function cannon(options: AutocannonOptions, serverPid: number): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const cpuBefore = treeCpuTimeMs(serverPid);
    const instance = autocannon(options, (error: Error | null, result: AutocannonResult) => {
      if (error) return reject(error);
      const cpu = treeCpuTimeMs(serverPid) - cpuBefore;
      latencies.sort((a, b) => a - b);
      resolve({
        cpuMs: latencies.length > 0 ? cpu / latencies.length : NaN,
        rps: latencies.length / result.duration,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        requests: latencies.length,
        errors: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/**
 * A run at a fixed offered rate (bench/open-loop.ts: requests due every 1/rate s, latency
 * counted from the moment each was due, at most `connections` connections).
 */
async function paced(
  origin: string,
  requests: OpenLoopRequest[],
  rate: number,
  seconds: number,
  connections: number,
  serverPid: number,
): Promise<HttpResult> {
  const cpuBefore = treeCpuTimeMs(serverPid);
  const clientBefore = process.cpuUsage();
  const result = await openLoop({ origin, requests, rate, seconds, connections });
  const client = process.cpuUsage(clientBefore);
  const cpu = treeCpuTimeMs(serverPid) - cpuBefore;
  const answers = Math.max(1, result.latencies.length);
  return {
    cpuMs: cpu / answers,
    rps: result.answeredPerSecond,
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    p99: percentile(result.latencies, 99),
    requests: result.latencies.length,
    errors: result.errors,
    clientCpuMs: (client.user + client.system) / 1000 / answers,
  };
}

/** One GET, without decompressing: status, raw body and the number of bytes on the wire. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/**
 * Waits until the server has finished what the previous run left queued (autocannon stops
 * sending, the server still answers what it received): a health check must come back quickly.
 */
async function drain(origin: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const t = performance.now();
    await get(`${origin}/healthcheck`, {});
    if (performance.now() - t < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------------------------------------

const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n.toFixed(1));
const int = (n: number | undefined) => (n === undefined ? "–" : Math.round(n).toLocaleString("en-US"));
const kb = (n: number | undefined) => (n === undefined ? "–" : (n / 1024).toFixed(1));

function table(header: string[], rows: string[][], right = new Set<number>()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function machine(): string {
  let model = cpus()[0]?.model ?? "?";
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? model;
  } catch {
    // not Linux
  }
  return `${cpus().length} cœurs (${model}), ${(totalmem() / 1024 ** 3).toFixed(1)} Gio, Node ${process.version}`;
}

/** Each statement of a scenario with its EXPLAIN QUERY PLAN (`--plans`). */
function printPlans(db: Database.Database, scenario: Scenario, statements: Statement[]) {
  console.log(`\n### ${scenario.who} — ${scenario.name} (${scenario.search || "sans paramètre"})`);
  for (const s of statements) {
    const plan = db.prepare(`explain query plan ${s.sql}`).all(...s.params) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, 0]]);
    console.log(`\n    ${s.sql.replace(/\s+/g, " ")}`);
    console.log(`    -- ${JSON.stringify(s.params)}`);
    for (const step of plan) {
      depth.set(step.id, (depth.get(step.parent) ?? 0) + 1);
      console.log(`    ${"  ".repeat(depth.get(step.id)!)}${step.detail}`);
    }
  }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

interface Mix {
  name: string;
  /** The offered rate (req/s), or undefined: as fast as the server answers. */
  rate?: number;
  http: HttpResult;
  floorMs: number;
  floorCpuMs: number;
}

/** One app under test: the current one ("après"), or the one before the change ("avant"). */
interface Side {
  label: "avant" | "après";
  db: string;
  buildDir: string;
  /** The floor from bench/reference.ts, the app's own modules (and migrations) left alone. */
  reference: boolean;
  port: number;
  indexes: { name: string; sql: string }[];
  world: BenchWorld;
  rows: Row[];
  mixes: Mix[];
  landmarks: { name: string; http: HttpResult }[];
  server?: Server;
  cookies?: Record<Who, string>;
}

/** No statistics (as in the app), the world of the bench users, the indexes of exam_sessions. */
function inspect(db: string): { world: BenchWorld; indexes: Side["indexes"] } {
  const raw = new Database(db);
  raw.pragma("busy_timeout = 5000");
  try {
    // The app never runs ANALYZE: its databases have no statistics, and neither has this one
    // (with them, the planner reads the administrator's "Brevet" through a skip-scan of the
    // organiser indexes, three times slower; bench/README.md).
    const tables = raw.prepare("select name from sqlite_master where name like 'sqlite_stat%'").all() as {
      name: string;
    }[];
    const filled = tables.filter(
      (t) => (raw.prepare(`select count(*) as n from ${t.name}`).get() as { n: number }).n > 0,
    );
    if (filled.length > 0) {
      for (const table of filled) raw.exec(`delete from ${table.name}`);
      console.log(
        `Statistiques (${filled.map((t) => t.name).join(", ")}) retirées de ${db}, comme dans une base de l'application`,
      );
    }
    const indexes = raw
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'exam_sessions' and sql is not null order by name",
      )
      .all() as Side["indexes"];
    return { world: readBenchWorld(raw), indexes };
  } finally {
    raw.close();
  }
}

async function measureFloor(side: Side, list: Scenario[], plans: boolean): Promise<void> {
  const readonly = new Database(side.db, { readonly: true });
  try {
    const organiserOf: Record<Who, number | null> = { club: side.world.club.organiserId, admin: null };
    const api: ListApi = side.reference
      ? referenceQueries(new Kysely<Schema>({ dialect: new SqliteDialect({ database: readonly }) }))
      : await appApi();
    for (const scenario of list) {
      const { result: data, statements } = await capture(() =>
        listPage(api, organiserOf[scenario.who], scenario.search),
      );
      side.rows.push({ scenario, data, statements: statements.length, floor: replay(readonly, statements) });
      if (plans) printPlans(readonly, scenario, statements);
    }
  } finally {
    readonly.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.db))
    throw new Error(`base introuvable : ${options.db} (npm run db:scale -- --sessions 1000000)`);
  if (options.before && (!existsSync(options.beforeDb) || !existsSync(`${options.beforeBuild}/index.js`))) {
    throw new Error(
      `--before : ${options.beforeDb} et ${options.beforeBuild} manquent (bash bench/build-before.sh --db)`,
    );
  }
  const started = new Date();
  console.log(`Banc /sessions — ${started.toISOString()}`);
  console.log(`Machine : ${machine()} ; charge ${load()} ; serveur : ${options.workers} processus`);

  if (options.build && !options.floorOnly) {
    const t = performance.now();
    build();
    console.log(`Compilation dans ${BUILD_DIR} : ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  // The app modules read their configuration when first imported; they migrate the database.
  Object.assign(process.env, {
    DATABASE_URL: options.db,
    DEMO: "off",
    APP_MODE: "development",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
  });
  const t = performance.now();
  await import("../app/utils/db.server");
  const sides: Side[] = [];
  const add = (label: Side["label"], db: string, buildDir: string, reference: boolean, port: number) =>
    sides.push({ label, db, buildDir, reference, port, ...inspect(db), rows: [], mixes: [], landmarks: [] });
  if (options.before) add("avant", options.beforeDb, options.beforeBuild, true, options.port + 1);
  add("après", options.db, BUILD_DIR, false, options.port);
  console.log(`Bases prêtes (migrations, statistiques) : ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (const side of sides) {
    console.log(`${side.label} : ${side.db}, index de exam_sessions : ${side.indexes.map((i) => i.name).join(", ")}`);
  }
  const world = sides[sides.length - 1].world;
  if (sides.some((s) => s.world.club.code !== world.club.code || s.world.sessions !== world.sessions)) {
    throw new Error(
      "les bases avant et après n'ont pas le même contenu (npm run db:scale, puis bash bench/build-before.sh --db)",
    );
  }
  console.log(
    `Portées : club ${world.club.code} « ${world.club.name} » (${int(world.club.sessions)} sessions), ` +
      `commission ${world.commission.code} (${int(world.commission.sessions)}), toutes : ${int(world.sessions)}`,
  );
  const list = scenarios(world).filter((s) => !options.only || `${s.who} ${s.name}`.includes(options.only));

  // --- Floor ---------------------------------------------------------------------------------
  for (const side of sides) {
    const t = performance.now();
    await measureFloor(side, list, options.plans && side.label === "après");
    console.log(`Plancher ${side.label} : ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  // --- HTTP ----------------------------------------------------------------------------------
  const problems: string[] = [];
  const headersOf = (side: Side, who: Who): Record<string, string> => ({
    cookie: side.cookies![who],
    ...(options.gzip ? { "accept-encoding": "gzip" } : {}),
  });
  /** Each side in turn, the first one alternating, so that neither always runs first. */
  const inTurn = (i: number) => (i % 2 === 0 ? sides : [...sides].reverse());
  if (!options.floorOnly) {
    try {
      for (const side of sides) {
        side.server = await startServer(side.db, side.port, { buildDir: side.buildDir, workers: options.workers });
        side.cookies = {
          club: await login(side.server.origin, BENCH_USERS.club, BENCH_PASSWORD),
          admin: await login(side.server.origin, BENCH_USERS.admin, BENCH_PASSWORD),
        };
        // Warm-up (JIT, page cache) on the plainest page, out of the figures.
        const warm = {
          url: `${side.server.origin}/sessions`,
          connections: 4,
          duration: 3,
          headers: headersOf(side, "club"),
        };
        await cannon(warm, side.server.process.pid!);
      }
      for (let i = 0; i < list.length; i++) {
        for (const side of inTurn(i)) {
          const row = side.rows[i];
          const server = side.server!;
          const url = `${server.origin}/sessions${row.scenario.search}`;
          await drain(server.origin);
          const page = await get(url, { cookie: side.cookies![row.scenario.who] });
          const html = page.body.toString("utf8");
          const shown = /data-testid="total">([^<]+)</.exec(html)?.[1].replace(/\D/g, "");
          const expected = row.data.total;
          const what = `${side.label}, ${row.scenario.who} « ${row.scenario.name} »`;
          if (page.status !== 200) problems.push(`${what} : HTTP ${page.status}`);
          else if ((shown === undefined ? 0 : Number(shown)) !== expected) {
            problems.push(
              `${what} : la page affiche ${shown ?? "aucun total"}, le plancher ${expected}${row.data.more ? " et plus" : ""}`,
            );
          }
          row.htmlBytes = page.body.length;
          row.htmlRows = (html.match(/<tr class="border-t/g) ?? []).length;
          row.gzipBytes = (
            await get(url, { cookie: side.cookies![row.scenario.who], "accept-encoding": "gzip" })
          ).body.length;
          const run = {
            url,
            connections: options.connections,
            duration: options.duration,
            timeout: 30,
            headers: headersOf(side, row.scenario.who),
          };
          row.http = await cannon(run, server.process.pid!);
          console.log(
            `  ${side.label.padEnd(5)} ${row.scenario.who.padEnd(5)} ${row.scenario.name.padEnd(36)} ${int(row.http.rps).padStart(5)} req/s` +
              `  p95 ${ms(row.http.p95).padStart(7)} ms  CPU ${ms(row.http.cpuMs).padStart(6)} ms/req  plancher CPU ${ms(row.floor.cpuMs).padStart(7)} ms`,
          );
        }
      }
      // The whole mix, and the club's URLs alone (what most users of the list do).
      const clubOnly = list.map((s, i) => (s.who === "club" ? i : -1)).filter((i) => i >= 0);
      const mixesOf: [string, number[]][] = [[`mélange : toutes les URL (${list.length})`, list.map((_, i) => i)]];
      if (clubOnly.length > 0 && clubOnly.length < list.length)
        mixesOf.push([`mélange : URL du club (${clubOnly.length})`, clubOnly]);
      // Each mix twice: as fast as the server answers (16 connections, each sending its next
      // request when the previous answer arrives: throughput), then at the goal's rate, one
      // request due every 5 ms over at most the same 16 connections (bench/open-loop.ts: the
      // latency users arriving at that rate meet).
      const runsOf: [string, number, number | undefined][] = [];
      for (const [name] of options.mix > 0 ? mixesOf : []) {
        runsOf.push([name, 0, undefined]);
        if (options.rate > 0) runsOf.push([name, 0, options.rate]);
      }
      for (const [m, [name, , rate]] of runsOf.entries()) {
        const indexes = mixesOf.find(([n]) => n === name)![1];
        for (const side of inTurn(m)) {
          const selected = indexes.map((i) => side.rows[i]);
          await drain(side.server!.origin);
          const requests = selected.map((row) => ({
            method: "GET",
            path: `/sessions${row.scenario.search}`,
            headers: headersOf(side, row.scenario.who),
          }));
          const http = rate
            ? await paced(
                side.server!.origin,
                requests,
                rate,
                options.mix,
                options.connections,
                side.server!.process.pid!,
              )
            : await cannon(
                {
                  url: side.server!.origin,
                  connections: options.connections,
                  duration: options.mix,
                  timeout: 30,
                  requests,
                },
                side.server!.process.pid!,
              );
          if (rate)
            console.log(
              `  ${side.label.padEnd(5)} ${name} à ${rate} req/s : p95 ${ms(http.p95)} ms, générateur ${ms(http.clientCpuMs)} ms de CPU par requête`,
            );
          side.mixes.push({
            name: rate ? `${name} à ${rate} req/s` : name,
            rate,
            http,
            floorMs: mean(selected.map((r) => r.floor.meanMs)),
            floorCpuMs: mean(selected.map((r) => r.floor.cpuMs)),
          });
        }
      }
      // What the server costs before any list: a resource route without React, a page without data.
      const after = sides[sides.length - 1];
      for (const [name, path, who] of [
        ["/healthcheck (sans React)", "/healthcheck", null],
        ["/connexion (page sans données)", "/connexion", null],
        ["/sessions?brevet=ZZ (liste sans ligne)", "/sessions?brevet=ZZ", "club"],
        // What a filter change or a page link costs with JavaScript: the loader's data alone.
        ["/sessions?_data=… (50 lignes, données seules)", "/sessions?_data=routes%2Fsessions._index", "club"],
      ] as const) {
        const headers = who ? headersOf(after, who) : options.gzip ? { "accept-encoding": "gzip" } : {};
        await drain(after.server!.origin);
        const run = {
          url: `${after.server!.origin}${path}`,
          connections: options.connections,
          duration: options.duration,
          timeout: 30,
          headers,
        };
        after.landmarks.push({ name, http: await cannon(run, after.server!.process.pid!) });
        // The same at the goal's rate: what the machine and the stack cost at that load.
        if (options.rate > 0) {
          await drain(after.server!.origin);
          const http = await paced(
            after.server!.origin,
            [{ path, headers }],
            options.rate,
            options.duration,
            options.connections,
            after.server!.process.pid!,
          );
          after.landmarks.push({ name: `${name} à ${options.rate} req/s`, http });
        }
      }
      for (const side of sides) {
        if (side.server!.errors().trim())
          problems.push(`stderr du serveur ${side.label} :\n${side.server!.errors().trim()}`);
      }
    } finally {
      for (const side of sides) await side.server?.stop();
    }
  }

  // --- Report --------------------------------------------------------------------------------
  console.log("");
  console.log(
    `${options.connections} connexions, ${options.duration} s par scénario${options.gzip ? ", Accept-Encoding: gzip" : ""} ; ` +
      `plancher : requêtes de la page rejouées à nu (better-sqlite3), l'une après l'autre ; charge en fin : ${load()}`,
  );
  for (const side of sides) {
    console.log(`\n${side.label === "après" ? "Après" : "Avant"} (${side.db}) :`);
    console.log(sideTable(side, options.mix));
  }
  if (sides.length === 2) {
    console.log("\nAvant → après :");
    console.log(comparison(sides[0], sides[1]));
  }
  const after = sides[sides.length - 1];
  if (after.landmarks.length > 0) {
    console.log("\nRepères (serveur après, mêmes connexions) :");
    console.log(
      table(
        ["repère", "req/s", "p50 ms", "p95 ms", "p99 ms", "err.", "CPU serveur ms/req", "CPU générateur ms/req"],
        after.landmarks.map((l) => [
          l.name,
          l.http.rps.toFixed(0),
          ms(l.http.p50),
          ms(l.http.p95),
          ms(l.http.p99),
          String(l.http.errors),
          ms(l.http.cpuMs),
          ms(l.http.clientCpuMs),
        ]),
        new Set([1, 2, 3, 4, 5, 6, 7]),
      ),
    );
  }
  const verdicts: string[] = [];
  for (const { name, rate, http: mix } of after.mixes) {
    verdicts.push(
      `${name} : p95 ${ms(mix.p95)} ms ${mix.p95 <= GOAL_P95_MS ? "≤" : ">"} ${GOAL_P95_MS} ms ${mix.p95 <= GOAL_P95_MS ? "✔" : "✘"}`,
    );
    // At an offered rate, the rate is reached when the server keeps up (within 2 %).
    const reached = rate ? mix.rps >= 0.98 * rate && mix.rps >= 0.98 * GOAL_RPS : mix.rps >= GOAL_RPS;
    verdicts.push(`${name} : ${int(mix.rps)} req/s ${reached ? "≥" : "<"} ${GOAL_RPS} ${reached ? "✔" : "✘"}`);
  }
  const http = after.rows.filter((r) => r.http);
  if (http.length > 0) {
    const passing = http.filter((r) => r.http!.p95 <= GOAL_P95_MS && r.http!.rps >= GOAL_RPS && r.http!.errors === 0);
    verdicts.push(`scénarios dans les deux objectifs : ${passing.length} / ${http.length}`);
  }
  const biggest = after.rows
    .filter((r) => r.htmlRows === 50)
    .sort((a, b) => (b.htmlBytes ?? 0) - (a.htmlBytes ?? 0))[0];
  if (biggest) {
    const ok = biggest.htmlBytes! <= GOAL_HTML_BYTES;
    verdicts.push(
      `page de 50 lignes la plus lourde (${biggest.scenario.who} « ${biggest.scenario.name} ») : ${kb(biggest.htmlBytes)} Kio ` +
        `(${kb(biggest.gzipBytes)} Kio en gzip) ${ok ? "≤" : ">"} 80 Kio ${ok ? "✔" : "✘"}`,
    );
  }
  for (const v of verdicts) console.log(`- ${v}`);
  for (const p of problems) console.log(`! ${p}`);

  mkdirSync("bench/.data", { recursive: true });
  const out = `bench/.data/list-${started.toISOString().replace(/[:.]/g, "-")}.json`;
  const saved = sides.map(({ server: _server, cookies: _cookies, ...side }) => side);
  writeFileSync(
    out,
    JSON.stringify({ started, machine: machine(), load: load(), options, sides: saved, verdicts, problems }, null, 2),
  );
  console.log(`Résultats : ${out}`);
  if (problems.length > 0) process.exitCode = 1;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const ratio = (server: number | undefined, floor: number) =>
  server === undefined || !Number.isFinite(server) || floor <= 0 ? "–" : (server / floor).toFixed(1);
const rps = (h: HttpResult | undefined) => (h ? h.rps.toFixed(h.rps < 10 ? 1 : 0) : "–");

/**
 * One side's figures. req/s and latencies are wall-clock, under whatever else the machine runs;
 * the CPU columns (server: per response; floor: per page) are what a request costs, and their
 * ratio is the price of everything that is not the list's queries (HTTP, login checks, Remix,
 * React, gzip).
 */
function sideTable(side: Side, mixSeconds: number): string {
  const header = [
    "qui",
    "scénario",
    "total",
    "page",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "err.",
    "CPU serveur ms/req",
    "plancher ms",
    "plancher CPU ms",
    "× plancher",
    "HTML Kio",
    "gzip Kio",
  ];
  const body = side.rows.map((r) => [
    r.scenario.who,
    r.scenario.name,
    `${r.data.more ? "> " : ""}${int(r.data.total)}`,
    String(r.data.page),
    rps(r.http),
    ms(r.http?.p50),
    ms(r.http?.p95),
    ms(r.http?.p99),
    r.http ? String(r.http.errors) : "–",
    ms(r.http?.cpuMs),
    ms(r.floor.meanMs),
    ms(r.floor.cpuMs),
    ratio(r.http?.cpuMs, r.floor.cpuMs),
    kb(r.htmlBytes),
    kb(r.gzipBytes),
  ]);
  for (const mix of side.mixes) {
    body.push([
      "tous",
      `${mix.name}, ${mixSeconds} s`,
      "",
      "",
      rps(mix.http),
      ms(mix.http.p50),
      ms(mix.http.p95),
      ms(mix.http.p99),
      String(mix.http.errors),
      ms(mix.http.cpuMs),
      ms(mix.floorMs),
      ms(mix.floorCpuMs),
      ratio(mix.http.cpuMs, mix.floorCpuMs),
      "",
      "",
    ]);
  }
  return table(header, body, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]));
}

/** Before → after, per scenario and per mix. */
function comparison(before: Side, after: Side): string {
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  const body = after.rows.map((r, i) => {
    const b = before.rows[i];
    return [
      r.scenario.who,
      r.scenario.name,
      arrow(rps(b.http), rps(r.http)),
      arrow(ms(b.http?.p95), ms(r.http?.p95)),
      arrow(ms(b.http?.cpuMs), ms(r.http?.cpuMs)),
      arrow(ms(b.floor.cpuMs), ms(r.floor.cpuMs)),
    ];
  });
  after.mixes.forEach((mix, i) => {
    const b = before.mixes[i];
    if (!b) return;
    body.push([
      "tous",
      mix.name,
      arrow(rps(b.http), rps(mix.http)),
      arrow(ms(b.http.p95), ms(mix.http.p95)),
      arrow(ms(b.http.cpuMs), ms(mix.http.cpuMs)),
      arrow(ms(b.floorCpuMs), ms(mix.floorCpuMs)),
    ]);
  });
  return table(
    ["qui", "scénario", "req/s", "p95 ms", "CPU serveur ms/req", "plancher CPU ms"],
    body,
    new Set([2, 3, 4, 5]),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
