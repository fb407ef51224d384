// Scheduled backups for `npm start` (issue 18): when BACKUP_EVERY is set, the primary process
// (one per `npm start`, whatever WEB_CONCURRENCY) runs `db/backup-cli.ts --planifiee` in a child
// process every BACKUP_EVERY, keeping the BACKUP_KEEP newest backups. The child does the work
// (the servers' event loops are never blocked by a copy), logs its size, duration and result,
// and records it in backups/etat-sauvegarde.json beside the database, which every server process
// reads to show the administrator a banner while the last backup failed. A child that dies
// without saying (killed, out of memory) is recorded as a failure here.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const UNITS = { s: 1000, m: 60_000, h: 3_600_000, j: 86_400_000, d: 86_400_000 };
const BACKUP_NAME = /^sessions-\d{8}-\d{6}(-\d+)?\.db$/;

/**
 * Logged once by `npm start` when BACKUP_EVERY is set on a PostgreSQL DATABASE_URL: backups copy a
 * SQLite file; PostgreSQL's own tools back it up (README, « Passer à PostgreSQL »; decision 024).
 */
export const SCHEDULE_REFUSED_ON_POSTGRES =
  "Sauvegardes planifiées (BACKUP_EVERY) : la base est PostgreSQL ; aucune n'est programmée, " +
  "utilisez pg_dump (voir README, « Passer à PostgreSQL »).";

/** `6h`, `24h`, `30m`, `1j`, `45s` → milliseconds; null when the value is not a duration. */
export function parseBackupEvery(raw) {
  const match = /^\s*(\d{1,6})\s*([smhjd])\s*$/i.exec(raw ?? "");
  if (!match || Number(match[1]) < 1) return null;
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

/**
 * Reads BACKUP_EVERY and BACKUP_KEEP; null when no backups are scheduled. Prints a French message
 * and exits on a bad value, as the server does for its other variables. On a PostgreSQL
 * DATABASE_URL: null, after saying so once (the server starts; nothing is scheduled).
 */
export function readBackupSchedule(env = process.env) {
  const every = env.BACKUP_EVERY?.trim();
  const keepRaw = env.BACKUP_KEEP?.trim();
  const errors = [];
  const interval = every ? parseBackupEvery(every) : null;
  if (every && interval === null) {
    errors.push(`BACKUP_EVERY : « ${every} » n'est pas une durée valide (par exemple 6h, 24h, 30m).`);
  }
  if (keepRaw && !(/^\d{1,4}$/.test(keepRaw) && Number(keepRaw) >= 1)) {
    errors.push(`BACKUP_KEEP : « ${keepRaw} » n'est pas un nombre de sauvegardes valide (un entier, 1 au moins).`);
  }
  if (errors.length) {
    console.error(errors.join("\n"));
    process.exit(1);
  }
  if (!every) return null;
  const url = env.DATABASE_URL?.trim() || "./data/sessions.db";
  if (/^postgres(ql)?:\/\//i.test(url)) {
    console.error(SCHEDULE_REFUSED_ON_POSTGRES);
    return null;
  }
  const dbPath = url.replace(/^(sqlite|file):(\/\/)?/, "");
  return { interval, keep: keepRaw ? Number(keepRaw) : 14, dbPath, dir: join(dirname(dbPath), "backups") };
}

function newestBackupTime(dir) {
  if (!existsSync(dir)) return null;
  let newest = null;
  for (const name of readdirSync(dir)) {
    if (!BACKUP_NAME.test(name)) continue;
    const time = statSync(join(dir, name)).mtimeMs;
    if (newest === null || time > newest) newest = time;
  }
  return newest;
}

function recordFailure(dir, message) {
  const path = join(dir, "etat-sauvegarde.json");
  let previous = null;
  try {
    previous = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    // no earlier result
  }
  const at = new Date().toISOString();
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${path}.${process.pid}`,
    JSON.stringify(
      { ok: false, at, message, since: previous && !previous.ok ? (previous.since ?? previous.at) : at },
      null,
      2,
    ) + "\n",
  );
  renameSync(`${path}.${process.pid}`, path);
}

/**
 * Starts the schedule: the first backup when the newest one in the folder is BACKUP_EVERY old
 * (at once if it is older, but never in the first minute, while the first server migrates),
 * then every BACKUP_EVERY after each run ends. Returns a function that stops it.
 */
export function startBackupScheduler(schedule, { cwd = process.cwd(), firstDelayMax = 60_000 } = {}) {
  let timer = null;
  let child = null;
  let stopped = false;
  const run = () => {
    const started = Date.now();
    child = spawn(
      process.execPath,
      // One process (the tsx command would start a second one, which a signal to the first may not reach).
      ["--import", "tsx", join(cwd, "db/backup-cli.ts"), "--planifiee", "--garder", String(schedule.keep)],
      { cwd, env: { ...process.env, DATABASE_URL: schedule.dbPath }, stdio: ["ignore", "inherit", "inherit"] },
    );
    child.on("exit", (code, signal) => {
      child = null;
      if (stopped) return;
      if (signal || code === 3 || (code !== 0 && code !== 1)) {
        // The child could not record its own result.
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const message = `le processus de sauvegarde s'est arrêté (${signal ?? `code ${code}`}) après ${seconds} s.`;
        console.error(`Sauvegarde planifiée en échec : ${message}`);
        recordFailure(schedule.dir, message);
      }
      timer = setTimeout(run, schedule.interval);
    });
  };
  const newest = newestBackupTime(schedule.dir);
  const due = newest === null ? 0 : Math.max(0, newest + schedule.interval - Date.now());
  const firstDelay = Math.max(due, Math.min(schedule.interval, firstDelayMax));
  console.log(
    `Sauvegardes planifiées toutes les ${process.env.BACKUP_EVERY?.trim() ?? `${schedule.interval} ms`} dans ${schedule.dir} ` +
      `(${schedule.keep} gardées) ; la prochaine dans ${Math.round(firstDelay / 1000)} s.`,
  );
  timer = setTimeout(run, firstDelay);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    child?.kill("SIGTERM");
  };
}
