/**
 * `tsx bench/mix.ts --db FILE [--root DIR] [--users 50] [--seconds 60] [--workers 2] [--port 3900] [--backups]`
 *
 * Fifty users for sixty seconds, each logged in as the gestionnaire of the largest club of a
 * generated database (`npm run db:scale`), each asking one page after the other with no pause:
 * the list (no filter, a title filter, a deep page), a session's page, its PV, the list's export
 * and a session's workbook. Prints, per kind and in all: requests, errors (any answer but 200),
 * p50 and p95 latency, and the peak resident memory of the server's processes (sampled every
 * 200 ms from /proc). `--root` starts another checkout of the app (built there into
 * bench/.build), which is how the figures "before" a change are taken. `--backups`: meanwhile,
 * `npm run db:backup` of the same database one after the other (into a temporary folder), to see
 * what a backup costs the users.
 */
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BENCH_PASSWORD, BENCH_USERS } from "./accounts";
import { BUILD_DIR, login, startServer } from "./server";

function option(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} manquant`);
  return value;
}

const root = resolve(option("root", "."));
const database = resolve(option("db"));
const users = Number(option("users", "50"));
const seconds = Number(option("seconds", "60"));
const workers = Number(option("workers", "2"));
const port = Number(option("port", "3900"));
const withBackups = process.argv.includes("--backups");

// The club's sessions, read once: which pages the users ask for.
const reader = new Database(database, { readonly: true });
const club = reader
  .prepare(
    `select us.organiser_id as id from users u join user_scopes us on us.user_id = u.id where u.email = ? limit 1`,
  )
  .get(BENCH_USERS.club) as { id: number } | undefined;
if (!club) throw new Error(`${BENCH_USERS.club} introuvable dans ${database} (npm run db:scale)`);
const sessionIds = (
  reader.prepare(`select id from exam_sessions where organiser_id = ? order by id desc limit 2000`).all(club.id) as {
    id: number;
  }[]
).map((r) => r.id);
const closedIds = (
  reader
    .prepare(`select id from exam_sessions where organiser_id = ? and status = 'cloturee' order by id desc limit 2000`)
    .all(club.id) as { id: number }[]
).map((r) => r.id);
reader.close();

const result = spawnSync("node_modules/.bin/remix", ["build"], {
  cwd: root,
  env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
  stdio: ["ignore", "ignore", "inherit"],
});
if (result.status !== 0) throw new Error(`la compilation a échoué dans ${root}`);

let seed = 42;
function pick<T>(values: T[]): T {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return values[seed % values.length];
}

type Kind = "liste" | "liste filtrée" | "liste page 50" | "session" | "PV" | "export liste" | "export session";
const kinds: [Kind, number, () => string][] = [
  ["liste", 20, () => "/sessions"],
  ["liste filtrée", 15, () => `/sessions?intitule=${pick(["niveau", "initiateur", "plongeur", "nitrox"])}`],
  ["liste page 50", 10, () => "/sessions?page=50"],
  ["session", 25, () => `/sessions/${pick(sessionIds)}`],
  ["PV", 15, () => `/sessions/${pick(closedIds.length ? closedIds : sessionIds)}/pv`],
  ["export liste", 5, () => `/sessions/export.xlsx?intitule=niveau`],
  ["export session", 10, () => `/sessions/${pick(sessionIds)}/excel.xlsx`],
];
const weightSum = kinds.reduce((sum, [, weight]) => sum + weight, 0);
function nextRequest(): [Kind, string] {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  let at = seed % weightSum;
  for (const [kind, weight, url] of kinds) {
    if (at < weight) return [kind, url()];
    at -= weight;
  }
  throw new Error("unreachable");
}

/** Resident memory of a process and all its descendants, in MB. */
function treeRssMb(pid: number): number {
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, "utf8"))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/** `npm run db:backup` of the database, one after the other until `end`; how long each took. */
async function backupsUntil(end: number): Promise<number[]> {
  const folder = mkdtempSync(join(tmpdir(), "sessions-mix-"));
  const times: number[] = [];
  try {
    for (let i = 0; Date.now() < end; i++) {
      const started = performance.now();
      const code = await new Promise<number | null>((done) =>
        spawn("node_modules/.bin/tsx", ["db/backup-cli.ts", join(folder, `copie-${i}.db`)], {
          env: { ...process.env, DATABASE_URL: database },
          stdio: "ignore",
        }).once("exit", done),
      );
      if (code !== 0) throw new Error(`la sauvegarde a échoué (code ${code})`);
      times.push((performance.now() - started) / 1000);
      rmSync(join(folder, `copie-${i}.db`), { force: true });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return times;
}

const server = await startServer(database, port, { workers, cwd: root });
const pid = server.process.pid!;
try {
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) cookies.push(await login(server.origin, BENCH_USERS.club, BENCH_PASSWORD));
  // Warm up: each kind a few times.
  for (const [, , url] of kinds)
    for (let i = 0; i < 3; i++)
      await (await fetch(server.origin + url(), { headers: { Cookie: cookies[0] } })).arrayBuffer();

  const samples = new Map<Kind, number[]>(kinds.map(([kind]) => [kind, []]));
  const errors = new Map<Kind, number>(kinds.map(([kind]) => [kind, 0]));
  const statuses = new Map<number, number>();
  let peakRss = treeRssMb(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(pid))), 200);
  const end = Date.now() + seconds * 1000;
  const backups = withBackups ? backupsUntil(end) : Promise.resolve([]);
  await Promise.all(
    cookies.map(async (cookie) => {
      while (Date.now() < end) {
        const [kind, url] = nextRequest();
        const start = performance.now();
        let status = 0;
        try {
          const response = await fetch(server.origin + url, { headers: { Cookie: cookie }, redirect: "manual" });
          await response.arrayBuffer();
          status = response.status;
        } catch {
          status = -1;
        }
        samples.get(kind)!.push(performance.now() - start);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status !== 200) errors.set(kind, errors.get(kind)! + 1);
      }
    }),
  );
  clearInterval(sampler);
  const backupTimes = await backups;

  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
  };
  const row = (name: string, values: number[], failed: number) =>
    `| ${name} | ${values.length} | ${failed} | ${quantile(values, 0.5).toFixed(0)} | ${quantile(values, 0.95).toFixed(0)} |`;
  console.log(`${root} — ${users} utilisateurs pendant ${seconds} s, ${workers} processus serveur\n`);
  console.log("| requête | nombre | erreurs | p50 (ms) | p95 (ms) |\n|---|---|---|---|---|");
  for (const [kind] of kinds) console.log(row(kind, samples.get(kind)!, errors.get(kind)!));
  const all = [...samples.values()].flat();
  console.log(
    row(
      "**toutes**",
      all,
      [...errors.values()].reduce((a, b) => a + b, 0),
    ),
  );
  console.log(
    `\n${(all.length / seconds).toFixed(1)} requêtes/s ; statuts : ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  console.log(`Mémoire résidente maximale des processus serveur : ${peakRss.toFixed(0)} Mo`);
  if (withBackups)
    console.log(
      `Sauvegardes pendant la mesure : ${backupTimes.length} (${backupTimes.map((t) => `${t.toFixed(1)} s`).join(", ")})`,
    );
} finally {
  await server.stop();
}
