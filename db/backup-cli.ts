/**
 * `npm run db:backup -- [FILE]`: a checked copy of the database named by DATABASE_URL, taken
 * while the servers run (db/backup.ts). Default FILE: `backups/sessions-AAAAMMJJ-HHMMSS.db`
 * beside the database (`./data/backups/…` by default).
 *
 * `--planifiee --garder N` (used by `npm start` when BACKUP_EVERY is set): the default name,
 * then only the N newest default-named backups are kept, and the result is recorded for the
 * administrator's banner.
 *
 * On a PostgreSQL DATABASE_URL it refuses at once (exit code 1), naming pg_dump.
 */
import {
  backupDirectory,
  BackupError,
  databasePath,
  describeCounts,
  readBackupStatus,
  REFUSED_ON_POSTGRES,
  rotateBackups,
  takeBackup,
  writeBackupStatus,
} from "./backup";
import { isPostgresUrl } from "./dialect";
import { databaseUrlFromEnv } from "./env";

const url = databaseUrlFromEnv();
if (isPostgresUrl(url)) {
  // A SQLite file's copy: PostgreSQL is backed up with its own tools. Nothing recorded for the banner.
  console.error(REFUSED_ON_POSTGRES.backup);
  process.exit(1);
}

const args = process.argv.slice(2);
const scheduled = args.includes("--planifiee");
const keepIndex = args.indexOf("--garder");
const keep = keepIndex >= 0 ? Number(args[keepIndex + 1]) : null;
const files = args.filter((arg, i) => !arg.startsWith("--") && (keepIndex < 0 || i !== keepIndex + 1));
if (files.length > 1 || (keep !== null && !(Number.isInteger(keep) && keep >= 1))) {
  console.error("Usage : npm run db:backup -- [FICHIER]");
  process.exit(2);
}

const dbPath = databasePath(url);
const dir = backupDirectory(dbPath);
const label = scheduled ? "Sauvegarde planifiée" : "Sauvegarde";
console.log(`${label} de ${dbPath} en cours…`);
try {
  const result = await takeBackup(dbPath, files[0]);
  const size = (result.bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  const seconds = (result.milliseconds / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  console.log(`${label} réussie : ${result.file} (${size} Mo en ${seconds} s ; intégrité vérifiée).`);
  console.log(`Lignes : ${describeCounts(result.counts)}.`);
  writeBackupStatus(dir, { ok: true, at: new Date().toISOString(), file: result.file });
  if (keep !== null) {
    const removed = rotateBackups(dir, keep);
    if (removed.length) console.log(`Sauvegardes anciennes supprimées (${keep} gardées) : ${removed.join(", ")}.`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${label} en échec : ${message}`);
  if (scheduled) {
    const previous = readBackupStatus(dir);
    const at = new Date().toISOString();
    writeBackupStatus(dir, {
      ok: false,
      at,
      message,
      since: previous && !previous.ok ? (previous.since ?? previous.at) : at,
    });
  }
  process.exitCode = error instanceof BackupError ? 1 : 3;
}
