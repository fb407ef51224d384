/**
 * Backups and restores of the SQLite database (issue 18, docs/decisions/017-backups-and-durability.md).
 *
 * A backup is SQLite's online backup into a temporary file beside its final name, in one step:
 * one read transaction, so a consistent snapshot holding every commit made before it began,
 * taken while servers keep writing (WAL: writers are never blocked). The copy is checked (integrity, foreign keys, row
 * counts), synced to disk, then linked under its final name, which an existing file never loses.
 * Killed half-way, it leaves only `….partiel-<pid>`, removed by the next backup into that folder.
 */
import Database from "better-sqlite3";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { isPostgresUrl } from "./dialect";
import { migrationNames } from "./migrate";

/** The tables whose row counts a check prints. */
export const MAIN_TABLES = [
  "structures",
  "organisers",
  "licensees",
  "users",
  "exam_sessions",
  "session_candidates",
  "session_jury",
  "certifications_held",
  "audit_log",
] as const;

/** Default backup names: `sessions-AAAAMMJJ-HHMMSS.db`, with `-2`, `-3`… when taken in the same second. */
export const BACKUP_NAME = /^sessions-\d{8}-\d{6}(-\d+)?\.db$/;
const PARTIAL = /\.partiel-(\d+)(-journal)?$/;
export const STATUS_FILE = "etat-sauvegarde.json";

/**
 * What `db:backup` and `db:restore` answer when DATABASE_URL names a PostgreSQL database: they copy
 * a SQLite file; PostgreSQL's own tools back it up (README, « Passer à PostgreSQL »; decision 024).
 */
export const REFUSED_ON_POSTGRES = {
  backup: "Sauvegarde : la base est PostgreSQL ; utilisez pg_dump (voir README, « Passer à PostgreSQL »).",
  restore: "Restauration : la base est PostgreSQL ; utilisez pg_restore (voir README, « Passer à PostgreSQL »).",
} as const;

/** The SQLite file a `DATABASE_URL` value names. */
export function databasePath(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/, "");
}

/** Where backups go by default: `backups/` beside the database (`./data/backups` for `./data/sessions.db`). */
export function backupDirectory(dbPath: string): string {
  return join(dirname(dbPath), "backups");
}

/** `AAAAMMJJ-HHMMSS` in local time. */
export function stamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export class BackupError extends Error {}

export interface DatabaseCheck {
  counts: Record<string, number>;
  migrations: string[];
}

/**
 * Checks a database file: `integrity_check`, `foreign_key_check`, and that it is this
 * application's database (its migrations table); returns row counts and applied migrations.
 * Throws a BackupError in French when something is wrong.
 */
export function checkDatabaseFile(path: string): DatabaseCheck {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${path} : fichier illisible (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (sqlite.pragma("integrity_check") as Record<string, unknown>[]).map((row) =>
        String(Object.values(row)[0]),
      );
    } catch (error) {
      throw new BackupError(
        `${path} n'est pas une base SQLite valide (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    if (integrity.length !== 1 || integrity[0] !== "ok") {
      throw new BackupError(`${path} : contrôle d'intégrité en échec (${integrity.slice(0, 5).join(" ; ")}).`);
    }
    const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
    if (foreignKeys.length > 0) {
      throw new BackupError(`${path} : ${foreignKeys.length} référence(s) cassée(s) (PRAGMA foreign_key_check).`);
    }
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has("kysely_migration")) {
      throw new BackupError(`${path} n'est pas une base de l'application (pas de table kysely_migration).`);
    }
    const migrations = (
      sqlite.prepare("select name from kysely_migration order by name").all() as { name: string }[]
    ).map((m) => m.name);
    const counts: Record<string, number> = {};
    for (const table of MAIN_TABLES) {
      if (tables.has(table))
        counts[table] = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    return { counts, migrations };
  } finally {
    sqlite.close();
  }
}

/** Row counts as one line of French: `exam_sessions 1 234, session_candidates 3 812…`. */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${table} ${n.toLocaleString("fr-FR")}`)
    .join(", ");
}

function syncFile(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string) {
  try {
    syncFile(path);
  } catch {
    // Some systems cannot open a directory for syncing; the rename is then as durable as they make it.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `….partiel-<pid>` files left in a folder by backups that were killed (their process is gone). */
export function removeAbandonedPartials(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = PARTIAL.exec(name);
    if (match && !processAlive(Number(match[1]))) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

export interface BackupResult extends DatabaseCheck {
  file: string;
  bytes: number;
  milliseconds: number;
}

/** A free default name in `dir` for a backup taken at `date`. */
export function defaultBackupFile(dir: string, date = new Date()): string {
  const base = `sessions-${stamp(date)}`;
  let file = join(dir, `${base}.db`);
  for (let n = 2; existsSync(file); n++) file = join(dir, `${base}-${n}.db`);
  return file;
}

/**
 * Takes a backup of the database at `dbPath` into `target` (default: a new `sessions-…db` in
 * the backup folder). Never overwrites a file; never leaves a file under `target` unless it is
 * a checked, synced copy.
 */
export async function takeBackup(dbPath: string, target?: string): Promise<BackupResult> {
  const started = Date.now();
  if (isPostgresUrl(dbPath)) throw new BackupError(REFUSED_ON_POSTGRES.backup);
  if (dbPath === ":memory:") throw new BackupError("DATABASE_URL désigne une base en mémoire : rien à sauvegarder.");
  if (!existsSync(dbPath)) throw new BackupError(`Base introuvable : ${dbPath} (DATABASE_URL).`);
  const file = target ?? defaultBackupFile(backupDirectory(dbPath));
  if (existsSync(file)) throw new BackupError(`${file} existe déjà : choisissez un autre nom.`);
  mkdirSync(dirname(file), { recursive: true });
  removeAbandonedPartials(dirname(file));
  const partial = `${file}.partiel-${process.pid}`;
  try {
    const source = new Database(dbPath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      // SQLite's online backup, every page in one step: one read transaction, so a consistent
      // snapshot that writers in other processes cannot make it start over (page by page, it
      // would restart at each of their commits). Four times quicker than `VACUUM INTO` here.
      await source.backup(partial, { progress: () => Number.MAX_SAFE_INTEGER });
    } finally {
      source.close();
    }
    // The copy is a file on its own: no WAL (the next server that opens it turns WAL on again).
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const check = checkDatabaseFile(partial);
    syncFile(partial);
    try {
      linkSync(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST")
        throw new BackupError(`${file} existe déjà : choisissez un autre nom.`);
      throw error;
    }
    rmSync(partial, { force: true });
    syncDirectory(dirname(file));
    return { ...check, file, bytes: statSync(file).size, milliseconds: Date.now() - started };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Sauvegarde impossible : ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Keeps the `keep` newest default-named backups of `dir` (by name, that is by date); returns those removed. */
export function rotateBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const removed = names.slice(0, Math.max(0, names.length - keep));
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return removed;
}

export interface BackupStatus {
  ok: boolean;
  at: string;
  file?: string;
  message?: string;
  /** When the failures began (kept over consecutive failures). */
  since?: string;
}

export function readBackupStatus(dir: string): BackupStatus | null {
  try {
    return JSON.parse(readFileSync(join(dir, STATUS_FILE), "utf8")) as BackupStatus;
  } catch {
    return null;
  }
}

/** Records the last backup's result where every server process can read it (written whole, then renamed). */
export function writeBackupStatus(dir: string, status: BackupStatus) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, STATUS_FILE);
  const temporary = `${path}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(status, null, 2) + "\n");
  renameSync(temporary, path);
}

/**
 * Whether another connection has the database open: SQLite gives an exclusive lock only when no
 * other connection holds one (a WAL connection keeps a shared lock on the file while it is open,
 * and the system drops it when its process dies). Returns the open connection holding the lock
 * when it got it (the caller closes it), null when the database is in use.
 */
function lockExclusively(dbPath: string): Database.Database | null {
  const sqlite = new Database(dbPath, { fileMustExist: true, timeout: 1000 });
  try {
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("begin exclusive");
    sqlite.exec("commit");
    return sqlite;
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return null;
    throw error;
  }
}

export interface RestoreResult extends DatabaseCheck {
  kept: string | null;
  pending: string[];
}

/**
 * Puts the backup `file` in place of the database at `dbPath`: refuses while the database is
 * in use, checks the file (integrity, foreign keys, schema not newer than this code), keeps
 * the replaced database as `<name>.avant-restauration-<date>.db` (with its -wal/-shm if any).
 */
export function restoreBackup(dbPath: string, file: string, date = new Date()): RestoreResult {
  if (isPostgresUrl(dbPath)) throw new BackupError(REFUSED_ON_POSTGRES.restore);
  if (!existsSync(file)) throw new BackupError(`Sauvegarde introuvable : ${file}.`);
  const directory = dirname(dbPath);
  mkdirSync(directory, { recursive: true });
  const incoming = `${dbPath}.restauration-${process.pid}`;
  try {
    // The copy that will be put in place is the one checked.
    const source = new Database(file, { fileMustExist: true, readonly: true });
    try {
      source.prepare("vacuum into ?").run(incoming);
    } catch (error) {
      throw new BackupError(
        `${file} n'est pas une base SQLite lisible (${error instanceof Error ? error.message : String(error)}).`,
      );
    } finally {
      source.close();
    }
    const check = checkDatabaseFile(incoming);
    const unknown = check.migrations.filter((name) => !migrationNames.includes(name));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} vient d'une version plus récente de l'application (migration ${unknown.join(", ")} inconnue de celle-ci) : ` +
          "installez cette version avant de restaurer.",
      );
    }
    syncFile(incoming);
    let kept: string | null = null;
    if (existsSync(dbPath)) {
      const lock = lockExclusively(dbPath);
      if (!lock) {
        throw new BackupError(
          `La base ${dbPath} est utilisée par un serveur en marche (ou une autre commande) : arrêtez-le, puis relancez la restauration. Rien n'a été modifié.`,
        );
      }
      try {
        lock.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        lock.close();
      }
      const extension = extname(dbPath);
      kept = join(directory, `${basename(dbPath, extension)}.avant-restauration-${stamp(date)}${extension || ".db"}`);
      if (existsSync(kept)) throw new BackupError(`${kept} existe déjà : relancez la restauration dans une seconde.`);
      // Checkpointed: an empty WAL and its index are left behind instead of kept beside it.
      if (existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size === 0) {
        rmSync(`${dbPath}-wal`);
        rmSync(`${dbPath}-shm`, { force: true });
      }
      renameSync(dbPath, kept);
      for (const suffix of ["-wal", "-shm"]) {
        if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, kept + suffix);
      }
    }
    renameSync(incoming, dbPath);
    syncDirectory(directory);
    const pending = migrationNames.filter((name) => !check.migrations.includes(name));
    return { ...check, kept, pending };
  } finally {
    rmSync(incoming, { force: true });
  }
}
