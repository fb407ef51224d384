/**
 * `npm run db:restore -- FILE`: puts a backup in place of the database named by DATABASE_URL,
 * servers stopped (db/backup.ts, restoreBackup). The next `npm start` migrates it if it is older.
 * On a PostgreSQL DATABASE_URL it refuses at once (exit code 1), naming pg_restore.
 */
import { BackupError, databasePath, describeCounts, REFUSED_ON_POSTGRES, restoreBackup } from "./backup";
import { isPostgresUrl } from "./dialect";
import { databaseUrlFromEnv } from "./env";

const url = databaseUrlFromEnv();
if (isPostgresUrl(url)) {
  console.error(REFUSED_ON_POSTGRES.restore);
  process.exit(1);
}

const files = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (files.length !== 1) {
  console.error("Usage : npm run db:restore -- FICHIER");
  process.exit(2);
}
const dbPath = databasePath(url);
try {
  const result = restoreBackup(dbPath, files[0]);
  console.log(`Base restaurée depuis ${files[0]} dans ${dbPath} (intégrité vérifiée).`);
  console.log(`Lignes : ${describeCounts(result.counts)}.`);
  if (result.kept) console.log(`L'ancienne base est conservée sous ${result.kept}.`);
  if (result.pending.length) {
    console.log(`La sauvegarde date d'une version plus ancienne : npm start appliquera ${result.pending.join(", ")}.`);
  }
} catch (error) {
  console.error(`Restauration refusée : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof BackupError ? 1 : 3;
}
