/**
 * The end-to-end database as the test process sees it: synchronous, as the specs are written.
 * The run's SQLite file through better-sqlite3, or, when given a `postgres://` URL
 * (E2E_DATABASE_URL), the same small API on PostgreSQL: a worker thread holds one `pg` client
 * and the test thread waits on a shared flag (Atomics.wait) until the worker has answered.
 *
 * Specs write portable SQL: `?` placeholders (numbered `$1, $2…` for PostgreSQL outside quoted
 * text), `insert … returning id` for a new row's id, no SQLite-only functions.
 */
import Database from "better-sqlite3";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { isPostgresUrl } from "../db/dialect";

export interface SyncStatement {
  /** The first row, or undefined. */
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Runs a statement; `changes`: how many rows it inserted, updated or deleted. */
  run(...params: unknown[]): { changes: number };
}

export interface SyncTransaction<T> {
  (): T;
  /** Run while no other test process writes (SQLite's BEGIN IMMEDIATE; an advisory lock on PostgreSQL). */
  immediate(): T;
}

export interface SyncDatabase {
  prepare(text: string): SyncStatement;
  /** `fn` in one transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(fn: () => T): SyncTransaction<T>;
  close(): void;
}

export function openSyncDatabase(location: string): SyncDatabase {
  if (isPostgresUrl(location)) return openPostgres(location);
  const sqlite = new Database(location);
  // The server and the other project's tests write to the same file.
  sqlite.pragma("busy_timeout = 10000");
  return sqlite;
}

/** `?` → `$1, $2…`, leaving quoted text and identifiers alone. */
export function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (found) => (found === "?" ? `$${++n}` : found));
}

interface Answer {
  rows: Record<string, unknown>[];
  changes: number;
}

/** How long the test thread waits for one statement before giving up. */
const STATEMENT_TIMEOUT_MS = 30_000;

interface Connection {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

/** One connection per test process and database, opened on first use; it never keeps the process alive. */
const connections = new Map<string, Connection>();

function connectionTo(url: string): Connection {
  let connection = connections.get(url);
  if (!connection) {
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL("./sync-db-worker.js", import.meta.url), {
      workerData: { url, flag, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    connection = { worker, port: port1, signal: new Int32Array(flag) };
    connections.set(url, connection);
  }
  return connection;
}

function ask(url: string, text: string, params: unknown[]): Answer {
  const { port, signal } = connectionTo(url);
  Atomics.store(signal, 0, 0);
  port.postMessage({ text, params });
  if (Atomics.wait(signal, 0, 0, STATEMENT_TIMEOUT_MS) === "timed-out") {
    throw new Error(`PostgreSQL did not answer within ${STATEMENT_TIMEOUT_MS} ms: ${text}`);
  }
  const reply = receiveMessageOnPort(port)?.message as (Answer & { error?: undefined }) | { error: Error };
  if (reply.error) throw new Error(`${reply.error.message} (in: ${text})`);
  return reply;
}

function openPostgres(url: string): SyncDatabase {
  let open = true;
  let inTransaction = false;
  const execute = (text: string, params: unknown[] = []) => {
    if (!open) throw new Error("The database handle is closed");
    return ask(url, text, params);
  };
  const transaction = <T>(fn: () => T, lock: boolean): T => {
    if (inTransaction) throw new Error("Transactions do not nest");
    inTransaction = true;
    execute("begin");
    try {
      // One key for every test process: the writers that would race queue up here.
      if (lock) execute("select pg_advisory_xact_lock(20)");
      const result = fn();
      execute("commit");
      return result;
    } catch (error) {
      execute("rollback");
      throw error;
    } finally {
      inTransaction = false;
    }
  };
  return {
    prepare(text) {
      const numbered = numberPlaceholders(text);
      return {
        get: (...params) => execute(numbered, params).rows[0],
        all: (...params) => execute(numbered, params).rows,
        run: (...params) => ({ changes: execute(numbered, params).changes }),
      };
    },
    transaction<T>(fn: () => T) {
      return Object.assign(() => transaction(fn, false), { immediate: () => transaction(fn, true) });
    },
    close() {
      open = false;
    },
  };
}
