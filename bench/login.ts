/**
 * `tsx bench/login.ts [--no-build] [--seconds 20] [--clients 2,4,8] [--workers 2] [--hashes 8]`
 *
 * What a login costs with scrypt at today's parameters (db/password.ts: N = 2^17, r = 8, p = 1):
 *
 * 1. In this process: `hashPassword` and `verifyPassword` one after the other, wall and CPU time per
 *    hash (the CPU of libuv's thread that runs scrypt is counted: it is this process's), and the
 *    memory one hash takes (the peak resident size grows by it: scrypt's 128 · N · r bytes).
 * 2. Over HTTP: the production server (`node scripts/start.js`, `--workers` processes, two by
 *    default) on a fresh database holding 64 accounts; `--clients` logins at once, each one as a
 *    browser makes it (GET /connexion for its cookie and token, then POST /connexion, answered by a
 *    302), for `--seconds` each. Logins per second, latency p50/p95, the servers' CPU per login.
 *    Each account logs in at most once every few seconds and always with its right password, so the
 *    throttle (failures only) never answers.
 */
import { mkdir, rm } from "node:fs/promises";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { PASSWORD_PARAMS, hashPassword, verifyPassword } from "../db/password";
import { build, startServer } from "./server";
import { treeCpuTimeMs } from "./proc";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const SECONDS = Number(option("seconds", "20"));
const CLIENTS = option("clients", "2,4,8").split(",").map(Number);
const WORKERS = Number(option("workers", "2"));
const HASHES = Number(option("hashes", "8"));
const PASSWORD = "banc-de-mesure-2026";
const ACCOUNTS = 64;
const PORT = 3240;

const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// 1. In process.
console.log(`scrypt N = 2^${Math.log2(PASSWORD_PARAMS.N)}, r = ${PASSWORD_PARAMS.r}, p = ${PASSWORD_PARAMS.p}`);
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const stored = await hashPassword(PASSWORD);
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
const walls: number[] = [];
const start = process.cpuUsage();
for (let i = 0; i < HASHES; i++) {
  const t = performance.now();
  if (!(await verifyPassword(PASSWORD, stored))) throw new Error("mot de passe non reconnu");
  walls.push(performance.now() - t);
}
const cpuPerHash = cpuMs(start) / HASHES;
walls.sort((a, b) => a - b);
const theory = 128 * PASSWORD_PARAMS.N * PASSWORD_PARAMS.r * PASSWORD_PARAMS.p;
console.log(
  `one hash: wall p50 ${quantile(walls, 0.5).toFixed(0)} ms (min ${walls[0].toFixed(0)}, max ${walls[walls.length - 1].toFixed(0)}), CPU ${cpuPerHash.toFixed(0)} ms`,
);
console.log(
  `memory per hash: ${(theory / 2 ** 20).toFixed(0)} MiB by scrypt's formula (128 · N · r · p); peak resident size grew by ${((maxRssAfter - Math.max(maxRssBefore, rssBefore)) / 2 ** 20).toFixed(0)} MiB for the first hash`,
);

// 2. Over HTTP.
const dir = "bench/.data/login";
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const database = `${dir}/login.db`;
{
  const db = openDatabase(database);
  await migrateToLatest(db);
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values(
      Array.from({ length: ACCOUNTS }, (_, i) => ({
        email: `compte-${i}@banc.fr`,
        password_hash: stored,
        name: `Compte ${i}`,
        name_search: `compte ${i}`,
        is_admin: 1,
        licensee_id: null,
        created_at: now,
        state: "active" as const,
      })),
    )
    .execute();
  await db.destroy();
}
if (!process.argv.includes("--no-build")) build();
const server = await startServer(database, PORT, { workers: WORKERS });

const serverCpuMs = () => treeCpuTimeMs(server.process.pid!);

async function oneLogin(email: string): Promise<void> {
  const page = await fetch(`${server.origin}/connexion`);
  const visit = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const response = await fetch(`${server.origin}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: visit.join("; ") },
    body: new URLSearchParams({ csrf, email, password: PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 302) throw new Error(`connexion de ${email} refusée (HTTP ${response.status})`);
}

try {
  await oneLogin("compte-0@banc.fr");
  console.log(`\n${WORKERS} server processes, ${SECONDS} s per run`);
  console.log("| logins at once | logins/s | p50 | p95 | server CPU per login |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const clients of CLIENTS) {
    const latencies: number[] = [];
    let next = 0;
    const cpuStart = serverCpuMs();
    const began = performance.now();
    const until = began + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await oneLogin(`compte-${next++ % ACCOUNTS}@banc.fr`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - began) / 1000;
    const cpu = serverCpuMs() - cpuStart;
    latencies.sort((a, b) => a - b);
    console.log(
      `| ${clients} | ${(latencies.length / elapsed).toFixed(1)} | ${quantile(latencies, 0.5).toFixed(0)} ms | ${quantile(latencies, 0.95).toFixed(0)} ms | ${(cpu / latencies.length).toFixed(0)} ms |`,
    );
  }
} finally {
  await server.stop();
}
