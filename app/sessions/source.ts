import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** What every function of app/sessions runs on: the database, or the caller's transaction. */
export type Source = Kysely<Database> | Transaction<Database>;

/**
 * Runs `work` in one transaction: the caller's when `source` is one already, otherwise a new one
 * (a read-modify-write is never split over several transactions).
 */
export function inTransaction<T>(source: Source, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return source.isTransaction ? work(source as Transaction<Database>) : source.transaction().execute(work);
}

/** Rows are written in chunks of this many (SQLite's bound on a statement's parameters). */
export const CHUNK = 500;

export async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}
