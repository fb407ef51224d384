import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from "kysely";
import { isPostgresUrl } from "./dialect";
import { DEFAULT_POOL_MAX } from "./env";
import type { Database as Schema } from "./schema";

export type DB = Kysely<Schema>;

export interface OpenOptions {
  /** PostgreSQL: how many connections this process keeps at most (`DATABASE_POOL_MAX`). */
  poolMax?: number;
  /**
   * SQLite: what a failed query throws instead of its error (the app turns a full disk or a
   * read-only file into a French 503 answer); returning the error itself keeps it.
   */
  mapError?: (error: unknown) => unknown;
}

/**
 * Opens the database named by a `DATABASE_URL` value: a PostgreSQL server
 * (`postgres://user:password@host:5432/base` or `postgresql://…`), or a SQLite file path
 * (`./data/sessions.db`, `file:./x.db` or `:memory:`).
 *
 * SQLite: WAL journal, `synchronous = FULL` (each commit synced to disk before it returns, so a
 * power loss loses no acknowledged closing or import: decision 017), a busy timeout and foreign
 * keys on.
 */
export function openDatabase(url: string, options: OpenOptions = {}): DB {
  if (isPostgresUrl(url)) return openPostgres(url, options.poolMax ?? DEFAULT_POOL_MAX);
  const path = url.replace(/^(sqlite|file):(\/\/)?/, "");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // A 64 MiB page cache (SQLite's default is 2 MB): counts over a federation's sessions read
  // their index from memory instead of through the operating system each time.
  sqlite.pragma("cache_size = -65536");
  const synchronous = sqlite.pragma("synchronous", { simple: true });
  if (synchronous !== 2) throw new Error(`SQLite: synchronous vaut ${String(synchronous)} au lieu de FULL (2).`);
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

/** `pg`'s type parsers with bigint (counts) and numeric read as JavaScript numbers, as SQLite gives them. */
export const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL through a `pg` pool of at most `max` connections. Counts (`count(*)`, bigint) and
 * `numeric` results are read as JavaScript numbers, as SQLite gives them (a count of sessions
 * stays far below 2^53); dates are stored as ISO text on both, so no date parsing is involved.
 */
function openPostgres(connectionString: string, max: number): DB {
  const pool = new pg.Pool({ connectionString, max, types: pgTypes });
  // An idle connection the server closed (restart, failover) must not bring the process down.
  pool.on("error", (error) => console.error(`PostgreSQL : connexion perdue (${error.message}).`));
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}
