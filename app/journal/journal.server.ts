import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

/** The events of the security journal, with the label an administrator reads. */
export const JOURNAL_KINDS = {
  login_succeeded: "Connexion réussie",
  login_failed: "Connexion échouée",
  login_throttled: "Connexion refusée (trop de tentatives)",
  logout: "Déconnexion",
  password_changed: "Mot de passe changé",
  password_reset_requested: "Réinitialisation demandée",
  password_reset_done: "Mot de passe réinitialisé",
  invitation_sent: "Invitation envoyée",
  invitation_accepted: "Invitation acceptée",
  user_disabled: "Utilisateur désactivé",
  user_enabled: "Utilisateur réactivé",
  user_scopes_changed: "Portées modifiées",
  access_refused: "Accès refusé",
  personal_data_exported: "Export de données personnelles",
} as const;

export type JournalKind = keyof typeof JOURNAL_KINDS;

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
