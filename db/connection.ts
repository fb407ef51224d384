import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, SqliteDialect } from "kysely";
import type { Database as Schema } from "./schema";

export type DB = Kysely<Schema>;

/**
 * Opens the database named by a `DATABASE_URL` value: a SQLite file path (`./data/sessions.db`,
 * `file:./x.db` or `:memory:`). WAL journal, `synchronous = NORMAL` (checked: the connection
 * that switches to WAL would otherwise keep FULL), a busy timeout and foreign keys on.
 */
export function openDatabase(url: string): DB {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL : PostgreSQL n'est pas encore pris en charge ; indiquez un fichier SQLite.");
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/, "");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // A 64 MiB page cache (SQLite's default is 2 MB): counts over a federation's sessions read
  // their index from memory instead of through the operating system each time.
  sqlite.pragma("cache_size = -65536");
  const synchronous = sqlite.pragma("synchronous", { simple: true });
  if (synchronous !== 1) throw new Error(`SQLite: synchronous vaut ${String(synchronous)} au lieu de NORMAL (1).`);
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
}
