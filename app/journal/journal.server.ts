import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

import type { JournalKind } from "./kinds";

export { JOURNAL_KINDS, type JournalKind } from "./kinds";

/** Journal rows are kept this long, then purged. */
export const JOURNAL_RETENTION_DAYS = 400;

/** Who made the request: the IP address (when the server knows it) and the browser. */
export interface RequestClient {
  ip: string | null;
  userAgent: string | null;
}

export interface JournalEvent {
  kind: JournalKind;
  userId?: number | null;
  email?: string | null;
  client?: RequestClient | null;
  details?: string | null;
}

/** Writes one journal row; call it inside the transaction of the change it records. */
export async function recordSecurityEvent(
  trx: Kysely<Database> | Transaction<Database>,
  event: JournalEvent,
  at = new Date(),
): Promise<void> {
  await trx
    .insertInto("security_journal")
    .values({
      at: at.toISOString(),
      kind: event.kind,
      user_id: event.userId ?? null,
      email: event.email ?? null,
      ip: event.client?.ip ?? null,
      user_agent: event.client?.userAgent?.slice(0, 400) ?? null,
      details: event.details ?? null,
    })
    .execute();
}

/** Deletes the rows older than the retention period; returns how many went. */
export async function purgeJournal(db: Kysely<Database>, now = new Date()): Promise<number> {
  const limit = new Date(now.getTime() - JOURNAL_RETENTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const result = await db.deleteFrom("security_journal").where("at", "<", limit).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Who exported: the logged-in user and the request's client. */
export interface Exporter {
  user: { id: number; email: string };
  client: RequestClient;
}

/**
 * Records an export of personal data (a list, a session's workbook, a PV, the journal itself).
 * A read: written alone, before the file is sent.
 */
export async function recordExport(db: Kysely<Database>, exporter: Exporter, details: string): Promise<void> {
  await recordSecurityEvent(db, {
    kind: "personal_data_exported",
    userId: exporter.user.id,
    email: exporter.user.email,
    client: exporter.client,
    details: details.slice(0, 1000),
  });
}
