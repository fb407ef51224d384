/**
 * `tsx bench/import.ts [--port 3240] [--runs 5] [--no-build]`
 *
 * Speed and memory of the Excel import (issue 7). Goals: a 2,000-candidate file imported in
 * ≤ 2 s end to end with a peak memory growth ≤ 300 MB; every hostile file refused in ≤ 1 s
 * with a growth ≤ 50 MB.
 * 1. a fresh database in bench/.data/import.db: migrated, the template test world
 *    (test/support/excel-world.ts) with a GP-N4 draft of 2,000 candidates, all 16 tests marked;
 *    the file is that draft's export (`/sessions/:id/excel.xlsx`): a Niveau 4 bordereau of
 *    2,000 filled rows;
 * 2. in process: exceljs's bare `load` of the file (the floor: what any exceljs-based import
 *    pays), the archive guard alone, the reading and checks (guard + exceljs on the rebuilt
 *    package + cells + registry), and each hostile file through the guard; warm runs in this
 *    process, plus one run of each in a fresh process (cold time and memory);
 * 3. over HTTP: the production build (bench/.data/import-build) served by
 *    `node scripts/start.js`, one logged-in gestionnaire of the regional commission posting to
 *    `/sessions/importer` ("Lancer l'import", timed to the answer): each hostile file first,
 *    then the 2,000-candidate file (the first import after start reported as "cold").
 * Memory is the peak resident set size (VmHWM, reset through /proc/<pid>/clear_refs before each
 * run) minus the resident size before the run: of a fresh process in process (a warm heap
 * reuses pages it already holds and would understate it), of the server over HTTP.
 * Prints Markdown tables (for bench/README.md) and saves them as JSON in bench/.data/.
 */
import { readFileSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import ExcelJS from "exceljs";
import { checkWorkbookFile, ImportRefused } from "../app/excel/archive-guard";
import { buildSessionExportFile } from "../app/sessions/export.server";
import { analyseUpload } from "../app/sessions/import-check.server";
import { hostileFiles } from "../test/support/import-fixtures";
import { REGION, SESSIONS, seedExportWorld, sessionId } from "../test/support/excel-world";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { spawnSync } from "node:child_process";
import { csrfToken, login, startServer } from "./server";

const DATA_DIR = "bench/.data";
const DB_FILE = `${DATA_DIR}/import.db`;
/** A build of its own: other benchmarks may be building bench/.build at the same time. */
const BUILD_DIR = `${DATA_DIR}/import-build`;
const USER = { email: "import@bench.fr", password: "bench-import-2026" };
const CANDIDATES = 2000;
const GOALS = { importMs: 2000, importMb: 300, hostileMs: 1000, hostileMb: 50 };

const FILE = `${DATA_DIR}/import-file.xlsx`;

interface Options {
  port: number;
  runs: number;
  build: boolean;
  /** Internal: one measure in a fresh process (`floor`, `analysis`, `hostile:<index>`). */
  child: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { port: 3240, runs: 5, build: true, child: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === "--port") options.port = value();
    else if (flag === "--runs") options.runs = value();
    else if (flag === "--no-build") options.build = false;
    else if (flag === "--child") options.child = inline ?? argv[++i];
    else throw new Error(`option inconnue : ${flag}`);
  }
  return options;
}

// --- memory -------------------------------------------------------------------------------

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function status(pid: number | "self"): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

/** Resets the peak resident size of a process (Linux: `5` into clear_refs); returns the resident size now. */
function resetPeak(pid: number | "self"): number {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
  return status(pid).rss;
}

const MB = 1024 * 1024;

interface Measure {
  ms: number;
  mb: number;
}

/** Wall-clock time and peak memory growth of one run in this process. */
async function measured<T>(run: () => Promise<T> | T): Promise<[Measure, T]> {
  gc();
  const before = resetPeak("self");
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  return [{ ms, mb: (status("self").hwm - before) / MB }, result];
}

/** One measure of a stage in a fresh process: its cold time, and its peak memory growth over what the process held before. */
function inFreshProcess(child: string): Measure {
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], "--child", child], {
    encoding: "utf8",
    timeout: 120_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (run.status !== 0 || !line) throw new Error(`mesure ${child} : ${run.stderr || run.stdout}`);
  return JSON.parse(line.slice(7)) as Measure;
}

async function childMeasure(child: string): Promise<void> {
  const file = readFileSync(FILE);
  const db = openDatabase(DB_FILE);
  const regionId = (await db.selectFrom("organisers").select("id").where("code", "=", REGION).executeTakeFirstOrThrow())
    .id;
  const hostile = child.startsWith("hostile:") ? hostileFiles(() => file)[Number(child.slice(8))].bytes() : null;
  const [measure] = await measured(async () => {
    if (child === "floor") {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations"] } as never);
    } else if (child === "analysis") {
      const result = await analyseUpload(db, file, { organiserId: regionId, target: { kind: "new" } });
      if (result.status !== "ready") throw new Error(result.status);
    } else {
      try {
        checkWorkbookFile(hostile!);
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
      }
    }
  });
  await db.destroy();
  console.log(`RESULT ${JSON.stringify(measure)}`);
}

// --- report -------------------------------------------------------------------------------

interface Row {
  what: string;
  runs: number;
  p50: number;
  max: number;
  /** Time of the one run in a fresh process (code not yet compiled); null when not measured. */
  cold: number | null;
  mb: number;
  goal: string;
  ok: boolean | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `fresh`: the run in a fresh process, whose memory growth is the one reported (a warm heap reuses freed pages). */
function row(what: string, measures: Measure[], goal: { ms: number; mb: number } | null, fresh?: Measure): Row {
  const max = Math.max(...measures.map((m) => m.ms));
  const mb = Math.max(...measures.map((m) => m.mb), fresh?.mb ?? 0);
  return {
    what,
    runs: measures.length,
    p50: median(measures.map((m) => m.ms)),
    max,
    cold: fresh?.ms ?? null,
    mb,
    goal: goal ? `≤ ${goal.ms} ms, ≤ ${goal.mb} MB` : "–",
    ok: goal ? max <= goal.ms && mb <= goal.mb : null,
  };
}

function table(title: string, rows: Row[]): string {
  return [
    `#### ${title}`,
    "",
    "| what | runs | p50 ms | max ms | cold ms | peak memory growth MB | goal | met |",
    "|---|---:|---:|---:|---:|---:|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.runs} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} | ${r.cold === null ? "–" : r.cold.toFixed(0)} | ${r.mb.toFixed(0)} | ` +
        `${r.goal} | ${r.ok === null ? "" : r.ok ? "yes" : "**no**"} |`,
    ),
    "",
  ].join("\n");
}

// --- the runs -----------------------------------------------------------------------------

async function prepare(): Promise<{ file: Buffer; regionId: number }> {
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
          nom: "Banc d'essai de l'import",
          scopes: [{ organiser: REGION, role: "gestionnaire" }],
        },
      ],
    });
    const file = (await buildSessionExportFile(db, await sessionId(db, SESSIONS.large), null))!.body;
    const region = await db.selectFrom("organisers").select("id").where("code", "=", REGION).executeTakeFirstOrThrow();
    return { file, regionId: region.id };
  } finally {
    await db.destroy();
  }
}

async function inProcess(options: Options, file: Buffer, regionId: number) {
  const floor: Measure[] = [];
  const analysis: Measure[] = [];
  const guard: Measure[] = [];
  const db = openDatabase(DB_FILE);
  try {
    // Run 0 compiles the code: left out of the warm figures (the fresh-process runs give the cold ones).
    for (let i = 0; i <= options.runs; i++) {
      const [f] = await measured(async () => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(file as unknown as ArrayBuffer, { ignoreNodes: ["dataValidations"] } as never);
        return workbook.worksheets.length;
      });
      const [a, result] = await measured(() =>
        analyseUpload(db, file, { organiserId: regionId, target: { kind: "new" } }),
      );
      if (result.status !== "ready") throw new Error(`analyse : ${JSON.stringify(result).slice(0, 400)}`);
      const [g] = await measured(() => checkWorkbookFile(file));
      if (i > 0) {
        floor.push(f);
        analysis.push(a);
        guard.push(g);
      }
    }
  } finally {
    await db.destroy();
  }
  const fresh = { floor: inFreshProcess("floor"), analysis: inFreshProcess("analysis") };
  const hostile: Row[] = [];
  for (const [index, h] of hostileFiles(() => file).entries()) {
    const bytes = h.bytes();
    const measures: Measure[] = [];
    for (let i = 0; i < options.runs; i++) {
      const [m, refused] = await measured(() => {
        try {
          checkWorkbookFile(bytes);
          return null;
        } catch (error) {
          return error instanceof ImportRefused ? error.refusal.kind : null;
        }
      });
      if (refused !== h.kind) throw new Error(`${h.name} : ${refused} au lieu de ${h.kind}`);
      measures.push(m);
    }
    const label = `${h.name} (${(bytes.length / 1024).toFixed(0)} KB)`;
    hostile.push(
      row(label, measures, { ms: GOALS.hostileMs, mb: GOALS.hostileMb }, inFreshProcess(`hostile:${index}`)),
    );
  }
  return { floor, analysis, guard, fresh, hostile };
}

async function overHttp(options: Options, file: Buffer) {
  if (options.build) {
    const result = spawnSync("node_modules/.bin/remix", ["build"], {
      env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (result.status !== 0) throw new Error("la compilation (remix build) a échoué");
  }
  const server = await startServer(DB_FILE, options.port, { buildDir: BUILD_DIR });
  const pid = server.process.pid!;
  try {
    const cookie = await login(server.origin, USER.email, USER.password);
    const csrf = await csrfToken(server.origin, cookie);
    const post = async (bytes: Buffer, fileName: string, title: string) => {
      const form = new FormData();
      form.set("csrf", csrf);
      form.set("title", title);
      form.set("intent", "import");
      form.set("file", new Blob([new Uint8Array(bytes)]), fileName);
      const before = resetPeak(pid);
      const start = performance.now();
      const response = await fetch(`${server.origin}/sessions/importer`, {
        method: "POST",
        body: form,
        headers: { cookie },
        redirect: "manual",
      });
      const body = await response.text();
      const ms = performance.now() - start;
      return { measure: { ms, mb: (status(pid).hwm - before) / MB }, status: response.status, body };
    };
    // Hostile files first, on a server that has imported nothing yet (its heap has no room left by an import).
    const hostile: Row[] = [];
    for (const h of hostileFiles(() => file)) {
      const bytes = h.bytes();
      const measures: Measure[] = [];
      for (let i = 0; i < options.runs; i++) {
        const result = await post(bytes, h.fileName, `Banc d'essai ${h.kind}`);
        const page = result.body
          .replace(/&#x27;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&");
        if (![413, 422].includes(result.status) || !h.message.test(page)) {
          throw new Error(`${h.name} : HTTP ${result.status} ${result.body.slice(0, 300)}`);
        }
        measures.push(result.measure);
      }
      hostile.push(
        row(`${h.name} (${(bytes.length / 1024).toFixed(0)} KB)`, measures, {
          ms: GOALS.hostileMs,
          mb: GOALS.hostileMb,
        }),
      );
    }
    const imports: Measure[] = [];
    let first: Measure | null = null;
    for (let i = 0; i <= options.runs; i++) {
      const result = await post(file, "niveau-4-2000.xlsx", `Banc d'essai import ${i}`);
      if (result.status !== 302)
        throw new Error(`import : HTTP ${result.status} ${result.body.slice(0, 300)}\n${server.errors()}`);
      if (i === 0) first = result.measure;
      else imports.push(result.measure);
    }
    return { imports, first: first!, hostile };
  } finally {
    await server.stop();
  }
}

const options = parseArgs(process.argv.slice(2));
if (options.child) {
  await childMeasure(options.child);
  process.exit(0);
}
const { file, regionId } = await prepare();
writeFileSync(FILE, file);
const local = await inProcess(options, file, regionId);
const http = await overHttp(options, file);
const floorP50 = median(local.floor.map((m) => m.ms));
const ratio = (measures: Measure[]) => (median(measures.map((m) => m.ms)) / floorP50).toFixed(2);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(" / ")} at the end of the run`;
const what = `${CANDIDATES}-candidate Niveau 4 file (${(file.length / 1024).toFixed(0)} KB, 16 marks per candidate)`;
const report = [
  `Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC – ${machine}.`,
  "",
  table(`The ${what}`, [
    row("exceljs bare `load` (the floor), in process", local.floor, null, local.fresh.floor),
    row("archive guard alone (inspect, inflate, rebuild), in process", local.guard, null),
    row("reading and checks (guard, exceljs, cells, registry), in process", local.analysis, null, local.fresh.analysis),
    row(
      "import over HTTP, end to end (upload, read, check, one transaction, redirect)",
      http.imports,
      { ms: GOALS.importMs, mb: GOALS.importMb },
      http.first,
    ),
  ]),
  `Ratio to the floor (p50 / exceljs bare load p50): reading and checks ${ratio(local.analysis)}, import end to end ${ratio(http.imports)}. ` +
    '"cold": one run in a fresh process (in process) or the first import after the server started (HTTP).',
  "",
  table("Hostile files, through the guard in process (memory and cold time: fresh process)", local.hostile),
  table('Hostile files over HTTP ("Lancer l\'import", timed to the answer; server memory)', http.hostile),
].join("\n");
console.log(report);
writeFileSync(`${DATA_DIR}/import.json`, JSON.stringify({ machine, local, http }, null, 2));
