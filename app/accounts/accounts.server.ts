import { type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { recordSecurityEvent, type RequestClient } from "~/journal/journal.server";
import { resetMail, sendMail } from "~/mail/mailer.server";
import { db } from "~/utils/db.server";
import { hashPassword } from "../../db/password";
import { checkPasswordToken, consumePasswordToken, createPasswordToken, type TokenCheck } from "./tokens.server";

type Trx = Kysely<Database> | Transaction<Database>;

/** Ends every login of a user but one (`keep`), or all of them. */
export async function endLogins(trx: Trx, userId: number, keep: string | null = null): Promise<void> {
  let query = trx.deleteFrom("login_sessions").where("user_id", "=", userId);
  if (keep) query = query.where("id", "!=", keep);
  await query.execute();
}

/**
 * « Recevoir un lien »: an active account gets a reset link valid 1 hour; whatever the address,
 * the caller answers the same. The request is journaled either way.
 */
export async function requestPasswordReset(rawEmail: string, client: RequestClient): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const sent = await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "name", "state"])
      .where("email", "=", email)
      .executeTakeFirst();
    const known = user?.state === "active";
    await recordSecurityEvent(trx, {
      kind: "password_reset_requested",
      userId: user?.id ?? null,
      email,
      client,
      details: known ? null : "aucun compte actif pour cette adresse : aucun e-mail envoyé",
    });
    if (!user || !known) return null;
    return { name: user.name, token: await createPasswordToken(trx, user.id, "reset", null) };
  });
  if (sent) {
    await sendMail(resetMail(email, sent.name, sent.token)).catch((error: unknown) => {
      console.error(`Envoi du lien de réinitialisation à ${email} impossible :`, error);
    });
  }
}

export type ChosenPassword = { ok: true; userId: number } | { ok: false; message: string };

/**
 * Sets the password chosen from an invitation or reset link, in one transaction with the link's
 * use, the end of every login of that user and the journal row. The link may have been used
 * meanwhile: then nothing changes.
 */
export async function choosePassword(
  token: string,
  purpose: "invitation" | "reset",
  password: string,
  client: RequestClient,
): Promise<ChosenPassword> {
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx): Promise<ChosenPassword> => {
    const check: TokenCheck = await checkPasswordToken(trx, token, purpose);
    if (!check.ok) return check;
    if (!(await consumePasswordToken(trx, check.tokenId))) return { ok: false, message: "Ce lien a déjà été utilisé." };
    await trx
      .updateTable("users")
      .set({ password_hash: hash, state: "active" })
      .where("id", "=", check.userId)
      .execute();
    // The other links of the same kind are spent too.
    await trx
      .updateTable("password_tokens")
      .set({ used_at: new Date().toISOString() })
      .where("user_id", "=", check.userId)
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .execute();
    await endLogins(trx, check.userId);
    await recordSecurityEvent(trx, {
      kind: purpose === "invitation" ? "invitation_accepted" : "password_reset_done",
      userId: check.userId,
      email: check.email,
      client,
    });
    return { ok: true, userId: check.userId };
  });
}

export async function authUserById(userId: number) {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "is_admin", "licensee_id"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.is_admin === 1,
    licenseeId: user.licensee_id,
  };
}
