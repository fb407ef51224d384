/**
 * `tsx bench/journal-insert.ts [--build bench/.build] [--db FILE] [--email E] [--password P] [--url /sessions] [--count 300]`
 *
 * What writing one security-journal row costs, against what one list page costs: both in this
 * process, without HTTP (as bench/guard.ts). The page: the built app's Remix handler, logged in,
 * `--url` asked `--count` times. The row: `recordSecurityEvent` (app/journal/journal.server.ts) on a
 * connection opened as the app opens it (db/connection.ts: WAL, synchronous FULL):
 *
 * - alone, in its own transaction, as a read writes it (an export, an access refused): one commit,
 *   so one sync of the WAL to disk;
 * - inside the transaction of a change (a login, a password change…): the statement alone, its
 *   commit shared with the change (measured as 100 rows per transaction, divided by 100).
 *
 * Without `--db`, a fresh database of the demo world (`bench/.data/journal/demo.db`, seeded by the
 * app at start as `npm start` does) and `club@demo.fr`. Build first (`tsx bench/login.ts` or
 * `BUILD_DIR=bench/.build node_modules/.bin/remix build`).
 */
import { createRequestHandler, installGlobals } from "@remix-run/node";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { openDatabase } from "../db/connection";
import { recordSecurityEvent } from "../app/journal/journal.server";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

installGlobals();
const buildDir = option("build", "bench/.build");
let database = option("db", "");
if (!database) {
  await rm("bench/.data/journal", { recursive: true, force: true });
  await mkdir("bench/.data/journal", { recursive: true });
  database = "bench/.data/journal/demo.db";
}
if (!existsSync(`${buildDir}/index.js`)) throw new Error(`${buildDir}/index.js absent : compilez d'abord`);
Object.assign(process.env, { DATABASE_URL: database, APP_MODE: "test", DEMO: "on" });
const build = await import(`${process.cwd()}/${buildDir}/index.js`);
const handle = createRequestHandler(build, "production");
const origin = "http://127.0.0.1";
const url = option("url", "/sessions");
const count = Number(option("count", "300"));

const login = await handle(
  new Request(`${origin}/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      email: option("email", "club@demo.fr"),
      password: option("password", "plongee2026"),
    }).toString(),
  }),
);
const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0];
if (login.status !== 302) throw new Error(`connexion refusée (HTTP ${login.status})`);

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs `task` `n` times in batches of `batch`; CPU and wall time per run, the median batch's. */
async function measure(n: number, batch: number, task: () => Promise<unknown>) {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let done = 0; done < n; done += batch) {
    const start = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < batch; i++) await task();
    wall.push((performance.now() - t) / batch);
    cpu.push(cpuMs(start) / batch);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const askPage = async () => {
  const response = await handle(new Request(`${origin}${url}`, { headers: { Cookie: cookie } }));
  if (response.status !== 200) throw new Error(`${url} : HTTP ${response.status}`);
  await response.text();
};
for (let i = 0; i < 30; i++) await askPage();
const page = await measure(count, 50, askPage);
// The list's export, which writes a row alone each time (its own cost included in this figure).
const askExport = async () => {
  const response = await handle(new Request(`${origin}/sessions/export.xlsx`, { headers: { Cookie: cookie } }));
  if (response.status !== 200) throw new Error(`/sessions/export.xlsx : HTTP ${response.status}`);
  await response.arrayBuffer();
};
for (let i = 0; i < 3; i++) await askExport();
const exported = await measure(20, 5, askExport);

const db = openDatabase(database);
const event = {
  kind: "personal_data_exported" as const,
  userId: 1,
  email: "club@demo.fr",
  client: {
    ip: "192.0.2.1",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
  },
  details: "liste des sessions (/sessions/export.xlsx?du=2026-01-01)",
};
for (let i = 0; i < 20; i++) await recordSecurityEvent(db, event);
const alone = await measure(count, 50, () => recordSecurityEvent(db, event));
const inside = await measure(count, 1, () =>
  db.transaction().execute(async (trx) => {
    for (let i = 0; i < 100; i++) await recordSecurityEvent(trx, event);
  }),
);
await db.destroy();

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(2)} %`;
console.log(`page ${url}: ${page.cpu.toFixed(2)} ms CPU, ${page.wall.toFixed(2)} ms wall (median batch of 50)`);
console.log(
  `list export /sessions/export.xlsx: ${exported.cpu.toFixed(2)} ms CPU, ${exported.wall.toFixed(2)} ms wall (median batch of 5)`,
);
console.log(
  `journal row alone (own commit, synced): ${alone.cpu.toFixed(3)} ms CPU (${pct(alone.cpu, page.cpu)} of the page), ${alone.wall.toFixed(3)} ms wall (${pct(alone.wall, page.wall)}); of the export: ${pct(alone.cpu, exported.cpu)} CPU, ${pct(alone.wall, exported.wall)} wall`,
);
console.log(
  `journal row inside a change's transaction: ${(inside.cpu / 100).toFixed(3)} ms CPU (${pct(inside.cpu / 100, page.cpu)} of the page), ${(inside.wall / 100).toFixed(3)} ms wall (${pct(inside.wall / 100, page.wall)})`,
);
