/**
 * `tsx bench/templates.ts [--port 3230] [--requests 200] [--exports 30] [--no-build]`
 *
 * Speed of the Excel templates (issue 6): goals p95 ≤ 100 ms for a template download and
 * ≤ 500 ms for the export of a 500-candidate draft.
 * 1. a fresh database in bench/.data/templates.db: migrated, the template test world
 *    (test/support/excel-world.ts) with a GP-N4 draft of 500 candidates, all 16 tests marked;
 * 2. in process (the floor, no HTTP): each template built from scratch (data, layout, exceljs
 *    write), then through the route's function (cached bytes), and the 500-candidate export;
 * 3. over HTTP: the production build (bench/.data/templates-build) served by
 *    `node scripts/start.js`, one logged-in user, sequential GETs of each `/modeles/<slug>.xlsx`
 *    and of `/sessions/:id/excel.xlsx`, timed to the last byte.
 * Wall-clock times come with CPU times (this process's in process; the server process's mean
 * per request over HTTP, from /proc): on a shared, busy machine the CPU time is what a request
 * costs on an idle core.
 * Prints Markdown tables (for bench/README.md) and saves them as JSON in bench/.data/.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { buildSessionExportFile, buildTemplateFile } from "../app/sessions/export.server";
import { resolveTemplate } from "../app/excel/resolve";
import { loadTemplateData } from "../app/sessions/template-data.server";
import { TEMPLATES } from "../app/excel/templates";
import { CLUB, REGION, SESSIONS, seedExportWorld, sessionId } from "../test/support/excel-world";
import { writeTemplate } from "../app/excel/write";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { login } from "./server";

const DATA_DIR = "bench/.data";
const DB_FILE = `${DATA_DIR}/templates.db`;
const BUILD_DIR = `${DATA_DIR}/templates-build`;
const USER = { email: "modeles@bench.fr", password: "bench-modeles-2026" };
const CANDIDATES = 500;
const GOAL_TEMPLATE_P95 = 100;
const GOAL_EXPORT_P95 = 500;

interface Options {
  port: number;
  requests: number;
  exports: number;
  build: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { port: 3230, requests: 200, exports: 30, build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === "--port") options.port = value();
    else if (flag === "--requests") options.requests = value();
    else if (flag === "--exports") options.exports = value();
    else if (flag === "--no-build") options.build = false;
    else throw new Error(`option inconnue : ${flag}`);
  }
  return options;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Row {
  what: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** CPU time: p95 per run in process; over HTTP, the server's mean per request. */
  cpu: number;
  bytes: number;
  goal: number | null;
}

interface Sample {
  wall: number;
  cpu: number;
}

function row(what: string, samples: Sample[], bytes: number, goal: number | null, serverCpu?: number): Row {
  const wall = samples.map((s) => s.wall);
  return {
    what,
    runs: samples.length,
    p50: percentile(wall, 50),
    p95: percentile(wall, 95),
    max: Math.max(...wall),
    cpu:
      serverCpu ??
      percentile(
        samples.map((s) => s.cpu),
        95,
      ),
    bytes,
    goal,
  };
}

function table(title: string, cpuHeader: string, rows: Row[]): string {
  const ms = (n: number) => n.toFixed(1);
  return [
    `### ${title}`,
    "",
    `| what | runs | p50 ms | p95 ms | max ms | ${cpuHeader} | size KB | goal (p95) |`,
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.runs} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.cpu)} | ${(r.bytes / 1024).toFixed(0)} | ` +
        (r.goal === null ? "–" : `≤ ${r.goal} ms`) +
        " |",
    ),
    "",
  ].join("\n");
}

/** Wall-clock and CPU time of one run (CPU time of this process: what the work costs on an idle core). */
async function timed<T>(run: () => Promise<T>): Promise<[Sample, T]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  return [{ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }, result];
}

/** CPU time a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function prepareDatabase(): Promise<number> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB_FILE}${suffix}`, { force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const db = openDatabase(DB_FILE);
  try {
    await migrateToLatest(db);
    await seedExportWorld(db, {
      largeCandidates: CANDIDATES,
      users: [
        {
          email: USER.email,
          password: USER.password,
          nom: "Banc d'essai des modèles",
          scopes: [
            { organiser: CLUB, role: "gestionnaire" },
            { organiser: REGION, role: "gestionnaire" },
          ],
        },
      ],
    });
    return await sessionId(db, SESSIONS.large);
  } finally {
    await db.destroy();
  }
}

async function inProcess(options: Options, largeId: number): Promise<Row[]> {
  const db = openDatabase(DB_FILE);
  const rows: Row[] = [];
  try {
    for (const spec of TEMPLATES) {
      const times: Sample[] = [];
      let bytes = 0;
      for (let i = 0; i < 20; i++) {
        const [sample, body] = await timed(async () =>
          writeTemplate(resolveTemplate(spec, await loadTemplateData(db, spec, { allowed: null }))),
        );
        if (i > 0) times.push(sample); // the first run also loads and compiles code
        bytes = body.byteLength;
      }
      rows.push(row(`${spec.name}: built from scratch`, times, bytes, null));
    }
    for (const spec of TEMPLATES) {
      const times: Sample[] = [];
      let bytes = 0;
      for (let i = 0; i < options.requests; i++) {
        const [sample, file] = await timed(() => buildTemplateFile(db, spec, null));
        times.push(sample);
        bytes = file.body.byteLength;
      }
      rows.push(row(`${spec.name}: route function (cached bytes)`, times, bytes, GOAL_TEMPLATE_P95));
    }
    const times: Sample[] = [];
    let bytes = 0;
    for (let i = 0; i <= options.exports; i++) {
      const [sample, file] = await timed(() => buildSessionExportFile(db, largeId, null));
      if (i > 0) times.push(sample);
      bytes = file!.body.byteLength;
    }
    rows.push(row(`export of a ${CANDIDATES}-candidate GP-N4 draft`, times, bytes, GOAL_EXPORT_P95));
  } finally {
    await db.destroy();
  }
  return rows;
}

async function startServer(port: number): Promise<{ origin: string; stop(): Promise<void>; child: ChildProcess }> {
  const child = spawn(process.execPath, ["scripts/start.js"], {
    env: {
      ...process.env,
      DATABASE_URL: DB_FILE,
      PORT: String(port),
      HOST: "127.0.0.1",
      BUILD_DIR,
      APP_MODE: "production",
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
      DEMO: "off",
      WEB_CONCURRENCY: "1", // one process: its CPU time, read from /proc, is the server's
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode})`);
    try {
      if ((await fetch(`${origin}/healthcheck`)).ok) return { origin, stop, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`le serveur ne répond pas sur ${origin}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function overHttp(options: Options, largeId: number): Promise<Row[]> {
  if (options.build) {
    const result = spawnSync("node_modules/.bin/remix", ["build"], {
      env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error("la compilation (remix build) a échoué");
  }
  const server = await startServer(options.port);
  const rows: Row[] = [];
  try {
    const cookie = await login(server.origin, USER.email, USER.password);
    const get = async (path: string) => {
      const response = await fetch(`${server.origin}${path}`, { headers: { cookie } });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} : HTTP ${response.status}`);
      return body.byteLength;
    };
    for (const spec of TEMPLATES) {
      const path = `/modeles/${spec.slug}.xlsx`;
      const bytes = await get(path); // warm-up: first build of the bytes
      const times: Sample[] = [];
      const cpuBefore = processCpu(server.child.pid!);
      for (let i = 0; i < options.requests; i++) times.push((await timed(() => get(path)))[0]);
      const serverCpu = (processCpu(server.child.pid!) - cpuBefore) / options.requests;
      rows.push(row(`GET ${path}`, times, bytes, GOAL_TEMPLATE_P95, serverCpu));
    }
    const path = `/sessions/${largeId}/excel.xlsx`;
    const bytes = await get(path);
    const times: Sample[] = [];
    const cpuBefore = processCpu(server.child.pid!);
    for (let i = 0; i < options.exports; i++) times.push((await timed(() => get(path)))[0]);
    const serverCpu = (processCpu(server.child.pid!) - cpuBefore) / options.exports;
    rows.push(row(`GET ${path} (${CANDIDATES} candidates)`, times, bytes, GOAL_EXPORT_P95, serverCpu));
  } finally {
    await server.stop();
  }
  return rows;
}

const options = parseArgs(process.argv.slice(2));
const largeId = await prepareDatabase();
const floor = await inProcess(options, largeId);
const http = await overHttp(options, largeId);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(" / ")} at the end of the run`;
const report = [
  `Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC – ${machine}.`,
  "",
  table("In process (no HTTP)", "CPU p95 ms", floor),
  table("Over HTTP (production build, one user, sequential requests)", "server CPU ms/req", http),
].join("\n");
console.log(report);
writeFileSync(`${DATA_DIR}/templates.json`, JSON.stringify({ machine, floor, http }, null, 2));
