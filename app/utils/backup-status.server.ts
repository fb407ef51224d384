import { backupDirectory, databasePath, readBackupStatus } from "../../db/backup";
import { isPostgresUrl } from "../../db/dialect";

export interface BackupFailure {
  since: string;
  message: string;
}

/**
 * The failure of the last scheduled backup, recorded by the process that takes them
 * (scripts/backup-scheduler.js, db/backup-cli.ts) in a file every server process reads;
 * null once a backup succeeded, or when none failed, and always on PostgreSQL (none are scheduled).
 */
export function backupFailure(databaseUrl: string): BackupFailure | null {
  if (isPostgresUrl(databaseUrl)) return null;
  const status = readBackupStatus(backupDirectory(databasePath(databaseUrl)));
  if (!status || status.ok) return null;
  return { since: status.since ?? status.at, message: status.message ?? "" };
}
