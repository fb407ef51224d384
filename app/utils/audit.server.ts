import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "./db.server";

export interface HistoryEntry {
  userId: number | null;
  sessionId?: number | null;
  licenseeId?: number | null;
  /** A stable code: `session_created`, `session_updated`, `candidate_added`, … */
  action: string;
  /** What a reader sees, in French. */
  details?: string | null;
}

/** Writes one history line; call it inside the transaction of the change it records. */
export async function recordHistory(trx: Kysely<Database> | Transaction<Database>, entry: HistoryEntry) {
  await trx
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      user_id: entry.userId,
      session_id: entry.sessionId ?? null,
      licensee_id: entry.licenseeId ?? null,
      action: entry.action,
      details: entry.details ?? null,
    })
    .execute();
}
