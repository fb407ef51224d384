// `npm start`: serves the built app (server/app.js: express, the request guard, Remix), building it
// first when there is no build.
// NODE_ENV as given by the operator decides the mode (production: SESSION_SECRET required,
// Secure cookies); the server itself always runs React's production build.
//
// WEB_CONCURRENCY processes serve the port together (node:cluster; default: one per processor,
// SQLite in WAL mode lets them read at the same time). The first one starts alone, so that the
// migrations and the demo world are done once, before the others start.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { readBackupSchedule, startBackupScheduler } from "./backup-scheduler.js";
import { compressBuild } from "./compress-assets.js";

const buildDir = process.env.BUILD_DIR ?? "build";

function workerCount() {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw === undefined || raw === "") return availableParallelism();
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1) {
    console.error(`WEB_CONCURRENCY : « ${raw} » n'est pas un nombre de processus valide (de 1 à 99).`);
    process.exit(1);
  }
  return Number(raw);
}

async function serve() {
  process.env.APP_MODE ??= process.env.NODE_ENV === "production" ? "production" : "development";
  process.env.NODE_ENV = "production";
  const { startServer } = await import("../server/app.js");
  await startServer(buildDir);
}

function supervise(count) {
  let stopping = false;
  let started = false;
  const fork = () => cluster.fork();
  // The first worker has booted (migrations, demo world) once it listens: then the others.
  cluster.once("listening", () => {
    started = true;
    for (let i = 1; i < count; i++) fork();
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!started) process.exit(code ?? 1); // the start failed (its message is already printed)
    console.error(`Processus ${worker.process.pid} arrêté (${signal ?? `code ${code}`}) : relancé.`);
    fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const worker of workers) worker?.process.kill(signal);
    });
  }
  fork();
}

if (cluster.isPrimary) {
  if (!existsSync(`${buildDir}/index.js`)) {
    console.log("Aucune compilation trouvée : compilation de l'application…");
    execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
  }
  // The brotli copies of the build's scripts, once, before any process serves them.
  await compressBuild();
  const count = workerCount();
  // Scheduled backups (BACKUP_EVERY): taken by this primary process only, in a child process.
  const backups = readBackupSchedule();
  if (backups) {
    const stop = startBackupScheduler(backups);
    for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, stop);
  }
  if (count === 1) await serve();
  else supervise(count);
} else {
  // The server closes itself on these signals, but a worker's channel to the primary
  // would keep it alive: leave the cluster instead (stops accepting, lets the requests under
  // way finish, then exits), and exit anyway if that takes more than ten seconds.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      cluster.worker?.disconnect();
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  await serve();
}
