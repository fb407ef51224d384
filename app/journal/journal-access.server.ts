import { json } from "@remix-run/node";
import { db } from "~/utils/db.server";
import type { Viewer } from "~/utils/scope.server";
import { recordSecurityEvent } from "./journal.server";

export const JOURNAL_NOT_ALLOWED = "Le journal de sécurité est réservé à l'administrateur.";

/** Only the administrator reads the journal; anybody else's attempt is refused (403) and journaled. */
export async function requireJournalReader(viewer: Viewer): Promise<void> {
  if (viewer.user.isAdmin) return;
  await recordSecurityEvent(db, {
    kind: "access_refused",
    userId: viewer.user.id,
    email: viewer.user.email,
    client: viewer.client,
    details: `${viewer.asked} : journal de sécurité`,
  });
  throw json({ message: JOURNAL_NOT_ALLOWED }, { status: 403 });
}
