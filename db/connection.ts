import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from "kysely";
import type { Database as Schema } from "./schema";

export type DB = Kysely<Schema>;

/**
 * Opens the database named by a `DATABASE_URL` value: a SQLite file path (`./data/sessions.db`,
 * `file:./x.db` or `:memory:`). WAL journal, `synchronous = NORMAL` (checked: the connection
 * that switches to WAL would otherwise keep FULL), a busy timeout and foreign keys on.
 */
export interface OpenOptions {
  /**
   * What a failed query throws instead of its error (the app turns a full disk or a read-only
   * file into a French 503 answer); returning the error itself keeps it.
   */
  mapError?: (error: unknown) => unknown;
}

export function openDatabase(url: string, options: OpenOptions = {}): DB {
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
  const dialect = new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, sqlite, options.mapError);
  return new Kysely<Schema>({ dialect });
}

/**
 * Transactions take the write lock when they begin (`begin immediate`). Several server
 * processes share the file (WEB_CONCURRENCY): a transaction that reads, then writes, would
 * otherwise fail with SQLITE_BUSY_SNAPSHOT when another process wrote in between (a plain
 * `begin` cannot wait for the lock once it has read); this way it waits its turn (busy_timeout)
 * and reads what the other one wrote. Readers are never blocked (WAL).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly sqlite: Database.Database,
    private readonly mapError?: (error: unknown) => unknown,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    const { sqlite, mapError } = this;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    // SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error): a
    // second `rollback` would then fail with "cannot rollback - no transaction is active" and
    // that error, not the first one, would reach the caller.
    driver.rollbackTransaction = async (connection: DatabaseConnection) => {
      if (!sqlite.inTransaction) return;
      await connection.executeQuery(CompiledQuery.raw("rollback"));
    };
    if (mapError) {
      const acquire = driver.acquireConnection.bind(driver);
      const mapped = new WeakSet<DatabaseConnection>();
      driver.acquireConnection = async () => {
        const connection = await acquire();
        if (!mapped.has(connection)) {
          mapped.add(connection);
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = async (query) => {
            try {
              return await execute(query);
            } catch (error) {
              throw mapError(error);
            }
          };
        }
        return connection;
      };
    }
    return driver;
  }
}

/** How many prepared statements a connection keeps (the app has a few hundred query shapes). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares each query it runs; preparing costs as much as running a page's query here
 * (SQLite parses and plans the text again). The connection keeps its prepared statements by SQL
 * text, the least recently used dropped first; a statement still being iterated is never shared.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const known = statements.get(text);
      if (known && !known.busy) {
        statements.delete(text);
        statements.set(text, known);
        return known;
      }
      const statement = sqlite.prepare(text);
      if (known) return statement;
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
